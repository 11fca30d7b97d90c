package extract

import (
	"cmp"
	"regexp"
	"strings"
	"unicode/utf8"
)

// The 会議録 of the Diet (国会会議録) and of prefectural and municipal
// assemblies (議会会議録) share a layout unlike the minutes of councils
// and headquarters: no 日時 heading (the date is a line of its own, often
// in kanji, with the opening time under it: 午前十時開議), attendee sections
// whose names end in the honorific 君 (出席委員, 出席国務大臣, 出席議員, …,
// often two to a line, padded to a width, with a role before the name),
// a list of the business of the day (本日の会議に付した案件), and speaker
// markers made of a family name and a title (○佐藤委員長, 泉委員) or a role
// and a full name (○議長（山田太郎君）). gikaiHeader reads that header;
// the proceedings are read by the shared reader, with the markers below.

// gikaiSection describes what follows a section label of a 会議録 header.
type gikaiSection struct {
	kind string // att, skip, agenda, schedule, date, place
	role string // the role of the attendees the section lists
	// titled: the attendees of the section carry a title before the name
	// (出席国務大臣: 郵政大臣 河本敏夫君) rather than a role word.
	titled bool
}

// gikaiLabels are the section labels of a 会議録 header, as keys without
// the circle before them and the count after them.
var gikaiLabels = map[string]gikaiSection{
	"出席委員":           {kind: "att", role: "委員"},
	"出席小委員":          {kind: "att", role: "小委員"},
	"出席議員":           {kind: "att", role: "議員"},
	"出席者は左のとおり":      {kind: "att"},
	"出席者は次のとおり":      {kind: "att"},
	"国務大臣":           {kind: "att", role: "国務大臣", titled: true},
	"副大臣":            {kind: "att", role: "副大臣", titled: true},
	"大臣政務官":          {kind: "att", role: "大臣政務官", titled: true},
	"政府特別補佐人":        {kind: "att", role: "政府特別補佐人", titled: true},
	"出席国務大臣":         {kind: "att", role: "国務大臣", titled: true},
	"出席政府委員":         {kind: "att", role: "政府委員", titled: true},
	"出席政府参考人":        {kind: "att", role: "政府参考人", titled: true},
	"政府参考人":          {kind: "att", role: "政府参考人", titled: true},
	"参考人":            {kind: "att", role: "参考人", titled: true},
	"出席参考人":          {kind: "att", role: "参考人", titled: true},
	"政府委員":           {kind: "att", role: "政府委員", titled: true},
	"委員外の出席者":        {kind: "att", titled: true},
	"委員外出席者":         {kind: "att", titled: true},
	"小委員外出席者":        {kind: "att", titled: true},
	"出席説明員":          {kind: "att", titled: true},
	"説明員":            {kind: "att", titled: true},
	"説明のため出席した者":     {kind: "att", titled: true},
	"説明のため出席した者の職氏名": {kind: "att", titled: true},
	"議会事務局出席者":       {kind: "att", titled: true},
	"事務局職員出席者":       {kind: "att", titled: true},
	"職務のため出席した者":     {kind: "att", titled: true},
	"職務のため出席した事務局職員": {kind: "att", titled: true},
	"事務局出席者":         {kind: "att", titled: true},
	"事務局側":           {kind: "att", titled: true},
	"理事者側出席者":        {kind: "att", titled: true},
	"欠席委員":           {kind: "absent"},
	"欠席議員":           {kind: "absent"},
	"欠席者":            {kind: "absent"},
	"委員氏名":           {kind: "skip"},
	"委員の異動":          {kind: "skip"},
	"委員長の異動":         {kind: "skip"},
	"理事の異動":          {kind: "skip"},
	"本日の会議に付した案件":    {kind: "agenda"},
	"本日の会議に付した事件":    {kind: "agenda"},
	"会議に付した事件":       {kind: "agenda"},
	"会議に付した案件":       {kind: "agenda"},
	"本日審査した案件":       {kind: "agenda"},
	"付議事件":           {kind: "agenda"},
	"審査事件":           {kind: "agenda"},
	"議事日程":           {kind: "schedule"},
	"日時":             {kind: "date"},
	"開会日時":           {kind: "date"},
	"招集日時":           {kind: "date"},
	"開催日時":           {kind: "date"},
	"場所":             {kind: "place"},
	"招集場所":           {kind: "place"},
	"開会場所":           {kind: "place"},
	"会議場所":           {kind: "place"},
	"開催場所":           {kind: "place"},
	"開催年月日":          {kind: "date"},
	"開催日":            {kind: "date"},
	"会議次第":           {kind: "agenda"},
	"傍聴者":            {kind: "skip"},
	"傍聴者等":           {kind: "skip"},
	"傍聴人":            {kind: "skip"},
	"議事の大要":          {kind: "skip"},
	"議事の概要":          {kind: "skip"},
	"主な質疑":           {kind: "skip"},
	"会議の経過":          {kind: "skip"},
	"期日":             {kind: "date"},
	"応招・出席・欠席議員":     {kind: "att", role: "議員"},
	"応召・出席・欠席議員":     {kind: "att", role: "議員"},
	"出席・欠席議員":        {kind: "att", role: "議員"},
}

// bodyAttLabelRe matches, in keys, an attendee label after the body's
// name (田沢湖・角館・西木合併協議会出席者, …欠席者 なし).
var bodyAttLabelRe = regexp.MustCompile(`^.{2,30}?(?:協議会|委員会|審議会|議会)(出席者|欠席者)(.*)$`)

// gikaiAttendeeLabels are the labels that prove the layout: a header
// with one of them before the first marker is read as a 会議録.
var gikaiProof = []string{"応招・出席・欠席議員", "応召・出席・欠席議員", "出席・欠席議員", "出席委員", "出席小委員", "出席議員", "出席者は左のとおり", "出席者は次のとおり", "出席国務大臣", "本日の会議に付した案件", "本日の会議に付した事件", "会議に付した事件", "本日審査した案件", "委員氏名", "招集日時"}

var (
	// labelCountRe matches the count after a label: (8人), 十九名, (41人).
	labelCountRe = regexp.MustCompile(`(?:\(?[0-9一二三四五六七八九十]+[人名]\)?|\(敬称略\)|。)$`)
	// dietTitleRe matches the Diet's title line: 第211回国会 衆議院 …委員会 第5号.
	dietSessionRe = regexp.MustCompile(`第(\d+|[一二三四五六七八九十百]+)回国会`)
	// gouRe matches the number of a 会議録: 第5号, 閉会後第1号.
	gouRe = regexp.MustCompile(`第(\d+|[一二三四五六七八九十百]+)号`)
	// gikaiKindRe matches the kind of record in a 会議録's title.
	gikaiKindRe = regexp.MustCompile(`会議録|速記録|議事録`)
	// separatorRe matches a line of rules: ―――, ……, ─────, ――◇――.
	separatorRe = regexp.MustCompile(`^[-─━…‥・.=＝_◇◆]{3,}$`)
	// agendaNumRe matches the number before an item of the day's business:
	// 日程第一, 第1, 1, 1., 議題1.
	agendaNumRe = regexp.MustCompile(`^(?:日程)?(?:第[0-9一二三四五六七八九十百]+|[0-9]{1,2}[.、]?)(?:\s|　)+`)
	// viewerNumRe matches a viewer's numbering of turns: "2. 高田寛", "#2".
	viewerNumRe = regexp.MustCompile(`^(?:\d{1,4}\.[^\s]{1,12}|#\d{1,4})$`)
	// meetingDateLeadRe matches a leading year and month before a body's
	// name: 平成23年12月 和歌山県議会, 令和 7年議会運営委員会.
	gikaiYearRe = regexp.MustCompile(`^(?:(?:平成|令和|昭和)[0-9元一二三四五六七八九十]+|(?:19|20)\d\d)年(?:[0-9一二三四五六七八九十]+月)?(?:\d+日)?`)
)

