package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/gijigraph/gijigraph/graph/index"
)

// The persistent read index (package graph/index): for every label, the
// facts of its quads that the read model reads (indexFacts). Every write
// through the Store writes the entries of the labels it changes; a
// Snapshot is built from the entries when the index is valid, which
// reads one value a document instead of resolving every quad through
// Cayley.

// indexFacts returns the facts of quads that the read model uses: those
// whose subject is an instance of a kind it reads (snapBuilder.add
// ignores every other quad).
func indexFacts(qs []quad.Quad) []index.Fact {
	var out []index.Fact
	for _, q := range qs {
		sub, ok := q.Subject.(quad.IRI)
		if !ok {
			continue
		}
		if _, isIRI := q.Predicate.(quad.IRI); !isIRI {
			continue
		}
		if k, _ := kindOf(string(sub)); k == kOther {
			continue
		}
		out = append(out, index.Fact{S: q.Subject, P: q.Predicate, O: q.Object})
	}
	return out
}

// indexEntry is the entry of label when it holds quads (all under
// label); none deletes it.
func indexEntry(label quad.Value, quads []quad.Quad) (index.Entry, error) {
	e := index.Entry{Key: index.Key(label)}
	if len(quads) > 0 {
		return factsEntry(e.Key, indexFacts(quads))
	}
	return e, nil
}

// factsEntry is the entry of a document with the given facts, with its
// view.
func factsEntry(key string, facts []index.Fact) (index.Entry, error) {
	v, err := docView(facts)
	if err != nil {
		return index.Entry{}, fmt.Errorf("graph: read index of %s: %w", key, err)
	}
	return index.Entry{Key: key, Data: index.Encode(facts), View: v}, nil
}

// applyIndexed applies deltas and writes the index entries: on bolt in
// the transaction of Cayley's last batch, on PostgreSQL in a transaction
// right after Cayley's. The caller holds s.mu.
func (s *Store) applyIndexed(ctx context.Context, deltas []cgraph.Delta, entries []index.Entry) error {
	switch {
	case s.ikv != nil:
		return s.apply(deltas, func(last func() error) error {
			return s.ikv.WithEntries(ctx, entries, last)
		})
	case s.pg != nil:
		if err := s.apply(deltas, nil); err != nil {
			return err
		}
		return index.PutPG(ctx, s.pg, entries)
	}
	return s.apply(deltas, nil)
}

// IndexStatus says whether a store's read index can be used.
type IndexStatus struct {
	// Valid: the index is complete and of index.Version.
	Valid bool
	// Version is the version the store holds, 0 for none.
	Version int
	// Supported is false for the memory backend, which has no index.
	Supported bool
}

// IndexStatus reports whether the store holds a usable read index.
func (s *Store) IndexStatus(ctx context.Context) (IndexStatus, error) {
	if err := s.closed(); err != nil {
		return IndexStatus{}, err
	}
	var (
		st  = IndexStatus{Supported: true}
		err error
	)
	switch {
	case s.ikv != nil:
		st.Valid, st.Version, err = s.ikv.Valid(ctx)
	case s.pg != nil:
		st.Valid, st.Version, err = index.ValidPG(ctx, s.pg)
	default:
		st.Supported = false
	}
	if err != nil {
		return st, fmt.Errorf("graph: %w", err)
	}
	return st, nil
}

// RebuildIndex writes the read index anew from every quad of the store
// and marks it valid: `gijigraph build` calls it on a database whose
// index is missing or of an older version.
func (s *Store) RebuildIndex(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rebuildIndex(ctx)
}

func (s *Store) rebuildIndex(ctx context.Context) error {
	if err := s.closed(); err != nil {
		return err
	}
	if s.ikv == nil && s.pg == nil {
		return nil
	}
	type doc struct {
		label quad.Value
		facts []index.Fact
	}
	docs := map[string]*doc{}
	_, err := s.scan(ctx, func(sub, pred, obj, label quad.Value) {
		k := index.Key(label)
		d := docs[k]
		if d == nil {
			d = &doc{label: label}
			docs[k] = d
		}
		if f := indexFacts([]quad.Quad{{Subject: sub, Predicate: pred, Object: obj}}); len(f) > 0 {
			d.facts = append(d.facts, f[0])
		}
	})
	if err != nil {
		return fmt.Errorf("graph: rebuilding the read index: %w", err)
	}
	entries := make([]index.Entry, 0, len(docs))
	for k, d := range docs {
		e, err := factsEntry(k, d.facts)
		if err != nil {
			return err
		}
		entries = append(entries, e)
		delete(docs, k)
	}
	if s.ikv != nil {
		err = s.ikv.ReplaceAll(ctx, entries)
	} else {
		err = index.ReplaceAllPG(ctx, s.pg, entries)
	}
	if err != nil {
		return fmt.Errorf("graph: rebuilding the read index: %w", err)
	}
	return nil
}

// ensureIndex rebuilds the read index if it is missing or old.
func (s *Store) ensureIndex(ctx context.Context) error {
	st, err := s.IndexStatus(ctx)
	if err != nil || !st.Supported || st.Valid {
		return err
	}
	return s.RebuildIndex(ctx)
}

// IndexGeneration returns a number that changes whenever a document is
// written to the store's read index, by any process: servers on one
// PostgreSQL database poll it to see each other's writes. It is 0 on
// bolt and memory, whose only writer is the process that has them open.
func (s *Store) IndexGeneration(ctx context.Context) (int64, error) {
	if err := s.closed(); err != nil {
		return 0, err
	}
	if s.pg == nil {
		return 0, nil
	}
	g, err := index.GenerationPG(ctx, s.pg)
	if err != nil {
		return 0, fmt.Errorf("graph: %w", err)
	}
	return g, nil
}

// snapshotFromIndex feeds the builder every fact of the read index.
func (s *Store) snapshotFromIndex(ctx context.Context, b *snapBuilder) (int, error) {
	n := 0
	add := func(sub, pred, obj quad.Value) {
		b.add(sub, pred, obj)
		n++
	}
	decode := func(key string, data []byte) error {
		if err := index.Decode(data, add); err != nil {
			return fmt.Errorf("read index entry %q: %w", key, err)
		}
		return ctx.Err()
	}
	var err error
	if s.ikv != nil {
		err = s.ikv.Scan(ctx, decode)
	} else {
		err = index.ScanPG(ctx, s.pg, decode)
	}
	return n, err
}
