package graph

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gijigraph/gijigraph/extract"
)

// Meetings returns every meeting, by date.
func (sn *Snapshot) Meetings() []MeetingSummary {
	out := make([]MeetingSummary, len(sn.meetings))
	for i, m := range sn.meetings {
		out[i] = m.MeetingSummary
	}
	return out
}

// Meeting returns the meeting with the given id (width and case folded).
func (sn *Snapshot) Meeting(id string) (*MeetingDetail, error) {
	m, err := sn.findMeeting(id)
	if err != nil {
		return nil, err
	}
	return &m.MeetingDetail, nil
}

func (sn *Snapshot) findMeeting(id string) (*meeting, error) {
	id = strings.TrimSpace(id)
	if m := sn.meetingByID[extract.FoldKey(strings.TrimPrefix(id, "meeting/"))]; m != nil {
		return m, nil
	}
	var names []string
	for _, m := range sn.meetings {
		names = append(names, m.ID)
	}
	return nil, &NotFoundError{Kind: "meeting", Name: id, Close: closeMatches(id, names, extract.FoldKey)}
}

// People returns every person who attended a meeting, those at most
// meetings first.
func (sn *Snapshot) People() []PersonSummary {
	out := make([]PersonSummary, len(sn.people))
	for i, p := range sn.people {
		out[i] = p.summary
	}
	return out
}

// Person returns a person by id or by name, with or without the space
// between family and given name, width and variant kanji folded:
// "村井純", "村井 純" and "村井　純" are one person.
func (sn *Snapshot) Person(name string) (*PersonDetail, error) {
	p, err := sn.findPerson(name)
	if err != nil {
		return nil, err
	}
	return &p.detail, nil
}

func (sn *Snapshot) findPerson(name string) (*person, error) {
	name = strings.TrimSpace(name)
	if p := sn.personByKey[PersonKey(strings.TrimPrefix(name, "person/"))]; p != nil {
		return p, nil
	}
	var names []string
	for _, p := range sn.people {
		names = append(names, p.summary.Name)
	}
	return nil, &NotFoundError{Kind: "person", Name: name, Close: closeMatches(name, names, PersonKey)}
}

// Concepts returns every concept of the list, by id.
func (sn *Snapshot) Concepts() []ConceptSummary {
	out := make([]ConceptSummary, len(sn.concepts))
	for i, c := range sn.concepts {
		out[i] = c.detail.ConceptSummary
	}
	return out
}

// ConceptTypes returns the concept types in use, sorted.
func (sn *Snapshot) ConceptTypes() []string { return sn.conceptTypes }

// Concept returns a concept by id, Japanese or English label or alias,
// case- and width-insensitive.
func (sn *Snapshot) Concept(name string) (*ConceptDetail, error) {
	cs, err := sn.findConcepts(name)
	if err != nil {
		return nil, err
	}
	return &cs[0].detail, nil
}

// findConcepts returns the concepts a name denotes: normally one; more
// only if a label of one is an alias of another.
func (sn *Snapshot) findConcepts(name string) ([]*concept, error) {
	name = strings.TrimSpace(name)
	n := strings.TrimPrefix(name, "concept/")
	if c := sn.conceptByID[n]; c != nil {
		return []*concept{c}, nil
	}
	if cs := sn.conceptLabel[extract.FoldKey(n)]; len(cs) > 0 {
		return cs, nil
	}
	if cs := sn.conceptLoose[looseKey(n)]; len(cs) > 0 {
		return cs, nil
	}
	var labels []string
	for k := range sn.conceptLabel {
		labels = append(labels, k)
	}
	slices.Sort(labels)
	close := closeMatches(name, labels, extract.FoldKey)
	// Name the concepts, not the folded labels.
	var out []string
	for _, l := range close {
		for _, c := range sn.conceptLabel[l] {
			out = addUnique(out, c.detail.ID)
		}
	}
	return nil, &NotFoundError{Kind: "concept", Name: name, Close: out}
}

