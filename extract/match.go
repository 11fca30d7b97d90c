package extract

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Matching
//
// Aliases and text are compared after Fold (NFKC, lower-case Latin,
// variant kanji). In addition, separators (spaces, line breaks, ・) and
// the long-vowel mark ー are optional: they are dropped from the aliases
// when the trie is built, and skipped in the text while a match is being
// walked (never at its start). So セキュリティ・バイ・デザイン matches
// セキュリティバイデザイン, Bad Rabbit matches BadRabbit and Bad Rabbit,
// and アーキテクチャー matches アーキテクチャ.
//
// Two rules keep this precise:
//   - between two Latin letters or digits a space may be skipped only
//     where some alias has a word break, so "a i" never matches AI;
//   - an alias that begins (ends) with a Latin letter or digit must not
//     be preceded (followed) by one: AI does not match inside AI1, and IT
//     does not match inside ITS. A katakana alias of three characters or
//     fewer must likewise not stand inside a longer katakana word (ボット
//     not inside ロボット).
//
// At each position the longest valid match wins, and scanning resumes
// after it (leftmost-longest). The walk is over a rune trie, so the cost
// is the length of the text times the depth actually walked, which
// depends on the text, not on the number of concepts.

// conceptTrie is a rune trie of alias keys.
type conceptTrie struct {
	nodes   []trieNode
	edges   map[trieEdge]int32
	entries []trieEntry
	// first has bit r set when some alias starts with rune r (r < 1<<16):
	// most positions of a text start no match, and this saves a map
	// lookup for each of them.
	first [1 << 16 / 64]uint64
}

type trieEdge struct {
	from int32
	r    rune
}

type trieNode struct {
	entry int32 // index into entries, or -1
	// brk is set when some alias has a word break (a space between two
	// Latin letters or digits) after this node.
	brk bool
}

type trieEntry struct {
	concept    int
	alias      string
	latinStart bool // first rune is a Latin letter or digit
	latinEnd   bool // last rune is a Latin letter or digit
	kanaEnd    bool // last rune is katakana: a trailing ー in the text belongs to the match
	shortKana  bool // all katakana, at most three characters
}

func newConceptTrie() *conceptTrie {
	return &conceptTrie{
		nodes: []trieNode{{entry: -1}},
		edges: make(map[trieEdge]int32),
	}
}

// aliasKey is the form an alias is indexed under, and the form under which
// two aliases are the same: folded, without separators and ー.
func aliasKey(s string) string {
	return strings.Map(func(r rune) rune {
		if cmSkippable(r) {
			return -1
		}
		return r
	}, FoldKey(s))
}

// add indexes alias for concept. An alias whose key is already indexed is
// ignored: the loader has reported the conflict.
func (t *conceptTrie) add(alias string, concept int) {
	folded := FoldKey(strings.TrimSpace(alias))
	var node int32
	var runes []rune
	var last rune = -1
	pendingBreak := false
	for _, r := range folded {
		if cmSkippable(r) {
			if cmSeparator(r) && cmLatinDigit(last) {
				pendingBreak = true
			}
			continue
		}
		if pendingBreak && cmLatinDigit(r) {
			t.nodes[node].brk = true
		}
		pendingBreak = false
		if node == 0 && r < 1<<16 {
			t.first[r/64] |= 1 << (r % 64)
		}
		next, ok := t.edges[trieEdge{node, r}]
		if !ok {
			next = int32(len(t.nodes))
			t.nodes = append(t.nodes, trieNode{entry: -1})
			t.edges[trieEdge{node, r}] = next
		}
		node = next
		runes = append(runes, r)
		last = r
	}
	if node == 0 || t.nodes[node].entry >= 0 {
		return
	}
	short := len([]rune(folded)) <= 3
	for _, r := range folded {
		if !cmKatakana(r) {
			short = false
		}
	}
	t.nodes[node].entry = int32(len(t.entries))
	t.entries = append(t.entries, trieEntry{
		concept:    concept,
		alias:      alias,
		latinStart: cmLatinDigit(runes[0]),
		latinEnd:   cmLatinDigit(runes[len(runes)-1]),
		kanaEnd:    cmKatakana(runes[len(runes)-1]),
		shortKana:  short,
	})
}

