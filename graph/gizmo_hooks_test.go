package graph

import "testing"

// Hooks for the external tests of this package (gizmo_bench_test.go).

// SetPlainGizmo makes s run Gizmo on the backend's quad store as it is
// (plain) or with the optimiser's true sizes (sizedStore).
func SetPlainGizmo(s *Store, plain bool) { s.plainGizmo = plain }

// DocQueries returns the Gizmo examples of docs/gizmo.md.
func DocQueries(tb testing.TB) []string {
	var out []string
	for _, ex := range docExamples(tb) {
		out = append(out, ex.query)
	}
	return out
}