// withNarrower adds every concept below cs, transitively.
func (sn *Snapshot) withNarrower(cs []*concept) []*concept {
	seen := map[*concept]bool{}
	var out []*concept
	var walk func(c *concept)
	walk = func(c *concept) {
		if seen[c] {
			return
		}
		seen[c] = true
		out = append(out, c)
		for _, id := range c.narrower {
			walk(sn.conceptByID[id])
		}
	}
	for _, c := range cs {
		walk(c)
	}
	return out
}

// RaisedQuery filters Raised. Every field is optional.
type RaisedQuery struct {
	// Concept is an id, label or alias; Narrower adds the concepts below
	// it.
	Concept  string
	Narrower bool
	// Person is an id or a name.
	Person string
	// Meeting is a meeting id.
	Meeting string
	// From and To bound the meeting date, inclusive: "2018-04-01".
	From, To string
	// Type is a concept type: "malware".
	Type string
	// Offset and Limit page the rows; Limit <= 0 means all of them.
	Offset, Limit int
}

// RaisedResult is a page of rows.
type RaisedResult struct {
	// Total is the number of rows that match, on every page.
	Total int
	Rows  []Mention
}

// Raised answers the researchers' question: who raised which concept,
// where, in which post, and in which sentence. One row per mention in a
// speech, by date and offset.
func (sn *Snapshot) Raised(q RaisedQuery) (RaisedResult, error) {
	var candidates []int // nil: all rows
	all := true
	if q.Concept != "" {
		cs, err := sn.findConcepts(q.Concept)
		if err != nil {
			return RaisedResult{}, err
		}
		if q.Narrower {
			cs = sn.withNarrower(cs)
		}
		all = false
		for _, c := range cs {
			candidates = append(candidates, sn.rowsByConcept[c.detail.ID]...)
		}
		slices.Sort(candidates)
	}
	var personID string
	if q.Person != "" {
		p, err := sn.findPerson(q.Person)
		if err != nil {
			return RaisedResult{}, err
		}
		personID = p.summary.ID
		if all {
			candidates, all = sn.rowsByPerson[personID], false
		}
	}
	var meetingID string
	if q.Meeting != "" {
		m, err := sn.findMeeting(q.Meeting)
		if err != nil {
			return RaisedResult{}, err
		}
		meetingID = m.ID
	}
	if q.Type != "" && !slices.Contains(sn.conceptTypes, q.Type) {
		return RaisedResult{}, invalidf("unknown concept type %q (known: %s)", q.Type, strings.Join(sn.conceptTypes, ", "))
	}
	match := func(r *Mention) bool {
		return (personID == "" || r.PersonID == personID) &&
			(meetingID == "" || r.MeetingID == meetingID) &&
			(q.From == "" || r.Date >= q.From) &&
			(q.To == "" || r.Date <= q.To) &&
			(q.Type == "" || r.ConceptType == q.Type)
	}
	res := RaisedResult{Rows: []Mention{}}
	take := func(r *Mention) {
		if !match(r) {
			return
		}
		if res.Total >= q.Offset && (q.Limit <= 0 || len(res.Rows) < q.Limit) {
			res.Rows = append(res.Rows, *r)
		}
		res.Total++
	}
	if all {
		for i := range sn.rows {
			take(&sn.rows[i])
		}
	} else {
		for _, i := range candidates {
			take(&sn.rows[i])
		}
	}
	return res, nil
}

// SearchQuery is a phrase search over speeches.
type SearchQuery struct {
	// Q is the phrase, matched with width, Latin case and variant kanji
	// folded.
	Q string
	// Person, Meeting, From and To filter as in RaisedQuery.
	Person, Meeting, From, To string
	Offset, Limit             int
}

// SearchHit is a speech that contains the phrase.
type SearchHit struct {
	MeetingID string `json:"meeting_id"`
	Date      string `json:"date"`
	Seq       int    `json:"seq"`
	SpeakerID string `json:"speaker_id,omitempty"`
	Speaker   string `json:"speaker,omitempty"`
	Section   string `json:"section,omitempty"`
	// Snippet is the first match with some context, on one line.
	Snippet string `json:"snippet"`
	// Match is the first match as written; Offset is its byte offset in
	// the speech's text.
	Match  string `json:"match"`
	Offset int    `json:"offset"`
	// Matches is the number of matches in the speech.
	Matches int `json:"matches"`
}

