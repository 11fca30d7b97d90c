package extract

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// sectionRe matches a heading of the proceedings: （１）本部長冒頭挨拶.
	sectionRe = regexp.MustCompile(`^\((\d{1,2})\)(.*)$`)
	// agendaLabelRe matches a label that opens an agenda list.
	agendaLabelRe = regexp.MustCompile(`^(?:\d{1,2}[.、]?)?[【\[<〈《≪]?(決定事項|審議事項|討議事項|協議事項|報告事項|議題|議事)[】\]>〉》≫]?:?$`)
	// pageRe matches page numbers: "- 3 -", "3", "3/7", "p.3", "3ページ".
	pageRe = regexp.MustCompile(`^-*(?:p\.?)?\d{1,3}(?:/\d{1,3})?(?:ページ|頁)?-*$`)
	// eventRe matches a parenthesised stage direction or reaction.
	eventRe = regexp.MustCompile(`^\((.*(?:声あり|と声|拍手|異議なし|一同|入室|退室|退席|着席|休憩|再開|了承|中断).*)\)$`)
	// kindSuffixRe matches a kind written after an agenda item: （決定）.
	kindSuffixRe = regexp.MustCompile(`[(（](決定|審議|討議|議論|意見交換|協議|報告|説明)(?:事項)?[)）]$`)
	// bulletRe matches the bullet of an agenda item, in keys.
	bulletRe = regexp.MustCompile(`^(?:-?・|[-•●◆■◇□▪]|\d{1,2}[.)]|\(\d{1,2}\))`)
)

func isMarker(key string) bool {
	return strings.HasPrefix(key, "○") && utf8.RuneCountInString(key) > 1
}

func isEnd(key string) bool {
	return strings.Trim(key, "-ー・=_()[]【】<>") == "以上"
}

// agendaKind maps a label or suffix to an agenda item kind.
func agendaKind(s string) string {
	switch {
	case strings.Contains(s, "決定"):
		return KindDecision
	case strings.Contains(s, "報告") || strings.Contains(s, "説明"):
		return KindReport
	}
	return KindDiscussion
}

// proceedings reads the body of the minutes: sections, speeches, agenda
// lists, events and narrative.
func (p *parser) proceedings() {
	p.agendaLast = -1
	for i := p.body; i < len(p.lines); i++ {
		if i < p.skipTo {
			continue // the lines of a marker read with an earlier one
		}
		l := p.lines[i]
		if l.text == "" {
			if !p.style.doubleSpaced && p.cur != nil {
				p.cur.tb.paragraph()
			}
			continue
		}
		k := l.key
		switch {
		case isEnd(k):
			p.closeSpeech()
			p.closeNarrative()
			p.ended = true
			return
		case pageRe.MatchString(k) || p.titleKeys[k] && i > p.body:
			continue // page numbers and running headers
		case p.layout == "gikai" && p.gikaiLine(i):
			// a marker without ○ or a viewer's line (diet.go)
		case isMarker(k):
			p.closeSpeech()
			p.closeNarrative()
			p.agendaKind = ""
			p.openMarker(l)
		case sectionRe.MatchString(k):
			p.closeSpeech()
			p.closeNarrative()
			p.agendaKind = ""
			p.openSection(l)
		case p.councilMarker(l):
			// a council's marker (council_turns.go)
		case agendaLabelRe.MatchString(k) && p.cur == nil:
			p.closeNarrative()
			p.agendaKind = agendaKind(agendaLabelRe.FindStringSubmatch(k)[1])
			p.agendaLast = -1
		case eventRe.MatchString(k):
			p.closeNarrative()
			p.addEvent(Event{Kind: "reaction", Text: trimParens(l.text), After: p.seq(), Line: l.n, Start: l.start, End: l.end})
			if p.cur != nil && p.cur.s.Speaker == "" && p.cur.tb.empty() {
				p.cur = nil
			}
		case p.cur == nil && (p.agendaKind != "" || kindSuffixRe.MatchString(k) && bulletRe.MatchString(k)) && p.agendaLine(l):
			// handled as an agenda item
		case p.opinionBullet(l):
			// an unnamed opinion in a bulleted summary
		case p.cur != nil:
			p.cur.tb.add(l, l.start, p.style)
			p.lastText = &p.lines[i]
		default:
			p.agendaKind = ""
			if p.narr == nil {
				p.narr = &textBuilder{}
				p.narrLine = l.n
			}
			p.narr.add(l, l.start, p.style)
			p.lastText = &p.lines[i]
		}
	}
	p.closeSpeech()
	p.closeNarrative()
}

