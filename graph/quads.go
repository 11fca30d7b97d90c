package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"

	"github.com/cayleygraph/quad"

	"github.com/gijigraph/gijigraph/extract"
	"github.com/gijigraph/gijigraph/graph/vocab"
)

// Concept is one concept of the curated concept list, as the graph stores
// it. The cmd layer converts the list it loads into this form, so that
// graph does not depend on how the list is read.
type Concept struct {
	ID      string
	Type    string // malware, incident, …
	Ja      string // Japanese preferred label
	En      string // English preferred label
	Aliases []string
	Broader []string // ids of broader concepts: "is a kind of" or "is a part of"
	Related []string // ids of associated concepts (skos:related)
	Note    string
}

// PersonKey is the key that makes the same person in two meetings one
// node: the name with width and variant kanji folded (extract.FoldKey:
// 髙橋 → 高橋, ＡＢＣ → abc) and every space removed. Two different people
// with the same name get the same key; the minutes give nothing better to
// tell them apart.
func PersonKey(name string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, extract.FoldKey(name))
}

// PersonIRI is the IRI of the person with the given name.
func PersonIRI(name string) quad.IRI { return vocab.Person(PersonKey(name)) }

// BuildKey identifies what besides a document's bytes shapes its quads:
// the vocabulary version and the concept list its mentions were found
// with. A document is rebuilt when its BuildKey changes.
func BuildKey(concepts []Concept) string {
	h := sha256.New()
	if err := json.NewEncoder(h).Encode(concepts); err != nil {
		panic(err) // a []Concept always encodes
	}
	return fmt.Sprintf("v%d-%s", vocab.Version, hex.EncodeToString(h.Sum(nil))[:16])
}

// quadSet collects the quads of one graph label without duplicates, in
// the order they were first added.
type quadSet struct {
	label quad.Value
	seen  map[quad.Quad]struct{}
	list  []quad.Quad
}

func newQuadSet(label quad.Value) *quadSet {
	return &quadSet{label: label, seen: make(map[quad.Quad]struct{})}
}

func (b *quadSet) add(s quad.Value, p quad.IRI, o quad.Value) {
	q := quad.Quad{Subject: s, Predicate: p, Object: o, Label: b.label}
	if _, ok := b.seen[q]; ok {
		return
	}
	b.seen[q] = struct{}{}
	b.list = append(b.list, q)
}

// str adds a plain string literal, unless it is empty.
func (b *quadSet) str(s quad.Value, p quad.IRI, o string) {
	if o = strings.TrimSpace(o); o != "" {
		b.add(s, p, quad.String(o))
	}
}

// person adds a person's type and names (and reading, if withReading)
// and returns the person's IRI and key; the key is "" (and nothing is
// added) for a name with no key.
func (b *quadSet) person(a extract.Attendee, withReading bool) (p quad.IRI, key string) {
	key = PersonKey(a.Name)
	if key == "" {
		return "", ""
	}
	p = vocab.Person(key)
	b.add(p, vocab.Type, vocab.ClassPerson)
	b.str(p, vocab.Name, a.Name)
	b.str(p, vocab.FamilyName, a.Family)
	b.str(p, vocab.GivenName, a.Given)
	if withReading {
		b.str(p, vocab.Reading, a.Reading)
	}
	return p, key
}

// int adds an xsd:integer literal.
func (b *quadSet) int(s quad.Value, p quad.IRI, o int) {
	b.add(s, p, quad.Int(o))
}

