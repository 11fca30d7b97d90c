package server

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/gijigraph/gijigraph/graph"
)

// params reads query parameters, remembering the first error.
type params struct {
	c   *gin.Context
	err error
}

func (p *params) str(name string) string { return strings.TrimSpace(p.c.Query(name)) }

// oneOf returns the parameter, def when absent, or an error unless it is
// one of allowed.
func (p *params) oneOf(name, def string, allowed ...string) string {
	v := p.str(name)
	if v == "" {
		return def
	}
	for _, a := range allowed {
		if v == a {
			return v
		}
	}
	p.fail("%s must be one of %s, not %q", name, strings.Join(allowed, ", "), v)
	return def
}

// int returns an integer parameter in [lo, hi], or def when absent.
func (p *params) int(name string, def, lo, hi int) int {
	v := p.str(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		p.fail("%s must be an integer from %d to %d, not %q", name, lo, hi, v)
		return def
	}
	return n
}

// bool returns a boolean parameter: true, 1, yes or false, 0, no.
func (p *params) bool(name string) bool {
	switch strings.ToLower(p.str(name)) {
	case "", "false", "0", "no":
		return false
	case "true", "1", "yes":
		return true
	}
	p.fail("%s must be true or false, not %q", name, p.str(name))
	return false
}

// date returns a YYYY-MM-DD parameter.
func (p *params) date(name string) string {
	v := p.str(name)
	if v == "" {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		p.fail("%s must be a date as YYYY-MM-DD, not %q", name, v)
		return ""
	}
	return v
}

// dateRange fails when from is after to.
func (p *params) dateRange(from, to string) {
	if p.err == nil && from != "" && to != "" && from > to {
		p.fail("from (%s) is after to (%s)", from, to)
	}
}

func (p *params) fail(format string, args ...any) {
	if p.err == nil {
		p.err = fmt.Errorf("%w: "+format, append([]any{ErrInvalidArgument}, args...)...)
	}
}

func (s *Server) handleMeetings(c *gin.Context) {
	p := &params{c: c}
	q := graph.MeetingsQuery{Body: p.str("body"), From: p.date("from"), To: p.date("to"),
		Person: p.str("person"), Concept: p.str("concept")}
	pg := p.page(0, maxListLimit)
	p.dateRange(q.From, q.To)
	if p.err != nil {
		fail(c, p.err)
		return
	}
	ms, total, err := s.meetings(c.Request.Context(), q, pg)
	if err != nil {
		fail(c, err)
		return
	}
	truncated := min(pg.offset, total)+len(ms) < total
	if pg.format != "json" {
		writeTable(c, pg.format, meetingsTable(ms), total, truncated)
		return
	}
	setPageHeaders(c, total, truncated)
	writeJSON(c, http.StatusOK, struct {
		Total    int                    `json:"total"`
		Meetings []graph.MeetingSummary `json:"meetings"`
	}{total, ms})
}

