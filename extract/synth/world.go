package synth

import (
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// The world is the simulated population and who holds which post at each
// meeting. It is simulated in meeting order from the seed alone, so the
// prefix of the timeline never depends on how far it has been extended.

type personKind int

const (
	politician personKind = iota
	expert
	official
)

type person struct {
	id             int
	kind           personKind
	family, given  string
	reading        string // of the family name, for 五十音 order
	prominence     int    // 0 is the most prominent; Zipf-weights choices
	talkativeness  int    // 0 talks most; Zipf-weights speech turns
	org            *expertOrg
	ladderStart    int
	promotionEvery int
}

func (p *person) name() string { return p.family + " " + p.given }

// post is a seat whose holder changes over time.
type post struct {
	key   string
	role  string // HQ role of the holder
	level int    // politician level the post needs; -1 for officials
	// represents is, for a proxy post, the index of the minister post it
	// stands in for.
	represents int
	from, till time.Time // the post exists in [from, till); zero is open
	title      func(d time.Time) string
	org        func(d time.Time) string
}

func (p *post) exists(d time.Time) bool {
	return (p.from.IsZero() || !d.Before(p.from)) && (p.till.IsZero() || d.Before(p.till))
}

func fixed(s string) func(time.Time) string { return func(time.Time) string { return s } }

var (
	dOlympicsEnd = time.Date(2021, 10, 4, 0, 0, 0, 0, time.UTC)
	dDigitalPrep = time.Date(2020, 9, 16, 0, 0, 0, 0, time.UTC)
	dDigital     = time.Date(2021, 9, 1, 0, 0, 0, 0, time.UTC)
	dSecondAsst  = time.Date(2017, 7, 1, 0, 0, 0, 0, time.UTC)
)

func viceTitle(d time.Time) string {
	if d.Before(dOlympicsEnd) {
		return "東京オリンピック競技大会・東京パラリンピック競技大会担当大臣"
	}
	return "サイバー安全保障担当大臣"
}

func itTitle(d time.Time) string {
	switch {
	case d.Before(dDigitalPrep):
		return "情報通信技術（IT）政策担当大臣"
	case d.Before(dDigital):
		return "デジタル改革担当・情報通信技術（IT）政策担当大臣"
	}
	return "デジタル大臣"
}

// itOrg is the IT minister's organisation: the IT strategy office of the
// Cabinet Secretariat until the Digital Agency.
func itOrg(d time.Time) string {
	if d.Before(dDigital) {
		return "内閣官房"
	}
	return "デジタル庁"
}

func itProxyMinistry(d time.Time) (title, org string) {
	if d.Before(dDigital) {
		return "内閣府", "内閣府"
	}
	return "デジタル", "デジタル庁"
}

// Indexes of the minister posts in posts.
const (
	pChair = iota
	pVice
	pNPSC
	pMIC
	pMOFA
	pMETI
	pMOD
	pIT
	nMinisterPosts
)

// posts lists every post. Ministers come first, in attendee-list order,
// then their proxies (a vice-minister and a parliamentary secretary for
// each), then the officials in attendance.
var posts = buildPosts()

func buildPosts() []*post {
	ps := []*post{
		pChair: {key: "chair", role: RoleChair, level: 3, title: fixed("内閣官房長官"), org: fixed("内閣官房")},
		pVice:  {key: "vice", role: RoleViceChair, level: 2, title: viceTitle, org: fixed("内閣官房")},
		pNPSC:  {key: "npsc", role: RoleMember, level: 2, title: fixed("国家公安委員会委員長"), org: fixed("国家公安委員会")},
		pMIC:   {key: "mic", role: RoleMember, level: 2, title: fixed("総務大臣"), org: fixed("総務省")},
		pMOFA:  {key: "mofa", role: RoleMember, level: 2, title: fixed("外務大臣"), org: fixed("外務省")},
		pMETI:  {key: "meti", role: RoleMember, level: 2, title: fixed("経済産業大臣"), org: fixed("経済産業省")},
		pMOD:   {key: "mod", role: RoleMember, level: 2, title: fixed("防衛大臣"), org: fixed("防衛省")},
		pIT:    {key: "it", role: RoleMember, level: 2, title: itTitle, org: itOrg},
	}
	proxy := func(rep int, ministry, org string) {
		for _, sec := range []bool{false, true} {
			suffix, lvl := "副大臣", 1
			if sec {
				suffix, lvl = "大臣政務官", 0
			}
			p := &post{key: "proxy", role: RoleProxy, level: lvl, represents: rep}
			if rep == pIT {
				p.title = func(d time.Time) string { m, _ := itProxyMinistry(d); return m + suffix }
				p.org = func(d time.Time) string { _, o := itProxyMinistry(d); return o }
			} else {
				p.title, p.org = fixed(ministry+suffix), fixed(org)
			}
			ps = append(ps, p)
		}
	}
	proxy(pNPSC, "内閣府", "内閣府")
	proxy(pMIC, "総務", "総務省")
	proxy(pMOFA, "外務", "外務省")
	proxy(pMETI, "経済産業", "経済産業省")
	proxy(pMOD, "防衛", "防衛省")
	proxy(pIT, "", "")
	off := func(title, org string, level int, from, till time.Time) {
		ps = append(ps, &post{key: "official", role: RoleInAttendee, level: level, represents: -1,
			title: fixed(title), org: fixed(org), from: from, till: till})
	}
	var zero time.Time
	off("内閣官房副長官", "内閣官房", 2, zero, zero)
	off("内閣官房副長官", "内閣官房", 2, zero, zero)
	off("内閣官房副長官", "内閣官房", -1, zero, zero)
	off("内閣危機管理監", "内閣官房", -1, zero, zero)
	off("内閣情報通信政策監", "内閣官房", -1, zero, dDigital)
	off("内閣サイバーセキュリティセンター長", "内閣サイバーセキュリティセンター", -1, zero, zero)
	off("内閣官房副長官補", "内閣官房", -1, zero, zero)
	off("内閣官房副長官補", "内閣官房", -1, dSecondAsst, zero)
	for _, p := range ps[:nMinisterPosts] {
		p.represents = -1
	}
	return ps
}

// holding is one person in one post at one meeting.
type holding struct {
	person int
	post   int // index into posts; -1 for an expert seat
	title  string
	org    string
}

// snapshot is the state of the world at one meeting.
type snapshot struct {
	index int
	date  time.Time
	// holders[j] is the holder of posts[j], or person -1 when the post
	// does not exist at this date.
	holders []holding
	experts []holding // the expert members, in seat order
	// conceptRank maps Zipf rank to concept index for this meeting's
	// period: what is talked about drifts slowly over the years.
	conceptRank []int
}

type world struct {
	seed     uint64
	rng      *rand.Rand
	crng     *rand.Rand // drives the concept ranking only
	people   []*person
	meetings []snapshot

	// simulation state
	date        time.Time
	level       []int // politician level per person
	holder      []int // person per post, -1 if vacant
	termEnd     []int // meeting index at which each post's holder changes
	seats       []int // person per expert seat
	seatEnd     []int
	appointed   []int // meeting index a person was (last) appointed an expert
	ladderPos   []int // ladder position of an expert at appointment
	lastSeated  []int // meeting index an expert last left a seat
	nextCabinet int
	rank        []int // concept rank permutation
}

const (
	nPoliticians = 230
	nExperts     = 110
	nOfficials   = 60
)

func newWorld(seed uint64, nConcepts int) *world {
	w := &world{seed: seed, rng: rand.New(rand.NewPCG(seed, 0x0123456789abcdef))}
	r := w.rng
	// Family names are drawn with a Zipf law so that common names recur,
	// as 佐藤 and 鈴木 do; given names uniformly.
	fz := rand.NewZipf(r, 1.05, 8, uint64(len(familyPool)-1))
	famOrder := r.Perm(len(familyPool))
	used := map[string]bool{}
	add := func(kind personKind) {
		for {
			f := familyPool[famOrder[fz.Uint64()]]
			g := givenPool[r.IntN(len(givenPool))]
			if strings.ContainsFunc(f.a, isHiragana) && kind != politician {
				continue // only politicians write their family name in kana
			}
			if used[f.a+g] {
				continue
			}
			used[f.a+g] = true
			p := &person{id: len(w.people), kind: kind, family: f.a, given: g, reading: f.b}
			w.people = append(w.people, p)
			return
		}
	}
	for range nPoliticians {
		add(politician)
	}
	for range nExperts {
		add(expert)
	}
	for range nOfficials {
		add(official)
	}
	// Prominence and talkativeness are random ranks within each kind.
	for _, kind := range []personKind{politician, expert, official} {
		var ids []int
		for _, p := range w.people {
			if p.kind == kind {
				ids = append(ids, p.id)
			}
		}
		for i, j := range r.Perm(len(ids)) {
			w.people[ids[i]].prominence = j
		}
		for i, j := range r.Perm(len(ids)) {
			w.people[ids[i]].talkativeness = j
		}
	}
	for _, p := range w.people {
		if p.kind == expert {
			p.org = &expertOrgs[r.IntN(len(expertOrgs))]
			p.ladderStart = r.IntN(max(1, len(p.org.ladder)-1))
			p.promotionEvery = 10 + r.IntN(20)
		}
	}
	n := len(w.people)
	w.level = make([]int, n)
	w.appointed = make([]int, n)
	w.ladderPos = make([]int, n)
	w.lastSeated = make([]int, n)
	for i, p := range w.people {
		w.ladderPos[i] = p.ladderStart
		w.lastSeated[i] = -1000
		if p.kind == politician {
			// Seniority: most start junior.
			switch x := r.Float64(); {
			case x < 0.40:
				w.level[i] = 0
			case x < 0.70:
				w.level[i] = 1
			case x < 0.95:
				w.level[i] = 2
			default:
				w.level[i] = 3
			}
		}
	}
	w.holder = make([]int, len(posts))
	w.termEnd = make([]int, len(posts))
	for j := range w.holder {
		w.holder[j] = -1
	}
	w.date = time.Date(2015, 1, 9, 0, 0, 0, 0, time.UTC)
	// The concept ranking has its own stream, so that the population and
	// the calendar do not depend on the concept list.
	w.crng = rand.New(rand.NewPCG(seed, 0xfedcba9876543210))
	w.rank = w.crng.Perm(max(nConcepts, 1))
	return w
}

func isHiragana(r rune) bool { return r >= 'ぁ' && r <= 'ゖ' }

// foldFamily folds the variant kanji that package extract folds, so that
// 髙橋 and 高橋 count as one family name.
func foldFamily(s string) string { return variantFolder.Replace(s) }

var variantFolder = strings.NewReplacer("髙", "高", "﨑", "崎", "澤", "沢")

// denseFrom is the first meeting held a few days after the one before
// instead of one to three months: the 1,000 meetings before it span 2015
// to about 2180, and 10,000 meetings end before 2250.
const denseFrom = 1000

// extend simulates the world up to n meetings.
func (w *world) extend(n int) {
	for len(w.meetings) < n {
		w.step()
	}
}

func (w *world) step() {
	r := w.rng
	k := len(w.meetings)
	if k > 0 {
		// The next meeting is one to three months later, on a weekday.
		// From meeting denseFrom on, a few days later: at the first pace
		// meeting 7,000 fell in the year 3100 (令和1,082年), so large
		// corpora had dates no minutes carry.
		gap := 28 + r.IntN(65)
		if k >= denseFrom {
			gap = 1 + gap%4
		}
		w.date = w.date.AddDate(0, 0, gap)
		for w.date.Weekday() == time.Saturday || w.date.Weekday() == time.Sunday {
			w.date = w.date.AddDate(0, 0, 1)
		}
	}
	d := w.date

	// Cabinet reshuffles replace most ministers and their juniors at once.
	if k >= w.nextCabinet {
		for j, p := range posts {
			if p.level < 0 || w.holder[j] < 0 {
				continue
			}
			keep := map[int]float64{3: 0.75, 2: 0.2, 1: 0.1, 0: 0.1}[p.level]
			if p.role == RoleInAttendee {
				keep = 0.5 // deputy chief cabinet secretaries often stay
			}
			if r.Float64() >= keep {
				w.vacate(j, k)
			}
		}
		w.nextCabinet = k + 7 + r.IntN(7)
	}
	// Officials and expert members serve individual terms.
	for j, p := range posts {
		if w.holder[j] >= 0 && (!p.exists(d) || (p.level < 0 && k >= w.termEnd[j])) {
			w.vacate(j, k)
		}
	}
	if w.seats == nil {
		w.seats = make([]int, 9+r.IntN(2))
		w.seatEnd = make([]int, len(w.seats))
		for s := range w.seats {
			w.seats[s] = -1
		}
	}
	for s := range w.seats {
		if w.seats[s] >= 0 && k >= w.seatEnd[s] {
			w.lastSeated[w.seats[s]] = k
			w.seats[s] = -1
		}
	}
	// The panel grows or shrinks by one now and then.
	if k > 0 && r.Float64() < 0.02 {
		if len(w.seats) < 11 && (len(w.seats) < 9 || r.IntN(2) == 0) {
			w.seats = append(w.seats, -1)
			w.seatEnd = append(w.seatEnd, 0)
		} else if len(w.seats) > 8 {
			last := len(w.seats) - 1
			if p := w.seats[last]; p >= 0 {
				w.lastSeated[p] = k
			}
			w.seats, w.seatEnd = w.seats[:last], w.seatEnd[:last]
		}
	}
	// Fill vacancies: ministers in post order, then expert seats.
	for j, p := range posts {
		if w.holder[j] < 0 && p.exists(d) {
			w.fill(j, k)
		}
	}
	for s := range w.seats {
		if w.seats[s] < 0 {
			w.fillSeat(s, k)
		}
	}
	// What is talked about drifts: every ten meetings, some neighbouring
	// ranks swap. Snapshots share the ranking until it changes.
	if k%10 == 0 && len(w.rank) > 1 {
		w.rank = slices.Clone(w.rank)
		for range 20 {
			i := w.crng.IntN(len(w.rank) - 1)
			w.rank[i], w.rank[i+1] = w.rank[i+1], w.rank[i]
		}
	}

	snap := snapshot{index: k, date: d, holders: make([]holding, len(posts)), conceptRank: w.rank}
	for j, p := range posts {
		h := holding{person: w.holder[j], post: j}
		if h.person >= 0 {
			h.title, h.org = p.title(d), p.org(d)
		}
		snap.holders[j] = h
	}
	for _, pid := range w.seats {
		if pid < 0 {
			continue
		}
		p := w.people[pid]
		pos := min(len(p.org.ladder)-1, w.ladderPos[pid]+(k-w.appointed[pid])/p.promotionEvery)
		snap.experts = append(snap.experts, holding{
			person: pid, post: -1,
			title: p.org.name + p.org.dept + p.org.ladder[pos],
			org:   p.org.name,
		})
	}
	w.meetings = append(w.meetings, snap)
}

func (w *world) vacate(j, k int) {
	w.holder[j] = -1
}

// families returns the folded family names of everyone currently holding
// a post or a seat.
func (w *world) families() map[string]bool {
	fs := map[string]bool{}
	for _, pid := range w.holder {
		if pid >= 0 {
			fs[foldFamily(w.people[pid].family)] = true
		}
	}
	for _, pid := range w.seats {
		if pid >= 0 {
			fs[foldFamily(w.people[pid].family)] = true
		}
	}
	return fs
}

func (w *world) busy() map[int]bool {
	b := map[int]bool{}
	for _, pid := range w.holder {
		if pid >= 0 {
			b[pid] = true
		}
	}
	for _, pid := range w.seats {
		if pid >= 0 {
			b[pid] = true
		}
	}
	return b
}

// pick chooses among candidates (sorted by prominence) with a Zipf law,
// so that prominent people hold posts again and again.
func (w *world) pick(cands []int) int {
	slices.SortFunc(cands, func(a, b int) int { return w.people[a].prominence - w.people[b].prominence })
	if len(cands) == 1 {
		return cands[0]
	}
	z := rand.NewZipf(w.rng, 1.3, 3, uint64(len(cands)-1))
	return cands[z.Uint64()]
}

func (w *world) fill(j, k int) {
	p := posts[j]
	fams, busy := w.families(), w.busy()
	var cands []int
	ok := func(q *person) bool { return !busy[q.id] && !fams[foldFamily(q.family)] }
	if p.level >= 0 {
		// A politician of the post's seniority, or one step below (a
		// promotion).
		for lo := p.level - 1; len(cands) == 0 && lo >= -1; lo-- {
			for _, q := range w.people {
				if q.kind == politician && ok(q) && w.level[q.id] >= lo && w.level[q.id] <= p.level {
					cands = append(cands, q.id)
				}
			}
		}
	} else {
		for _, q := range w.people {
			if q.kind == official && ok(q) {
				cands = append(cands, q.id)
			}
		}
	}
	if len(cands) == 0 {
		return // leave vacant; cannot happen with the pool sizes above
	}
	pid := w.pick(cands)
	w.holder[j] = pid
	if p.level >= 0 {
		w.level[pid] = max(w.level[pid], p.level)
	} else {
		w.termEnd[j] = k + 8 + w.rng.IntN(18)
	}
}

func (w *world) fillSeat(s, k int) {
	fams, busy := w.families(), w.busy()
	var cands []int
	for _, q := range w.people {
		if q.kind == expert && !busy[q.id] && !fams[foldFamily(q.family)] && k-w.lastSeated[q.id] > 20 {
			cands = append(cands, q.id)
		}
	}
	if len(cands) == 0 {
		return
	}
	pid := w.pick(cands)
	w.seats[s] = pid
	w.seatEnd[s] = k + 12 + w.rng.IntN(37)
	if w.lastSeated[pid] >= 0 {
		// Returning members resume where they were on the ladder.
		p := w.people[pid]
		w.ladderPos[pid] = min(len(p.org.ladder)-1, w.ladderPos[pid]+(w.lastSeated[pid]-w.appointed[pid])/p.promotionEvery)
	}
	w.appointed[pid] = k
}
