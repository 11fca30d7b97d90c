package extract

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// textRange is a byte range [start, end) of some text.
type textRange struct{ start, end int }

// sentenceRanges splits text into sentences. A sentence ends after 。, ！,
// ？, ! or ? (with any closing brackets that follow) or at a line break;
// white space around a sentence is not part of it, and empty sentences
// are dropped.
func sentenceRanges(text string) []textRange {
	var out []textRange
	emit := func(start, end int) {
		s := text[start:end]
		t := strings.TrimLeftFunc(s, cmSpace)
		start += len(s) - len(t)
		t = strings.TrimRightFunc(t, cmSpace)
		if t != "" {
			out = append(out, textRange{start, start + len(t)})
		}
	}
	start := 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch r {
		case '\n', '\r', '\f':
			emit(start, i)
			i += n
			start = i
			continue
		case '。', '！', '？', '!', '?':
			i += n
			for i < len(text) {
				c, m := utf8.DecodeRuneInString(text[i:])
				if !cmClosingBracket(c) {
					break
				}
				i += m
			}
			emit(start, i)
			start = i
			continue
		}
		i += n
	}
	emit(start, len(text))
	return out
}

// sentenceAt returns the sentence of rs that holds byte i: the last one
// starting at or before i.
func sentenceAt(rs []textRange, i int) textRange {
	k := sort.Search(len(rs), func(k int) bool { return rs[k].start > i }) - 1
	if k < 0 {
		if len(rs) == 0 {
			return textRange{i, i}
		}
		k = 0
	}
	return rs[k]
}

func cmClosingBracket(r rune) bool {
	switch r {
	case '」', '』', '）', ')', '】', '〕', '”', '’':
		return true
	}
	return false
}

func cmSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\u3000', '\uFEFF':
		return true
	}
	return false
}

// offsetMap maps byte offsets of a derived text (a speech's joined Text, an
// agenda title) to offsets in the source.
type offsetMap struct {
	text  string
	start func(i int) int // offset of byte i of text in the source
}

// span returns the source offsets of text[i:j]: the start of its first
// byte and the end of its last rune, so that a range that ends where a
// source line ends does not run into the next line.
func (m offsetMap) span(i, j int) (int, int) {
	s := m.start(i)
	if j <= i {
		return s, s
	}
	_, n := utf8.DecodeLastRuneInString(m.text[:j])
	e := m.start(j-n) + n
	if e < s {
		e = s
	}
	return s, e
}

// speechOffsets maps a speech's Text to the source. A Speech decoded from
// JSON has lost its spans: its Text is then aligned with the source range
// it came from, or, without the source, offsets are counted from Start.
func speechOffsets(doc *Document, sp *Speech) offsetMap {
	if len(sp.spans) > 0 {
		return offsetMap{text: sp.Text, start: sp.SourceOffset}
	}
	lo, hi := sp.Start, sp.End
	if doc.Text != "" && 0 <= lo && lo <= hi && hi <= len(doc.Text) {
		spans := alignSpans(sp.Text, doc.Text[lo:hi], lo)
		return offsetMap{text: sp.Text, start: func(i int) int { return mapOffset(spans, i, hi) }}
	}
	return offsetMap{text: sp.Text, start: func(i int) int { return min(max(lo, 0)+i, max(hi, lo)) }}
}

// agendaOffsets maps an agenda title to the source. The title is looked
// up in the item's source range; when it is not there verbatim (it was
// joined across a line break), it is aligned with the source skipping
// white space on either side.
func agendaOffsets(doc *Document, it *AgendaItem) offsetMap {
	title := it.Title
	lo, hi := it.Start, it.End
	if lo < 0 || hi > len(doc.Text) || lo > hi {
		base := max(it.Start, 0)
		return offsetMap{text: title, start: func(i int) int { return base + i }}
	}
	src := doc.Text[lo:hi]
	if k := strings.Index(src, title); k >= 0 {
		base := lo + k
		return offsetMap{text: title, start: func(i int) int { return base + i }}
	}
	spans := alignSpans(title, src, lo)
	return offsetMap{text: title, start: func(i int) int { return mapOffset(spans, i, hi) }}
}

// alignSpans aligns derived (text copied from src with white space
// removed or changed) with src, returning the spans of bytes copied
// verbatim. src starts at byte base of the source.
func alignSpans(derived, src string, base int) []span {
	var spans []span
	i, j := 0, 0
	open := false
	for i < len(derived) && j < len(src) {
		dr, dn := utf8.DecodeRuneInString(derived[i:])
		sr, sn := utf8.DecodeRuneInString(src[j:])
		if dr == sr && dn == sn {
			if !open {
				spans = append(spans, span{text: i, src: base + j})
				open = true
			}
			spans[len(spans)-1].n += dn
			i += dn
			j += sn
			continue
		}
		open = false
		switch {
		case cmSpace(sr):
			j += sn
		case cmSpace(dr):
			i += dn
		default:
			// Not white space on either side: the derived text changed
			// the source. Skip a source rune and hope to resynchronise.
			j += sn
		}
	}
	return spans
}
