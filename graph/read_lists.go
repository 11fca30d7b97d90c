package graph

import (
	"slices"
	"strings"
)

// The filters of the lists of meetings, people and concepts. Each takes
// the filters a researcher narrows a list by; an empty field does not
// filter. Names (person, meeting, concept) are resolved as by Person,
// Meeting and Concept, so an unknown one is a NotFoundError with close
// matches; an enumerable value (body, type) outside the known ones is an
// ErrInvalid that lists them.

// MeetingsQuery filters Meetings.
type MeetingsQuery struct {
	// Body is the organising body as the list shows it:
	// "サイバーセキュリティ戦略本部".
	Body string
	// From and To bound the date, inclusive.
	From, To string
	// Person keeps the meetings a person attended (id or name).
	Person string
	// Concept keeps the meetings where a concept was raised.
	Concept string
}

// PeopleQuery filters People.
type PeopleQuery struct {
	// Meeting keeps those who attended a meeting.
	Meeting string
	// Body keeps those who attended a meeting of a body.
	Body string
	// Concept keeps those who raised a concept.
	Concept string
}

// ConceptsQuery filters Concepts.
type ConceptsQuery struct {
	// Type is a concept type: "malware".
	Type string
	// Meeting keeps the concepts raised at a meeting.
	Meeting string
	// Person keeps the concepts a person raised.
	Person string
}

// Bodies returns the organising bodies of the meetings, sorted.
func (sn *Snapshot) Bodies() []string {
	var out []string
	for _, m := range sn.meetings {
		if m.Body != "" {
			out = addUnique(out, m.Body)
		}
	}
	slices.Sort(out)
	return out
}

func (sn *Snapshot) checkBody(body string) error {
	if body == "" {
		return nil
	}
	bodies := sn.Bodies()
	if !slices.Contains(bodies, body) {
		return invalidf("unknown body %q (known: %s)", body, strings.Join(bodies, ", "))
	}
	return nil
}

func (sn *Snapshot) checkType(typ string) error {
	if typ != "" && !slices.Contains(sn.conceptTypes, typ) {
		return invalidf("unknown concept type %q (known: %s)", typ, strings.Join(sn.conceptTypes, ", "))
	}
	return nil
}

// FilterMeetings returns the meetings that match q, by date.
func (sn *Snapshot) FilterMeetings(q MeetingsQuery) ([]MeetingSummary, error) {
	if err := sn.checkBody(q.Body); err != nil {
		return nil, err
	}
	var p *person
	if q.Person != "" {
		var err error
		if p, err = sn.findPerson(q.Person); err != nil {
			return nil, err
		}
	}
	var raisedAt map[string]bool
	if q.Concept != "" {
		cs, err := sn.findConcepts(q.Concept)
		if err != nil {
			return nil, err
		}
		raisedAt = map[string]bool{}
		for _, c := range cs {
			for _, m := range c.detail.Meetings {
				raisedAt[m.ID] = true
			}
		}
	}
	out := []MeetingSummary{}
	for _, m := range sn.meetings {
		if (q.Body != "" && m.Body != q.Body) || (q.From != "" && m.Date < q.From) || (q.To != "" && m.Date > q.To) ||
			(p != nil && !p.meetings[m.iri]) || (raisedAt != nil && !raisedAt[m.ID]) {
			continue
		}
		out = append(out, m.MeetingSummary)
	}
	return out, nil
}

// FilterPeople returns the people that match q, those at most meetings
// first.
func (sn *Snapshot) FilterPeople(q PeopleQuery) ([]PersonSummary, error) {
	if err := sn.checkBody(q.Body); err != nil {
		return nil, err
	}
	var m *meeting
	if q.Meeting != "" {
		var err error
		if m, err = sn.findMeeting(q.Meeting); err != nil {
			return nil, err
		}
	}
	var raisers map[string]bool
	if q.Concept != "" {
		cs, err := sn.findConcepts(q.Concept)
		if err != nil {
			return nil, err
		}
		raisers = map[string]bool{}
		for _, c := range cs {
			for _, p := range c.detail.RaisedBy {
				raisers[p.ID] = true
			}
		}
	}
	var inBody map[string]bool
	if q.Body != "" {
		inBody = map[string]bool{}
		for _, bm := range sn.meetings {
			if bm.Body == q.Body {
				for iri := range bm.persons {
					inBody[iri] = true
				}
			}
		}
	}
	out := []PersonSummary{}
	for _, p := range sn.people {
		if (m != nil && m.persons[p.iri] == nil) || (raisers != nil && !raisers[p.summary.ID]) || (inBody != nil && !inBody[p.iri]) {
			continue
		}
		out = append(out, p.summary)
	}
	return out, nil
}

// FilterConcepts returns the concepts that match q, by id.
func (sn *Snapshot) FilterConcepts(q ConceptsQuery) ([]ConceptSummary, error) {
	if err := sn.checkType(q.Type); err != nil {
		return nil, err
	}
	var meetingID, personID string
	if q.Meeting != "" {
		m, err := sn.findMeeting(q.Meeting)
		if err != nil {
			return nil, err
		}
		meetingID = m.ID
	}
	if q.Person != "" {
		p, err := sn.findPerson(q.Person)
		if err != nil {
			return nil, err
		}
		personID = p.summary.ID
	}
	out := []ConceptSummary{}
	for _, c := range sn.concepts {
		d := &c.detail
		if q.Type != "" && d.Type != q.Type {
			continue
		}
		if meetingID != "" && !slices.ContainsFunc(d.Meetings, func(m MeetingCount) bool { return m.ID == meetingID }) {
			continue
		}
		if personID != "" && !slices.ContainsFunc(d.RaisedBy, func(p PersonCount) bool { return p.ID == personID }) {
			continue
		}
		out = append(out, d.ConceptSummary)
	}
	return out, nil
}
