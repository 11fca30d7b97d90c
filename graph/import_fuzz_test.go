package graph

import (
	"bytes"
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// importLineErr is the start of every error Import gives for bad input.
var importLineErr = regexp.MustCompile(`^graph: import: line (\d+): `)

// importExport imports data into a new memory store and exports it again
// as N-Quads, sorted by line.
func importExport(t *testing.T, data []byte) (int, []string, error) {
	s, err := Open(context.Background(), Config{Backend: Memory})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, err := s.Import(context.Background(), bytes.NewReader(data))
	if err != nil {
		return n, nil, err
	}
	var b bytes.Buffer
	if _, err := s.Export(context.Background(), &b, "nquads"); err != nil {
		t.Fatalf("export after import: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if b.Len() == 0 {
		lines = nil
	}
	slices.Sort(lines)
	return n, lines, nil
}

// FuzzImport feeds Import arbitrary N-Quads, seeded with the export of
// the concept list (documents would need kagome, whose dictionary takes
// minutes to load under the fuzzer's instrumentation) and quads of the
// kinds documents add. Import must never panic; bad input is an error naming a line of
// the input; what it accepts, exported and imported again, exports the
// same quads.
func FuzzImport(f *testing.F) {
	s, err := Open(context.Background(), Config{Backend: Memory})
	if err != nil {
		f.Fatal(err)
	}
	concepts, _ := loadConcepts(f)
	if _, err := s.WriteConcepts(context.Background(), concepts); err != nil {
		f.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := s.Export(context.Background(), &b, "nquads"); err != nil {
		f.Fatal(err)
	}
	s.Close()
	lines := strings.SplitAfter(b.String(), "\n")
	for i := 0; i < len(lines); i += len(lines) / 20 {
		f.Add([]byte(strings.Join(lines[i:min(i+8, len(lines))], "")))
	}
	for _, seed := range []string{
		"",
		"# a comment\n\n",
		"<a> <b> <c> .\n",
		"<a> <b> \"c\"@ja <g> .\r\n",
		"_:x <b> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n",
		"<a> <b> \"2021-07-07\"^^<http://www.w3.org/2001/XMLSchema#date> .",
		"<a> <b> \"\\u30e9\\\"\\n\" .\n",
		"<a> <b> .\n",
		"<a> <b> <c> <d> <e> .\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		n, first, err := importExport(t, data)
		if err != nil {
			m := importLineErr.FindStringSubmatch(err.Error())
			if m == nil {
				t.Fatalf("error %q does not name a line", err)
			}
			line, _ := strconv.Atoi(m[1])
			if max := bytes.Count(data, []byte("\n")) + 1; line < 1 || line > max {
				t.Fatalf("error names line %d of %d: %v", line, max, err)
			}
			return
		}
		if len(first) > n {
			t.Fatalf("imported %d quads, exported %d", n, len(first))
		}
		_, second, err := importExport(t, []byte(strings.Join(first, "\n")))
		if err != nil {
			t.Fatalf("the export of an import does not import: %v\n%s", err, strings.Join(first, "\n"))
		}
		if !slices.Equal(first, second) {
			t.Fatalf("export, import, export changed the quads:\n%s\n---\n%s", strings.Join(first, "\n"), strings.Join(second, "\n"))
		}
	})
}

// TestImportNamesLine: a bad line is reported by its number, blank lines
// and comments counted.
func TestImportNamesLine(t *testing.T) {
	data := "# comment\n<a> <b> <c> .\n\n<a> <b> \"open .\n<a> <b> <d> .\n"
	_, _, err := importExport(t, []byte(data))
	if err == nil || !strings.HasPrefix(err.Error(), "graph: import: line 4: ") {
		t.Fatalf("Import = %v, want an error on line 4", err)
	}
	n, got, err := importExport(t, []byte("<a> <b> <c> .\r\n# x\n<a> <b> \"c\"@ja <g> ."))
	if err != nil || n != 2 || len(got) != 2 {
		t.Fatalf("Import = %d quads, %d exported, %v; want 2", n, len(got), err)
	}
}
