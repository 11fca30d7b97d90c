package graph

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/gijigraph/gijigraph/extract"
	"github.com/gijigraph/gijigraph/graph/vocab"
)

// handDoc is a small document built by hand: two attendees (one with a
// variant kanji in the name), two speeches, an agenda item, an event and
// a decision, with concept mentions.
func handDoc(id string, number int, date string) *extract.Document {
	return &extract.Document{
		Source:  extract.Source{Path: "hand/" + id + ".txt", SHA256: "sha-" + id, Encoding: "utf-8"},
		Meeting: extract.Meeting{ID: id, Body: "テスト本部", Number: number, Title: "第1回会合 議事概要", Kind: "議事概要", Date: date, Start: "08:00", End: "09:00", Place: "会議室"},
		Attendees: []extract.Attendee{
			{Name: "坂井 学", Family: "坂井", Given: "学", Title: "総務副大臣", Organization: "総務省", OrgKind: "ministry", HQRole: extract.RoleProxy, Line: 5},
			{Name: "髙橋 清孝", Family: "髙橋", Given: "清孝", Title: "内閣危機管理監", Organization: "内閣官房", OrgKind: "cabinet", HQRole: extract.RoleInAttendee, Line: 6},
		},
		Agenda: []extract.AgendaItem{{Kind: extract.KindDecision, Title: "指針の改定について", Line: 9, Start: 100, End: 130,
			Mentions: []extract.Mention{{Concept: "guideline", Label: "指針", Surface: "指針", Start: 100, End: 106, Sentence: "指針の改定について", SentenceStart: 100, SentenceEnd: 130}}}},
		Speeches: []extract.Speech{
			{Seq: 1, Speaker: "坂井 学", Marker: "○（坂井総務副大臣）", As: "総務副大臣", Section: "（２）討議", Text: "WannaCryについて述べる。\n次の段落。", Start: 200, End: 260, Line: 12,
				RefersTo: []string{"髙橋 清孝"},
				Mentions: []extract.Mention{
					{Concept: "wannacry", Label: "WannaCry", Surface: "WannaCry", Start: 200, End: 208, Sentence: "WannaCryについて述べる。", SentenceStart: 200, SentenceEnd: 236},
					{Concept: "wannacry", Label: "WannaCry", Surface: "その事案", Start: 240, End: 252, Implicit: true},
				}},
			{Seq: 2, Speaker: "", Marker: "○（誰か）", Text: "発言", Start: 300, End: 306, Line: 20},
		},
		Events:    []extract.Event{{Kind: "reaction", Text: "「異議なし」と声あり", After: 1, Line: 22, Start: 400, End: 430}},
		Decisions: []extract.Decision{{Title: "指針の改定について", Outcome: "異議なし", Evidence: "「異議なし」と声あり", Line: 22}},
		Warnings:  []extract.Warning{{Line: 20, Kind: "unresolved-speaker", Message: "no attendee 誰か"}},
	}
}

func has(qs []quad.Quad, s quad.Value, p quad.IRI, o quad.Value) bool {
	for _, q := range qs {
		if q.Subject == s && q.Predicate == p && q.Object == o {
			return true
		}
	}
	return false
}

