package graph

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/gijigraph/gijigraph/extract"
	"github.com/gijigraph/gijigraph/graph/index"
	"github.com/gijigraph/gijigraph/graph/vocab"
)

// The query-shaped read index (index.View): what each document adds,
// keyed for the API's hot access paths, so that a request reads a prefix
// of keys instead of a whole in-memory Snapshot.
//
// Records, per document:
//
//	"R" concept 0 order 0 start   a row of Raised (encodeRow), by meeting order
//	"M" order                     a meeting's summary (JSON)
//	"D" folded id                 a meeting's detail (JSON)
//	"O" id                        a meeting's order
//
// where order is date 0 body 0 number 0 id, the order of the Snapshot's
// meetings (and so of its rows), numbers as 8 bytes big-endian.
// Counters, summed over documents (see index.Counter):
//
//	"mentions" 0 concept           rows of a concept
//	"speaker" 0 concept 0 person   rows of a concept by a person (parent: "speakers" 0 concept)
//	"at" 0 concept 0 meeting       rows of a concept at a meeting (parent: "meetings" 0 concept)
//	"person" 0 person              documents naming a person (parent: "people")
//	"name" 0 person 0 name         documents giving a person a name
//	"body" 0 body                  meetings of a body
//	"nmeetings", "nrows"           meetings and rows in all
//
// Person names, concept labels and types are taken at read time from
// the Catalog (a person's name is the least of the spellings the
// documents give, as in the Snapshot); everything else in a record is
// the document's own.

const (
	recRow     = "R"
	recMeeting = "M"
	recDetail  = "D"
	recOrder   = "O"

	ctrMentions  = "mentions\x00"
	ctrSpeaker   = "speaker\x00"
	ctrSpeakers  = "speakers\x00"
	ctrAt        = "at\x00"
	ctrMeetingsC = "meetings\x00"
	ctrPerson    = "person\x00"
	ctrPeople    = "people"
	ctrName      = "name\x00"
	ctrBody      = "body\x00"
	ctrMeetings  = "nmeetings"
	ctrRows      = "nrows"
)

func key(parts ...string) []byte { return []byte(strings.Join(parts, "\x00")) }

// sortableInt encodes n so that the bytes sort as the numbers do.
func sortableInt(n int) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(n)^(1<<63))
	return string(b[:])
}

func meetingOrder(m *MeetingSummary) string {
	return strings.Join([]string{m.Date, m.Body, sortableInt(m.Number), m.ID}, "\x00")
}

// splitOrder returns the date, body and id of a meeting order (the
// number's bytes may hold a 0).
func splitOrder(o string) (date, body, id string, ok bool) {
	date, rest, _ := strings.Cut(o, "\x00")
	body, rest, _ = strings.Cut(rest, "\x00")
	if len(rest) < 9 {
		return "", "", "", false
	}
	return date, body, rest[9:], true
}

