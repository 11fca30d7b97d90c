// Package pdftext reads the text layer of a PDF in reading order, one
// line of the page to a line of text, by running poppler's pdftotext for
// the position of every word and rebuilding the lines from the positions.
package pdftext

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Errors a caller can test for with errors.Is.
var (
	// ErrNoTool: pdftotext is not installed.
	ErrNoTool = errors.New("pdftotext not found: install the Debian package poppler-utils (apt-get install poppler-utils)")
	// ErrNoText: the PDF has pages but no text layer, as a scan has.
	ErrNoText = errors.New("PDF has no text layer (a scanned image?): run OCR on it first, e.g. ocrmypdf -l jpn")
	// ErrEncrypted: the PDF needs a password.
	ErrEncrypted = errors.New("PDF is encrypted")
	// ErrBroken: pdftotext could not read the PDF.
	ErrBroken = errors.New("PDF is damaged or truncated")
)

// Tool is the pdftotext command to run; tests and users may point it at
// another build.
var Tool = "pdftotext"

// Text is the text of a PDF.
type Text struct {
	// Text holds the lines of every page, "\n" after each line and "\f"
	// between pages.
	Text string
	// Pages is the number of pages.
	Pages int
}

// Word is one word with its box on the page, in points from the top left.
type Word struct {
	XMin, YMin, XMax, YMax float64
	Text                   string
}

// Page is the words of one page.
type Page struct {
	Width, Height float64
	Words         []Word
}

// Read extracts the text of the PDF in data.
func Read(ctx context.Context, data []byte) (*Text, error) {
	pages, err := Words(ctx, data)
	if err != nil {
		return nil, err
	}
	return Layout(pages)
}

// Words runs pdftotext -bbox on data and returns the words of each page.
func Words(ctx context.Context, data []byte) ([]Page, error) {
	path, err := exec.LookPath(Tool)
	if err != nil {
		return nil, ErrNoTool
	}
	cmd := exec.CommandContext(ctx, path, "-q", "-bbox", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if runErr != nil {
		// -q silences the messages; run again without it to say why.
		msg := explain(ctx, path, data)
		if ee := (*exec.ExitError)(nil); errors.As(runErr, &ee) && ee.ExitCode() == 3 || strings.Contains(msg, "password") {
			return nil, ErrEncrypted
		}
		if msg == "" {
			msg = runErr.Error()
		}
		return nil, fmt.Errorf("%w: %s", ErrBroken, msg)
	}
	pages, err := parseBBox(stdout.Bytes())
	if err != nil {
		return nil, fmt.Errorf("%w: reading pdftotext output: %v", ErrBroken, err)
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("%w: no pages", ErrBroken)
	}
	return pages, nil
}

// explain reruns pdftotext to collect its first error message.
func explain(ctx context.Context, path string, data []byte) string {
	cmd := exec.CommandContext(ctx, path, "-enc", "UTF-8", "-l", "1", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	_ = cmd.Run()
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(l, "Error") {
			return strings.TrimSpace(l)
		}
	}
	return strings.TrimSpace(stderr.String())
}

// parseBBox reads the XHTML that pdftotext -bbox writes.
func parseBBox(out []byte) ([]Page, error) {
	d := xml.NewDecoder(bytes.NewReader(out))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	var pages []Page
	var w *Word
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return pages, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "page":
				pages = append(pages, Page{Width: attr(t, "width"), Height: attr(t, "height")})
			case "word":
				if len(pages) == 0 {
					return nil, errors.New("word outside a page")
				}
				w = &Word{XMin: attr(t, "xMin"), YMin: attr(t, "yMin"), XMax: attr(t, "xMax"), YMax: attr(t, "yMax")}
			}
		case xml.CharData:
			if w != nil {
				w.Text += string(t)
			}
		case xml.EndElement:
			if t.Name.Local == "word" && w != nil {
				p := &pages[len(pages)-1]
				if s := clean(w.Text); s != "" {
					w.Text = s
					p.Words = append(p.Words, *w)
				}
				w = nil
			}
		}
	}
}

