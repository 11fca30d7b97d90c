package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Parse extracts the structural model of the minutes in data: the
// meeting, attendees, agenda, speech turns with resolved speakers, events
// and decisions. path names the file in errors and in Document.Source.
//
// Parse returns an *Error for input that is empty, binary, cut inside a
// character or not minutes, and for a file that holds several meetings
// (read those with ParseAll). Problems it can work around are reported as
// Warnings; minutes that end mid-sentence are read as far as they go and
// marked incomplete.
func Parse(path string, data []byte) (*Document, error) {
	docs, err := ParseAll(path, data)
	if err != nil {
		return nil, err
	}
	return one(path, docs)
}

// ParseAll extracts every meeting in data: some archives publish minutes
// concatenated into one file. Each Document's Span gives its lines; all
// share the source text and its offsets. A file of one meeting gives one
// Document, as Parse does.
func ParseAll(path string, data []byte) ([]*Document, error) {
	text, enc, err := decode(path, data)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	return parseAllText(Source{Path: path, SHA256: hex.EncodeToString(sum[:]), Encoding: enc, Bytes: len(data)}, text)
}

// ParseText is Parse for text that a reader in front of the extractor
// has already decoded from another format (a PDF's text layer, an HTML
// page's main text). src describes the file as read; ParseText fills in
// its Lines. Offsets in the model point into text.
func ParseText(src Source, text string) (*Document, error) {
	docs, err := ParseAllText(src, text)
	if err != nil {
		return nil, err
	}
	return one(src.Path, docs)
}

// ParseAllText is ParseAll for text already decoded from another format.
func ParseAllText(src Source, text string) ([]*Document, error) {
	if strings.TrimSpace(text) == "" {
		return nil, &Error{Path: src.Path, Err: fmt.Errorf("%w: no text", ErrEmpty)}
	}
	if err := checkControl(src.Path, text); err != nil {
		return nil, err
	}
	return parseAllText(src, text)
}

// one returns the only document of docs, or an error naming the line
// where the second meeting begins.
func one(path string, docs []*Document) (*Document, error) {
	if len(docs) > 1 {
		return nil, &Error{Path: path, Line: docs[1].Span.First, Err: fmt.Errorf("%w: the file holds %d meetings; the second begins here", ErrSeveralMeetings, len(docs))}
	}
	return docs[0], nil
}

func parseAllText(src Source, text string) ([]*Document, error) {
	lines := splitLines(text)
	if !dietText(text) {
		// The Diet's reader (diet.go) reads its flattened headers itself.
		lines = splitFlat(lines)
	}
	src.Lines = lines[len(lines)-1].n
	starts := meetingStarts(lines)
	docs := make([]*Document, 0, len(starts))
	for i, s := range starts {
		e := len(lines)
		if i+1 < len(starts) {
			e = starts[i+1]
		}
		doc, err := parseMeeting(text, src, lines[s:e])
		if err != nil {
			return nil, err
		}
		docs = append(docs, doc)
	}
	return docs, nil
}

func parseMeeting(text string, src Source, lines []line) (*Document, error) {
	p := &parser{
		path:       src.Path,
		lines:      lines,
		agendaLast: -1,
		doc: &Document{
			Text:      text,
			Source:    src,
			Attendees: []Attendee{},
			Agenda:    []AgendaItem{},
			Speeches:  []Speech{},
			Decisions: []Decision{},
			Complete:  true,
			Span:      LineSpan{First: lines[0].n, Last: lines[len(lines)-1].n},
		},
	}
	// The span ends at the last line with text.
	for i := len(lines) - 1; i >= 0; i-- {
		if lines[i].text != "" {
			p.doc.Span.Last = lines[i].n
			break
		}
	}
	if err := p.parse(); err != nil {
		return nil, err
	}
	return p.doc, nil
}

// Strict turns the first of doc's warnings into an error, for users who
// want minutes read exactly or not at all (--strict, ?strict=true). An
// incomplete document gives an error wrapping ErrTruncated; any other
// warning one wrapping ErrWarning.
func Strict(doc *Document) error {
	if len(doc.Warnings) == 0 {
		return nil
	}
	w := doc.Warnings[0]
	for _, x := range doc.Warnings {
		if x.Kind == WarnIncomplete {
			w = x
			break
		}
	}
	base := ErrWarning
	if w.Kind == WarnIncomplete {
		base = ErrTruncated
	}
	return &Error{Path: doc.Source.Path, Line: w.Line, Err: fmt.Errorf("%w: %s: %s", base, w.Kind, w.Message)}
}

