package htmltext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzRead(f *testing.F) {
	f.Add([]byte("<html><body><p>１ 日時</p><p>平成30年４月４日</p></body></html>"), "")
	f.Add([]byte("<!DOCTYPE html><meta charset=shift_jis><pre>\x82\xa0\n\x82\xa2</pre>"), "")
	f.Add([]byte("<table><tr><td>菅 義偉</td><td>内閣官房長官</td></tr></table><nav>x</nav>"), "text/html; charset=euc-jp")
	f.Add([]byte(strings.Repeat("<div>", 2000)+"深い"), "")
	f.Fuzz(func(t *testing.T, data []byte, ct string) {
		got, err := Read(data, ct)
		if err != nil {
			return
		}
		if !utf8.ValidString(got.Text) {
			t.Errorf("text is not UTF-8")
		}
		if strings.TrimSpace(got.Text) == "" {
			t.Errorf("no error, but no text")
		}
	})
}
