// Package vocab names every class and predicate of the gijigraph knowledge
// graph and mints every IRI in it.
//
// Well-known vocabularies are reused wherever one fits, so that the graph
// reads familiar to researchers: schema.org for meetings and texts, FOAF
// for people, the W3C Organization Ontology (org:) for memberships, posts
// and roles, Popolo (opengov:, schema:, bf:) for speeches, SKOS for
// concepts and PROV for provenance. The project's own namespace NS holds
// only what none of them has: byte offsets, source lines, document hashes
// and the kinds of agenda items.
//
// Every IRI is stored in full. Gizmo in Cayley v0.7.7 does not expand
// prefixes, so graph.Store.Gizmo (the REPL, gijigraph query and the
// server's /api/gizmo) expands the short forms listed in Prefixes
// (person:村井純, schema:creator) before running a script; the stock cayley
// CLI needs the full IRIs. Instance IRIs are readable paths under Base,
// built from the names in the minutes (https://gijigraph.org/id/person/村井純),
// never from hashes.
//
// The README's "Gizmo vocabulary" documents the whole vocabulary with a
// diagram and Gizmo examples that graph/docs_test.go runs.
package vocab

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/cayleygraph/quad"
	"golang.org/x/text/unicode/norm"
)

// Version is the version of the vocabulary and of the mapping from the
// document model to quads. Bump it whenever the quads written for the same
// document change, so that `gijigraph build` rewrites every document.
const Version = 3

// Namespaces.
const (
	// Base is the prefix of every instance IRI.
	Base = "https://gijigraph.org/id/"
	// NS is gijigraph's own namespace, for terms no standard vocabulary has.
	NS = "https://gijigraph.org/ns#"

	RDF     = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	Schema  = "http://schema.org/"
	FOAF    = "http://xmlns.com/foaf/0.1/"
	ORG     = "http://www.w3.org/ns/org#"
	OpenGov = "http://www.w3.org/ns/opengov#" // Popolo's own terms
	BF      = "http://bibframe.org/vocab/"    // Popolo's Speech event
	ODRS    = "http://schema.theodi.org/odrs#"
	SKOS    = "http://www.w3.org/2004/02/skos/core#"
	PROV    = "http://www.w3.org/ns/prov#"
)

// Classes, the objects of Type.
const (
	// ClassMeeting is a meeting of a body: a schema:Event.
	ClassMeeting quad.IRI = Schema + "Event"
	// ClassPerson is a person who attended a meeting.
	ClassPerson quad.IRI = FOAF + "Person"
	// ClassOrganization is a body (the headquarters holding the meeting), a
	// ministry, company or university.
	ClassOrganization quad.IRI = ORG + "Organization"
	// ClassMembership is one person's seat at one meeting: who, in which body,
	// in which role, holding which post, at which meeting.
	ClassMembership quad.IRI = ORG + "Membership"
	// ClassPost is a position such as 総務副大臣 that people hold.
	ClassPost quad.IRI = ORG + "Post"
	// ClassRole is a role in the body, such as 本部長 or 有識者本部員.
	ClassRole quad.IRI = ORG + "Role"
	// ClassSpeech is one speech turn (Popolo).
	ClassSpeech quad.IRI = OpenGov + "Speech"
	// ClassNarrative is a third-person account in the minutes, such as
	// 決定事項１件につき、案のとおり決定した。 (Popolo).
	ClassNarrative quad.IRI = OpenGov + "Narrative"
	// ClassScene is a reaction of the room, such as 「異議なし」と声あり (Popolo).
	ClassScene quad.IRI = OpenGov + "Scene"
	// ClassOtherEvent is any other recorded event (Popolo).
	ClassOtherEvent quad.IRI = OpenGov + "Other"
	// ClassConcept is a concept of the curated concept list.
	ClassConcept quad.IRI = SKOS + "Concept"
	// ClassDocument is a minutes file the facts of a meeting were read from.
	ClassDocument quad.IRI = FOAF + "Document"
	// ClassAgendaItem is one item of a meeting's agenda.
	ClassAgendaItem quad.IRI = NS + "AgendaItem"
	// ClassDecision is a decision item with its outcome.
	ClassDecision quad.IRI = NS + "Decision"
	// ClassImplicitMention is the class of a mention (a node linked by
	// HasMention) that is an indirect reference; other mentions have no
	// rdf:type, to keep the graph small.
	ClassImplicitMention quad.IRI = NS + "ImplicitMention"
)

