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
