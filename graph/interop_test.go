package graph

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	// Cayley's stock bolt registration, the code path of `cayley repl -d
	// bolt -a DIR`. Only this test imports it: gijigraph itself opens bolt
	// through the kv package (bolt.go).
	_ "github.com/cayleygraph/cayley/graph/kv/bolt"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"

	"github.com/gijigraph/gijigraph/graph/vocab"
)

// TestCayleyInterop: a bolt database gijigraph wrote opens with Cayley's
// own bolt backend, as the stock cayley CLI opens it, and gives the same
// answers. docs/graph.md records the same check done with the cayley
// v0.7.7 binary.
func TestCayleyInterop(t *testing.T) {
	cfg := Config{Path: filepath.Join(t.TempDir(), "db")}
	buildSeeds(t, cfg)
	queries := []string{
		`g.V(` + gz(PersonIRI("遠藤 信博")) + `).In(` + gz(vocab.Speaker) + `).Out(` + gz(vocab.InMeeting) + `).Unique().All()`,
		`g.V(` + gz(vocab.Concept("wannacry")) + `).In(` + gz(vocab.Mentions) + `).Has(` + gz(vocab.InMeeting) + `, ` + gz(vocab.Meeting(meeting17)) + `).Out(` + gz(vocab.Speaker) + `).Unique().All()`,
		`g.V(` + gz(PersonIRI("坂井 学")) + `).In(` + gz(vocab.Member) + `).Out(` + gz(vocab.HoldsPost) + `).Out(` + gz(vocab.PrefLabel) + `).Unique().All()`,
	}
	var want [][]string
	s := mustOpen(t, cfg)
	for _, q := range queries {
		want = append(want, gizmoStrings(t, s, q))
	}
	s.Close()

	qs, err := cgraph.NewQuadStore("bolt", cfg.Path, nil)
	if err != nil {
		t.Fatalf("cayley's bolt backend cannot open the database: %v", err)
	}
	defer qs.Close()
	ctx := context.Background()
	for i, q := range queries {
		it, err := gizmo.NewSession(qs).Execute(ctx, q, query.Options{Collation: query.JSON, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for it.Next(ctx) {
			if r := it.Result(); r != nil {
				got = append(got, resultString(r))
			}
		}
		if err := it.Err(); err != nil {
			t.Fatal(err)
		}
		it.Close()
		slices.Sort(got)
		if !slices.Equal(got, want[i]) || len(got) == 0 {
			t.Errorf("%s\ncayley: %q\ngijigraph: %q", q, got, want[i])
		}
	}
}
