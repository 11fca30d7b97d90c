package index

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// The PostgreSQL tables of the index, beside Cayley's (nodes, quads) in
// the same database: entries by document key, and one row with the
// format version and a generation that every write increments, so that
// other servers on the same database notice a write with one cheap query.
const pgSchema = `
CREATE TABLE IF NOT EXISTS gijigraph_index (
	doc   text PRIMARY KEY,
	entry bytea NOT NULL
);
CREATE TABLE IF NOT EXISTS gijigraph_view (
	k bytea PRIMARY KEY,
	v bytea NOT NULL
);
CREATE TABLE IF NOT EXISTS gijigraph_index_meta (
	id         int PRIMARY KEY CHECK (id = 1),
	version    int NOT NULL,
	generation bigint NOT NULL
);`

// CreatePG creates the index's tables if they are missing. fresh says the
// database is new (Cayley's tables were just created): then its empty
// index is complete, and is marked valid.
func CreatePG(ctx context.Context, db *sql.DB, fresh bool) error {
	if _, err := db.ExecContext(ctx, pgSchema); err != nil {
		return fmt.Errorf("index: create tables: %w", err)
	}
	if fresh {
		return MarkValidPG(ctx, db)
	}
	return nil
}

// ValidPG reports whether the database holds a complete index of this
// Version, and the version it holds (0: none).
func ValidPG(ctx context.Context, db *sql.DB) (bool, int, error) {
	var v int
	err := db.QueryRowContext(ctx, `SELECT version FROM gijigraph_index_meta WHERE id = 1`).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return false, 0, nil
	} else if err != nil {
		return false, 0, fmt.Errorf("index: version: %w", err)
	}
	return v == Version, v, nil
}

// MarkValidPG records that the index is complete, in this Version.
func MarkValidPG(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, `INSERT INTO gijigraph_index_meta (id, version, generation) VALUES (1, $1, 1)
		ON CONFLICT (id) DO UPDATE SET version = $1, generation = gijigraph_index_meta.generation + 1`, Version)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

// GenerationPG returns the number that every write of the index
// increments.
func GenerationPG(ctx context.Context, db *sql.DB) (int64, error) {
	var g int64
	err := db.QueryRowContext(ctx, `SELECT generation FROM gijigraph_index_meta WHERE id = 1`).Scan(&g)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	} else if err != nil {
		return 0, fmt.Errorf("index: generation: %w", err)
	}
	return g, nil
}

// PutPG writes entries and increments the generation, in one
// transaction.
func PutPG(ctx context.Context, db *sql.DB, entries []Entry) error {
	return inTx(ctx, db, func(tx *sql.Tx) error { return putPG(ctx, tx, entries) })
}

func putPG(ctx context.Context, tx *sql.Tx, entries []Entry) error {
	// First: the row lock on the generation serialises writers of the
	// index, whose counters are read, added to and written back.
	if _, err := tx.ExecContext(ctx, `UPDATE gijigraph_index_meta SET generation = generation + 1 WHERE id = 1`); err != nil {
		return err
	}
	for _, e := range entries {
		var err error
		if e.Data == nil {
			_, err = tx.ExecContext(ctx, `DELETE FROM gijigraph_index WHERE doc = $1`, e.Key)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO gijigraph_index (doc, entry) VALUES ($1, $2)
				ON CONFLICT (doc) DO UPDATE SET entry = EXCLUDED.entry`, e.Key, e.Data)
		}
		if err != nil {
			return err
		}
	}
	if err := applyViews(ctx, pgBatch{tx}, entries); err != nil {
		return fmt.Errorf("view: %w", err)
	}
	return nil
}

// ReplaceAllPG deletes every entry, writes entries instead and marks the
// index valid, in one transaction.
func ReplaceAllPG(ctx context.Context, db *sql.DB, entries []Entry) error {
	return inTx(ctx, db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM gijigraph_index; DELETE FROM gijigraph_view`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO gijigraph_index_meta (id, version, generation) VALUES (1, $1, 1)
			ON CONFLICT (id) DO UPDATE SET version = $1`, Version); err != nil {
			return err
		}
		return putPG(ctx, tx, entries)
	})
}

func inTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return fmt.Errorf("index: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

// GetPG returns the entry of a document key, nil if there is none.
func GetPG(ctx context.Context, db *sql.DB, key string) ([]byte, error) {
	var b []byte
	err := db.QueryRowContext(ctx, `SELECT entry FROM gijigraph_index WHERE doc = $1`, key).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	return b, nil
}

// ScanPG calls fn with every entry, in key order; data is valid only
// during the call.
func ScanPG(ctx context.Context, db *sql.DB, fn func(key string, data []byte) error) error {
	rows, err := db.QueryContext(ctx, `SELECT doc, entry FROM gijigraph_index ORDER BY doc`)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	defer rows.Close()
	var (
		key  string
		data []byte
	)
	for rows.Next() {
		if err := rows.Scan(&key, &data); err != nil {
			return fmt.Errorf("index: %w", err)
		}
		if err := fn(key, data); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}
