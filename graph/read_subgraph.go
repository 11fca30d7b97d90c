package graph

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/gijigraph/gijigraph/graph/vocab"
)

// Node types of a Subgraph.
const (
	NodePerson       = "person"
	NodeOrganisation = "organisation"
	NodeMeeting      = "meeting"
	NodeConcept      = "concept"
	NodeAgenda       = "agenda"
)

// Edge predicates of a Subgraph. Each summarises facts of the graph; an
// edge's Count is the number of facts behind it.
const (
	// EdgeAttended: person → meeting, from the person's membership for
	// that meeting (count 1).
	EdgeAttended = "attended"
	// EdgeMemberOf: person → organisation of a post the person held;
	// count: the meetings at which they held one there.
	EdgeMemberOf = "memberOf"
	// EdgeOrganizer: meeting → the body that held it.
	EdgeOrganizer = "organizer"
	// EdgeDiscussed: meeting → agenda item.
	EdgeDiscussed = "discussed"
	// EdgeMentions: agenda item → concept; count: mentions in its title.
	EdgeMentions = "mentions"
	// EdgeRaised: person → concept; count: mentions in the person's
	// speeches.
	EdgeRaised = "raised"
	// EdgeBroader: concept → broader concept.
	EdgeBroader = "broader"
	// EdgeRefersTo: person → person; count: speeches of the first that
	// name the second.
	EdgeRefersTo = "refersTo"
)

// EdgePredicateIRI is the vocabulary IRI of an edge predicate of a
// Subgraph (EdgeRaised → gg:raised), or "" for an unknown one.
func EdgePredicateIRI(pred string) string {
	switch pred {
	case EdgeAttended:
		return string(vocab.Attended)
	case EdgeMemberOf:
		return string(vocab.MemberOf)
	case EdgeOrganizer:
		return string(vocab.Organizer)
	case EdgeDiscussed:
		return string(vocab.Discussed)
	case EdgeMentions:
		return string(vocab.Mentions)
	case EdgeRaised:
		return string(vocab.Raised)
	case EdgeBroader:
		return string(vocab.Broader)
	case EdgeRefersTo:
		return string(vocab.RefersTo)
	}
	return ""
}

// Node is one node of a Subgraph. ID is the node's IRI without the
// instance base ("person/村井純"), stable between snapshots. Count is the
// node's weight: for a person the meetings attended, for a meeting its
// attendees, for a concept its mentions in speeches, for an organisation
// the people who held a post in it, for an agenda item its concept
// mentions.
type Node struct {
	ID          string `json:"id"`
	Type        string `json:"type"`
	Label       string `json:"label"`
	LabelEn     string `json:"label_en,omitempty"`
	IRI         string `json:"iri"`
	Count       int    `json:"count"`
	Date        string `json:"date,omitempty"`
	ConceptType string `json:"concept_type,omitempty"`
}

// Edge is one edge of a Subgraph. ID is "source|predicate|target" ("|"
// never occurs in a node id).
type Edge struct {
	ID        string `json:"id"`
	Source    string `json:"source"`
	Target    string `json:"target"`
	Predicate string `json:"predicate"`
	Count     int    `json:"count"`
}

// Subgraph is a part of the graph for visualisation: nodes and edges
// sorted by id.
type Subgraph struct {
	Nodes []Node
	Edges []Edge
	// Truncated says the node cap left nodes out.
	Truncated bool
}

// SubgraphQuery selects a Subgraph. At most one of Focus, Meeting and
// Concept may be given; with none, the whole graph (up to Limit nodes,
// the heaviest first).
type SubgraphQuery struct {
	// Focus is a node id ("person/村井純"), or a person, concept or
	// meeting as Raised takes them; the subgraph is what lies within
	// Depth edges of it.
	Focus string
	// Depth is 1 to 3; 0 means 1.
	Depth int
	// Meeting selects one meeting: its attendees with their posts'
	// organisations, agenda items, and the concepts raised there, with
	// counts for that meeting only.
	Meeting string
	// Concept selects a concept (with Narrower, those below it too) and
	// what lies within Depth edges of it.
	Concept  string
	Narrower bool
	// Limit caps the nodes; <= 0 means 500.
	Limit int
}

// DefaultNodeLimit is the node cap of a Subgraph when none is given.
const DefaultNodeLimit = 500

type summaryGraph struct {
	nodes map[string]*Node
	edges map[string]*Edge
	// adj lists each node's edges, both directions, heaviest first.
	adj map[string][]*Edge
	// byWeight lists every node id, in the order the overview takes them.
	byWeight []string
	// perMeeting holds the edges of each meeting's view, by meeting id.
	perMeeting map[string][]*Edge
}