// gikaiLabel returns the section a line or segment key opens, with the
// text after the label on the same segment.
func gikaiLabel(key string) (gikaiSection, string, bool) {
	k := strings.TrimLeft(key, "○●◇◆□■")
	k = strings.TrimLeft(k, "0123456789.、")
	rest := ""
	// the longest label at the start of k
	best := ""
	for l := range gikaiLabels {
		if strings.HasPrefix(k, l) && len(l) > len(best) {
			best = l
		}
	}
	if best == "" && runeLen(k) <= 16 && strings.HasSuffix(k, "出席者") && !strings.ContainsAny(k, "、。") {
		// 事務局等の出席者, 説明員の出席者
		return gikaiSection{kind: "att", titled: true}, "", true
	}
	if best == "" {
		// 田沢湖・角館・西木合併協議会出席者: a body's name before the label
		if m := bodyAttLabelRe.FindStringSubmatch(k); m != nil {
			sec := gikaiSection{kind: "att"}
			if m[1] == "欠席者" {
				sec.kind = "absent"
			}
			return sec, m[2], true
		}
		return gikaiSection{}, "", false
	}
	rest = k[len(best):]
	rest = strings.TrimLeft(rest, ":")
	if c := labelCountRe.FindString(rest); c != "" && len(c) == len(rest) {
		rest = ""
	}
	sec := gikaiLabels[best]
	if rest != "" {
		switch sec.kind {
		case "date", "place", "agenda", "schedule", "skip", "absent":
			// 欠席議員 なし, 欠席者 武藤昭男 1名: nothing to read
		default:
			// 出席委員会… is not the label 出席委員.
			if !strings.HasPrefix(rest, "(") {
				return gikaiSection{}, "", false
			}
		}
	}
	return sec, rest, true
}

// isGikai reports whether the header of lines is a 会議録's: a proving
// label before the first speaker marker.
func isGikai(lines []line) bool {
	if councilRecordTitle(lines) {
		return true
	}
	for i, l := range lines {
		if i > 400 {
			break
		}
		for _, s := range explode(l) {
			// ○出席委員, 3.出席委員, 2 出席委員
			k := strings.TrimLeft(s.key, "○0123456789.、")
			for _, w := range gikaiProof {
				if strings.HasPrefix(k, w) {
					if _, _, ok := gikaiLabel(s.key); ok {
						return true
					}
				}
			}
		}
		if assemblyMarkerRe.MatchString(l.key) {
			return true
		}
		if i > 0 && (isMarker(l.key) && !isGikaiLabelKey(l.key)) {
			return false
		}
	}
	return false
}

// assemblyMarkerRe matches, in keys, a speaker marker that only an
// assembly's 会議録 writes, which proves the layout when the header has
// no label that does: a post, then the speaker's name with 君 or さん in
// parentheses (○委員長(渡辺盛君), ◯委員長(大城美幸さん), 委員長(相馬君):),
// or a name with 君 before a colon (本間君:).
var assemblyMarkerRe = regexp.MustCompile(`^○?(?:\p{Han}{1,12}?\([\p{Han}\p{Hiragana}\p{Katakana}ー々]{1,9}?(?:君|さん)\)|[\p{Han}\p{Hiragana}\p{Katakana}ー々]{1,9}?君:)`)

// colonMarkerRe matches, in keys, a marker without ○ that a colon ends:
// 委員長(相馬君):, 本間君:.
var colonMarkerRe = regexp.MustCompile(`^(?:(\p{Han}{1,12}?)\(([\p{Han}\p{Hiragana}\p{Katakana}ー々]{1,9}?)(?:君|さん)\)|([\p{Han}\p{Hiragana}\p{Katakana}ー々]{1,9}?)君)$`)

// colonMarker reports whether l opens a speech with a marker that a
// colon ends (委員長(相馬君):ただいまより…), returning the end of the
// marker's colon in l.text, the post (委員長) and the name (相馬).
func colonMarker(l line) (end int, hint, core string, ok bool) {
	i := strings.IndexAny(l.text, ":：")
	if i <= 0 || runeLen(l.text[:i]) > 24 {
		return 0, "", "", false
	}
	sm := colonMarkerRe.FindStringSubmatch(keyOf(l.text[:i]))
	if sm == nil {
		return 0, "", "", false
	}
	_, n := utf8.DecodeRuneInString(l.text[i:])
	if sm[3] != "" {
		return i + n, "", sm[3], true
	}
	return i + n, sm[1], sm[2], true
}

func isGikaiLabelKey(key string) bool {
	_, _, ok := gikaiLabel(key)
	return ok
}

// explode splits a long line that a viewer flattened (a whole header on
// one line, the parts separated by runs of spaces) into segments at runs
// of two or more spaces. Other lines are returned whole.
// paddingGap reports whether the spaces t[i:j] pad a letter-spaced name
// to its width (吉 羽   茂: two characters, the gap, one character)
// rather than separate two parts.
func paddingGap(t string, i, j int) bool {
	before := []rune(t[:i])
	after := []rune(t[j:])
	n := len(before)
	if n < 3 || len(after) < 1 || isSpace(after[0]) {
		return false
	}
	if len(after) > 1 && !isSpace(after[1]) {
		return false
	}
	if isSpace(before[n-1]) || !isSpace(before[n-2]) || isSpace(before[n-3]) {
		return false
	}
	if n > 3 && !isSpace(before[n-4]) {
		return false
	}
	return isNameLike(string(before[n-3]) + string(before[n-1]) + string(after[0]))
}

func explode(l line) []line {
	if runeLen(l.text) < 100 {
		return []line{l}
	}
	var out []line
	segStart := 0
	i := 0
	t := l.text
	push := func(a, b int) {
		s := strings.TrimFunc(t[a:b], isSpace)
		if s == "" {
			return
		}
		off := a + strings.Index(t[a:b], s)
		// a rule glued to the next part: ――――― 本日の会議に付した案件
		if sep := leadingRule(s); sep > 0 {
			out = append(out, line{n: l.n, start: l.start + off, end: l.start + off + sep, text: s[:sep], key: keyOf(s[:sep])})
			rest := strings.TrimLeftFunc(s[sep:], isSpace)
			off += len(s) - len(rest)
			s = rest
			if s == "" {
				return
			}
		}
		out = append(out, line{n: l.n, start: l.start + off, end: l.start + off + len(s), text: s, key: keyOf(s)})
	}
	for i < len(t) {
		r, n := utf8.DecodeRuneInString(t[i:])
		if !isSpace(r) {
			i += n
			continue
		}
		j, width := i, 0
		for j < len(t) {
			r2, m := utf8.DecodeRuneInString(t[j:])
			if !isSpace(r2) {
				break
			}
			width++
			if r2 == '\u3000' {
				width++
			}
			j += m
		}
		if width >= 2 && !(width == 3 && paddingGap(t, i, j)) {
			push(segStart, i)
			segStart = j
		}
		i = j
	}
	push(segStart, len(t))
	if len(out) < 3 {
		return []line{l}
	}
	return out
}