func TestDocumentQuads(t *testing.T) {
	const id = "テスト本部-1"
	qs, err := DocumentQuads(handDoc(id, 1, "2018-04-04"), "key")
	if err != nil {
		t.Fatal(err)
	}
	doc, mt := vocab.Doc(id), vocab.Meeting(id)
	sakai, takahashi := vocab.Person("坂井学"), vocab.Person("高橋清孝")
	ms := vocab.Membership(id, "坂井学")
	sp := vocab.Speech(id, 1)
	want := []struct {
		s quad.Value
		p quad.IRI
		o quad.Value
	}{
		{doc, vocab.SHA256, quad.String("sha-" + id)},
		{doc, vocab.BuildKey, quad.String("key")},
		{doc, vocab.Warning, quad.String("20: unresolved-speaker: no attendee 誰か")},
		{mt, vocab.Type, vocab.ClassMeeting},
		{mt, vocab.Date, quad.String("2018-04-04")},
		{mt, vocab.Number, quad.Int(1)},
		{mt, vocab.DerivedFrom, doc},
		{mt, vocab.Organizer, vocab.Org("テスト本部")},
		{mt, vocab.Attendee, sakai},
		{sakai, vocab.Name, quad.String("坂井 学")},
		// the variant kanji is folded in the IRI, kept in the name
		{takahashi, vocab.Name, quad.String("髙橋 清孝")},
		// the title belongs to the membership, not to the person
		{ms, vocab.Member, sakai},
		{ms, vocab.During, mt},
		{ms, vocab.HoldsPost, vocab.Post("総務副大臣")},
		{ms, vocab.HasRole, vocab.Role(extract.RoleProxy)},
		{vocab.Post("総務副大臣"), vocab.PostIn, vocab.Org("総務省")},
		{vocab.Post("総務副大臣"), vocab.PrefLabel, quad.String("総務副大臣")},
		{sp, vocab.Speaker, sakai},
		{sp, vocab.Position, quad.Int(1)},
		{sp, vocab.InMeeting, mt},
		{sp, vocab.Marker, quad.String("○（坂井総務副大臣）")},
		{sp, vocab.RefersTo, takahashi},
		{sp, vocab.Mentions, vocab.Concept("wannacry")},
		{sp, vocab.HasMention, vocab.Mention(id, 200, "wannacry")},
		{vocab.Mention(id, 200, "wannacry"), vocab.About, vocab.Concept("wannacry")},
		{vocab.Mention(id, 200, "wannacry"), vocab.Start, quad.Int(200)},
		{vocab.Mention(id, 240, "wannacry"), vocab.Type, vocab.ClassImplicitMention},
		{vocab.Agenda(id, 1), vocab.Mentions, vocab.Concept("guideline")},
		{vocab.Event(id, 1), vocab.Type, vocab.ClassScene},
		{vocab.Event(id, 1), vocab.After, sp},
		{vocab.Decision(id, 1), vocab.Outcome, quad.String("異議なし")},
	}
	for _, w := range want {
		if !has(qs, w.s, w.p, w.o) {
			t.Errorf("missing %v %v %v", w.s, w.p, w.o)
		}
	}
	for _, bad := range []struct {
		s quad.Value
		p quad.IRI
	}{
		{sakai, vocab.HoldsPost},             // no title on the person
		{vocab.Speech(id, 2), vocab.Speaker}, // unresolved speaker
	} {
		for _, q := range qs {
			if q.Subject == bad.s && q.Predicate == bad.p {
				t.Errorf("unexpected %v", q)
			}
		}
	}
	seen := map[quad.Quad]bool{}
	for _, q := range qs {
		if q.Label != doc {
			t.Errorf("%v: label is not the document", q)
		}
		if !q.IsValid() {
			t.Errorf("%v: invalid", q)
		}
		if seen[q] {
			t.Errorf("%v: duplicate", q)
		}
		seen[q] = true
		if s, ok := q.Object.(quad.String); ok && strings.TrimSpace(string(s)) == "" {
			t.Errorf("%v: empty literal", q)
		}
	}
}

func TestDocumentQuadsNoMeetingID(t *testing.T) {
	d := handDoc("", 1, "2018-04-04")
	if _, err := DocumentQuads(d, ""); err == nil || !strings.HasPrefix(err.Error(), "graph: ") {
		t.Fatalf("got %v, want a graph: error", err)
	}
}

func TestPersonKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"村井 純", "村井純"},
		{"村井　純", "村井純"}, // full-width space
		{"髙橋 清孝", "高橋清孝"},
		{"菅   義偉", "菅義偉"},
	}
	for _, tt := range tests {
		if got := PersonKey(tt.in); got != tt.want {
			t.Errorf("PersonKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestConceptQuads(t *testing.T) {
	qs := ConceptQuads([]Concept{
		{ID: "ransomware", Type: "malware", Ja: "ランサムウェア", En: "Ransomware"},
		{ID: "wannacry", Type: "malware", Ja: "WannaCry", En: "WannaCry", Aliases: []string{"ワナクライ"}, Broader: []string{"ransomware"}, Note: "worm"},
	})
	w := vocab.Concept("wannacry")
	for _, x := range []struct {
		p quad.IRI
		o quad.Value
	}{
		{vocab.Type, vocab.ClassConcept},
		{vocab.PrefLabel, quad.String("WannaCry")},
		{vocab.PrefLabelEn, quad.String("WannaCry")},
		{vocab.AltLabel, quad.String("ワナクライ")},
		{vocab.Broader, vocab.Concept("ransomware")},
		{vocab.ConceptType, quad.String("malware")},
		{vocab.Note, quad.String("worm")},
	} {
		if !has(qs, w, x.p, x.o) {
			t.Errorf("missing %v %v", x.p, x.o)
		}
	}
	for _, q := range qs {
		if q.Label != vocab.ConceptsGraph {
			t.Errorf("%v: not in the concepts graph", q)
		}
	}
}

func TestBuildKey(t *testing.T) {
	a := BuildKey([]Concept{{ID: "a"}})
	if a != BuildKey([]Concept{{ID: "a"}}) {
		t.Error("BuildKey is not deterministic")
	}
	if a == BuildKey([]Concept{{ID: "b"}}) {
		t.Error("BuildKey ignores the concepts")
	}
	if !strings.HasPrefix(a, fmt.Sprintf("v%d-", vocab.Version)) {
		t.Errorf("BuildKey %q does not start with the vocabulary version", a)
	}
}

// A 国会会議録's session (第211回国会) is stored apart from its number (第5号);
// the minutes of other bodies get no session.
func TestDocumentQuadsSession(t *testing.T) {
	d := handDoc("衆議院法務委員会-5", 5, "2023-03-08")
	d.Meeting.Session = 211
	qs, err := DocumentQuads(d, "")
	if err != nil {
		t.Fatal(err)
	}
	mt := vocab.Meeting(d.Meeting.ID)
	if !has(qs, mt, vocab.Session, quad.Int(211)) || !has(qs, mt, vocab.Number, quad.Int(5)) {
		t.Errorf("want gg:dietSession 211 and gg:meetingNumber 5 on %v", mt)
	}
	qs, err = DocumentQuads(handDoc("テスト本部-1", 1, "2018-04-04"), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		if q.Predicate == vocab.Session {
			t.Errorf("a meeting without a session got %v", q)
		}
	}
}

// The session written is read back into the meeting's summary.
func TestMeetingsSession(t *testing.T) {
	s := mustOpen(t, Config{Backend: Memory})
	d := handDoc("衆議院法務委員会-5", 5, "2023-03-08")
	d.Meeting.Session = 211
	writeDocs(t, s, "", d)
	sn, err := s.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ms := sn.Meetings()
	if len(ms) != 1 || ms[0].Session != 211 || ms[0].Number != 5 {
		t.Fatalf("got %+v, want one meeting of session 211, number 5", ms)
	}
}

// An absentee is a person linked to the meeting by gg:absentee, with no
// seat (membership) at it.
func TestDocumentQuadsAbsentee(t *testing.T) {
	d := handDoc("テスト委員会-1", 1, "2018-04-04")
	d.Absentees = []extract.Attendee{{Name: "武藤 昭男", Family: "武藤", Given: "昭男", Line: 30}}
	qs, err := DocumentQuads(d, "")
	if err != nil {
		t.Fatal(err)
	}
	mt, p := vocab.Meeting(d.Meeting.ID), vocab.Person(PersonKey("武藤 昭男"))
	if !has(qs, mt, vocab.Absentee, p) || !has(qs, p, vocab.Name, quad.String("武藤 昭男")) {
		t.Errorf("want %v gg:absentee %v with its name", mt, p)
	}
	if has(qs, mt, vocab.Attendee, p) || has(qs, vocab.Membership(d.Meeting.ID, PersonKey("武藤 昭男")), vocab.Member, p) {
		t.Errorf("an absentee got a seat at the meeting")
	}
}
