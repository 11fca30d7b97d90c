package graph

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/cayleygraph/quad/voc/xsd"
)

// ExportFormats are the formats Export writes. N-Quads and JSON-LD keep
// everything (each label becomes a named graph) and are written by the
// quad module's writers; GraphML is gijigraph's own writer (see
// writeGraphML): IRIs are node ids, literals typed node attributes, and
// each edge names the documents its fact came from.
var ExportFormats = []string{"nquads", "jsonld", "graphml"}

// Export writes every quad in the store to w in format (one of
// ExportFormats) and returns how many it read. Datatypes and IRIs are
// written in full (<http://www.w3.org/2001/XMLSchema#integer>, never
// the quad module's <xsd:integer>), so that RDF tools read integers as
// integers.
func (s *Store) Export(ctx context.Context, w io.Writer, format string) (int, error) {
	if !exportable(format) {
		return 0, fmt.Errorf("graph: unknown export format %q (want one of %v)", format, ExportFormats)
	}
	if format == "graphml" {
		return s.exportGraphML(ctx, w)
	}
	f := quad.FormatByName(format)
	if f == nil || f.Writer == nil {
		return 0, fmt.Errorf("graph: unknown export format %q (want one of %v)", format, ExportFormats)
	}
	qw := f.Writer(w)
	n := 0
	err := s.Quads(ctx, func(q quad.Quad) error {
		n++
		return qw.WriteQuad(FullQuad(q))
	})
	if cerr := qw.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("graph: export: %w", cerr)
	}
	return n, err
}

// FullQuad returns q with every IRI and datatype in full: the quad
// module gives Int, Bool, Float and Time values the short datatypes
// <xsd:integer>…, which RDF tools read as IRIs of an unknown scheme. A
// Bool is also written as "true"/"false", the canonical XSD form, not
// Go's "True".
func FullQuad(q quad.Quad) quad.Quad {
	q.Subject = fullValue(q.Subject)
	q.Predicate = fullValue(q.Predicate)
	q.Object = fullValue(q.Object)
	if q.Label != nil {
		q.Label = fullValue(q.Label)
	}
	return q
}

func fullValue(v quad.Value) quad.Value {
	switch x := v.(type) {
	case quad.IRI:
		return x.Full()
	case quad.TypedString:
		x.Type = x.Type.Full()
		return x
	case quad.Bool:
		return quad.TypedString{Value: quad.String(strconv.FormatBool(bool(x))), Type: quad.IRI(xsd.Boolean).Full()}
	case quad.TypedStringer:
		ts := x.TypedString()
		ts.Type = ts.Type.Full()
		return ts
	}
	return v
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
// returns how many quads it read. A line that is not a quad is an error
// that names the line (counted from 1, blank lines and comments
// included).
func (s *Store) Import(ctx context.Context, r io.Reader) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.closed(); err != nil {
		return 0, err
	}
	lr := &nquadReader{r: bufio.NewReaderSize(r, 64<<10)}
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
		q, err := lr.next()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return n, fmt.Errorf("graph: import: line %d: %w", lr.line, err)
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

// nquadReader reads N-Quads a line at a time, as Cayley's nquads.Reader
// does (blank lines and # comments skipped, quads without a subject,
// predicate or object skipped), and counts the lines, so that an error
// can name its line.
type nquadReader struct {
	r    *bufio.Reader
	buf  []byte
	line int
}

func (l *nquadReader) next() (quad.Quad, error) {
	for {
		l.buf = l.buf[:0]
		for {
			b, more, err := l.r.ReadLine()
			if err != nil {
				if errors.Is(err, io.EOF) && len(l.buf) > 0 {
					break
				}
				return quad.Quad{}, err
			}
			l.buf = append(l.buf, b...)
			if !more {
				break
			}
		}
		l.line++
		t := bytes.TrimSpace(l.buf)
		if len(t) == 0 || t[0] == '#' {
			continue
		}
		q, err := nquads.Parse(string(t))
		if err != nil {
			return quad.Quad{}, err
		}
		if q.IsValid() {
			return q, nil
		}
	}
}