type parser struct {
	path  string
	lines []line
	doc   *Document
	att   attendeeParser

	body      int             // index of the first line of the proceedings
	titleKeys map[string]bool // running headers to drop: the title lines
	style     textStyle

	// proceedings state
	section    string
	cur        *openSpeech
	open       []openSpeech // every closed speech with its marker parts, parallel to doc.Speeches
	agendaKind string       // inside a 【…事項】 list
	headerKind string       // the kind label last seen in the header agenda
	agendaLast int          // index in doc.Agenda of the item being continued, -1 if none
	narr       *textBuilder
	narrLine   int
	// eventSections holds the section heading of each of doc.Events.
	eventSections []string
	ended         bool   // saw the 以上 end mark
	layout        string // "gikai": a 会議録 of the Diet or an assembly (diet.go)
	skipTo        int    // the proceedings resume at this line (after a marker of several lines)
	lastText      *line
}

// openSpeech is a speech being read.
type openSpeech struct {
	s    Speech
	core string // the marker's name-and-title part, for resolution
	role string // for a speech under a heading: the role named there
	hint string // a role in parentheses in the marker: 副本部長
	post string // a post the marker gives besides the role (会 長 / 五戸町長)
	// kun: the marker names the speaker with 君 or さん (本間君:), which
	// only a person is called.
	kun bool
	// unnamed: the marker names no one (委員:, (事務局), an opinion
	// bullet); the speaker stays unknown, with no warning.
	unnamed bool
	tb      textBuilder
}

// cleanBody trims the brackets and spaces left around a body's name
// (知的財産戦略本部（第25回） → 知的財産戦略本部) and keeps its last part
// when a parent is named first (サイバーセキュリティ戦略本部 研究開発戦略
// 専門調査会 → 研究開発戦略専門調査会).
func cleanBody(s string) string {
	s = strings.TrimRight(s, " \t\u3000(（[【〈《")
	if f := strings.Fields(s); len(f) > 1 {
		s = f[len(f)-1]
	}
	return strings.TrimSpace(s)
}

// proceedingsHeading reports whether a numbered heading (key) opens the
// proceedings rather than naming an agenda item.
func proceedingsHeading(key string) bool {
	if strings.Contains(key, "について") || kindSuffixRe.MatchString(key) {
		return false
	}
	for _, w := range []string{"挨拶", "あいさつ", "討議", "意見交換", "決定事項の決定", "開会", "閉会", "議事概要", "自由討議"} {
		if strings.Contains(key, w) {
			return true
		}
	}
	return false
}

func (p *parser) errorf(line int, base error, format string, args ...any) error {
	return &Error{Path: p.path, Line: line, Err: fmt.Errorf("%w: "+format, append([]any{base}, args...)...)}
}

func (p *parser) warn(line int, kind, format string, args ...any) {
	p.doc.Warnings = append(p.doc.Warnings, Warning{Line: line, Kind: kind, Message: fmt.Sprintf(format, args...)})
}

func (p *parser) parse() error {
	if !p.gikaiHeader() {
		p.header()
	}
	m := &p.doc.Meeting
	if m.Date == "" && p.layout == "gikai" && m.Body != "" && m.Number > 0 {
		// a 協議会's 会議録 whose page gives no date (its title proves it)
		p.warn(p.lines[0].n, "no-date", "the minutes give no meeting date; the meeting is identified by its body and number")
	} else if m.Date == "" {
		return p.errorf(p.lines[0].n, ErrNotMinutes, "no meeting date (日時) in the %d lines from here", min(len(p.lines), max(p.body, 1)))
	}
	// A 会議録 header (diet.go) is a document even with no list: 委員氏名 is not one.
	if p.body >= len(p.lines) && len(p.att.atts) == 0 && len(p.doc.Agenda) == 0 && p.layout != "gikai" {
		return p.errorf(p.lines[0].n, ErrNotMinutes, "no attendee list (出席者) and no proceedings (議事) after the header that begins here")
	}
	m.ID = meetingID(m)
	if p.body >= len(p.lines) {
		// Minutes cut before the proceedings: read as far as they go.
		p.body = len(p.lines)
		p.doc.Complete = false
		p.warn(p.doc.Span.Last, WarnIncomplete, "the minutes end before the proceedings (議事) begin (read as far as they go)")
	}
	p.style = measureStyle(p.lines[p.body:])
	assignRoles(p.att.atts, m.Body)
	p.doc.Attendees = p.att.atts
	p.doc.Absentees = append(p.doc.Absentees, p.att.absent...)
	p.doc.Warnings = append(p.doc.Warnings, p.att.warnings...)
	p.proceedings()
	if len(p.doc.Speeches) == 0 && len(p.doc.Agenda) == 0 && len(p.doc.Attendees) == 0 && (p.layout != "gikai" || p.doc.Complete) {
		return p.errorf(p.lines[min(p.body, len(p.lines)-1)].n, ErrNotMinutes, "no attendees, agenda or speeches found in the proceedings that begin here")
	}
	if p.doc.Complete && len(p.doc.Speeches) == 0 && len(p.doc.Agenda) == 0 && !p.ended {
		p.doc.Complete = false
		p.warn(p.doc.Span.Last, WarnIncomplete, "no agenda or speeches after the attendee list (read as far as they go)")
	}
	if p.doc.Complete && !p.ended && p.lastText != nil && !endsSentence(p.lastText.text) {
		p.doc.Complete = false
		p.warn(p.lastText.n, WarnIncomplete, "the minutes end mid-sentence with no closing 以上 (read as far as they go): %q", tail(p.lastText.text, 12))
	}
	if p.layout == "gikai" {
		p.gikaiAfter()
	}
	p.resolveSpeakers()
	p.decisions()
	p.references()
	return nil
}

