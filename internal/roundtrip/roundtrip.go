// Package roundtrip reads exported files back with real tools, for
// tests: Debian's python3-rdflib for N-Quads and JSON-LD, and
// python3-networkx for GraphML and GEXF, run by /usr/bin/python3.
// .ci/run installs both; without them a test skips and says so (fails
// in CI).
package roundtrip

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

//go:embed roundtrip.py
var script []byte

// Python is the interpreter the round trips run on: Debian's, where
// python3-rdflib and python3-networkx install.
const Python = "/usr/bin/python3"

// Formats of Read: the rdflib or networkx name of each.
const (
	NQuads  = "nquads"
	JSONLD  = "json-ld"
	GraphML = "graphml"
	GEXF    = "gexf"
)

// RDF is what rdflib read from an N-Quads or JSON-LD file.
type RDF struct {
	Quads int `json:"quads"`
	// Graphs are the named graphs, by IRI.
	Graphs []string `json:"graphs"`
	// Integers counts the xsd:integer literals that read as Python
	// ints; BadIntegers those that did not.
	Integers    int            `json:"integers"`
	BadIntegers int            `json:"bad_integers"`
	Datatypes   map[string]int `json:"datatypes"`
	Predicates  []string       `json:"predicates"`
	// Nodes (JSON-LD only): each subject's properties, literals as
	// Python read them, IRIs as {"@id": …}.
	Nodes map[string]map[string]any `json:"nodes"`
}

// Graph is what networkx read from a GraphML or GEXF file.
type Graph struct {
	Nodes    int      `json:"nodes"`
	Edges    int      `json:"edges"`
	Directed bool     `json:"directed"`
	NodeIDs  []string `json:"node_ids"`
	// NodeAttrTypes counts "attribute:pythontype" over the nodes, as
	// "count:int"; EdgeAttrTypes over the edges.
	NodeAttrTypes map[string]int `json:"node_attr_types"`
	EdgeAttrTypes map[string]int `json:"edge_attr_types"`
	EdgesSample   [][]any        `json:"edges_sample"`
}

// need skips t unless Python and module are there; in CI ($CI set) it
// fails instead, since .ci/run installs them.
func need(t testing.TB, module string) {
	t.Helper()
	skip := t.Skipf
	if os.Getenv("CI") != "" {
		skip = t.Fatalf
	}
	if _, err := os.Stat(Python); err != nil {
		skip("roundtrip: skipped: %s not found; install Debian's python3-%s (.ci/run does it)", Python, module)
		return
	}
	if out, err := exec.Command(Python, "-c", "import "+module).CombinedOutput(); err != nil {
		skip("roundtrip: skipped: python3 cannot import %s (%v: %s); apt-get install python3-%s (.ci/run does it)", module, err, bytes.TrimSpace(out), module)
	}
}

// run reads data as format with the script and decodes its answer into v.
func run(t testing.TB, format string, data []byte, v any) {
	t.Helper()
	dir := t.TempDir()
	py := filepath.Join(dir, "roundtrip.py")
	in := filepath.Join(dir, "input."+format)
	if err := os.WriteFile(py, script, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(Python, py, format, in)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("roundtrip: %s could not read the %s output: %v\n%s", Python, format, err, stderr.String())
	}
	if err := json.Unmarshal(stdout.Bytes(), v); err != nil {
		t.Fatalf("roundtrip: decoding what python printed: %v\n%s", err, stdout.String())
	}
}

// ReadRDF reads N-Quads or JSON-LD with rdflib.
func ReadRDF(t testing.TB, format string, data []byte) RDF {
	t.Helper()
	need(t, "rdflib")
	var r RDF
	run(t, format, data, &r)
	return r
}

// ReadGraph reads GraphML or GEXF with networkx.
func ReadGraph(t testing.TB, format string, data []byte) Graph {
	t.Helper()
	need(t, "networkx")
	var g Graph
	run(t, format, data, &g)
	return g
}
