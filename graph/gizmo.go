package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"

	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
)

// DefaultLimit is the number of results Gizmo returns when the caller
// gives no limit.
const DefaultLimit = 100

// Gizmo runs a Gizmo (JavaScript) query and returns at most limit
// results (DefaultLimit if limit <= 0), each as Cayley's JSON collation
// gives it: a map from tag ("id" for the current node) to value for
// .All(), or the value itself for g.Emit(x). IRIs come back as
// "<https://…>", strings as plain strings, integers as int64.
//
// Short IRIs in the script's string literals ("person:村井純",
// "schema:name") are expanded first: see ExpandPrefixes.
//
// truncated reports that the query had more results than limit. Every
// call runs in a session of its own, since a Cayley session runs one
// query. Cancelling ctx stops the query, a JavaScript loop included (the
// VM is interrupted), and Gizmo returns ctx's error at once.
func (s *Store) Gizmo(ctx context.Context, script string, limit int) (results []any, truncated bool, err error) {
	return s.GizmoWith(ctx, script, GizmoOptions{Limit: limit})
}

// GizmoOptions change how GizmoWith runs a query.
type GizmoOptions struct {
	// Limit is the most results returned (DefaultLimit if <= 0).
	Limit int
	// Verbatim runs the script as written, without ExpandPrefixes, as
	// Cayley's own HTTP API does.
	Verbatim bool
	// JSONLD gives results in Cayley's JSON-LD collation (what its HTTP
	// API answers to Accept: application/ld+json) instead of JSON.
	JSONLD bool
}

// GizmoWith is Gizmo with options.
func (s *Store) GizmoWith(ctx context.Context, script string, opt GizmoOptions) (results []any, truncated bool, err error) {
	limit := opt.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	defer s.rlock()()
	if err := s.closed(); err != nil {
		return nil, false, err
	}
	if !opt.Verbatim {
		script = ExpandPrefixes(script)
	}
	col := query.JSON
	if opt.JSONLD {
		col = query.JSONLD
	}
	ses := gizmo.NewSession(s.gizmoStore())
	// Cayley caps the results at the limit without saying so: ask for one
	// more to tell the caller that there were more.
	it, err := ses.Execute(ctx, script, query.Options{Collation: col, Limit: limit + 1})
	if err != nil {
		return nil, false, fmt.Errorf("graph: gizmo: %w", err)
	}
	defer it.Close()
	results = []any{}
	// The session ignores the context given to Execute: only the one given
	// to Next cancels the query, and interrupts the JavaScript VM.
	for it.Next(ctx) {
		r := it.Result()
		if r == nil {
			continue // the script's own return value
		}
		if len(results) == limit {
			truncated = true
			break
		}
		results = append(results, r)
	}
	if err := ctx.Err(); err != nil {
		return nil, false, fmt.Errorf("graph: gizmo: %w", err)
	}
	if err := it.Err(); err != nil {
		return nil, false, fmt.Errorf("graph: gizmo: %w", err)
	}
	return results, truncated, nil
}

// gizmoStore is the quad store Gizmo queries run on: on bolt, the store
// with true sizes for the optimiser (sizedStore); the others answer
// sizes well themselves.
func (s *Store) gizmoStore() cgraph.QuadStore {
	if s.backend == Bolt && !s.plainGizmo {
		return sizedStore{QuadStore: s.qs, sizes: s.sizes}
	}
	return s.qs
}
