package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/gijigraph/gijigraph/extract"
	"github.com/gijigraph/gijigraph/graph/vocab"
)

// Status says what a write did to a document's quads.
type Status int

const (
	// Unchanged: the store already held exactly these quads.
	Unchanged Status = iota
	// Added: the store held no quads under this label.
	Added
	// Replaced: the quads under this label changed.
	Replaced
	// Removed: every quad under this label was deleted.
	Removed
)

func (s Status) String() string {
	switch s {
	case Unchanged:
		return "unchanged"
	case Added:
		return "added"
	case Replaced:
		return "replaced"
	case Removed:
		return "removed"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// WriteResult is what one write did.
type WriteResult struct {
	Status Status
	// Quads is the number of quads the label holds after the write.
	Quads int
	// Added and Deleted count the quads written and removed.
	Added, Deleted int
}

// WriteDocument stores doc's quads (DocumentQuads) under its label,
// replacing whatever that label held: the quads the new version no longer
// has are deleted and the new ones added, in one transaction where the
// backend has them (bolt, postgres). Writing the same document again
// changes nothing.
func (s *Store) WriteDocument(ctx context.Context, doc *extract.Document, buildKey string) (WriteResult, error) {
	qs, err := DocumentQuads(doc, buildKey)
	if err != nil {
		return WriteResult{}, err
	}
	res, err := s.replaceLabel(ctx, vocab.Doc(doc.Meeting.ID), qs)
	if err != nil {
		return res, fmt.Errorf("graph: writing %s: %w", doc.Source.Path, err)
	}
	return res, nil
}

// WriteConcepts stores the concept list under vocab.ConceptsGraph,
// replacing the list stored before.
func (s *Store) WriteConcepts(ctx context.Context, concepts []Concept) (WriteResult, error) {
	res, err := s.replaceLabel(ctx, vocab.ConceptsGraph, ConceptQuads(concepts))
	if err != nil {
		return res, fmt.Errorf("graph: writing concepts: %w", err)
	}
	return res, nil
}

// RemoveDocument deletes every quad of the meeting's document.
func (s *Store) RemoveDocument(ctx context.Context, meetingID string) (WriteResult, error) {
	res, err := s.replaceLabel(ctx, vocab.Doc(meetingID), nil)
	if err != nil {
		return res, fmt.Errorf("graph: removing %s: %w", meetingID, err)
	}
	return res, nil
}

// replaceLabel makes want the quads under label. It applies only the
// difference: Cayley applies the additions of a batch before its
// deletions, so a quad both deleted and added in one batch would be lost.
func (s *Store) replaceLabel(ctx context.Context, label quad.Value, want []quad.Quad) (WriteResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.closed(); err != nil {
		return WriteResult{}, err
	}
	have, err := s.quadsWith(ctx, quad.Label, label)
	if err != nil {
		return WriteResult{}, err
	}
	haveSet := make(map[quad.Quad]struct{}, len(have))
	for _, q := range have {
		haveSet[q] = struct{}{}
	}
	wantSet := make(map[quad.Quad]struct{}, len(want))
	var deltas []cgraph.Delta
	res := WriteResult{}
	for _, q := range want {
		if q.Label != label {
			return res, fmt.Errorf("quad %v is not in graph %v", q, label)
		}
		wantSet[q] = struct{}{}
		if _, ok := haveSet[q]; !ok {
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
			res.Added++
		}
	}
	for _, q := range have {
		if _, ok := wantSet[q]; !ok {
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
			res.Deleted++
		}
	}
	res.Quads = len(wantSet)
	switch {
	case len(deltas) == 0:
		res.Status = Unchanged
		return res, nil
	case len(have) == 0:
		res.Status = Added
	case len(want) == 0:
		res.Status = Removed
	default:
		res.Status = Replaced
	}
	if err := ctx.Err(); err != nil {
		return WriteResult{}, err
	}
	if err := s.apply(deltas); err != nil {
		return WriteResult{}, err
	}
	return res, nil
}

// apply applies deltas, all additions before all deletions.
//
// On PostgreSQL and in memory that is one ApplyDeltas: one transaction.
// Cayley v0.7.7's kv backend (bolt) has a bug there: in a batch where a
// node loses more quads than it gains, a quad added with that node is
// written without it (a zero id), so it silently vanishes. On bolt the
// additions and the deletions are therefore two batches, each its own
// transaction; Update still makes a whole build atomic.
func (s *Store) apply(deltas []cgraph.Delta) error {
	opts := cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}
	if s.backend != Bolt {
		return s.qs.ApplyDeltas(deltas, opts)
	}
	split := len(deltas)
	for i, d := range deltas {
		if d.Action != cgraph.Add {
			split = i
			break
		}
	}
	for _, batch := range [][]cgraph.Delta{deltas[:split], deltas[split:]} {
		if len(batch) == 0 {
			continue
		}
		if err := s.qs.ApplyDeltas(batch, opts); err != nil {
			return err
		}
	}
	return nil
}

// Unchanged reports whether the store holds a document read from path
// whose bytes had the hex SHA-256 sha and whose quads were made with
// buildKey: then building that file again would change nothing, and it
// need not even be parsed.
func (s *Store) Unchanged(ctx context.Context, path, sha, buildKey string) (bool, error) {
	defer s.rlock()()
	if err := s.closed(); err != nil {
		return false, err
	}
	qs, err := s.quadsWith(ctx, quad.Object, quad.String(sha))
	if err != nil {
		return false, fmt.Errorf("graph: %w", err)
	}
	for _, q := range qs {
		if q.Predicate != vocab.SHA256 || q.Label != q.Subject {
			continue
		}
		props, err := s.quadsWith(ctx, quad.Subject, q.Subject)
		if err != nil {
			return false, fmt.Errorf("graph: %w", err)
		}
		pathOK, keyOK := false, false
		for _, p := range props {
			if p.Label != q.Subject {
				continue
			}
			switch {
			case p.Predicate == vocab.SourcePath && p.Object == quad.String(path):
				pathOK = true
			case p.Predicate == vocab.BuildKey && p.Object == quad.String(buildKey):
				keyOK = true
			}
		}
		if pathOK && keyOK {
			return true, nil
		}
	}
	return false, nil
}
