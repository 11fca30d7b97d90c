package graph

// The Cayley backends and quad formats gijigraph uses, registered here
// and nowhere else. Bolt is opened directly through its kv package (see
// bolt.go), so that it gets a lock timeout and no bloom filters. Cayley's
// cockroach flavour is never imported: its DDL fails on PostgreSQL and it
// brings pgx v3 with unfixed vulnerabilities. CGO stays off, so there is
// no sqlite either.
import (
	_ "github.com/cayleygraph/cayley/graph/memstore"     // memory backend
	_ "github.com/cayleygraph/cayley/graph/sql/postgres" // postgres backend (lib/pq)
	_ "github.com/cayleygraph/quad/graphml"              // export format
	_ "github.com/cayleygraph/quad/jsonld"               // export format
	_ "github.com/cayleygraph/quad/nquads"               // export and import format

	"github.com/cayleygraph/cayley/clog"
)

func init() {
	// Cayley logs through the standard logger, at error level even for
	// conditions it then handles (tables that already exist). graph returns
	// every error instead, so Cayley's own logging is switched off.
	clog.SetLogger(nil)
}
