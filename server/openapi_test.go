package server

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// The OpenAPI tests keep openapi.yaml and the server from drifting apart:
// every route the router registers is documented, every documented
// operation is a route, and real responses of every documented operation
// (status, headers such as X-Total-Count, body) validate against the
// document with kin-openapi. Response bodies may hold no field the
// document does not name.

// loadSpec parses and validates openapi.yaml.
func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(openAPI)
	if err != nil {
		t.Fatalf("openapi.yaml: %v", err)
	}
	if err := doc.Validate(t.Context()); err != nil {
		t.Fatalf("openapi.yaml is not valid OpenAPI: %v", err)
	}
	return doc
}

// specPath is a gin route path as OpenAPI writes it: /a/:id is /a/{id}.
func specPath(ginPath string) string {
	parts := strings.Split(ginPath, "/")
	for i, p := range parts {
		if strings.HasPrefix(p, ":") || strings.HasPrefix(p, "*") {
			parts[i] = "{" + p[1:] + "}"
		}
	}
	return strings.Join(parts, "/")
}

// TestOpenAPIRoutes: every route of the router is in openapi.yaml, and
// every path and method there is a route.
func TestOpenAPIRoutes(t *testing.T) {
	doc := loadSpec(t)
	documented := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for m := range item.Operations() {
			documented[m+" "+path] = true
		}
	}
	routed := map[string]bool{}
	for _, r := range sharedServer(t).router.Routes() {
		routed[r.Method+" "+specPath(r.Path)] = true
	}
	for r := range routed {
		if !documented[r] {
			t.Errorf("route %s is not in openapi.yaml", r)
		}
	}
	for d := range documented {
		if !routed[d] {
			t.Errorf("openapi.yaml has %s, which is not a route", d)
		}
	}
	if r := get(t, sharedServer(t), "/api/openapi.yaml"); r.status != 200 || !bytes.Equal(r.body, openAPI) {
		t.Errorf("GET /api/openapi.yaml: %d", r.status)
	}
}

// An apiCase is one request whose response must match the document.
type apiCase struct {
	method, target, body string
	header               []string // name, value, …
	status               int      // the status the case expects
	writable             bool     // sent to a writable server with a token
}

const specToken = "openapi-test-token"