func trimParens(s string) string {
	s = strings.TrimSpace(s)
	for _, pr := range [][2]string{{"（", "）"}, {"(", ")"}} {
		if strings.HasPrefix(s, pr[0]) && strings.HasSuffix(s, pr[1]) {
			return strings.TrimSuffix(strings.TrimPrefix(s, pr[0]), pr[1])
		}
	}
	return s
}

// speechRest adds to the open speech the text after its marker on the
// marker's line l: rest, which starts at byte restOff of l.text.
func (p *parser) speechRest(l line, rest string, restOff int) {
	if rest == "" {
		return
	}
	rl := l
	rl.text = rest
	rl.start = l.start + restOff
	rl.indent = false
	p.cur.tb.add(rl, rl.start, p.style)
	p.lastText = &rl
}

func (p *parser) seq() int { return len(p.doc.Speeches) + btoi(p.cur != nil) }

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// agendaLine reads l as an agenda item or the continuation of one. It
// reports false when l is neither, which ends the list.
func (p *parser) agendaLine(l line) bool {
	k := l.key
	kind := p.agendaKind
	if loc := bulletRe.FindStringIndex(k); loc != nil {
		title := stripBullet(l.text)
		if sm := kindSuffixRe.FindStringSubmatch(title); sm != nil {
			kind = agendaKind(sm[1])
			title = strings.TrimSpace(title[:len(title)-len(sm[0])])
		}
		if kind == "" {
			kind = KindDiscussion
		}
		start := l.end - len(title)
		if i := strings.Index(l.text, title); i >= 0 {
			start = l.start + i
		}
		p.doc.Agenda = append(p.doc.Agenda, AgendaItem{Kind: kind, Title: title, Line: l.n, Start: start, End: start + len(title)})
		p.agendaLast = len(p.doc.Agenda) - 1
		return true
	}
	if p.agendaLast >= 0 && p.agendaLast < len(p.doc.Agenda) {
		a := &p.doc.Agenda[p.agendaLast]
		if (!itemComplete(a.Title) || continuesBefore(l.text)) && runeLen(l.text) <= 20 {
			a.Title += l.text
			a.End = l.end
			return true
		}
	}
	p.agendaKind = ""
	return false
}

// stripBullet removes the bullet or number before an agenda item.
func stripBullet(s string) string {
	s = strings.TrimLeft(s, "-‐－ 　\t")
	for _, b := range []string{"・", "•", "●", "◆", "■", "◇", "□", "▪"} {
		if strings.HasPrefix(s, b) {
			return strings.TrimSpace(strings.TrimPrefix(s, b))
		}
	}
	k := keyOf(s)
	if loc := bulletRe.FindStringIndex(k); loc != nil {
		// numbered: drop as many runes of s as the number took in the key
		n := utf8.RuneCountInString(k[:loc[1]])
		rs := []rune(strings.TrimSpace(s))
		if n <= len(rs) {
			return strings.TrimSpace(strings.TrimLeft(string(rs[n:]), ".．、 　"))
		}
	}
	return strings.TrimSpace(s)
}

func itemComplete(t string) bool {
	k := keyOf(t)
	for _, e := range []string{"について", ")", "」", "。", "案", "等", "件"} {
		if strings.HasSuffix(k, e) {
			return true
		}
	}
	return false
}

// headerAgenda reads an agenda line in the header (議題, 議事次第).
func (p *parser) headerAgenda(l line) {
	if sm := agendaLabelRe.FindStringSubmatch(l.key); sm != nil {
		p.headerKind = agendaKind(sm[1])
		return
	}
	saved := p.agendaKind
	p.agendaKind = p.headerKind
	if p.agendaKind == "" {
		p.agendaKind = KindDiscussion
	}
	if !p.agendaLine(l) && !bulletRe.MatchString(l.key) {
		// An unnumbered item on a line of its own, perhaps after ○.
		title := strings.TrimLeft(l.text, "○◯ 　")
		kind := KindDiscussion
		if sm := kindSuffixRe.FindStringSubmatch(title); sm != nil {
			kind = agendaKind(sm[1])
			title = strings.TrimSpace(title[:len(title)-len(sm[0])])
		}
		p.doc.Agenda = append(p.doc.Agenda, AgendaItem{Kind: kind, Title: title, Line: l.n, Start: l.start, End: l.start + len(title)})
	}
	p.agendaKind = saved
}

