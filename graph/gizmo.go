package graph

import (
	"context"
	"fmt"

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
	if limit <= 0 {
		limit = DefaultLimit
	}
	defer s.rlock()()
	if err := s.closed(); err != nil {
		return nil, false, err
	}
	script = ExpandPrefixes(script)
	ses := gizmo.NewSession(s.qs)
	// Cayley caps the results at the limit without saying so: ask for one
	// more to tell the caller that there were more.
	it, err := ses.Execute(ctx, script, query.Options{Collation: query.JSON, Limit: limit + 1})
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
