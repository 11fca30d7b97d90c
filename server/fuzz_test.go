package server

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gijigraph/gijigraph/graph"
)

// The fuzz targets share one seeded server per fuzzing process, with a
// short Gizmo limit and a small memory budget so that a bomb costs
// little.
var (
	fuzzOnce   sync.Once
	fuzzServer *Server
)

func fuzzingServer(t testing.TB) *Server {
	fuzzOnce.Do(func() {
		// Not newStore: its clean-up would close the store when the first
		// input's test ends, and this server lives as long as the process.
		ctx := context.Background()
		st, err := graph.Open(ctx, graph.Config{Backend: graph.Memory})
		if err != nil {
			t.Fatal(err)
		}
		seedInto(t, st)
		s, err := New(ctx, Config{
			Store:            st,
			GizmoTimeout:     time.Second,
			GizmoMemory:      64 << 20,
			GizmoConcurrency: 2,
			GizmoLimit:       50,
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.waitGizmoGraph(ctx); err != nil {
			t.Fatal(err)
		}
		fuzzServer = s
	})
	if fuzzServer == nil {
		t.Fatal("no fuzzing server")
	}
	return fuzzServer
}

// serve sends req to s and checks what every answer must be: never a 500
// (a panic caught by the recovery, or an error the server did not map),
// JSON that decodes when it says it is JSON, and an error body for every
// error.
func serve(t *testing.T, s *Server, req *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, req)
	what := req.Method + " " + req.URL.String()
	if w.Code >= 500 && w.Code != http.StatusGatewayTimeout && w.Code != http.StatusServiceUnavailable {
		t.Fatalf("%s: %d %s", what, w.Code, w.Body.Bytes())
	}
	if strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		if !json.Valid(w.Body.Bytes()) {
			t.Fatalf("%s: %d with invalid JSON: %.300s", what, w.Code, w.Body.Bytes())
		}
		if w.Code >= 400 {
			var e errorBody
			if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error == "" {
				t.Fatalf("%s: %d without an error message: %.300s", what, w.Code, w.Body.Bytes())
			}
		}
	}
	return w
}

// fuzzPaths are the read endpoints whose query parameters FuzzAPIParams
// varies; "{}" is replaced by a fuzzed path segment.
var fuzzPaths = []string{
	"/api/meetings", "/api/meetings/{}",
	"/api/people", "/api/people/{}",
	"/api/concepts", "/api/concepts/{}",
	"/api/raised", "/api/search", "/api/graph",
	"/api/queries", "/cayley/api/v2/read", "/cayley/api/v2/formats",
	"/healthz",
}

// FuzzAPIParams sends GET requests with arbitrary query strings (and path
// segments) to every read endpoint that runs no Gizmo.
func FuzzAPIParams(f *testing.F) {
	for i, q := range []string{
		"", "limit=2&offset=1", "format=csv", "format=xlsx", "format=nope",
		"type=malware", "body=サイバーセキュリティ戦略本部&from=2018-01-01&to=2021-12-31",
		"concept=ransomware&narrower=true", "concept=WannaCry&format=csv",
		"person=遠藤信博", "q=ランサムウェア&limit=5", "concept=wannacry&depth=2&format=cytoscape",
		"meeting=サイバーセキュリティ戦略本部-30&format=d3", "format=graphml", "format=jsonld",
		"limit=-1", "limit=99999999999999999999", "offset=%zz", "cursor=abc", "from=2021-02-30",
		"format=nquads&label=x",
	} {
		f.Add(uint8(i), q, "サイバーセキュリティ戦略本部-17")
	}
	f.Add(uint8(3), "", "遠藤信博")
	f.Add(uint8(5), "", "ransomware")
	f.Add(uint8(1), "", "%2F..%2F")
	f.Fuzz(func(t *testing.T, which uint8, rawQuery, segment string) {
		s := fuzzingServer(t)
		p := fuzzPaths[int(which)%len(fuzzPaths)]
		p = strings.Replace(p, "{}", segment, 1)
		req := &http.Request{
			Method:     http.MethodGet,
			URL:        &url.URL{Path: p, RawQuery: rawQuery},
			Header:     http.Header{},
			Proto:      "HTTP/1.1",
			ProtoMajor: 1, ProtoMinor: 1,
			Host:       "example.com",
			RemoteAddr: "192.0.2.1:1234",
		}
		req = req.WithContext(context.Background())
		serve(t, s, req)
	})
}

