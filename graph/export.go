package graph

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// ExportFormats are the formats Export writes, all through the quad
// module's writers: N-Quads keeps everything; JSON-LD keeps everything
// (each label becomes a named graph); GraphML keeps the node-edge
// structure only (no labels, and equal literals become one node).
var ExportFormats = []string{"nquads", "jsonld", "graphml"}

// Export writes every quad in the store to w in format (one of
// ExportFormats) and returns how many it wrote.
func (s *Store) Export(ctx context.Context, w io.Writer, format string) (int, error) {
	f := quad.FormatByName(format)
	if f == nil || f.Writer == nil || !exportable(format) {
		return 0, fmt.Errorf("graph: unknown export format %q (want one of %v)", format, ExportFormats)
	}
	qw := f.Writer(w)
	n := 0
	err := s.Quads(ctx, func(q quad.Quad) error {
		n++
		return qw.WriteQuad(q)
	})
	if cerr := qw.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("graph: export: %w", cerr)
	}
	return n, err
}

func exportable(format string) bool {
	i := sort.SearchStrings(sortedFormats, format)
	return i < len(sortedFormats) && sortedFormats[i] == format
}

var sortedFormats = func() []string {
	f := append([]string(nil), ExportFormats...)
	sort.Strings(f)
	return f
}()

// importBatch is how many quads Import writes per transaction.
const importBatch = 10000

// Import reads N-Quads from r and adds them to the store, skipping quads
// it already holds, in batches of importBatch quads per transaction. It
// returns how many quads it read.
func (s *Store) Import(ctx context.Context, r io.Reader) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.closed(); err != nil {
		return 0, err
	}
	qr := nquads.NewReader(r, false)
	defer qr.Close()
	n := 0
	var deltas []cgraph.Delta
	flush := func() error {
		if len(deltas) == 0 {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		err := s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
		deltas = deltas[:0]
		return err
	}
	for {
		q, err := qr.ReadQuad()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return n, fmt.Errorf("graph: import: quad %d: %w", n+1, err)
		}
		n++
		deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
		if len(deltas) >= importBatch {
			if err := flush(); err != nil {
				return n, fmt.Errorf("graph: import: %w", err)
			}
		}
	}
	if err := flush(); err != nil {
		return n, fmt.Errorf("graph: import: %w", err)
	}
	return n, nil
}