// DocumentQuads maps one document to its quads, every one labelled with
// vocab.Doc(meeting id). buildKey is stored on the document node (see
// BuildKey). Facts shared with other documents, such as a person's name,
// are stated again under this document's label, so that removing one
// document never removes what another also states. The result has no
// duplicates and is in a stable order.
func DocumentQuads(doc *extract.Document, buildKey string) ([]quad.Quad, error) {
	m := doc.Meeting
	if strings.TrimSpace(m.ID) == "" {
		return nil, fmt.Errorf("graph: %s: document has no meeting id", doc.Source.Path)
	}
	d := vocab.Doc(m.ID)
	b := newQuadSet(d)

	b.add(d, vocab.Type, vocab.ClassDocument)
	b.str(d, vocab.SHA256, doc.Source.SHA256)
	b.str(d, vocab.SourcePath, doc.Source.Path)
	b.str(d, vocab.Encoding, doc.Source.Encoding)
	if f := doc.Source.Format; f != "text" {
		b.str(d, vocab.SourceFormat, f)
	}
	b.str(d, vocab.URL, doc.Source.URL)
	b.str(d, vocab.BuildKey, buildKey)
	b.add(d, vocab.Complete, quad.Bool(doc.Complete))
	for _, w := range doc.Warnings {
		b.str(d, vocab.Warning, fmt.Sprintf("%d: %s: %s", w.Line, w.Kind, w.Message))
	}

	mt := vocab.Meeting(m.ID)
	b.add(mt, vocab.Type, vocab.ClassMeeting)
	b.str(mt, vocab.Identifier, m.ID)
	b.str(mt, vocab.Title, m.Title)
	b.str(mt, vocab.MinutesKind, m.Kind)
	b.str(mt, vocab.Date, m.Date)
	b.str(mt, vocab.StartTime, m.Start)
	b.str(mt, vocab.EndTime, m.End)
	b.str(mt, vocab.Location, m.Place)
	if m.Number > 0 {
		b.int(mt, vocab.Number, m.Number)
	}
	if m.Session > 0 {
		b.int(mt, vocab.Session, m.Session)
	}
	b.add(mt, vocab.DerivedFrom, d)
	var body quad.IRI
	if strings.TrimSpace(m.Body) != "" {
		body = vocab.Org(m.Body)
		b.add(mt, vocab.Organizer, body)
		b.add(body, vocab.Type, vocab.ClassOrganization)
		b.str(body, vocab.Name, m.Body)
	}

	for _, a := range doc.Absentees {
		// A person, but no seat at the meeting: no membership, no role.
		if p, key := b.person(a, false); key != "" {
			b.add(mt, vocab.Absentee, p)
		}
	}
	for _, a := range doc.Attendees {
		p, key := b.person(a, true)
		if key == "" {
			continue
		}
		b.add(mt, vocab.Attendee, p)

		ms := vocab.Membership(m.ID, key)
		b.add(ms, vocab.Type, vocab.ClassMembership)
		b.add(ms, vocab.Member, p)
		b.add(ms, vocab.During, mt)
		if body != "" {
			b.add(ms, vocab.InOrganization, body)
		}
		if a.Line > 0 {
			b.int(ms, vocab.Line, a.Line)
		}
		if party := strings.TrimSpace(a.Party); party != "" {
			// The person's parliamentary group, as of this meeting.
			org := vocab.Org(party)
			b.add(org, vocab.Type, vocab.ClassOrganization)
			b.str(org, vocab.Name, party)
			b.str(org, vocab.OrgKind, "party")
			pm := vocab.PartyMembership(m.ID, key)
			b.add(pm, vocab.Type, vocab.ClassMembership)
			b.add(pm, vocab.Member, p)
			b.add(pm, vocab.InOrganization, org)
			// Dated by the meeting's date rather than linked to it by
			// During, which marks a seat at the meeting.
			b.str(pm, vocab.Date, m.Date)
		}
		if r := strings.TrimSpace(a.HQRole); r != "" {
			role := vocab.Role(r)
			b.add(ms, vocab.HasRole, role)
			b.add(role, vocab.Type, vocab.ClassRole)
			b.str(role, vocab.PrefLabel, r)
		}
		if t := strings.TrimSpace(a.Title); t != "" {
			post := vocab.Post(t)
			b.add(ms, vocab.HoldsPost, post)
			b.add(post, vocab.Type, vocab.ClassPost)
			b.str(post, vocab.PrefLabel, t)
			if o := strings.TrimSpace(a.Organization); o != "" {
				org := vocab.Org(o)
				b.add(post, vocab.PostIn, org)
				b.add(org, vocab.Type, vocab.ClassOrganization)
				b.str(org, vocab.Name, o)
				b.str(org, vocab.OrgKind, a.OrgKind)
			}
		}
	}

	for i, it := range doc.Agenda {
		x := vocab.Agenda(m.ID, i+1)
		b.add(x, vocab.Type, vocab.ClassAgendaItem)
		b.add(x, vocab.InMeeting, mt)
		b.int(x, vocab.Position, i+1)
		b.str(x, vocab.Title, it.Title)
		b.str(x, vocab.AgendaKind, it.Kind)
		b.span(x, it.Line, it.Start, it.End)
		b.mentions(x, m.ID, it.Mentions)
	}

	for _, s := range doc.Speeches {
		x := vocab.Speech(m.ID, s.Seq)
		b.add(x, vocab.Type, vocab.ClassSpeech)
		b.add(x, vocab.InMeeting, mt)
		b.int(x, vocab.Position, s.Seq)
		if PersonKey(s.Speaker) != "" {
			b.add(x, vocab.Speaker, PersonIRI(s.Speaker))
		}
		b.str(x, vocab.SpokenAs, s.As)
		b.str(x, vocab.Marker, s.Marker)
		b.str(x, vocab.Section, s.Section)
		b.str(x, vocab.Text, s.Text)
		b.str(x, vocab.URL, s.URL)
		b.span(x, s.Line, s.Start, s.End)
		for _, r := range s.RefersTo {
			if PersonKey(r) != "" {
				b.add(x, vocab.RefersTo, PersonIRI(r))
			}
		}
		b.mentions(x, m.ID, s.Mentions)
	}

	for i, e := range doc.Events {
		x := vocab.Event(m.ID, i+1)
		class := vocab.ClassOtherEvent
		switch e.Kind {
		case "narrative":
			class = vocab.ClassNarrative
		case "reaction":
			class = vocab.ClassScene
		}
		b.add(x, vocab.Type, class)
		b.add(x, vocab.InMeeting, mt)
		b.str(x, vocab.Text, e.Text)
		if e.After > 0 {
			b.add(x, vocab.After, vocab.Speech(m.ID, e.After))
		}
		b.span(x, e.Line, e.Start, e.End)
	}

	for i, dc := range doc.Decisions {
		x := vocab.Decision(m.ID, i+1)
		b.add(x, vocab.Type, vocab.ClassDecision)
		b.add(x, vocab.InMeeting, mt)
		b.int(x, vocab.Position, i+1)
		b.str(x, vocab.Title, dc.Title)
		b.str(x, vocab.Outcome, dc.Outcome)
		b.str(x, vocab.Evidence, dc.Evidence)
		if dc.Line > 0 {
			b.int(x, vocab.Line, dc.Line)
		}
	}
	return b.list, nil
}

