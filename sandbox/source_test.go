package sandbox

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gijigraph/gijigraph/graph"
	"github.com/gijigraph/gijigraph/internal/pgtest"
)

// importNQ adds N-Quads to s.
func importNQ(t *testing.T, s *graph.Store, nq string) {
	t.Helper()
	if _, err := s.Import(context.Background(), strings.NewReader(nq)); err != nil {
		t.Fatal(err)
	}
}

const (
	knowsB = "<https://example.org/a> <https://example.org/knows> <https://example.org/b> .\n"
	knowsC = "<https://example.org/a> <https://example.org/knows> <https://example.org/c> .\n"
	knows  = `g.V("<https://example.org/a>").Out("<https://example.org/knows>").All()`
)

// ask runs knows in p and returns its results, sorted by their printing.
func ask(t *testing.T, p *Pool) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, _, err := p.Run(ctx, knows, 10)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range res {
		out = append(out, fmt.Sprint(r))
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}

// snapshots lists the Gizmo snapshot files in dir.
func snapshots(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, ".gizmo-snapshot-*"))
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// TestSourceBoltWritable: the workers of a store open for writing read a
// snapshot of the bolt file, made anew by each Load, which sees the
// writes before it; the old snapshot is removed, and the last by Close.
func TestSourceBoltWritable(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "db")
	s, err := graph.Open(ctx, graph.Config{Backend: graph.Bolt, Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	importNQ(t, s, knowsB)
	p, err := New(Config{Workers: 2, Memory: 128 << 20, Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if err := p.Load(ctx, s); err != nil {
		t.Fatal(err)
	}
	if got := snapshots(t, dir); len(got) != 1 {
		t.Fatalf("snapshots after Load: %v, want one", got)
	}
	if got := ask(t, p); got != "map[id:<https://example.org/b>]" {
		t.Fatalf("before the write: %s", got)
	}
	importNQ(t, s, knowsC)
	if got := ask(t, p); got != "map[id:<https://example.org/b>]" {
		t.Fatalf("after the write, before Load: %s (the snapshot changed under the worker)", got)
	}
	if err := p.Load(ctx, s); err != nil {
		t.Fatal(err)
	}
	if got := snapshots(t, dir); len(got) != 1 {
		t.Fatalf("snapshots after the second Load: %v, want one (the old one removed)", got)
	}
	if got := ask(t, p); got != "map[id:<https://example.org/b>] map[id:<https://example.org/c>]" {
		t.Fatalf("after Load: %s", got)
	}
	p.Close()
	if got := snapshots(t, dir); len(got) != 0 {
		t.Fatalf("snapshots after Close: %v", got)
	}
}

// TestSourceBoltReadOnly: the workers of a store open read-only open the
// database file itself; Load copies nothing.
func TestSourceBoltReadOnly(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "db")
	w, err := graph.Open(ctx, graph.Config{Backend: graph.Bolt, Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	importNQ(t, w, knowsB)
	w.Close()
	s, err := graph.Open(ctx, graph.Config{Backend: graph.Bolt, Path: dir, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tmp := t.TempDir()
	p, err := New(Config{Workers: 1, Memory: 128 << 20, Timeout: timeout, Dir: tmp})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if err := p.Load(ctx, s); err != nil {
		t.Fatal(err)
	}
	if got := ask(t, p); got != "map[id:<https://example.org/b>]" {
		t.Fatalf("got %s", got)
	}
	pid := workerPID(p)
	// A second Load keeps the worker: the source is the same file.
	if err := p.Load(ctx, s); err != nil {
		t.Fatal(err)
	}
	ask(t, p)
	if workerPID(p) != pid {
		t.Error("Load restarted the worker of a read-only store")
	}
	for _, d := range []string{dir, tmp} {
		if got := snapshots(t, d); len(got) != 0 {
			t.Errorf("a snapshot of a read-only store: %v", got)
		}
		if got, _ := filepath.Glob(filepath.Join(d, "*.nq")); len(got) != 0 {
			t.Errorf("a copy of a read-only store: %v", got)
		}
	}
}

// TestSourcePostgres: the workers read the PostgreSQL database itself,
// and see a write without a new Load.
func TestSourcePostgres(t *testing.T) {
	dsn := os.Getenv("GIJIGRAPH_TEST_PG_DSN")
	if dsn == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("GIJIGRAPH_TEST_PG_DSN is not set, and CI must run the PostgreSQL tests")
		}
		t.Skip("GIJIGRAPH_TEST_PG_DSN is not set")
	}
	ctx := context.Background()
	dsn = pgtest.Schema(t, dsn, "gijigraph_sandbox_test")
	s, err := graph.Open(ctx, graph.Config{Backend: graph.Postgres, DSN: dsn})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	importNQ(t, s, knowsB)
	p, err := New(Config{Workers: 1, Memory: 128 << 20, Timeout: timeout, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if err := p.Load(ctx, s); err != nil {
		t.Fatal(err)
	}
	if got := ask(t, p); got != "map[id:<https://example.org/b>]" {
		t.Fatalf("got %s", got)
	}
	importNQ(t, s, knowsC)
	if got := ask(t, p); got != "map[id:<https://example.org/b>] map[id:<https://example.org/c>]" {
		t.Fatalf("after a write: %s", got)
	}
}