// docView is what one document adds to the view: its facts read as a
// Snapshot of their own.
func docView(facts []index.Fact) (*index.View, error) {
	b := newSnapBuilder()
	for _, f := range facts {
		b.add(f.S, f.P, f.O)
	}
	sn := b.build()
	v := &index.View{}
	counter := func(n int64, parent []byte, parts ...string) {
		v.Counters = append(v.Counters, index.Counter{Key: key(parts...), Parent: parent, N: n})
	}
	order := map[string]string{}
	for _, m := range sn.meetings {
		o := meetingOrder(&m.MeetingSummary)
		order[m.ID] = o
		data, err := json.Marshal(&m.MeetingSummary)
		if err != nil {
			return nil, err
		}
		v.Records = append(v.Records, index.Record{Key: key(recMeeting + o), Val: data})
		if data, err = json.Marshal(&m.MeetingDetail); err != nil {
			return nil, err
		}
		v.Records = append(v.Records, index.Record{Key: key(recDetail + extract.FoldKey(m.ID)), Val: data},
			index.Record{Key: key(recOrder + m.ID), Val: []byte(o)})
		if m.Body != "" {
			counter(1, nil, ctrBody+m.Body)
		}
	}
	if len(sn.meetings) > 0 {
		counter(int64(len(sn.meetings)), nil, ctrMeetings)
	}
	for _, p := range sn.people {
		counter(1, []byte(ctrPeople), ctrPerson+p.summary.ID)
		counter(1, nil, ctrName+p.summary.ID, p.summary.Name)
	}
	type pair struct{ a, b string }
	mentions, speaker, at := map[string]int64{}, map[pair]int64{}, map[pair]int64{}
	for i := range sn.rows {
		r := &sn.rows[i]
		v.Records = append(v.Records, index.Record{Key: key(recRow+r.ConceptID, order[r.MeetingID], sortableInt(r.Start)), Val: encodeRow(r)})
		mentions[r.ConceptID]++
		if r.PersonID != "" {
			speaker[pair{r.ConceptID, r.PersonID}]++
		}
		at[pair{r.ConceptID, r.MeetingID}]++
	}
	if len(sn.rows) > 0 {
		counter(int64(len(sn.rows)), nil, ctrRows)
	}
	for c, n := range mentions {
		counter(n, nil, ctrMentions+c)
	}
	for k, n := range speaker {
		counter(n, key(ctrSpeakers+k.a), ctrSpeaker+k.a, k.b)
	}
	for k, n := range at {
		counter(n, key(ctrMeetingsC+k.a), ctrAt+k.a, k.b)
	}
	slices.SortFunc(v.Counters, func(a, b index.Counter) int { return bytes.Compare(a.Key, b.Key) })
	return v, nil
}

// ErrNoView is matched by the error of OpenCatalog on a store without a
// usable read index (memory, or an index of an older version).
var ErrNoView = errors.New("graph: no read index")

// Catalog answers the researchers' hot requests (Raised for a concept,
// the lists of meetings and concepts) from the query-shaped read index,
// reading per request only the keys they need. It holds in memory only
// what is small: the concept list, people's names, the bodies and the
// counts. A Catalog is of one generation of the store: after a write,
// open a new one. Its methods are safe for concurrent use.
type Catalog struct {
	s        *Store
	concepts *Snapshot // the concept list alone, with the counts
	names    map[string]string
	bodies   []string
	stats    SnapshotStats
}

func (s *Store) viewReader() (index.Reader, error) {
	if s.ikv != nil {
		return s.ikv.Reader()
	}
	return index.ReaderPG(s.pg), nil
}

// OpenCatalog reads the small part of the read index into memory. On a
// store without a valid index it returns an error matching ErrNoView.
func (s *Store) OpenCatalog(ctx context.Context) (*Catalog, error) {
	start := time.Now()
	st, err := s.IndexStatus(ctx)
	if err != nil {
		return nil, err
	}
	if !st.Supported || !st.Valid {
		return nil, ErrNoView
	}
	b := newSnapBuilder()
	var data []byte
	if s.ikv != nil {
		data, err = s.ikv.Get(ctx, index.Key(vocab.ConceptsGraph))
	} else {
		data, err = index.GetPG(ctx, s.pg, index.Key(vocab.ConceptsGraph))
	}
	if err != nil {
		return nil, fmt.Errorf("graph: catalog: %w", err)
	}
	if data != nil {
		if err := index.Decode(data, func(sub, pred, obj quad.Value) { b.add(sub, pred, obj) }); err != nil {
			return nil, fmt.Errorf("graph: catalog: concept list: %w", err)
		}
	}
	c := &Catalog{s: s, concepts: b.build(), names: map[string]string{}}
	r, err := s.viewReader()
	if err != nil {
		return nil, fmt.Errorf("graph: catalog: %w", err)
	}
	defer r.Close()
	err = r.Counters(ctx, key(ctrName), func(k []byte, _ int64) {
		parts := strings.SplitN(string(k[len(ctrName):]), "\x00", 2)
		if len(parts) == 2 {
			if _, ok := c.names[parts[0]]; !ok { // the least name comes first
				c.names[parts[0]] = parts[1]
			}
		}
	})
	if err == nil {
		err = r.Counters(ctx, key(ctrBody), func(k []byte, _ int64) { c.bodies = append(c.bodies, string(k[len(ctrBody):])) })
	}
	// Each count of every concept in one scan of its prefix (a read a
	// concept was 777 queries on PostgreSQL).
	for i, k := range []string{ctrMentions, ctrSpeakers, ctrMeetingsC} {
		if err != nil {
			break
		}
		err = r.Counters(ctx, key(k), func(ck []byte, n int64) {
			cn := c.concepts.conceptByID[string(ck[len(k):])]
			if cn == nil {
				return
			}
			switch i {
			case 0:
				cn.detail.Counts.Mentions = int(n)
			case 1:
				cn.detail.Counts.Speakers = int(n)
			case 2:
				cn.detail.Counts.Meetings = int(n)
			}
		})
	}
	var n [3]int64
	for i, k := range []string{ctrMeetings, ctrPeople, ctrRows} {
		if err != nil {
			break
		}
		n[i], err = r.Counter(ctx, key(k))
	}
	if err != nil {
		return nil, fmt.Errorf("graph: catalog: %w", err)
	}
	stats, err := s.Stats(ctx)
	if err != nil {
		return nil, fmt.Errorf("graph: catalog: %w", err)
	}
	c.stats = SnapshotStats{Quads: int(stats.Quads), Meetings: int(n[0]), People: int(n[1]), Concepts: len(c.concepts.concepts),
		Mentions: int(n[2]), Built: time.Now(), Took: time.Since(start), Source: "index"}
	return c, nil
}

