package synth

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// num writes a number as the meeting's layout does: the PDF layout writes
// one-digit numbers full-width (４月４日, 資料１) and longer ones
// half-width (2018年, 9,000件).
func (m *meetingGen) num(n int) string {
	if m.style == StylePDF && n >= 0 && n < 10 {
		return string(rune('０' + n))
	}
	if n >= 1000 {
		s := fmt.Sprint(n)
		var b strings.Builder
		for i, r := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	return fmt.Sprint(n)
}

// eraYear writes the year of d in the Japanese era: 平成 until 30 April
// 2019, 令和 from 1 May 2019, 元年 for the first year.
func (m *meetingGen) eraYear(d time.Time) string {
	era, y := "令和", d.Year()-2018
	if d.Before(time.Date(2019, 5, 1, 0, 0, 0, 0, time.UTC)) {
		era, y = "平成", d.Year()-1988
	}
	if y == 1 {
		return era + "元年"
	}
	return era + m.num(y) + "年"
}

var weekdays = []string{"日", "月", "火", "水", "木", "金", "土"}

// times are the usual start times (minutes after midnight).
var startTimes = []int{8 * 60, 8*60 + 10, 8*60 + 30, 8*60 + 40, 9 * 60, 10 * 60, 13 * 60, 15*60 + 30, 16 * 60, 17 * 60, 17*60 + 30}

// render writes the minutes in the meeting's layout.
func (m *meetingGen) render() []byte {
	d := m.snap.date
	start := startTimes[m.rng.IntN(len(startTimes))]
	end := start + []int{30, 40, 45, 60}[m.rng.IntN(4)]
	m.truth.Start = fmt.Sprintf("%02d:%02d", start/60, start%60)
	m.truth.End = fmt.Sprintf("%02d:%02d", end/60, end%60)
	place := places[m.rng.IntN(len(places))]
	m.truth.Place = place

	date := fmt.Sprintf("%s%s月%s日（%s）", m.eraYear(d), m.num(int(d.Month())), m.num(d.Day()), weekdays[d.Weekday()])
	if m.style == StylePDF {
		colon := func() string { return m.pick([]string{"：", ":"}) }
		clock := func(t int) string { return m.num(t/60) + colon() + fmt.Sprintf("%02d", t%60) }
		m.truth.Place = digitsFullWidth(place)
		return m.renderPDF(date+"  "+clock(start)+"～"+clock(end), m.truth.Place)
	}
	clock := func(t int) string { return fmt.Sprintf("%d時%02d分", t/60, t%60) }
	return m.renderHTML(date + " " + clock(start) + "～" + clock(end))
}

// digitsFullWidth writes one-digit numbers full-width, as the PDF layout
// does in place names (総理大臣官邸４階).
func digitsFullWidth(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		isD := func(j int) bool { return j >= 0 && j < len(rs) && rs[j] >= '0' && rs[j] <= '9' }
		if isD(i) && !isD(i-1) && !isD(i+1) {
			r += 0xFEE0
		}
		b.WriteRune(r)
	}
	return b.String()
}

// renderHTML writes the layout of the 30th seed.
func (m *meetingGen) renderHTML(when string) []byte {
	var chunks []string
	add := func(s ...string) { chunks = append(chunks, s...) }
	add(m.g.opts.Body+" 第"+fmt.Sprint(m.number)+"回会合 議事概要",
		"1 日時", when, "2 場所", m.truth.Place, "3 出席者（敬称略）")
	var list []string
	for _, a := range m.attendees {
		list = append(list, a.family+" "+a.given+"\t"+a.title)
	}
	add(strings.Join(list, "\n"), "4 議事概要")
	for _, bl := range m.blocks {
		switch bl.kind {
		case bItems:
			var ls []string
			for _, it := range bl.items {
				ls = append(ls, "- ・"+it)
			}
			add(strings.Join(ls, "\n"))
		case bPara:
			// Copying from a web page now and then breaks a paragraph
			// in two.
			if n := utf8.RuneCountInString(bl.text); n > 60 && m.chance(0.04) {
				rs := []rune(bl.text)
				cut := n/3 + m.rng.IntN(n/3)
				for cut < n-1 && (rs[cut] < 0x80 || rs[cut-1] < 0x80) {
					cut++
				}
				add(string(rs[:cut]), string(rs[cut:]))
				continue
			}
			add(bl.text)
		default:
			add(bl.text)
		}
	}
	add("－ 以上 －")
	return []byte("\n\n" + strings.Join(chunks, "\n\n"))
}

// pdfWriter writes lines in the layout of text extracted from a PDF: a
// blank line after every line, except at page ends, after which the next
// line starts with an extra space.
type pdfWriter struct {
	m        *meetingGen
	b        bytes.Buffer
	n        int // lines on this page
	pageLen  int
	indented bool
}

