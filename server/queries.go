package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/gijigraph/gijigraph/graph"
	"github.com/gijigraph/gijigraph/queries"
)

// handleQueries lists the canned queries with their parameters.
func handleQueries(c *gin.Context) {
	writeJSON(c, http.StatusOK, queries.List())
}

// handleQuery runs a canned query. Parameters come from the URL
// (?concept=ransomware) or a JSON body {"params": {"concept": "…"}}, the
// body winning; the query runs under the same limits as /api/gizmo.
func (s *Server) handleQuery(c *gin.Context) {
	q, ok := queries.Get(c.Param("name"))
	if !ok {
		var names []string
		for _, q := range queries.List() {
			names = append(names, q.Name)
		}
		fail(c, fmt.Errorf("%w: no canned query %q (have %s)", graph.ErrNotFound, c.Param("name"), strings.Join(names, ", ")))
		return
	}
	p := &params{c: c}
	req := gizmoRequest{limit: p.int("limit", s.cfg.GizmoLimit, 1, MaxGizmoLimit)}
	if p.err != nil {
		fail(c, p.err)
		return
	}
	vals := map[string]string{}
	for k, v := range c.Request.URL.Query() {
		if k != "limit" && len(v) > 0 {
			vals[k] = v[0]
		}
	}
	body, err := readBody(c, s.cfg.MaxQueryBytes)
	if err != nil {
		fail(c, err)
		return
	}
	if len(strings.TrimSpace(string(body))) > 0 {
		var b struct {
			Params map[string]string `json:"params"`
		}
		if err := json.Unmarshal(body, &b); err != nil {
			fail(c, fmt.Errorf("%w: the body must be {\"params\": {\"name\": \"value\"}}: %v", ErrInvalidArgument, err))
			return
		}
		for k, v := range b.Params {
			vals[k] = v
		}
	}
	script, err := q.Script(vals)
	if err != nil {
		fail(c, fmt.Errorf("%w: %v", ErrInvalidArgument, err))
		return
	}
	req.script = script
	req.userError = queries.UserError
	s.runGizmo(c, req)
}
