package server

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestCayleyV1Query sends what a Cayley v0.7.7 client (cayley's web UI,
// pyley) sends to /api/v1/query/gizmo: a POST with the script as the
// body, form-encoded content type or none, and reads the same
// {"result": [...]} as from stock `cayley http`.
func TestCayleyV1Query(t *testing.T) {
	s := sharedServer(t)
	const script = `g.V("<https://gijigraph.org/id/person/村井純>").Out("<http://xmlns.com/foaf/0.1/name>").Unique().All()`
	for _, ctype := range []string{"", "application/x-www-form-urlencoded", "text/plain"} {
		var h []string
		if ctype != "" {
			h = []string{"Content-Type", ctype}
		}
		r := post(t, s, "/cayley/api/v1/query/gizmo", script, h...)
		if r.status != http.StatusOK {
			t.Fatalf("content type %q: %d %s", ctype, r.status, r.body)
		}
		var got struct {
			Result []map[string]any `json:"result"`
		}
		r.json(t, &got)
		if len(got.Result) != 1 || got.Result[0]["id"] != "村井 純" {
			t.Errorf("content type %q: %s", ctype, r.body)
		}
	}

	// ?limit= caps the results; 100 without it, as in stock cayley.
	all := `g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<http://www.w3.org/2004/02/skos/core#Concept>").All()`
	for target, want := range map[string]int{"/cayley/api/v1/query/gizmo": 100, "/cayley/api/v1/query/gizmo?limit=7": 7} {
		var got struct{ Result []any }
		post(t, s, target, all).json(t, &got)
		if len(got.Result) != want {
			t.Errorf("%s: %d results, want %d", target, len(got.Result), want)
		}
	}

	// No result is {"result": null}, as stock cayley writes it.
	r := post(t, s, "/cayley/api/v1/query/gizmo", `g.V("<nothing>").All()`)
	if strings.TrimSpace(string(r.body)) != `{"result":null}` {
		t.Errorf("no result: %d %s", r.status, r.body)
	}

	// Errors: 400 with {"error": "..."}.
	for _, tc := range []struct{ target, body string }{
		{"/cayley/api/v1/query/gizmo", `g.V(`},
		{"/cayley/api/v1/query/nolang", `g.V().All()`},
	} {
		r := post(t, s, tc.target, tc.body)
		var e struct{ Error string }
		if err := json.Unmarshal(r.body, &e); err != nil || r.status != http.StatusBadRequest || e.Error == "" {
			t.Errorf("%s %q: %d %s", tc.target, tc.body, r.status, r.body)
		}
	}
	if r := get(t, s, "/cayley/api/v1/query/gizmo"); r.status != http.StatusMethodNotAllowed {
		t.Errorf("GET: %d, want 405", r.status)
	}
}

// TestCayleyReadFullDatatypes: /cayley/api/v2/read writes datatypes in
// full, as gijigraph export does, so that RDF tools read numbers as
// numbers: never the quad module's <xsd:integer>.
func TestCayleyReadFullDatatypes(t *testing.T) {
	s := sharedServer(t)
	for _, target := range []string{
		"/cayley/api/v2/read?sub=" + url.QueryEscape("<https://gijigraph.org/id/meeting/サイバーセキュリティ戦略本部-17>"),
		"/cayley/api/v2/read?format=jsonld&sub=" + url.QueryEscape("<https://gijigraph.org/id/meeting/サイバーセキュリティ戦略本部-17>"),
	} {
		r := get(t, s, target)
		if r.status != http.StatusOK {
			t.Fatalf("%s: %d %s", target, r.status, r.body)
		}
		body := string(r.body)
		if !strings.Contains(body, "http://www.w3.org/2001/XMLSchema#integer") {
			t.Errorf("%s: no full xsd:integer datatype in\n%s", target, body)
		}
		if strings.Contains(body, "xsd:") {
			t.Errorf("%s: a short xsd: datatype in\n%s", target, body)
		}
	}
	// Filters still match the stored values: his name, once per document.
	r := get(t, s, "/cayley/api/v2/read?sub="+url.QueryEscape("<https://gijigraph.org/id/person/村井純>")+"&pred="+url.QueryEscape("<http://xmlns.com/foaf/0.1/name>"))
	if r.status != http.StatusOK || strings.Count(string(r.body), "\n") != 2 || !strings.Contains(string(r.body), `"村井 純"`) {
		t.Errorf("filtered read: %d %s", r.status, r.body)
	}
}

// TestCayleySandboxed: Cayley's query endpoints, v2 (GET and POST) and
// v1, run Gizmo in the sandbox as /api/gizmo does: a built-in that
// allocates past the budget is killed (400 naming the budget, where
// Cayley's in-process handler kept allocating), and the next query
// answers. The script runs verbatim, as in Cayley: a short IRI is a
// string, not expanded.
func TestCayleySandboxed(t *testing.T) {
	s := newServer(t, func(c *Config) {
		c.GizmoMemory = 64 << 20
		c.GizmoConcurrency = 1
	})
	const bomb = `g.Emit('x'.repeat(2**30).length)`
	for _, tc := range []struct{ method, target, body string }{
		{"POST", "/cayley/api/v2/query?lang=gizmo", bomb},
		{"GET", "/cayley/api/v2/query?lang=gizmo&qu=" + url.QueryEscape(bomb), ""},
		{"POST", "/cayley/api/v1/query/gizmo", bomb},
	} {
		r := do(t, s, tc.method, tc.target, strings.NewReader(tc.body))
		if r.status != http.StatusBadRequest || !strings.Contains(string(r.body), "memory budget of 64 MB") {
			t.Errorf("%s %s bomb: %d %s", tc.method, tc.target, r.status, r.body)
		}
		r = do(t, s, tc.method, strings.Replace(tc.target, url.QueryEscape(bomb), url.QueryEscape(sakaiPosts), 1), strings.NewReader(strings.Replace(tc.body, bomb, sakaiPosts, 1)))
		if r.status != http.StatusOK || !strings.Contains(string(r.body), "総務副大臣") {
			t.Errorf("%s %s after the bomb: %d %s", tc.method, tc.target, r.status, r.body)
		}
	}

	// Verbatim: "person:坂井学" is no node in Cayley's API; /api/gizmo expands it.
	short := `g.V("person:坂井学").All()`
	if r := post(t, s, "/cayley/api/v2/query?lang=gizmo", short); strings.TrimSpace(string(r.body)) != `{"result":null}` {
		t.Errorf("short IRI in Cayley's API: %d %s", r.status, r.body)
	}
	if r := post(t, s, "/api/gizmo", short); !strings.Contains(string(r.body), "坂井学>") {
		t.Errorf("short IRI in /api/gizmo: %d %s", r.status, r.body)
	}

	// JSON-LD collation on Accept: application/ld+json, as in Cayley.
	r := post(t, s, "/cayley/api/v2/query?lang=gizmo", `g.V("<https://gijigraph.org/id/person/坂井学>").All()`, "Accept", "application/ld+json")
	if r.status != 200 || r.header.Get("Content-Type") != "application/ld+json" || !strings.Contains(string(r.body), `"@id"`) {
		t.Errorf("JSON-LD: %d %s %s", r.status, r.header.Get("Content-Type"), r.body)
	}

	// Cayley's errors.
	for target, want := range map[string]string{
		"/cayley/api/v2/query":             "query language not specified",
		"/cayley/api/v2/query?lang=mql":    "unknown query language",
		"/cayley/api/v2/query?lang=gizmo":  "query is empty",
		"/cayley/api/v1/query/graphql":     "unknown query language",
		"/cayley/api/v2/query?lang=gizmo&": "query is empty",
	} {
		r := post(t, s, target, "")
		if r.status != http.StatusBadRequest || !strings.Contains(string(r.body), want) {
			t.Errorf("%s: %d %s, want 400 %q", target, r.status, r.body, want)
		}
	}
}
