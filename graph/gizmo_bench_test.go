package graph_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/gijigraph/gijigraph/graph"
	"github.com/gijigraph/gijigraph/queries"
)

// BenchmarkGizmo runs, on a database built beforehand, the canned
// who-raised for one concept (its first 100 rows) and every Gizmo example
// of docs/gizmo.md, each through the optimiser's true sizes ("sized", what
// Store.Gizmo does) and through Cayley's own estimates ("plain"):
//
//	GIJIGRAPH_BENCH_DB=bench/out/db1000 GIJIGRAPH_BENCH_CONCEPT=vulnerability \
//	  go test ./graph -run '^$' -bench 'Gizmo/sized' -benchtime 3x
//	GIJIGRAPH_BENCH_DSN=postgres://… go test ./graph -run '^$' -bench Gizmo …
//
// GIJIGRAPH_BENCH_DB is a bolt database (opened read-only),
// GIJIGRAPH_BENCH_DSN a PostgreSQL one; the concept defaults to
// ransomware. The docs' examples name the seed meetings: build the seeds
// into the database too (gijigraph build seeds/ bench/out/m1000).
func BenchmarkGizmo(b *testing.B) {
	ctx := context.Background()
	var cfg graph.Config
	switch {
	case os.Getenv("GIJIGRAPH_BENCH_DB") != "":
		cfg = graph.Config{Backend: graph.Bolt, Path: os.Getenv("GIJIGRAPH_BENCH_DB"), ReadOnly: true}
	case os.Getenv("GIJIGRAPH_BENCH_DSN") != "":
		cfg = graph.Config{Backend: graph.Postgres, DSN: os.Getenv("GIJIGRAPH_BENCH_DSN")}
	default:
		b.Skip("set GIJIGRAPH_BENCH_DB (a bolt database) or GIJIGRAPH_BENCH_DSN (PostgreSQL) to a built database")
	}
	s, err := graph.Open(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	concept := os.Getenv("GIJIGRAPH_BENCH_CONCEPT")
	if concept == "" {
		concept = "ransomware"
	}
	q, ok := queries.Get("who-raised")
	if !ok {
		b.Fatal("no canned query who-raised")
	}
	whoRaised, err := q.Script(map[string]string{"concept": concept})
	if err != nil {
		b.Fatal(err)
	}
	scripts := map[string]string{"who-raised": whoRaised}
	for i, d := range graph.DocQueries(b) {
		scripts[fmt.Sprintf("docs-%02d", i+1)] = d
	}
	for _, mode := range []string{"sized", "plain"} {
		b.Run(mode, func(b *testing.B) {
			graph.SetPlainGizmo(s, mode == "plain")
			defer graph.SetPlainGizmo(s, false)
			for name, script := range scripts {
				b.Run(name, func(b *testing.B) {
					for b.Loop() {
						res, _, err := s.Gizmo(ctx, script, 100)
						if err != nil {
							b.Fatal(err)
						}
						if len(res) == 0 {
							b.Fatal("no results")
						}
					}
				})
			}
		})
	}
}
