package graph

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/boltdb/bolt"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"

	"github.com/gijigraph/gijigraph/extract"
)

// buildSeeds builds both seed documents and the concept list into the
// bolt database at dir with Update.
func buildSeeds(t *testing.T, cfg Config) {
	t.Helper()
	err := Update(context.Background(), cfg, func(s *Store) error {
		seedStore(t, s)
		return nil
	})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
}

// snapshot returns the quads of the bolt database at cfg, opened read-only.
func snapshot(t *testing.T, cfg Config) []string {
	t.Helper()
	cfg.ReadOnly = true
	s, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("reopening: %v", err)
	}
	defer s.Close()
	return allQuads(t, s)
}

func tmpFiles(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, boltFile+".tmp-*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestUpdateFresh(t *testing.T) {
	cfg := Config{Path: filepath.Join(t.TempDir(), "new", "db")}
	buildSeeds(t, cfg)
	if got := snapshot(t, cfg); len(got) == 0 {
		t.Fatal("a fresh build is empty")
	}
	if m := tmpFiles(t, cfg.Path); len(m) != 0 {
		t.Errorf("temporary files left: %v", m)
	}
}

// TestUpdateFailure: a build that fails half-way leaves the previous
// database as it was.
func TestUpdateFailure(t *testing.T) {
	cfg := Config{Path: filepath.Join(t.TempDir(), "db")}
	buildSeeds(t, cfg)
	before := snapshot(t, cfg)
	boom := errors.New("boom")
	err := Update(context.Background(), cfg, func(s *Store) error {
		d := parseSeed(t, seed17)
		d.Speeches = d.Speeches[:1]
		writeDocs(t, s, "other", d)
		if _, err := s.RemoveDocument(context.Background(), meeting30); err != nil {
			t.Fatal(err)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update = %v, want boom", err)
	}
	if after := snapshot(t, cfg); !slices.Equal(before, after) {
		t.Errorf("a failed build changed the database: %d quads, then %d", len(before), len(after))
	}
	if m := tmpFiles(t, cfg.Path); len(m) != 0 {
		t.Errorf("temporary files left: %v", m)
	}
}

const crashHelperEnv = "GIJIGRAPH_TEST_CRASH_DIR"

// crashHelper runs in a child test process: it starts a build that
// replaces the 17th meeting and removes the 30th, and kills itself with
// SIGKILL before the build ends.
func crashHelper(dir string) {
	ctx := context.Background()
	_ = Update(ctx, Config{Path: dir}, func(s *Store) error {
		data, err := os.ReadFile(seed17)
		if err != nil {
			panic(err)
		}
		d, err := extract.Parse(seed17, data)
		if err != nil {
			panic(err)
		}
		d.Speeches = d.Speeches[:1]
		if _, err := s.WriteDocument(ctx, d, "crash"); err != nil {
			panic(err)
		}
		if _, err := s.RemoveDocument(ctx, meeting30); err != nil {
			panic(err)
		}
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {}
	})
	os.Exit(3)
}

// TestUpdateCrash: a build killed half-way leaves the previous database
// intact, and the next build removes what the killed one left.
func TestUpdateCrash(t *testing.T) {
	cfg := Config{Path: filepath.Join(t.TempDir(), "db")}
	buildSeeds(t, cfg)
	before := snapshot(t, cfg)

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashHelperEnv+"="+cfg.Path)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("crash helper: %v\n%s", err, out)
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("crash helper did not die of SIGKILL: %v\n%s", err, out)
	}
	if m := tmpFiles(t, cfg.Path); len(m) != 1 {
		t.Errorf("the killed build should have left its copy behind, found %v", m)
	}
	if after := snapshot(t, cfg); !slices.Equal(before, after) {
		t.Errorf("a killed build changed the database: %d quads, then %d", len(before), len(after))
	}
	// Opening the database removed the copy: no build was running.
	if m := tmpFiles(t, cfg.Path); len(m) != 0 {
		t.Errorf("opening the database left the killed build's copy: %v", m)
	}

	// A copy left while a build runs is not touched by an open; the next
	// build removes it.
	stale := filepath.Join(cfg.Path, boltFile+".tmp-999999")
	if err := os.WriteFile(stale, []byte("stale"), 0o644); err != nil {
		t.Fatal(err)
	}
	err = Update(context.Background(), cfg, func(*Store) error {
		if m := tmpFiles(t, cfg.Path); len(m) != 1 || strings.HasSuffix(m[0], "-999999") {
			t.Errorf("a build's copies at its start: %v, want only its own", m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if m := tmpFiles(t, cfg.Path); len(m) != 0 {
		t.Errorf("stale copies not removed: %v", m)
	}
}

// TestOpenDuringBuild: the clean-up an open does leaves a running
// build's copy alone. (The open itself then fails: the build holds the
// database file locked.)
func TestOpenDuringBuild(t *testing.T) {
	cfg := Config{Path: filepath.Join(t.TempDir(), "db")}
	buildSeeds(t, cfg)
	err := Update(context.Background(), cfg, func(*Store) error {
		cleanStaleCopies(cfg.Path)
		if m := tmpFiles(t, cfg.Path); len(m) != 1 {
			t.Errorf("an open during a build removed its copy: %v", m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestUpdateFailedFirstBuild: a first build that fails leaves no
// database, no lock file, and no directory if it made the directory.
func TestUpdateFailedFirstBuild(t *testing.T) {
	boom := errors.New("boom")
	fail := func(s *Store) error {
		seedStore(t, s)
		return boom
	}
	for _, made := range []bool{true, false} {
		dir := filepath.Join(t.TempDir(), "db")
		if !made {
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		if err := Update(context.Background(), Config{Path: dir}, fail); !errors.Is(err, boom) {
			t.Fatalf("Update = %v, want boom", err)
		}
		ents, err := os.ReadDir(dir)
		switch {
		case made && !errors.Is(err, os.ErrNotExist):
			t.Errorf("a failed first build into a new path left %s (%v, %d entries)", dir, err, len(ents))
		case !made && err != nil:
			t.Errorf("a failed first build removed the directory it was given: %v", err)
		case !made && len(ents) != 0:
			t.Errorf("a failed first build left %d files in %s: %v", len(ents), dir, ents)
		}
	}
}

// TestBoltLocked: a database another process has open gives a clear
// error after the lock timeout instead of hanging.
func TestBoltLocked(t *testing.T) {
	cfg := Config{Path: filepath.Join(t.TempDir(), "db"), LockTimeout: 100 * time.Millisecond}
	buildSeeds(t, cfg)
	s := mustOpen(t, cfg) // read-write: an exclusive lock, like serve

	ro := cfg
	ro.ReadOnly = true
	for name, try := range map[string]func() error{
		"open": func() error {
			s, err := Open(context.Background(), cfg)
			if err == nil {
				s.Close()
			}
			return err
		},
		"open read-only": func() error {
			s, err := Open(context.Background(), ro)
			if err == nil {
				s.Close()
			}
			return err
		},
		"update": func() error {
			return Update(context.Background(), cfg, func(*Store) error { return nil })
		},
	} {
		start := time.Now()
		err := try()
		if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "locked by another gijigraph process") {
			t.Errorf("%s: got %v, want ErrLocked", name, err)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: took %v", name, d)
		}
	}
	s.Close()
	s2 := mustOpen(t, ro)
	s3 := mustOpen(t, ro) // readers share the lock
	s2.Close()
	s3.Close()
}

func TestBoltReadOnly(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(context.Background(), Config{Path: filepath.Join(dir, "none"), ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "no database") {
		t.Errorf("opening a missing database read-only: %v", err)
	}
	cfg := Config{Path: filepath.Join(dir, "db")}
	buildSeeds(t, cfg)
	cfg.ReadOnly = true
	s := mustOpen(t, cfg)
	if _, err := s.RemoveDocument(context.Background(), meeting17); err == nil {
		t.Error("a read-only store accepted a write")
	}
	if err := Update(context.Background(), cfg, func(*Store) error { return nil }); err == nil {
		t.Error("Update accepted a read-only config")
	}
}

// TestBoltLabelIndex: a new bolt database carries the (label, subject)
// index in Cayley's own metadata, so the stock cayley CLI keeps it up to
// date too.
func TestBoltLabelIndex(t *testing.T) {
	cfg := Config{Path: filepath.Join(t.TempDir(), "db")}
	mustOpen(t, cfg).Close()
	db, err := hbolt.Open(filepath.Join(cfg.Path, boltFile), &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var inds []ckv.QuadIndex
	err = db.DB().View(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("meta"))
		if b == nil {
			return errors.New("no meta bucket")
		}
		return json.Unmarshal(b.Get([]byte("indexes")), &inds)
	})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, in := range inds {
		if slices.Equal(in.Dirs, []quad.Direction{quad.Label, quad.Subject}) {
			found = true
		}
	}
	if !found || len(inds) != len(ckv.DefaultQuadIndexes)+1 {
		t.Errorf("indexes = %v, want the defaults and (label, subject)", inds)
	}
}

func TestUnknownBackend(t *testing.T) {
	if _, err := Open(context.Background(), Config{Backend: "cockroach"}); err == nil || !strings.HasPrefix(err.Error(), "graph: unknown backend") {
		t.Errorf("got %v", err)
	}
	if err := Update(context.Background(), Config{Backend: Memory}, func(*Store) error { return nil }); err == nil {
		t.Error("Update on memory should fail")
	}
}
