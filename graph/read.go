package graph

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/gijigraph/gijigraph/extract"
	"github.com/gijigraph/gijigraph/graph/index"
	"github.com/gijigraph/gijigraph/graph/vocab"
)

// The read models: what the query server shows of the graph.
//
// A Snapshot is built once from the store by one scan of every quad
// (Store.Snapshot) and then answers every read from memory: meetings,
// people, concepts, who raised what (Raised), phrase search and the
// subgraphs for visualisation. A scan is the one access every backend
// does well (bolt, memory and PostgreSQL alike), and a per-request path
// query would cost a lookup per fact of every row. The server builds a
// new Snapshot after it writes, and swaps it in whole.

// ErrNotFound is matched (errors.Is) by the errors of lookups that find
// nothing: an unknown meeting, person, concept or node.
var ErrNotFound = errors.New("graph: not found")

// ErrInvalid is matched (errors.Is) by the errors of queries that are
// malformed, such as an unknown concept type.
var ErrInvalid = errors.New("graph: invalid argument")

// NotFoundError says what was not found and which names come close.
type NotFoundError struct {
	Kind  string // "meeting", "person", "concept", "node"
	Name  string // as asked
	Close []string
}

func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("graph: no %s matches %q", e.Kind, e.Name)
	if len(e.Close) > 0 {
		msg += " (close matches: " + strings.Join(e.Close, ", ") + ")"
	}
	return msg
}

// Is makes errors.Is(err, ErrNotFound) true.
func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

// invalidError is an ErrInvalid with its own message.
type invalidError struct{ msg string }

func (e *invalidError) Error() string        { return "graph: " + e.msg }
func (e *invalidError) Is(target error) bool { return target == ErrInvalid }

func invalidf(format string, args ...any) error {
	return &invalidError{fmt.Sprintf(format, args...)}
}

// MeetingSummary is one meeting in the list of meetings.
type MeetingSummary struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Body   string `json:"body,omitempty"`
	Number int    `json:"number,omitempty"`
	// Session is the Diet session (第211回国会) of a 国会会議録.
	Session int    `json:"session,omitempty"`
	Date    string `json:"date"`
	Start   string `json:"start,omitempty"`
	End     string `json:"end,omitempty"`
	Place   string `json:"place,omitempty"`
	Kind    string `json:"kind,omitempty"`
	// Complete is false when the minutes end mid-sentence (or were cut
	// short) and were read as far as they go: attendees, speeches and
	// mentions may be missing. A meeting whose document does not say is
	// complete.
	Complete bool `json:"complete"`
	// Warnings counts the extraction warnings of its document
	// (MeetingDetail.WarningList has them).
	Warnings int           `json:"warnings"`
	Counts   MeetingCounts `json:"counts"`
}

// MeetingCounts are the sizes of a meeting.
type MeetingCounts struct {
	Attendees int `json:"attendees"`
	Agenda    int `json:"agenda"`
	Decisions int `json:"decisions"`
	Speeches  int `json:"speeches"`
	Mentions  int `json:"mentions"`
}

// MeetingDetail is everything the minutes of one meeting say.
type MeetingDetail struct {
	MeetingSummary
	Attendees []Attendee   `json:"attendees"`
	Agenda    []AgendaItem `json:"agenda"`
	Decisions []Decision   `json:"decisions"`
	Speeches  []Speech     `json:"speeches"`
	Events    []Event      `json:"events"`
	// WarningList is the extraction warnings of the document, by line:
	// "LINE: KIND: message".
	WarningList []string `json:"warning_list"`
}

// Attendee is one person in a meeting's attendee list, with the post
// held and the role in the body at that meeting.
type Attendee struct {
	PersonID     string `json:"person_id"`
	Name         string `json:"name"`
	Post         string `json:"post,omitempty"`
	Organization string `json:"organization,omitempty"`
	OrgKind      string `json:"org_kind,omitempty"`
	Role         string `json:"role,omitempty"`
	Line         int    `json:"line,omitempty"`
}

// AgendaItem is one item of a meeting's agenda.
type AgendaItem struct {
	Position int      `json:"position"`
	Title    string   `json:"title"`
	Kind     string   `json:"kind,omitempty"`
	Concepts []string `json:"concepts"`
}

// Decision is a decision item and its recorded outcome.
type Decision struct {
	Position int    `json:"position"`
	Title    string `json:"title"`
	Outcome  string `json:"outcome,omitempty"`
	Evidence string `json:"evidence,omitempty"`
}

// Speech is one speech turn.
type Speech struct {
	Seq       int      `json:"seq"`
	SpeakerID string   `json:"speaker_id,omitempty"`
	Speaker   string   `json:"speaker,omitempty"`
	As        string   `json:"as,omitempty"`
	Marker    string   `json:"marker,omitempty"`
	Section   string   `json:"section,omitempty"`
	Text      string   `json:"text"`
	Line      int      `json:"line,omitempty"`
	Start     int      `json:"start"`
	End       int      `json:"end"`
	Concepts  []string `json:"concepts"`
	RefersTo  []string `json:"refers_to,omitempty"`
}

// Event is a recorded event that is nobody's speech.
type Event struct {
	Kind  string `json:"kind"` // narrative, reaction or other
	Text  string `json:"text"`
	After int    `json:"after,omitempty"` // seq of the speech it followed
	Line  int    `json:"line,omitempty"`
}

// PersonSummary is one person in the list of people.
type PersonSummary struct {
	ID     string       `json:"id"`
	Name   string       `json:"name"`
	Posts  []string     `json:"posts"`
	Counts PersonCounts `json:"counts"`
}

// PersonCounts are how often a person appears.
type PersonCounts struct {
	Meetings int `json:"meetings"`
	Speeches int `json:"speeches"`
	Mentions int `json:"mentions"`
	Concepts int `json:"concepts"`
}