// Predicates. Literal values are plain strings unless said otherwise;
// counts, positions, lines and offsets are xsd:integer (quad.Int).
const (
	// Type is rdf:type.
	Type quad.IRI = RDF + "type"

	// Name is a person's or organisation's name as the minutes write it,
	// family and given name separated by one space: "菅 義偉".
	Name quad.IRI = FOAF + "name"
	// FamilyName and GivenName are the parts of a person's name.
	FamilyName quad.IRI = FOAF + "familyName"
	GivenName  quad.IRI = FOAF + "givenName"
	// Reading is a name's reading in katakana when the minutes give it.
	Reading quad.IRI = NS + "reading"

	// Title is the name of a meeting, agenda item or decision as written:
	// "第17回会合 議事概要".
	Title quad.IRI = Schema + "name"
	// Identifier is a meeting's stable id: "サイバーセキュリティ戦略本部-17".
	Identifier quad.IRI = Schema + "identifier"
	// Date is a meeting's date as an ISO 8601 string, "2018-04-04", so
	// that gt("2018-01-01") and friends compare it as text.
	Date quad.IRI = Schema + "startDate"
	// StartTime and EndTime are a meeting's times as written, "08:00".
	StartTime quad.IRI = NS + "startTime"
	EndTime   quad.IRI = NS + "endTime"
	// Location is where a meeting was held, as written.
	Location quad.IRI = Schema + "location"
	// Organizer links a meeting to the body that held it.
	Organizer quad.IRI = Schema + "organizer"
	// Attendee links a meeting to each person in its attendee list.
	Attendee quad.IRI = Schema + "attendee"
	// Absentee links a meeting to each person its minutes list as absent
	// (欠席委員, 欠席議員, …欠席者, (欠席)): a member who did not attend.
	Absentee quad.IRI = NS + "absentee"
	// Number is a meeting's number (第17回 → 17), an integer.
	Number quad.IRI = NS + "meetingNumber"
	// Session is the Diet session a 国会会議録 belongs to (第211回国会 →
	// 211), an integer; the minutes of other bodies have none.
	Session quad.IRI = NS + "dietSession"
	// MinutesKind is 議事概要, 議事録 or 議事要旨, as the title says.
	MinutesKind quad.IRI = NS + "minutesKind"
	// DerivedFrom links a meeting to the document it was read from.
	DerivedFrom quad.IRI = PROV + "wasDerivedFrom"

	// Member links a membership to its person.
	Member quad.IRI = ORG + "member"
	// InOrganization links a membership to the body it is a seat in.
	InOrganization quad.IRI = ORG + "organization"
	// HasRole links a membership to the role in the body (本部長, 本部員…).
	HasRole quad.IRI = ORG + "role"
	// HoldsPost links a membership to the post held at that meeting
	// (Popolo's membership post).
	HoldsPost quad.IRI = OpenGov + "post"
	// During links a membership to the meeting it is the seat at: a title
	// belongs to the membership, not the person.
	During quad.IRI = ORG + "memberDuring"
	// PostIn links a post to the organisation it is in (総務副大臣 → 総務省).
	PostIn quad.IRI = ORG + "postIn"
	// OrgKind classifies an organisation: ministry, cabinet, agency,
	// company, university, association or other.
	OrgKind quad.IRI = NS + "orgKind"

	// Speaker links a speech to the person who spoke (Popolo: schema:creator).
	Speaker quad.IRI = Schema + "creator"
	// SpokenAs is the title or role the speaker's marker gives, as written:
	// "本部員", "国家公安委員長" (Popolo: role).
	SpokenAs quad.IRI = OpenGov + "role"
	// Marker is the text that introduced the turn: "○（村井本部員）"
	// (Popolo: attribution text).
	Marker quad.IRI = ODRS + "attributionText"
	// Text is the text of a speech or event.
	Text quad.IRI = Schema + "text"
	// Position is the 1-based position of a speech or agenda item in its
	// meeting, an integer.
	Position quad.IRI = Schema + "position"
	// InMeeting links a speech, event, agenda item or decision to its meeting
	// (Popolo: bf:event).
	InMeeting quad.IRI = BF + "event"
	// Section is the heading of the part of the proceedings a speech
	// stands in: "（２）討議".
	Section quad.IRI = NS + "section"
	// RefersTo links a speech to an attendee it names (先ほど遠藤本部員が…).
	RefersTo quad.IRI = NS + "refersTo"
	// After links an event to the speech it followed.
	After quad.IRI = NS + "after"
	// Mentions links a speech or agenda item to each concept it mentions.
	Mentions quad.IRI = Schema + "mentions"
	// HasMention links a speech or agenda item to each Mention node.
	HasMention quad.IRI = NS + "mention"
	// About links a Mention to its concept.
	About quad.IRI = Schema + "about"
	// Surface is the text of a mention as written.
	Surface quad.IRI = NS + "surface"
	// InSentence links a mention to the node of the sentence it stands in;
	// a sentence node has the sentence's Text and its Start and End.
	InSentence quad.IRI = NS + "sentence"
	// Start and End are byte offsets into the decoded source text of a
	// speech body, agenda item, event or mention; Line is its 1-based
	// source line. All integers.
	Start quad.IRI = NS + "start"
	End   quad.IRI = NS + "end"
	Line  quad.IRI = NS + "line"

	// AgendaKind is decision, discussion or report.
	AgendaKind quad.IRI = NS + "agendaKind"
	// Outcome is how the minutes record a decision's outcome: 案のとおり決定,
	// 異議なし, 了承.
	Outcome quad.IRI = NS + "outcome"
	// Evidence is the sentence that records a decision's outcome.
	Evidence quad.IRI = NS + "evidence"

	// PrefLabel is a concept's Japanese label, or the label of a post or role.
	PrefLabel quad.IRI = SKOS + "prefLabel"
	// PrefLabelEn is a concept's English label. It is a plain string under
	// its own predicate, because Gizmo cannot match language-tagged
	// literals by typing the label.
	PrefLabelEn quad.IRI = NS + "prefLabelEn"
	// AltLabel is another surface form of a concept.
	AltLabel quad.IRI = SKOS + "altLabel"
	// Broader links a concept to a more general one.
	Broader quad.IRI = SKOS + "broader"
	// Related links a concept to an associated one that is neither a
	// kind nor a part of it (身代金 and ランサムウェア); narrower=true never
	// follows it.
	Related quad.IRI = SKOS + "related"
	// Note is a one-line English description of a concept.
	Note quad.IRI = SKOS + "note"
	// ConceptType is what kind of thing a concept is: malware, incident…
	ConceptType quad.IRI = NS + "conceptType"

	// SHA256 is the hex SHA-256 of a document's source bytes.
	SHA256 quad.IRI = NS + "sha256"
	// SourcePath is the path the document was read from, as given.
	SourcePath quad.IRI = NS + "sourcePath"
	// Encoding is the detected source encoding.
	Encoding quad.IRI = NS + "encoding"
	// SourceFormat is the format a document was read as when it is not
	// plain text: pdf, html, kokkai-json, kokkai-xml.
	SourceFormat quad.IRI = NS + "sourceFormat"
	// URL is where a document or a speech is published (the Diet API's
	// pdfURL and speechURL).
	URL quad.IRI = NS + "url"
	// BuildKey identifies everything besides the source bytes that shapes a
	// graph's quads (vocabulary version, concept list): a document whose
	// SHA256, SourcePath and BuildKey are unchanged is not rebuilt.
	BuildKey quad.IRI = NS + "buildKey"
	// Warning is one extraction warning, "90: title-mismatch: …".
	Warning quad.IRI = NS + "warning"
	// Complete is false (xsd:boolean) on a document whose minutes end
	// mid-sentence and were read as far as they go; whole minutes carry
	// true.
	Complete quad.IRI = NS + "complete"
)