// span adds the source line and byte offsets of x.
func (b *quadSet) span(x quad.Value, line, start, end int) {
	if line > 0 {
		b.int(x, vocab.Line, line)
	}
	if end > start {
		b.int(x, vocab.Start, start)
		b.int(x, vocab.End, end)
	}
}

// mentions adds the concept mentions of a speech or agenda item x: a
// direct schema:mentions link to each concept, and a mention node with the
// concept, surface and offsets of each occurrence, linked to a node for the
// sentence it stands in. Mention nodes carry no rdf:type (gg:mention and
// schema:about say what they are) and share sentence nodes, because
// mentions are most of the graph: this keeps a mention at six quads.
func (b *quadSet) mentions(x quad.Value, meetingID string, ms []extract.Mention) {
	for _, mn := range ms {
		if strings.TrimSpace(mn.Concept) == "" {
			continue
		}
		c := vocab.Concept(mn.Concept)
		b.add(x, vocab.Mentions, c)
		n := vocab.Mention(meetingID, mn.Start, mn.Concept)
		b.add(x, vocab.HasMention, n)
		if mn.Implicit {
			b.add(n, vocab.Type, vocab.ClassImplicitMention)
		}
		b.add(n, vocab.About, c)
		b.str(n, vocab.Surface, mn.Surface)
		if mn.End > mn.Start {
			b.int(n, vocab.Start, mn.Start)
			b.int(n, vocab.End, mn.End)
		}
		if mn.Sentence != "" {
			s := vocab.Sentence(meetingID, mn.SentenceStart)
			b.add(n, vocab.InSentence, s)
			b.str(s, vocab.Text, mn.Sentence)
			if mn.SentenceEnd > mn.SentenceStart {
				b.int(s, vocab.Start, mn.SentenceStart)
				b.int(s, vocab.End, mn.SentenceEnd)
			}
		}
	}
}

// ConceptQuads maps the concept list to quads labelled vocab.ConceptsGraph:
// each concept's type, labels, aliases, broader concepts and note.
func ConceptQuads(concepts []Concept) []quad.Quad {
	b := newQuadSet(vocab.ConceptsGraph)
	for _, c := range concepts {
		if strings.TrimSpace(c.ID) == "" {
			continue
		}
		x := vocab.Concept(c.ID)
		b.add(x, vocab.Type, vocab.ClassConcept)
		b.str(x, vocab.PrefLabel, c.Ja)
		b.str(x, vocab.PrefLabelEn, c.En)
		for _, a := range c.Aliases {
			b.str(x, vocab.AltLabel, a)
		}
		for _, br := range c.Broader {
			if strings.TrimSpace(br) != "" {
				b.add(x, vocab.Broader, vocab.Concept(br))
			}
		}
		for _, r := range c.Related {
			if strings.TrimSpace(r) != "" {
				b.add(x, vocab.Related, vocab.Concept(r))
			}
		}
		b.str(x, vocab.ConceptType, c.Type)
		b.str(x, vocab.Note, c.Note)
	}
	return b.list
}
