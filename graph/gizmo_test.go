package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gijigraph/gijigraph/graph/vocab"
)

// mustGizmo runs a query with a large limit and fails the test on error.
func mustGizmo(t *testing.T, s *Store, q string) []any {
	t.Helper()
	res, truncated, err := s.Gizmo(context.Background(), q, 10000)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	if truncated {
		t.Fatalf("%s: truncated", q)
	}
	return res
}

// gizmoStrings runs a query and renders each result as one string, sorted:
// the value of "id" for a result with no other tags, "tag=value ..." in
// tag order otherwise, and the value itself for an emitted value.
func gizmoStrings(t *testing.T, s *Store, q string) []string {
	t.Helper()
	var out []string
	for _, r := range mustGizmo(t, s, q) {
		out = append(out, resultString(r))
	}
	sort.Strings(out)
	return out
}

func resultString(r any) string {
	m, ok := r.(map[string]any)
	if !ok {
		return fmt.Sprint(r)
	}
	if len(m) == 1 {
		if v, ok := m["id"]; ok {
			return fmt.Sprint(v)
		}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		if k != "id" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s=%v", k, m[k])
	}
	return b.String()
}

// iri renders an IRI as Gizmo takes and returns it: <https://…>.
func iri(v fmt.Stringer) string { return v.String() }

// gz renders a value as a Gizmo (JavaScript) string literal: "<https://…>".
func gz(v fmt.Stringer) string { return strconv.Quote(v.String()) }

// TestGizmoSeeds asserts the key facts of the seed minutes as Gizmo
// queries, in the style of Cayley's own Gizmo tests, on every backend.
func TestGizmoSeeds(t *testing.T) {
	var (
		endo  = iri(PersonIRI("遠藤 信博"))
		sakai = iri(PersonIRI("坂井 学"))
		m17   = iri(vocab.Meeting(meeting17))
		m30   = iri(vocab.Meeting(meeting30))
		wanna = iri(vocab.Concept("wannacry"))
		sha17 = parseSeed(t, seed17).Source.SHA256
		p     = func(term fmt.Stringer) string { return `"` + term.String() + `"` }
		tests = []struct {
			message, query string
			expect         []string
		}{
			{
				message: "遠藤 信博 spoke at both meetings",
				query:   `g.V("` + endo + `").In(` + p(vocab.Speaker) + `).Out(` + p(vocab.InMeeting) + `).Unique().All()`,
				expect:  []string{m17, m30},
			},
			{
				message: "坂井 学 held two different posts",
				query:   `g.V("` + sakai + `").In(` + p(vocab.Member) + `).Out(` + p(vocab.HoldsPost) + `).Out(` + p(vocab.PrefLabel) + `).Unique().All()`,
				expect:  []string{"内閣官房副長官", "総務副大臣"},
			},
			{
				message: "each of 坂井 学's posts belongs to a meeting",
				query: `g.V("` + sakai + `").In(` + p(vocab.Member) + `).Tag("m").Out(` + p(vocab.During) + `).Out(` + p(vocab.Identifier) + `).Tag("meeting")` +
					`.Back("m").Out(` + p(vocab.HoldsPost) + `).Tag("post").All()`,
				expect: []string{
					"m=" + iri(vocab.Membership(meeting17, "坂井学")) + " meeting=" + meeting17 + " post=" + iri(vocab.Post("総務副大臣")),
					"m=" + iri(vocab.Membership(meeting30, "坂井学")) + " meeting=" + meeting30 + " post=" + iri(vocab.Post("内閣官房副長官")),
				},
			},
			{
				message: "a person holds no post of their own",
				query:   `g.V("` + sakai + `").Out(` + p(vocab.HoldsPost) + `).All()`,
				expect:  nil,
			},
			{
				message: "the chair's opening belongs to 菅 義偉 (17th) and 加藤 勝信 (30th)",
				query: `g.V().Has(` + p(vocab.Section) + `, regex("本部長冒頭挨拶")).Tag("speech")` +
					`.Out(` + p(vocab.Speaker) + `).Out(` + p(vocab.Name) + `).Tag("name")` +
					`.Back("speech").Out(` + p(vocab.InMeeting) + `).Out(` + p(vocab.Number) + `).Tag("n").All()`,
				expect: []string{
					"n=17 name=菅 義偉 speech=" + iri(vocab.Speech(meeting17, 1)),
					"n=30 name=加藤 勝信 speech=" + iri(vocab.Speech(meeting30, 1)),
				},
			},
			{
				message: "WannaCry was raised by 遠藤 信博 at the 17th meeting",
				query:   `g.V("` + wanna + `").In(` + p(vocab.Mentions) + `).Has(` + p(vocab.InMeeting) + `, "` + m17 + `").Out(` + p(vocab.Speaker) + `).Unique().All()`,
				expect:  []string{endo},
			},
			{
				message: "the WannaCry mention, as written, with its offsets",
				query: `g.V("` + wanna + `").In(` + p(vocab.About) + `).Tag("mention").Out(` + p(vocab.Surface) + `).Tag("surface")` +
					`.Back("mention").Out(` + p(vocab.Start) + `).Tag("start").All()`,
				expect: []string{"mention=" + iri(vocab.Mention(meeting17, 10518, "wannacry")) + " start=10518 surface=WannaCry"},
			},
			{
				message: "a concept is found by its English label or an alias",
				query:   `g.V("WannaCry", "ワナクライ").In([` + p(vocab.PrefLabelEn) + `, ` + p(vocab.AltLabel) + `]).Unique().All()`,
				expect:  []string{wanna},
			},
			{
				message: "WannaCry is a kind of ransomware",
				query:   `g.V("` + wanna + `").Out(` + p(vocab.Broader) + `).Out(` + p(vocab.PrefLabel) + `).All()`,
				expect:  []string{"ランサムウェア"},
			},
			{
				message: "a name as written finds the person",
				query:   `g.V("遠藤 信博").In(` + p(vocab.Name) + `).Unique().All()`,
				expect:  []string{endo},
			},
			{
				message: "variant kanji are folded in the IRI and kept in the name",
				query:   `g.V("` + iri(PersonIRI("高橋 清孝")) + `").Out(` + p(vocab.Name) + `).All()`,
				expect:  []string{"髙橋 清孝"},
			},
			{
				message: "dates compare as text",
				query:   `g.V().Has(` + p(vocab.Date) + `, gt("2020-01-01")).Out(` + p(vocab.Identifier) + `).All()`,
				expect:  []string{meeting30},
			},
			{
				message: "every fact carries its document as the label",
				query:   `g.V("` + endo + `").Labels().All()`,
				expect:  []string{iri(vocab.Doc(meeting17)), iri(vocab.Doc(meeting30))},
			},
			{
				message: "a meeting was derived from a document with the source's hash",
				query:   `g.V("` + m17 + `").Out(` + p(vocab.DerivedFrom) + `).Out(` + p(vocab.SHA256) + `).All()`,
				expect:  []string{sha17},
			},
			{
				message: "the 30th meeting decided three items without objection",
				query:   `g.V("` + m30 + `").In(` + p(vocab.InMeeting) + `).Has(` + p(vocab.Type) + `, ` + p(vocab.ClassDecision) + `).Out(` + p(vocab.Outcome) + `).All()`,
				expect:  []string{"異議なし", "異議なし", "異議なし"},
			},
			{
				message: "people at both meetings are one node each",
				query:   `g.V("` + m17 + `").Out(` + p(vocab.Attendee) + `).Intersect(g.V("` + m30 + `").Out(` + p(vocab.Attendee) + `)).Out(` + p(vocab.Name) + `).Unique().All()`,
				expect:  []string{"中谷 和弘", "前田 雅英", "坂井 学", "杉田 和博", "村井 純", "遠藤 信博", "野原 佐和子"},
			},
			{
				message: "g.Emit returns a value",
				query:   `g.Emit(g.V("` + endo + `").In(` + p(vocab.Speaker) + `).Count())`,
				expect:  []string{"2"},
			},
		}
	)
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			s, _ := b.start(t)
			seedStore(t, s)
			for _, tt := range tests {
				t.Run(tt.message, func(t *testing.T) {
					got := gizmoStrings(t, s, tt.query)
					want := slices.Clone(tt.expect)
					sort.Strings(want)
					if !slices.Equal(got, want) {
						t.Errorf("%s\n got: %q\nwant: %q", tt.query, got, want)
					}
				})
			}
		})
	}
}