// openSection starts a section of the proceedings. A section whose
// heading is a greeting (本部長冒頭挨拶) is itself a speech turn.
func (p *parser) openSection(l line) {
	p.section = l.text
	sm := sectionRe.FindStringSubmatch(l.key)
	title := sm[2]
	if title == "議題" || title == "議事" {
		// (2) 議題, then the items numbered 1) 2) …
		p.agendaKind = KindDiscussion
		return
	}
	if !strings.Contains(title, "挨拶") && !strings.Contains(title, "あいさつ") {
		return
	}
	role := title
	for _, cut := range []string{"冒頭", "締め括り", "締めくくり", "閉会", "開会", "挨拶", "あいさつ"} {
		if i := strings.Index(role, cut); i >= 0 {
			role = role[:i]
		}
	}
	p.cur = &openSpeech{role: role, s: Speech{Marker: l.text, As: role, Section: l.text, Line: l.n}}
}

// openMarker starts a speech at a speaker marker.
func (p *parser) openMarker(l line) {
	marker, core, rest, restOff := splitMarker(l.text)
	if unnamedOpinion(core) {
		// ○ before an opinion, not a speaker (a 議事要旨's bullet).
		_, n := utf8.DecodeRuneInString(l.text)
		p.openCouncil(l, l.text[:n], "", n, true)
		return
	}
	core, hint := roleHint(core)
	p.cur = &openSpeech{core: core, hint: hint, s: Speech{Marker: marker, Section: p.section, Line: l.n}}
	p.speechRest(l, rest, restOff)
}

func (p *parser) closeSpeech() {
	if p.cur == nil {
		return
	}
	c := p.cur
	p.cur = nil
	c.s.Text, c.s.spans = c.tb.text(), c.tb.spans
	if c.s.Text == "" {
		p.warn(c.s.Line, "empty-speech", "speech turn %q has no text", c.s.Marker)
		return
	}
	c.s.Start, c.s.End = c.tb.start, c.tb.end
	c.s.Seq = len(p.doc.Speeches) + 1
	p.doc.Speeches = append(p.doc.Speeches, c.s)
	p.open = append(p.open, *c)
}

func (p *parser) closeNarrative() {
	if p.narr == nil {
		return
	}
	n := p.narr
	p.narr = nil
	p.addEvent(Event{Kind: "narrative", Text: n.text(), After: len(p.doc.Speeches), Line: p.narrLine, Start: n.start, End: n.end})
}

func (p *parser) addEvent(e Event) {
	p.doc.Events = append(p.doc.Events, e)
	p.eventSections = append(p.eventSections, p.section)
}

// splitMarker splits a marker line into the marker, its name-and-title
// core, and any speech text that follows on the same line.
func splitMarker(t string) (marker, core, rest string, restOff int) {
	_, n := utf8.DecodeRuneInString(t) // the circle
	i := n
	for i < len(t) {
		r, m := utf8.DecodeRuneInString(t[i:])
		if !isSpace(r) {
			break
		}
		i += m
	}
	if r, _ := utf8.DecodeRuneInString(t[i:]); r == '（' || r == '(' {
		if j := closeParen(t, i); j > 0 {
			marker = t[:j]
			_, cn := utf8.DecodeRuneInString(t[i:])
			_, en := utf8.DecodeLastRuneInString(t[:j])
			core = t[i+cn : j-en]
			rest, restOff = trimRestLeft(t, j)
			return marker, core, rest, restOff
		}
	}
	// No parentheses: the marker runs to the end of the first title or
	// role word, with a parenthesised role after it: 丸川…担当大臣（副本部長）.
	end := titleEnd(t, i)
	if sp := strings.IndexFunc(t[i:], isSpace); sp > 0 {
		sp += i
		switch {
		case end > sp:
			// the title word was found in the speech: ○内田内閣府事務次官 委員の皆様…
			end = sp
		case end > 0 && end < sp && runeLen(t[end:sp]) <= 4 && strings.IndexFunc(t[end:sp], func(r rune) bool { return !unicode.Is(unicode.Han, r) }) < 0:
			// a longer title: ○江口医事課長補佐 本日の…
			end = sp
		}
	}
	if end < 0 {
		end = strings.IndexFunc(t[i:], isSpace)
		if end < 0 {
			end = len(t)
		} else {
			end += i
		}
	}
	marker = strings.TrimRightFunc(t[:end], isSpace)
	core = strings.TrimSpace(t[i:end])
	rest, restOff = trimRestLeft(t, end)
	return marker, core, rest, restOff
}