func attr(t xml.StartElement, name string) float64 {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			f, err := strconv.ParseFloat(a.Value, 64)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				return 0
			}
			return f
		}
	}
	return 0
}

// clean maps the vertical presentation forms of kana and punctuation
// (︵, ︒ …) back to their ordinary forms, and drops control characters.
func clean(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= 0xFE10 && r <= 0xFE19, r >= 0xFE30 && r <= 0xFE4F:
			b.WriteString(norm.NFKC.String(string(r)))
		case unicode.IsControl(r), r == '\uFFFD':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Layout rebuilds the lines of each page from the words: words whose
// boxes share a baseline form a line, read left to right; a page split
// into columns by a clear gutter is read column by column; running
// headers and footers repeated on most pages are dropped.
func Layout(pages []Page) (*Text, error) {
	var all [][]textLine
	words := 0
	for _, p := range pages {
		words += len(p.Words)
		all = append(all, pageLines(p))
	}
	if words == 0 {
		return nil, ErrNoText
	}
	dropRunning(all)
	var b strings.Builder
	for i, lines := range all {
		if i > 0 {
			b.WriteByte('\f')
		}
		for j, l := range lines {
			// A gap of more than a line's height between two lines is a
			// blank line, as a paragraph break is in the source.
			if j > 0 && l.y0-lines[j-1].y1 > (lines[j-1].y1-lines[j-1].y0) {
				b.WriteByte('\n')
			}
			b.WriteString(l.text)
			b.WriteByte('\n')
		}
	}
	return &Text{Text: b.String(), Pages: len(pages)}, nil
}

type textLine struct {
	y0, y1 float64
	words  []Word
	text   string
}

func pageLines(p Page) []textLine {
	var out []textLine
	for _, col := range columns(p) {
		out = append(out, lines(col)...)
	}
	return out
}

// columns splits the words of a page at a vertical gutter that no word
// crosses and that has words on both sides over most of the page's
// height; without one, the page is one column.
func columns(p Page) [][]Word {
	ws := p.Words
	if len(ws) < 20 || p.Width <= 0 {
		return [][]Word{ws}
	}
	// Candidate gutters: x positions in the middle half of the page that
	// no word covers.
	lo, hi := p.Width*0.3, p.Width*0.7
	const step = 2.0
	best, bestScore := -1.0, 0
	for x := lo; x <= hi; x += step {
		left, right, crossed := 0, 0, false
		for _, w := range ws {
			switch {
			case w.XMax <= x:
				left++
			case w.XMin >= x:
				right++
			default:
				crossed = true
			}
			if crossed {
				break
			}
		}
		if crossed {
			continue
		}
		if s := min(left, right); s > bestScore {
			best, bestScore = x, s
		}
	}
	// Both sides must hold a real share of the page's words and span
	// most of its height: a left-aligned list with a blank right margin
	// is one column.
	if best < 0 || bestScore < len(ws)/5 {
		return [][]Word{ws}
	}
	var l, r []Word
	for _, w := range ws {
		if w.XMax <= best {
			l = append(l, w)
		} else {
			r = append(r, w)
		}
	}
	if span(l) < 0.5*span(ws) || span(r) < 0.5*span(ws) {
		return [][]Word{ws}
	}
	return [][]Word{l, r}
}

func span(ws []Word) float64 {
	if len(ws) == 0 {
		return 0
	}
	y0, y1 := ws[0].YMin, ws[0].YMax
	for _, w := range ws {
		y0, y1 = min(y0, w.YMin), max(y1, w.YMax)
	}
	return y1 - y0
}

// lines groups words into lines by vertical overlap and orders them top
// to bottom, left to right.
func lines(ws []Word) []textLine {
	ws = append([]Word(nil), ws...)
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].YMin < ws[j].YMin })
	var out []textLine
	for _, w := range ws {
		h := w.YMax - w.YMin
		c := (w.YMin + w.YMax) / 2
		placed := false
		// A word is on a line when its middle is within half a height of
		// the line's: boxes as tall as the line spacing (Chromium's) may
		// overlap the next line's, but their middles stay apart.
		for i := len(out) - 1; i >= 0 && i >= len(out)-3; i-- {
			l := &out[i]
			if math.Abs(c-(l.y0+l.y1)/2) < 0.5*math.Min(h, l.y1-l.y0) {
				l.words = append(l.words, w)
				l.y0, l.y1 = math.Min(l.y0, w.YMin), math.Max(l.y1, w.YMax)
				placed = true
				break
			}
		}
		if !placed {
			out = append(out, textLine{y0: w.YMin, y1: w.YMax, words: []Word{w}})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].y0 < out[j].y0 })
	for i := range out {
		out[i].text = joinWords(out[i].words)
	}
	return out
}

