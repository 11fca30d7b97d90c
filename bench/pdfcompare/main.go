// Command pdfcompare measures how faithfully PDF text extractors recover
// the seed minutes from their PDFs, and how fast: rsc.io/pdf (pure Go),
// poppler's pdftotext in its -layout and -raw modes, and gijigraph's
// extract/pdftext (pdftotext -bbox with lines rebuilt). It is a module
// of its own so that the comparison's dependencies stay out of
// gijigraph's go.mod. Run it with bench/pdfcompare/run.sh.
package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"rsc.io/pdf"

	"github.com/gijigraph/gijigraph/extract"
	"github.com/gijigraph/gijigraph/extract/pdftext"
	"github.com/gijigraph/gijigraph/extract/source"
)

type extractor struct {
	name string
	run  func(data []byte, path string) (string, error)
}

func main() {
	testdata := "../../extract/source/testdata"
	seeds := "../../seeds"
	pdfs, _ := filepath.Glob(filepath.Join(testdata, "*.pdf"))
	xs := []extractor{
		{"rsc.io/pdf v0.1.1", rscPDF},
		{"pdftotext -raw", tool("-raw")},
		{"pdftotext -layout", tool("-layout")},
		{"gijigraph pdftext", func(data []byte, _ string) (string, error) {
			t, err := pdftext.Read(context.Background(), data)
			if err != nil {
				return "", err
			}
			return t.Text, nil
		}},
	}
	fmt.Println("| extractor | PDF | text recovered (8-char shingles) | lines as in the seed | model equals the text's | ms |")
	fmt.Println("|---|---|---|---|---|---|")
	for _, p := range pdfs {
		name := strings.TrimSuffix(filepath.Base(p), ".pdf")
		seed, _, _ := strings.Cut(name, ".")
		want, err := os.ReadFile(filepath.Join(seeds, seed+".txt"))
		if err != nil {
			panic(err)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			panic(err)
		}
		wantModel := model(filepath.Join(seeds, seed+".txt"), string(want))
		for _, x := range xs {
			start := time.Now()
			got, err := x.run(data, p)
			ms := time.Since(start).Milliseconds()
			if err != nil {
				fmt.Printf("| %s | %s | error: %v | | | %d |\n", x.name, filepath.Base(p), err, ms)
				continue
			}
			same := "no"
			if m := model(p+".txt", got); m != "" && m == wantModel {
				same = "yes"
			}
			fmt.Printf("| %s | %s | %.1f%% | %.1f%% | %s | %d |\n", x.name, filepath.Base(p), 100*shingles(string(want), got), 100*lines(string(want), got), same, ms)
		}
	}
}

func tool(mode string) func([]byte, string) (string, error) {
	return func(data []byte, _ string) (string, error) {
		cmd := exec.Command("pdftotext", "-q", mode, "-enc", "UTF-8", "-", "-")
		cmd.Stdin = bytes.NewReader(data)
		out, err := cmd.Output()
		return string(out), err
	}
}

// rscPDF reads each page's text runs with rsc.io/pdf and rebuilds lines
// the simple way: runs sorted by baseline, then left to right.
func rscPDF(data []byte, _ string) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for i := 1; i <= r.NumPage(); i++ {
		p := r.Page(i)
		if p.V.IsNull() {
			continue
		}
		ts := p.Content().Text
		sort.SliceStable(ts, func(a, c int) bool {
			if d := ts[a].Y - ts[c].Y; d > 1 || d < -1 {
				return ts[a].Y > ts[c].Y
			}
			return ts[a].X < ts[c].X
		})
		lastY := 0.0
		for j, t := range ts {
			if j > 0 && (t.Y-lastY > 1 || lastY-t.Y > 1) {
				b.WriteByte('\n')
			}
			lastY = t.Y
			b.WriteString(t.S)
		}
		b.WriteString("\n\f")
	}
	return b.String(), nil
}

func strip(s string) []rune {
	var out []rune
	for _, r := range s {
		if !unicode.IsSpace(r) && r != '\u3000' {
			out = append(out, r)
		}
	}
	return out
}

// shingles is the share of the seed's 8-character runs (white space
// removed) found in the extracted text: it falls with every character
// lost, wrong or out of order.
func shingles(want, got string) float64 {
	w, g := strip(want), strip(got)
	have := map[string]bool{}
	for i := 0; i+8 <= len(g); i++ {
		have[string(g[i:i+8])] = true
	}
	n, hit := 0, 0
	for i := 0; i+8 <= len(w); i++ {
		n++
		if have[string(w[i:i+8])] {
			hit++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(hit) / float64(n)
}

// lines is the share of the seed's short lines (under 40 characters:
// headings, attendees, markers; a long line wraps on the page) found as
// lines, white space removed, in the extracted text.
func lines(want, got string) float64 {
	have := map[string]bool{}
	for _, l := range strings.FieldsFunc(got, func(r rune) bool { return r == '\n' || r == '\f' }) {
		have[string(strip(l))] = true
	}
	n, hit := 0, 0
	for _, l := range strings.Split(want, "\n") {
		s := string(strip(l))
		if s == "" || len([]rune(s)) >= 40 {
			continue
		}
		n++
		if have[s] {
			hit++
		}
	}
	return float64(hit) / float64(max(n, 1))
}

// model is the extracted model of text, without offsets and line
// breaks, or "" when the extractor fails on it.
func model(path, text string) string {
	docs, err := source.Read(context.Background(), path, []byte(text))
	if err != nil || len(docs) != 1 {
		return ""
	}
	d := docs[0]
	var b strings.Builder
	fmt.Fprintf(&b, "%+v\n", d.Meeting)
	for _, a := range d.Attendees {
		fmt.Fprintf(&b, "%s|%s|%s\n", a.Name, a.Title, a.HQRole)
	}
	for _, s := range d.Speeches {
		fmt.Fprintf(&b, "%s|%s|%s\n", s.Speaker, s.Marker, string(strip(s.Text)))
	}
	_ = extract.ErrEmpty
	return b.String()
}