// Summary predicates name the edges of the explorer's subgraphs
// (graph.Subgraph), which summarise facts: a person raised a concept
// when a speech of theirs mentions it. They appear in the API's JSON-LD
// only; the store holds the facts themselves. Subgraph edges named
// broader, organizer, mentions and refersTo use Broader, Organizer,
// Mentions and RefersTo.
const (
	// Attended links a person to a meeting they had a seat at.
	Attended quad.IRI = NS + "attended"
	// MemberOf links a person to an organisation they held a post in
	// (the Organization Ontology's shortcut for a membership).
	MemberOf quad.IRI = ORG + "memberOf"
	// Discussed links a meeting to an item of its agenda.
	Discussed quad.IRI = NS + "discussed"
	// Raised links a person to a concept their speeches mention.
	Raised quad.IRI = NS + "raised"
)

// ConceptsGraph is the label of every quad that comes from the concept
// list rather than from a document.
const ConceptsGraph quad.IRI = Base + "graph/concepts"

// Doc is the IRI of the document a meeting's minutes were read from. It
// is also the label of every quad derived from that document, so that a
// meeting can be dropped or replaced as a unit. It is keyed by the meeting
// id, so that the same meeting read from another path replaces it.
func Doc(meetingID string) quad.IRI { return iri("doc", meetingID) }