func edgeID(src, pred, dst string) string { return src + "|" + pred + "|" + dst }

var typeRank = map[string]int{NodeMeeting: 0, NodeConcept: 1, NodePerson: 2, NodeOrganisation: 3, NodeAgenda: 4}

func buildSummaryGraph(sn *Snapshot, b *snapBuilder, meetingOf map[string]*meeting, personOf map[string]*person, conceptOf map[string]*concept) *summaryGraph {
	g := &summaryGraph{nodes: map[string]*Node{}, edges: map[string]*Edge{}, adj: map[string][]*Edge{}, perMeeting: map[string][]*Edge{}}
	addNode := func(iri, typ, label string) *Node {
		id := ShortID(iri)
		if n := g.nodes[id]; n != nil {
			return n
		}
		n := &Node{ID: id, Type: typ, Label: label, IRI: iri}
		g.nodes[id] = n
		return n
	}
	addEdge := func(edges map[string]*Edge, src, pred, dst string, n int) {
		id := edgeID(src, pred, dst)
		if e := edges[id]; e != nil {
			e.Count += n
			return
		}
		edges[id] = &Edge{ID: id, Source: src, Target: dst, Predicate: pred, Count: n}
	}
	orgNode := func(iri string) *Node {
		o := b.orgs[iri]
		if o == nil {
			return nil
		}
		return addNode(iri, NodeOrganisation, cmp.Or(firstName(o.names), rest(iri)))
	}

	for _, c := range sn.concepts {
		n := addNode(c.iri, NodeConcept, c.detail.Label)
		n.LabelEn, n.ConceptType, n.Count = c.detail.LabelEn, c.detail.Type, c.detail.Counts.Mentions
		for _, br := range c.broader {
			if p := sn.conceptByID[br]; p != nil {
				addEdge(g.edges, n.ID, EdgeBroader, ShortID(p.iri), 1)
			}
		}
	}
	for _, p := range sn.people {
		n := addNode(p.iri, NodePerson, p.summary.Name)
		n.Count = len(p.meetings)
	}
	orgPeople := map[string]map[string]bool{}
	for _, m := range sn.meetings {
		local := map[string]*Edge{}
		mn := addNode(m.iri, NodeMeeting, meetingLabel(m))
		mn.Date, mn.Count = m.Date, len(m.Attendees)
		if body := orgNode(m.body); body != nil {
			addEdge(g.edges, mn.ID, EdgeOrganizer, body.ID, 1)
			addEdge(local, mn.ID, EdgeOrganizer, body.ID, 1)
		}
		for piri := range m.persons {
			pid := ShortID(piri)
			addEdge(g.edges, pid, EdgeAttended, mn.ID, 1)
			addEdge(local, pid, EdgeAttended, mn.ID, 1)
		}
		g.perMeeting[m.ID] = nil
		for _, e := range local {
			g.perMeeting[m.ID] = append(g.perMeeting[m.ID], e)
		}
	}
	// Posts: person → organisation, per meeting.
	for _, ms := range b.memberships {
		m, p := meetingOf[ms.meeting], personOf[ms.person]
		post := b.posts[ms.post]
		if m == nil || p == nil || post == nil {
			continue
		}
		on := orgNode(post.org)
		if on == nil {
			continue
		}
		pid := ShortID(p.iri)
		addEdge(g.edges, pid, EdgeMemberOf, on.ID, 1)
		g.perMeeting[m.ID] = append(g.perMeeting[m.ID], &Edge{ID: edgeID(pid, EdgeMemberOf, on.ID), Source: pid, Target: on.ID, Predicate: EdgeMemberOf, Count: 1})
		if orgPeople[on.ID] == nil {
			orgPeople[on.ID] = map[string]bool{}
		}
		orgPeople[on.ID][pid] = true
	}
	for id, ps := range orgPeople {
		g.nodes[id].Count = len(ps)
	}
	// Agenda items and the concepts their titles mention.
	for iri, ra := range b.agenda {
		m := meetingOf[ra.meeting]
		if m == nil {
			continue
		}
		an := addNode(iri, NodeAgenda, ra.title)
		an.Date = m.Date
		mid := ShortID(m.iri)
		g.perMeeting[m.ID] = append(g.perMeeting[m.ID], &Edge{ID: edgeID(mid, EdgeDiscussed, an.ID), Source: mid, Target: an.ID, Predicate: EdgeDiscussed, Count: 1})
		addEdge(g.edges, mid, EdgeDiscussed, an.ID, 1)
		counts := map[string]int{}
		for _, mi := range ra.mentions {
			if rm := b.mentions[mi]; rm != nil && conceptOf[rm.concept] != nil {
				counts[rm.concept]++
			}
		}
		for _, c := range ra.concepts {
			if conceptOf[c] != nil && counts[c] == 0 {
				counts[c] = 1
			}
		}
		for c, n := range counts {
			cid := ShortID(c)
			addEdge(g.edges, an.ID, EdgeMentions, cid, n)
			g.perMeeting[m.ID] = append(g.perMeeting[m.ID], &Edge{ID: edgeID(an.ID, EdgeMentions, cid), Source: an.ID, Target: cid, Predicate: EdgeMentions, Count: n})
			an.Count += n
		}
	}
	// Raised: person → concept, overall and per meeting.
	perMeetingRaised := map[string]map[string]*Edge{}
	for _, r := range sn.rows {
		if r.PersonID == "" {
			continue
		}
		p, c := sn.personByKey[r.PersonID], sn.conceptByID[r.ConceptID]
		if p == nil || c == nil {
			continue
		}
		src, dst := ShortID(p.iri), ShortID(c.iri)
		addEdge(g.edges, src, EdgeRaised, dst, 1)
		if perMeetingRaised[r.MeetingID] == nil {
			perMeetingRaised[r.MeetingID] = map[string]*Edge{}
		}
		addEdge(perMeetingRaised[r.MeetingID], src, EdgeRaised, dst, 1)
	}
	// Refers to: person → person.
	for _, m := range sn.meetings {
		local := map[string]*Edge{}
		for _, s := range m.Speeches {
			p := sn.personByKey[s.SpeakerID]
			if p == nil {
				continue
			}
			for _, r := range s.RefersTo {
				if q := sn.personByKey[r]; q != nil {
					addEdge(g.edges, ShortID(p.iri), EdgeRefersTo, ShortID(q.iri), 1)
					addEdge(local, ShortID(p.iri), EdgeRefersTo, ShortID(q.iri), 1)
				}
			}
		}
		for _, e := range perMeetingRaised[m.ID] {
			g.perMeeting[m.ID] = append(g.perMeeting[m.ID], e)
		}
		for _, e := range local {
			g.perMeeting[m.ID] = append(g.perMeeting[m.ID], e)
		}
	}

	for _, e := range g.edges {
		g.adj[e.Source] = append(g.adj[e.Source], e)
		if e.Target != e.Source {
			g.adj[e.Target] = append(g.adj[e.Target], e)
		}
	}
	for id, es := range g.adj {
		slices.SortFunc(es, func(a, b *Edge) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(other(a, id), other(b, id)), strings.Compare(a.ID, b.ID))
		})
	}
	for id := range g.nodes {
		g.byWeight = append(g.byWeight, id)
	}
	g.sortByWeight(g.byWeight)
	return g
}

