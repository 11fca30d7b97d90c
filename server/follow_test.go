package server

import (
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/gijigraph/gijigraph/graph"
	"github.com/gijigraph/gijigraph/internal/pgtest"
)

// pgStore opens a store on the PostgreSQL of GIJIGRAPH_TEST_PG_DSN, in
// a schema of its own emptied first; it skips the test when the
// variable is unset (and fails it in CI).
func pgStore(t *testing.T, schema string) (*graph.Store, string) {
	t.Helper()
	dsn := os.Getenv("GIJIGRAPH_TEST_PG_DSN")
	if dsn == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("GIJIGRAPH_TEST_PG_DSN is not set, and CI must run the PostgreSQL tests")
		}
		t.Skip("GIJIGRAPH_TEST_PG_DSN is not set: skipping the PostgreSQL test")
	}
	dsn = pgtest.Schema(t, dsn, schema)
	return openPG(t, dsn), dsn
}

func openPG(t *testing.T, dsn string) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), graph.Config{Backend: graph.Postgres, DSN: dsn})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestTwoServersPostgres: two servers on one PostgreSQL database answer
// the same, and a document ingested through one is seen through the
// other without a restart.
func TestTwoServersPostgres(t *testing.T) {
	storeA, dsn := pgStore(t, "gijigraph_server_follow")
	if _, err := storeA.WriteConcepts(context.Background(), graphConcepts(loadConcepts(t))); err != nil {
		t.Fatal(err)
	}
	const token = "s3cret"
	start := func(st *graph.Store) *Server {
		s, err := New(context.Background(), Config{Store: st, Writable: true, Token: token, Ingest: testIngest(t)})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	a, b := start(storeA), start(openPG(t, dsn))
	total := func(s *Server) int {
		var m struct{ Total int }
		if err := json.Unmarshal(get(t, s, "/api/meetings").body, &m); err != nil {
			t.Fatal(err)
		}
		return m.Total
	}
	if total(a) != 0 || total(b) != 0 {
		t.Fatalf("meetings before any ingest: %d, %d", total(a), total(b))
	}
	for i, f := range seedFiles {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		from := a
		if i == 1 {
			from = b // the other way round
		}
		if r := post(t, from, "/api/documents?name=seed.txt", string(data), "Authorization", "Bearer "+token); r.status != 200 {
			t.Fatalf("ingest: %d %s", r.status, r.body)
		}
		began := time.Now()
		for total(a) != i+1 || total(b) != i+1 {
			if time.Since(began) > time.Minute {
				t.Fatalf("after a minute the servers list %d and %d meetings, want %d", total(a), total(b), i+1)
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Logf("meeting %d visible through both servers %v after its ingest returned", i+1, time.Since(began))
	}
	// Every answer converges: what a server keeps in memory (the concept
	// list's counters) follows the other's writes at its next poll, so an
	// answer may lag the meetings list by a poll.
	for _, target := range []string{"/api/meetings", "/api/people", "/api/concepts", "/api/raised?concept=ransomware", "/api/graph", "/api/search?q=サイバー"} {
		began := time.Now()
		for {
			ra, rb := get(t, a, target), get(t, b, target)
			if ra.status == 200 && string(ra.body) == string(rb.body) {
				if d := time.Since(began); d > 0 {
					t.Logf("%s: the same through both servers after %v", target, d)
				}
				break
			}
			if time.Since(began) > 10*time.Second {
				t.Errorf("%s: %d %.200s\nthe other server: %d %.200s", target, ra.status, ra.body, rb.status, rb.body)
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}
