package server

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/gijigraph/gijigraph/queries"
)

// The handlers on the seeds, through the router (no network). bench/serve.sh
// measures the same over HTTP with hey, also on generated meetings.
func BenchmarkHandlers(b *testing.B) {
	s := newServer(b, nil)
	for _, bm := range []struct{ name, target string }{
		{"raised_wannacry", "/api/raised?concept=WannaCry"},
		{"raised_ransomware_narrower", "/api/raised?concept=ransomware&narrower=true"},
		{"raised_csv", "/api/raised?concept=ransomware&narrower=true&format=csv"},
		{"graph_focus_depth2", "/api/graph?depth=2&focus=" + url.QueryEscape("person/遠藤信博")},
		{"graph_meeting", "/api/graph?meeting=" + url.QueryEscape("サイバーセキュリティ戦略本部-30")},
		{"graph_gexf_500", "/api/graph?limit=500&format=gexf"},
		{"search", "/api/search?q=" + url.QueryEscape("ランサムウェア")},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if r := get(b, s, bm.target); r.status != 200 {
					b.Fatalf("%d %s", r.status, r.body)
				}
			}
		})
	}
}

// BenchmarkCanned runs every canned query with its first example, in
// the sandbox through the router (as a client of POST /api/queries/NAME
// gets it) and in this process (graph.Store.Gizmo, as before the
// sandbox): the difference is the sandbox's cost per query
// (docs/sandbox.md).
func BenchmarkCanned(b *testing.B) {
	s := newServer(b, nil)
	ctx := context.Background()
	for _, q := range queries.List() {
		if len(q.Examples) == 0 {
			continue
		}
		vals := map[string]string{}
		for _, kv := range q.Examples[0] {
			k, v, _ := strings.Cut(kv, "=")
			vals[k] = v
		}
		script, err := q.Script(vals)
		if err != nil {
			b.Fatal(err)
		}
		body, err := json.Marshal(map[string]any{"params": vals})
		if err != nil {
			b.Fatal(err)
		}
		b.Run("sandbox/"+q.Name, func(b *testing.B) {
			for b.Loop() {
				if r := post(b, s, "/api/queries/"+q.Name, string(body)); r.status != 200 {
					b.Fatalf("%d %s", r.status, r.body)
				}
			}
		})
		b.Run("inprocess/"+q.Name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := s.cfg.Store.Gizmo(ctx, script, s.cfg.GizmoLimit); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
