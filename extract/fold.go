package extract

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Folded is text normalised for matching, with a map back to the text it
// came from.
//
// Folding applies NFKC (full-width Latin and digits become ASCII, half-width
// katakana becomes full-width, ① becomes 1, ㈱ becomes (株)), lower-cases
// Latin letters, maps variant kanji used in names to their common forms
// (髙→高, 﨑→崎, 澤→沢, 體→体) and unifies the circle marks 〇 ◯ to ○.
// It is only ever used to find things; the model keeps the source text.
type Folded struct {
	S string
	// off[i] is the byte offset in the original text of byte i of S;
	// off[len(S)] is the length of the original.
	off []int
}

// Orig returns the offset in the original text of byte i of f.S.
func (f *Folded) Orig(i int) int { return f.off[i] }

// Fold folds s for matching. See Folded.
func Fold(s string) *Folded {
	var b strings.Builder
	b.Grow(len(s))
	off := make([]int, 0, len(s)+1)
	var it norm.Iter
	it.InitString(norm.NFKC, s)
	for !it.Done() {
		start := it.Pos()
		seg := it.Next()
		for len(seg) > 0 {
			r, n := utf8.DecodeRune(seg)
			seg = seg[n:]
			r = foldRune(r)
			before := b.Len()
			b.WriteRune(r)
			for j := before; j < b.Len(); j++ {
				off = append(off, start)
			}
		}
	}
	off = append(off, len(s))
	return &Folded{S: b.String(), off: off}
}

// FoldKey folds s for use as a lookup key, without the offset map.
func FoldKey(s string) string {
	s = norm.NFKC.String(s)
	return strings.Map(foldRune, s)
}

func foldRune(r rune) rune {
	switch {
	case 'A' <= r && r <= 'Z':
		return r + ('a' - 'A')
	case r < 0x80:
		return r
	}
	if v, ok := variants[r]; ok {
		return v
	}
	return r
}

// variants maps characters that stand for the same thing in names and
// markers to one form.
var variants = map[rune]rune{
	'〇': '○', '◯': '○', '◎': '○', // speaker marks
	'髙': '高', '﨑': '崎', '嵜': '崎', '邊': '辺', '邉': '辺', '齋': '斎', '齊': '斉',
	'濵': '浜', '濱': '浜', '澤': '沢', '嶋': '島', '國': '国', '體': '体', '廣': '広',
	'櫻': '桜', '瀧': '滝', '眞': '真', '惠': '恵', '德': '徳', '龍': '竜', '冨': '富',
	'〜': '~', '～': '~', '−': '-', '‐': '-', '―': '-', '–': '-', '—': '-',
}
