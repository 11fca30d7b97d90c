package server

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"runtime/debug"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/gijigraph/gijigraph/graph"
	"github.com/gijigraph/gijigraph/sandbox"
)

// acquire takes a Gizmo slot, or fails with errTooMany when all
// GizmoConcurrency are taken: a client is better told to retry than kept
// waiting while the queries ahead of it run to their timeouts.
func (s *Server) acquire() (release func(), err error) {
	select {
	case s.gizmo <- struct{}{}:
		s.metrics.gizmoInFlight.Inc()
		return func() {
			<-s.gizmo
			s.metrics.gizmoInFlight.Dec()
		}, nil
	default:
		s.metrics.gizmoQueries.WithLabelValues("rejected").Inc()
		return nil, fmt.Errorf("%w: %d Gizmo queries are running; retry later", errTooMany, cap(s.gizmo))
	}
}

// readBody reads the request body, at most limit bytes.
func readBody(c *gin.Context, limit int64) ([]byte, error) {
	data, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, limit))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return nil, fmt.Errorf("%w: the limit is %d bytes", errTooLarge, limit)
	} else if err != nil {
		return nil, fmt.Errorf("%w: reading the body: %w", ErrInvalidArgument, err)
	}
	return data, nil
}

// gizmoRequest is a parsed POST /api/gizmo.
type gizmoRequest struct {
	script string
	limit  int
	// userError, if not nil, rewrites a query's error (a canned query's
	// "no concept matches", into a 404 with close matches).
	userError func(error) error
}

func (s *Server) parseGizmo(c *gin.Context) (gizmoRequest, error) {
	p := &params{c: c}
	r := gizmoRequest{limit: p.int("limit", s.cfg.GizmoLimit, 1, MaxGizmoLimit)}
	if p.err != nil {
		return r, p.err
	}
	data, err := readBody(c, s.cfg.MaxQueryBytes)
	if err != nil {
		return r, err
	}
	r.script = string(data)
	if strings.TrimSpace(r.script) == "" {
		return r, fmt.Errorf("%w: empty query: POST a Gizmo script as the body", ErrInvalidArgument)
	}
	return r, nil
}

func (s *Server) handleGizmo(c *gin.Context) {
	req, err := s.parseGizmo(c)
	if err != nil {
		fail(c, err)
		return
	}
	s.runGizmo(c, req)
}

// runGizmo runs a Gizmo request under the server's limits and writes
// {"result": [...], "truncated": bool}.
func (s *Server) runGizmo(c *gin.Context, req gizmoRequest) {
	res, truncated, err := s.gizmoQuery(c, req.script, graph.GizmoOptions{Limit: req.limit})
	if err != nil {
		if req.userError != nil {
			err = req.userError(err)
		}
		fail(c, err)
		return
	}
	writeJSON(c, http.StatusOK, struct {
		Result    []any `json:"result"`
		Truncated bool  `json:"truncated"`
	}{res, truncated})
}

// gizmoQuery runs script in the sandbox under the server's limits: a
// concurrency slot (errTooMany when none is free), the memory budget and
// the time limit. Every Gizmo query of every endpoint goes through it.
func (s *Server) gizmoQuery(c *gin.Context, script string, opt graph.GizmoOptions) ([]any, bool, error) {
	release, err := s.acquire()
	if err != nil {
		return nil, false, err
	}
	defer release()
	ctx := c.Request.Context()
	if err := s.waitGizmoGraph(ctx); err != nil {
		return nil, false, err
	}
	res, truncated, err := s.sandbox.RunWith(ctx, script, opt)
	if err != nil {
		return nil, false, s.gizmoError(ctx, err)
	}
	outcome := "ok"
	if truncated {
		outcome = "truncated"
	}
	s.metrics.gizmoQueries.WithLabelValues(outcome).Inc()
	return res, truncated, nil
}

// gizmoError classifies the error of a query run for a request whose
// context is req.
func (s *Server) gizmoError(req context.Context, err error) error {
	switch {
	case errors.Is(err, graph.ErrClosed):
		s.metrics.gizmoQueries.WithLabelValues("error").Inc()
		return err
	case req.Err() != nil:
		s.metrics.gizmoQueries.WithLabelValues("canceled").Inc()
		return fmt.Errorf("gizmo: the client went away: %w", req.Err())
	case errors.Is(err, sandbox.ErrTimeout):
		s.metrics.gizmoQueries.WithLabelValues("timeout").Inc()
		return fmt.Errorf("gizmo: the query ran longer than %v and was stopped: %w", s.cfg.GizmoTimeout, context.DeadlineExceeded)
	case errors.Is(err, sandbox.ErrMemory):
		s.metrics.gizmoQueries.WithLabelValues("memory").Inc()
		return fmt.Errorf("%w: gizmo: the query went over its memory budget of %d MB and was stopped", ErrInvalidArgument, s.cfg.GizmoMemory>>20)
	case !errors.Is(err, sandbox.ErrQuery):
		s.metrics.gizmoQueries.WithLabelValues("error").Inc()
		return err
	}
	s.metrics.gizmoQueries.WithLabelValues("error").Inc()
	return fmt.Errorf("%w: %w", ErrInvalidArgument, err)
}

