package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/boltdb/bolt"
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/gijigraph/gijigraph/graph/index"
)

// Backends a Store can be opened on.
const (
	// Bolt is one embedded file, the default.
	Bolt = "bolt"
	// Memory keeps the graph in memory: for tests and for serving hot data.
	Memory = "memory"
	// Postgres is Cayley's SQL backend on PostgreSQL, for graphs that
	// outgrow one file.
	Postgres = "postgres"
)

// DefaultLockTimeout is how long opening a bolt database waits for
// another process to release it.
const DefaultLockTimeout = time.Second

// ErrClosed is returned by the methods of a closed Store.
var ErrClosed = errors.New("graph: store is closed")

// ErrLocked is returned when a bolt database stays locked by another
// process for longer than the lock timeout.
var ErrLocked = errors.New("graph: database is locked by another gijigraph process (serve?)")

// Config says which store to open.
type Config struct {
	// Backend is Bolt, Memory or Postgres; "" means Bolt.
	Backend string
	// Path is the bolt database: a directory holding indexes.bolt, the
	// layout of the cayley CLI's -a flag.
	Path string
	// DSN is the PostgreSQL connection string, "postgres://user@host/db"
	// or "host=/run/postgresql dbname=gijigraph".
	DSN string
	// ReadOnly opens a bolt database with a shared lock, so that several
	// readers may have it open at once. Writes then fail.
	ReadOnly bool
	// LockTimeout is how long to wait for a bolt database that another
	// process has open; 0 means DefaultLockTimeout.
	LockTimeout time.Duration

	// nosync skips bolt's fsync on every commit; Update sets it for the
	// temporary copy it builds into, and syncs once at the end.
	nosync bool
}

func (c Config) backend() string {
	if c.Backend == "" {
		return Bolt
	}
	return c.Backend
}

func (c Config) lockTimeout() time.Duration {
	if c.LockTimeout <= 0 {
		return DefaultLockTimeout
	}
	return c.LockTimeout
}

// Store is an open graph. Its methods are safe for concurrent use.
type Store struct {
	qs      cgraph.QuadStore
	backend string
	pg      *sql.DB   // postgres only: for DDL, ANALYZE and the read index
	ikv     *index.KV // bolt only: the kv layer Cayley writes through, with the read index

	// plainGizmo runs Gizmo on the backend's store as it is, without
	// sizedStore: for benchmarks that compare the two.
	plainGizmo bool
	sizes      *kvSizes // bolt only: true sizes for Gizmo's optimiser

	// What GizmoSource needs: the DSN (postgres), the bolt file, its
	// bolt handle (nil for a build's bulk writer) and whether it is open
	// read-only.
	dsn      string
	boltPath string
	bdb      *bolt.DB
	readOnly bool

	// mu serialises writes. The memory backend is not safe for reads
	// during writes, so there queries take it for reading too.
	mu sync.RWMutex
}

// Open opens the store cfg names, creating an empty one if there is none
// (except with ReadOnly).
func Open(ctx context.Context, cfg Config) (*Store, error) {
	switch cfg.backend() {
	case Bolt:
		return openBolt(cfg)
	case Memory:
		qs, err := cgraph.NewQuadStore("memstore", "", nil)
		if err != nil {
			return nil, fmt.Errorf("graph: memory: %w", err)
		}
		return &Store{qs: qs, backend: Memory}, nil
	case Postgres:
		return openPostgres(ctx, cfg)
	}
	return nil, fmt.Errorf("graph: unknown backend %q (want %s, %s or %s)", cfg.Backend, Bolt, Memory, Postgres)
}

// Backend is the name of the backend the store is on.
func (s *Store) Backend() string { return s.backend }

// Close closes the store.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.qs == nil {
		return nil
	}
	err := s.qs.Close()
	s.qs = nil
	if s.pg != nil {
		if e := s.pg.Close(); err == nil {
			err = e
		}
	}
	if err != nil {
		return fmt.Errorf("graph: close: %w", err)
	}
	return nil
}

// rlock takes the read lock where the backend needs it (memory).
func (s *Store) rlock() func() {
	if s.backend != Memory {
		return func() {}
	}
	s.mu.RLock()
	return s.mu.RUnlock
}

// closed reports ErrClosed once Close has been called.
func (s *Store) closed() error {
	if s.qs == nil {
		return ErrClosed
	}
	return nil
}

// Stats are the sizes of a store.
type Stats struct {
	Quads int64
	// Nodes is exact for memory and postgres; for bolt it is an estimate.
	Nodes int64
}

// Stats returns the number of quads and nodes in the store.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	defer s.rlock()()
	if err := s.closed(); err != nil {
		return Stats{}, err
	}
	// The SQL backend's estimate is PostgreSQL's planner statistics (and
	// of the first table named quads in any schema): count instead.
	st, err := s.qs.Stats(ctx, s.backend == Postgres)
	if err != nil {
		return Stats{}, fmt.Errorf("graph: stats: %w", err)
	}
	return Stats{Quads: st.Quads.Size, Nodes: st.Nodes.Size}, nil
}

// Quads calls fn for every quad in the store, in the backend's order,
// and stops at the first error fn returns.
func (s *Store) Quads(ctx context.Context, fn func(quad.Quad) error) error {
	defer s.rlock()()
	if err := s.closed(); err != nil {
		return err
	}
	it := s.qs.QuadsAllIterator()
	defer it.Close()
	for it.Next(ctx) {
		if err := fn(s.qs.Quad(it.Result())); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("graph: reading quads: %w", err)
	}
	return ctx.Err()
}

// quadsWith returns the quads whose direction d is v.
func (s *Store) quadsWith(ctx context.Context, d quad.Direction, v quad.Value) ([]quad.Quad, error) {
	ref := s.qs.ValueOf(v)
	if ref == nil {
		return nil, nil
	}
	it := s.qs.QuadIterator(d, ref)
	defer it.Close()
	var out []quad.Quad
	for it.Next(ctx) {
		out = append(out, s.qs.Quad(it.Result()))
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	return out, ctx.Err()
}