func TestGizmoLimit(t *testing.T) {
	s := mustOpen(t, Config{Backend: Memory})
	seedStore(t, s)
	q := `g.V(` + gz(vocab.Meeting(meeting17)) + `).Out(` + gz(vocab.Attendee) + `).All()`
	all, truncated, err := s.Gizmo(context.Background(), q, 1000)
	if err != nil || truncated || len(all) != 22 {
		t.Fatalf("all attendees: %d results, truncated %v, %v; want 22", len(all), truncated, err)
	}
	for _, limit := range []int{1, 5, 21} {
		res, truncated, err := s.Gizmo(context.Background(), q, limit)
		if err != nil || !truncated || len(res) != limit {
			t.Errorf("limit %d: %d results, truncated %v, %v", limit, len(res), truncated, err)
		}
	}
	res, truncated, err := s.Gizmo(context.Background(), q, 22)
	if err != nil || truncated || len(res) != 22 {
		t.Errorf("limit 22 (exact): %d results, truncated %v, %v", len(res), truncated, err)
	}
	res, _, err = s.Gizmo(context.Background(), `g.V().All()`, 0)
	if err != nil || len(res) != DefaultLimit {
		t.Errorf("limit 0: %d results, %v; want DefaultLimit", len(res), err)
	}
}

func TestGizmoErrors(t *testing.T) {
	s := mustOpen(t, Config{Backend: Memory})
	for _, q := range []string{`g.V(`, `g.V().NoSuchStep()`, `throw new Error("boom")`} {
		_, _, err := s.Gizmo(context.Background(), q, 10)
		if err == nil || !strings.HasPrefix(err.Error(), "graph: gizmo: ") {
			t.Errorf("%s: got %v, want a graph: gizmo: error", q, err)
		}
	}
}

// TestGizmoCancel: a query that never ends returns when its context is
// done, a JavaScript loop included.
func TestGizmoCancel(t *testing.T) {
	s := mustOpen(t, Config{Backend: Memory})
	seedStore(t, s)
	for _, q := range []string{
		`while (true) {}`,
		`for (;;) { g.V().ToArray() }`,
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		done := make(chan error, 1)
		go func() {
			_, _, err := s.Gizmo(ctx, q, 10)
			done <- err
		}()
		select {
		case err := <-done:
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("%s: got %v, want context.DeadlineExceeded", q, err)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("%s: not cancelled", q)
		}
		cancel()
	}
	// the store still answers afterwards
	if got := gizmoStrings(t, s, `g.V(`+gz(vocab.Meeting(meeting17))+`).Out(`+gz(vocab.Number)+`).All()`); !slices.Equal(got, []string{"17"}) {
		t.Errorf("after cancelling: %v", got)
	}
}