// PersonDetail is one person with the posts held at each meeting, the
// speeches given and the concepts raised.
type PersonDetail struct {
	PersonSummary
	Family   string         `json:"family,omitempty"`
	Given    string         `json:"given,omitempty"`
	Reading  string         `json:"reading,omitempty"`
	Held     []PostHeld     `json:"held"`
	Speeches []SpeechRef    `json:"speeches"`
	Concepts []ConceptCount `json:"concepts"`
}

// PostHeld is a person's seat at one meeting.
type PostHeld struct {
	MeetingID    string `json:"meeting_id"`
	Date         string `json:"date"`
	Post         string `json:"post,omitempty"`
	Organization string `json:"organization,omitempty"`
	Role         string `json:"role,omitempty"`
}

// SpeechRef is a speech in a person's list: where, and how it begins.
type SpeechRef struct {
	MeetingID string `json:"meeting_id"`
	Date      string `json:"date"`
	Seq       int    `json:"seq"`
	As        string `json:"as,omitempty"`
	Section   string `json:"section,omitempty"`
	Excerpt   string `json:"excerpt"`
	Mentions  int    `json:"mentions"`
}

// ConceptCount is a concept with a number of mentions.
type ConceptCount struct {
	ID      string `json:"id"`
	Label   string `json:"label"`
	LabelEn string `json:"label_en,omitempty"`
	Type    string `json:"type,omitempty"`
	Count   int    `json:"count"`
}

// ConceptSummary is one concept in the list of concepts.
type ConceptSummary struct {
	ID      string        `json:"id"`
	Label   string        `json:"label"`
	LabelEn string        `json:"label_en,omitempty"`
	Type    string        `json:"type,omitempty"`
	Counts  ConceptCounts `json:"counts"`
}

// ConceptCounts say how often a concept was raised (in speeches), by how
// many speakers, at how many meetings.
type ConceptCounts struct {
	Mentions int `json:"mentions"`
	Speakers int `json:"speakers"`
	Meetings int `json:"meetings"`
}

// ConceptDetail is one concept with its labels, its place in the hierarchy and
// who raised it.
type ConceptDetail struct {
	ConceptSummary
	Aliases  []string     `json:"aliases"`
	Note     string       `json:"note,omitempty"`
	Broader  []ConceptRef `json:"broader"`
	Narrower []ConceptRef `json:"narrower"`
	// Related are associated concepts (skos:related, symmetric): neither
	// a kind nor a part of this one, so narrower=true never follows them.
	Related  []ConceptRef   `json:"related"`
	RaisedBy []PersonCount  `json:"raised_by"`
	Meetings []MeetingCount `json:"meetings"`
}

// ConceptRef names a concept.
type ConceptRef struct {
	ID      string `json:"id"`
	Label   string `json:"label"`
	LabelEn string `json:"label_en,omitempty"`
}

// PersonCount is a person with a number of mentions.
type PersonCount struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// MeetingCount is a meeting with a number of mentions.
type MeetingCount struct {
	ID    string `json:"id"`
	Date  string `json:"date"`
	Count int    `json:"count"`
}

// Mention is one row of Raised: a concept raised by a speaker at a
// meeting, with the post the speaker held there and the sentence as
// evidence. Start and End are byte offsets of the mention in the decoded
// source of the minutes; SentenceStart and SentenceEnd those of the
// sentence.
type Mention struct {
	PersonID      string `json:"person_id"`
	Person        string `json:"person"`
	Post          string `json:"post"`
	Organization  string `json:"organization"`
	Role          string `json:"role"`
	MeetingID     string `json:"meeting_id"`
	Date          string `json:"date"`
	Speech        int    `json:"speech"`
	ConceptID     string `json:"concept_id"`
	Concept       string `json:"concept"`
	ConceptEn     string `json:"concept_en"`
	ConceptType   string `json:"concept_type"`
	Surface       string `json:"surface"`
	Sentence      string `json:"sentence"`
	Start         int    `json:"start"`
	End           int    `json:"end"`
	SentenceStart int    `json:"sentence_start"`
	SentenceEnd   int    `json:"sentence_end"`
	Implicit      bool   `json:"implicit"`
}

// SnapshotStats are the sizes of a Snapshot and what it took to build.
type SnapshotStats struct {
	Quads    int           `json:"quads"`
	Meetings int           `json:"meetings"`
	People   int           `json:"people"`
	Concepts int           `json:"concepts"`
	Mentions int           `json:"mentions"`
	Built    time.Time     `json:"built"`
	Took     time.Duration `json:"took_ns"`
	// Source is where the read model was read from: "index" (the
	// persistent read index) or "quads" (every quad of the store).
	Source string `json:"source"`
	// Note says why a store with a read index was read from quads.
	Note string `json:"note,omitempty"`
}

// Snapshot is an immutable in-memory read model of a store at one time.
// Its methods are safe for concurrent use; what they return must not be
// changed by the caller.
type Snapshot struct {
	stats SnapshotStats

	meetings    []*meeting
	meetingByID map[string]*meeting // FoldKey(id)

	people      []*person
	personByKey map[string]*person

	concepts      []*concept
	conceptByID   map[string]*concept
	conceptLabel  map[string][]*concept // FoldKey of every label, alias and id
	conceptLoose  map[string][]*concept // the same without spaces and punctuation
	conceptTypes  []string
	rows          []Mention // speech mentions, by date, meeting, offset
	rowsByConcept map[string][]int
	rowsByPerson  map[string][]int

	speeches []*speech // every speech, by date, meeting, seq

	sg *summaryGraph
}

type meeting struct {
	MeetingDetail
	iri      string
	body     string // organizer IRI
	persons  map[string]*Attendee
	evStarts []int // source offsets of Events, while building
}

