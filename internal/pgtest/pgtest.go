// Package pgtest gives tests a PostgreSQL schema of their own.
package pgtest

import (
	"database/sql"
	"net/url"
	"strings"
	"testing"

	_ "github.com/lib/pq" // the driver Cayley's SQL backend uses
)

// Schema drops and creates schema in the database dsn names and returns
// dsn with that schema as its search path. dsn may be a URL or key=value
// pairs.
func Schema(t testing.TB, dsn, schema string) string {
	t.Helper()
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DROP SCHEMA IF EXISTS ` + schema + ` CASCADE; CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("resetting PostgreSQL schema %s: %v", schema, err)
	}
	if !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") {
		return dsn + " search_path=" + schema
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
