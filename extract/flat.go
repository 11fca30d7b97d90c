package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Text flattened onto one line: an HTML page pasted as text, or a viewer
// that joined the lines of a 会議録 with runs of spaces. splitFlat cuts
// such a line where the page had its line breaks: at long runs of white
// space, before a numbered heading ((1)日時, 3.出席者), before a circle
// mark (○遠藤会長, 〇出席委員) that follows white space. Every piece keeps
// the line number and the byte offsets of the original line, so evidence
// still points into the source text.
//
// The same cut before a numbered heading also separates a label written
// on the line of the previous value (…講堂 3.出席者) in files that are not
// flattened.

var (
	// flatGapRe is a run of white space long enough to be a lost line break.
	flatGapRe = regexp.MustCompile(`[ \t\x{3000}]{4,}`)
	// inlineHeadingRe finds a numbered header heading after white space.
	inlineHeadingRe = regexp.MustCompile(`[ \t\x{3000}]+(?:\(\d{1,2}\)|（[0-9０-９]{1,2}）|[0-9０-９]{1,2}[.．、 　]?|第[0-9０-９]{1,2}[ 　]?)[ 　]*(?:日[ 　]*時|開催日時|開会日時|場[ 　]*所|出席者|出席委員|委員氏名|議[ 　]*題|議事次第|議事内容|議事録|議事概要|議事要旨|配布資料|配付資料|会議に付した事件|執行部出席者|委員外議員|議会事務局出席者)`)
	// inlineMarkRe finds a circle mark after white space, or a 〇 label
	// glued to the value before it (第3委員会室〇出席委員).
	inlineMarkRe = regexp.MustCompile(`[ \t\x{3000}|]+[○◯〇◎]|[^ \t\x{3000}][〇◯○](?:出席|欠席|説明|議事|議会事務局|事務局|招集|会議)|[ \t\x{3000}]+<事務局>`)
)

// isFlat reports whether a line holds what should be many lines.
func isFlat(l line) bool {
	if utf8.RuneCountInString(l.text) < 150 {
		return false
	}
	n := len(flatGapRe.FindAllStringIndex(l.text, 4)) + len(inlineHeadingRe.FindAllStringIndex(l.text, 4)) + len(inlineMarkRe.FindAllStringIndex(l.text, 4))
	return n >= 3
}

// splitFlat returns lines with every flattened line cut into pieces, and
// labels on a value's line cut off.
func splitFlat(lines []line) []line {
	var out []line
	changed := false
	for _, l := range lines {
		cuts := flatCuts(l)
		if len(cuts) == 0 {
			out = append(out, l)
			continue
		}
		if !changed {
			changed = true
			out = append(make([]line, 0, len(lines)+len(cuts)), out...)
		}
		prev := 0
		for _, c := range append(cuts, len(l.text)) {
			if c <= prev {
				continue
			}
			piece := l.text[prev:c]
			t := strings.TrimLeftFunc(piece, isSpace)
			lead := len(piece) - len(t)
			off := prev + lead
			t = strings.TrimRightFunc(t, isSpace)
			prev = c
			if strings.Trim(t, "|｜-－—─―_=＝ ") == "" {
				continue // a table rule or cell border left between pieces
			}
			out = append(out, line{n: l.n, start: l.start + off, end: l.start + off + len(t), text: t, key: keyOf(t), indent: lead > 0})
		}
	}
	if !changed {
		return lines
	}
	return out
}

// flatCuts returns the byte offsets in l.text where l is cut, ascending.
func flatCuts(l line) []int {
	var cuts []int
	for _, m := range inlineHeadingRe.FindAllStringIndex(l.text, -1) {
		if m[0] > 0 {
			cuts = append(cuts, m[0])
		}
	}
	if isFlat(l) {
		for _, m := range flatGapRe.FindAllStringIndex(l.text, -1) {
			if m[0] > 0 && m[1] < len(l.text) {
				cuts = append(cuts, m[0])
			}
		}
		for _, m := range inlineMarkRe.FindAllStringIndex(l.text, -1) {
			// cut just before the mark
			s := l.text[m[0]:m[1]]
			for _, mark := range []string{"<事務局>", "○", "◯", "〇", "◎"} {
				if i := strings.Index(s, mark); i >= 0 {
					if m[0]+i > 0 {
						cuts = append(cuts, m[0]+i)
					}
					break
				}
			}
		}
	} else if len(cuts) > 0 && l.n > 80 {
		// Far into the text, a numbered heading after a value is more
		// likely a sentence that cites one: leave it.
		return nil
	}
	if len(cuts) == 0 {
		return nil
	}
	// sort and dedupe
	for i := 1; i < len(cuts); i++ {
		for j := i; j > 0 && cuts[j] < cuts[j-1]; j-- {
			cuts[j], cuts[j-1] = cuts[j-1], cuts[j]
		}
	}
	out := cuts[:1]
	for _, c := range cuts[1:] {
		if c != out[len(out)-1] {
			out = append(out, c)
		}
	}
	return out
}

// dietText reports whether text is a 国会会議録 (第N回国会 near the top).
func dietText(text string) bool {
	head := text[:min(len(text), 1500)]
	return flatDietRe.MatchString(FoldKey(head))
}

var flatDietRe = regexp.MustCompile(`第[0-9〇一二三四五六七八九十百]+回国会`)
