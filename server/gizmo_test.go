package server

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gijigraph/gijigraph/graph"
)

const sakaiPosts = `g.V("<https://gijigraph.org/id/person/坂井学>").In("<http://www.w3.org/ns/org#member>").Out("<http://www.w3.org/ns/opengov#post>").Out("<http://www.w3.org/2004/02/skos/core#prefLabel>").Unique().All()`

func TestGizmo(t *testing.T) {
	s := sharedServer(t)
	var res struct {
		Result    []map[string]any
		Truncated bool
	}
	r := post(t, s, "/api/gizmo", sakaiPosts)
	r.json(t, &res)
	if r.status != 200 || len(res.Result) != 2 || res.Truncated {
		t.Fatalf("%d %s", r.status, r.body)
	}
	got := []string{res.Result[0]["id"].(string), res.Result[1]["id"].(string)}
	if !strings.Contains(strings.Join(got, ","), "総務副大臣") || !strings.Contains(strings.Join(got, ","), "内閣官房副長官") {
		t.Errorf("坂井 学's posts: %v", got)
	}
	// IRIs keep their angle brackets (no HTML escaping).
	r = post(t, s, "/api/gizmo?limit=3", `g.V().All()`)
	r.json(t, &res)
	if len(res.Result) != 3 || !res.Truncated || strings.Contains(string(r.body), `\u003c`) {
		t.Errorf("limit 3: %d results, truncated %v", len(res.Result), res.Truncated)
	}
}

// TestGizmoTimeout: a script that never ends gets 504 within the
// timeout, and its worker and its slot are freed.
func TestGizmoTimeout(t *testing.T) {
	s := newServer(t, func(c *Config) {
		c.GizmoTimeout = 200 * time.Millisecond
		c.GizmoConcurrency = 1
	})
	before := runtime.NumGoroutine()
	for range 3 { // one slot: each loop must have freed it for the next
		r := post(t, s, "/api/gizmo", `while (true) {}`)
		if r.status != http.StatusGatewayTimeout || !strings.Contains(string(r.body), "was stopped") {
			t.Fatalf("while(true): %d %s", r.status, r.body)
		}
	}
	if r := post(t, s, "/api/gizmo", sakaiPosts); r.status != 200 {
		t.Fatalf("after the timeouts: %d %s", r.status, r.body)
	}
	// The queries ran in worker processes, killed at the deadline; only
	// the goroutines that watch the one live worker remain.
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before+3 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before+3 {
		t.Errorf("%d goroutines, %d before the loops", n, before)
	}
	if r := post(t, s, "/cayley/api/v2/query?lang=gizmo", `while (true) {}`); r.status < 400 {
		t.Errorf("Cayley API while(true): %d %s", r.status, r.body)
	}
}

// TestGizmoConcurrency: with every slot taken, one more query gets 429.
func TestGizmoConcurrency(t *testing.T) {
	s := newServer(t, func(c *Config) {
		c.GizmoTimeout = 2 * time.Second
		c.GizmoConcurrency = 1
	})
	done := make(chan response)
	go func() { done <- post(t, s, "/api/gizmo", `while (true) {}`) }()
	// Wait until the loop holds the slot.
	for len(s.gizmo) == 0 {
		time.Sleep(time.Millisecond)
	}
	r := post(t, s, "/api/gizmo", sakaiPosts)
	if r.status != http.StatusTooManyRequests || r.header.Get("Retry-After") == "" {
		t.Errorf("second query: %d %s", r.status, r.body)
	}
	if r := post(t, s, "/cayley/api/v2/query?lang=gizmo", sakaiPosts); r.status != http.StatusTooManyRequests {
		t.Errorf("Cayley query while full: %d %s", r.status, r.body)
	}
	if r := <-done; r.status != http.StatusGatewayTimeout {
		t.Errorf("loop: %d %s", r.status, r.body)
	}
	if r := post(t, s, "/api/gizmo", sakaiPosts); r.status != 200 {
		t.Errorf("after the loop: %d %s", r.status, r.body)
	}
}

