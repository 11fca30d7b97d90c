package graph

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/gijigraph/gijigraph/extract"
	"github.com/gijigraph/gijigraph/internal/pgtest"
)

// The seeds: the minutes of the 17th and 30th meetings of the
// Cybersecurity Strategic Headquarters, and the concept list.
const (
	seed17       = "../seeds/2018-04-04_cybersecurity-hq_17.txt"
	seed30       = "../seeds/2021-07-07_cybersecurity-hq_30.txt"
	seedConcepts = "../seeds/concepts.yaml"
	meeting17    = "サイバーセキュリティ戦略本部-17"
	meeting30    = "サイバーセキュリティ戦略本部-30"
)

var (
	conceptsOnce sync.Once
	conceptsList *extract.Concepts
	conceptsErr  error
)

// loadConcepts reads the seed concept list (once), and returns it both
// converted to graph.Concept and as the extractor's matcher.
func loadConcepts(t testing.TB) ([]Concept, *extract.Concepts) {
	t.Helper()
	conceptsOnce.Do(func() {
		conceptsList, conceptsErr = extract.LoadConcepts(seedConcepts)
	})
	if conceptsErr != nil {
		t.Fatalf("loading concepts: %v", conceptsErr)
	}
	var out []Concept
	for _, c := range conceptsList.List() {
		out = append(out, Concept{ID: c.ID, Type: c.Type, Ja: c.Ja, En: c.En, Aliases: c.Aliases, Broader: c.Broader, Related: c.Related, Note: c.Note})
	}
	return out, conceptsList
}

func TestMain(m *testing.M) {
	if dir := os.Getenv(crashHelperEnv); dir != "" {
		crashHelper(dir) // never returns
	}
	os.Exit(m.Run())
}

// parseSeed extracts a seed file and annotates its concept mentions. Each
// call returns a new Document, so tests may change it.
func parseSeed(t testing.TB, path string) *extract.Document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := extract.Parse(path, data)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	_, cs := loadConcepts(t)
	cs.Annotate(doc)
	return doc
}

// backend is one store kind the suite runs on.
type backend struct {
	name string
	open func(t *testing.T) *Store
	// cfg is the config to reopen the same store (not for memory).
	cfg func(t *testing.T) Config
}

// pgDSNEnv names the environment variable with the PostgreSQL DSN for
// tests. .ci/postgres.sh prints it.
const pgDSNEnv = "GIJIGRAPH_TEST_PG_DSN"

// backends returns every backend the store suite runs on: memory, bolt
// (in a temporary directory) and, when GIJIGRAPH_TEST_PG_DSN is set,
// postgres (emptied before each test).
func backends() []backend {
	return []backend{
		{name: Memory, open: func(t *testing.T) *Store {
			return mustOpen(t, Config{Backend: Memory})
		}},
		{name: Bolt, cfg: func(t *testing.T) Config {
			return Config{Backend: Bolt, Path: filepath.Join(t.TempDir(), "db")}
		}},
		{name: Postgres, cfg: func(t *testing.T) Config {
			dsn := os.Getenv(pgDSNEnv)
			if dsn == "" {
				if os.Getenv("CI") != "" {
					t.Fatalf("%s is not set, and CI must run the PostgreSQL tests (.ci/postgres.sh sets it)", pgDSNEnv)
				}
				t.Skipf("%s is not set: skipping the PostgreSQL tests (run .ci/postgres.sh to get a server and the DSN)", pgDSNEnv)
			}
			return Config{Backend: Postgres, DSN: pgtest.Schema(t, dsn, "gijigraph_graph_test")}
		}},
	}
}

func (b backend) start(t *testing.T) (*Store, Config) {
	t.Helper()
	if b.open != nil {
		return b.open(t), Config{}
	}
	cfg := b.cfg(t)
	return mustOpen(t, cfg), cfg
}

func mustOpen(t *testing.T, cfg Config) *Store {
	t.Helper()
	s, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("open %+v: %v", cfg, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// allQuads returns every quad in s as sorted N-Quads lines.
func allQuads(t *testing.T, s *Store) []string {
	t.Helper()
	var out []string
	err := s.Quads(context.Background(), func(q quad.Quad) error {
		out = append(out, q.NQuad())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// writeDocs writes docs to s and fails the test on error.
func writeDocs(t testing.TB, s *Store, key string, docs ...*extract.Document) []WriteResult {
	t.Helper()
	var res []WriteResult
	for _, d := range docs {
		r, err := s.WriteDocument(context.Background(), d, key)
		if err != nil {
			t.Fatal(err)
		}
		res = append(res, r)
	}
	return res
}