// gikaiReader is the state of gikaiHeader.
type gikaiReader struct {
	p       *parser
	m       Meeting
	house   string
	section gikaiSection
	inSec   bool
	atts    []Attendee
	agenda  []AgendaItem
	sched   []AgendaItem
	start   string // from 開議/開会 outside the 議事日程
	schedSt string // from the 議事日程

	// attendee section state
	toks       []gikaiTok // tokens since the last name
	role       string     // a role word that applies to the next name
	sticky     string     // a role label on a line of its own (参議院: 理 事)
	titled     bool       // names carry titles (after …… in 出席委員)
	parenTitle string     // (法務省刑事局長) on the line before the name
	paren      []string   // an open parenthesised title across tokens
	kun        bool       // the names of the header end in 君
	pending    string     // a post on the line before the name it belongs to
	agendaText []string   // agenda items joined by ○ on one line
	absent     []Attendee // the people of the 欠席 sections
	absentFrom int        // index in atts where the open 欠席 section's names begin, or -1
	parenItems bool       // the agenda's items are numbered (1), (2)
	dateLabel  bool       // the date came from a date label
}

type gikaiTok struct {
	text string
	l    line
}

// memberRoles are the role words written before a member's name in an
// attendee section.
var memberRoles = []string{"副委員長", "小委員長", "委員長", "理事", "委員", "小委員", "副議長", "議長", "副会長", "会長"}

func memberRole(k string) (string, bool) {
	for _, r := range memberRoles {
		if k == r {
			return r, true
		}
	}
	return "", false
}

// gikaiHeader reads the header of a 会議録 and reports whether the minutes
// have that layout. It leaves p.body at the first speaker marker.
func (p *parser) gikaiHeader() bool {
	if !isGikai(p.lines) {
		return false
	}
	g := &gikaiReader{p: p, absentFrom: -1}
	p.titleKeys = map[string]bool{}
	p.body = g.read()
	g.flushNames()
	m := &g.m
	if m.Date == "" && !(councilRecordTitle(p.lines) && m.Number > 0 && m.Body != "") {
		return false
	}
	if m.Start == "" {
		m.Start = g.schedSt
	}
	if g.start != "" {
		m.Start = g.start
	}
	if m.Kind == "" {
		m.Kind = "会議録"
	}
	if g.house != "" && !strings.HasPrefix(m.Body, g.house) {
		m.Body = g.house + m.Body
	}
	if m.Body == "" {
		m.Body = g.house
	}
	p.doc.Meeting = *m
	p.att.atts = g.atts
	p.doc.Absentees = g.absent
	if len(g.agenda) == 0 {
		g.agenda = g.sched
	}
	p.doc.Agenda = append(p.doc.Agenda, g.agenda...)
	p.layout = "gikai"
	return true
}

// dropKeyPrefix drops from text the characters that make up the first n
// runes of its key (spaces in text do not count).
func dropKeyPrefix(text string, n int) string {
	for i, r := range text {
		if n == 0 {
			return strings.TrimLeftFunc(text[i:], func(r rune) bool { return isSpace(r) || r == ':' || r == '：' })
		}
		if !isSpace(r) {
			n--
		}
	}
	return ""
}

// isProceedings reports whether line i opens the proceedings: a speaker
// marker, or a viewer's turn number before one.
func (g *gikaiReader) isProceedings(i int) bool {
	l := g.p.lines[i]
	if isMarker(l.key) && !isGikaiLabelKey(l.key) && !separatorRe.MatchString(l.key) {
		return !strings.HasPrefix(l.key, "○議事日程") && runeLen(l.key) < 200
	}
	if _, ok := webMarker(l); ok {
		return true
	}
	if _, _, _, ok := colonMarker(l); ok {
		return true
	}
	if _, ok := blockMarker(g.p.lines, i); ok {
		return true
	}
	if lineMarker(g.p.lines, i) {
		return true
	}
	if viewerNumRe.MatchString(l.key) {
		for j := i + 1; j < len(g.p.lines) && j < i+4; j++ {
			if g.p.lines[j].text == "" {
				continue
			}
			_, ok := webMarkerTok(g.p.lines[j])
			return ok || isMarker(g.p.lines[j].key)
		}
	}
	return false
}

// title reads a line of the title block.
func (g *gikaiReader) title(s line) {
	k := s.key
	full := s.text
	m := &g.m
	g.p.titleKeys[k] = true
	if k == "衆議院" || k == "参議院" {
		g.house = k
		return
	}
	if sm := dietSessionRe.FindStringSubmatchIndex(s.text); sm != nil {
		// 2019-01-25 第197回国会 参議院 議院運営委員会 閉会後第1号 公式Web版
		n, _ := parseNumber(s.text[sm[2]:sm[3]])
		m.Session = n
		rest := strings.TrimSpace(s.text[sm[1]:])
		if gm := gouRe.FindStringSubmatchIndex(rest); gm != nil {
			if n, ok := parseNumber(rest[gm[2]:gm[3]]); ok {
				m.Number = n
			}
			rest = rest[:gm[0]]
		}
		rest = strings.TrimSuffix(strings.TrimSpace(rest), "閉会後")
		rest = strings.TrimSuffix(strings.TrimSpace(rest), "閉会中")
		for _, h := range []string{"衆議院", "参議院"} {
			if strings.HasPrefix(rest, h) {
				g.house = h
				rest = strings.TrimSpace(rest[len(h):])
			}
		}
		if b := strings.Join(strings.Fields(rest), ""); b != "" {
			m.Body = b
		}
		m.Title = s.text
		if iso, _, ok := parseDate(k); ok && m.Date == "" {
			m.Date = iso
		}
		return
	}
	if rm := roundRe.FindStringSubmatchIndex(s.text); rm != nil && m.Number == 0 {
		// 第10回臨時田沢湖・角館・西木合併協議会会議録: the number, then the body
		if n, ok := parseNumber(s.text[rm[2]:rm[3]]); ok {
			m.Number = n
		}
		s.text = strings.TrimSpace(s.text[rm[1]:])
		k = keyOf(s.text)
	}
	if m.Number == 0 && !strings.HasPrefix(k, "議事日程") {
		if gm := gouRe.FindStringSubmatch(k); gm != nil {
			if n, ok := parseNumber(gm[1]); ok {
				m.Number = n
			}
		}
	}
	if kind := gikaiKindRe.FindString(k); kind != "" {
		if m.Kind == "" || m.Kind == "会議録" {
			m.Kind = kind
		}
		if m.Body == "" || !strings.Contains(m.Body, "委員会") {
			t := strings.Join(strings.Fields(s.text), "")
			if j := strings.Index(t, kind); j > 0 {
				b := gikaiYearRe.ReplaceAllString(t[:j], "")
				for _, suf := range []string{"定例会", "臨時会"} {
					b = strings.TrimSuffix(b, suf)
				}
				b = gikaiYearRe.ReplaceAllString(b, "")
				if rm := roundRe.FindStringSubmatchIndex(b); rm != nil {
					// 平成25年第11回教育委員会議(10月定例会)会議録
					if n, ok := parseNumber(b[rm[2]:rm[3]]); ok && m.Number == 0 {
						m.Number = n
					}
					b = b[rm[1]:]
				}
				b = trailingParenRe.ReplaceAllString(b, "")
				b = leadingParenRe.ReplaceAllString(b, "") // 第1回(8月)琴平町議会臨時会
				for _, suf := range []string{"定例会", "臨時会"} {
					b = strings.TrimSuffix(b, suf)
				}
				if b != "" && !strings.HasPrefix(b, "第") && b != "本文" {
					m.Body = b
					m.Title = full
				}
			}
		}
		return
	}
	if m.Date != "" && m.Place == "" && !g.inSec && runeLen(k) <= 30 {
		// 市議会会議室 under an unlabelled date line
		if _, _, ok := parseDate(k); !ok && !openRe.MatchString(k) && !closeRe.MatchString(k) {
			for _, w := range placeWords {
				if strings.Contains(k, w) {
					m.Place = s.text
					return
				}
			}
		}
	}
	if m.Body != "" {
		return
	}
	// 総務文教常任委員会 平成27年6月22日(月), 2025/02/05 令和7年厚生委員会本文:
	// the body between the dates.
	b := strings.Join(strings.Fields(s.text), "")
	b = titleDateRe.ReplaceAllString(b, "")
	b = strings.TrimSuffix(b, "本文")
	b = gikaiYearRe.ReplaceAllString(b, "")
	b = trailingParenRe.ReplaceAllString(b, "") // 文教警察常任委員会(教育委員会関係)
	if strings.HasSuffix(b, "委員会") || strings.HasSuffix(b, "議会") || strings.HasSuffix(b, "協議会") {
		m.Body = b
	}
}