// sortByWeight orders node ids as the overview and caps take them:
// meetings, concepts, people, organisations, agenda items; heaviest first.
func (g *summaryGraph) sortByWeight(ids []string) {
	slices.SortFunc(ids, func(a, b string) int {
		na, nb := g.nodes[a], g.nodes[b]
		return cmp.Or(cmp.Compare(typeRank[na.Type], typeRank[nb.Type]), cmp.Compare(nb.Count, na.Count), strings.Compare(a, b))
	})
}

func other(e *Edge, id string) string {
	if e.Source == id {
		return e.Target
	}
	return e.Source
}

func meetingLabel(m *meeting) string {
	if m.Body != "" && m.Number > 0 {
		return fmt.Sprintf("%s 第%d回", m.Body, m.Number)
	}
	return cmp.Or(m.Title, m.ID)
}

// Subgraph returns the part of the graph q selects.
func (sn *Snapshot) Subgraph(q SubgraphQuery) (*Subgraph, error) {
	g := sn.sg
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultNodeLimit
	}
	depth := q.Depth
	if depth == 0 {
		depth = 1
	}
	if depth < 1 || depth > 3 {
		return nil, invalidf("depth must be 1, 2 or 3, not %d", q.Depth)
	}
	selectors := 0
	for _, s := range []string{q.Focus, q.Meeting, q.Concept} {
		if s != "" {
			selectors++
		}
	}
	if selectors > 1 {
		return nil, invalidf("give at most one of focus, meeting and concept")
	}
	switch {
	case q.Meeting != "":
		m, err := sn.findMeeting(q.Meeting)
		if err != nil {
			return nil, err
		}
		return g.meetingView(m, limit), nil
	case q.Concept != "":
		cs, err := sn.findConcepts(q.Concept)
		if err != nil {
			return nil, err
		}
		if q.Narrower {
			cs = sn.withNarrower(cs)
		}
		var seeds []string
		for _, c := range cs {
			seeds = append(seeds, ShortID(c.iri))
		}
		return g.around(seeds, depth, limit), nil
	case q.Focus != "":
		id, err := sn.resolveNode(q.Focus)
		if err != nil {
			return nil, err
		}
		return g.around([]string{id}, depth, limit), nil
	}
	ids := g.byWeight
	truncated := len(ids) > limit
	if truncated {
		ids = ids[:limit]
	}
	return g.induced(ids, truncated), nil
}

