package server

import (
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/gijigraph/gijigraph/graph"
)

// Cayley's query endpoints answer as stock `cayley http` v0.7.7 does,
// but the query runs in the sandbox, like every Gizmo query here: Cayley's
// own handler would run it in this process, where a JavaScript built-in
// cannot be stopped or bounded (docs/sandbox.md). The script runs as
// written (no short IRIs), as in Cayley.

// defaultV1Limit is the result limit of Cayley's API v1 when the request
// gives no ?limit=, as in stock cayley http.
const defaultV1Limit = 100

// cayleyQuery reads the query of a Cayley query request: the language
// (only gizmo is served) and the script, from ?qu= on GET and the body on
// POST. Errors are Cayley's.
func (s *Server) cayleyQuery(c *gin.Context, lang string) (string, error) {
	switch lang {
	case "gizmo":
	case "":
		return "", fmt.Errorf("%w: query language not specified", ErrInvalidArgument)
	default:
		return "", fmt.Errorf("%w: unknown query language", ErrInvalidArgument)
	}
	var script string
	if c.Request.Method == http.MethodGet {
		script = c.Query("qu")
		if int64(len(script)) > s.cfg.MaxQueryBytes {
			return "", fmt.Errorf("%w: the limit is %d bytes", errTooLarge, s.cfg.MaxQueryBytes)
		}
	} else {
		data, err := readBody(c, s.cfg.MaxQueryBytes)
		if err != nil {
			return "", err
		}
		script = string(data)
	}
	if script == "" {
		return "", fmt.Errorf("%w: query is empty", ErrInvalidArgument)
	}
	return script, nil
}

// handleCayleyQuery serves GET|POST /cayley/api/v2/query?lang=gizmo: at
// most --gizmo-limit results, silently, as Cayley does; {"result": null}
// for none; Cayley's JSON-LD collation when the first media type of
// Accept is application/ld+json.
func (s *Server) handleCayleyQuery(c *gin.Context) {
	script, err := s.cayleyQuery(c, c.Query("lang"))
	if err != nil {
		fail(c, err)
		return
	}
	jsonld := firstMediaType(c.GetHeader("Accept")) == "application/ld+json"
	res, _, err := s.gizmoQuery(c, script, graph.GizmoOptions{Limit: s.cfg.GizmoLimit, Verbatim: true, JSONLD: jsonld})
	if err != nil {
		fail(c, err)
		return
	}
	ctype := "application/json"
	if jsonld {
		ctype = "application/ld+json"
	}
	writeJSONAs(c, http.StatusOK, ctype, cayleyResult(res))
}

// handleCayleyV1Query serves POST /cayley/api/v1/query/{lang}, the query
// endpoint of Cayley's API v1, which `cayley http` v0.7.7 still serves
// and which older clients and scripts use: the query is the body,
// ?limit= caps the results (100 by default; a limit above the server's
// --gizmo-limit gets the server's), and the answer is {"result": [...]}
// ({"result": null} for none) or, with status 400, {"error": "..."}.
func (s *Server) handleCayleyV1Query(c *gin.Context) {
	limit, _ := strconv.Atoi(c.Query("limit")) // stock: a bad limit is no limit
	if limit <= 0 {
		limit = defaultV1Limit
	}
	script, err := s.cayleyQuery(c, c.Param("lang"))
	if err != nil {
		fail(c, err)
		return
	}
	res, _, err := s.gizmoQuery(c, script, graph.GizmoOptions{Limit: min(limit, s.cfg.GizmoLimit), Verbatim: true})
	if err != nil {
		fail(c, err)
		return
	}
	writeJSON(c, http.StatusOK, cayleyResult(res))
}

// cayleyResult is the body Cayley writes: {"result": null} for none.
func cayleyResult(res []any) any {
	if len(res) == 0 {
		res = nil
	}
	return map[string]any{"result": res}
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

// firstMediaType is the media type of the first entry of an Accept
// header, which is all Cayley looks at.
func firstMediaType(accept string) string {
	first, _, _ := strings.Cut(accept, ",")
	mt, _, err := mime.ParseMediaType(strings.TrimSpace(first))
	if err != nil {
		return ""
	}
	return mt
}