// leadingParenRe matches a note in parentheses before a body's name.
var leadingParenRe = regexp.MustCompile(`^[(（][^()（）]*[)）]`)

// roundRe matches the number of a meeting before its body's name in a
// title: 第1回 田沢湖…, 第10回臨時田沢湖….
var roundRe = regexp.MustCompile(`^第\s*([0-9０-９]+|[一二三四五六七八九十百]+)\s*回\s*(?:臨時|定例)?\s*`)

// titleDateRe matches a date before or after a body's name in a title
// line: 平成27年6月22日(月), 2025/02/05.
var titleDateRe = regexp.MustCompile(`^[0-9０-９]{4}[/／][0-9０-９]{1,2}[/／][0-9０-９]{1,2}|(?:(?:平成|令和|昭和)[0-9０-９元]+|[0-9０-９]{4})年[0-9０-９]{1,2}月[0-9０-９]{1,2}日(?:[(（][^)）]{1,3}[)）])?$`)

// segment reads one line or segment of the header.
func (g *gikaiReader) segment(s line, i int) {
	k := s.key
	m := &g.m
	if separatorRe.MatchString(k) {
		if g.inSec && g.section.kind == "att" && strings.ContainsAny(k, ".…‥") {
			// ……… in 出席委員: the people after it are not members
			g.flushNames()
			g.titled, g.sticky, g.role = true, "", ""
			g.section.role = ""
			return
		}
		g.flushNames()
		if g.inSec && g.section.kind == "att" && g.section.role == "" && !g.section.titled {
			// ───── in 出席者は左のとおり (参議院): officers follow
			g.titled, g.sticky, g.role = true, "", ""
			return
		}
		g.inSec = false
		return
	}
	// The date and the opening time, wherever they are in the header.
	if m.Date == "" || (g.inSec && g.section.kind == "date") {
		if iso, _, ok := parseDate(k); ok {
			if m.Date == "" || g.inSec && g.section.kind == "date" && !g.dateLabel {
				// a labelled date wins over one above it (a notice's)
				m.Date = iso
				g.dateLabel = g.inSec && g.section.kind == "date"
			}
			if !g.inSec || g.section.kind != "date" {
				g.times(k)
				return
			}
		}
	}
	if g.times(k) {
		return
	}
	if !g.inSec {
		return
	}
	switch g.section.kind {
	case "att", "absent":
		l := g.p.lines[i]
		whole := s.end == l.end && (s.start == l.start || s.start > l.start && s.start-l.start <= len(l.text) && strings.Trim(l.text[:s.start-l.start], "•◦・‐-－ 　") == "")
		g.attSegment(s, whole)
	case "agenda":
		g.agendaSegment(s, &g.agenda)
	case "schedule":
		if _, _, ok := parseDate(k); ok {
			return
		}
		if gouRe.MatchString(k) && runeLen(k) <= 6 {
			return // 議事日程 第四号
		}
		g.agendaSegment(s, &g.sched)
	case "date":
		g.times(k)
	case "place":
		if m.Place == "" {
			m.Place = s.text
		}
	}
}

var (
	openRe  = regexp.MustCompile(`(開議|開会|開始)`)
	closeRe = regexp.MustCompile(`(散会|閉会|閉議|終了)`)
)

// times reads 午前十時開議, 10時00分開会 10時38分閉会, 午前10時 (in a date
// section). It reports whether k was a line of times.
func (g *gikaiReader) times(k string) bool {
	if !strings.Contains(k, "時") && !strings.Contains(k, ":") {
		return false
	}
	found := false
	rest := k
	// 開会 午後3時01分, 閉会 午後4時: the word before each time names it
	labelFirst := openRe.FindStringIndex(k) != nil && openRe.FindStringIndex(k)[0] == 0 || closeRe.FindStringIndex(k) != nil && closeRe.FindStringIndex(k)[0] == 0
	for rest != "" {
		loc := clockRe1.FindStringIndex(digitClock(rest))
		if loc == nil {
			break
		}
		d := digitClock(rest)
		t, ok := clock(clockRe1.FindStringSubmatch(d)[1:6], "")
		after := d[loc[1]:]
		if !ok {
			break
		}
		before := lastWord(d[:loc[0]])
		switch {
		case labelFirst && closeRe.MatchString(before):
			if g.m.End == "" {
				g.m.End = t
			}
			found = true
		case labelFirst && openRe.MatchString(before):
			g.start = t
			found = true
		case labelFirst:
		case closeRe.MatchString(head(after, 4)):
			if g.m.End == "" {
				g.m.End = t
			}
			found = true
		case openRe.MatchString(head(after, 4)) || g.inSec && g.section.kind == "date" && g.start == "" && !strings.HasPrefix(after, "間"):
			if g.inSec && g.section.kind == "schedule" {
				if g.schedSt == "" {
					g.schedSt = t
				}
			} else {
				g.start = t
			}
			found = true
		}
		rest = after
	}
	return found
}

// lastWord returns the last opening or closing word in s (開会, 閉会, …),
// or "".
func lastWord(s string) string {
	o, c := openRe.FindAllStringIndex(s, -1), closeRe.FindAllStringIndex(s, -1)
	switch {
	case o == nil && c == nil:
		return ""
	case c == nil || o != nil && o[len(o)-1][0] > c[len(c)-1][0]:
		return "開会"
	}
	return "閉会"
}

// head returns the first n runes of s.
func head(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// agendaSegment reads one item of the day's business.
func (g *gikaiReader) agendaSegment(s line, into *[]AgendaItem) {
	t := strings.TrimSpace(s.text)
	if strings.HasPrefix(keyOf(t), "(") && sectionRe.MatchString(keyOf(t)) {
		if len(*into) > 0 && !g.parenItems {
			return // (1) a sub-item
		}
		// 付議事件 (1)平成29年度…, (2)常任委員の選任: the items themselves
		g.parenItems = true
		t = strings.TrimSpace(sectionRe.FindStringSubmatch(keyOf(t))[2])
		*into = append(*into, AgendaItem{Kind: KindDiscussion, Title: t, Line: s.n, Start: s.start, End: s.end})
		return
	}
	if strings.Contains(t, "○") || len(g.agendaText) > 0 {
		// Items joined by ○ on one flattened line, broken inside words.
		g.agendaText = append(g.agendaText, strings.Join(strings.Fields(t), ""))
		return
	}
	if loc := agendaNumRe.FindStringIndex(t); loc != nil {
		t = strings.TrimSpace(t[loc[1]:])
	}
	if t == "" || pageRe.MatchString(keyOf(t)) || t == "このページのトップに戻る" || procedural(keyOf(t)) {
		return
	}
	*into = append(*into, AgendaItem{Kind: KindDiscussion, Title: t, Line: s.n, Start: s.end - len(t), End: s.end})
}

// procedural reports whether an item of a 会議次第 is a step of the
// meeting rather than business before it: 1.開会, 4.会長あいさつ, 9.議題
// (the label of the items under it), 5.閉 会.
func procedural(k string) bool {
	k = strings.TrimLeft(k, "0123456789.、)")
	switch k {
	case "開会", "閉会", "開議", "散会", "議題", "議事", "議案", "協議事項", "報告事項":
		return true
	}
	return strings.HasSuffix(k, "あいさつ") || strings.HasSuffix(k, "挨拶")
}

func (g *gikaiReader) flushAgendaText(into *[]AgendaItem, l line) {
	if len(g.agendaText) == 0 {
		return
	}
	all := strings.Join(g.agendaText, "")
	g.agendaText = nil
	for _, it := range strings.Split(all, "○") {
		if it = strings.TrimSpace(it); it != "" {
			*into = append(*into, AgendaItem{Kind: KindDiscussion, Title: it, Line: l.n, Start: l.start, End: l.end})
		}
	}
}

// attSegment reads one line or segment of an attendee section.
func (g *gikaiReader) attSegment(s line, whole bool) {
	if boxLine(s.text) {
		g.flushNames()
		if row, ok := boxRow(s.text); ok {
			g.atts = append(g.atts, Attendee{Name: row[0] + " " + row[1], Family: row[0], Given: row[1], HQRole: g.section.role, Line: s.n})
		}
		return
	}
	toks, _ := fields(s.text)
	if len(toks) == 0 {
		return
	}
	// A role label alone on its line or segment (参議院: 理 事, 委 員).
	if r, ok := memberRole(keyOf(strings.Join(toks, ""))); ok && !g.titled {
		g.flushNames()
		g.sticky = r
		return
	}
	// A sub-label (政府参考人, 参考人, 事務局側) inside the section.
	if sec, rest, ok := gikaiLabel(keyOf(strings.Join(toks, ""))); ok && rest == "" && sec.kind == "att" && sec.role != g.section.role {
		g.flushNames()
		g.titled = true
		g.section.role = sec.role
		g.sticky, g.role = "", ""
		return
	}
	if g.commaList(s) || g.spacedLine(toks, s) {
		return
	}
	for _, t := range toks {
		g.tok(t, s)
	}
	if whole && !g.kun && len(g.toks) > 0 {
		// a list without 君: one name a line (１番 山田太郎)
		g.flushNames()
	}
}

// tok reads one token of an attendee section.
func (g *gikaiReader) tok(t string, s line) {
	k := keyOf(t)
	if len(g.paren) > 0 || strings.HasPrefix(k, "(") && !strings.HasSuffix(k, "君") {
		g.paren = append(g.paren, t)
		j := strings.Join(g.paren, " ")
		if depth(j) <= 0 {
			g.paren = nil
			jk := strings.TrimSpace(j)
			jk = strings.TrimPrefix(strings.TrimPrefix(jk, "("), "（")
			jk = strings.TrimSuffix(strings.TrimSuffix(jk, ")"), "）")
			g.parenTitle = jk
		}
		return
	}
	if len(g.toks) == 0 && !g.titled {
		if r, ok := memberRole(k); ok {
			g.role = r
			return
		}
	}
	g.toks = append(g.toks, gikaiTok{text: t, l: s})
	if strings.HasSuffix(k, "君") || strings.HasSuffix(k, "さん") {
		g.kun = true
		g.flushNames()
	}
}

// depth counts open parentheses less closed ones.
func depth(s string) int {
	d := 0
	for _, r := range s {
		switch r {
		case '(', '（':
			d++
		case ')', '）':
			d--
		}
	}
	return d
}

// flushNames turns the tokens read since the last name into an attendee:
// the name is at the end (one token, or a family and a given name), a
// title or role word before it.
func (g *gikaiReader) flushNames() {
	toks := g.toks
	g.toks = nil
	g.flushAgendaText(&g.agenda, line{})
	if len(toks) == 0 {
		return
	}
	ts := make([]string, len(toks))
	for i, t := range toks {
		ts[i] = t.text
	}
	last := len(ts) - 1
	ts[last] = strings.TrimSuffix(strings.TrimSuffix(ts[last], "君"), "さん")
	if ts[last] == "" {
		ts = ts[:last]
		last--
		if last < 0 {
			return
		}
	}
	// 1番 山田太郎: a member's seat number.
	if len(ts) > 1 && seatRe.MatchString(keyOf(ts[0])) {
		ts = ts[1:]
		last--
	}
	role := g.role
	g.role = ""
	if role == "" {
		role = g.sticky
	}
	if !g.titled && role == "" && len(ts) > 0 {
		// a role glued to the name: 委員長野村 有信君
		k := ts[0]
		for _, r := range memberRoles {
			if strings.HasPrefix(k, r) && runeLen(k) > runeLen(r) && !isTitle(k[len(r):]) {
				role = r
				ts[0] = k[len(r):]
				break
			}
		}
	}
	if role == "" && !g.titled {
		role = g.section.role
	}
	if g.titled && role == "" {
		role = g.section.role
	}
	var name []string
	var title []string
	switch {
	case last >= 1 && nameTok(ts[last-1]) && runeLen(ts[last-1]) <= 3 && runeLen(ts[last-1])+runeLen(ts[last]) <= 6 && runeLen(ts[last]) <= 4:
		name = ts[last-1:]
		title = ts[:last-1]
	case last >= 1 && gluedFamily(ts[last-1]) > 0 && runeLen(ts[last]) <= 3:
		// 財務局長谷川 健次君: a post glued to the family name
		t := []rune(ts[last-1])
		j := gluedFamily(ts[last-1])
		name = []string{string(t[j:]), ts[last]}
		title = append(append([]string{}, ts[:last-1]...), string(t[:j]))
	default:
		name = ts[last:]
		title = ts[:last]
	}
	if len(name) == 0 || !isNameLike(strings.Join(name, "")) {
		return
	}
	ti := strings.Join(title, "")
	if g.parenTitle != "" {
		if ti != "" {
			ti += "（" + g.parenTitle + "）"
		} else {
			ti = g.parenTitle
		}
		g.parenTitle = ""
	}
	if !g.titled {
		// a member: the words before the name are a role, not a post
		if r, ok := memberRole(keyOf(ti)); ok {
			role, ti = r, ""
		} else if r, post, ok := strings.Cut(keyOf(ti), "("); ok && strings.HasSuffix(post, ")") {
			// 委員(委員長) 井内 康輝: the role, then the post held
			if r, ok := memberRole(r); ok {
				role, ti = r, strings.TrimSuffix(post, ")")
			}
		}
	}
	family, given := "", ""
	if len(name) == 2 {
		family, given = name[0], name[1]
	} else {
		family, given = splitName(name[0])
	}
	full := family
	if given != "" {
		full += " " + given
	}
	for i := range g.atts {
		if g.atts[i].Name == full {
			// listed twice (a member who is also a 政務官): one person
			if g.atts[i].Title == "" {
				g.atts[i].Title = ti
			}
			return
		}
	}
	g.atts = append(g.atts, Attendee{Name: full, Family: family, Given: given, Title: ti, HQRole: role, Line: toks[0].l.n})
}

var seatRe = regexp.MustCompile(`^\d{1,3}番$`)

// nameTok reports whether a token can be a family name before a given
// name: not a title word.
func nameTok(t string) bool {
	k := keyOf(t)
	if _, ok := memberRole(k); ok {
		return false
	}
	if runeLen(k) == 1 && strings.ContainsAny(k, "長臣官員事補監") {
		return false
	}
	return isNameLike(k) && !isTitle(k)
}

// isNameLike reports whether s is made of the characters of names.
func isNameLike(s string) bool {
	if s == "" || runeLen(s) > 8 {
		return false
	}
	for _, r := range s {
		if !(r >= 0x3040 && r <= 0x30FF || r >= 0x4E00 && r <= 0x9FFF || r == '々' || r == 'ヶ' || r == 'ー' || r >= 0xF900 && r <= 0xFAFF || r >= 0x3400 && r <= 0x4DBF) {
			return false
		}
	}
	return true
}

// webMarkerRe matches the markers of a 会議録 as web pages print them,
// without the ○: 佐藤委員長 これより…, 議長(大島理森君) これより…,
// 委員長高田寛君) それでは… (a viewer that lost the ○ and the "(").
var (
	webMarkerTitleRe = regexp.MustCompile(`^(\p{Han}[\p{Han}\p{Hiragana}\p{Katakana}ー々]{0,5}?)(委員長|小委員長|副委員長|委員|理事|副議長|議長|国務大臣|内閣総理大臣|[\p{Han}]{0,10}大臣|副大臣|大臣政務官|政務官|政府参考人|参考人|政府委員|政府特別補佐人|説明員|会計検査院長|君)$`)
	webMarkerRoleRe  = regexp.MustCompile(`^(委員長|小委員長|副委員長|副議長|議長|会長|事務総長)\(?([\p{Han}\p{Hiragana}\p{Katakana}ー々]{2,8})君\)$`)
)

// webMarker reports whether l opens a speech with a marker without ○,
// returning the marker's length in bytes of l.text.
func webMarker(l line) (int, bool) {
	if l.indent {
		return 0, false
	}
	return webMarkerTok(l)
}

// webMarkerTok is webMarker for a line that may be indented (after a
// viewer's turn number).
func webMarkerTok(l line) (int, bool) {
	if runeLen(l.text) < 4 {
		return 0, false
	}
	i := strings.IndexFunc(l.text, isSpace)
	if i <= 0 {
		return 0, false
	}
	tok := l.text[:i]
	k := keyOf(tok)
	if webMarkerRoleRe.MatchString(k) || webMarkerTitleRe.MatchString(k) {
		return i, true
	}
	return 0, false
}

// gikaiMarker opens a speech at a marker of a 会議録: ○議長（山田太郎君）,
// 議長(大島理森君) (web form), 佐藤委員長 (web form), ○関 三郎委員長. It
// reports false for lines it leaves to the shared reader.
func (p *parser) gikaiMarker(l line) bool {
	text := l.text
	off := 0
	if isMarker(l.key) {
		_, n := utf8.DecodeRuneInString(text)
		off = n
		for off < len(text) {
			r, m := utf8.DecodeRuneInString(text[off:])
			if !isSpace(r) {
				break
			}
			off += m
		}
	} else if _, ok := webMarkerTok(l); !ok {
		return false
	}
	body := text[off:]
	// ROLE(NAME君) or ROLE（NAME君）, or ROLENAME君) from a viewer.
	end := strings.IndexFunc(body, isSpace)
	if end < 0 {
		end = len(body)
	}
	if j := closeParenEnd(body); j > 0 && (end < 0 || j > end) {
		end = j
	}
	tok := body[:end]
	k := keyOf(tok)
	var core, hint string
	if sm := markerRoleNameRe.FindStringSubmatch(k); sm != nil {
		hint, core = sm[1], sm[2]
	} else if sm := webMarkerRoleRe.FindStringSubmatch(k); sm != nil {
		hint, core = sm[1], sm[2]
	} else if !isMarker(l.key) {
		core = strings.TrimSuffix(k, "君")
	} else {
		return false
	}
	rest, restOff := trimRestLeft(text, off+end)
	p.cur = &openSpeech{core: core, hint: hint, s: Speech{Marker: strings.TrimSpace(text[:off+end]), Section: p.section, Line: l.n}}
	p.speechRest(l, rest, restOff)
	return true
}

// markerRoleNameRe matches ○議長（山田太郎君） and ○委員長（大城美幸さん）
// in keys (parentheses folded to ASCII).
var markerRoleNameRe = regexp.MustCompile(`^([\p{Han}]{1,12}?)\(([\p{Han}\p{Hiragana}\p{Katakana}ー々]{1,9}?)(?:君|さん|氏)?\)$`)

// closeParenEnd returns the end of a first parenthesised group in s that
// closes within the first 30 characters, or -1.
func closeParenEnd(s string) int {
	i := strings.IndexAny(s, "(（")
	if i < 0 || runeLen(s[:i]) > 12 {
		return -1
	}
	return closeParen(s, i)
}

// gikaiLine reads line i of the proceedings of a 会議録 when it is a
// speaker marker (with or without ○) or a line a viewer added (a turn's
// number, #2, a ――◇―― rule); it reports false for other lines.
func (p *parser) gikaiLine(i int) bool {
	l := p.lines[i]
	if viewerNumRe.MatchString(l.key) {
		for j := i + 1; j < len(p.lines) && j < i+4; j++ {
			if p.lines[j].text == "" {
				continue
			}
			if _, ok := webMarkerTok(p.lines[j]); ok || isMarker(p.lines[j].key) {
				return true
			}
			break
		}
		return false
	}
	if separatorRe.MatchString(l.key) {
		return true
	}
	if bm, ok := blockMarker(p.lines, i); ok {
		p.closeSpeech()
		p.closeNarrative()
		p.agendaKind = ""
		core := bm.name
		if core == "" {
			core = bm.role
		}
		p.cur = &openSpeech{core: core, hint: bm.role, post: bm.post, unnamed: bm.name == "", kun: bm.name != "", s: Speech{Marker: bm.marker, Section: p.section, Line: l.n}}
		if bm.name == "" {
			p.cur.s.As = cmp.Or(bm.post, bm.role)
		}
		p.skipTo = bm.next
		return true
	}
	if lineMarker(p.lines, i) {
		p.openCouncil(l, l.text, l.text, len(l.text), false)
		return true
	}
	if end, hint, core, ok := colonMarker(l); ok {
		p.closeSpeech()
		p.closeNarrative()
		p.agendaKind = ""
		rest, restOff := trimRestLeft(l.text, end)
		p.cur = &openSpeech{core: core, hint: hint, kun: true, s: Speech{Marker: strings.TrimSpace(l.text[:end]), Section: p.section, Line: l.n}}
		p.speechRest(l, rest, restOff)
		return true
	}
	if isMarker(l.key) || p.afterViewerNum(i) || func() bool { _, ok := webMarker(l); return ok }() {
		cur := p.cur
		p.closeSpeech()
		p.closeNarrative()
		p.agendaKind = ""
		if !p.gikaiMarker(l) {
			p.cur = nil
			_ = cur
			p.openMarker(l)
		}
		return true
	}
	if l.key != "" && closeRe.MatchString(l.key) && runeLen(l.key) <= 16 && p.cur == nil || closeRe.MatchString(l.key) && runeLen(l.key) <= 16 && strings.Contains(l.key, "時") {
		// 午後零時三十分散会
		if t, ok := parseClock(l.key); ok && closeRe.MatchString(l.key) {
			p.doc.Meeting.End = t
			p.closeSpeech()
			return true
		}
	}
	return false
}

// gikaiAfter runs after the proceedings of a 会議録 are read. A marker
// that names a role and a full name (○議長（山田太郎君）) names a person
// even when the minutes list nobody: such a speaker is added to the
// attendees, with a warning, when no attendee has that family name. A
// marker with a family name only creates someone only when it has a post
// (委員長(相馬君):) or when the minutes list nobody at all (本間君:, a
// member: only a person is called 君).
func (p *parser) gikaiAfter() {
	r := newResolver(p.doc.Attendees)
	noList := len(p.doc.Attendees) == 0
	for _, o := range p.open {
		if o.hint == "" && !(o.kun && noList) || o.unnamed || o.core == "" || runeLen(o.core) < 2 {
			continue
		}
		k := keyOf(o.core)
		taken := false
		for _, f := range r.family {
			if f != "" && strings.HasPrefix(k, f) {
				taken = true
				break
			}
		}
		if taken {
			continue
		}
		family, given := splitName(o.core)
		if runeLen(o.core) <= 2 {
			// a family name alone (相馬)
			family, given = o.core, ""
		}
		name := family
		if given != "" {
			name += " " + given
		}
		a := Attendee{Name: name, Family: family, Given: given, Title: cmp.Or(o.post, o.hint), HQRole: o.hint, Line: o.s.Line}
		a.Organization, a.OrgKind = orgOf(a.Title)
		p.doc.Attendees = append(p.doc.Attendees, a)
		r = newResolver(p.doc.Attendees)
		who := name
		if o.hint != "" {
			who += " (" + o.hint + ")"
		}
		p.warn(o.s.Line, WarnSpeakerFromMarker, "speaker %s taken from the marker %q: the minutes list no attendee of that name", who, o.s.Marker)
	}
}

// afterViewerNum reports whether line i is a marker after a viewer's
// turn number ("2. 中川秀直", then the indented "中川委員長 これより…").
func (p *parser) afterViewerNum(i int) bool {
	if _, ok := webMarkerTok(p.lines[i]); !ok {
		return false
	}
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if p.lines[j].text == "" {
			continue
		}
		return viewerNumRe.MatchString(p.lines[j].key)
	}
	return false
}