func tail(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return "…" + string(r[len(r)-n:])
}

// Header headings, matched on line keys: "1日時", "(2)場所", "3出席者(敬称略)".
// A heading may be bulleted (○日時, - 日時:, ■場所), numbered in words
// (第1 開催日時及び場所) or bracketed (【日時】).
var headingRe = regexp.MustCompile(`^(?:[○◯〇●◎■□◆◇・\-]|第?\d{1,2}|\(\d{1,2}\)|第?[一二三四五六七八九十]{1,3})?[.、:]?[【\[<〈《]?(開催日時|日時|日程|開会|閉会|議事内容|開催場所|会議場所|場所|会場|委員出欠|出席した委員等|出席した関係職員等|出席した委員|出席した関係職員|出席者|出席委員|出席構成員|議事の概要|議事概要|議事要旨|議事録|議事次第|議事|議題|概要|配布資料|配付資料|資料)[】\]>〉》]?(.*)$`)

// header reads the title, date, time, place and attendees, and leaves
// p.body at the first line of the proceedings.
func (p *parser) header() {
	m := &p.doc.Meeting
	p.titleKeys = map[string]bool{}
	section := "title"
	var place []string
	var prevTitle string
	p.body = len(p.lines)
	defer func() {
		if m.Body == "" {
			m.Body = prevTitle
		}
		if b := strings.Trim(m.Body, "「」『』"); b != "" && !strings.ContainsAny(b, "「」『』") {
			m.Body = b // 「デジタル時代の…懇談会」
		}
		m.Place = strings.Join(place, " ")
		// 1.開会, 6.内閣総理大臣挨拶, 8.閉会: steps of the meeting, not business
		kept := p.doc.Agenda[:0]
		for _, a := range p.doc.Agenda {
			if !procedural(trailingParenRe.ReplaceAllString(keyOf(a.Title), "")) {
				kept = append(kept, a)
			}
		}
		p.doc.Agenda = kept
	}()
	guessed := false      // m.Date came from a line without a 日時 label
	fy, md := 0, [2]int{} // 令和元年度 and 11月19日: a date whose year only the fiscal year gives
	fyDate := func() {
		if m.Date == "" && fy > 0 && md[0] > 0 {
			y := fy
			if md[0] <= 3 {
				y++ // January to March end the fiscal year
			}
			if t := time.Date(y, time.Month(md[0]), md[1], 0, 0, 0, 0, time.UTC); t.Month() == time.Month(md[0]) {
				m.Date, guessed = t.Format("2006-01-02"), true
			}
		}
	}
	skip := -1 // a line already read (the place under such a date)
	for i, l := range p.lines {
		if l.text == "" || topPageMarker(l.key) || i == skip {
			continue
		}
		if sec, rest, ok := tableLabel(l.key); ok && !(section == "title" && sec == "title") {
			// A labels-then-values table (council.go).
			if sec == "body" {
				if m.Date != "" {
					p.body = i + 1
					return
				}
				sec = "other"
			}
			section = sec
			if rest == "" || sec == "other" || sec == "attendees" {
				continue
			}
		}
		if hm := headingRe.FindStringSubmatch(l.key); hm != nil && !titleRe.MatchString(l.key) && !(hm[1] == "開会" || hm[1] == "閉会") || hm != nil && bracketedLabel(l.key) {
			kw, rest := hm[1], strings.TrimLeft(hm[2], ":")
			switch kw {
			case "議事の概要", "議事概要", "議事要旨", "議事録", "概要", "議事内容":
				if section == "title" && m.Date == "" && kw != "概要" {
					// 議事録 on the line under the body's name is part of
					// the title, not the heading of the proceedings.
					m.Kind = kw
					continue
				}
				if rest == "" || strings.HasPrefix(rest, "(") || strings.HasPrefix(rest, ":") {
					if m.Date == "" || p.headerAhead(i) {
						// A page's summary heading above the header
						// proper (概要, then 日時 and 出席者).
						section = "other"
						continue
					}
					p.body = i + 1
					return
				}
			case "議事":
				// 議事 heads either the agenda or the proceedings
				// themselves; headerAgenda tells them apart.
				section = "agenda"
				rest = ""
			case "開催日時", "日時", "日程":
				section = "date"
				if strings.HasPrefix(rest, "及び") {
					rest = "" // 開催日時及び場所
				}

			case "開会":
				// <開会> with the date and the time on the lines below
				section = "date"
			case "閉会":
				section = "close"
			case "開催場所", "会議場所", "場所", "会場":
				section = "place"
			case "委員出欠", "出席者", "出席委員", "出席構成員", "出席した委員等", "出席した関係職員等", "出席した委員", "出席した関係職員":
				section = "attendees"
				if strings.HasPrefix(rest, "(") || strings.HasPrefix(rest, "[") || strings.HasPrefix(rest, "【") || headCountRe.MatchString(rest) {
					rest = "" // (敬称略), [別紙]
				}
			case "議事次第", "議題":
				section = "agenda"
				rest = ""
			default:
				section = "other"
				rest = ""
			}
			if rest != "" {
				l.text = strings.TrimLeft(l.text[strings.Index(l.text, kwOrig(l.text, kw))+len(kwOrig(l.text, kw)):], " \t\u3000:：")
				l.key = keyOf(l.text)
			} else {
				continue
			}
		}
		// Proceedings may start without a 議事 heading.
		if isMarker(l.key) && !(section == "agenda" && agendaBullet(l)) || sectionRe.MatchString(l.key) && (section != "agenda" || proceedingsHeading(l.key)) && !p.headerAhead(i) && !(section == "attendees" && isGroupLabel(l.key)) {
			p.body = i
			return
		}
		if m.Date == "" && section == "title" {
			if sm := fiscalYearRe.FindStringSubmatch(l.key); sm != nil {
				fy = eraYear(sm[1], sm[2])
			}
			if sm := monthDayRe.FindStringSubmatch(l.key); sm != nil && !strings.Contains(l.key, "年") {
				md[0], _ = strconv.Atoi(sm[1])
				md[1], _ = strconv.Atoi(sm[2])
			}
			fyDate()
		}
		switch section {
		case "title":
			p.titleKeys[l.key] = true
			if body, n, kind := parseTitle(l.text); n > 0 || kind != "" {
				if n > 0 {
					m.Number = n
				}
				if kind != "" {
					m.Kind = kind
				}
				if m.Title == "" {
					m.Title = strings.TrimSpace(strings.TrimPrefix(l.text, body))
				}
				if body == "" || dateOnly(body) {
					body = prevTitle
					if b := bodyAfterNumber(l.text); b != "" && (prevTitle == "" || dateOnly(prevTitle)) {
						body = b
					}
				} else if b := bodyAfterNumber(l.text); b != "" {
					// 総合計画審議会第66回計画推進評価部会: the parent, then the body.
					if yearOnlyRe.MatchString(keyOf(cleanBody(body))) {
						body = b // 令和6年度第15回(定例)教育委員会: a year is no parent
					} else {
						body = cleanBody(body) + b
					}
				}
				if m.Date == "" {
					if iso, _, ok := parseDate(l.key); ok && dateLeads(l.key) {
						m.Date, guessed = iso, true
					}
				}
				if body = cleanBody(body); body != "" {
					m.Body = body
				}
			} else if iso, _, ok := parseDate(l.key); ok && m.Date == "" && (m.Body == "" || dateLeads(l.key)) {
				// A date line without a 日時 label, times and all:
				// 令和4年4月8日(金)16時から17時45分まで.
				m.Date, guessed = iso, true
				m.Start, m.End, _ = parseTimes(l.key)
				if pl, j := p.placeAfter(i); pl != "" && len(place) == 0 {
					place, skip = append(place, pl), j
				}
			} else if m.Body == "" && !dateOnly(l.text) {
				prevTitle = l.text
			}
		case "date":
			if strings.HasPrefix(l.text, "於") {
				// 於、総務省8階第1特別会議室: the place under the date
				place = append(place, strings.TrimLeft(strings.TrimPrefix(l.text, "於"), "、 　:："))
				continue
			}
			if m.Date == "" || guessed {
				if iso, problem, ok := parseDate(l.key); ok {
					if guessed {
						// The labelled date wins over a date above it
						// (a page's publication date).
						m.Start, m.End, guessed = "", "", false
					}
					m.Date = iso
					if problem != "" {
						p.warn(l.n, "weekday", "%s", problem)
					}
				} else if problem != "" {
					p.warn(l.n, "date", "%s", problem)
				}
			}
			if m.Start == "" {
				m.Start, m.End, _ = parseTimes(l.key)
				if t, ok := parseClock(l.key); ok && m.Start == "" && !strings.ContainsAny(l.key, "~〜から") {
					m.Start = t // <開会> 令和7年3月7日 / 10時30分
				}
			}
		case "close":
			if t, ok := parseClock(l.key); ok && m.End == "" {
				m.End = t
			}
		case "place":
			if len(place) > 0 && numberedItemRe.MatchString(l.key) {
				// 1.開会 … 8.閉会 under the place: an agenda without its label
				section = "agenda"
				p.headerAgenda(l)
				continue
			}
			place = append(place, l.text)
		case "attendees":
			if p.att.endsList(l) && m.Date != "" {
				// a sentence after a council's list: the proceedings
				p.body = i
				return
			}
			p.att.add(l)
		case "agenda":
			p.headerAgenda(l)
		}
	}
}

