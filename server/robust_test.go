package server

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/gin-gonic/gin"
)

// TestPanicRecovered: a panic in a handler is a 500 with a JSON body, and
// the server goes on serving.
func TestPanicRecovered(t *testing.T) {
	s := newServer(t, nil)
	s.router.GET("/api/test-panic", func(*gin.Context) { panic("boom") })
	r := get(t, s, "/api/test-panic")
	var body errorBody
	if r.status != http.StatusInternalServerError || json.Unmarshal(r.body, &body) != nil || body.Error == "" {
		t.Fatalf("panic: %d %s", r.status, r.body)
	}
	if r := get(t, s, "/healthz"); r.status != http.StatusOK {
		t.Errorf("after the panic /healthz = %d", r.status)
	}
}

// TestReadsDuringIngest: readers keep getting complete, consistent answers
// while minutes are ingested: each sees the read model before or after the
// new document, never an error or half of one.
func TestReadsDuringIngest(t *testing.T) {
	const token = "t0ken"
	s := newServer(t, func(c *Config) {
		c.Store = newStore(t, false)
		c.Token = token
		c.Writable = true
		c.Ingest = testIngest(t)
	})
	seeds := map[string][]byte{}
	for _, f := range seedFiles {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		seeds[f] = data
	}
	var (
		stop    atomic.Bool
		wg      sync.WaitGroup
		reads   atomic.Int64
		errs    = make(chan string, 100)
		seen30  atomic.Bool
		targets = []string{"/api/meetings", "/api/raised?concept=ransomware&narrower=true", "/api/graph?depth=2&focus=person/遠藤信博", "/api/people"}
	)
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; !stop.Load(); j++ {
				target := targets[(i+j)%len(targets)]
				r := get(t, s, target)
				reads.Add(1)
				// Before the first document there is no 遠藤 信博 to focus on.
				if r.status != http.StatusOK && !(r.status == http.StatusNotFound && strings.Contains(target, "focus")) {
					select {
					case errs <- target + ": " + string(r.body):
					default:
					}
				}
				if target == "/api/meetings" && strings.Contains(string(r.body), "サイバーセキュリティ戦略本部-30") {
					seen30.Store(true)
				}
			}
		}()
	}
	for f, data := range seeds {
		if r := post(t, s, "/api/documents?name="+filepath.Base(f), string(data), "Authorization", "Bearer "+token); r.status != http.StatusOK {
			t.Fatalf("ingest %s: %d %s", f, r.status, r.body)
		}
	}
	// Re-ingest one document: a replace, while reads go on.
	for f, data := range seeds {
		changed := strings.Replace(string(data), "活発な討議をよろしくお願い申し上げる。", "活発な討議をお願い申し上げる。", 1)
		post(t, s, "/api/documents?name="+filepath.Base(f), changed, "Authorization", "Bearer "+token)
		break
	}
	stop.Store(true)
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("read during ingest failed: %.300s", e)
	}
	if reads.Load() < 8 || !seen30.Load() {
		t.Errorf("%d reads; saw the 30th meeting: %v", reads.Load(), seen30.Load())
	}
}

// TestCytoscapeShape checks /api/graph?format=cytoscape against the shape
// Cytoscape.js accepts for elements: {nodes: [{data: {id}}], edges:
// [{data: {id, source, target}}]}, every edge's ends among the nodes, ids
// unique.
func TestCytoscapeShape(t *testing.T) {
	s := sharedServer(t)
	for _, q := range []string{"", "?focus=person/遠藤信博&depth=2", "?concept=ransomware&narrower=true", "?meeting=サイバーセキュリティ戦略本部-30"} {
		var g struct {
			Elements struct {
				Nodes []struct {
					Data map[string]any `json:"data"`
				} `json:"nodes"`
				Edges []struct {
					Data map[string]any `json:"data"`
				} `json:"edges"`
			} `json:"elements"`
		}
		r := get(t, s, "/api/graph"+q+map[bool]string{true: "?", false: "&"}[q == ""]+"format=cytoscape")
		if r.status != 200 {
			t.Fatalf("%s: %d %s", q, r.status, r.body)
		}
		r.json(t, &g)
		ids := map[string]bool{}
		for _, n := range g.Elements.Nodes {
			id, ok := n.Data["id"].(string)
			if !ok || id == "" || ids[id] {
				t.Fatalf("%s: node without a unique string id: %v", q, n.Data)
			}
			ids[id] = true
		}
		if len(ids) == 0 || len(g.Elements.Edges) == 0 {
			t.Fatalf("%s: %d nodes, %d edges", q, len(ids), len(g.Elements.Edges))
		}
		for _, e := range g.Elements.Edges {
			id, _ := e.Data["id"].(string)
			src, _ := e.Data["source"].(string)
			dst, _ := e.Data["target"].(string)
			if id == "" || ids[id] || !ids[src] || !ids[dst] {
				t.Fatalf("%s: bad edge %v", q, e.Data)
			}
			ids[id] = true
		}
	}
}
