package extract

import (
	"reflect"
	"strings"
	"testing"
)

func TestSentenceRanges(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"まず、賛成である。次に、二点申し上げる。", []string{"まず、賛成である。", "次に、二点申し上げる。"}},
		{"本当か？そうだ！ Yes! No?", []string{"本当か？", "そうだ！", "Yes!", "No?"}},
		{"「異議なし。」と声あり。続き", []string{"「異議なし。」", "と声あり。", "続き"}},
		{"第一段落\n　第二段落。\n\n", []string{"第一段落", "第二段落。"}},
		{"", nil},
	} {
		var got []string
		for _, r := range sentenceRanges(tc.text) {
			got = append(got, tc.text[r.start:r.end])
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("sentences of %q:\n-want %q\n+got  %q", tc.text, tc.want, got)
		}
	}
	rs := sentenceRanges("一文目。二文目。")
	if r := sentenceAt(rs, len("一文目。二")); r != rs[1] {
		t.Errorf("sentenceAt = %v, want %v", r, rs[1])
	}
}

// TestSentenceAlign checks the mapping of an agenda title joined across a
// line break back to the source.
func TestSentenceAlign(t *testing.T) {
	src := "前置き・「指針」の改定に\n\nついて　後"
	it := AgendaItem{Title: "「指針」の改定について", Start: len("前置き・"), End: len(src) - len("　後")}
	doc := &Document{Text: src}
	m := agendaOffsets(doc, &it)
	for _, tc := range []struct {
		sub  string
		want string
	}{
		{"指針", "指針"},
		{"改定について", "改定に\n\nついて"},
		{"ついて", "ついて"},
		{"「指針」の改定について", "「指針」の改定に\n\nついて"},
	} {
		i := strings.Index(it.Title, tc.sub)
		s, e := m.span(i, i+len(tc.sub))
		if got := src[s:e]; got != tc.want {
			t.Errorf("%q maps to %q, want %q", tc.sub, got, tc.want)
		}
	}
}
