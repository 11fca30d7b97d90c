package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"
)

// defaultV1Limit is the result limit of Cayley's API v1 when the request
// gives no ?limit=, as in stock cayley http.
const defaultV1Limit = 100

// handleCayleyV1Query serves POST /cayley/api/v1/query/{lang}, the query
// endpoint of Cayley's API v1, which `cayley http` v0.7.7 still serves
// and which older clients and scripts use: the query is the body,
// ?limit= caps the results (100 by default), and the answer is
// {"result": [...]} ({"result": null} for none) or, with status 400,
// {"error": "..."}.
//
// It runs as the API v2 query does (Cayley's own handler, under the same
// body, concurrency and time limits), the result then cut to the v1
// limit; a limit above the server's --gizmo-limit gets the server's.
func (s *Server) handleCayleyV1Query(c *gin.Context) {
	limit, _ := strconv.Atoi(c.Query("limit")) // stock: a bad limit is no limit
	if limit <= 0 {
		limit = defaultV1Limit
	}
	data, err := readBody(c, s.cfg.MaxQueryBytes)
	if err != nil {
		fail(c, err)
		return
	}
	r := c.Request.Clone(c.Request.Context())
	r.Method = http.MethodPost
	r.URL.Path = cayleyPrefix + "/api/v2/query"
	r.URL.RawPath = ""
	r.URL.RawQuery = url.Values{"lang": {c.Param("lang")}}.Encode()
	r.Header.Set("Accept", "application/json") // v1 answers in JSON only
	r.Body = http.NoBody
	if len(data) > 0 {
		r.Body = readCloser{bytes.NewReader(data)}
	}
	r.ContentLength = int64(len(data))
	release, err := s.acquire()
	if err != nil {
		fail(c, err)
		return
	}
	rec := httptest.NewRecorder()
	s.serveCayley(rec, r)
	release()
	outcome := "ok"
	if rec.Code >= 400 {
		outcome = "error"
	}
	s.metrics.gizmoQueries.WithLabelValues(outcome).Inc()
	var res struct {
		Result []json.RawMessage `json:"result"`
	}
	if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &res) != nil {
		// An error, {"error": "..."}, passes as Cayley wrote it.
		c.Data(rec.Code, "application/json", rec.Body.Bytes())
		return
	}
	if len(res.Result) > limit {
		res.Result = res.Result[:limit]
	}
	writeJSON(c, http.StatusOK, res)
}

// serveCayley runs Cayley's API v2 handler. Cayley writes some errors
// ({"error": "..."}) without a Content-Type; JSON is the default, which
// Cayley replaces when it answers in another format.
func (s *Server) serveCayley(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	s.cayley.ServeHTTP(w, r)
}

// handleCayleyRead serves Cayley's read and formats endpoints.
func (s *Server) handleCayleyRead(c *gin.Context) { s.serveCayley(c.Writer, c.Request) }

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }
