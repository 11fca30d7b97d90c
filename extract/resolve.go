package extract

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// resolver resolves speaker markers and references to attendees.
type resolver struct {
	atts   []Attendee
	family []string // keyOf(Family)
	given  []string // keyOf(Given)
}

func newResolver(atts []Attendee) *resolver {
	r := &resolver{atts: atts}
	for _, a := range atts {
		r.family = append(r.family, keyOf(a.Family))
		r.given = append(r.given, keyOf(a.Given))
	}
	return r
}

// resolution is the outcome of resolving one marker.
type resolution struct {
	idx     int    // attendee index, -1 if unresolved
	as      string // the title part of the marker, as written
	problem string // why it is unresolved, or what was odd about it
	kind    string // warning kind for problem
}

// resolve resolves a marker core (村井本部員, 小此木国家公安委員長) to one
// attendee by family name and title together.
func (r *resolver) resolve(core string) resolution {
	k := keyOf(core)
	best := 0
	var cands []int
	for i, f := range r.family {
		if f == "" || !strings.HasPrefix(k, f) {
			continue
		}
		switch {
		case len(f) > best:
			best, cands = len(f), []int{i}
		case len(f) == best:
			cands = append(cands, i)
		}
	}
	if len(cands) == 0 {
		// A marker with a role only: ○議長, ○本部長.
		if i := r.byRole(k); i >= 0 {
			return resolution{idx: i, as: core}
		}
		as := core
		if e := titleEnd(core, 0); e > 0 {
			as = core[titleStart(core):e]
		}
		return resolution{idx: -1, as: as, kind: "unresolved-speaker", problem: fmt.Sprintf("no attendee matches speaker marker %q", core)}
	}
	rest := k[best:]
	// The marker may carry the given name too: 村井純本部員.
	asRunes := runeLen(k[:best])
	if g := r.given[cands[0]]; g != "" && strings.HasPrefix(rest, g) {
		rest = rest[len(g):]
		asRunes += runeLen(g)
	}
	as := dropRunes(strings.Join(strings.Fields(core), ""), asRunes)
	if len(cands) == 1 {
		i := cands[0]
		res := resolution{idx: i, as: as}
		if s := r.titleScore(rest, i); s < 0.8 && rest != "" {
			res.kind = "title-mismatch"
			res.problem = fmt.Sprintf("marker %q says %s, but %s is %s (%s); attributed by family name", core, as, r.atts[i].Name, r.atts[i].Title, orDash(r.atts[i].HQRole))
		}
		return res
	}
	// Several attendees share the family name: the title decides.
	bestScore, bestIdx, tie := -1.0, -1, false
	for _, i := range cands {
		s := r.titleScore(rest, i)
		switch {
		case s > bestScore:
			bestScore, bestIdx, tie = s, i, false
		case s == bestScore:
			tie = true
		}
	}
	if tie || bestScore < 0.5 {
		var names []string
		for _, i := range cands {
			names = append(names, r.atts[i].Name)
		}
		return resolution{idx: -1, as: as, kind: "ambiguous-speaker", problem: fmt.Sprintf("speaker marker %q matches %s; the title does not decide", core, strings.Join(names, ", "))}
	}
	return resolution{idx: bestIdx, as: as}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func dropRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[i:]
		}
		n--
	}
	return ""
}

// byRole finds the one attendee holding a role (本部長) or whose title is
// exactly k.
func (r *resolver) byRole(k string) int {
	found := -1
	for i, a := range r.atts {
		if keyOf(a.HQRole) == k || keyOf(a.Title) == k {
			if found >= 0 {
				return -1
			}
			found = i
		}
	}
	return found
}