// trieMatch is a match in folded text: bytes [start, end).
type trieMatch struct {
	start, end int
	entry      *trieEntry
}

// scan calls fn for each leftmost-longest match in s, a folded text.
func (t *conceptTrie) scan(s string, fn func(trieMatch)) {
	if t == nil || len(t.entries) == 0 {
		return
	}
	prev := rune(-1)
	for p := 0; p < len(s); {
		r, n := utf8.DecodeRuneInString(s[p:])
		if t.startsWith(r) && !(cmLatinDigit(r) && cmLatinDigit(prev)) {
			if end, e := t.longestAt(s, p, prev); e != nil {
				fn(trieMatch{p, end, e})
				prev, _ = utf8.DecodeLastRuneInString(s[:end])
				p = end
				continue
			}
		}
		prev = r
		p += n
	}
}

// startsWith reports whether some alias starts with r.
func (t *conceptTrie) startsWith(r rune) bool {
	if r < 1<<16 {
		return t.first[r/64]&(1<<(r%64)) != 0
	}
	_, ok := t.edges[trieEdge{0, r}]
	return ok
}

// longestAt returns the end of the longest valid match starting at p, and
// its entry; prev is the rune before p.
func (t *conceptTrie) longestAt(s string, p int, prev rune) (int, *trieEntry) {
	var node int32
	bestEnd := -1
	var best *trieEntry
	last := rune(-1)
	for j := p; j < len(s); {
		r, n := utf8.DecodeRuneInString(s[j:])
		if node != 0 && cmSkippable(r) {
			if cmSeparator(r) && cmLatinDigit(last) && !t.nodes[node].brk && cmLatinDigit(cmNextUnskippable(s, j)) {
				break
			}
			j += n
			continue
		}
		next, ok := t.edges[trieEdge{node, r}]
		if !ok {
			break
		}
		node, last = next, r
		j += n
		e := t.nodes[node].entry
		if e < 0 {
			continue
		}
		ent := &t.entries[e]
		end := j
		if ent.kanaEnd {
			for strings.HasPrefix(s[end:], "ー") {
				end += len("ー")
			}
		}
		after, _ := utf8.DecodeRuneInString(s[end:])
		if end == len(s) {
			after = -1
		}
		if ent.latinEnd && cmLatinDigit(after) {
			continue
		}
		if ent.shortKana && (cmKatakana(prev) || cmKatakana(after)) {
			continue
		}
		bestEnd, best = end, ent
	}
	return bestEnd, best
}

func cmNextUnskippable(s string, j int) rune {
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !cmSkippable(r) {
			return r
		}
		j += n
	}
	return -1
}

// cmSeparator reports whether r separates words: optional inside a
// match. The text is folded, so U+3000 is already a space.
func cmSeparator(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '・', '·', '\u3000':
		return true
	}
	return false
}

// cmSkippable reports whether r is optional inside a match.
func cmSkippable(r rune) bool { return r == 'ー' || cmSeparator(r) }

// cmLatinDigit reports whether r is an ASCII letter or digit: the runes a
// Latin alias must not touch.
func cmLatinDigit(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
}

// cmKatakana reports whether r is a katakana letter or the long-vowel mark
// (full- or half-width).
func cmKatakana(r rune) bool {
	return 0x30A1 <= r && r <= 0x30FA || r == 0x30FC || r == 0x30FD || r == 0x30FE ||
		0x31F0 <= r && r <= 0x31FF || 0xFF66 <= r && r <= 0xFF9F
}

// textHit is a match in a derived text (speech Text, agenda title): bytes
// [start, end) of that text.
type textHit struct {
	start, end int
	concept    int
	implicit   bool
}

