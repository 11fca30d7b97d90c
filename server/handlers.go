package server

import (
	"encoding/csv"
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

func (p *params) fail(format string, args ...any) {
	if p.err == nil {
		p.err = fmt.Errorf("%w: "+format, append([]any{ErrInvalidArgument}, args...)...)
	}
}

func (s *Server) handleMeetings(c *gin.Context) {
	ms := s.snapshot().Meetings()
	writeJSON(c, http.StatusOK, struct {
		Total    int                    `json:"total"`
		Meetings []graph.MeetingSummary `json:"meetings"`
	}{len(ms), ms})
}

func (s *Server) handleMeeting(c *gin.Context) {
	m, err := s.snapshot().Meeting(c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	writeJSON(c, http.StatusOK, m)
}

func (s *Server) handlePeople(c *gin.Context) {
	ps := s.snapshot().People()
	writeJSON(c, http.StatusOK, struct {
		Total  int                   `json:"total"`
		People []graph.PersonSummary `json:"people"`
	}{len(ps), ps})
}

func (s *Server) handlePerson(c *gin.Context) {
	p, err := s.snapshot().Person(c.Param("id"))
	if err != nil {
		fail(c, err)
		return
	}
	writeJSON(c, http.StatusOK, p)
}

func (s *Server) handleConcepts(c *gin.Context) {
	sn := s.snapshot()
	cs := sn.Concepts()
	writeJSON(c, http.StatusOK, struct {
		Total    int                    `json:"total"`
		Types    []string               `json:"types"`
		Concepts []graph.ConceptSummary `json:"concepts"`
	}{len(cs), sn.ConceptTypes(), cs})
}

func (s *Server) handleConcept(c *gin.Context) {
	k, err := s.snapshot().Concept(c.Param("id"))
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
	defaultRaisedLimit = 1000
	maxRaisedLimit     = 100000
	defaultSearchLimit = 100
	maxSearchLimit     = 1000
	maxNodeLimit       = 5000
)

// raisedRequest is a parsed GET /api/raised.
type raisedRequest struct {
	query  graph.RaisedQuery
	format string
}

func parseRaised(c *gin.Context) (raisedRequest, error) {
	p := &params{c: c}
	r := raisedRequest{query: graph.RaisedQuery{
		Concept:  p.str("concept"),
		Narrower: p.bool("narrower"),
		Person:   p.str("person"),
		Meeting:  p.str("meeting"),
		From:     p.date("from"),
		To:       p.date("to"),
		Type:     p.str("type"),
		Offset:   p.int("offset", 0, 0, 1<<30),
		Limit:    p.int("limit", defaultRaisedLimit, 1, maxRaisedLimit),
	}, format: p.oneOf("format", "json", "json", "csv")}
	if p.err == nil && r.query.From != "" && r.query.To != "" && r.query.From > r.query.To {
		p.fail("from (%s) is after to (%s)", r.query.From, r.query.To)
	}
	return r, p.err
}

func (s *Server) handleRaised(c *gin.Context) {
	req, err := parseRaised(c)
	if err != nil {
		fail(c, err)
		return
	}
	res, err := s.snapshot().Raised(req.query)
	if err != nil {
		fail(c, err)
		return
	}
	truncated := req.query.Offset+len(res.Rows) < res.Total
	if req.format == "csv" {
		writeRaisedCSV(c, res, truncated)
		return
	}
	writeJSON(c, http.StatusOK, raisedResponse{page{res.Total, req.query.Offset, req.query.Limit, truncated}, res.Rows})
}

// raisedColumns are the CSV columns of /api/raised, the JSON field names.
var raisedColumns = []string{"person_id", "person", "post", "organization", "role", "meeting_id", "date", "speech",
	"concept_id", "concept", "concept_en", "concept_type", "surface", "sentence", "start", "end",
	"sentence_start", "sentence_end", "implicit"}

// writeRaisedCSV writes rows as CSV with a header row, after a UTF-8 BOM
// so that Excel reads the Japanese as UTF-8.
func writeRaisedCSV(c *gin.Context, res graph.RaisedResult, truncated bool) {
	var b strings.Builder
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.Write(raisedColumns)
	for _, r := range res.Rows {
		w.Write([]string{r.PersonID, r.Person, r.Post, r.Organization, r.Role, r.MeetingID, r.Date, strconv.Itoa(r.Speech),
			r.ConceptID, r.Concept, r.ConceptEn, r.ConceptType, r.Surface, r.Sentence,
			strconv.Itoa(r.Start), strconv.Itoa(r.End), strconv.Itoa(r.SentenceStart), strconv.Itoa(r.SentenceEnd),
			strconv.FormatBool(r.Implicit)})
	}
	w.Flush()
	c.Header("X-Total-Count", strconv.Itoa(res.Total))
	c.Header("X-Truncated", strconv.FormatBool(truncated))
	c.Header("Content-Disposition", `attachment; filename="raised.csv"`)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", []byte(b.String()))
}

func parseSearch(c *gin.Context) (graph.SearchQuery, error) {
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
	switch {
	case p.err != nil:
	case q.Q == "":
		p.fail("q is required: the phrase to search for")
	case len([]rune(q.Q)) > 200:
		p.fail("q is longer than 200 characters")
	}
	return q, p.err
}

func (s *Server) handleSearch(c *gin.Context) {
	q, err := parseSearch(c)
	if err != nil {
		fail(c, err)
		return
	}
	res, err := s.snapshot().Search(q)
	if err != nil {
		fail(c, err)
		return
	}
	writeJSON(c, http.StatusOK, searchResponse{page{res.Total, q.Offset, q.Limit, q.Offset+len(res.Hits) < res.Total}, res.Hits})
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
	g, err := s.snapshot().Subgraph(req.query)
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("X-Truncated", strconv.FormatBool(g.Truncated))
	writeGraph(c, req.format, g)
}