func trimRestLeft(t string, j int) (string, int) {
	rest := t[j:]
	trimmed := strings.TrimLeftFunc(rest, func(r rune) bool { return isSpace(r) || r == ':' || r == '：' })
	return trimmed, j + len(rest) - len(trimmed)
}

// closeParen returns the index just past the parenthesis that closes the
// one at t[i], counting nested ones of either width; -1 if none.
func closeParen(t string, i int) int {
	depth := 0
	for j := i; j < len(t); {
		r, n := utf8.DecodeRuneInString(t[j:])
		switch r {
		case '（', '(':
			depth++
		case '）', ')':
			depth--
			if depth == 0 {
				return j + n
			}
		}
		j += n
	}
	return -1
}

// markerTitles are the words a marker's title ends with, longest first.
var markerTitles = []string{
	"副本部長", "有識者本部員", "本部員", "本部長", "大臣政務官", "副大臣", "大臣", "政務官",
	"委員長", "副委員長", "委員", "座長代理", "座長", "副議長", "議長", "長官", "センター長",
	"会長", "教授", "局長", "審議官", "統括官", "参事官", "理事長", "社長", "事務局長",
	"課長", "室長", "部長", "政策監", "管理監", "副長官補", "副長官", "構成員", "事務局",
}

// titleEnd returns the end of the marker title that starts at or after
// t[i] (skipping at least the first character, the family name), extended
// over a parenthesised role; -1 if none is found within the first 60
// characters.
func titleEnd(t string, i int) int {
	_, n := utf8.DecodeRuneInString(t[i:])
	limit := i
	for c := 0; c < 60 && limit < len(t); c++ {
		_, m := utf8.DecodeRuneInString(t[limit:])
		limit += m
	}
	for j := i + n; j < limit; {
		for _, w := range markerTitles {
			if strings.HasPrefix(t[j:], w) {
				end := j + len(w)
				// take the longest title word starting here
				for _, w2 := range markerTitles {
					if strings.HasPrefix(t[j:], w2) && j+len(w2) > end {
						end = j + len(w2)
					}
				}
				// a longer title may continue: 担当大臣（副本部長）, 副長官補
				if r, _ := utf8.DecodeRuneInString(t[end:]); r == '（' || r == '(' {
					if c := closeParen(t, end); c > 0 {
						end = c
					}
				}
				return end
			}
		}
		_, m := utf8.DecodeRuneInString(t[j:])
		j += m
	}
	return -1
}

// titleStart returns where the first title word of a marker core begins
// (skipping the first character, which belongs to the name).
func titleStart(t string) int {
	_, n := utf8.DecodeRuneInString(t)
	for j := n; j < len(t); {
		for _, w := range markerTitles {
			if strings.HasPrefix(t[j:], w) {
				return j
			}
		}
		_, m := utf8.DecodeRuneInString(t[j:])
		j += m
	}
	return 0
}

// roleHint removes a trailing parenthesised role from a marker core:
// 丸川…担当大臣（副本部長） → (丸川…担当大臣, 副本部長).
func roleHint(core string) (string, string) {
	c := strings.TrimSpace(core)
	for _, pr := range [][2]string{{"（", "）"}, {"(", ")"}} {
		if !strings.HasSuffix(c, pr[1]) {
			continue
		}
		i := strings.LastIndex(c, pr[0])
		if i <= 0 {
			continue
		}
		inner := c[i+len(pr[0]) : len(c)-len(pr[1])]
		if _, ok := roleLabels[keyOf(inner)]; ok {
			return strings.TrimSpace(c[:i]), keyOf(inner)
		}
	}
	return c, ""
}

// textStyle describes how the PDF laid out the text, which decides how
// lines are joined.
type textStyle struct {
	wrapWidth    int  // the width at which the PDF wrapped lines; 0 if it did not
	doubleSpaced bool // a blank line after every line
	indentParas  bool // paragraphs open with an indent, so a line without one continues
}

