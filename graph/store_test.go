package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/gijigraph/gijigraph/graph/vocab"
)

// The store suite: every test here runs on every backend (memory, bolt,
// and postgres when GIJIGRAPH_TEST_PG_DSN is set).

// seedStore writes the concept list and both seed documents to s and
// returns the build key used.
func seedStore(t testing.TB, s *Store) string {
	t.Helper()
	concepts, _ := loadConcepts(t)
	if _, err := s.WriteConcepts(context.Background(), concepts); err != nil {
		t.Fatal(err)
	}
	key := BuildKey(concepts)
	for _, r := range writeDocs(t, s, key, parseSeed(t, seed17), parseSeed(t, seed30)) {
		if r.Status != Added {
			t.Fatalf("first write: %v, want added", r.Status)
		}
	}
	return key
}

// labelQuads returns the sorted N-Quads of the quads under label.
func labelQuads(t *testing.T, s *Store, label quad.Value) []string {
	t.Helper()
	var out []string
	for _, q := range allQuads(t, s) {
		if strings.HasSuffix(q, " "+label.String()+" .") {
			out = append(out, q)
		}
	}
	return out
}

func TestIdempotent(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			s, _ := b.start(t)
			key := seedStore(t, s)
			before := allQuads(t, s)
			for _, r := range writeDocs(t, s, key, parseSeed(t, seed17), parseSeed(t, seed30)) {
				if r.Status != Unchanged || r.Added != 0 || r.Deleted != 0 {
					t.Errorf("second write: %+v, want unchanged", r)
				}
			}
			concepts, _ := loadConcepts(t)
			if r, err := s.WriteConcepts(context.Background(), concepts); err != nil || r.Status != Unchanged {
				t.Errorf("second concepts write: %+v, %v", r, err)
			}
			if after := allQuads(t, s); !slices.Equal(before, after) {
				t.Errorf("building twice changed the graph: %d quads, then %d", len(before), len(after))
			}
			st, err := s.Stats(context.Background())
			if err != nil || st.Quads != int64(len(before)) {
				t.Errorf("Stats = %+v, %v; want %d quads", st, err, len(before))
			}

			d := parseSeed(t, seed17)
			ctx := context.Background()
			if ok, err := s.Unchanged(ctx, d.Source.Path, d.Source.SHA256, key); err != nil || !ok {
				t.Errorf("Unchanged(same file) = %v, %v; want true", ok, err)
			}
			for name, args := range map[string][3]string{
				"other key":  {d.Source.Path, d.Source.SHA256, key + "x"},
				"other path": {"elsewhere.txt", d.Source.SHA256, key},
				"other sha":  {d.Source.Path, strings.Repeat("0", 64), key},
			} {
				if ok, err := s.Unchanged(ctx, args[0], args[1], args[2]); err != nil || ok {
					t.Errorf("Unchanged(%s) = %v, %v; want false", name, ok, err)
				}
			}
		})
	}
}

func TestIncrementalReplace(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			s, _ := b.start(t)
			ctx := context.Background()
			key := seedStore(t, s)
			doc30 := labelQuads(t, s, vocab.Doc(meeting30))
			concepts := labelQuads(t, s, vocab.ConceptsGraph)

			// A changed 17th meeting: the closing speech is gone and the
			// first one reworded.
			d := parseSeed(t, seed17)
			last := d.Speeches[len(d.Speeches)-1].Seq
			d.Speeches = d.Speeches[:len(d.Speeches)-1]
			d.Speeches[0].Text = "改訂された冒頭挨拶。"
			d.Source.SHA256 = strings.Repeat("1", 64)
			r := writeDocs(t, s, key, d)[0]
			if r.Status != Replaced || r.Added == 0 || r.Deleted == 0 {
				t.Errorf("changed document: %+v, want replaced", r)
			}
			if got := labelQuads(t, s, vocab.Doc(meeting30)); !slices.Equal(got, doc30) {
				t.Error("replacing the 17th meeting changed the 30th")
			}
			if got := labelQuads(t, s, vocab.ConceptsGraph); !slices.Equal(got, concepts) {
				t.Error("replacing the 17th meeting changed the concepts")
			}
			if got := gizmoStrings(t, s, `g.V(`+gz(vocab.Speech(meeting17, last))+`).Out().All()`); len(got) != 0 {
				t.Errorf("the removed speech still has %v", got)
			}
			if got := gizmoStrings(t, s, `g.V(`+gz(vocab.Speech(meeting17, 1))+`).Out(`+gz(vocab.Text)+`).All()`); !slices.Equal(got, []string{"改訂された冒頭挨拶。"}) {
				t.Errorf("speech text = %v", got)
			}

			// Removing the 17th meeting leaves what the 30th also states.
			if r, err := s.RemoveDocument(ctx, meeting17); err != nil || r.Status != Removed {
				t.Fatalf("RemoveDocument: %+v, %v", r, err)
			}
			if got := labelQuads(t, s, vocab.Doc(meeting17)); len(got) != 0 {
				t.Errorf("%d quads of the removed document remain", len(got))
			}
			if got := gizmoStrings(t, s, `g.V(`+gz(PersonIRI("遠藤 信博"))+`).Out(`+gz(vocab.Name)+`).All()`); !slices.Equal(got, []string{"遠藤 信博"}) {
				t.Errorf("遠藤 信博's name after removing the 17th meeting: %v", got)
			}
			if got := gizmoStrings(t, s, `g.V(`+gz(PersonIRI("菅 義偉"))+`).Out().All()`); len(got) != 0 {
				t.Errorf("菅 義偉, only at the 17th meeting, still has %v", got)
			}
			if got := labelQuads(t, s, vocab.Doc(meeting30)); !slices.Equal(got, doc30) {
				t.Error("removing the 17th meeting changed the 30th")
			}
		})
	}
}