// Stats returns the sizes of the store as the index counts them.
func (c *Catalog) Stats() SnapshotStats { return c.stats }

// ConceptTypes returns the concept types in use, sorted.
func (c *Catalog) ConceptTypes() []string { return c.concepts.conceptTypes }

// FilterConcepts is Snapshot.FilterConcepts for queries without a
// meeting or a person; ok is false for the others.
func (c *Catalog) FilterConcepts(q ConceptsQuery) (_ []ConceptSummary, ok bool, _ error) {
	if q.Meeting != "" || q.Person != "" {
		return nil, false, nil
	}
	cs, err := c.concepts.FilterConcepts(q)
	return cs, true, err
}

// FilterMeetings is Snapshot.FilterMeetings for queries without a person
// or a concept, one page of it (limit 0: every meeting from offset), and
// the number of meetings that match; ok is false for the other queries.
// Date and body are in the keys: only the page's summaries are decoded.
func (c *Catalog) FilterMeetings(ctx context.Context, q MeetingsQuery, offset, limit int) (_ []MeetingSummary, total int, ok bool, _ error) {
	if q.Person != "" || q.Concept != "" {
		return nil, 0, false, nil
	}
	if q.Body != "" && !slices.Contains(c.bodies, q.Body) {
		return nil, 0, true, invalidf("unknown body %q (known: %s)", q.Body, strings.Join(c.bodies, ", "))
	}
	r, err := c.s.viewReader()
	if err != nil {
		return nil, 0, true, fmt.Errorf("graph: %w", err)
	}
	defer r.Close()
	out := []MeetingSummary{}
	var derr error
	err = r.Scan(ctx, key(recMeeting), []byte(q.From), func(k, v []byte) bool {
		date, rest, _ := strings.Cut(string(k[len(recMeeting):]), "\x00")
		if q.To != "" && date > q.To {
			return false
		}
		if body, _, _ := strings.Cut(rest, "\x00"); q.Body != "" && body != q.Body {
			return true
		}
		total++
		if total <= offset || (limit > 0 && len(out) >= limit) {
			return true
		}
		var m MeetingSummary
		if derr = json.Unmarshal(v, &m); derr != nil {
			return false
		}
		out = append(out, m)
		return true
	})
	if err = cmp.Or(err, derr); err != nil {
		return nil, 0, true, fmt.Errorf("graph: meetings: %w", err)
	}
	return out, total, true, nil
}