type person struct {
	summary  PersonSummary
	detail   PersonDetail
	iri      string
	meetings map[string]bool
}

type concept struct {
	detail   ConceptDetail
	iri      string
	broader  []string // ids
	narrower []string
	related  []string // both ways: skos:related is symmetric
}

type speech struct {
	meeting *meeting
	s       *Speech
	folded  string // extract.FoldKey(s.Text), for Search
}

// Stats returns the sizes of the snapshot.
func (sn *Snapshot) Stats() SnapshotStats { return sn.stats }

// Snapshot reads the whole store into a new read model: from the read
// index when the store has a valid one (see graph/index), else from
// every quad. From quads it reads each quad once; on bolt that is about
// 150,000 quads a second on one core.
func (s *Store) Snapshot(ctx context.Context) (*Snapshot, error) {
	start := time.Now()
	b := newSnapBuilder()
	st, err := s.IndexStatus(ctx)
	if err != nil {
		return nil, fmt.Errorf("graph: snapshot: %w", err)
	}
	source := "quads"
	if st.Valid {
		source = "index"
		_, err = s.snapshotFromIndex(ctx, b)
	} else {
		_, err = s.scan(ctx, func(sub, pred, obj, _ quad.Value) { b.add(sub, pred, obj) })
	}
	if err != nil {
		return nil, fmt.Errorf("graph: snapshot: %w", err)
	}
	stats, err := s.Stats(ctx)
	if err != nil {
		return nil, fmt.Errorf("graph: snapshot: %w", err)
	}
	sn := b.build()
	sn.stats.Quads = int(stats.Quads)
	sn.stats.Source = source
	if st.Supported && !st.Valid {
		sn.stats.Note = fmt.Sprintf("the database has no read index of version %d (it has version %d): run gijigraph build to add it; until then every start reads all quads", index.Version, st.Version)
	}
	sn.stats.Built = time.Now()
	sn.stats.Took = time.Since(start)
	return sn, nil
}

// scan calls fn for every quad of the store. It resolves each node once
// (a scan through Quads resolves every direction of every quad, which on
// bolt is three times slower); on PostgreSQL it first reads every node in
// one query, since resolving one costs a query there.
func (s *Store) scan(ctx context.Context, fn func(sub, pred, obj, label quad.Value)) (int, error) {
	defer s.rlock()()
	if err := s.closed(); err != nil {
		return 0, err
	}
	names := make(map[any]quad.Value)
	if s.backend == Postgres {
		it := s.qs.NodesAllIterator()
		for it.Next(ctx) {
			if v := s.qs.NameOf(it.Result()); v != nil {
				names[cgraph.ToKey(s.qs.ValueOf(v))] = v
			}
		}
		err := it.Err()
		it.Close()
		if err != nil {
			return 0, err
		}
	}
	name := func(r cgraph.Ref) quad.Value {
		if r == nil {
			return nil
		}
		k := cgraph.ToKey(r)
		if v, ok := names[k]; ok {
			return v
		}
		v := s.qs.NameOf(r)
		names[k] = v
		return v
	}
	it := s.qs.QuadsAllIterator()
	defer it.Close()
	n := 0
	for it.Next(ctx) {
		r := it.Result()
		fn(name(s.qs.QuadDirection(r, quad.Subject)), name(s.qs.QuadDirection(r, quad.Predicate)), name(s.qs.QuadDirection(r, quad.Object)), name(s.qs.QuadDirection(r, quad.Label)))
		n++
	}
	if err := it.Err(); err != nil {
		return n, err
	}
	return n, ctx.Err()
}

// The kinds of instance IRIs, by their first path segment under
// vocab.Base. The prefixes come from vocab, which mints the IRIs.
type kind int

const (
	kOther kind = iota
	kMeeting
	kPerson
	kMembership
	kPost
	kRole
	kOrg
	kSpeech
	kAgenda
	kDecision
	kEvent
	kMention
	kSentence
	kConcept
	kDoc
)

var kindPrefixes = map[string]kind{
	prefixOf(vocab.Meeting("x")):         kMeeting,
	prefixOf(vocab.Person("x")):          kPerson,
	prefixOf(vocab.Membership("x", "y")): kMembership,
	prefixOf(vocab.Post("x")):            kPost,
	prefixOf(vocab.Role("x")):            kRole,
	prefixOf(vocab.Org("x")):             kOrg,
	prefixOf(vocab.Speech("x", 1)):       kSpeech,
	prefixOf(vocab.Agenda("x", 1)):       kAgenda,
	prefixOf(vocab.Decision("x", 1)):     kDecision,
	prefixOf(vocab.Event("x", 1)):        kEvent,
	prefixOf(vocab.Mention("x", 1, "y")): kMention,
	prefixOf(vocab.Sentence("x", 1)):     kSentence,
	prefixOf(vocab.Concept("x")):         kConcept,
	prefixOf(vocab.Doc("x")):             kDoc,
}

// prefixOf returns "kind/" of an instance IRI Base+"kind/…".
func prefixOf(iri quad.IRI) string {
	s := strings.TrimPrefix(string(iri), vocab.Base)
	if i := strings.IndexByte(s, '/'); i >= 0 {
		return s[:i+1]
	}
	return s
}

// kindOf returns the kind of an instance IRI and the rest of it after
// "kind/".
func kindOf(iri string) (kind, string) {
	s, ok := strings.CutPrefix(iri, vocab.Base)
	if !ok {
		return kOther, ""
	}
	i := strings.IndexByte(s, '/')
	if i < 0 {
		return kOther, ""
	}
	return kindPrefixes[s[:i+1]], s[i+1:]
}

// ShortID is the id of an instance node in the server's graph formats:
// its IRI without vocab.Base ("person/村井純").
func ShortID(iri string) string { return strings.TrimPrefix(iri, vocab.Base) }

