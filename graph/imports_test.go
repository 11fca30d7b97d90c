package graph

import (
	"os/exec"
	"strings"
	"testing"
)

// TestOnlyGraphImportsCayley: graph/ is the only package that imports
// Cayley, and nothing imports Cayley's cockroach flavour.
func TestOnlyGraphImportsCayley(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list on the whole module")
	}
	out, err := exec.Command("go", "list", "-e", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}{{range .TestImports}} {{.}}{{end}}`, "../...").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	const module = "github.com/gijigraph/gijigraph/"
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		pkg := f[0]
		inGraph := pkg == module+"graph" || strings.HasPrefix(pkg, module+"graph/")
		for _, imp := range f[1:] {
			if !strings.HasPrefix(imp, "github.com/cayleygraph/") {
				continue
			}
			if !inGraph {
				t.Errorf("%s imports %s: only graph/ may import Cayley", pkg, imp)
			}
			if strings.Contains(imp, "/sql/cockroach") {
				t.Errorf("%s imports %s", pkg, imp)
			}
		}
	}
}
