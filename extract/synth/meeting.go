package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// attendee is one person at one meeting.
type attendee struct {
	person         int // -1 for a person made up for this meeting only
	family, given  string
	reading        string
	title, org     string
	role           string
	post           int // index into posts; -1 for experts and extras
	talkativeness  int
	markerFamily   string // the family name as markers write it
	markerAs       string // the title or role as markers write it
	represents     int    // for proxies, the minister post
	spoke          bool
	forcedToSpeak  bool
	separatorAbove bool // PDF layout: a blank line before this attendee
}

func (a *attendee) name() string { return a.family + " " + a.given }

// turn is one speech turn.
type turn struct {
	who      *attendee
	chair    bool // a chair's address under a numbered heading
	marker   string
	section  string
	paras    []string
	concepts []string
	refers   []string
	// templates are the sentence templates used so far.
	templates []string
}

// block is a unit of the body of the minutes, rendered per layout.
type block struct {
	kind blockKind
	text string
	// items are the agenda items of an agenda-list block.
	items []string
}

type blockKind int

const (
	bHeading  blockKind = iota // （２）討議
	bPara                      // a paragraph
	bMarker                    // ○（村井本部員）
	bKindHead                  // 【決定事項】
	bItems                     // bullet list of agenda items
	bReaction                  // （「異議なし」と声あり）
)

type agendaItem struct {
	kind, title string
	concepts    []string
}

// meetingGen generates one meeting.
type meetingGen struct {
	g     *Generator
	w     *world
	i     int
	snap  snapshot
	rng   *rand.Rand
	style string

	number    int
	attendees []*attendee
	chair     *attendee
	vice      *attendee
	experts   []*attendee
	ministers []*attendee // ministers and proxies, in list order
	agenda    []agendaItem
	turns     []*turn
	blocks    []block
	topics    []int
	czipf     *rand.Zipf
	cur       *turn // the turn being written, collecting concepts
	truth     Truth
}

func (m *meetingGen) build() {
	d := m.snap.date
	m.number = m.g.opts.StartNumber + m.i
	m.czipf = rand.NewZipf(m.rng, 1.1, 4, uint64(len(m.g.concepts)-1))
	for range 3 {
		m.topics = append(m.topics, m.drawConcept(genericTypes...))
	}
	m.attendance()
	m.makeAgenda()
	m.proceedings()

	t := &m.truth
	t.Style = m.style
	t.Body = m.g.opts.Body
	t.Number = m.number
	t.Date = d.Format("2006-01-02")
	for _, a := range m.attendees {
		t.Attendees = append(t.Attendees, TruthAttendee{
			Name: a.name(), Family: a.family, Given: a.given,
			Title: m.listTitle(a.title), Organization: a.org,
			HQRole: a.role, Person: a.person,
		})
	}
	for _, it := range m.agenda {
		t.Agenda = append(t.Agenda, TruthAgenda{Kind: it.kind, Title: it.title, Concepts: it.concepts})
	}
	for _, tu := range m.turns {
		as := tu.who.markerAs
		if tu.chair {
			as = RoleChair
		}
		t.Turns = append(t.Turns, TruthTurn{
			Speaker: tu.who.name(), As: as, Marker: tu.marker, Section: tu.section,
			Concepts: dedupe(tu.concepts), RefersTo: dedupe(tu.refers),
			Text: strings.Join(tu.paras, "\n"),
		})
	}
}