// Meeting is the IRI of a meeting: …/meeting/サイバーセキュリティ戦略本部-17.
func Meeting(meetingID string) quad.IRI { return iri("meeting", meetingID) }

// Person is the IRI of a person, from the person key: the name with
// spaces removed, width and variant kanji folded (髙橋 清孝 → 高橋清孝).
// The same key in two meetings is the same person. Two different people
// with the same name are merged: a known limit of the rule. The graph
// package computes the key (graph.PersonKey).
func Person(key string) quad.IRI { return iri("person", key) }

// Org is the IRI of an organisation, from its name as the extractor
// normalised it (ＫＤＤＩ株式会社 → KDDI株式会社).
func Org(name string) quad.IRI { return iri("org", name) }

// Post is the IRI of a post, from its title: …/post/総務副大臣.
func Post(title string) quad.IRI { return iri("post", title) }

// Role is the IRI of a role in a body: …/role/有識者本部員.
func Role(role string) quad.IRI { return iri("role", role) }

// Membership is the IRI of a person's seat at one meeting:
// …/membership/サイバーセキュリティ戦略本部-17/坂井学.
func Membership(meetingID, personKey string) quad.IRI {
	return iri("membership", meetingID, personKey)
}

// PartyMembership is the IRI of a person's membership of a
// parliamentary group as a meeting records it:
// …/party-membership/衆議院内閣委員会-2023-03-15-5/河野太郎. It is
// apart from Membership, a seat at the meeting.
func PartyMembership(meetingID, personKey string) quad.IRI {
	return iri("party-membership", meetingID, personKey)
}

// Speech is the IRI of the seq-th speech (1-based) of a meeting.
func Speech(meetingID string, seq int) quad.IRI {
	return iri("speech", meetingID, fmt.Sprint(seq))
}

// Agenda is the IRI of the i-th agenda item (1-based) of a meeting.
func Agenda(meetingID string, i int) quad.IRI {
	return iri("agenda", meetingID, fmt.Sprint(i))
}

// Decision is the IRI of the i-th decision (1-based) of a meeting.
func Decision(meetingID string, i int) quad.IRI {
	return iri("decision", meetingID, fmt.Sprint(i))
}

// Event is the IRI of the i-th recorded event (1-based) of a meeting.
func Event(meetingID string, i int) quad.IRI {
	return iri("event", meetingID, fmt.Sprint(i))
}

// Mention is the IRI of the mention of a concept that starts at byte
// offset start of a meeting's source: …/mention/…-17/10518-wannacry.
func Mention(meetingID string, start int, conceptID string) quad.IRI {
	return iri("mention", meetingID, fmt.Sprintf("%d-%s", start, conceptID))
}

// Sentence is the IRI of the sentence that starts at byte offset start of
// a meeting's source: …/sentence/…-17/10400. Mentions in one sentence share it.
func Sentence(meetingID string, start int) quad.IRI {
	return iri("sentence", meetingID, fmt.Sprint(start))
}

// Concept is the IRI of a concept of the concept list: …/concept/wannacry.
func Concept(id string) quad.IRI { return iri("concept", id) }

// Edge is the IRI of an edge of a subgraph, from its stable id
// "source|predicate|target": …/edge/person%2F村井純%7Craised%7Cconcept%2Fwannacry.
func Edge(id string) quad.IRI { return iri("edge", id) }

// iri joins escaped path segments under Base.
func iri(kind string, parts ...string) quad.IRI {
	var b strings.Builder
	b.WriteString(Base)
	b.WriteString(kind)
	for _, p := range parts {
		b.WriteByte('/')
		b.WriteString(Segment(p))
	}
	return quad.IRI(b.String())
}

// Segment makes s one readable IRI path segment: NFKC-normalised (full
// width Latin and digits become ASCII), runs of white space replaced by
// "_", and the characters that N-Quads forbids in an IRI or that would
// change the path ("/", "?", "#", "%") percent-encoded. Japanese text is
// kept as it is.
func Segment(s string) string { return segment(s, false) }