func (s *Server) handleMeeting(c *gin.Context) {
	m, err := s.meeting(c.Request.Context(), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	writeJSON(c, http.StatusOK, m)
}

func (s *Server) handlePeople(c *gin.Context) {
	p := &params{c: c}
	q := graph.PeopleQuery{Meeting: p.str("meeting"), Body: p.str("body"), Concept: p.str("concept")}
	pg := p.page(0, maxListLimit)
	if p.err != nil {
		fail(c, p.err)
		return
	}
	sn, err := s.snapshot(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	ps, err := sn.FilterPeople(q)
	if err != nil {
		fail(c, err)
		return
	}
	lo, hi := pg.slice(len(ps))
	if pg.format != "json" {
		writeTable(c, pg.format, peopleTable(ps[lo:hi]), len(ps), hi < len(ps))
		return
	}
	setPageHeaders(c, len(ps), hi < len(ps))
	writeJSON(c, http.StatusOK, struct {
		Total  int                   `json:"total"`
		People []graph.PersonSummary `json:"people"`
	}{len(ps), ps[lo:hi]})
}

func (s *Server) handlePerson(c *gin.Context) {
	sn, err := s.snapshot(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	p, err := sn.Person(c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	writeJSON(c, http.StatusOK, p)
}

func (s *Server) handleConcepts(c *gin.Context) {
	p := &params{c: c}
	q := graph.ConceptsQuery{Type: p.str("type"), Meeting: p.str("meeting"), Person: p.str("person")}
	pg := p.page(0, maxListLimit)
	if p.err != nil {
		fail(c, p.err)
		return
	}
	cs, types, err := s.filterConcepts(c.Request.Context(), q)
	if err != nil {
		fail(c, err)
		return
	}
	lo, hi := pg.slice(len(cs))
	if pg.format != "json" {
		writeTable(c, pg.format, conceptsTable(cs[lo:hi]), len(cs), hi < len(cs))
		return
	}
	setPageHeaders(c, len(cs), hi < len(cs))
	writeJSON(c, http.StatusOK, struct {
		Total    int                    `json:"total"`
		Types    []string               `json:"types"`
		Concepts []graph.ConceptSummary `json:"concepts"`
	}{len(cs), types, cs[lo:hi]})
}

func (s *Server) handleConcept(c *gin.Context) {
	k, err := s.concept(c.Request.Context(), c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	writeJSON(c, http.StatusOK, k)
}

// page says which part of the matches a response holds.
type page struct {
	Total     int  `json:"total"`
	Offset    int  `json:"offset"`
	Limit     int  `json:"limit"`
	Truncated bool `json:"truncated"` // more matches follow this page
}

type raisedResponse struct {
	page
	Rows []graph.Mention `json:"rows"`
}

type searchResponse struct {
	page
	Hits []graph.SearchHit `json:"hits"`
}

// Page sizes of the list endpoints.
const (
	// defaultRaisedLimit keeps a page small: 1,000 rows were 600–700 KB
	// (p99 1.7 s at 64 connections). X-Total-Count says how many there are.
	defaultRaisedLimit    = 100
	defaultRaisedDownload = 1000
	maxRaisedLimit        = 100000
	defaultSearchLimit    = 100
	maxSearchLimit        = 1000
	maxNodeLimit          = 5000
	maxListLimit          = 100000
)

// raisedRequest is a parsed GET /api/raised.
type raisedRequest struct {
	query  graph.RaisedQuery
	format string
}

func parseRaised(c *gin.Context) (raisedRequest, error) {
	p := &params{c: c}
	format := p.oneOf("format", listFormats[0], listFormats...)
	// A download (CSV, TSV) keeps the larger page the web app's
	// download link relies on.
	def := defaultRaisedLimit
	if format != "json" {
		def = defaultRaisedDownload
	}
	r := raisedRequest{query: graph.RaisedQuery{
		Concept:  p.str("concept"),
		Narrower: p.bool("narrower"),
		Person:   p.str("person"),
		Meeting:  p.str("meeting"),
		From:     p.date("from"),
		To:       p.date("to"),
		Type:     p.str("type"),
		Offset:   p.int("offset", 0, 0, 1<<30),
		Limit:    p.int("limit", def, 1, maxRaisedLimit),
	}, format: format}
	p.dateRange(r.query.From, r.query.To)
	return r, p.err
}

func (s *Server) handleRaised(c *gin.Context) {
	req, err := parseRaised(c)
	if err != nil {
		fail(c, err)
		return
	}
	res, err := s.raised(c.Request.Context(), req.query)
	if err != nil {
		fail(c, err)
		return
	}
	truncated := req.query.Offset+len(res.Rows) < res.Total
	if req.format != "json" {
		writeTable(c, req.format, raisedTable(res.Rows), res.Total, truncated)
		return
	}
	setPageHeaders(c, res.Total, truncated)
	writeJSON(c, http.StatusOK, raisedResponse{page{res.Total, req.query.Offset, req.query.Limit, truncated}, res.Rows})
}

// searchRequest is a parsed GET /api/search.
type searchRequest struct {
	query  graph.SearchQuery
	format string
}

func parseSearch(c *gin.Context) (searchRequest, error) {
	p := &params{c: c}
	q := graph.SearchQuery{
		Q:       p.str("q"),
		Person:  p.str("person"),
		Meeting: p.str("meeting"),
		From:    p.date("from"),
		To:      p.date("to"),
		Offset:  p.int("offset", 0, 0, 1<<30),
		Limit:   p.int("limit", defaultSearchLimit, 1, maxSearchLimit),
	}
	format := p.oneOf("format", listFormats[0], listFormats...)
	p.dateRange(q.From, q.To)
	switch {
	case p.err != nil:
	case q.Q == "":
		p.fail("q is required: the phrase to search for")
	case len([]rune(q.Q)) > 200:
		p.fail("q is longer than 200 characters")
	}
	return searchRequest{q, format}, p.err
}

func (s *Server) handleSearch(c *gin.Context) {
	req, err := parseSearch(c)
	if err != nil {
		fail(c, err)
		return
	}
	q := req.query
	sn, err := s.snapshot(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	res, err := sn.Search(q)
	if err != nil {
		fail(c, err)
		return
	}
	truncated := q.Offset+len(res.Hits) < res.Total
	if req.format != "json" {
		writeTable(c, req.format, searchTable(res.Hits), res.Total, truncated)
		return
	}
	setPageHeaders(c, res.Total, truncated)
	writeJSON(c, http.StatusOK, searchResponse{page{res.Total, q.Offset, q.Limit, truncated}, res.Hits})
}

// graphFormats are the formats of GET /api/graph; the first is the
// default.
var graphFormats = []string{"cytoscape", "d3", "graphml", "gexf", "jsonld"}

// graphRequest is a parsed GET /api/graph.
type graphRequest struct {
	query  graph.SubgraphQuery
	format string
}

func parseGraph(c *gin.Context) (graphRequest, error) {
	p := &params{c: c}
	r := graphRequest{query: graph.SubgraphQuery{
		Focus:    p.str("focus"),
		Depth:    p.int("depth", 1, 1, 3),
		Meeting:  p.str("meeting"),
		Concept:  p.str("concept"),
		Narrower: p.bool("narrower"),
		Limit:    p.int("limit", graph.DefaultNodeLimit, 1, maxNodeLimit),
	}, format: p.oneOf("format", graphFormats[0], graphFormats...)}
	n := 0
	for _, v := range []string{r.query.Focus, r.query.Meeting, r.query.Concept} {
		if v != "" {
			n++
		}
	}
	if n > 1 {
		p.fail("give at most one of focus, meeting and concept")
	}
	return r, p.err
}

func (s *Server) handleGraph(c *gin.Context) {
	req, err := parseGraph(c)
	if err != nil {
		fail(c, err)
		return
	}
	sn, err := s.snapshot(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	g, err := sn.Subgraph(req.query)
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("X-Truncated", strconv.FormatBool(g.Truncated))
	writeGraph(c, req.format, g)
}