// resolveNode finds a node by id, or a person, concept or meeting by
// name.
func (sn *Snapshot) resolveNode(s string) (string, error) {
	s = strings.TrimSpace(s)
	if n := sn.sg.nodes[s]; n != nil {
		return n.ID, nil
	}
	if p, err := sn.findPerson(s); err == nil {
		return ShortID(p.iri), nil
	}
	if cs, err := sn.findConcepts(s); err == nil {
		return ShortID(cs[0].iri), nil
	}
	if m, err := sn.findMeeting(s); err == nil {
		return ShortID(m.iri), nil
	}
	var ids []string
	for _, id := range sn.sg.byWeight {
		ids = append(ids, id)
	}
	return "", &NotFoundError{Kind: "node", Name: s, Close: closeMatches(s, ids, strings.ToLower)}
}

// around returns the nodes within depth edges of seeds, nearest and
// heaviest first, up to limit nodes, and every edge between them.
func (g *summaryGraph) around(seeds []string, depth, limit int) *Subgraph {
	in := map[string]bool{}
	var ids []string
	truncated := false
	add := func(id string) bool {
		if in[id] {
			return true
		}
		if len(ids) >= limit {
			truncated = true
			return false
		}
		in[id] = true
		ids = append(ids, id)
		return true
	}
	frontier := []string{}
	for _, s := range seeds {
		if add(s) {
			frontier = append(frontier, s)
		}
	}
	for d := 0; d < depth && !truncated; d++ {
		var next []string
		for _, id := range frontier {
			for _, e := range g.adj[id] {
				o := other(e, id)
				if in[o] {
					continue
				}
				if !add(o) {
					break
				}
				next = append(next, o)
			}
			if truncated {
				break
			}
		}
		frontier = next
	}
	return g.induced(ids, truncated)
}

// induced returns the nodes ids and every edge between two of them.
func (g *summaryGraph) induced(ids []string, truncated bool) *Subgraph {
	in := make(map[string]bool, len(ids))
	for _, id := range ids {
		in[id] = true
	}
	sg := &Subgraph{Nodes: make([]Node, 0, len(ids)), Edges: []Edge{}, Truncated: truncated}
	for _, id := range ids {
		sg.Nodes = append(sg.Nodes, *g.nodes[id])
		for _, e := range g.adj[id] {
			// Each edge once: from its source.
			if e.Source == id && in[e.Target] {
				sg.Edges = append(sg.Edges, *e)
			}
		}
	}
	sg.sort()
	return sg
}

// meetingView returns one meeting's subgraph with per-meeting counts.
func (g *summaryGraph) meetingView(m *meeting, limit int) *Subgraph {
	edges := g.perMeeting[m.ID]
	mid := ShortID(m.iri)
	seen := map[string]bool{mid: true}
	ids := []string{mid}
	for _, e := range edges {
		for _, id := range []string{e.Source, e.Target} {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	g.sortByWeight(ids[1:])
	truncated := len(ids) > limit
	if truncated {
		ids = ids[:limit]
	}
	in := map[string]bool{}
	sg := &Subgraph{Edges: []Edge{}, Truncated: truncated}
	for _, id := range ids {
		in[id] = true
		sg.Nodes = append(sg.Nodes, *g.nodes[id])
	}
	dup := map[string]bool{}
	for _, e := range edges {
		if in[e.Source] && in[e.Target] && !dup[e.ID] {
			dup[e.ID] = true
			sg.Edges = append(sg.Edges, *e)
		}
	}
	sg.sort()
	return sg
}

func (sg *Subgraph) sort() {
	slices.SortFunc(sg.Nodes, func(a, b Node) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(sg.Edges, func(a, b Edge) int { return strings.Compare(a.ID, b.ID) })
}