// apiCases exercise every documented operation: at least one success and
// the errors each is documented to give that are cheap to cause.
func apiCases(t *testing.T) []apiCase {
	t.Helper()
	auth := []string{"Authorization", "Bearer " + specToken}
	minutes, err := os.ReadFile(seedFiles[1])
	if err != nil {
		t.Fatal(err)
	}
	const gizmo = `g.V("<https://gijigraph.org/id/person/遠藤信博>").In("<http://schema.org/creator>").Out("<http://bibframe.org/vocab/event>").Unique().All()`
	quad := `<https://example.org/a> <https://example.org/p> "x" .`
	return []apiCase{
		{method: "GET", target: "/healthz", status: 200},
		{method: "GET", target: "/metrics", status: 200},
		{method: "GET", target: "/api/openapi.yaml", status: 200},

		{method: "GET", target: "/api/meetings", status: 200},
		{method: "GET", target: "/api/meetings?body=サイバーセキュリティ戦略本部&from=2018-01-01&to=2019-01-01&limit=1&offset=0", status: 200},
		{method: "GET", target: "/api/meetings?format=csv", status: 200},
		{method: "GET", target: "/api/meetings?format=xlsx", status: 200},
		{method: "GET", target: "/api/meetings?body=nobody", status: 400},
		{method: "GET", target: "/api/meetings?person=nobody-at-all", status: 404},
		{method: "GET", target: "/api/meetings/サイバーセキュリティ戦略本部-17", status: 200},
		{method: "GET", target: "/api/meetings/nothing-1", status: 404},

		{method: "GET", target: "/api/people?limit=2&offset=1", status: 200},
		{method: "GET", target: "/api/people?concept=ransomware&format=csv", status: 200},
		{method: "GET", target: "/api/people?format=xlsx", status: 200},
		{method: "GET", target: "/api/people?format=pdf", status: 400},
		{method: "GET", target: "/api/people?meeting=nothing-1", status: 404},
		{method: "GET", target: "/api/people/遠藤信博", status: 200},
		{method: "GET", target: "/api/people/nobody-at-all", status: 404},

		{method: "GET", target: "/api/concepts", status: 200},
		{method: "GET", target: "/api/concepts?type=malware&limit=3", status: 200},
		{method: "GET", target: "/api/concepts?format=csv", status: 200},
		{method: "GET", target: "/api/concepts?format=xlsx", status: 200},
		{method: "GET", target: "/api/concepts?type=nonsense", status: 400},
		{method: "GET", target: "/api/concepts?person=nobody-at-all", status: 404},
		{method: "GET", target: "/api/concepts/ransomware", status: 200},
		{method: "GET", target: "/api/concepts/ransom-payment", status: 200},
		{method: "GET", target: "/api/concepts/ransomwere", status: 404},

		{method: "GET", target: "/api/raised?concept=ransomware&narrower=true", status: 200},
		{method: "GET", target: "/api/raised?concept=WannaCry&format=csv", status: 200},
		{method: "GET", target: "/api/raised?person=村井純&format=xlsx", status: 200},
		{method: "GET", target: "/api/raised?limit=2&offset=1", status: 200},
		{method: "GET", target: "/api/raised?from=2021-01-01&to=2018-01-01", status: 400},
		{method: "GET", target: "/api/raised?concept=ransomwere", status: 404},

		{method: "GET", target: "/api/search?q=猛威を振るった", status: 200},
		{method: "GET", target: "/api/search?q=サイバー&limit=2&format=csv", status: 200},
		{method: "GET", target: "/api/search?q=サイバー&format=xlsx", status: 200},
		{method: "GET", target: "/api/search", status: 400},
		{method: "GET", target: "/api/search?q=x&person=nobody-at-all", status: 404},

		{method: "GET", target: "/api/graph", status: 200},
		{method: "GET", target: "/api/graph?focus=person/遠藤信博&format=d3", status: 200},
		{method: "GET", target: "/api/graph?concept=ransomware&narrower=true&format=graphml", status: 200},
		{method: "GET", target: "/api/graph?meeting=サイバーセキュリティ戦略本部-17&format=gexf", status: 200},
		{method: "GET", target: "/api/graph?limit=20&format=jsonld", status: 200},
		{method: "GET", target: "/api/graph?format=svg", status: 400},
		{method: "GET", target: "/api/graph?focus=nobody-at-all", status: 404},

		{method: "POST", target: "/api/gizmo", body: gizmo, header: []string{"Content-Type", "text/plain"}, status: 200},
		{method: "POST", target: "/api/gizmo?limit=1", body: `g.V().All()`, header: []string{"Content-Type", "text/plain"}, status: 200},
		{method: "POST", target: "/api/gizmo", body: `g.V(`, header: []string{"Content-Type", "text/plain"}, status: 400},
		{method: "POST", target: "/api/gizmo", body: strings.Repeat(" ", DefaultMaxQueryBytes+1), header: []string{"Content-Type", "text/plain"}, status: 413},
		{method: "GET", target: "/api/queries", status: 200},
		{method: "POST", target: "/api/queries/who-raised?concept=ransomware", status: 200},
		{method: "POST", target: "/api/queries/who-raised", body: `{"params":{"concept":"WannaCry"}}`, header: []string{"Content-Type", "application/json"}, status: 200},
		{method: "POST", target: "/api/queries/who-raised?concept=ransomwere", status: 404},
		{method: "POST", target: "/api/queries/who-raised?limit=0", status: 400},
		{method: "POST", target: "/api/queries/no-such-query", status: 404},

		{method: "POST", target: "/api/documents", body: string(minutes), header: []string{"Content-Type", "text/plain"}, status: 403},
		{method: "POST", target: "/api/documents?name=test.txt", body: string(minutes), header: append([]string{"Content-Type", "text/plain"}, auth...), writable: true, status: 200},
		{method: "POST", target: "/api/documents", body: "not minutes", header: append([]string{"Content-Type", "text/plain"}, auth...), writable: true, status: 400},
		{method: "POST", target: "/api/documents", body: string(minutes), header: []string{"Content-Type", "text/plain"}, writable: true, status: 401},

		{method: "GET", target: "/cayley/api/v2/query?lang=gizmo&qu=" + url.QueryEscape(gizmo), status: 200},
		{method: "GET", target: "/cayley/api/v2/query?lang=gizmo&qu=" + url.QueryEscape("g.V("), status: 400},
		{method: "POST", target: "/cayley/api/v2/query?lang=gizmo", body: gizmo, header: []string{"Content-Type", "text/plain"}, status: 200},
		{method: "POST", target: "/cayley/api/v2/query?lang=nolang", body: gizmo, header: []string{"Content-Type", "text/plain"}, status: 400},
		{method: "POST", target: "/cayley/api/v1/query/gizmo", body: gizmo, header: []string{"Content-Type", "text/plain"}, status: 200},
		{method: "POST", target: "/cayley/api/v1/query/gizmo?limit=1", body: `g.V("<nothing>").All()`, header: []string{"Content-Type", "text/plain"}, status: 200},
		{method: "POST", target: "/cayley/api/v1/query/gizmo", body: `g.V(`, header: []string{"Content-Type", "text/plain"}, status: 400},
		{method: "GET", target: "/cayley/api/v2/read?sub=" + url.QueryEscape("<https://gijigraph.org/id/person/遠藤信博>"), status: 200},
		{method: "POST", target: "/cayley/api/v2/read", status: 200},
		{method: "GET", target: "/cayley/api/v2/formats", status: 200},
		{method: "POST", target: "/cayley/api/v2/write", body: quad, header: []string{"Content-Type", "application/n-quads"}, status: 403},
		{method: "POST", target: "/cayley/api/v2/write", body: quad, header: append([]string{"Content-Type", "application/n-quads"}, auth...), writable: true, status: 200},
		{method: "POST", target: "/cayley/api/v2/write", body: quad, header: []string{"Content-Type", "application/n-quads"}, writable: true, status: 401},
		{method: "POST", target: "/cayley/api/v2/node/delete", body: `<https://example.org/a>`, header: append([]string{"Content-Type", "application/n-quads"}, auth...), writable: true, status: 200},
		{method: "POST", target: "/cayley/api/v2/node/delete", body: `<https://example.org/a>`, header: append([]string{"Content-Type", "application/n-quads"}, auth...), writable: true, status: 404},
		{method: "POST", target: "/cayley/api/v2/node/delete", body: `<https://example.org/a>`, header: []string{"Content-Type", "application/n-quads"}, status: 403},
		{method: "POST", target: "/cayley/api/v2/write", body: quad, header: append([]string{"Content-Type", "application/n-quads"}, auth...), writable: true, status: 200},
		{method: "POST", target: "/cayley/api/v2/delete", body: quad, header: append([]string{"Content-Type", "application/n-quads"}, auth...), writable: true, status: 200},
		{method: "POST", target: "/cayley/api/v2/delete", body: quad, header: append([]string{"Content-Type", "application/n-quads"}, auth...), writable: true, status: 404},
		{method: "POST", target: "/cayley/api/v2/delete", body: quad, header: []string{"Content-Type", "application/n-quads"}, status: 403},
		{method: "POST", target: "/cayley/api/v2/write", body: "not n-quads", header: append([]string{"Content-Type", "application/n-quads"}, auth...), writable: true, status: 400},
	}
}