// handleCayleyWrite serves Cayley's write endpoints, then rebuilds the
// read model if the graph changed. Deleting a quad or node that is not
// there is a 404 and a body that does not parse a 400, where Cayley
// answers 500.
func (s *Server) handleCayleyWrite(c *gin.Context) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	rec := httptest.NewRecorder()
	s.serveCayley(rec, c.Request)
	if rec.Code == http.StatusInternalServerError {
		var e errorBody
		if json.Unmarshal(rec.Body.Bytes(), &e) == nil {
			if err := graph.CayleyWriteError(e.Error); err != nil {
				fail(c, err)
				return
			}
		}
	}
	maps.Copy(c.Writer.Header(), rec.Header())
	c.Writer.WriteHeader(rec.Code)
	c.Writer.Write(rec.Body.Bytes())
	if rec.Code < 300 {
		if err := s.rebuild(context.WithoutCancel(c.Request.Context())); err != nil {
			s.log.Error("rebuilding the read model after a write", "err", err)
		}
	}
}

// requireWrite lets a request through only with the configured bearer
// token, to a writable store. With no token configured, writing is
// disabled (403); a missing or wrong token gets 401; a right token on a
// read-only store gets 403.
func (s *Server) requireWrite(c *gin.Context) {
	if s.cfg.Token == "" {
		fail(c, fmt.Errorf("%w: writing is disabled: start gijigraph serve with --token (or $GIJIGRAPH_TOKEN) and --writable", errForbidden))
		return
	}
	got, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.cfg.Token)) != 1 {
		fail(c, fmt.Errorf("%w: a write needs the header Authorization: Bearer TOKEN with the server's token", errUnauthorized))
		return
	}
	if !s.cfg.Writable {
		fail(c, fmt.Errorf("%w: the store is open read-only: restart gijigraph serve with --writable", errForbidden))
		return
	}
	c.Next()
}

// ingest calls the IngestFunc; a panic in it (a bug in the extractor)
// becomes an error that names the uploaded file.
func (s *Server) ingest(ctx context.Context, name string, data []byte, opt IngestOptions) (res *Ingested, err error) {
	defer func() {
		if v := recover(); v != nil {
			s.log.Error("panic in ingest", "name", name, "panic", v, "stack", string(debug.Stack()))
			res, err = nil, fmt.Errorf("ingest %s: internal error in the extractor (a bug): %v", name, v)
		}
	}()
	return s.cfg.Ingest(ctx, s.cfg.Store, name, data, opt)
}

func (s *Server) handleDocuments(c *gin.Context) {
	if s.cfg.Ingest == nil {
		fail(c, fmt.Errorf("%w: this server cannot extract minutes", errUnavailable))
		return
	}
	p := &params{c: c}
	name := p.str("name")
	if name == "" {
		name = "upload.txt"
	}
	opt := IngestOptions{Strict: p.bool("strict")}
	if len(name) > 255 || strings.ContainsAny(name, "/\\\x00") {
		p.fail("name must be a file name without a directory, not %q", name)
	}
	if p.err != nil {
		fail(c, p.err)
		return
	}
	data, err := readBody(c, s.cfg.MaxDocumentBytes)
	if err != nil {
		fail(c, err)
		return
	}
	if len(data) == 0 {
		fail(c, fmt.Errorf("%w: empty body: POST the minutes file as the body", ErrInvalidArgument))
		return
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	res, err := s.ingest(c.Request.Context(), name, data, opt)
	if err != nil {
		fail(c, err)
		return
	}
	if res.Status != "unchanged" {
		// The write is done: rebuild even if the client has gone.
		if err := s.rebuild(context.WithoutCancel(c.Request.Context())); err != nil {
			fail(c, err)
			return
		}
	}
	if res.Warnings == nil {
		res.Warnings = []string{}
	}
	writeJSON(c, http.StatusOK, res)
}