func dedupe(ss []string) []string {
	var out []string
	for _, s := range ss {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// listTitle is a title as the attendee list writes it: the PDF layout
// has full-width Latin letters and digits (ＫＤＤＩ株式会社).
func (m *meetingGen) listTitle(s string) string {
	if m.style != StylePDF {
		return s
	}
	return toFullWidthAlnum(s)
}

func toFullWidthAlnum(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			r += 0xFEE0
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (m *meetingGen) chance(p float64) bool { return m.rng.Float64() < p }

func (m *meetingGen) pick(ss []string) string { return ss[m.rng.IntN(len(ss))] }

func (m *meetingGen) newAttendee(h holding, role string) *attendee {
	p := m.w.people[h.person]
	a := &attendee{
		person: p.id, family: p.family, given: p.given, reading: p.reading,
		title: h.title, org: h.org, role: role, post: h.post,
		talkativeness: p.talkativeness, represents: -1,
	}
	if h.post >= 0 {
		a.represents = posts[h.post].represents
	}
	return a
}

// attendance decides who attends, in attendee-list order.
func (m *meetingGen) attendance() {
	hs := m.snap.holders
	m.chair = m.newAttendee(hs[pChair], RoleChair)
	m.vice = m.newAttendee(hs[pVice], RoleViceChair)
	var ministers, proxies []*attendee
	for j := pNPSC; j < nMinisterPosts; j++ {
		if hs[j].person < 0 {
			continue
		}
		if m.chance(0.45) {
			ministers = append(ministers, m.newAttendee(hs[j], RoleMember))
			continue
		}
		if !m.chance(0.9) {
			continue
		}
		// A vice-minister or a parliamentary secretary stands in.
		for k := nMinisterPosts; k < len(posts); k++ {
			if posts[k].represents == j && hs[k].person >= 0 {
				if posts[k].level == 1 && m.chance(0.4) {
					continue // the secretary comes instead
				}
				proxies = append(proxies, m.newAttendee(hs[k], RoleProxy))
				break
			}
		}
	}
	for _, h := range m.snap.experts {
		if m.chance(0.88) {
			m.experts = append(m.experts, m.newAttendee(h, RoleExpert))
		}
	}
	for len(m.experts) < min(5, len(m.snap.experts)) {
		h := m.snap.experts[m.rng.IntN(len(m.snap.experts))]
		if !slices.ContainsFunc(m.experts, func(a *attendee) bool { return a.person == h.person }) {
			m.experts = append(m.experts, m.newAttendee(h, RoleExpert))
		}
	}
	slices.SortFunc(m.experts, func(a, b *attendee) int {
		return strings.Compare(a.reading+a.given, b.reading+b.given)
	})
	var officials []*attendee
	for k := nMinisterPosts; k < len(posts); k++ {
		if posts[k].role != RoleInAttendee || hs[k].person < 0 {
			continue
		}
		p := 0.9
		if posts[k].level >= 0 {
			p = 0.75 // political deputy chief cabinet secretaries
		}
		if m.chance(p) {
			officials = append(officials, m.newAttendee(hs[k], RoleInAttendee))
		}
	}

	// In about one meeting in twenty, two attendees share a family name
	// and only their titles tell them apart, as 遠藤 信博 (an expert) and
	// 遠藤 紘一 (an official) do in the 17th meeting.
	if m.chance(0.05) && len(m.experts) > 0 {
		e := m.experts[m.rng.IntN(len(m.experts))]
		given := e.given
		for given == e.given {
			given = m.pick(givenPool)
		}
		twin := &attendee{person: -1, family: e.family, given: given, reading: e.reading, represents: -1, post: -1}
		if m.chance(0.5) {
			twin.title, twin.org, twin.role = "内閣サイバーセキュリティセンター副センター長", "内閣サイバーセキュリティセンター", RoleInAttendee
			officials = append(officials, twin)
		} else {
			// The twin stands in for a minister as a proxy, and speaks.
			j := pNPSC + m.rng.IntN(nMinisterPosts-pNPSC)
			if hs[j].person >= 0 {
				ministers = slices.DeleteFunc(ministers, func(a *attendee) bool { return a.post == j })
				proxies = slices.DeleteFunc(proxies, func(a *attendee) bool { return a.represents == j })
				for k := nMinisterPosts; k < len(posts); k++ {
					if posts[k].represents == j {
						twin.title, twin.org = posts[k].title(m.snap.date), posts[k].org(m.snap.date)
						twin.role, twin.post, twin.represents = RoleProxy, k, j
						twin.talkativeness = 0
						twin.forcedToSpeak = true
						break
					}
				}
				proxies = append(proxies, twin)
				slices.SortStableFunc(proxies, func(a, b *attendee) int { return a.represents - b.represents })
			}
		}
		if twin.title != "" {
			m.truth.SameFamily = true
		}
	}

	m.ministers = append(ministers, proxies...)
	m.attendees = append(m.attendees, m.chair, m.vice)
	m.attendees = append(m.attendees, m.ministers...)
	m.attendees = append(m.attendees, m.experts...)
	for i, o := range officials {
		o.separatorAbove = i == 0
		m.attendees = append(m.attendees, o)
	}
	for _, a := range m.attendees {
		m.setMarker(a)
	}
}

// setMarker decides how speech markers name a.
func (m *meetingGen) setMarker(a *attendee) {
	a.markerFamily = a.family
	if strings.ContainsAny(a.family, "髙﨑澤") && m.chance(0.3) {
		// Markers sometimes use the common form of a variant kanji.
		a.markerFamily = foldFamily(a.family)
	}
	switch a.role {
	case RoleExpert:
		a.markerAs = RoleMember
		if m.g.opts.Quirks && m.style == StyleHTML && m.chance(0.3) {
			a.markerAs = RoleChair // the slip of the 30th seed
		}
	case RoleViceChair:
		a.markerAs = a.title + "（副本部長）"
	case RoleMember, RoleProxy:
		a.markerAs = a.title
		if a.title == "国家公安委員会委員長" {
			a.markerAs = "国家公安委員長"
		}
		if a.title == "情報通信技術（IT）政策担当大臣" && m.chance(0.3) {
			a.markerAs = "IT政策担当大臣"
		}
	default:
		a.markerAs = a.title
	}
}

// makeAgenda draws the agenda items.
func (m *meetingGen) makeAgenda() {
	nDec := 0
	if m.chance(0.85) {
		nDec = 1 + m.rng.IntN(3)
	}
	nDis := m.rng.IntN(3)
	nRep := 1 + m.rng.IntN(5)
	add := func(kind string, n int) {
		used := map[string]bool{}
		for len(used) < n {
			tpl := m.pick(agendaTemplates[kind])
			if used[tpl] {
				if len(used) >= len(agendaTemplates[kind]) {
					return
				}
				continue
			}
			used[tpl] = true
			m.cur = &turn{}
			title := m.expand(tpl, nil)
			m.agenda = append(m.agenda, agendaItem{kind: kind, title: title, concepts: dedupe(m.cur.concepts)})
			m.cur = nil
		}
	}
	add(KindDecision, nDec)
	add(KindDiscussion, nDis)
	add(KindReport, nRep)
}

func (m *meetingGen) decisions() []agendaItem {
	var ds []agendaItem
	for _, it := range m.agenda {
		if it.kind == KindDecision {
			ds = append(ds, it)
		}
	}
	return ds
}

// heading returns the numbered section heading n in the meeting's style.
func (m *meetingGen) heading(n int, text string) string {
	if m.style == StylePDF {
		return "（" + m.num(n) + "）" + text
	}
	if n == 1 {
		return fmt.Sprintf("（%d）%s", n, text)
	}
	return fmt.Sprintf("(%d) %s", n, text)
}

func (m *meetingGen) marker(a *attendee) string {
	if m.style == StylePDF {
		return "○（" + a.markerFamily + a.markerAs + "）"
	}
	return "○" + a.markerFamily + a.markerAs
}

func (m *meetingGen) para(s string) { m.blocks = append(m.blocks, block{kind: bPara, text: s}) }

// speak starts a turn by a under the current section.
func (m *meetingGen) speak(a *attendee, section string, chair bool) *turn {
	t := &turn{who: a, chair: chair, section: section}
	if chair {
		t.marker = section
	} else {
		t.marker = m.marker(a)
		m.blocks = append(m.blocks, block{kind: bMarker, text: t.marker})
	}
	m.turns = append(m.turns, t)
	m.cur = t
	a.spoke = true
	return t
}

// say adds a paragraph to the current turn.
func (m *meetingGen) say(sentences ...string) {
	p := strings.Join(sentences, "")
	if p == "" {
		return
	}
	m.cur.paras = append(m.cur.paras, p)
	m.para(p)
}

// proceedings writes section 4 of the minutes: the addresses, the
// discussion, the decisions.
func (m *meetingGen) proceedings() {
	decs := m.decisions()
	sec := 1

	// (1) The chair opens.
	h := m.heading(sec, "本部長冒頭挨拶")
	m.blocks = append(m.blocks, block{kind: bHeading, text: h})
	m.speak(m.chair, h, true)
	m.chairOpening()

	// (2) Discussion.
	sec++
	h = m.heading(sec, "討議")
	m.blocks = append(m.blocks, block{kind: bHeading, text: h})
	for _, kind := range []struct{ k, head string }{
		{KindDecision, "【決定事項】"}, {KindDiscussion, "【討議事項】"}, {KindReport, "【報告事項】"},
	} {
		var items []string
		for _, it := range m.agenda {
			if it.kind == kind.k {
				items = append(items, it.title)
			}
		}
		if len(items) > 0 {
			m.blocks = append(m.blocks, block{kind: bKindHead, text: kind.head}, block{kind: bItems, items: items})
		}
	}
	m.para("上記について、事務局から資料に基づき説明が行われるとともに、本部員より意見が述べられた。")

	if m.style == StyleHTML || m.chance(0.5) {
		m.speak(m.vice, h, false)
		m.say("それでは、意見交換に移りたい。")
		m.say("まず、有識者本部員よりコメントをいただきたい。")
	}
	// The experts speak in list order; the most talkative sometimes first.
	order := slices.Clone(m.experts)
	if m.chance(0.3) {
		best := slices.MinFunc(order, func(a, b *attendee) int { return a.talkativeness - b.talkativeness })
		i := slices.Index(order, best)
		order = slices.Insert(slices.Delete(order, i, i+1), 0, best)
	}
	spoken := 0
	for _, e := range order {
		if m.chance(0.9) || len(order)-spoken <= 3 {
			m.speak(e, h, false)
			m.expertSpeech(e)
			spoken++
		}
	}
	// A second round: who speaks again follows a Zipf law over the
	// experts present, most talkative first.
	if m.chance(0.5) && len(m.experts) > 1 {
		m.speak(m.vice, h, false)
		m.say("ここで、これまでの御意見について、追加の御発言があれば伺いたい。")
		byTalk := slices.Clone(m.experts)
		slices.SortFunc(byTalk, func(a, b *attendee) int { return a.talkativeness - b.talkativeness })
		z := rand.NewZipf(m.rng, 1.2, 1, uint64(len(byTalk)-1))
		n, last := 1+m.rng.IntN(3), (*attendee)(nil)
		for range n {
			e := byTalk[z.Uint64()]
			if e == last {
				continue
			}
			m.speak(e, h, false)
			m.followUp(e)
			last = e
		}
	}
	// The vice-chair speaks at least once: only the marker tells who the
	// vice-chair is.
	if !m.vice.spoke || m.chance(0.9) {
		m.speak(m.vice, h, false)
		if m.style == StyleHTML {
			m.say("引き続き、副本部長・閣僚本部員から御発言をいただきたい。")
			m.say("まず、私から、サイバーセキュリティ担当の大臣として発言させていただく。")
		}
		m.ministerSpeech(m.vice, pVice)
	}
	for _, a := range m.ministers {
		if a.forcedToSpeak || m.chance(0.85) {
			m.speak(a, h, false)
			j := a.post
			if a.represents >= 0 {
				j = a.represents
			}
			m.ministerSpeech(a, j)
		}
	}

	// (3) Decisions.
	if len(decs) > 0 {
		sec++
		text := "決定事項の決定"
		if m.style == StylePDF && m.chance(0.5) {
			text += "等"
		}
		h = m.heading(sec, text)
		m.blocks = append(m.blocks, block{kind: bHeading, text: h})
		m.cur = nil
		if m.style == StylePDF && m.chance(0.6) || m.style == StyleHTML && m.chance(0.25) {
			m.para("決定事項" + m.num(len(decs)) + "件につき、案のとおり決定した。")
			for _, d := range decs {
				m.truth.Decisions = append(m.truth.Decisions, TruthDecision{Title: d.title, Outcome: "案のとおり決定"})
			}
		} else {
			m.speak(m.vice, h, false)
			if len(decs) == 1 {
				m.say("それでは、本日お諮りした決定事項について、異議はないか。")
			} else {
				m.say("それでは、本日お諮りした" + m.num(len(decs)) + "件の決定事項について、異議はないか。")
			}
			m.blocks = append(m.blocks, block{kind: bReaction, text: "（「異議なし」と声あり）"})
			m.truth.Reactions++
			m.speak(m.vice, h, false)
			m.say(m.pick([]string{
				"異議なしということで、本案を決定させていただく。",
				"異議なしということで、本案を決定させていただき、今後、本決定に基づき、必要な手続を進めてまいる。",
			}))
			for _, d := range decs {
				m.truth.Decisions = append(m.truth.Decisions, TruthDecision{Title: d.title, Outcome: "異議なし"})
			}
		}
	}

	// (4) The chair closes.
	sec++
	h = m.heading(sec, "本部長締め括り挨拶")
	m.blocks = append(m.blocks, block{kind: bHeading, text: h})
	m.speak(m.chair, h, true)
	m.chairClosing()
	m.cur = nil
}

// stem is an agenda title without its trailing について.
func stem(title string) string {
	s := strings.TrimSuffix(title, "について")
	if strings.HasPrefix(s, "「") {
		return s
	}
	return "「" + s + "」"
}

func (m *meetingGen) chairOpening() {
	m.say(m.pick([]string{
		"早朝からお集まりいただき、感謝申し上げる。",
		"本日は御多忙の中お集まりいただき、感謝申し上げる。",
		"本日は、お忙しい中お集まりいただき、厚く御礼申し上げる。",
	}))
	var main []agendaItem
	for _, it := range m.agenda {
		if it.kind != KindReport && len(main) < 3 {
			main = append(main, it)
		}
	}
	if len(main) == 0 && len(m.agenda) > 0 {
		main = m.agenda[:1]
	}
	m.say("本日は、" + m.num(len(main)) + "点について御議論をいただきたい。")
	for k, it := range main {
		m.cur.concepts = append(m.cur.concepts, it.concepts...)
		m.say("第"+m.num(k+1)+"点は、"+stem(it.title)+"についてである。",
			m.sentence(chairBody, m.chair), m.sentence(chairBody, m.chair))
	}
	if m.chance(0.5) {
		m.say(m.expand("本年"+m.num(1+m.rng.IntN(12))+"月には、{Cinc}により大規模な影響が出たところでもある。", nil),
			"こうした直面する脅威の動向にも対応していくことが重要であると考えている。")
	}
	m.say(m.pick([]string{
		"限られた時間であるが、本部員の皆様には、積極的な御議論をお願い申し上げる。",
		"活発な討議をよろしくお願い申し上げる。",
	}))
}

func (m *meetingGen) chairClosing() {
	m.say(m.pick([]string{
		"活発に御議論をいただき、厚く感謝申し上げる。",
		"本日は、貴重な御意見をいただき、感謝申し上げる。",
	}))
	m.say(m.expand("政府としては、いただいた御意見を踏まえ、{Ctheme}に関する取組を進めるとともに、{Claw}の策定に向けた検討を速やかに進めていきたい。", m.chair))
	if m.chance(0.5) {
		m.say(m.sentence(chairBody, m.chair), m.sentence(ministerBody, m.chair))
	}
	m.say(m.pick([]string{
		"有識者本部員の皆様には、引き続き、よろしくお願い申し上げる。",
		"引き続きよろしくお願い申し上げる。",
	}))
}

// expertSpeech is an expert's turn: an opener and numbered points, or a
// few unnumbered paragraphs. Talkative experts speak longer.
func (m *meetingGen) expertSpeech(e *attendee) {
	bonus := 0
	if e.talkativeness < 20 {
		bonus = 1
	}
	if e.talkativeness < 5 {
		bonus = 2
	}
	n := 2 + m.rng.IntN(3) + bonus
	numbered := m.chance(0.7)
	if numbered {
		m.say(m.expandN(m.pick(expertOpeners), n, e))
	}
	for k := 1; k <= n; k++ {
		var s []string
		switch {
		case numbered && k == n && m.chance(0.4):
			s = append(s, m.expand(m.pick(expertLast), e))
		case numbered:
			s = append(s, m.expandK(m.pick(expertPoints), k, e))
		}
		for range 4 + m.rng.IntN(6) {
			s = append(s, m.sentence(expertBody, e))
		}
		if m.chance(0.3) {
			s = append(s, m.pick(expertClosers))
		}
		m.say(s...)
	}
}

func (m *meetingGen) followUp(e *attendee) {
	m.say(m.sentenceFrom(followUps, e, false), m.sentence(expertBody, e), m.sentence(expertBody, e))
	if m.chance(0.5) {
		m.say(m.sentence(expertBody, e), m.sentence(expertBody, e), m.sentence(expertBody, e))
	}
}

// ministerSpeech is a minister's turn in the voice of minister post j.
func (m *meetingGen) ministerSpeech(a *attendee, j int) {
	own := ministryBody[j]
	n := 2 + m.rng.IntN(4)
	for k := range n {
		var s []string
		for range 3 + m.rng.IntN(3) {
			if m.chance(0.45) && len(own) > 0 {
				s = append(s, m.sentence(own, a))
			} else {
				s = append(s, m.sentence(ministerBody, a))
			}
		}
		if k == n-1 {
			s = append(s, m.sentence(ministerClosers, a))
		}
		m.say(s...)
	}
}

// sentence expands a random template of pool that can be filled, with a
// connective now and then.
func (m *meetingGen) sentence(pool []string, who *attendee) string {
	return m.sentenceFrom(pool, who, true)
}

func (m *meetingGen) sentenceFrom(pool []string, who *attendee, connective bool) string {
	for range 20 {
		tpl := m.pick(pool)
		if strings.Contains(tpl, "{P}") && len(m.refCandidates(who)) == 0 {
			continue
		}
		if m.cur != nil {
			// A speaker does not say the same sentence twice.
			if slices.Contains(m.cur.templates, tpl) {
				continue
			}
			m.cur.templates = append(m.cur.templates, tpl)
		}
		s := m.expand(tpl, who)
		if connective && m.chance(0.25) && !strings.Contains(firstRunes(tpl, 8), "、") {
			s = m.pick(connectives) + s
		}
		return s
	}
	return m.expand("{C}の重要性を改めて強調したい。", who)
}

func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// refCandidates are the attendees who spoke before and can be referred to.
func (m *meetingGen) refCandidates(who *attendee) []*attendee {
	var cs []*attendee
	for _, t := range m.turns {
		a := t.who
		if a == who || t.chair || a == m.vice || slices.Contains(cs, a) {
			continue
		}
		cs = append(cs, a)
	}
	return cs
}

func (m *meetingGen) expandN(tpl string, n int, who *attendee) string {
	return m.expand(strings.ReplaceAll(tpl, "{N}", m.num(n)), who)
}

func (m *meetingGen) expandK(tpl string, k int, who *attendee) string {
	return m.expand(strings.ReplaceAll(tpl, "{K}", m.num(k)), who)
}

// expand fills the slots of tpl.
func (m *meetingGen) expand(tpl string, who *attendee) string {
	var b strings.Builder
	first := -1
	d := m.snap.date
	for {
		i := strings.IndexByte(tpl, '{')
		if i < 0 {
			b.WriteString(tpl)
			break
		}
		j := strings.IndexByte(tpl[i:], '}')
		b.WriteString(tpl[:i])
		slot := tpl[i+1 : i+j]
		tpl = tpl[i+j+1:]
		switch slot {
		case "C":
			first = m.drawConcept(genericTypes...)
			b.WriteString(m.surface(first))
		case "C2":
			c := m.drawConcept(genericTypes...)
			for tries := 0; c == first && tries < 10; tries++ {
				c = m.drawConcept(genericTypes...)
			}
			b.WriteString(m.surface(c))
		case "Ctheme":
			b.WriteString(m.surface(m.drawConcept("theme")))
		case "Ccountry":
			b.WriteString(m.surface(m.drawConcept("country-region")))
		case "Corg":
			b.WriteString(m.surface(m.drawConcept("organisation")))
		case "Cinc":
			b.WriteString(m.surface(m.drawConcept("incident", "malware")))
		case "Claw":
			b.WriteString(m.surface(m.drawConcept("law-policy", "programme")))
		case "Ctech":
			b.WriteString(m.surface(m.drawConcept("technology")))
		case "Cthreat":
			b.WriteString(m.surface(m.drawConcept("attack-technique", "malware")))
		case "Cevent":
			b.WriteString(m.surface(m.drawConcept("event")))
		case "ORG":
			b.WriteString(m.pick(sectors))
		case "N":
			b.WriteString(m.num(2 + m.rng.IntN(4)))
		case "NUM":
			b.WriteString(m.num((1 + m.rng.IntN(20)) * 1000))
		case "PCT":
			b.WriteString(m.num(5 + m.rng.IntN(36)))
		case "Y":
			b.WriteString(fmt.Sprint(d.Year() - m.rng.IntN(3)))
		case "YEAR":
			b.WriteString(fmt.Sprint(d.Year()))
		case "PY":
			b.WriteString(fmt.Sprint(d.Year() - 1))
		case "FY", "ERA":
			b.WriteString(m.eraYear(time.Date(d.Year()+1, 6, 1, 0, 0, 0, 0, time.UTC)) + "度")
		case "P":
			cs := m.refCandidates(who)
			if len(cs) == 0 {
				b.WriteString("事務局")
				break
			}
			a := cs[m.rng.IntN(len(cs))]
			b.WriteString(a.markerFamily + refTitle(a))
			if m.cur != nil {
				m.cur.refers = append(m.cur.refers, a.name())
			}
		case "M":
			j := pVice
			if who != nil {
				j = who.post
				if who.represents >= 0 {
					j = who.represents
				}
			}
			b.WriteString(ministryVoice(j, !d.Before(dDigital)))
		default:
			b.WriteString("{" + slot + "}")
		}
	}
	return b.String()
}

// refTitle is how a speech refers to another attendee.
func refTitle(a *attendee) string {
	switch a.role {
	case RoleExpert:
		return "本部員"
	case RoleViceChair:
		return "副本部長"
	}
	return strings.TrimSuffix(a.markerAs, "（副本部長）")
}

// genericTypes are the concept types {C} draws from: the others (places,
// bodies, events) only fit their own templates.
var genericTypes = []string{"theme", "technology", "attack-technique", "malware", "law-policy", "programme", "incident"}

// drawConcept draws a concept index, of one of types if given: one of the
// meeting's topics now and then, otherwise by the Zipf law over the
// current ranking.
func (m *meetingGen) drawConcept(types ...string) int {
	cs := m.g.concepts
	// A concept list without these types (or without types) still works.
	if !slices.ContainsFunc(types, func(t string) bool { return m.g.typed[t] }) {
		types = nil
	}
	ok := func(c int) bool { return len(types) == 0 || slices.Contains(types, cs[c].Type) }
	if len(m.topics) == 3 && m.chance(0.2) {
		if c := m.topics[m.rng.IntN(3)]; ok(c) {
			return c
		}
	}
	rank := m.snap.conceptRank
	for range 64 {
		c := rank[m.czipf.Uint64()]
		if c < len(cs) && ok(c) {
			return c
		}
	}
	var of []int
	for c := range cs {
		if ok(c) {
			of = append(of, c)
		}
	}
	if len(of) == 0 {
		return rank[m.czipf.Uint64()] % len(cs)
	}
	return of[m.rng.IntN(len(of))]
}

// surface writes concept c as one of its surfaces and records it in the
// current turn.
func (m *meetingGen) surface(c int) string {
	if m.cur != nil {
		m.cur.concepts = append(m.cur.concepts, m.g.concepts[c].ID)
	}
	return m.g.surfaces[c].draw(m.rng)
}