// TestCayleyAPI calls Cayley's HTTP API v2 as Cayley's own client does:
// a POST of the Gizmo query to /api/v2/query?lang=gizmo.
func TestCayleyAPI(t *testing.T) {
	ts := httptest.NewServer(sharedServer(t).Handler())
	defer ts.Close()
	resp, err := http.Post(ts.URL+"/cayley/api/v2/query?lang=gizmo", "application/json", strings.NewReader(sakaiPosts))
	if err != nil {
		t.Fatal(err)
	}
	body := readAll(t, resp)
	if resp.StatusCode != 200 || !strings.Contains(body, `"result"`) || !strings.Contains(body, "総務副大臣") || !strings.Contains(body, "内閣官房副長官") {
		t.Errorf("query: %d %s", resp.StatusCode, body)
	}
	resp, err = http.Get(ts.URL + "/cayley/api/v2/read?sub=" + "%3Chttps://gijigraph.org/id/person/%E5%9D%82%E4%BA%95%E5%AD%A6%3E")
	if err != nil {
		t.Fatal(err)
	}
	if body := readAll(t, resp); resp.StatusCode != 200 || !strings.Contains(body, `"坂井 学"`) {
		t.Errorf("read: %d %s", resp.StatusCode, body)
	}
}

func readAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestWrites: writes need the token and a writable store; a refused
// write changes nothing; an accepted one rebuilds the read model.
func TestWrites(t *testing.T) {
	const token = "s3cret"
	quad := `<https://example.org/a> <https://example.org/b> "c" .`
	seed17, err := os.ReadFile(seedFiles[0])
	if err != nil {
		t.Fatal(err)
	}
	quads := func(s *Server) int {
		st, err := s.stats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return st.Quads
	}

	t.Run("no token configured", func(t *testing.T) {
		s := newServer(t, func(c *Config) { c.Writable = true; c.Ingest = testIngest(t) })
		n := quads(s)
		for _, target := range []string{"/cayley/api/v2/write", "/api/documents"} {
			if r := post(t, s, target, quad, "Authorization", "Bearer "+token); r.status != http.StatusForbidden {
				t.Errorf("%s: %d %s", target, r.status, r.body)
			}
		}
		if quads(s) != n {
			t.Error("the graph changed")
		}
	})
	t.Run("wrong or missing token", func(t *testing.T) {
		s := newServer(t, func(c *Config) { c.Token = token; c.Writable = true; c.Ingest = testIngest(t) })
		n := quads(s)
		for _, target := range []string{"/cayley/api/v2/write", "/cayley/api/v2/delete", "/cayley/api/v2/node/delete", "/api/documents"} {
			for _, auth := range []string{"", "Bearer nope", token, "Bearer " + token + "x"} {
				r := post(t, s, target, quad, "Authorization", auth)
				if r.status != http.StatusUnauthorized || r.header.Get("WWW-Authenticate") == "" {
					t.Errorf("%s with %q: %d %s", target, auth, r.status, r.body)
				}
			}
		}
		if quads(s) != n {
			t.Error("the graph changed")
		}
	})
	t.Run("read-only store", func(t *testing.T) {
		s := newServer(t, func(c *Config) { c.Token = token; c.Ingest = testIngest(t) })
		if r := post(t, s, "/cayley/api/v2/write", quad, "Authorization", "Bearer "+token); r.status != http.StatusForbidden {
			t.Errorf("write: %d %s", r.status, r.body)
		}
	})
	t.Run("cayley write", func(t *testing.T) {
		s := newServer(t, func(c *Config) { c.Token = token; c.Writable = true })
		n := quads(s)
		r := post(t, s, "/cayley/api/v2/write", quad, "Authorization", "Bearer "+token, "Content-Type", "application/n-quads")
		if r.status != 200 || quads(s) != n+1 {
			t.Errorf("write: %d %s; quads %d → %d", r.status, r.body, n, quads(s))
		}
	})
	t.Run("documents", func(t *testing.T) {
		s, err := New(t.Context(), Config{Store: newStore(t, false), Token: token, Writable: true, Ingest: testIngest(t)})
		if err != nil {
			t.Fatal(err)
		}
		if r := get(t, s, "/api/meetings/"+"サイバーセキュリティ戦略本部-17"); r.status != 404 {
			t.Fatalf("before: %d", r.status)
		}
		var res Ingested
		r := post(t, s, "/api/documents?name=17.txt", string(seed17), "Authorization", "Bearer "+token)
		r.json(t, &res)
		if r.status != 200 || res.Status != "added" || res.MeetingID != "サイバーセキュリティ戦略本部-17" {
			t.Fatalf("post: %d %s", r.status, r.body)
		}
		if r := get(t, s, "/api/raised?concept=WannaCry"); r.status != 200 || !strings.Contains(string(r.body), "遠藤 信博") {
			t.Errorf("after: %d %s", r.status, r.body)
		}
		r = post(t, s, "/api/documents?name=17.txt", string(seed17), "Authorization", "Bearer "+token)
		r.json(t, &res)
		if res.Status != "unchanged" {
			t.Errorf("again: %s", r.body)
		}
		if r := post(t, s, "/api/documents?name=bad.txt", "not minutes at all", "Authorization", "Bearer "+token); r.status != 400 || !strings.Contains(string(r.body), "extract:") {
			t.Errorf("bad minutes: %d %s", r.status, r.body)
		}
	})
}

