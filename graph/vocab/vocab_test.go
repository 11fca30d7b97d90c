package vocab

import (
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

func TestIRIs(t *testing.T) {
	const mid = "サイバーセキュリティ戦略本部-17"
	tests := []struct {
		got  quad.IRI
		want string
	}{
		{Doc(mid), "https://gijigraph.org/id/doc/サイバーセキュリティ戦略本部-17"},
		{Meeting(mid), "https://gijigraph.org/id/meeting/サイバーセキュリティ戦略本部-17"},
		{Person("村井純"), "https://gijigraph.org/id/person/村井純"},
		{Org("ＫＤＤＩ株式会社"), "https://gijigraph.org/id/org/KDDI株式会社"},
		{Post("総務副大臣"), "https://gijigraph.org/id/post/総務副大臣"},
		{Post("慶應義塾大学環境情報学部教授 大学院政策・メディア研究科委員長"), "https://gijigraph.org/id/post/慶應義塾大学環境情報学部教授_大学院政策・メディア研究科委員長"},
		{Role("有識者本部員"), "https://gijigraph.org/id/role/有識者本部員"},
		{Membership(mid, "坂井学"), "https://gijigraph.org/id/membership/サイバーセキュリティ戦略本部-17/坂井学"},
		{Speech(mid, 3), "https://gijigraph.org/id/speech/サイバーセキュリティ戦略本部-17/3"},
		{Agenda(mid, 1), "https://gijigraph.org/id/agenda/サイバーセキュリティ戦略本部-17/1"},
		{Decision(mid, 2), "https://gijigraph.org/id/decision/サイバーセキュリティ戦略本部-17/2"},
		{Event(mid, 1), "https://gijigraph.org/id/event/サイバーセキュリティ戦略本部-17/1"},
		{Mention(mid, 10518, "wannacry"), "https://gijigraph.org/id/mention/サイバーセキュリティ戦略本部-17/10518-wannacry"},
		{Concept("wannacry"), "https://gijigraph.org/id/concept/wannacry"},
	}
	for _, tt := range tests {
		if string(tt.got) != tt.want {
			t.Errorf("got %s, want %s", tt.got, tt.want)
		}
	}
}

func TestSegment(t *testing.T) {
	tests := []struct{ in, want string }{
		{"村井純", "村井純"},
		{"  a  b\tc ", "a_b_c"},
		{"a/b?c#d%e", "a%2Fb%3Fc%23d%25e"},
		{`<x> "y" {z}|^` + "`" + `\`, "%3Cx%3E_%22y%22_%7Bz%7D%7C%5E%60%5C"},
		{"ＡＢＣ１２３", "ABC123"},
		{"a\x01b", "a%01b"},
		{"IT・セキュリティ（案）", "IT・セキュリティ(案)"},
	}
	for _, tt := range tests {
		if got := Segment(tt.in); got != tt.want {
			t.Errorf("Segment(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTermsValid checks that every term is a full IRI that N-Quads can
// carry, in one of the declared namespaces.
func TestTermsValid(t *testing.T) {
	namespaces := []string{NS, RDF, Schema, FOAF, ORG, OpenGov, BF, ODRS, SKOS, PROV}
	terms := []quad.IRI{
		ClassMeeting, ClassPerson, ClassOrganization, ClassMembership, ClassPost, ClassRole,
		ClassSpeech, ClassNarrative, ClassScene, ClassOtherEvent, ClassConcept, ClassDocument,
		ClassAgendaItem, ClassDecision, ClassImplicitMention,
		Type, Name, FamilyName, GivenName, Reading, Title, Identifier, Date, StartTime, EndTime,
		Location, Organizer, Attendee, Number, MinutesKind, DerivedFrom, Member, InOrganization,
		HasRole, HoldsPost, During, PostIn, OrgKind, Speaker, SpokenAs, Marker, Text, Position,
		InMeeting, Section, RefersTo, After, Mentions, HasMention, About, Surface, InSentence,
		Start, End, Line, AgendaKind, Outcome, Evidence, PrefLabel,
		PrefLabelEn, AltLabel, Broader, Note, ConceptType, SHA256, SourcePath, Encoding,
		BuildKey, Warning, SourceFormat, URL,
	}
	seen := map[quad.IRI]bool{}
	for _, term := range terms {
		s := string(term)
		if strings.ContainsAny(s, " <>\"{}|^`\\") {
			t.Errorf("%s: not a valid IRI", s)
		}
		ok := false
		for _, ns := range namespaces {
			if strings.HasPrefix(s, ns) && len(s) > len(ns) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%s: in no declared namespace", s)
		}
		if seen[term] {
			t.Errorf("%s: declared twice", s)
		}
		seen[term] = true
	}
}