// Concept is Snapshot.Concept: the concept list's entry, and who raised
// it at which meetings from its counters.
func (c *Catalog) Concept(ctx context.Context, name string) (*ConceptDetail, error) {
	cs, err := c.concepts.findConcepts(name)
	if err != nil {
		return nil, err
	}
	d := cs[0].detail
	r, err := c.s.viewReader()
	if err != nil {
		return nil, fmt.Errorf("graph: %w", err)
	}
	defer r.Close()
	d.RaisedBy = []PersonCount{}
	p := key(ctrSpeaker+d.ID, "")
	err = r.Counters(ctx, p, func(k []byte, n int64) {
		id := string(k[len(p):])
		d.RaisedBy = append(d.RaisedBy, PersonCount{ID: id, Name: c.names[id], Count: int(n)})
	})
	if err != nil {
		return nil, fmt.Errorf("graph: concept: %w", err)
	}
	slices.SortFunc(d.RaisedBy, func(a, b PersonCount) int { return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.ID, b.ID)) })
	type at struct {
		order string
		m     MeetingCount
	}
	var ats []at
	p = key(ctrAt+d.ID, "")
	err = r.Counters(ctx, p, func(k []byte, n int64) {
		ats = append(ats, at{m: MeetingCount{ID: string(k[len(p):]), Count: int(n)}})
	})
	for i := range ats {
		if err != nil {
			break
		}
		k := key(recOrder + ats[i].m.ID)
		err = r.Scan(ctx, k, nil, func(got, v []byte) bool {
			if bytes.Equal(got, k) {
				ats[i].order = string(v)
				ats[i].m.Date, _, _, _ = splitOrder(string(v))
			}
			return false
		})
	}
	if err != nil {
		return nil, fmt.Errorf("graph: concept: %w", err)
	}
	slices.SortFunc(ats, func(a, b at) int { return strings.Compare(a.order, b.order) })
	d.Meetings = []MeetingCount{}
	for _, a := range ats {
		if a.order != "" { // a meeting the Snapshot lists
			d.Meetings = append(d.Meetings, a.m)
		}
	}
	return &d, nil
}

