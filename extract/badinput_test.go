package extract

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
)

// vrRead reads a file of testdata/variations.
func vrRead(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(vrDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// vrCutAfter returns data up to and including the first occurrence of
// marker, which must exist.
func vrCutAfter(t *testing.T, data []byte, marker string) []byte {
	t.Helper()
	i := bytes.Index(data, []byte(marker))
	if i < 0 {
		t.Fatalf("cut marker %q not found", marker)
	}
	return bytes.Clone(data[:i+len(marker)])
}

// vrLastLine is the 1-based number of the last line of data (a final
// line break does not start a new line).
func vrLastLine(data []byte) int {
	return bytes.Count(bytes.TrimSuffix(data, []byte("\n")), []byte("\n")) + 1
}

// vrParseSafe runs Parse and turns a panic into a test failure.
func vrParseSafe(t *testing.T, path string, data []byte) (d *Document, err error) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("Parse(%q) panicked: %v", path, r)
		}
	}()
	return Parse(path, data)
}

func TestBadInput(t *testing.T) {
	v01 := vrRead(t, "v01_header_spaced_era.txt")
	sjis := vrRead(t, "v17_encoding.sjis")
	u16 := vrRead(t, "v17_encoding.utf16")

	// A minutes file cut in the middle of a sentence of a speech is read
	// as far as it goes (TestIncomplete).
	// The same file cut in the middle of the 3-byte UTF-8 of 大 (東京大会).
	midRune := vrCutAfter(t, v01, " 次期戦略は、2020年東京")
	midRune = append(midRune, "大"[:2]...)
	// Shift_JIS cut after the lead byte of the full-width space that
	// begins 遠藤's speech.
	marker, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte("○（遠藤本部員）\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	sjCut := vrCutAfter(t, sjis, string(marker))
	sjCut = append(sjCut, sjis[len(sjCut)])
	if sjCut[len(sjCut)-1] != 0x81 { // the lead byte of U+3000
		t.Fatalf("Shift_JIS cut ends in %#x", sjCut[len(sjCut)-1])
	}
	// UTF-16LE cut to an odd length in the middle of the proceedings.
	u16Cut := u16[:len(u16)/2|1]

	pdf := []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 44 /Filter /FlateDecode >>\nstream\nx\x9c\x00\x01\x02\xff\xfe\x8d\x00\nendstream\nendobj\n")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00")
	noise := make([]byte, 512) // no NUL, not valid UTF-8, Shift_JIS or EUC-JP
	for i := range noise {
		noise[i] = byte(0x80 + (i*7)%0x7f)
	}

	for _, tc := range []struct {
		name string
		path string
		data []byte
		is   error // the sentinel errors.Is must find, nil for any
		// line: 0 = must be 0 (not about one line), -1 = any,
		// -2 = must be > 0, n > 0 = exactly n.
		line int
	}{
		{"empty", "empty.txt", nil, ErrEmpty, 0},
		{"blank", "blank.txt", []byte("\n \r\n\t\u3000\n"), ErrEmpty, 0},
		{"bom only", "bom.txt", []byte("\xef\xbb\xbf"), ErrEmpty, 0},
		{"png", "image.png", png, ErrBinary, -1},
		{"pdf", "minutes.pdf", pdf, ErrBinary, -1},
		{"noise", "noise.bin", noise, nil, -1},
		{"news article", filepath.Join(vrDir, "bad_news.txt"), vrRead(t, "bad_news.txt"), ErrNotMinutes, -2},
		{"readme", filepath.Join(vrDir, "bad_readme.txt"), vrRead(t, "bad_readme.txt"), ErrNotMinutes, -2},
		{"title only", "title.txt", []byte("サイバーセキュリティ戦略本部\n第17回会合 議事概要\n"), nil, -2},
		{"cut mid-character", "cut_rune.txt", midRune, ErrTruncated, vrLastLine(midRune)},
		{"shift_jis cut mid-character", "cut.sjis", sjCut, ErrTruncated, -2},
		{"utf-16 cut mid-character", "cut.utf16", u16Cut, ErrTruncated, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := vrParseSafe(t, tc.path, tc.data)
			if err == nil {
				t.Fatalf("no error; got a document with %d attendees, %d speeches (meeting %+v)", len(d.Attendees), len(d.Speeches), d.Meeting)
			}
			if d != nil {
				t.Errorf("a document as well as the error %v", err)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T) is not an *extract.Error", err, err)
			}
			if e.Path != tc.path {
				t.Errorf("error path %q, want %q", e.Path, tc.path)
			}
			if !strings.HasPrefix(err.Error(), "extract: "+tc.path) {
				t.Errorf("message %q does not start with %q", err.Error(), "extract: "+tc.path)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %q is not %q", err, tc.is)
			}
			switch {
			case tc.line == 0 && e.Line != 0:
				t.Errorf("line %d, want none (%v)", e.Line, err)
			case tc.line == -2 && e.Line <= 0:
				t.Errorf("no line in %q", err)
			case tc.line > 0 && e.Line != tc.line:
				t.Errorf("line %d, want %d (%v)", e.Line, tc.line, err)
			}
			if e.Line > 0 && !strings.HasPrefix(err.Error(), fmt.Sprintf("extract: %s:%d: ", tc.path, e.Line)) {
				t.Errorf("message %q does not name the line", err.Error())
			}
			t.Logf("%v", err)
		})
	}
}

