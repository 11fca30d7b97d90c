package source

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gijigraph/gijigraph/extract"
)

var update = flag.Bool("update", false, "rewrite golden files")

func concepts(t testing.TB) *extract.Concepts {
	t.Helper()
	c, err := extract.LoadConcepts("../../seeds/concepts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func needPdftotext(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (Debian: poppler-utils); .ci/run installs it")
	}
}

func readOne(t *testing.T, path string, c *extract.Concepts) *extract.Document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := Read(context.Background(), path, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("%s: %d documents, want 1", path, len(docs))
	}
	c.Annotate(docs[0])
	return docs[0]
}

var space = regexp.MustCompile(`\s+`)

// model is what must agree between a seed's text and the same minutes in
// another format: everything but line numbers, offsets and how lines were
// broken (a PDF wraps the long lines of a text file).
func model(d *extract.Document) string {
	var b strings.Builder
	m := d.Meeting
	fmt.Fprintf(&b, "meeting %s|%s|%d|%s|%s|%s|%s|%s|%s\n", m.ID, m.Body, m.Number, m.Title, m.Kind, m.Date, m.Start, m.End, m.Place)
	for _, a := range d.Attendees {
		fmt.Fprintf(&b, "attendee %s|%s|%s|%s|%s\n", a.Name, a.Title, a.Organization, a.OrgKind, a.HQRole)
	}
	for _, a := range d.Agenda {
		fmt.Fprintf(&b, "agenda %s|%s\n", a.Kind, a.Title)
		for _, x := range a.Mentions {
			fmt.Fprintf(&b, "  mention %s|%s\n", x.Concept, x.Surface)
		}
	}
	for _, s := range d.Speeches {
		fmt.Fprintf(&b, "speech %d|%s|%s|%s|%s|%s\n", s.Seq, s.Speaker, s.Marker, s.As, s.Section, space.ReplaceAllString(s.Text, ""))
		for _, x := range s.Mentions {
			fmt.Fprintf(&b, "  mention %s|%s|%v\n", x.Concept, x.Surface, x.Implicit)
		}
	}
	for _, e := range d.Events {
		fmt.Fprintf(&b, "event %s|%s|%d\n", e.Kind, e.Text, e.After)
	}
	for _, x := range d.Decisions {
		fmt.Fprintf(&b, "decision %s|%s\n", x.Title, x.Outcome)
	}
	return b.String()
}

// checkOffsets verifies that every offset in d points at its text in
// d.Text.
func checkOffsets(t *testing.T, d *extract.Document) {
	t.Helper()
	for _, s := range d.Speeches {
		for _, x := range s.Mentions {
			if x.Start < 0 || x.End > len(d.Text) || x.Start > x.End {
				t.Errorf("speech %d: mention %s at %d:%d outside the text", s.Seq, x.Concept, x.Start, x.End)
				continue
			}
			if got := d.Text[x.Start:x.End]; space.ReplaceAllString(got, "") != space.ReplaceAllString(x.Surface, "") {
				t.Errorf("speech %d: mention %s: text at %d:%d is %q, surface %q", s.Seq, x.Concept, x.Start, x.End, got, x.Surface)
			}
		}
	}
}

func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	n := 0
	for i := 0; i < max(len(w), len(g)) && n < 10; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "-%s\n+%s\n", wl, gl)
			n++
		}
	}
	return b.String()
}

// TestPDFEqualsText: each seed made into a PDF by LibreOffice Writer and
// by Chromium (testdata/make-pdf.sh) gives the model its text gives.
func TestPDFEqualsText(t *testing.T) {
	needPdftotext(t)
	c := concepts(t)
	pdfs, _ := filepath.Glob("testdata/*.pdf")
	if len(pdfs) < 2 {
		t.Fatal("no seed PDFs in testdata (run testdata/make-pdf.sh)")
	}
	for _, pdf := range pdfs {
		name := strings.TrimSuffix(filepath.Base(pdf), ".pdf")
		seed, _, _ := strings.Cut(name, ".")
		t.Run(name, func(t *testing.T) {
			txt := readOne(t, "../../seeds/"+seed+".txt", c)
			got := readOne(t, pdf, c)
			if got.Source.Format != "pdf" || txt.Source.Format != "text" {
				t.Errorf("formats %q and %q, want pdf and text", got.Source.Format, txt.Source.Format)
			}
			if len(got.Source.PageLines) < 2 || got.Source.PageLines[0] != 1 {
				t.Errorf("page lines %v: want page 1 at line 1 and more pages", got.Source.PageLines)
			}
			if first, last := got.Speeches[0], got.Speeches[len(got.Speeches)-1]; got.Source.PageOf(first.Line) >= got.Source.PageOf(last.Line) {
				t.Errorf("first speech (line %d) on page %d, last (line %d) on page %d", first.Line, got.Source.PageOf(first.Line), last.Line, got.Source.PageOf(last.Line))
			}
			if w, g := model(txt), model(got); w != g {
				t.Errorf("PDF model differs from the text's (-text +pdf):\n%s", diff(w, g))
			}
			checkOffsets(t, got)
		})
	}
}