// leadingRule returns the length of a rule (―――, ───) that opens s and
// is followed by a space, or 0.
func leadingRule(s string) int {
	n, i := 0, 0
	for i < len(s) {
		r, m := utf8.DecodeRuneInString(s[i:])
		if !strings.ContainsRune("―─━…‥-", r) {
			break
		}
		n++
		i += m
	}
	if n >= 3 && i < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[i:]); isSpace(r) {
			return i
		}
	}
	return 0
}

// commaList reads an attendee line of family names and titles joined by
// 、 (鎌倉市議会: 日向委員長、くり林、中里…の各委員(後藤副委員長は欠席)).
func (g *gikaiReader) commaList(s line) bool {
	if !strings.ContainsAny(s.text, "、,，") || g.kun {
		return false
	}
	text := parenRe.ReplaceAllString(s.text, "")
	role := ""
	if i := strings.LastIndex(text, "の各"); i > 0 {
		role = strings.TrimSpace(text[i+len("の各"):])
		text = text[:i]
	}
	if r, ok := memberRole(keyOf(role)); ok {
		role = r
	} else {
		role = g.section.role
	}
	for _, it := range strings.FieldsFunc(text, func(r rune) bool { return r == '、' || r == ',' || r == '，' }) {
		it = strings.Join(strings.Fields(it), "")
		if it == "" {
			continue
		}
		family, title, r := it, "", role
		if rl, name, ok := strings.Cut(it, ":"); ok && name != "" {
			// 委員長:星名建市, 委員:あべともよ
			if x, ok := memberRole(keyOf(rl)); ok {
				f, gv := splitName(name)
				full := f
				if gv != "" {
					full += " " + gv
				}
				if isNameLike(name) {
					g.atts = append(g.atts, Attendee{Name: full, Family: f, Given: gv, HQRole: x, Line: s.n})
				}
				continue
			}
		}
		for _, mr := range memberRoles {
			if strings.HasSuffix(it, mr) && len(it) > len(mr) {
				family, r = strings.TrimSuffix(it, mr), mr
				break
			}
		}
		if family == it && runeLen(it) > 3 && !isKana(it) {
			if f, ok := familyByDictionary(it); ok {
				family, title = f, it[len(f):]
			} else {
				rs := []rune(it)
				family, title = string(rs[:2]), string(rs[2:])
			}
			r = ""
		}
		if !isNameLike(family) || family == "なし" || family == "無し" {
			continue
		}
		g.atts = append(g.atts, Attendee{Name: family, Family: family, Title: title, HQRole: r, Line: s.n})
	}
	return true
}