// TestCutBeforeProceedings: minutes cut right after the attendee list are
// read as far as they go (issue 10: many published excerpts end there),
// marked incomplete with a warning naming the last line; Strict refuses
// them.
func TestCutBeforeProceedings(t *testing.T) {
	v01 := vrRead(t, "v01_header_spaced_era.txt")
	noBody := vrCutAfter(t, v01, "中島  明彦  内閣サイバーセキュリティセンター長 \n")
	d, err := Parse("cut_header.txt", noBody)
	if err != nil {
		t.Fatal(err)
	}
	if d.Complete || len(d.Attendees) == 0 || len(d.Speeches) != 0 || d.Meeting.Date == "" {
		t.Fatalf("complete %v, %d attendees, %d speeches, date %q", d.Complete, len(d.Attendees), len(d.Speeches), d.Meeting.Date)
	}
	found := false
	for _, w := range d.Warnings {
		if w.Kind == WarnIncomplete && w.Line == d.Span.Last && w.Line > 0 {
			found = true
		}
	}
	if !found {
		t.Errorf("no incomplete warning naming the last line %d: %+v", d.Span.Last, d.Warnings)
	}
	if err := Strict(d); !errors.Is(err, ErrTruncated) {
		t.Errorf("Strict: %v, want ErrTruncated", err)
	}
}

// TestTruncatedVariationsNoPanic cuts every variation file at many points:
// Parse must never panic, and an error must be an *Error naming the file.
func TestTruncatedVariationsNoPanic(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(vrDir, "v*"))
	if len(files) == 0 {
		t.Fatal("no variation files")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		step := max(1, len(data)/40)
		for n := 0; n < len(data); n += step {
			for _, cut := range []int{n, n + 1} {
				if cut > len(data) {
					continue
				}
				d, err := vrParseSafe(t, f, data[:cut])
				if err != nil {
					var e *Error
					if !errors.As(err, &e) || e.Path != f {
						t.Errorf("%s cut at %d: error %v (%T) is not an *Error naming the file", f, cut, err, err)
					}
					continue
				}
				if d == nil {
					t.Errorf("%s cut at %d: nil document and nil error", f, cut)
				}
			}
		}
	}
}

// TestEncodingsAgree parses the same minutes in UTF-8, UTF-8 with a BOM,
// UTF-8 with CRLF, Shift_JIS (CP932, CRLF) and UTF-16LE with a BOM: the
// meeting, attendees, agenda, speeches, events and decisions must agree.
func TestEncodingsAgree(t *testing.T) {
	base := vrParse(t, "v17_encoding.txt")
	if base.Source.Encoding != "utf-8" {
		t.Errorf("v17_encoding.txt: encoding %q, want utf-8", base.Source.Encoding)
	}
	want := vrComparable(base)
	for _, tc := range []struct{ file, enc string }{
		{"v17_encoding.bom.txt", "utf-8-bom"},
		{"v17_encoding.crlf.txt", "utf-8"},
		{"v17_encoding.sjis", "shift_jis"},
		{"v17_encoding.utf16", "utf-16le"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			raw := vrRead(t, tc.file)
			d := vrParse(t, tc.file)
			vrInvariants(t, d)
			if d.Source.Encoding != tc.enc {
				t.Errorf("encoding %q, want %q", d.Source.Encoding, tc.enc)
			}
			sum := sha256.Sum256(raw)
			if d.Source.Bytes != len(raw) || d.Source.SHA256 != hex.EncodeToString(sum[:]) {
				t.Errorf("source bytes %d sha256 %s; want %d %x", d.Source.Bytes, d.Source.SHA256, len(raw), sum)
			}
			if strings.HasPrefix(d.Text, "\ufeff") {
				t.Errorf("Document.Text keeps the BOM")
			}
			if got := strings.ReplaceAll(d.Text, "\r\n", "\n"); got != base.Text {
				t.Errorf("decoded text differs from the UTF-8 original (modulo CRLF)")
			}
			vrCompare(t, "model", want, vrComparable(d))
		})
	}
}

// vrComparable renders what must not depend on the encoding: everything
// but byte offsets, with CR removed from text.
func vrComparable(d *Document) []string {
	cr := func(s string) string { return strings.ReplaceAll(s, "\r", "") }
	out := []string{fmt.Sprintf("meeting %+v", d.Meeting)}
	for _, a := range d.Attendees {
		out = append(out, fmt.Sprintf("attendee %s|%s|%s|%s|%s|%s|%s|line %d", a.Name, a.Family, a.Given, a.Title, a.Organization, a.OrgKind, a.HQRole, a.Line))
	}
	for _, a := range d.Agenda {
		out = append(out, fmt.Sprintf("agenda %s|%s|line %d", a.Kind, cr(a.Title), a.Line))
	}
	for _, s := range d.Speeches {
		out = append(out, fmt.Sprintf("speech %d|%s|%s|%s|%s|line %d|%q|refers %v", s.Seq, s.Speaker, cr(s.Marker), s.As, cr(s.Section), s.Line, cr(s.Text), s.RefersTo))
	}
	for _, e := range d.Events {
		out = append(out, fmt.Sprintf("event %s|%s|%d|line %d", e.Kind, cr(e.Text), e.After, e.Line))
	}
	for _, x := range d.Decisions {
		out = append(out, fmt.Sprintf("decision %s|%s", cr(x.Title), x.Outcome))
	}
	for _, w := range d.Warnings {
		out = append(out, fmt.Sprintf("warning %s|line %d", w.Kind, w.Line))
	}
	return out
}
