package graph

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

const docsFile = "../docs/gizmo.md"

// docExample is one Gizmo query of the README with the result the
// document shows for it.
type docExample struct {
	line   int
	query  string
	expect string
}

var docBlock = regexp.MustCompile("(?s)```js\n(.*?)\n```\\s*```json\n(.*?)\n```")

func docExamples(t testing.TB) []docExample {
	t.Helper()
	data, err := os.ReadFile(docsFile)
	if err != nil {
		t.Fatal(err)
	}
	var out []docExample
	for _, m := range docBlock.FindAllSubmatchIndex(data, -1) {
		out = append(out, docExample{
			line:   1 + countLines(data[:m[0]]),
			query:  string(data[m[2]:m[3]]),
			expect: string(data[m[4]:m[5]]),
		})
	}
	if len(out) < 10 {
		t.Fatalf("%s: found only %d query/result pairs", docsFile, len(out))
	}
	return out
}

func countLines(b []byte) int {
	n := 0
	for _, c := range b {
		if c == '\n' {
			n++
		}
	}
	return n
}

// canonical renders each element of a JSON array as canonical JSON
// (sorted keys, numbers as float64), sorted.
func canonical(t *testing.T, v any) []string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var list []any
	if err := json.Unmarshal(b, &list); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, x := range list {
		b, _ := json.Marshal(x)
		out = append(out, string(b))
	}
	slices.Sort(out)
	return out
}

// TestDocsExamples runs every Gizmo example of docs/gizmo.md on the seeds
// and checks that it gives the result the document shows.
func TestDocsExamples(t *testing.T) {
	s := mustOpen(t, Config{Backend: Memory})
	seedStore(t, s)
	docsExamplesOn(t, s)
}

// TestDocsExamplesSized runs every Gizmo example of docs/gizmo.md on the
// seeds in bolt, with the optimiser's true sizes (sizedStore, what Gizmo
// runs on) and without (Cayley's estimates): the answers must be the
// same. (They are not always the memory store's: bolt returns a fact
// stated by two documents twice where the memory store may not.)
func TestDocsExamplesSized(t *testing.T) {
	s := mustOpen(t, Config{Backend: Bolt, Path: filepath.Join(t.TempDir(), "db")})
	seedStore(t, s)
	ctx := context.Background()
	for _, ex := range docExamples(t) {
		s.plainGizmo = true
		want, _, err := s.Gizmo(ctx, ex.query, 1000)
		if err != nil {
			t.Fatalf("%s:%d: plain: %v", docsFile, ex.line, err)
		}
		s.plainGizmo = false
		got, _, err := s.Gizmo(ctx, ex.query, 1000)
		if err != nil {
			t.Fatalf("%s:%d: sized: %v", docsFile, ex.line, err)
		}
		if len(got) == 0 {
			t.Errorf("%s:%d: no results", docsFile, ex.line)
		}
		if g, w := canonical(t, got), canonical(t, want); !slices.Equal(g, w) {
			t.Errorf("%s:%d: %s\n sized: %s\n plain: %s", docsFile, ex.line, ex.query, g, w)
		}
	}
}

func docsExamplesOn(t *testing.T, s *Store) {
	for _, ex := range docExamples(t) {
		var want any
		if err := json.Unmarshal([]byte(ex.expect), &want); err != nil {
			t.Errorf("%s:%d: the expected result is not JSON: %v", docsFile, ex.line, err)
			continue
		}
		got, truncated, err := s.Gizmo(context.Background(), ex.query, 1000)
		if err != nil || truncated {
			t.Errorf("%s:%d: %v (truncated %v)", docsFile, ex.line, err, truncated)
			continue
		}
		if g, w := canonical(t, got), canonical(t, want); !slices.Equal(g, w) {
			t.Errorf("%s:%d: %s\n got: %s\nwant: %s", docsFile, ex.line, ex.query, g, w)
		}
	}
}