// Path makes each "/"-separated part of a local path a Segment, except
// that "%" is kept, so that a percent-escape a user typed stays as it is:
// graph.ExpandPrefixes uses it for meeting:サイバーセキュリティ戦略本部-17.
func Path(local string) string {
	parts := strings.Split(local, "/")
	for i, p := range parts {
		parts[i] = segment(p, true)
	}
	return strings.Join(parts, "/")
}

func segment(s string, keepPercent bool) string {
	s = strings.TrimSpace(norm.NFKC.String(s))
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte('_')
			space = false
		}
		switch {
		case r == '%' && keepPercent:
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "%%%02X", r)
		case strings.ContainsRune("<>\"{}|^`\\/?#%", r):
			fmt.Fprintf(&b, "%%%02X", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// A Prefix is a short form for typing an IRI in Gizmo: "person:村井純"
// stands for <https://gijigraph.org/id/person/村井純> and "schema:name"
// for <http://schema.org/name>. Gizmo in Cayley v0.7.7 expands no
// prefixes by itself; graph.ExpandPrefixes does, for every query gijigraph
// runs (the REPL, `gijigraph query`, the server).
type Prefix struct {
	// Name is the short form without its colon: "person".
	Name string
	// IRI is the namespace the short form stands for.
	IRI string
	// Instance reports a namespace of instances under Base, whose local
	// part is normalised as the IRI minting functions normalise it (a
	// person's name becomes the person key).
	Instance bool
	// Doc says what the prefix is for, in a few words.
	Doc string
}

// Prefixes is every short form gijigraph understands: the vocabularies
// the graph uses, then its instances. org: is the W3C Organization
// Ontology, as everywhere in docs/graph.md; the organisations of the
// graph (…/id/org/内閣官房) are orgn:.
var Prefixes = []Prefix{
	{Name: "rdf", IRI: RDF, Doc: "RDF: type"},
	{Name: "schema", IRI: Schema, Doc: "schema.org: meetings, names, texts, mentions"},
	{Name: "foaf", IRI: FOAF, Doc: "FOAF: people, names, documents"},
	{Name: "org", IRI: ORG, Doc: "W3C Organization Ontology: memberships, posts, roles"},
	{Name: "opengov", IRI: OpenGov, Doc: "Popolo: speeches, events, posts held"},
	{Name: "bf", IRI: BF, Doc: "BIBFRAME: a speech's meeting (bf:event)"},
	{Name: "odrs", IRI: ODRS, Doc: "ODRS: a speech's marker (odrs:attributionText)"},
	{Name: "skos", IRI: SKOS, Doc: "SKOS: concepts, labels, broader"},
	{Name: "prov", IRI: PROV, Doc: "PROV: wasDerivedFrom"},
	{Name: "gg", IRI: NS, Doc: "gijigraph's own terms: offsets, lines, kinds"},

	{Name: "person", IRI: Base + "person/", Instance: true, Doc: "people, by name (spaces and variant kanji folded)"},
	{Name: "concept", IRI: Base + "concept/", Instance: true, Doc: "concepts of the concept list, by id"},
	{Name: "meeting", IRI: Base + "meeting/", Instance: true, Doc: "meetings, by id (サイバーセキュリティ戦略本部-17)"},
	{Name: "orgn", IRI: Base + "org/", Instance: true, Doc: "organisations, by name (内閣官房, 総務省)"},
	{Name: "post", IRI: Base + "post/", Instance: true, Doc: "posts, by title (総務副大臣)"},
	{Name: "role", IRI: Base + "role/", Instance: true, Doc: "roles in a body (本部長, 有識者本部員)"},
	{Name: "membership", IRI: Base + "membership/", Instance: true, Doc: "seats: meeting id/person key"},
	{Name: "speech", IRI: Base + "speech/", Instance: true, Doc: "speeches: meeting id/position"},
	{Name: "agenda", IRI: Base + "agenda/", Instance: true, Doc: "agenda items: meeting id/position"},
	{Name: "decision", IRI: Base + "decision/", Instance: true, Doc: "decisions: meeting id/position"},
	{Name: "event", IRI: Base + "event/", Instance: true, Doc: "recorded events: meeting id/position"},
	{Name: "mention", IRI: Base + "mention/", Instance: true, Doc: "mentions: meeting id/offset-concept id"},
	{Name: "sentence", IRI: Base + "sentence/", Instance: true, Doc: "sentences: meeting id/offset"},
	{Name: "doc", IRI: Base + "doc/", Instance: true, Doc: "documents (graph labels), by meeting id"},
}
