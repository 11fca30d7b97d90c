package server

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/gijigraph/gijigraph/graph"
)

// seedInto writes the concept list and the seed meetings into st.
func seedInto(t testing.TB, st *graph.Store) {
	t.Helper()
	ctx := context.Background()
	if _, err := st.WriteConcepts(ctx, graphConcepts(loadConcepts(t))); err != nil {
		t.Fatal(err)
	}
	ingest := testIngest(t)
	for _, f := range seedFiles {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ingest(ctx, st, f, data, IngestOptions{}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestIndexAnswersAsSnapshot: a server on a store with a read index
// (bolt, PostgreSQL), which answers the hot requests from the index per
// request, answers every request byte for byte as the server on the
// memory store, which answers from a Snapshot; also after a document is
// replaced and one removed.
func TestIndexAnswersAsSnapshot(t *testing.T) {
	ctx := context.Background()
	targets := []string{
		"/api/raised?concept=vulnerability",
		"/api/raised?concept=vulnerability&limit=3&offset=2",
		"/api/raised?concept=vulnerability&offset=100000",
		"/api/raised?concept=vulnerability&format=csv",
		"/api/raised?concept=ランサムウェア&narrower=true",
		"/api/raised?concept=threat&narrower=true&type=malware",
		"/api/raised?concept=vulnerability&from=2021-01-01",
		"/api/raised?concept=vulnerability&to=2021-01-01&limit=5",
		"/api/raised?concept=no-such-concept",
		"/api/raised?concept=vulnerability&type=no-such-type",
		"/api/raised?concept=vulnerability&person=x",
		"/api/raised",
		"/api/meetings",
		"/api/meetings?from=2021-01-01",
		"/api/meetings?offset=1",
		"/api/meetings?offset=5&limit=2",
		"/api/meetings?to=2021-01-01&format=tsv",
		"/api/meetings?body=サイバーセキュリティ戦略本部&limit=1",
		"/api/meetings?body=no-such-body",
		"/api/concepts",
		"/api/concepts?type=malware&limit=2&offset=1",
		"/api/concepts?type=no-such-type",
		"/api/people",
		"/api/concepts/vulnerability",
		"/api/concepts/ランサムウェア",
		"/api/concepts/no-such-concept",
		"/api/meetings/サイバーセキュリティ戦略本部-17",
		"/api/meetings/meeting/サイバーセキュリティ戦略本部-30",
		"/api/meetings/サイバーセキュリティ戦略本部-3",
		"/api/search?q=脆弱性",
	}
	compare := func(t *testing.T, want, got *Server) {
		t.Helper()
		for _, target := range targets {
			a, b := get(t, want, target), get(t, got, target)
			if a.status != b.status || !bytes.Equal(a.body, b.body) || a.header.Get("X-Total-Count") != b.header.Get("X-Total-Count") {
				t.Errorf("GET %s: %d %.400s\nwant %d %.400s", target, b.status, b.body, a.status, a.body)
			}
		}
	}
	stores := map[string]func(t *testing.T) *graph.Store{
		graph.Bolt: func(t *testing.T) *graph.Store {
			st, err := graph.Open(ctx, graph.Config{Backend: graph.Bolt, Path: filepath.Join(t.TempDir(), "db")})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			return st
		},
		graph.Postgres: func(t *testing.T) *graph.Store {
			st, _ := pgStore(t, "gg_catalog")
			return st
		},
	}
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			seedInto(t, st)
			idx, err := New(ctx, Config{Store: st, Writable: true, Token: "t", Ingest: testIngest(t)})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { idx.Close() })
			if idx.cat.Load() == nil {
				t.Fatal("the server does not read from the index")
			}
			mem := newServer(t, func(c *Config) { c.Writable, c.Token, c.Ingest = true, "t", testIngest(t) })
			compare(t, mem, idx)

			// Replace the 2018 meeting with its first half, remove the 2021 one.
			data, err := os.ReadFile(seedFiles[0])
			if err != nil {
				t.Fatal(err)
			}
			half := data[:bytes.LastIndexByte(data[:len(data)/2], '\n')+1]
			for _, s := range []*Server{mem, idx} {
				if r := post(t, s, "/api/documents?name="+filepath.Base(seedFiles[0]), string(half), "Authorization", "Bearer t"); r.status != 200 {
					t.Fatalf("POST: %d %s", r.status, r.body)
				}
			}
			for _, s := range []*Server{mem, idx} {
				if _, err := s.cfg.Store.RemoveDocument(ctx, "サイバーセキュリティ戦略本部-30"); err != nil {
					t.Fatal(err)
				}
				s.writeMu.Lock()
				err := s.refresh(ctx)
				s.writeMu.Unlock()
				if err != nil {
					t.Fatal(err)
				}
			}
			compare(t, mem, idx)
		})
	}
}
