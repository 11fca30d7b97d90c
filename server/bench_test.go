package server

import (
	"net/url"
	"testing"
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