func (w *pdfWriter) line(s string) {
	if w.indented {
		w.b.WriteByte(' ')
		w.indented = false
	}
	w.b.WriteString(s)
	w.n++
	if w.n >= w.pageLen {
		w.b.WriteByte('\n')
		w.indented = true
		w.n = 0
		w.pageLen = 33 + w.m.rng.IntN(5)
		return
	}
	w.b.WriteString("\n\n")
}

// renderPDF writes the layout of the 17th seed.
func (m *meetingGen) renderPDF(when, place string) []byte {
	w := &pdfWriter{m: m, pageLen: 30 + m.rng.IntN(5)}
	w.line(" " + m.g.opts.Body + " ")
	w.line("第" + m.num(m.number) + "回会合 議事概要 ")
	w.line(" ")
	w.line(m.num(1) + " 日時 ")
	w.line(when + " ")
	w.line(" ")
	w.line(m.num(2) + " 場所 ")
	w.line(place + " ")
	w.line(" ")
	w.line(m.num(3) + " 出席者（敬称略） ")
	for _, a := range m.attendees {
		if a.separatorAbove {
			w.line(" ")
		}
		n := utf8.RuneCountInString(a.family + a.given)
		w.line(a.family + strings.Repeat(" ", max(1, 6-n)) + a.given + "  " + m.listTitle(a.title) + " ")
	}
	w.line(" " + m.num(4) + " 議事概要 ")
	for i, bl := range m.blocks {
		switch bl.kind {
		case bHeading:
			if i > 0 {
				w.line(" ")
			}
			w.line(bl.text + " ")
		case bKindHead:
			w.line(bl.text + " ")
		case bItems:
			indent := m.pick([]string{" ", " ", ""})
			for _, it := range bl.items {
				m.wrap(w, indent, "・"+it)
			}
		case bMarker:
			if m.chance(0.95) {
				w.line(" ")
			}
			w.line(bl.text + m.pick([]string{" ", " ", "  ", ""}))
		case bReaction:
			w.line(bl.text + " ")
		case bPara:
			if i > 0 && m.blocks[i-1].kind == bItems {
				w.line(" ")
				m.wrap(w, "", bl.text)
				continue
			}
			indent := " "
			switch x := m.rng.Float64(); {
			case x < 0.06:
				indent = "  "
			case x < 0.10:
				indent = ""
			}
			m.wrap(w, indent, bl.text)
		}
	}
	w.line(" ")
	w.line("－ 以上 － ")
	w.b.Truncate(w.b.Len() - 1) // the file ends with one space line
	w.b.WriteByte(' ')
	return w.b.Bytes()
}

// lineWidth is the width of a full-width character in columns; the PDF
// layout wraps lines at 42 of them.
const lineWidth = 84

func runeWidth(r rune) int {
	if r < 0x80 || r >= 0xFF61 && r <= 0xFF9F {
		return 1
	}
	return 2
}

// noStart are characters a line may not start with; they hang at the end
// of the line instead. noEnd may not end a line.
const (
	noStart = "、。，．）」』】〕・？！"
	noEnd   = "（「『【〔"
)

// wrap writes paragraph text as wrapped lines: the first line indented,
// runs of Latin letters and digits kept whole, the last line ending with
// a space (usually).
func (m *meetingGen) wrap(w *pdfWriter, indent, text string) {
	var lines []string
	cur := []rune(indent)
	curW := len(indent)
	rs := []rune(text)
	for i := 0; i < len(rs); {
		// A token is a run of Latin text (with inner spaces) or one rune.
		j := i + 1
		if rs[i] < 0x80 && rs[i] != ' ' {
			for j < len(rs) && rs[j] < 0x80 && (rs[j] != ' ' || j+1 < len(rs) && rs[j+1] < 0x80 && rs[j+1] != ' ') {
				j++
			}
		}
		tok := rs[i:j]
		tw := 0
		for _, r := range tok {
			tw += runeWidth(r)
		}
		if curW+tw > lineWidth && len(cur) > len([]rune(indent)) {
			hang := len(tok) == 1 && strings.ContainsRune(noStart, tok[0]) && curW+tw <= lineWidth+2
			if !hang {
				var carry []rune
				if last := cur[len(cur)-1]; strings.ContainsRune(noEnd, last) && len(cur) > 1 {
					cur, carry = cur[:len(cur)-1], []rune{last}
				}
				lines = append(lines, string(cur))
				cur, curW = carry, 0
				for _, r := range carry {
					curW += runeWidth(r)
				}
			}
		}
		cur = append(cur, tok...)
		curW += tw
		i = j
	}
	last := string(cur)
	if m.chance(0.93) {
		last += " "
	}
	lines = append(lines, last)
	for _, l := range lines {
		w.line(l)
	}
}