// TestOpenAPIResponses sends every case and validates the response
// against openapi.yaml; every documented operation must have a case that
// succeeds.
func TestOpenAPIResponses(t *testing.T) {
	doc := loadSpec(t)
	doc.Servers = nil // match requests by path alone
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	// Media types the library has no decoder for: read as opaque bytes,
	// validated as a string (the document's schema is "string").
	for _, ct := range []string{xlsxType, "application/graphml+xml", "application/gexf+xml", "application/n-quads"} {
		openapi3filter.RegisterBodyDecoder(ct, openapi3filter.FileBodyDecoder)
	}
	opts := &openapi3filter.Options{
		IncludeResponseStatus: true,
		MultiError:            true,
		AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
	}
	readOnly := sharedServer(t)
	writable := newServer(t, func(c *Config) { c.Token = specToken; c.Writable = true; c.Ingest = testIngest(t) })

	succeeded := map[string]bool{} // "GET /api/meetings/{id}"
	for _, tc := range apiCases(t) {
		name := tc.method + " " + tc.target
		if len(name) > 120 {
			name = name[:120]
		}
		t.Run(name, func(t *testing.T) {
			s := readOnly
			if tc.writable {
				s = writable
			}
			req := httptest.NewRequest(tc.method, tc.target, strings.NewReader(tc.body))
			for i := 0; i+1 < len(tc.header); i += 2 {
				req.Header.Set(tc.header[i], tc.header[i+1])
			}
			// Clients ask for gzip; a server that compresses must still
			// match the document once decoded.
			req.Header.Set("Accept-Encoding", "gzip")
			route, pathParams, err := router.FindRoute(req)
			if err != nil {
				t.Fatalf("no documented operation: %v", err)
			}
			in := &openapi3filter.RequestValidationInput{Request: req, PathParams: pathParams, Route: route, Options: opts}
			if err := openapi3filter.ValidateRequest(t.Context(), in); err != nil && tc.status < 400 {
				t.Errorf("the request does not match the document: %v", err)
			}
			// ValidateRequest read the body: send it again.
			req.Body = io.NopCloser(strings.NewReader(tc.body))

			w := httptest.NewRecorder()
			s.Handler().ServeHTTP(w, req)
			res := w.Result()
			body := decoded(t, res.Header, w.Body.Bytes())
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", res.StatusCode, tc.status, printable(res.Header, body))
			}
			out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: res.StatusCode, Header: res.Header, Options: opts}
			out.SetBodyBytes(body)
			if err := openapi3filter.ValidateResponse(t.Context(), out); err != nil {
				t.Errorf("the response does not match the document: %v\nbody: %s", err, printable(res.Header, body))
			}
			if undoc := undocumentedFields(route, res, body); len(undoc) > 0 {
				t.Errorf("the response has fields openapi.yaml does not name: %s", strings.Join(undoc, ", "))
			}
			if res.StatusCode < 300 {
				succeeded[route.Method+" "+route.Path] = true
			}
		})
	}
	var missing []string
	for path, item := range doc.Paths.Map() {
		for m := range item.Operations() {
			if !succeeded[m+" "+path] {
				missing = append(missing, m+" "+path)
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("no successful response of these documented operations was validated; add a case to apiCases:\n%s", strings.Join(missing, "\n"))
	}
}

// decoded is body without its Content-Encoding (gzip); the header loses
// the encoding and its length.
func decoded(t *testing.T, h http.Header, body []byte) []byte {
	t.Helper()
	switch enc := h.Get("Content-Encoding"); enc {
	case "":
		return body
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("Content-Encoding gzip: %v", err)
		}
		plain, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("Content-Encoding gzip: %v", err)
		}
		h.Del("Content-Encoding")
		h.Del("Content-Length")
		return plain
	default:
		t.Fatalf("unexpected Content-Encoding %q", enc)
	}
	return nil
}

