package server

import (
	"strings"
	"testing"
)

// TestCrossSite: a browser's cross-site POST to a query or write
// endpoint gets 403 with a JSON error; same-origin requests and requests
// with no Origin (curl, Cayley clients) pass.
func TestCrossSite(t *testing.T) {
	s := newServer(t, nil)
	const q = `g.V("person:村井純").Out("foaf:name").All()`
	for _, tc := range []struct {
		name, method, target string
		header               []string
		want                 int
	}{
		{"curl", "POST", "/api/gizmo", nil, 200},
		{"cross-site text/plain", "POST", "/api/gizmo", []string{"Content-Type", "text/plain", "Origin", "http://evil.example", "Sec-Fetch-Site", "cross-site"}, 403},
		{"cross-site, Origin only", "POST", "/cayley/api/v2/query?lang=gizmo", []string{"Origin", "http://evil.example"}, 403},
		{"cross-site GET of Cayley's query", "GET", "/cayley/api/v2/query?lang=gizmo&qu=g.V().All()", []string{"Sec-Fetch-Site", "cross-site", "Origin", "http://evil.example"}, 403},
		{"cross-site canned query", "POST", "/api/queries/who-raised", []string{"Sec-Fetch-Site", "cross-site"}, 403},
		{"cross-site write", "POST", "/api/documents", []string{"Sec-Fetch-Site", "same-site", "Origin", "http://other.localhost"}, 403},
		{"same origin", "POST", "/api/gizmo", []string{"Sec-Fetch-Site", "same-origin", "Origin", "http://example.com"}, 200},
		{"same host, no Sec-Fetch-Site", "POST", "/api/gizmo", []string{"Origin", "http://example.com"}, 200},
		{"cross-site read", "GET", "/api/meetings", []string{"Sec-Fetch-Site", "cross-site", "Origin", "http://evil.example"}, 200},
	} {
		body := q
		if strings.Contains(tc.target, "queries") {
			body = `{"concept":"WannaCry"}`
		}
		r := do(t, s, tc.method, tc.target, strings.NewReader(body), tc.header...)
		if r.status != tc.want {
			t.Errorf("%s: %d %s, want %d", tc.name, r.status, r.body, tc.want)
		}
		if tc.want == 403 && (!strings.Contains(r.header.Get("Content-Type"), "json") || !strings.Contains(string(r.body), "cross-site")) {
			t.Errorf("%s: %s %s, want a JSON error", tc.name, r.header.Get("Content-Type"), r.body)
		}
	}
}
