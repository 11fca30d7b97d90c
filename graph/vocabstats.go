package graph

import (
	"cmp"
	"context"
	"slices"

	"github.com/cayleygraph/quad"

	"github.com/gijigraph/gijigraph/graph/vocab"
)

// TermCount is how often the graph uses one term.
type TermCount struct {
	// IRI is the term, in angle brackets as Gizmo writes it.
	IRI string `json:"iri"`
	// Count is the number of quads with the predicate, or of nodes of
	// the class.
	Count int64 `json:"count"`
}

// VocabStats is what a graph uses of its vocabulary.
type VocabStats struct {
	// Predicates are the predicates of the quads, most used first.
	Predicates []TermCount `json:"predicates"`
	// Classes are the objects of rdf:type, with how many distinct nodes
	// have each, most first.
	Classes []TermCount `json:"classes"`
}

// VocabStats counts the predicates and classes of the graph in one pass
// over its quads. A fact stated by two documents is two quads, and
// counts twice among the predicates; a node counts once per class.
func (s *Store) VocabStats(ctx context.Context) (VocabStats, error) {
	preds := map[string]int64{}
	classes := map[string]int64{}
	typed := map[[2]string]bool{}
	err := s.Quads(ctx, func(q quad.Quad) error {
		p := quad.StringOf(q.Predicate)
		preds[p]++
		if q.Predicate == vocab.Type {
			key := [2]string{quad.StringOf(q.Subject), quad.StringOf(q.Object)}
			if !typed[key] {
				typed[key] = true
				classes[key[1]]++
			}
		}
		return nil
	})
	if err != nil {
		return VocabStats{}, err
	}
	return VocabStats{Predicates: sortedCounts(preds), Classes: sortedCounts(classes)}, nil
}

func sortedCounts(m map[string]int64) []TermCount {
	out := make([]TermCount, 0, len(m))
	for k, n := range m {
		out = append(out, TermCount{IRI: k, Count: n})
	}
	slices.SortFunc(out, func(a, b TermCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.IRI, b.IRI))
	})
	return out
}