// measureStyle looks at line widths: minutes whose lines mostly end at the
// same width were wrapped by the PDF, and a line that reaches that width
// continues on the next.
func measureStyle(lines []line) textStyle {
	var ws []int
	blank, indented := 0, 0
	for _, l := range lines {
		if l.text == "" {
			blank++
			continue
		}
		if l.indent {
			indented++
		}
		ws = append(ws, displayWidth(l.text)+btoi(l.indent))
	}
	var st textStyle
	if len(ws) == 0 {
		return st
	}
	st.doubleSpaced = blank*10 >= len(lines)*4
	st.indentParas = indented*10 >= len(ws) && indented*10 < len(ws)*9
	sort.Ints(ws)
	w := ws[len(ws)*9/10]
	near := 0
	for _, x := range ws {
		if x*100 >= w*85 && x*100 <= w*110 {
			near++
		}
	}
	if w <= 140 && near*10 >= len(ws)*4 {
		st.wrapWidth = w
	}
	return st
}

// textBuilder joins source lines into text, remembering where each piece
// came from.
type textBuilder struct {
	b          strings.Builder
	spans      []span
	start, end int
	last       line
	para       bool // a paragraph break is pending
}

func (tb *textBuilder) empty() bool { return tb.b.Len() == 0 }

func (tb *textBuilder) paragraph() {
	if !tb.empty() {
		tb.para = true
	}
}

// add appends the content of l starting at source offset from.
func (tb *textBuilder) add(l line, from int, st textStyle) {
	content := l.text[from-l.start:]
	if content == "" {
		return
	}
	if tb.empty() {
		tb.start = from
	} else if tb.para || !joins(tb.last, l, st) {
		tb.b.WriteByte('\n')
	} else if s := tb.b.String(); isLatin(s[len(s)-1]) && isLatin(content[0]) {
		// A line wrapped between two Latin words was wrapped at a space
		// (DX | with Cybersecurity): keep one.
		tb.b.WriteByte(' ')
	}
	tb.para = false
	tb.spans = append(tb.spans, span{text: tb.b.Len(), src: from, n: len(content)})
	tb.b.WriteString(content)
	tb.end = l.end
	tb.last = l
}

func isLatin(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
}

func (tb *textBuilder) text() string { return tb.b.String() }

// joins reports whether cur continues the paragraph of prev: whether the
// line break between them was made by the PDF rather than the writer.
func joins(prev, cur line, st textStyle) bool {
	full := st.wrapWidth > 0 && (displayWidth(prev.text)+btoi(prev.indent))*100 >= st.wrapWidth*85
	if endsSentence(prev.text) {
		if st.indentParas {
			return !cur.indent
		}
		return full && !cur.indent
	}
	if full || continuesAfter(prev.text) || continuesBefore(cur.text) {
		return true
	}
	// A noun broken in two: 知的財産|推進計画, スタートアップ|支援.
	pr, _ := utf8.DecodeLastRuneInString(prev.text)
	cr, _ := utf8.DecodeRuneInString(cur.text)
	return wordRune(pr) && wordRune(cr) && !cur.indent && !bulletRe.MatchString(keyOf(cur.text))
}

// wordRune reports whether r is kanji or katakana: part of a noun.
func wordRune(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Katakana, r) || r == 'ー' || r == '々'
}

// endsSentence reports whether s ends a sentence.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "」』）)】 　")
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("。．！？!?", r) || s == ""
}

// continuesAfter reports whether s ends where a sentence cannot: on a
// comma or a particle.
func continuesAfter(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("、，,のをにがはとでもへやて・「（(", r)
}

// starters are the hiragana words a sentence or paragraph commonly opens
// with; a line that opens with other hiragana continues the line before.
var starters = []string{"まず", "また", "さらに", "しかし", "そして", "それ", "その", "この", "これ", "こう", "ここ", "ただ", "なお", "もう", "もし", "もちろん", "したがって", "いよいよ", "ぜひ", "ほぼ", "よって", "つまり", "すなわち", "あらゆる", "いずれ", "どう", "なぜ", "やはり", "とりわけ", "とくに", "おそらく", "いま", "いわゆる", "あと", "あの", "どの", "お", "ご", "ありがとう", "よろしく", "むしろ", "あわせて", "いただいた", "ところで", "さて", "では", "それでは", "引き続き"}

// continuesBefore reports whether s opens where a sentence cannot: with
// punctuation, a small kana, a long-vowel mark, or hiragana that is not a
// common opening word (the okurigana of a word the PDF broke: 生|きていく).
func continuesBefore(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if strings.ContainsRune("、。，．」）)ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョ", r) {
		return true
	}
	if !unicode.Is(unicode.Hiragana, r) {
		return false
	}
	for _, w := range starters {
		if strings.HasPrefix(s, w) {
			return false
		}
	}
	return true
}
