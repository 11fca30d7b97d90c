package server

import (
	"net/http"
	"strings"
	"testing"
)

// TestCORS: a configured origin gets CORS headers on the read API and
// preflight answers, and may run queries; any other origin gets no CORS
// header (and its cross-site POST still 403).
func TestCORS(t *testing.T) {
	const front = "https://viz.example.org"
	s := newServer(t, func(c *Config) { c.CORSOrigins = []string{front} })

	r := do(t, s, "GET", "/api/meetings", nil, "Origin", front, "Sec-Fetch-Site", "cross-site")
	if r.status != 200 || r.header.Get("Access-Control-Allow-Origin") != front || !strings.Contains(strings.Join(r.header.Values("Vary"), ","), "Origin") {
		t.Errorf("configured origin: %d %v", r.status, r.header)
	}

	r = do(t, s, "OPTIONS", "/api/gizmo", nil, "Origin", front, "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "Content-Type")
	if r.status != http.StatusNoContent || r.header.Get("Access-Control-Allow-Origin") != front ||
		!strings.Contains(r.header.Get("Access-Control-Allow-Methods"), "POST") || !strings.Contains(strings.ToLower(r.header.Get("Access-Control-Allow-Headers")), "content-type") {
		t.Errorf("preflight: %d %v", r.status, r.header)
	}

	r = post(t, s, "/api/gizmo", `g.V("person:村井純").Out("foaf:name").All()`, "Origin", front, "Sec-Fetch-Site", "cross-site", "Content-Type", "text/plain")
	if r.status != 200 || r.header.Get("Access-Control-Allow-Origin") != front {
		t.Errorf("configured origin's query: %d %s %v", r.status, r.body, r.header)
	}

	const other = "http://evil.example"
	r = do(t, s, "GET", "/api/meetings", nil, "Origin", other, "Sec-Fetch-Site", "cross-site")
	if r.status != 200 {
		t.Errorf("other origin's read: %d %s", r.status, r.body)
	}
	for k := range r.header {
		if strings.HasPrefix(k, "Access-Control-") {
			t.Errorf("other origin got %s: %s", k, r.header.Get(k))
		}
	}
	r = do(t, s, "OPTIONS", "/api/gizmo", nil, "Origin", other, "Access-Control-Request-Method", "POST")
	if r.header.Get("Access-Control-Allow-Origin") != "" || r.header.Get("Access-Control-Allow-Methods") != "" {
		t.Errorf("other origin's preflight: %d %v", r.status, r.header)
	}
	if r := post(t, s, "/api/gizmo", `g.V().All()`, "Origin", other, "Sec-Fetch-Site", "cross-site"); r.status != http.StatusForbidden {
		t.Errorf("other origin's query: %d %s", r.status, r.body)
	}

	// No origins configured: no CORS header for anyone.
	r = do(t, sharedServer(t), "GET", "/api/meetings", nil, "Origin", front)
	if r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("unconfigured: %v", r.header)
	}

	// A malformed origin is refused at start.
	if _, err := New(t.Context(), Config{Store: newStore(t, false), CORSOrigins: []string{"viz.example.org/"}}); err == nil {
		t.Error("a malformed origin was accepted")
	}
}