var parenRe = regexp.MustCompile(`[(（][^()（）]*[)）]`)

// titleEndRunes end a post written before a name: 副市長, 事務局長.
const titleEndRunes = "長者員官監事補理役師記任"

// spacedLine reads a line of letter-spaced names (田 中 太 郎), as
// assemblies print them without 君: one or two names, or a post and a
// name (副 市 長 清 水 幸 雄, 教育委員会 事務局 星 野 隆), or a post's
// continuation on the next line (教 育 総 務 課 長). It reports false for
// other lines.
func (g *gikaiReader) spacedLine(toks []string, s line) bool {
	if g.kun || len(toks) < 2 && !g.titled {
		return false
	}
	if !g.titled {
		if role, sticky, names, ok := paddedLine(s.text); ok {
			g.flushNames()
			g.parenTitle = ""
			if sticky {
				g.sticky = role
				return true
			}
			if role == "" {
				role = g.sectionRole()
			}
			for _, n := range names {
				full := n[0]
				if n[1] != "" {
					full += " " + n[1]
				}
				g.atts = append(g.atts, Attendee{Name: full, Family: n[0], Given: n[1], HQRole: role, Line: s.n})
			}
			return true
		}
	}
	// the trailing run of one-character tokens
	j := len(toks)
	for j > 0 && runeLen(toks[j-1]) == 1 {
		j--
	}
	var rs []string
	for _, t := range toks[j:] {
		rs = append(rs, t)
	}
	pre := strings.Join(toks[:j], "")
	if j > 0 && runeLen(toks[j-1]) <= 3 && nameTok(toks[j-1]) && len(rs) >= 1 && len(rs) <= 3 && g.titled {
		// 大久保 英 輝: a three-character family name not spaced out
		pre = strings.Join(toks[:j-1], "")
		rs = append([]string{toks[j-1]}, rs...)
	}
	all := strings.Join(rs, "")
	push := func(name, title string) {
		family, given := splitName(name)
		if len(rs) > 0 && runeLen(rs[0]) > 1 && strings.HasPrefix(name, rs[0]) {
			family, given = rs[0], strings.TrimPrefix(name, rs[0])
		}
		full := family
		if given != "" {
			full += " " + given
		}
		if g.pending != "" {
			title = g.pending + title
			g.pending = ""
		}
		g.atts = append(g.atts, Attendee{Name: full, Family: family, Given: given, Title: title, HQRole: g.sectionRole(), Line: s.n})
	}
	if !g.titled {
		if j > 0 || len(rs) < 2 || !isNameLike(all) {
			return false
		}
		switch n := runeLen(all); {
		case n <= 5:
			push(all, "")
		case n <= 8:
			// two names: the first of four characters, the commonest shape
			a := []rune(all)
			push(string(a[:4]), "")
			push(string(a[4:]), "")
		default:
			return false
		}
		return true
	}
	if len(rs) >= 2 {
		chars := []rune(all)
		for _, n := range []int{4, 3, 5, 2} {
			if n > len(chars) {
				continue
			}
			title := pre + string(chars[:len(chars)-n])
			name := string(chars[len(chars)-n:])
			last, _ := utf8.DecodeLastRuneInString(title)
			if (title == "" && !isTitle(name) || title == pre && pre != "" || title != "" && strings.ContainsRune(titleEndRunes+"兼", last)) && isNameLike(name) && !strings.HasPrefix(name, "兼") {
				push(name, title)
				return true
			}
		}
	}
	// a post, then the family and the given name (教育次長 川添 泰宏)
	if n := len(toks); g.titled && n >= 3 && runeLen(toks[n-2]) <= 3 && runeLen(toks[n-1]) <= 3 && isNameLike(toks[n-2]+toks[n-1]) && isTitle(strings.Join(toks[:n-2], "")) {
		title := strings.Join(toks[:n-2], "")
		if g.pending != "" {
			title = g.pending + title
			g.pending = ""
		}
		g.atts = append(g.atts, Attendee{Name: toks[n-2] + " " + toks[n-1], Family: toks[n-2], Given: toks[n-1], Title: title, HQRole: g.sectionRole(), Line: s.n})
		return true
	}
	// no name: the rest of the last post, or the start of the next one
	text := strings.Join(toks, "")
	if !isNameLike(text) && !strings.ContainsAny(text, "課局部長") {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(text)
	if strings.ContainsRune(titleEndRunes, last) && len(g.atts) > 0 && g.pending == "" {
		g.atts[len(g.atts)-1].Title += text
	} else {
		g.pending += text
	}
	return true
}

func (g *gikaiReader) sectionRole() string {
	if g.sticky != "" {
		return g.sticky
	}
	if g.section.role == "委員" || g.section.role == "議員" || g.section.role == "小委員" {
		return "" // letter-spaced lists give no role word
	}
	return g.section.role
}

func isKana(s string) bool {
	for _, r := range s {
		if !kana(r) && r != 'ー' {
			return false
		}
	}
	return s != ""
}

// read reads the header lines up to the first speaker marker, whose index
// it returns (len(lines) when there is none).
func (g *gikaiReader) read() int {
	p := g.p
	body := len(p.lines)
	titleDone := false
	for i := 0; i < len(p.lines); i++ {
		l := p.lines[i]
		if l.text == "" {
			continue
		}
		if g.isProceedings(i) {
			body = i
			if viewerNumRe.MatchString(l.key) {
				body = i + 1
			}
			break
		}
		if j := g.labelTable(i); j > i {
			// 開催年月日 / 開催場所 / … then their values in that order
			titleDone = true
			i = j - 1
			continue
		}
		for _, s := range explode(l) {
			s = trimSegBullet(s)
			sec, rest, ok := gikaiLabel(s.key)
			if ok && sec.kind == "att" && rest == "" && g.inSec && g.section.kind == "att" && sec.role != "" && sec.role == g.section.role {
				// 国務大臣 under 出席国務大臣: the first word of a title
				// (国務大臣（デジタル大臣）), not a new section
				ok = false
			}
			if ok && !(g.inSec && g.section.kind == "agenda" && sec.kind != "agenda" && strings.HasPrefix(s.key, "日時")) {
				g.flushNames()
				g.closeAbsent()
				if sec.kind == "absent" {
					g.absentFrom = len(g.atts)
				}
				titleDone = true
				if sec.kind == "att" && g.inSec && g.section.kind == "att" && !sec.titled && g.section.role != "" {
					// 出席者は左のとおり under 出席委員 keeps its role
					sec.role = g.section.role
				}
				g.section, g.inSec = sec, true
				g.titled, g.sticky, g.role, g.parenTitle = sec.titled, "", "", ""
				if rest != "" {
					s.text = dropKeyPrefix(s.text, len([]rune(s.key))-len([]rune(rest)))
					s.key = rest
					g.segment(s, i)
				}
				continue
			}
			if !titleDone && !g.inSec {
				g.title(s)
			}
			g.segment(s, i)
		}
	}
	g.flushNames()
	g.closeAbsent()
	return body
}

// gluedFamily returns where a two-character family name begins in a token
// that glues it to a post (財務局長谷川 → 4), or 0.
func gluedFamily(tok string) int {
	t := []rune(tok)
	j := len(t) - 2
	if j < 2 || !strings.ContainsRune("長官員監", t[j-1]) || !isNameLike(string(t[j:])) || !isTitle(string(t[:j])) {
		return 0
	}
	return j
}

// closeAbsent moves the names read since a 欠席 label from the attendees
// to the absentees.
func (g *gikaiReader) closeAbsent() {
	if g.absentFrom < 0 || g.absentFrom > len(g.atts) {
		g.absentFrom = -1
		return
	}
	kept := g.atts[:g.absentFrom]
	for _, a := range g.atts[g.absentFrom:] {
		switch k := keyOf(a.Name); {
		case k == "なし" || k == "無し":
		case a.Title != "" || a.HQRole != "":
			// 欠席委員 四名, then 議長川島 忠一君, 財務局長…: officers
			// listed under it because the page lost their label attend
			if a.Title == "" {
				a.Title = a.HQRole
			}
			kept = append(kept, a)
		default:
			g.absent = append(g.absent, a)
		}
	}
	g.atts = kept
	g.absentFrom = -1
}

// labelTable reads a table of labels on lines of their own followed by
// their values in the same order (開催年月日 開催場所 合併協議会委員数 開 会
// 閉 会, then 平成17年3月27日 … 午後2時44分) that starts at line i, and
// returns the index of the line after it, or i when there is none.
func (g *gikaiReader) labelTable(i int) int {
	p := g.p
	var labels, values []int
	j := i
	for ; j < len(p.lines); j++ {
		l := p.lines[j]
		if l.text == "" {
			continue
		}
		if !bareLabel(l.key) {
			break
		}
		labels = append(labels, j)
	}
	if len(labels) < 3 {
		return i
	}
	for ; j < len(p.lines) && len(values) < len(labels); j++ {
		l := p.lines[j]
		if l.text == "" {
			continue
		}
		if bareLabel(l.key) || g.isProceedings(j) {
			return i
		}
		values = append(values, j)
	}
	if len(values) < len(labels) {
		return i
	}
	for n, li := range labels {
		lk, v := p.lines[li].key, p.lines[values[n]]
		if sec, _, ok := gikaiLabel(lk); ok {
			g.section, g.inSec = sec, true
			g.segment(v, values[n])
			g.inSec = false
			continue
		}
		g.times(lk + v.key)
	}
	return j
}

// bareLabel reports whether a key is a header label with no value: a
// date or place label, an opening or closing label (開 会), or a count's
// (合併協議会委員数).
func bareLabel(k string) bool {
	if sec, rest, ok := gikaiLabel(k); ok {
		return rest == "" && (sec.kind == "date" || sec.kind == "place")
	}
	switch k {
	case "開会", "閉会", "散会", "開議", "閉議", "開会時間", "閉会時間":
		return true
	}
	return runeLen(k) <= 12 && (strings.HasSuffix(k, "委員数") || strings.HasSuffix(k, "定数"))
}

// ReadAttendeeSections reads the attendee sections of a 会議録 header in
// the Diet's layout (出席委員 in two columns, 委員長/理事 before names, 君
// after them, 出席国務大臣, 出席政府参考人 with titles in parentheses, …):
// the 会議録情報 record of the 国会会議録検索システム API. Lines are
// 1-based lines of text. Members get their role (委員長, 理事, 委員) in
// HQRole; ministers, officials and witnesses their post in Title.
func ReadAttendeeSections(text string) []Attendee {
	p := &parser{lines: splitLines(text), titleKeys: map[string]bool{}}
	g := &gikaiReader{p: p, absentFrom: -1}
	g.read()
	for i := range g.atts {
		a := &g.atts[i]
		a.Organization, a.OrgKind = orgOf(a.Title)
	}
	return g.atts
}