// FuzzCannedQuery posts arbitrary JSON bodies and query strings to every
// canned query: a parameter must never escape its string in the script
// (an error is a 400), and the server must answer within its limits.
func FuzzCannedQuery(f *testing.F) {
	names := []string{"who-raised", "person-profile", "meeting-summary", "co-mentions", "concept-timeline", "cross-meeting", "references", "shared-concerns", "nope"}
	for i, body := range []string{
		`{"params":{"concept":"ransomware"}}`,
		`{"params":{"person":"遠藤 信博"}}`,
		`{"params":{"meeting":"サイバーセキュリティ戦略本部-30"}}`,
		`{"params":{"concept":"\"); while(true){} ("}}`,
		`{"params":{"concept":"\u2028"}}`,
		`{"params":{"concept":"ransomware","extra":"x"}}`,
		`{"params":["x"]}`, `{}`, `null`, ``, `{"params":{"concept":null}}`,
	} {
		f.Add(uint8(i), "limit=5", body)
	}
	f.Add(uint8(0), "concept=WannaCry", "")
	f.Fuzz(func(t *testing.T, which uint8, rawQuery, body string) {
		s := fuzzingServer(t)
		name := names[int(which)%len(names)]
		req := httptest.NewRequest(http.MethodPost, "/api/queries/"+url.PathEscape(name), strings.NewReader(body))
		req.URL.RawQuery = rawQuery
		req.Header.Set("Content-Type", "application/json")
		w := serve(t, s, req)
		if w.Code == http.StatusOK && body != "" && !json.Valid([]byte(body)) {
			t.Fatalf("a body that is not JSON was accepted: %q", body)
		}
	})
}

// gizmoExamples are the Gizmo lines of docs/gizmo.md.
func gizmoExamples(f *testing.F) []string {
	file, err := os.Open("../docs/gizmo.md")
	if err != nil {
		f.Fatal(err)
	}
	defer file.Close()
	var out []string
	sc := bufio.NewScanner(file)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); strings.HasPrefix(l, "g.") {
			out = append(out, l)
		}
	}
	return out
}

// FuzzGizmo runs arbitrary programs through the sandbox, as POST
// /api/gizmo does: whatever the program, the answer comes within the
// limits (200, 400, 429 or 504, never a 500) and a normal query answers
// right after.
func FuzzGizmo(f *testing.F) {
	for _, e := range gizmoExamples(f) {
		f.Add(e)
	}
	for _, s := range []string{
		`g.V().Count()`,
		`g.V().Has("<http://schema.org/name>").Limit(3).All()`,
		`new Array(1e8).fill(1)`,
		`while(true){}`,
		`var a=[]; a.push(a); JSON.stringify(a)`,
		`function f(){return f()} f()`,
		`g.Emit(undefined)`,
		`g.V("<x>").ForEach(function(d){ g.Emit(d) })`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, script string) {
		s := fuzzingServer(t)
		req := httptest.NewRequest(http.MethodPost, "/api/gizmo", strings.NewReader(script))
		req.Header.Set("Content-Type", "text/plain")
		serve(t, s, req)
		// The server is still up and answers a normal query. A 429 is a
		// slot not yet free after a kill; wait for it.
		for i := 0; ; i++ {
			req := httptest.NewRequest(http.MethodPost, "/api/gizmo", strings.NewReader(`g.V("<https://gijigraph.org/id/concept/wannacry>").All()`))
			w := serve(t, s, req)
			if w.Code == http.StatusOK {
				break
			}
			if w.Code != http.StatusTooManyRequests || i == 100 {
				t.Fatalf("after %q a normal query got %d %s", script, w.Code, w.Body.Bytes())
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
}
