package pdftext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzLayout fuzzes what pdftext does itself: reading pdftotext's -bbox
// output and rebuilding lines from the word boxes. (pdftotext is fuzzed
// by its own project.)
func FuzzLayout(f *testing.F) {
	f.Add([]byte(`<html><body><doc><page width="595" height="842"><word xMin="56.8" yMin="58.8" xMax="202.8" yMax="71.8">サイバー</word><word xMin="56.8" yMin="84.8" xMax="66.8" yMax="97.8">第</word><word xMin="68.8" yMin="84.8" xMax="80.8" yMax="97.8">17</word></page></doc></body></html>`))
	f.Add([]byte(`<page width="100" height="100"><word xMin="NaN" yMin="-1" xMax="1e308" yMax="0">&amp;&#xFE11;</word></page><page></page>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		pages, err := parseBBox(data)
		if err != nil || len(pages) == 0 {
			return
		}
		got, err := Layout(pages)
		if err != nil {
			return
		}
		if !utf8.ValidString(got.Text) {
			t.Error("text is not UTF-8")
		}
		if n := strings.Count(got.Text, "\f") + 1; n != got.Pages {
			t.Errorf("%d pages in the text, %d reported", n, got.Pages)
		}
	})
}
