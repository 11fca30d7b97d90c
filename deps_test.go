package gijigraph

import (
	"os/exec"
	"strings"
	"testing"
)

const mod = "github.com/gijigraph/gijigraph/"

// TestDependencies keeps the layering: cmd → server → graph → graph/vocab,
// and graph and cmd → extract. extract knows nothing of storage or HTTP,
// not even indirectly; server imports neither the extractor nor Cayley
// (graph wraps Cayley, and graph/read_test.go covers the read models).
func TestDependencies(t *testing.T) {
	for _, tc := range []struct {
		pkgs      string
		deps      bool // check every dependency, not only direct imports
		forbidden []string
	}{
		{"./extract/...", true, []string{mod + "graph", mod + "server", "github.com/gin-gonic/gin", "github.com/cayleygraph/"}},
		{"./graph/...", false, []string{mod + "server", "github.com/gin-gonic/gin"}},
		{"./server/...", false, []string{mod + "extract", "github.com/cayleygraph/"}},
	} {
		for _, dep := range imports(t, tc.pkgs, tc.deps) {
			for _, f := range tc.forbidden {
				if dep == f || strings.HasPrefix(dep, strings.TrimSuffix(f, "/")+"/") {
					t.Errorf("%s depends on %s", tc.pkgs, dep)
				}
			}
		}
	}
}

// imports lists the direct imports of the packages matching pattern, or
// all their dependencies.
func imports(t *testing.T, pattern string, deps bool) []string {
	t.Helper()
	args := []string{"list", "-f", `{{join .Imports "\n"}}`, pattern}
	if deps {
		args = []string{"list", "-deps", pattern}
	}
	out, err := exec.Command("go", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.Fields(string(out))
}