// titleScore says how well a marker's title part (本部員, 国家公安委員長)
// fits attendee i: the share of the marker title's characters that appear,
// in order, in the attendee's title or role.
func (r *resolver) titleScore(t string, i int) float64 {
	if t == "" {
		return 0.5
	}
	a := r.atts[i]
	role, title := keyOf(a.HQRole), keyOf(a.Title)
	switch {
	case t == title:
		return 1
	case t == role:
		return 0.95
	case t == RoleMember && (role == RoleExpert || role == RoleMember):
		return 0.9
	}
	s := float64(lcs(t, title)) / float64(runeLen(t))
	if s2 := float64(lcs(t, role)) / float64(runeLen(t)); s2 > s {
		s = s2
	}
	return s
}

// lcs returns the length in runes of the longest common subsequence.
func lcs(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			switch {
			case ra[i-1] == rb[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// resolveSpeakers resolves every speech's marker to an attendee. Roles
// given in markers (（副本部長）) are recorded on the attendee first, and
// the speeches under greeting headings (本部長冒頭挨拶) go to the holder of
// the role named there.
func (p *parser) resolveSpeakers() {
	if len(p.doc.Attendees) == 0 {
		p.attendeesFromMarkers()
	}
	atts := p.doc.Attendees
	r := newResolver(atts)
	res := make([]resolution, len(p.open))
	for i, o := range p.open {
		if o.role != "" || o.unnamed {
			continue
		}
		res[i] = r.resolve(o.core)
		if j := res[i].idx; j >= 0 && o.hint != "" && atts[j].HQRole != o.hint {
			if atts[j].HQRole == "" || atts[j].HQRole == RoleMember || atts[j].HQRole == RoleProxy {
				atts[j].HQRole = o.hint
			}
		}
	}
	for i, o := range p.open {
		s := &p.doc.Speeches[i]
		if o.unnamed {
			continue
		}
		if o.role != "" {
			j := r.byRole(keyOf(o.role))
			if j < 0 {
				p.warn(s.Line, "unresolved-speaker", "no attendee holds the role %s named in %q", o.role, s.Marker)
				continue
			}
			s.Speaker = atts[j].Name
			continue
		}
		s.As = res[i].as
		if o.hint != "" {
			s.As = strings.TrimSpace(res[i].as + "（" + o.hint + "）")
		}
		if res[i].problem != "" {
			p.warn(s.Line, res[i].kind, "%s", res[i].problem)
		}
		if j := res[i].idx; j >= 0 {
			s.Speaker = atts[j].Name
		}
	}
}

// refRe matches a reference to a member by family name and title.
var refTitles = []string{"副本部長", "本部員", "本部長", "副大臣", "大臣政務官", "大臣", "政務官", "委員長", "委員", "座長", "議長", "長官", "センター長", "先生", "氏", "さん", "国家公安委員長"}

// references records, for each speech, the attendees it names by family
// name and title (先ほど遠藤本部員が紹介された).
func (p *parser) references() {
	r := newResolver(p.doc.Attendees)
	for si := range p.doc.Speeches {
		s := &p.doc.Speeches[si]
		k := keyOf(s.Text)
		seen := map[string]bool{}
		for i, f := range r.family {
			if f == "" {
				continue
			}
			for off := 0; ; {
				j := strings.Index(k[off:], f)
				if j < 0 {
					break
				}
				j += off
				off = j + len(f)
				rest := k[off:]
				if g := r.given[i]; g != "" && strings.HasPrefix(rest, g) {
					rest = rest[len(g):]
				}
				t := ""
				for _, w := range append(refTitles, markerTitles...) {
					if strings.HasPrefix(rest, w) && len(w) > len(t) {
						t = w
					}
				}
				if t == "" {
					continue
				}
				res := r.resolve(f + t)
				if res.idx < 0 {
					continue
				}
				name := p.doc.Attendees[res.idx].Name
				if name != s.Speaker && !seen[name] {
					seen[name] = true
					s.RefersTo = append(s.RefersTo, name)
				}
			}
		}
	}
}

// decisions pairs each decision item with the outcome the minutes record:
// in a section about decisions (（３）決定事項の決定等), the sentence that
// says 案のとおり決定 or 了承, or the chorus of 「異議なし」. Text that
// names items (決定事項(1)及び(2)について) sets the outcome of those items;
// otherwise the outcome applies to every decision item.
func (p *parser) decisions() {
	var items []int
	for i, a := range p.doc.Agenda {
		if a.Kind == KindDecision {
			items = append(items, i)
		}
	}
	type piece struct {
		section, text string
		line          int
	}
	var pieces []piece
	for i, e := range p.doc.Events {
		pieces = append(pieces, piece{p.eventSections[i], e.Text, e.Line})
	}
	for _, s := range p.doc.Speeches {
		pieces = append(pieces, piece{s.Section, s.Text, s.Line})
	}
	sort.SliceStable(pieces, func(i, j int) bool { return pieces[i].line < pieces[j].line })
	inSection := false
	for _, pc := range pieces {
		if strings.Contains(pc.section, "決定") {
			inSection = true
		}
	}
	out := make([]Decision, len(items))
	var targets []int
	for _, pc := range pieces {
		if inSection && !strings.Contains(pc.section, "決定") {
			continue
		}
		for _, sent := range splitSentences(pc.text) {
			k := keyOf(sent)
			if nums := decisionNums(k); nums != nil {
				targets = nums
			}
			m := outcomeRe.FindString(k)
			if m == "" {
				continue
			}
			targets = p.setOutcome(out, targets, Decision{Outcome: outcomeLabel(m), Evidence: sent, Line: pc.line})
		}
	}
	for i, ai := range items {
		out[i].Title = p.doc.Agenda[ai].Title
	}
	p.doc.Decisions = append(p.doc.Decisions, out...)
}

// setOutcome records d for the items targets names, or for every item
// without an outcome when it names none. It returns the targets left.
func (p *parser) setOutcome(out []Decision, targets []int, d Decision) []int {
	set := func(i int) {
		if i >= 0 && i < len(out) && out[i].Outcome == "" {
			out[i] = d
		}
	}
	if len(targets) > 0 {
		for _, n := range targets {
			set(n - 1)
		}
		return nil
	}
	for i := range out {
		set(i)
	}
	return nil
}

var (
	outcomeRe     = regexp.MustCompile(`(原案のとおり決定|原案どおり決定|案のとおり決定|原案のとおり了承|案のとおり了承|異議なし|了承|決定した|決定された)`)
	decisionRefRe = regexp.MustCompile(`決定事項((?:(?:\(\d+\)|第\d+)(?:及び|並びに|、|,|と)?)+)`)
	numInRe       = regexp.MustCompile(`\d+`)
)

// decisionNums returns the item numbers a text names: 決定事項(1)及び(2).
func decisionNums(k string) []int {
	var nums []int
	for _, m := range decisionRefRe.FindAllStringSubmatch(k, -1) {
		for _, d := range numInRe.FindAllString(m[1], -1) {
			n, _ := strconv.Atoi(d)
			nums = append(nums, n)
		}
	}
	return nums
}

// outcomeLabel names an outcome phrase in its common form.
func outcomeLabel(m string) string {
	switch {
	case strings.Contains(m, "異議なし"):
		return "異議なし"
	case strings.Contains(m, "了承"):
		return "了承"
	}
	return "案のとおり決定"
}

// sentenceAround returns the sentence of text that contains the folded
// phrase m.
func sentenceAround(text, m string) string {
	for _, sent := range splitSentences(text) {
		if strings.Contains(keyOf(sent), m) {
			return sent
		}
	}
	return text
}

func splitSentences(text string) []string {
	var out []string
	start := 0
	for i, r := range text {
		if r == '。' || r == '\n' {
			end := i
			if r == '。' {
				end += len("。")
			}
			if s := strings.TrimSpace(text[start:end]); s != "" {
				out = append(out, s)
			}
			start = end
			if r == '\n' {
				start = i + 1
			}
		}
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}