// literal returns the text of a literal or IRI.
func literal(v quad.Value) string {
	switch x := v.(type) {
	case quad.String:
		return string(x)
	case quad.IRI:
		return string(x)
	case quad.TypedString:
		return string(x.Value)
	case quad.LangString:
		return string(x.Value)
	case quad.Int:
		return strconv.FormatInt(int64(x), 10)
	case nil:
		return ""
	}
	return v.String()
}

// integer returns the value of an integer literal, or 0.
// boolean reads an xsd:boolean literal (quad.Bool, or a typed string
// "true" as export writes it).
func boolean(v quad.Value) bool {
	switch x := v.(type) {
	case quad.Bool:
		return bool(x)
	case quad.TypedString:
		b, _ := strconv.ParseBool(string(x.Value))
		return b
	case quad.String:
		b, _ := strconv.ParseBool(string(x))
		return b
	}
	return false
}

// sortWarnings orders "LINE: KIND: message" warnings by line, without
// duplicates.
func sortWarnings(ws []string) []string {
	line := func(w string) int {
		n, _ := strconv.Atoi(w[:max(strings.IndexByte(w, ':'), 0)])
		return n
	}
	out := append([]string{}, ws...)
	slices.SortFunc(out, func(a, b string) int { return cmp.Or(cmp.Compare(line(a), line(b)), strings.Compare(a, b)) })
	return slices.Compact(out)
}

func integer(v quad.Value) int {
	switch x := v.(type) {
	case quad.Int:
		return int(x)
	case quad.TypedString:
		n, _ := strconv.Atoi(string(x.Value))
		return n
	case quad.String:
		n, _ := strconv.Atoi(string(x))
		return n
	}
	return 0
}

// iriOf returns the IRI a value names, or "".
func iriOf(v quad.Value) string {
	if x, ok := v.(quad.IRI); ok {
		return string(x)
	}
	return ""
}

// Raw facts, keyed by full IRI, as the scan meets them in any order.
type (
	rawMeeting struct {
		id, title, kind, date, start, end, place string
		number, session                          int
		body                                     string
	}
	// rawDoc is what a document (the minutes of one meeting) says
	// about its reading.
	rawDoc struct {
		complete *bool
		warnings []string
	}
	rawPerson struct {
		names                  []string
		family, given, reading string
	}
	rawMembership struct {
		person, meeting, role, post string
		line                        int
	}
	rawPost struct{ label, org string }
	rawOrg  struct {
		names []string
		kind  string
	}
	rawSpeech struct {
		meeting, speaker, as, marker, section, text string
		seq, line, start, end                       int
		refersTo, mentions, concepts                []string
		isSpeech                                    bool
	}
	rawAgenda struct {
		meeting, title, kind string
		pos                  int
		mentions, concepts   []string
	}
	rawDecision struct {
		meeting, title, outcome, evidence string
		pos                               int
	}
	rawEvent struct {
		meeting, class, text, after string
		line, start                 int
	}
	rawMention struct {
		concept, surface, sentence string
		start, end                 int
		implicit                   bool
	}
	rawSentence struct {
		text       string
		start, end int
	}
	rawConcept struct {
		ja, en, typ, note string
		aliases, broader  []string
		related           []string
		isConcept         bool
	}
)

type snapBuilder struct {
	meetings    map[string]*rawMeeting
	persons     map[string]*rawPerson
	memberships map[string]*rawMembership
	posts       map[string]*rawPost
	roles       map[string]string
	orgs        map[string]*rawOrg
	speeches    map[string]*rawSpeech
	agenda      map[string]*rawAgenda
	decisions   map[string]*rawDecision
	events      map[string]*rawEvent
	mentions    map[string]*rawMention
	sentences   map[string]*rawSentence
	concepts    map[string]*rawConcept
	docs        map[string]*rawDoc // by meeting id, as in its IRI
}

func newSnapBuilder() *snapBuilder {
	return &snapBuilder{
		meetings: map[string]*rawMeeting{}, persons: map[string]*rawPerson{},
		memberships: map[string]*rawMembership{}, posts: map[string]*rawPost{},
		roles: map[string]string{}, orgs: map[string]*rawOrg{},
		speeches: map[string]*rawSpeech{}, agenda: map[string]*rawAgenda{},
		decisions: map[string]*rawDecision{}, events: map[string]*rawEvent{},
		mentions: map[string]*rawMention{}, sentences: map[string]*rawSentence{},
		concepts: map[string]*rawConcept{}, docs: map[string]*rawDoc{},
	}
}

func get[T any](m map[string]*T, k string) *T {
	v, ok := m[k]
	if !ok {
		v = new(T)
		m[k] = v
	}
	return v
}