// find returns the explicit matches in text, and the implicit ones that
// do not overlap an explicit one, in order of start.
func (c *Concepts) find(text string) []textHit {
	f := Fold(text)
	var hits []textHit
	c.explicit.scan(f.S, func(m trieMatch) {
		hits = append(hits, textHit{f.Orig(m.start), f.Orig(m.end), m.entry.concept, false})
	})
	nex := len(hits)
	c.implicit.scan(f.S, func(m trieMatch) {
		h := textHit{f.Orig(m.start), f.Orig(m.end), m.entry.concept, true}
		for _, x := range hits[:nex] {
			if h.start < x.end && x.start < h.end {
				return
			}
		}
		hits = append(hits, h)
	})
	if nex < len(hits) {
		slices.SortStableFunc(hits, func(a, b textHit) int { return a.start - b.start })
	}
	return hits
}

// Annotate fills Speech.Mentions and AgendaItem.Mentions of doc, replacing
// what was there. Mentions are ordered by source offset. An implicit
// phrase counts only when its concept is named explicitly somewhere in
// doc (a speech or an agenda title).
func (c *Concepts) Annotate(doc *Document) {
	speechHits := make([][]textHit, len(doc.Speeches))
	agendaHits := make([][]textHit, len(doc.Agenda))
	named := make([]bool, len(c.list))
	mark := func(hs []textHit) {
		for _, h := range hs {
			if !h.implicit {
				named[h.concept] = true
			}
		}
	}
	for i := range doc.Speeches {
		speechHits[i] = c.find(doc.Speeches[i].Text)
		mark(speechHits[i])
	}
	for i := range doc.Agenda {
		agendaHits[i] = c.find(doc.Agenda[i].Title)
		mark(agendaHits[i])
	}
	for i := range doc.Speeches {
		sp := &doc.Speeches[i]
		sp.Mentions = c.mentions(speechHits[i], speechOffsets(doc, sp), named)
	}
	for i := range doc.Agenda {
		it := &doc.Agenda[i]
		it.Mentions = c.mentions(agendaHits[i], agendaOffsets(doc, it), named)
	}
}

// mentions turns the hits in one text into Mentions.
func (c *Concepts) mentions(hits []textHit, m offsetMap, named []bool) []Mention {
	if len(hits) == 0 {
		return nil
	}
	sentences := sentenceRanges(m.text)
	out := make([]Mention, 0, len(hits))
	for _, h := range hits {
		if h.implicit && !named[h.concept] {
			continue
		}
		k := &c.list[h.concept]
		mt := evidence(m, sentences, h.start, h.end)
		mt.Concept, mt.Label, mt.LabelEn, mt.Type = k.ID, k.Label(), k.En, k.Type
		mt.Implicit = h.implicit
		out = append(out, mt)
	}
	slices.SortStableFunc(out, func(a, b Mention) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	})
	if len(out) == 0 {
		return nil
	}
	return out
}

// evidence fills a Mention's surface, sentence and source offsets for
// text bytes [start, end).
func evidence(m offsetMap, sentences []textRange, start, end int) Mention {
	s := sentenceAt(sentences, start)
	if s.end < end { // a match across a sentence end: widen the sentence
		for _, t := range sentences {
			if t.start < end && t.end >= s.end {
				s.end = t.end
			}
		}
	}
	var mt Mention
	mt.Surface = stripLineBreaks(m.text[start:end])
	mt.Start, mt.End = m.span(start, end)
	mt.Sentence = stripLineBreaks(m.text[s.start:s.end])
	mt.SentenceStart, mt.SentenceEnd = m.span(s.start, s.end)
	return mt
}

// stripLineBreaks removes line breaks: a match or a sentence that runs
// across a paragraph break of the text is shown joined.
func stripLineBreaks(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.NewReplacer("\r", "", "\n", "").Replace(s)
}