// TestIngestIncomplete: minutes cut mid-sentence are stored with
// complete false, unless ?strict=true, which refuses them.
func TestIngestIncomplete(t *testing.T) {
	const token = "s3cret"
	seed17, err := os.ReadFile(seedFiles[0])
	if err != nil {
		t.Fatal(err)
	}
	text := string(seed17)
	cut := text[:strings.LastIndex(text, "。")] // the last sentence, without its full stop
	s, err := New(t.Context(), Config{Store: newStore(t, false), Token: token, Writable: true, Ingest: testIngest(t)})
	if err != nil {
		t.Fatal(err)
	}
	r := post(t, s, "/api/documents?name=cut.txt&strict=true", cut, "Authorization", "Bearer "+token)
	if r.status != 400 || !strings.Contains(string(r.body), "cut.txt") {
		t.Errorf("strict: %d %s", r.status, r.body)
	}
	var res Ingested
	r = post(t, s, "/api/documents?name=cut.txt", cut, "Authorization", "Bearer "+token)
	r.json(t, &res)
	if r.status != 200 || res.Complete || res.Status != "added" {
		t.Errorf("not strict: %d %s", r.status, r.body)
	}
}

// TestIngestPanic: a panic in the extractor is a 500 that names the
// file, and the server goes on serving.
func TestIngestPanic(t *testing.T) {
	const token = "s3cret"
	boom := func(context.Context, *graph.Store, string, []byte, IngestOptions) (*Ingested, error) {
		panic("index out of range [3] with length 3")
	}
	s, err := New(t.Context(), Config{Store: newStore(t, false), Token: token, Writable: true, Ingest: boom})
	if err != nil {
		t.Fatal(err)
	}
	r := post(t, s, "/api/documents?name=crash.txt", "anything", "Authorization", "Bearer "+token)
	if r.status != 500 || !strings.Contains(string(r.body), "crash.txt") || strings.Contains(string(r.body), "goroutine") {
		t.Errorf("panic: %d %s", r.status, r.body)
	}
	if r := get(t, s, "/api/meetings"); r.status != 200 {
		t.Errorf("after the panic: %d %s", r.status, r.body)
	}
}