// addUnique appends s to list unless it is there already.
func addUnique(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// add takes one quad. A fact stated by several documents arrives once
// per document; every field is set idempotently.
func (b *snapBuilder) add(sv, pv, ov quad.Value) {
	sub := iriOf(sv)
	pred, ok := pv.(quad.IRI)
	if sub == "" || !ok {
		return
	}
	k, _ := kindOf(sub)
	switch k {
	case kMeeting:
		m := get(b.meetings, sub)
		switch pred {
		case vocab.Identifier:
			m.id = literal(ov)
		case vocab.Title:
			m.title = literal(ov)
		case vocab.MinutesKind:
			m.kind = literal(ov)
		case vocab.Date:
			m.date = literal(ov)
		case vocab.StartTime:
			m.start = literal(ov)
		case vocab.EndTime:
			m.end = literal(ov)
		case vocab.Location:
			m.place = literal(ov)
		case vocab.Number:
			m.number = integer(ov)
		case vocab.Session:
			m.session = integer(ov)
		case vocab.Organizer:
			m.body = iriOf(ov)
		}
	case kDoc:
		d := get(b.docs, rest(sub))
		switch pred {
		case vocab.Complete:
			c := boolean(ov)
			d.complete = &c
		case vocab.Warning:
			d.warnings = append(d.warnings, literal(ov))
		}
	case kPerson:
		p := get(b.persons, sub)
		switch pred {
		case vocab.Name:
			p.names = addUnique(p.names, literal(ov))
		case vocab.FamilyName:
			p.family = literal(ov)
		case vocab.GivenName:
			p.given = literal(ov)
		case vocab.Reading:
			p.reading = literal(ov)
		}
	case kMembership:
		m := get(b.memberships, sub)
		switch pred {
		case vocab.Member:
			m.person = iriOf(ov)
		case vocab.During:
			m.meeting = iriOf(ov)
		case vocab.HasRole:
			m.role = iriOf(ov)
		case vocab.HoldsPost:
			m.post = iriOf(ov)
		case vocab.Line:
			m.line = integer(ov)
		}
	case kPost:
		p := get(b.posts, sub)
		switch pred {
		case vocab.PrefLabel:
			p.label = literal(ov)
		case vocab.PostIn:
			p.org = iriOf(ov)
		}
	case kRole:
		if pred == vocab.PrefLabel {
			b.roles[sub] = literal(ov)
		}
	case kOrg:
		o := get(b.orgs, sub)
		switch pred {
		case vocab.Name:
			o.names = addUnique(o.names, literal(ov))
		case vocab.OrgKind:
			o.kind = literal(ov)
		}
	case kSpeech:
		x := get(b.speeches, sub)
		switch pred {
		case vocab.Type:
			x.isSpeech = x.isSpeech || ov == vocab.ClassSpeech
		case vocab.InMeeting:
			x.meeting = iriOf(ov)
		case vocab.Position:
			x.seq = integer(ov)
		case vocab.Speaker:
			x.speaker = iriOf(ov)
		case vocab.SpokenAs:
			x.as = literal(ov)
		case vocab.Marker:
			x.marker = literal(ov)
		case vocab.Section:
			x.section = literal(ov)
		case vocab.Text:
			x.text = literal(ov)
		case vocab.Line:
			x.line = integer(ov)
		case vocab.Start:
			x.start = integer(ov)
		case vocab.End:
			x.end = integer(ov)
		case vocab.RefersTo:
			x.refersTo = addUnique(x.refersTo, iriOf(ov))
		case vocab.HasMention:
			x.mentions = append(x.mentions, iriOf(ov))
		case vocab.Mentions:
			x.concepts = addUnique(x.concepts, iriOf(ov))
		}
	case kAgenda:
		x := get(b.agenda, sub)
		switch pred {
		case vocab.InMeeting:
			x.meeting = iriOf(ov)
		case vocab.Position:
			x.pos = integer(ov)
		case vocab.Title:
			x.title = literal(ov)
		case vocab.AgendaKind:
			x.kind = literal(ov)
		case vocab.HasMention:
			x.mentions = append(x.mentions, iriOf(ov))
		case vocab.Mentions:
			x.concepts = addUnique(x.concepts, iriOf(ov))
		}
	case kDecision:
		x := get(b.decisions, sub)
		switch pred {
		case vocab.InMeeting:
			x.meeting = iriOf(ov)
		case vocab.Position:
			x.pos = integer(ov)
		case vocab.Title:
			x.title = literal(ov)
		case vocab.Outcome:
			x.outcome = literal(ov)
		case vocab.Evidence:
			x.evidence = literal(ov)
		}
	case kEvent:
		x := get(b.events, sub)
		switch pred {
		case vocab.Type:
			x.class = iriOf(ov)
		case vocab.InMeeting:
			x.meeting = iriOf(ov)
		case vocab.Text:
			x.text = literal(ov)
		case vocab.After:
			x.after = iriOf(ov)
		case vocab.Line:
			x.line = integer(ov)
		case vocab.Start:
			x.start = integer(ov)
		}
	case kMention:
		x := get(b.mentions, sub)
		switch pred {
		case vocab.About:
			x.concept = iriOf(ov)
		case vocab.Surface:
			x.surface = literal(ov)
		case vocab.InSentence:
			x.sentence = iriOf(ov)
		case vocab.Start:
			x.start = integer(ov)
		case vocab.End:
			x.end = integer(ov)
		case vocab.Type:
			x.implicit = x.implicit || ov == vocab.ClassImplicitMention
		}
	case kSentence:
		x := get(b.sentences, sub)
		switch pred {
		case vocab.Text:
			x.text = literal(ov)
		case vocab.Start:
			x.start = integer(ov)
		case vocab.End:
			x.end = integer(ov)
		}
	case kConcept:
		x := get(b.concepts, sub)
		switch pred {
		case vocab.Type:
			x.isConcept = x.isConcept || ov == vocab.ClassConcept
		case vocab.PrefLabel:
			x.ja = literal(ov)
		case vocab.PrefLabelEn:
			x.en = literal(ov)
		case vocab.AltLabel:
			x.aliases = addUnique(x.aliases, literal(ov))
		case vocab.Broader:
			x.broader = addUnique(x.broader, iriOf(ov))
		case vocab.Related:
			x.related = addUnique(x.related, iriOf(ov))
		case vocab.ConceptType:
			x.typ = literal(ov)
		case vocab.Note:
			x.note = literal(ov)
		}
	}
}

// firstName picks one of the spellings several documents give, the same
// one on every backend.
func firstName(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return slices.Min(names)
}

// rest returns the part of an instance IRI after "kind/".
func rest(iri string) string {
	_, r := kindOf(iri)
	return r
}

// build assembles the read model from the raw facts.
func (b *snapBuilder) build() *Snapshot {
	sn := &Snapshot{
		meetingByID:   map[string]*meeting{},
		personByKey:   map[string]*person{},
		conceptByID:   map[string]*concept{},
		conceptLabel:  map[string][]*concept{},
		conceptLoose:  map[string][]*concept{},
		rowsByConcept: map[string][]int{},
		rowsByPerson:  map[string][]int{},
	}

	// Concepts.
	conceptOf := map[string]*concept{}
	for iri, rc := range b.concepts {
		if !rc.isConcept && rc.ja == "" && rc.en == "" {
			continue // a concept some document mentions that the list lacks
		}
		id := rest(iri)
		c := &concept{iri: iri}
		c.detail.ID = id
		c.detail.Label = cmp.Or(rc.ja, rc.en, id)
		c.detail.LabelEn = rc.en
		c.detail.Type = rc.typ
		c.detail.Note = rc.note
		c.detail.Aliases = slices.Sorted(slices.Values(rc.aliases))
		for _, br := range rc.broader {
			c.broader = append(c.broader, rest(br))
		}
		sort.Strings(c.broader)
		for _, r := range rc.related {
			c.related = append(c.related, rest(r))
		}
		conceptOf[iri] = c
		sn.concepts = append(sn.concepts, c)
		sn.conceptByID[id] = c
	}
	slices.SortFunc(sn.concepts, func(a, b *concept) int { return strings.Compare(a.detail.ID, b.detail.ID) })
	types := map[string]bool{}
	for _, c := range sn.concepts {
		for _, br := range c.broader {
			if p := sn.conceptByID[br]; p != nil {
				p.narrower = append(p.narrower, c.detail.ID)
			}
		}
		for _, r := range c.related {
			if o := sn.conceptByID[r]; o != nil && !slices.Contains(o.related, c.detail.ID) {
				o.related = append(o.related, c.detail.ID)
			}
		}
		if c.detail.Type != "" {
			types[c.detail.Type] = true
		}
		for _, l := range append([]string{c.detail.ID, c.detail.Label, c.detail.LabelEn}, c.detail.Aliases...) {
			if l == "" {
				continue
			}
			k := extract.FoldKey(strings.TrimSpace(l))
			if !slices.Contains(sn.conceptLabel[k], c) {
				sn.conceptLabel[k] = append(sn.conceptLabel[k], c)
			}
			lk := looseKey(l)
			if !slices.Contains(sn.conceptLoose[lk], c) {
				sn.conceptLoose[lk] = append(sn.conceptLoose[lk], c)
			}
		}
	}
	sn.conceptTypes = slices.Sorted(func(yield func(string) bool) {
		for t := range types {
			if !yield(t) {
				return
			}
		}
	})
	for _, c := range sn.concepts {
		for _, id := range c.broader {
			if p := sn.conceptByID[id]; p != nil {
				c.detail.Broader = append(c.detail.Broader, p.ref())
			}
		}
		for _, id := range c.narrower {
			c.detail.Narrower = append(c.detail.Narrower, sn.conceptByID[id].ref())
		}
		slices.Sort(c.related)
		for _, id := range slices.Compact(c.related) {
			if o := sn.conceptByID[id]; o != nil {
				c.detail.Related = append(c.detail.Related, o.ref())
			}
		}
		c.detail.Broader = nonNil(c.detail.Broader)
		c.detail.Narrower = nonNil(c.detail.Narrower)
		c.detail.Related = nonNil(c.detail.Related)
	}

	// Meetings.
	meetingOf := map[string]*meeting{}
	for iri, rm := range b.meetings {
		if rm.date == "" && rm.id == "" {
			continue
		}
		m := &meeting{iri: iri, body: rm.body, persons: map[string]*Attendee{}}
		m.ID = cmp.Or(rm.id, rest(iri))
		m.Title, m.Kind, m.Date, m.Start, m.End, m.Place, m.Number, m.Session = rm.title, rm.kind, rm.date, rm.start, rm.end, rm.place, rm.number, rm.session
		if o := b.orgs[rm.body]; o != nil {
			m.Body = firstName(o.names)
		}
		m.Complete, m.WarningList = true, []string{}
		if d := b.docs[rest(iri)]; d != nil {
			if d.complete != nil {
				m.Complete = *d.complete
			}
			m.WarningList = sortWarnings(d.warnings)
		}
		m.Warnings = len(m.WarningList)
		meetingOf[iri] = m
		sn.meetings = append(sn.meetings, m)
		sn.meetingByID[extract.FoldKey(m.ID)] = m
	}
	slices.SortFunc(sn.meetings, func(a, b *meeting) int {
		return cmp.Or(strings.Compare(a.Date, b.Date), strings.Compare(a.Body, b.Body), cmp.Compare(a.Number, b.Number), strings.Compare(a.ID, b.ID))
	})

	// People.
	personOf := map[string]*person{}
	for iri, rp := range b.persons {
		key := rest(iri)
		p := &person{iri: iri, meetings: map[string]bool{}}
		name := cmp.Or(firstName(rp.names), key)
		p.summary = PersonSummary{ID: key, Name: name, Posts: []string{}}
		p.detail.Family, p.detail.Given, p.detail.Reading = rp.family, rp.given, rp.reading
		personOf[iri] = p
		sn.people = append(sn.people, p)
		sn.personByKey[key] = p
	}

	// Attendance: each membership is a seat at one meeting.
	for _, ms := range b.memberships {
		m, p := meetingOf[ms.meeting], personOf[ms.person]
		if m == nil || p == nil {
			continue
		}
		a := &Attendee{PersonID: p.summary.ID, Name: p.summary.Name, Role: b.roles[ms.role], Line: ms.line}
		if post := b.posts[ms.post]; post != nil {
			a.Post = post.label
			if o := b.orgs[post.org]; o != nil {
				a.Organization, a.OrgKind = firstName(o.names), o.kind
			}
		}
		m.persons[ms.person] = a
		p.meetings[m.iri] = true
	}
	for _, m := range sn.meetings {
		for _, a := range m.persons {
			m.Attendees = append(m.Attendees, *a)
		}
		slices.SortFunc(m.Attendees, func(a, b Attendee) int {
			return cmp.Or(cmp.Compare(a.Line, b.Line), strings.Compare(a.PersonID, b.PersonID))
		})
		m.Counts.Attendees = len(m.Attendees)
	}

	// Agenda, decisions, events.
	conceptIDs := func(iris []string) []string {
		out := []string{}
		for _, c := range iris {
			if id := rest(c); id != "" {
				out = append(out, id)
			}
		}
		sort.Strings(out)
		return out
	}
	for _, ra := range b.agenda {
		if m := meetingOf[ra.meeting]; m != nil {
			m.Agenda = append(m.Agenda, AgendaItem{Position: ra.pos, Title: ra.title, Kind: ra.kind, Concepts: conceptIDs(ra.concepts)})
		}
	}
	for _, rd := range b.decisions {
		if m := meetingOf[rd.meeting]; m != nil {
			m.Decisions = append(m.Decisions, Decision{Position: rd.pos, Title: rd.title, Outcome: rd.outcome, Evidence: rd.evidence})
		}
	}
	for _, re := range b.events {
		m := meetingOf[re.meeting]
		if m == nil {
			continue
		}
		kind := "other"
		switch re.class {
		case string(vocab.ClassNarrative):
			kind = "narrative"
		case string(vocab.ClassScene):
			kind = "reaction"
		}
		after := 0
		if rs := b.speeches[re.after]; rs != nil {
			after = rs.seq
		}
		m.Events = append(m.Events, Event{Kind: kind, Text: re.text, After: after, Line: re.line})
		m.evStarts = append(m.evStarts, re.start)
	}

	// Speeches and their mentions.
	for _, rs := range b.speeches {
		m := meetingOf[rs.meeting]
		if m == nil || !rs.isSpeech {
			continue
		}
		sp := Speech{Seq: rs.seq, As: rs.as, Marker: rs.marker, Section: rs.section, Text: rs.text,
			Line: rs.line, Start: rs.start, End: rs.end, Concepts: conceptIDs(rs.concepts)}
		p := personOf[rs.speaker]
		if p != nil {
			sp.SpeakerID, sp.Speaker = p.summary.ID, p.summary.Name
		}
		for _, r := range rs.refersTo {
			if q := personOf[r]; q != nil {
				sp.RefersTo = append(sp.RefersTo, q.summary.ID)
			}
		}
		sort.Strings(sp.RefersTo)
		m.Speeches = append(m.Speeches, sp)
		var seat *Attendee
		if p != nil {
			seat = m.persons[p.iri]
		}
		for _, mi := range rs.mentions {
			rm := b.mentions[mi]
			if rm == nil {
				continue
			}
			c := conceptOf[rm.concept]
			row := Mention{
				MeetingID: m.ID, Date: m.Date, Speech: rs.seq,
				ConceptID: rest(rm.concept), Surface: rm.surface,
				Start: rm.start, End: rm.end, Implicit: rm.implicit,
			}
			if c != nil {
				row.Concept, row.ConceptEn, row.ConceptType = c.detail.Label, c.detail.LabelEn, c.detail.Type
			}
			if p != nil {
				row.PersonID, row.Person = p.summary.ID, p.summary.Name
			}
			if seat != nil {
				row.Post, row.Organization, row.Role = seat.Post, seat.Organization, seat.Role
			}
			if st := b.sentences[rm.sentence]; st != nil {
				row.Sentence, row.SentenceStart, row.SentenceEnd = st.text, st.start, st.end
			}
			sn.rows = append(sn.rows, row)
		}
	}
	meetingRank := map[string]int{}
	for i, m := range sn.meetings {
		meetingRank[m.ID] = i
		slices.SortFunc(m.Agenda, func(a, b AgendaItem) int { return cmp.Compare(a.Position, b.Position) })
		slices.SortFunc(m.Decisions, func(a, b Decision) int { return cmp.Compare(a.Position, b.Position) })
		sortEvents(m.Events, m.evStarts)
		m.evStarts = nil
		slices.SortFunc(m.Speeches, func(a, b Speech) int { return cmp.Compare(a.Seq, b.Seq) })
		m.Counts.Agenda, m.Counts.Decisions, m.Counts.Speeches = len(m.Agenda), len(m.Decisions), len(m.Speeches)
		m.Agenda, m.Decisions, m.Speeches, m.Events = nonNil(m.Agenda), nonNil(m.Decisions), nonNil(m.Speeches), nonNil(m.Events)
		m.Attendees = nonNil(m.Attendees)
		for j := range m.Speeches {
			sn.speeches = append(sn.speeches, &speech{meeting: m, s: &m.Speeches[j], folded: extract.FoldKey(m.Speeches[j].Text)})
		}
	}
	slices.SortFunc(sn.rows, func(a, b Mention) int {
		return cmp.Or(cmp.Compare(meetingRank[a.MeetingID], meetingRank[b.MeetingID]), cmp.Compare(a.Start, b.Start), strings.Compare(a.ConceptID, b.ConceptID))
	})
	for i, r := range sn.rows {
		sn.rowsByConcept[r.ConceptID] = append(sn.rowsByConcept[r.ConceptID], i)
		if r.PersonID != "" {
			sn.rowsByPerson[r.PersonID] = append(sn.rowsByPerson[r.PersonID], i)
		}
		if m := sn.meetingByID[extract.FoldKey(r.MeetingID)]; m != nil {
			m.Counts.Mentions++
		}
	}

	sn.aggregate()
	sn.sg = buildSummaryGraph(sn, b, meetingOf, personOf, conceptOf)
	sn.stats.Meetings, sn.stats.People, sn.stats.Concepts, sn.stats.Mentions = len(sn.meetings), len(sn.people), len(sn.concepts), len(sn.rows)
	return sn
}

// sortEvents sorts events by their source offset (their IRIs number them
// in order, but numbers do not sort as text).
func sortEvents(evs []Event, starts []int) {
	idx := make([]int, len(evs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ia, ib := idx[a], idx[b]
		return cmp.Or(cmp.Compare(starts[ia], starts[ib]), cmp.Compare(evs[ia].Line, evs[ib].Line)) < 0
	})
	out := make([]Event, len(evs))
	for i, j := range idx {
		out[i] = evs[j]
	}
	copy(evs, out)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (c *concept) ref() ConceptRef {
	return ConceptRef{ID: c.detail.ID, Label: c.detail.Label, LabelEn: c.detail.LabelEn}
}

// aggregate fills the counts and per-person and per-concept lists.
func (sn *Snapshot) aggregate() {
	type pc struct{ person, concept string }
	personConcept := map[pc]int{}
	conceptMeetings := map[string]map[string]int{}
	for _, r := range sn.rows {
		if c := sn.conceptByID[r.ConceptID]; c != nil {
			c.detail.Counts.Mentions++
			if conceptMeetings[r.ConceptID] == nil {
				conceptMeetings[r.ConceptID] = map[string]int{}
			}
			conceptMeetings[r.ConceptID][r.MeetingID]++
		}
		if r.PersonID != "" {
			personConcept[pc{r.PersonID, r.ConceptID}]++
			if p := sn.personByKey[r.PersonID]; p != nil {
				p.summary.Counts.Mentions++
			}
		}
	}
	raisedBy := map[string][]PersonCount{}
	personConcepts := map[string][]ConceptCount{}
	for k, n := range personConcept {
		p := sn.personByKey[k.person]
		raisedBy[k.concept] = append(raisedBy[k.concept], PersonCount{ID: k.person, Name: p.summary.Name, Count: n})
		cc := ConceptCount{ID: k.concept, Count: n}
		if c := sn.conceptByID[k.concept]; c != nil {
			cc.Label, cc.LabelEn, cc.Type = c.detail.Label, c.detail.LabelEn, c.detail.Type
		}
		personConcepts[k.person] = append(personConcepts[k.person], cc)
	}
	for _, c := range sn.concepts {
		id := c.detail.ID
		rb := raisedBy[id]
		slices.SortFunc(rb, func(a, b PersonCount) int { return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.ID, b.ID)) })
		c.detail.RaisedBy = nonNil(rb)
		c.detail.Counts.Speakers = len(rb)
		var ms []MeetingCount
		for _, m := range sn.meetings {
			if n := conceptMeetings[id][m.ID]; n > 0 {
				ms = append(ms, MeetingCount{ID: m.ID, Date: m.Date, Count: n})
			}
		}
		c.detail.Meetings = nonNil(ms)
		c.detail.Counts.Meetings = len(ms)
	}

	// Mentions a speech, by speaker, meeting and seq: one pass over the
	// rows (scanning a speaker's rows for each of their speeches grows
	// with the square of the corpus).
	type speechKey struct {
		person, meeting string
		seq             int
	}
	perSpeech := map[speechKey]int{}
	for _, r := range sn.rows {
		if r.PersonID != "" {
			perSpeech[speechKey{r.PersonID, r.MeetingID, r.Speech}]++
		}
	}

	// People: seats and speeches, in meeting order.
	for _, m := range sn.meetings {
		for _, a := range m.Attendees {
			p := sn.personByKey[a.PersonID]
			if p == nil {
				continue
			}
			p.detail.Held = append(p.detail.Held, PostHeld{MeetingID: m.ID, Date: m.Date, Post: a.Post, Organization: a.Organization, Role: a.Role})
			if a.Post != "" {
				p.summary.Posts = addUnique(p.summary.Posts, a.Post)
			}
		}
		for _, s := range m.Speeches {
			p := sn.personByKey[s.SpeakerID]
			if p == nil {
				continue
			}
			p.summary.Counts.Speeches++
			n := perSpeech[speechKey{p.summary.ID, m.ID, s.Seq}]
			p.detail.Speeches = append(p.detail.Speeches, SpeechRef{MeetingID: m.ID, Date: m.Date, Seq: s.Seq, As: s.As, Section: s.Section, Excerpt: excerpt(s.Text, 80), Mentions: n})
		}
	}
	slices.SortFunc(sn.people, func(a, b *person) int {
		return cmp.Or(cmp.Compare(len(b.meetings), len(a.meetings)), strings.Compare(a.summary.ID, b.summary.ID))
	})
	for _, p := range sn.people {
		p.summary.Counts.Meetings = len(p.meetings)
		cs := personConcepts[p.summary.ID]
		slices.SortFunc(cs, func(a, b ConceptCount) int { return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.ID, b.ID)) })
		p.detail.Concepts = nonNil(cs)
		p.summary.Counts.Concepts = len(cs)
		p.detail.Held = nonNil(p.detail.Held)
		p.detail.Speeches = nonNil(p.detail.Speeches)
		p.detail.PersonSummary = p.summary
	}
}

// excerpt returns the first n characters of text on one line.
func excerpt(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	r := []rune(text)
	if len(r) <= n {
		return text
	}
	return string(r[:n]) + "…"
}

// looseKey folds a label and drops spaces and joining punctuation, so
// that "security by design", "Security-by-Design" and セキュリティ・バイ・デザイン
// without its dots meet.
func looseKey(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '-', '_', '・', '･', '.', '　':
			return -1
		}
		return r
	}, extract.FoldKey(s))
}