// joinWords writes the words of a line left to right. pdftotext splits
// words at spaces and where the font changes, so: two Latin words are
// apart by a space; CJK set solid has no gaps, so any clear gap between
// two characters is a space, except between CJK and a Latin letter or
// digit, where producers add up to a fifth of an em of their own
// (LibreOffice's autospace), so only a wider gap is. A wide gap becomes spaces, about one per half em, so
// that the columns of an attendee table stay apart.
func joinWords(ws []Word) string {
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].XMin < ws[j].XMin })
	var b strings.Builder
	for i, w := range ws {
		if i > 0 {
			prev := ws[i-1]
			h := max(em(w), em(prev), 1)
			gap := w.XMin - prev.XMax
			pr, _ := utf8.DecodeLastRuneInString(prev.Text)
			cr, _ := utf8.DecodeRuneInString(w.Text)
			var least float64
			switch {
			case latin(pr) && latin(cr):
				least = -1
			case latin(pr) && wide(cr), wide(pr) && latin(cr):
				least = 0.3 * h
			default:
				least = 0.15 * h
			}
			if gap > least {
				n := min(max(int(math.Round(gap/(0.5*h))), 1), 40)
				b.WriteString(strings.Repeat(" ", n))
			}
		}
		b.WriteString(w.Text)
	}
	return b.String()
}

func wide(r rune) bool  { return r >= 0x2E80 }
func latin(r rune) bool { return r < 0x2E80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

// em estimates a word's font size: its height, or for a word with
// full-width characters, their width when that is less (some producers
// make every box as tall as the line spacing).
func em(w Word) float64 {
	h := w.YMax - w.YMin
	wide, narrow := 0, 0
	for _, r := range w.Text {
		if r >= 0x2E80 {
			wide++
		} else {
			narrow++
		}
	}
	if wide == 0 {
		// Latin letters are about half an em wide.
		return math.Min(h, 2*(w.XMax-w.XMin)/float64(max(narrow, 1)))
	}
	return math.Min(h, (w.XMax-w.XMin)/(float64(wide)+0.5*float64(narrow)))
}

var digits = regexp.MustCompile(`[0-9０-９]+`)

// dropRunning removes running headers and footers: a first or last line
// of a page whose text, with numbers masked, recurs at the same place on
// at least half the pages (and on three pages or more).
func dropRunning(pages [][]textLine) {
	if len(pages) < 3 {
		return
	}
	for _, end := range []bool{false, true} {
		count := map[string]int{}
		key := func(lines []textLine) (string, bool) {
			if len(lines) == 0 {
				return "", false
			}
			l := lines[0]
			if end {
				l = lines[len(lines)-1]
			}
			return digits.ReplaceAllString(strings.Join(strings.Fields(l.text), ""), "#"), true
		}
		for _, lines := range pages {
			if k, ok := key(lines); ok {
				count[k]++
			}
		}
		for i, lines := range pages {
			k, ok := key(lines)
			if !ok || count[k] < 3 || count[k]*2 < len(pages) {
				continue
			}
			if end {
				pages[i] = lines[:len(lines)-1]
			} else {
				pages[i] = lines[1:]
			}
		}
	}
}
