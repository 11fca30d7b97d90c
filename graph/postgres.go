package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"

	"github.com/gijigraph/gijigraph/graph/index"
)

// openPostgres opens the PostgreSQL database cfg.DSN names through
// Cayley's SQL backend, creating its tables on first use. The role in the
// DSN must own the database (or be allowed to create tables in it).
func openPostgres(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.DSN == "" {
		return nil, errors.New("graph: postgres: no DSN given")
	}
	db, err := sql.Open("postgres", cfg.DSN)
	if err != nil {
		return nil, fmt.Errorf("graph: postgres: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("graph: postgres: %w", err)
	}
	err = cgraph.InitQuadStore(Postgres, cfg.DSN, nil)
	if err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
		db.Close()
		return nil, fmt.Errorf("graph: postgres: create tables: %w", err)
	}
	// The read index's tables; in a new database its empty index is
	// complete.
	if err := index.CreatePG(ctx, db, err == nil); err != nil {
		db.Close()
		return nil, fmt.Errorf("graph: postgres: %w", err)
	}
	// Cayley indexes the quads table by subject, predicate and object, but
	// not by label; replacing a document finds its quads by label.
	if _, err := db.ExecContext(ctx, `CREATE INDEX IF NOT EXISTS gijigraph_label_index ON quads (label_hash)`); err != nil {
		db.Close()
		return nil, fmt.Errorf("graph: postgres: create label index: %w", err)
	}
	qs, err := cgraph.NewQuadStore(Postgres, cfg.DSN, nil)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("graph: postgres: %w", err)
	}
	return &Store{qs: qs, backend: Postgres, pg: db, dsn: cfg.DSN}, nil
}

// analyze updates PostgreSQL's planner statistics after a load; without
// them the planner guesses the tables are empty and picks bad plans.
func (s *Store) analyze(ctx context.Context) error {
	if s.pg == nil {
		return nil
	}
	if _, err := s.pg.ExecContext(ctx, `ANALYZE nodes; ANALYZE quads`); err != nil {
		return fmt.Errorf("graph: postgres: analyze: %w", err)
	}
	return nil
}