// TestSameMeetingOtherPath: the same meeting read from another path is
// the same document, replaced.
func TestSameMeetingOtherPath(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			s, _ := b.start(t)
			key := seedStore(t, s)
			d := parseSeed(t, seed17)
			d.Source.Path = "moved/17.txt"
			r := writeDocs(t, s, key, d)[0]
			if r.Status != Replaced || r.Added != 1 || r.Deleted != 1 {
				t.Errorf("moved document: %+v, want replaced with one quad changed", r)
			}
			got := gizmoStrings(t, s, `g.V(`+gz(vocab.Doc(meeting17))+`).Out(`+gz(vocab.SourcePath)+`).All()`)
			if !slices.Equal(got, []string{"moved/17.txt"}) {
				t.Errorf("source path = %v", got)
			}
		})
	}
}

func TestConceptsReplace(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			s, _ := b.start(t)
			ctx := context.Background()
			list := []Concept{
				{ID: "ransomware", Type: "malware", Ja: "ランサムウェア", En: "Ransomware"},
				{ID: "wannacry", Type: "malware", Ja: "WannaCry", En: "WannaCry", Broader: []string{"ransomware"}},
			}
			if r, err := s.WriteConcepts(ctx, list); err != nil || r.Status != Added {
				t.Fatalf("WriteConcepts: %+v, %v", r, err)
			}
			list = []Concept{{ID: "ransomware", Type: "malware", Ja: "ランサムウエア", En: "Ransomware"}}
			if r, err := s.WriteConcepts(ctx, list); err != nil || r.Status != Replaced {
				t.Fatalf("WriteConcepts again: %+v, %v", r, err)
			}
			if got := gizmoStrings(t, s, `g.V(`+gz(vocab.Concept("wannacry"))+`).Out().All()`); len(got) != 0 {
				t.Errorf("a dropped concept still has %v", got)
			}
			if got := gizmoStrings(t, s, `g.V(`+gz(vocab.Concept("ransomware"))+`).Out(`+gz(vocab.PrefLabel)+`).All()`); !slices.Equal(got, []string{"ランサムウエア"}) {
				t.Errorf("relabelled concept: %v", got)
			}
		})
	}
}