// Meeting is Snapshot.Meeting: one record, and on a miss the ids of
// every meeting for the close matches.
func (c *Catalog) Meeting(ctx context.Context, id string) (*MeetingDetail, error) {
	id = strings.TrimSpace(id)
	r, err := c.s.viewReader()
	if err != nil {
		return nil, fmt.Errorf("graph: %w", err)
	}
	defer r.Close()
	k := key(recDetail + extract.FoldKey(strings.TrimPrefix(id, "meeting/")))
	var (
		m     *MeetingDetail
		derr  error
		found bool
	)
	err = r.Scan(ctx, k, nil, func(got, v []byte) bool {
		if found = bytes.Equal(got, k); found {
			m = &MeetingDetail{}
			derr = json.Unmarshal(v, m)
		}
		return false
	})
	if err = cmp.Or(err, derr); err != nil {
		return nil, fmt.Errorf("graph: meeting: %w", err)
	}
	if found {
		for i := range m.Attendees {
			if n, ok := c.names[m.Attendees[i].PersonID]; ok {
				m.Attendees[i].Name = n
			}
		}
		for i := range m.Speeches {
			if n, ok := c.names[m.Speeches[i].SpeakerID]; ok && m.Speeches[i].SpeakerID != "" {
				m.Speeches[i].Speaker = n
			}
		}
		return m, nil
	}
	var names []string
	err = r.Scan(ctx, key(recMeeting), nil, func(k, _ []byte) bool {
		if _, _, id, ok := splitOrder(string(k[len(recMeeting):])); ok {
			names = append(names, id)
		}
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("graph: meeting: %w", err)
	}
	return nil, &NotFoundError{Kind: "meeting", Name: id, Close: closeMatches(id, names, extract.FoldKey)}
}

// Raised is Snapshot.Raised for queries with a concept and without a
// person or a meeting; ok is false for the others. The first page of one
// concept reads its rows from the first key and its total from a
// counter; other queries read the keys of every row of their concepts.
func (c *Catalog) Raised(ctx context.Context, q RaisedQuery) (_ RaisedResult, ok bool, _ error) {
	if q.Concept == "" || q.Person != "" || q.Meeting != "" {
		return RaisedResult{}, false, nil
	}
	cs, err := c.concepts.findConcepts(q.Concept)
	if err != nil {
		return RaisedResult{}, true, err
	}
	if q.Narrower {
		cs = c.concepts.withNarrower(cs)
	}
	if q.Type != "" && !slices.Contains(c.concepts.conceptTypes, q.Type) {
		return RaisedResult{}, true, invalidf("unknown concept type %q (known: %s)", q.Type, strings.Join(c.concepts.conceptTypes, ", "))
	}
	r, err := c.s.viewReader()
	if err != nil {
		return RaisedResult{}, true, fmt.Errorf("graph: %w", err)
	}
	defer r.Close()
	res := RaisedResult{Rows: []Mention{}}
	var derr error
	row := func(v []byte) bool {
		m, err := decodeRow(v)
		if derr = err; err != nil {
			return false
		}
		res.Rows = append(res.Rows, c.fill(m))
		return true
	}
	if len(cs) == 1 && q.From == "" && q.To == "" && q.Type == "" {
		id := cs[0].detail.ID
		n, err := r.Counter(ctx, key(ctrMentions+id))
		if err != nil {
			return RaisedResult{}, true, fmt.Errorf("graph: raised: %w", err)
		}
		res.Total = int(n)
		skip := q.Offset
		if skip < res.Total {
			err = r.Scan(ctx, key(recRow+id, ""), nil, func(_, v []byte) bool {
				if skip > 0 {
					skip--
					return true
				}
				return row(v) && (q.Limit <= 0 || len(res.Rows) < q.Limit)
			})
		}
		if err = cmp.Or(err, derr); err != nil {
			return RaisedResult{}, true, fmt.Errorf("graph: raised: %w", err)
		}
		return res, true, nil
	}
	// Several concepts, or filters: every matching key, in the order of
	// the Snapshot's rows (meeting order, offset, concept), then the page.
	type hit struct{ rest, concept string }
	var hits []hit
	for _, cn := range cs {
		id := cn.detail.ID
		if q.Type != "" && cn.detail.Type != q.Type {
			continue
		}
		p := key(recRow+id, "")
		err := r.Scan(ctx, p, []byte(q.From), func(k, _ []byte) bool {
			rest := string(k[len(p):])
			date, _, _ := strings.Cut(rest, "\x00")
			if q.To != "" && date > q.To {
				return false
			}
			hits = append(hits, hit{rest, id})
			return true
		})
		if err != nil {
			return RaisedResult{}, true, fmt.Errorf("graph: raised: %w", err)
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		return cmp.Or(strings.Compare(a.rest, b.rest), strings.Compare(a.concept, b.concept))
	})
	res.Total = len(hits)
	lo := min(q.Offset, len(hits))
	hi := len(hits)
	if q.Limit > 0 {
		hi = min(hi, lo+q.Limit)
	}
	for _, h := range hits[lo:hi] {
		k := key(recRow+h.concept, h.rest)
		err := r.Scan(ctx, k, nil, func(got, v []byte) bool {
			if bytes.Equal(got, k) {
				row(v)
			}
			return false
		})
		if err = cmp.Or(err, derr); err != nil {
			return RaisedResult{}, true, fmt.Errorf("graph: raised: %w", err)
		}
	}
	return res, true, nil
}

// fill sets what a row takes from other documents: the speaker's name
// and the concept's labels and type.
func (c *Catalog) fill(m Mention) Mention {
	if n, ok := c.names[m.PersonID]; ok && m.PersonID != "" {
		m.Person = n
	}
	m.Concept, m.ConceptEn, m.ConceptType = "", "", ""
	if cn := c.concepts.conceptByID[m.ConceptID]; cn != nil {
		m.Concept, m.ConceptEn, m.ConceptType = cn.detail.Label, cn.detail.LabelEn, cn.detail.Type
	}
	return m
}