// htmlPage renders a seed as a minutes page would be published: a site
// header, navigation and footer around it, a <p> per line, the attendee
// list as a table.
func htmlPage(t *testing.T, text, charset string) []byte {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=%s\"><title>議事概要</title>\n<script>var x = \"<p>not text</p>\";</script></head>\n<body>\n", charset)
	b.WriteString("<header><div class=\"logo\">内閣サイバーセキュリティセンター</div><nav><ul><li><a href=\"/\">ホーム</a></li><li><a href=\"/about\">概要</a></li><li>会議</li></ul></nav></header>\n")
	b.WriteString("<div id=\"breadcrumb\">ホーム &gt; 会議 &gt; 議事概要</div>\n<div id=\"contents\">\n")
	inTable := false
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		l = strings.TrimRight(l, " \t")
		if f := strings.Split(l, "\t"); len(f) == 2 {
			if !inTable {
				b.WriteString("<table>\n")
				inTable = true
			}
			fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td></tr>\n", esc(f[0]), esc(f[1]))
			continue
		}
		if inTable {
			b.WriteString("</table>\n")
			inTable = false
		}
		if l == "" {
			continue
		}
		fmt.Fprintf(&b, "<p>%s</p>\n", esc(l))
	}
	if inTable {
		b.WriteString("</table>\n")
	}
	b.WriteString("</div>\n<footer><p>Copyright 内閣官房</p><ul class=\"menu\"><li>サイトマップ</li></ul></footer>\n</body></html>\n")
	return []byte(b.String())
}

func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// TestHTMLEqualsText: each seed as an HTML page, in UTF-8 and in
// Shift_JIS, gives the model its text gives.
func TestHTMLEqualsText(t *testing.T) {
	c := concepts(t)
	seeds, _ := filepath.Glob("../../seeds/*.txt")
	for _, seed := range seeds {
		name := strings.TrimSuffix(filepath.Base(seed), ".txt")
		for _, cs := range []string{"utf-8", "shift_jis"} {
			t.Run(name+"/"+cs, func(t *testing.T) {
				path := filepath.Join("testdata", name+"."+cs+".html")
				if *update {
					data, err := os.ReadFile(seed)
					if err != nil {
						t.Fatal(err)
					}
					page := htmlPage(t, string(data), cs)
					if cs == "shift_jis" {
						page = toShiftJIS(t, page)
					}
					if err := os.WriteFile(path, page, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				txt := readOne(t, seed, c)
				got := readOne(t, path, c)
				if got.Source.Format != "html" || got.Source.Encoding != cs {
					t.Errorf("format %q, encoding %q; want html, %s", got.Source.Format, got.Source.Encoding, cs)
				}
				if strings.Contains(got.Text, "ホーム") || strings.Contains(got.Text, "Copyright") || strings.Contains(got.Text, "not text") {
					t.Errorf("menus, footer or script kept in the text:\n%s", got.Text[:min(len(got.Text), 400)])
				}
				if w, g := model(txt), model(got); w != g {
					t.Errorf("HTML model differs from the text's (-text +html):\n%s", diff(w, g))
				}
				checkOffsets(t, got)
			})
		}
	}
}

// TestGolden: the model of each file under testdata, as extract prints
// it, against testdata/golden/NAME.json.
func TestGolden(t *testing.T) {
	c := concepts(t)
	var files []string
	for _, pat := range []string{"testdata/*.pdf", "testdata/*.html", "testdata/kokkai/*.json", "testdata/kokkai/*.xml"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			if strings.HasSuffix(f, ".pdf") {
				needPdftotext(t)
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			docs, err := Read(context.Background(), f, data)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			for _, d := range docs {
				c.Annotate(d)
				if err := enc.Encode(d); err != nil {
					t.Fatal(err)
				}
			}
			golden := filepath.Join("testdata", "golden", strings.ReplaceAll(strings.TrimPrefix(f, "testdata/"), "/", "_")+".json")
			checkGolden(t, golden, buf.Bytes())
		})
	}
}

func checkGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./extract/source -update to create it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs (run go test ./extract/source -run %s -update to accept):\n%s", golden, t.Name(), diff(string(want), string(got)))
	}
}

