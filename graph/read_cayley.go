package graph

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	cayleyhttp "github.com/cayleygraph/cayley/server/http"
	"github.com/cayleygraph/quad"
)

// CayleyOptions configure CayleyHandler.
type CayleyOptions struct {
	// ReadOnly refuses /api/v2/write, /api/v2/delete and
	// /api/v2/node/delete with 403.
	ReadOnly bool
	// Timeout bounds each query; 0 means none.
	Timeout time.Duration
	// Limit caps the results of a query; 0 means Cayley's 100.
	Limit int
}

// CayleyHandler serves Cayley's own HTTP API v2 over the store:
// /api/v2/query?lang=gizmo, /api/v2/read, /api/v2/formats and, unless
// read-only, /api/v2/write, /api/v2/delete and /api/v2/node/delete, so
// that existing Cayley clients work. Mount it with the prefix stripped.
//
// A query honours opts.Timeout through the context Cayley gives the
// iterator, which also stops a looping script. Writes take the store's
// write lock; after one, what a Snapshot shows is stale.
func (s *Store) CayleyHandler(opts CayleyOptions) http.Handler {
	qw, err := cgraph.NewQuadWriter("single", s.qs, nil)
	if err != nil {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "graph: cayley writer: "+err.Error(), http.StatusInternalServerError)
		})
	}
	api := cayleyhttp.NewAPIv2(&cgraph.Handle{QuadStore: s.qs, QuadWriter: qw})
	api.SetReadOnly(opts.ReadOnly)
	if opts.Timeout > 0 {
		api.SetQueryTimeout(opts.Timeout)
	}
	if opts.Limit > 0 {
		api.SetQueryLimit(opts.Limit)
	}
	// /api/v2/read writes quads with the format's writer, as Export
	// does: its own API over a store whose quads have full datatypes.
	read := cayleyhttp.NewAPIv2(&cgraph.Handle{QuadStore: fullQuads{s.qs}, QuadWriter: qw})
	read.SetReadOnly(true)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := http.Handler(api)
		if strings.TrimSuffix(r.URL.Path, "/") == "/api/v2/read" {
			h = read
		}
		write := IsCayleyWrite(r.URL.Path)
		if write {
			s.mu.Lock()
			defer s.mu.Unlock()
		} else {
			defer s.rlock()()
		}
		if s.closed() != nil {
			http.Error(w, `{"error": "graph: store is closed"}`, http.StatusServiceUnavailable)
			return
		}
		if !write {
			h.ServeHTTP(w, r)
			return
		}
		// A write through Cayley may touch any label: the read index is
		// written anew before the answer goes out.
		rec := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		api.ServeHTTP(rec, r)
		if rec.status < 300 {
			if err := s.rebuildIndex(r.Context()); err != nil {
				http.Error(w, `{"error": "graph: the write is done, but the read index failed: run gijigraph build"}`, http.StatusInternalServerError)
				return
			}
		}
		rec.flush()
	})
}

// fullQuads is a quad store whose quads have every IRI and datatype in
// full (FullQuad), for Cayley's quad readers.
type fullQuads struct{ cgraph.QuadStore }

func (f fullQuads) Quad(ref cgraph.Ref) quad.Quad { return FullQuad(f.QuadStore.Quad(ref)) }

// CayleyWriteError classifies msg, the error with which Cayley's HTTP
// API answered a write or delete with status 500: a quad or node to
// delete that is not in the store matches ErrNotFound, a body that does
// not parse ErrInvalid. Others, the store's own failures, give nil.
func CayleyWriteError(msg string) error {
	switch {
	case strings.Contains(msg, cgraph.ErrQuadNotExist.Error()), strings.Contains(msg, cgraph.ErrNodeNotExists.Error()):
		return fmt.Errorf("%w: cayley: %s", ErrNotFound, msg)
	case strings.HasPrefix(msg, "failed to parse"), strings.Contains(msg, quad.ErrInvalid.Error()), strings.Contains(msg, quad.ErrIncomplete.Error()):
		return fmt.Errorf("%w: cayley: %s", ErrInvalid, msg)
	}
	return nil
}

// IsCayleyWrite reports whether a path of Cayley's API v2 (after the
// mount prefix) changes the graph.
func IsCayleyWrite(path string) bool {
	switch strings.TrimSuffix(path, "/") {
	case "/api/v2/write", "/api/v2/delete", "/api/v2/node/delete":
		return true
	}
	return false
}

// statusWriter holds a response back until flush, so that a handler's
// answer can still be replaced by an error.
type statusWriter struct {
	http.ResponseWriter
	status int
	body   []byte
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	w.body = append(w.body, b...)
	return len(b), nil
}

func (w *statusWriter) flush() {
	w.ResponseWriter.WriteHeader(w.status)
	w.ResponseWriter.Write(w.body)
}
