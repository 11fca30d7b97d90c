package graph

import (
	"context"
	"errors"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/gijigraph/gijigraph/extract"
	"github.com/gijigraph/gijigraph/graph/index"
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

// DefaultBatchQuads is how many quads of new documents a Loader on bolt
// buffers before it writes them. A batch is written in key order, so the
// larger it is the fewer times the pages it shares with the next (a
// person's entries, the reference counts of predicates and classes) are
// written; it costs about 400 bytes of memory a quad.
const DefaultBatchQuads = 500_000

// Prepared is a document mapped to its quads, ready for a Loader.
// Mapping is a good part of the cost of a write, and needs no store, so a
// build prepares documents on all cores.
type Prepared struct {
	path  string
	label quad.Value
	quads []quad.Quad
	entry index.Entry // its read index entry, with the view
}

// Prepare maps doc to its quads (DocumentQuads) and its read index entry
// for Loader.Write.
func Prepare(doc *extract.Document, buildKey string) (*Prepared, error) {
	qs, err := DocumentQuads(doc, buildKey)
	if err != nil {
		return nil, err
	}
	label := vocab.Doc(doc.Meeting.ID)
	e, err := indexEntry(label, qs)
	if err != nil {
		return nil, err
	}
	return &Prepared{path: doc.Source.Path, label: label, quads: qs, entry: e}, nil
}

// A Loader writes a stream of documents: the fast path of a build. A
// document whose label holds nothing yet is added without reading the
// store, and its quads wait in a buffer that is written for many
// documents at once (DefaultBatchQuads). On the copy a bolt Update writes
// into, the buffer is written directly in Cayley's layout (addNew), in key
// order; elsewhere it is one ApplyDeltas. Any other document (one the
// store holds, or one this Loader wrote already) is written as by
// WriteDocument, after the buffer. The store ends up with the same quads
// as with WriteDocument.
//
// Write reports a buffered document as Added at once; an error applying
// the buffer is returned by a later Write or by Flush. Call Flush after
// the last Write. A Loader is not safe for concurrent use.
type Loader struct {
	s       *Store
	max     int                     // buffer this many quads; 0: write each document at once
	pending []quad.Quad             // quads of new documents, not yet applied
	entries []index.Entry           // their read index entries
	written map[quad.Value]struct{} // labels written (or buffered) by this Loader
}

// NewLoader returns a Loader writing to s.
func (s *Store) NewLoader() *Loader {
	l := &Loader{s: s, written: make(map[quad.Value]struct{})}
	if s.backend == Bolt {
		l.max = DefaultBatchQuads
	}
	return l
}

// Write stores the document's quads under its label, as WriteDocument
// does.
func (l *Loader) Write(ctx context.Context, p *Prepared) (WriteResult, error) {
	res, err := l.write(ctx, p)
	if err != nil {
		return res, fmt.Errorf("graph: writing %s: %w", p.path, err)
	}
	return res, nil
}

// write makes qs the quads under label.
func (l *Loader) write(ctx context.Context, p *Prepared) (WriteResult, error) {
	label, qs := p.label, p.quads
	if err := ctx.Err(); err != nil {
		return WriteResult{}, err
	}
	_, again := l.written[label]
	l.written[label] = struct{}{}
	if l.max > 0 && !again && len(qs) > 0 {
		if absent, err := l.s.absent(label); err != nil {
			return WriteResult{}, err
		} else if absent {
			for _, q := range qs {
				if q.Label != label {
					return WriteResult{}, fmt.Errorf("quad %v is not in graph %v", q, label)
				}
			}
			l.pending = append(l.pending, qs...)
			l.entries = append(l.entries, p.entry)
			if len(l.pending) >= l.max {
				if err := l.Flush(ctx); err != nil {
					return WriteResult{}, err
				}
			}
			return WriteResult{Status: Added, Quads: len(qs), Added: len(qs)}, nil
		}
	}
	if err := l.Flush(ctx); err != nil {
		return WriteResult{}, err
	}
	return l.s.replaceLabel(ctx, label, qs)
}

// Flush applies the buffered additions.
//
// They are quads under labels that hold nothing, each label a node the
// store does not hold: no quad of them can be in the store already. On
// the copy a bolt Update writes, addNew writes them directly; elsewhere
// they are one ApplyDeltas, which as it holds no deletions cannot meet
// the kv bug apply works around.
func (l *Loader) Flush(ctx context.Context) error {
	if len(l.pending) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	l.s.mu.Lock()
	defer l.s.mu.Unlock()
	if err := l.s.closed(); err != nil {
		return err
	}
	entries := l.entries
	err := errNotNew
	if kv := bulkOf(l.s); kv != nil {
		if err = kv.addNew(l.pending); err == nil && l.s.ikv != nil {
			// The copy a bolt Update writes is atomic as a whole: the
			// entries need not share addNew's transactions.
			err = l.s.ikv.Put(ctx, entries)
		}
	}
	if errors.Is(err, errNotNew) {
		deltas := make([]cgraph.Delta, len(l.pending))
		for i, q := range l.pending {
			deltas[i] = cgraph.Delta{Quad: q, Action: cgraph.Add}
		}
		err = l.s.applyIndexed(ctx, deltas, entries)
	}
	clear(l.pending) // let the quads go
	l.pending = l.pending[:0]
	clear(l.entries)
	l.entries = l.entries[:0]
	if err != nil {
		return fmt.Errorf("graph: %w", err)
	}
	return nil
}

// labelQuads returns the quads under label. On the copy a bolt Update
// writes, it reads them directly (bulkKV.labelQuads), as replacing every
// document (a new concept list) is mostly reading what they hold.
func (s *Store) labelQuads(ctx context.Context, label quad.Value) ([]quad.Quad, error) {
	if kv := bulkOf(s); kv != nil {
		if qs, ok, err := kv.labelQuads(label); ok || err != nil {
			return qs, err
		}
	}
	return s.quadsWith(ctx, quad.Label, label)
}

// absent reports whether the store holds no quad under label: then
// label is not even a node.
func (s *Store) absent(label quad.Value) (bool, error) {
	defer s.rlock()()
	if err := s.closed(); err != nil {
		return false, err
	}
	return s.qs.ValueOf(label) == nil, nil
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
	have, err := s.labelQuads(ctx, label)
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
	e, err := indexEntry(label, want)
	if err != nil {
		return WriteResult{}, err
	}
	if err := s.applyIndexed(ctx, deltas, []index.Entry{e}); err != nil {
		return WriteResult{}, err
	}
	return res, nil
}

// apply applies deltas, all additions before all deletions. last, if
// given, runs Cayley's last write: applyIndexed uses it to write index
// entries in that write's transaction.
//
// On PostgreSQL and in memory that is one ApplyDeltas: one transaction.
// Cayley v0.7.7's kv backend (bolt) has a bug there: in a batch where a
// node loses more quads than it gains, a quad added with that node is
// written without it (a zero id), so it silently vanishes. On bolt the
// additions and the deletions are therefore two batches, each its own
// transaction; Update still makes a whole build atomic.
func (s *Store) apply(deltas []cgraph.Delta, last func(write func() error) error) error {
	opts := cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}
	if last == nil {
		last = func(write func() error) error { return write() }
	}
	if s.backend != Bolt {
		return last(func() error { return s.qs.ApplyDeltas(deltas, opts) })
	}
	split := len(deltas)
	for i, d := range deltas {
		if d.Action != cgraph.Add {
			split = i
			break
		}
	}
	batches := [][]cgraph.Delta{deltas[:split], deltas[split:]}
	if len(batches[1]) == 0 {
		batches = batches[:1]
	} else if len(batches[0]) == 0 {
		batches = batches[1:]
	}
	for i, batch := range batches {
		write := func() error { return s.qs.ApplyDeltas(batch, opts) }
		var err error
		if i == len(batches)-1 {
			err = last(write)
		} else {
			err = write()
		}
		if err != nil {
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