// TestBadInput: each reader's bad input is an error that names the file
// and says what is wrong.
func TestBadInput(t *testing.T) {
	pdf, err := os.ReadFile("testdata/2018-04-04_cybersecurity-hq_17.pdf")
	if err != nil {
		t.Fatal(err)
	}
	encrypted, err := os.ReadFile("testdata/bad/encrypted.pdf")
	if err != nil {
		t.Fatal(err)
	}
	scan := []byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
	cases := []struct {
		name, file string
		data       []byte
		pdf        bool
		want       []string
	}{
		{"truncated PDF", "cut.pdf", pdf[:len(pdf)/3], true, []string{"cut.pdf", "damaged or truncated"}},
		{"PDF without text", "scan.pdf", scan, true, []string{"scan.pdf", "no text layer", "OCR"}},
		{"encrypted PDF", "locked.pdf", encrypted, true, []string{"locked.pdf", "PDF is encrypted"}},
		{"not PDF but named so", "x.pdf", []byte("%PDF-1.7\ngarbage"), true, []string{"x.pdf", "PDF"}},
		{"HTML without minutes", "page.html", []byte("<!DOCTYPE html><html><body><nav>メニュー</nav><p>お知らせ</p><p>本日は晴天なり。</p></body></html>"), false, []string{"page.html", "not meeting minutes"}},
		{"HTML with only chrome", "menu.html", []byte("<html><body><header>サイト</header><nav>メニュー</nav></body></html>"), false, []string{"menu.html", "no main text"}},
		{"JSON not from the API", "x.json", []byte(`{"name": "会議", "items": [1, 2]}`), false, []string{"x.json", "unknown format", "not a 国会会議録検索システム API response", "PDF"}},
		{"API error record, JSON", "err.json", []byte(`{"message": "検索条件の入力に誤りがあります。", "details": ["開始位置の指定に誤りがあります。"]}`), false, []string{"err.json", "the API returned an error", "開始位置"}},
		{"API error record, XML", "err.xml", []byte("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<data><message>検索条件の入力に誤りがあります。</message><details><detail>最大取得件数の指定に誤りがあります。</detail></details></data>\n"), false, []string{"err.xml", "the API returned an error", "最大取得件数"}},
		{"truncated API JSON", "cut.json", []byte(`{"numberOfRecords": 3, "meetingRecord": [{"issueID": "1`), false, []string{"cut.json", "JSON truncated"}},
		{"truncated API XML", "cut.xml", []byte("<?xml version=\"1.0\"?>\n<data><numberOfRecords>1</numberOfRecords><records><record><recordData><meetingRecord><issueID>1"), false, []string{"cut.xml", "invalid XML"}},
		{"API response with no records", "none.json", []byte(`{"numberOfRecords": 0, "numberOfReturn": 0, "startRecord": 1}`), false, []string{"none.json", "no records"}},
		{"other XML", "feed.xml", []byte("<?xml version=\"1.0\"?>\n<rss><channel><title>x</title></channel></rss>"), false, []string{"feed.xml", "unknown format", "not a 国会会議録検索システム"}},
		{"Word file", "minutes.docx", []byte("PK\x03\x04\x14\x00\x06\x00rest"), false, []string{"minutes.docx", "unknown format", "ZIP", "PDF", "HTML"}},
		{"binary", "x.bin", []byte("\x00\x01\x02\x03binary\x00data"), false, []string{"x.bin", "unknown format", "PDF"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.pdf {
				needPdftotext(t)
			}
			docs, err := Read(context.Background(), tc.file, tc.data)
			if err == nil {
				t.Fatalf("no error; %d documents", len(docs))
			}
			var xe *extract.Error
			if !errors.As(err, &xe) {
				t.Errorf("error %T is not an *extract.Error", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

// TestNoPdftotext: without pdftotext, a PDF is an error that names the
// Debian package to install.
func TestNoPdftotext(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Read(context.Background(), "a.pdf", []byte("%PDF-1.4\n"))
	if err == nil || !strings.Contains(err.Error(), "poppler-utils") || !strings.Contains(err.Error(), "a.pdf") {
		t.Errorf("error %v: want one naming a.pdf and poppler-utils", err)
	}
}

func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		data string
		want Format
	}{
		{"%PDF-1.7\n", PDF},
		{"\xEF\xBB\xBF<!DOCTYPE html><html>", HTML},
		{"  <!-- c -->\n<html lang=ja>", HTML},
		{`{"numberOfRecords":1,"meetingRecord":[]}`, KokkaiJSON},
		{"<?xml version=\"1.0\"?><data><numberOfRecords>1</numberOfRecords>", KokkaiXML},
		{"サイバーセキュリティ戦略本部\n第17回会合 議事概要\n", Text},
		{"<p>本文</p> as text", Text},
	} {
		got, err := Sniff([]byte(tc.data))
		if err != nil || got != tc.want {
			t.Errorf("Sniff(%q) = %q, %v; want %q", tc.data, got, err, tc.want)
		}
	}
}