// printable is the start of a text body for a failure message.
func printable(h http.Header, body []byte) string {
	ct := h.Get("Content-Type")
	if !strings.Contains(ct, "json") && !strings.Contains(ct, "text") && !strings.Contains(ct, "xml") && !strings.Contains(ct, "yaml") && ct != "" {
		return fmt.Sprintf("(%d bytes of %s)", len(body), ct)
	}
	if len(body) > 500 {
		return string(body[:500]) + "…"
	}
	return string(body)
}

// undocumentedFields lists the JSON object keys of a response body that
// its schema in the document does not name, so that a field added to a
// response without the document fails.
func undocumentedFields(route *routers.Route, res *http.Response, body []byte) []string {
	ref := route.Operation.Responses.Status(res.StatusCode)
	if ref == nil || ref.Value == nil {
		return nil
	}
	mt := ref.Value.Content.Get(res.Header.Get("Content-Type"))
	if mt == nil || mt.Schema == nil || !strings.Contains(res.Header.Get("Content-Type"), "json") {
		return nil
	}
	// JSON-LD is RDF: its keys are IRIs and terms, not the document's.
	if strings.Contains(res.Header.Get("Content-Type"), "ld+json") {
		return nil
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return []string{fmt.Sprintf("(body is not JSON: %v)", err)}
	}
	var out []string
	walkUndocumented(mt.Schema.Value, v, "$", &out)
	slices.Sort(out)
	return slices.Compact(out)
}

// walkUndocumented adds to out the path of every key of v that s does not
// declare. allOf merges the properties of its parts; oneOf and anyOf
// accept a key any branch declares. A schema with additionalProperties,
// or an object schema without properties, declares every key.
func walkUndocumented(s *openapi3.Schema, v any, path string, out *[]string) {
	if s == nil {
		return
	}
	switch v := v.(type) {
	case []any:
		if items := schemaItems(s); items != nil {
			for _, e := range v {
				walkUndocumented(items, e, path+"[]", out)
			}
		}
	case map[string]any:
		props, open := schemaProperties(s)
		if open {
			return
		}
		for k, e := range v {
			p, ok := props[k]
			if !ok {
				*out = append(*out, path+"."+k)
				continue
			}
			walkUndocumented(p, e, path+"."+k, out)
		}
	}
}

// schemaProperties merges the properties of s and its allOf, oneOf and
// anyOf parts; open says that any key is allowed.
func schemaProperties(s *openapi3.Schema) (props map[string]*openapi3.Schema, open bool) {
	props = map[string]*openapi3.Schema{}
	var add func(s *openapi3.Schema) bool
	add = func(s *openapi3.Schema) bool {
		if s == nil {
			return false
		}
		declares := len(s.Properties) > 0
		if s.AdditionalProperties.Schema != nil || (s.AdditionalProperties.Has != nil && *s.AdditionalProperties.Has) {
			open = true
		}
		for k, p := range s.Properties {
			if p.Value != nil {
				props[k] = p.Value
			}
		}
		for _, part := range slices.Concat(s.AllOf, s.OneOf, s.AnyOf) {
			if part.Value != nil && add(part.Value) {
				declares = true
			}
		}
		return declares
	}
	if !add(s) {
		open = true // an object without properties: any key
	}
	return props, open
}

// schemaItems is the items schema of s or of its parts.
func schemaItems(s *openapi3.Schema) *openapi3.Schema {
	if s.Items != nil && s.Items.Value != nil {
		return s.Items.Value
	}
	for _, part := range slices.Concat(s.AllOf, s.OneOf, s.AnyOf) {
		if part.Value != nil {
			if it := schemaItems(part.Value); it != nil {
				return it
			}
		}
	}
	return nil
}