// numberedItemRe matches a numbered item: 1.開会, 2．情報セキュリティ….
var numberedItemRe = regexp.MustCompile(`^\d{1,2}[.．、]\S`)

// bracketedLabel reports whether key is a label in brackets alone: <開会>.
func bracketedLabel(key string) bool {
	return strings.ContainsAny(key[:1], "<〈《【[") && strings.ContainsAny(key[len(key)-1:], ">〉》】]") || strings.HasPrefix(key, "〈") || strings.HasPrefix(key, "【") || strings.HasPrefix(key, "《")
}

// fiscalYearRe matches a fiscal year in a title: 令和元年度, 平成30年度.
var fiscalYearRe = regexp.MustCompile(`(平成|令和|昭和)(元|\d{1,2})年度`)

// monthDayRe matches a month and day without a year: (11月19日).
var monthDayRe = regexp.MustCompile(`(\d{1,2})月(\d{1,2})日`)

// eraYear converts an era year (令和, 元) to the Gregorian year, or 0.
func eraYear(era, n string) int {
	y := 1
	if n != "元" {
		y, _ = strconv.Atoi(n)
	}
	switch era {
	case "令和":
		return 2018 + y
	case "平成":
		return 1988 + y
	case "昭和":
		return 1925 + y
	}
	return 0
}

// yearOnlyRe matches a year or fiscal year alone: 令和6年度, 2024年.
var yearOnlyRe = regexp.MustCompile(`^(?:(?:平成|令和|昭和)(?:\d+|元)|\d{4})年度?$`)

// kwOrig finds the heading keyword as written in text (it may be spaced
// out: "日 時").
func kwOrig(text, kw string) string {
	if strings.Contains(text, kw) {
		return kw
	}
	rs := []rune(kw)
	var b strings.Builder
	for i, r := range rs {
		b.WriteRune(r)
		if i < len(rs)-1 {
			j := strings.Index(text, b.String())
			if j < 0 {
				return kw
			}
			rest := text[j+len(b.String()):]
			sp := len(rest) - len(strings.TrimLeft(rest, " \t\u3000"))
			b.WriteString(rest[:sp])
		}
	}
	return b.String()
}

// meetingID makes the meeting's stable ID: the body and the number, or the
// body and the date when the minutes carry no number.
func meetingID(m *Meeting) string {
	body := strings.Join(strings.Fields(m.Body), "")
	if body == "" {
		body = "meeting"
	}
	if m.Number > 0 {
		return fmt.Sprintf("%s-%d", body, m.Number)
	}
	return body + "-" + m.Date
}
