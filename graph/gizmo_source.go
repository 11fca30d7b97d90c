package graph

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/boltdb/bolt"
	cgraph "github.com/cayleygraph/cayley/graph"
)

// GizmoSource says how another process opens a store to run Gizmo
// queries on it, and nothing else (the sandbox's workers): read-only, on
// the store itself rather than a copy of its quads.
type GizmoSource struct {
	// Backend is Bolt or Postgres.
	Backend string `json:"backend"`
	// Path is the bolt file (not its directory): the database itself when
	// the store is open read-only, else a snapshot of it.
	Path string `json:"path,omitempty"`
	// DSN is the PostgreSQL connection string.
	DSN string `json:"dsn,omitempty"`
	// Snapshot is set when Path is a snapshot, made for one state of the
	// store: it must be made anew after a write.
	Snapshot bool `json:"snapshot,omitempty"`
}

// GizmoPGConns is how many connections a store opened by OpenGizmo on
// PostgreSQL holds at most: a query runs one SQL statement at a time.
const GizmoPGConns = 2

// GizmoSource returns how another process opens s to run Gizmo, and
// whether it can: a memory store cannot be opened by another process
// (ok is false).
//
// On PostgreSQL the source is the database. On bolt opened read-only it
// is the database file, which readers share (a shared lock). On bolt
// opened for writing, the server holds the file's exclusive lock, and a
// reader in another process would not see the writer's free pages being
// reused: the source is then a snapshot, a consistent copy made in one
// read transaction (bolt's Tx.CopyFile) into dir (the database's own
// directory if ""), that the caller removes with RemoveGizmoSource when
// it is no longer used. Each snapshot is a new file.
func (s *Store) GizmoSource(ctx context.Context, dir string) (src GizmoSource, ok bool, err error) {
	defer s.rlock()()
	if err := s.closed(); err != nil {
		return GizmoSource{}, false, err
	}
	switch s.backend {
	case Postgres:
		return GizmoSource{Backend: Postgres, DSN: s.dsn}, true, nil
	case Bolt:
		if s.readOnly {
			return GizmoSource{Backend: Bolt, Path: s.boltPath}, true, nil
		}
		if s.bdb == nil {
			return GizmoSource{}, false, nil
		}
		if dir == "" {
			dir = filepath.Dir(s.boltPath)
		}
		removeStaleSnapshots(dir)
		f, err := os.CreateTemp(dir, fmt.Sprintf("%s%d-*.bolt", snapshotPrefix, os.Getpid()))
		if err != nil {
			return GizmoSource{}, false, fmt.Errorf("graph: gizmo snapshot: %w", err)
		}
		path := f.Name()
		err = s.bdb.View(func(tx *bolt.Tx) error {
			_, err := tx.WriteTo(f)
			return err
		})
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = ctx.Err()
		}
		if err != nil {
			os.Remove(path)
			return GizmoSource{}, false, fmt.Errorf("graph: gizmo snapshot: %w", err)
		}
		return GizmoSource{Backend: Bolt, Path: path, Snapshot: true}, true, nil
	}
	return GizmoSource{}, false, nil
}

// snapshotPrefix starts the name of a Gizmo snapshot file, followed by
// the process id of the server that made it.
const snapshotPrefix = ".gizmo-snapshot-"

// RemoveGizmoSource removes src's snapshot, if it is one. Processes that
// have it open keep reading it until they close it.
func RemoveGizmoSource(src GizmoSource) error {
	if !src.Snapshot {
		return nil
	}
	return os.Remove(src.Path)
}

// removeStaleSnapshots removes the snapshots in dir whose server is
// gone (killed before it could remove them).
func removeStaleSnapshots(dir string) {
	names, _ := filepath.Glob(filepath.Join(dir, snapshotPrefix+"*.bolt"))
	for _, name := range names {
		rest := strings.TrimPrefix(filepath.Base(name), snapshotPrefix)
		pid, err := strconv.Atoi(rest[:max(0, strings.IndexByte(rest, '-'))])
		if err != nil || pid == os.Getpid() {
			continue
		}
		if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
			os.Remove(name)
		}
	}
}

// OpenGizmo opens src read-only, for Gizmo queries only: on bolt the
// file with a shared lock, mapped (its pages are the page cache's, shared
// by every process that maps it); on PostgreSQL Cayley's SQL backend
// with at most GizmoPGConns connections, creating nothing.
func OpenGizmo(ctx context.Context, src GizmoSource) (*Store, error) {
	switch src.Backend {
	case Bolt:
		if src.Path == "" {
			return nil, errors.New("graph: gizmo: no bolt file given")
		}
		if _, err := os.Stat(src.Path); err != nil {
			return nil, fmt.Errorf("graph: gizmo: %w", err)
		}
		return openBoltFile(src.Path, Config{Backend: Bolt, ReadOnly: true})
	case Postgres:
		qs, err := cgraph.NewQuadStore(Postgres, src.DSN, cgraph.Options{"maxopenconnections": GizmoPGConns, "maxidleconnections": GizmoPGConns})
		if err != nil {
			return nil, fmt.Errorf("graph: gizmo: postgres: %w", err)
		}
		return &Store{qs: qs, backend: Postgres}, nil
	}
	return nil, fmt.Errorf("graph: gizmo: cannot open backend %q in another process", src.Backend)
}