// SearchResult is a page of hits.
type SearchResult struct {
	Total int
	Hits  []SearchHit
}

// Search returns the speeches that contain a phrase, in meeting order.
func (sn *Snapshot) Search(q SearchQuery) (SearchResult, error) {
	phrase := extract.FoldKey(strings.TrimSpace(q.Q))
	if phrase == "" {
		return SearchResult{}, invalidf("empty search phrase")
	}
	var personID, meetingID string
	if q.Person != "" {
		p, err := sn.findPerson(q.Person)
		if err != nil {
			return SearchResult{}, err
		}
		personID = p.summary.ID
	}
	if q.Meeting != "" {
		m, err := sn.findMeeting(q.Meeting)
		if err != nil {
			return SearchResult{}, err
		}
		meetingID = m.ID
	}
	res := SearchResult{Hits: []SearchHit{}}
	for _, sp := range sn.speeches {
		m := sp.meeting
		if (personID != "" && sp.s.SpeakerID != personID) || (meetingID != "" && m.ID != meetingID) ||
			(q.From != "" && m.Date < q.From) || (q.To != "" && m.Date > q.To) {
			continue
		}
		n := strings.Count(sp.folded, phrase)
		if n == 0 {
			continue
		}
		res.Total++
		if res.Total <= q.Offset || (q.Limit > 0 && len(res.Hits) >= q.Limit) {
			continue
		}
		h := SearchHit{MeetingID: m.ID, Date: m.Date, Seq: sp.s.Seq, SpeakerID: sp.s.SpeakerID, Speaker: sp.s.Speaker, Section: sp.s.Section, Matches: n}
		// Find the match again in a folding that maps back to the text.
		f := extract.Fold(sp.s.Text)
		if i := strings.Index(f.S, phrase); i >= 0 {
			start, end := f.Orig(i), f.Orig(i+len(phrase))
			h.Offset, h.Match = start, sp.s.Text[start:end]
			h.Snippet = snippet(sp.s.Text, start, end, 40)
		}
		res.Hits = append(res.Hits, h)
	}
	return res, nil
}

// snippet returns text[start:end] with up to n characters either side, on
// one line, with … where it was cut.
func snippet(text string, start, end, n int) string {
	from := start
	for i := 0; i < n && from > 0; i++ {
		_, size := utf8.DecodeLastRuneInString(text[:from])
		from -= size
	}
	to := end
	for i := 0; i < n && to < len(text); i++ {
		_, size := utf8.DecodeRuneInString(text[to:])
		to += size
	}
	s := strings.Join(strings.Fields(text[from:to]), " ")
	if from > 0 {
		s = "…" + s
	}
	if to < len(text) {
		s += "…"
	}
	return s
}

// closeMatches returns up to five of names that come close to q after
// fold: those that contain it or that it contains, then those within a
// small edit distance.
func closeMatches(q string, names []string, fold func(string) string) []string {
	fq := fold(q)
	if fq == "" {
		return nil
	}
	type scored struct {
		name string
		d    int
	}
	var hits []scored
	seen := map[string]bool{}
	for _, n := range names {
		fn := fold(n)
		if seen[n] || fn == "" {
			continue
		}
		seen[n] = true
		switch {
		case strings.Contains(fn, fq) || strings.Contains(fq, fn):
			hits = append(hits, scored{n, 0})
		default:
			max := max(1, utf8.RuneCountInString(fq)/3)
			if d := editDistance(fq, fn, max); d <= max {
				hits = append(hits, scored{n, d})
			}
		}
	}
	slices.SortFunc(hits, func(a, b scored) int { return cmp.Or(cmp.Compare(a.d, b.d), strings.Compare(a.name, b.name)) })
	var out []string
	for i := 0; i < len(hits) && i < 5; i++ {
		out = append(out, hits[i].name)
	}
	return out
}

// editDistance is the Levenshtein distance of a and b in runes, or
// something larger than max once it must exceed max.
func editDistance(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > max || -d > max {
		return max + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
			best = min(best, cur[j])
		}
		if best > max {
			return max + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