func TestExportImport(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			s, _ := b.start(t)
			ctx := context.Background()
			seedStore(t, s)
			want := allQuads(t, s)

			var nq bytes.Buffer
			n, err := s.Export(ctx, &nq, "nquads")
			if err != nil || n != len(want) {
				t.Fatalf("Export nquads: %d, %v; want %d quads", n, err, len(want))
			}
			dst := mustOpen(t, Config{Backend: Memory})
			if n, err := dst.Import(ctx, bytes.NewReader(nq.Bytes())); err != nil || n != len(want) {
				t.Fatalf("Import: %d, %v", n, err)
			}
			if got := allQuads(t, dst); !slices.Equal(got, want) {
				t.Errorf("the imported graph differs from the exported one (%d vs %d quads)", len(got), len(want))
			}
			// importing again adds nothing
			if _, err := dst.Import(ctx, bytes.NewReader(nq.Bytes())); err != nil {
				t.Fatal(err)
			}
			if got := allQuads(t, dst); len(got) != len(want) {
				t.Errorf("importing twice: %d quads, want %d", len(got), len(want))
			}

			var js bytes.Buffer
			if _, err := s.Export(ctx, &js, "jsonld"); err != nil {
				t.Fatal(err)
			}
			var doc []map[string]any
			if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
				t.Fatalf("jsonld output: %v", err)
			}
			graphs := map[string]bool{}
			for _, g := range doc {
				if id, _ := g["@id"].(string); id != "" {
					graphs[id] = true
				}
			}
			for _, g := range []quad.IRI{vocab.Doc(meeting17), vocab.Doc(meeting30), vocab.ConceptsGraph} {
				if !graphs[string(g)] {
					t.Errorf("jsonld output has no named graph %s", g)
				}
			}

			var gml bytes.Buffer
			if _, err := s.Export(ctx, &gml, "graphml"); err != nil {
				t.Fatal(err)
			}
			var x struct {
				Graph struct {
					Nodes []struct{} `xml:"node"`
					Edges []struct{} `xml:"edge"`
				} `xml:"graph"`
			}
			if err := xml.Unmarshal(gml.Bytes(), &x); err != nil {
				t.Fatalf("graphml output: %v", err)
			}
			if len(x.Graph.Edges) == 0 || len(x.Graph.Edges) >= len(want) || len(x.Graph.Nodes) == 0 {
				t.Errorf("graphml: %d nodes, %d edges; want fewer edges than the %d quads (literals are attributes)", len(x.Graph.Nodes), len(x.Graph.Edges), len(want))
			}

			if _, err := s.Export(ctx, &gml, "turtle"); err == nil {
				t.Error("Export accepted an unknown format")
			}
		})
	}
}

func TestClosedStore(t *testing.T) {
	s := mustOpen(t, Config{Backend: Memory})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	ctx := context.Background()
	if _, _, err := s.Gizmo(ctx, `g.V().All()`, 1); !errors.Is(err, ErrClosed) {
		t.Errorf("Gizmo: %v", err)
	}
	if _, err := s.WriteConcepts(ctx, nil); !errors.Is(err, ErrClosed) {
		t.Errorf("WriteConcepts: %v", err)
	}
	if _, err := s.Stats(ctx); !errors.Is(err, ErrClosed) {
		t.Errorf("Stats: %v", err)
	}
}

// TestSeedQuads asserts the key facts of the seeds as the quads the store
// holds, on every backend.
func TestSeedQuads(t *testing.T) {
	d17, d30 := vocab.Doc(meeting17), vocab.Doc(meeting30)
	q := func(s quad.Value, p quad.IRI, o, l quad.Value) string {
		return quad.Quad{Subject: s, Predicate: p, Object: o, Label: l}.NQuad()
	}
	want := []string{
		// the chair's opening belongs to 菅 義偉 (17th) and 加藤 勝信 (30th)
		q(vocab.Speech(meeting17, 1), vocab.Speaker, PersonIRI("菅 義偉"), d17),
		q(vocab.Speech(meeting30, 1), vocab.Speaker, PersonIRI("加藤 勝信"), d30),
		// 遠藤 信博 spoke at both meetings: one person node
		q(vocab.Speech(meeting17, 3), vocab.Speaker, PersonIRI("遠藤 信博"), d17),
		q(vocab.Speech(meeting30, 3), vocab.Speaker, PersonIRI("遠藤 信博"), d30),
		// 坂井 学 held two different posts, each at its meeting
		q(vocab.Membership(meeting17, "坂井学"), vocab.Member, PersonIRI("坂井 学"), d17),
		q(vocab.Membership(meeting17, "坂井学"), vocab.HoldsPost, vocab.Post("総務副大臣"), d17),
		q(vocab.Membership(meeting30, "坂井学"), vocab.Member, PersonIRI("坂井 学"), d30),
		q(vocab.Membership(meeting30, "坂井学"), vocab.HoldsPost, vocab.Post("内閣官房副長官"), d30),
		// WannaCry was raised by 遠藤 信博 at the 17th meeting
		q(vocab.Speech(meeting17, 3), vocab.Mentions, vocab.Concept("wannacry"), d17),
		q(vocab.Concept("wannacry"), vocab.Broader, vocab.Concept("ransomware"), vocab.ConceptsGraph),
	}
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			s, _ := b.start(t)
			seedStore(t, s)
			have := allQuads(t, s)
			for _, w := range want {
				if _, ok := slices.BinarySearch(have, w); !ok {
					t.Errorf("missing %s", w)
				}
			}
		})
	}
}
