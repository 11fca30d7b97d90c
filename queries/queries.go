// Package queries holds gijigraph's canned Gizmo queries: one .js file
// each, embedded, whose header comment says what question it answers and
// which parameters it takes.
//
// A header is the comment lines at the top of the file:
//
//	// who-raised: who raised a concept, at which meetings, including narrower concepts.
//	//
//	// Longer description, as many lines as it takes.
//	//
//	// @param concept   the concept: its id, a label or an alias, any case (required)
//	// @param narrower  yes to include narrower concepts, no for the concept alone (default yes)
//	// @example concept=ransomware
//
// The first line is the query's name (its file name) and the question.
// Each @param names a parameter and says what it takes; "(required)" or
// "(default VALUE)" ends the line. Each @example is a set of parameters
// the query is shown and tested with.
//
// Query.Script makes a runnable script: it defines the parameters as a
// JavaScript object, params, JSON-encoded (a value never becomes code),
// appends the helpers of lib.js (resolving what a user typed to concept,
// person and meeting IRIs; function declarations, so the query may call
// them anywhere) and expands short IRIs (graph.ExpandPrefixes), so that
// the script runs on any Gizmo, the stock cayley CLI's included.
package queries

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/gijigraph/gijigraph/graph"
)

//go:embed *.js
var files embed.FS

// libFile holds the helpers every canned query may call. It is not a
// query itself.
const libFile = "lib.js"

// Param is one parameter of a query.
type Param struct {
	// Name is what --param NAME=VALUE and params.NAME call it.
	Name string `json:"name"`
	// Doc says what the parameter takes.
	Doc string `json:"doc"`
	// Required parameters have no default.
	Required bool `json:"required"`
	// Default is the value of an optional parameter not given.
	Default string `json:"default,omitempty"`
}

// Query is one canned query.
type Query struct {
	// Name is the file name without .js: "who-raised".
	Name string `json:"name"`
	// Summary is the question it answers, in one line.
	Summary string `json:"summary"`
	// Doc is the header without comment markers, @param and @example
	// lines: the summary line and the description.
	Doc string `json:"doc"`
	// Params are the parameters, in header order.
	Params []Param `json:"params"`
	// Examples are the parameter sets the query is shown and tested
	// with, each as NAME=VALUE strings; in the header, a value with
	// spaces is quoted as a shell would (person="遠藤 信博").
	Examples [][]string `json:"examples,omitempty"`
	// Source is the file's text.
	Source string `json:"-"`
}

var (
	all []Query
	lib string
)

func init() {
	names, err := fs.Glob(files, "*.js")
	if err != nil {
		panic(err) // the pattern is valid
	}
	for _, name := range names {
		data, err := files.ReadFile(name)
		if err != nil {
			panic(err) // embedded
		}
		if name == libFile {
			lib = string(data)
			continue
		}
		q, err := Parse(strings.TrimSuffix(name, ".js"), string(data))
		if err != nil {
			panic(err) // TestEmbedded reports it first
		}
		all = append(all, q)
	}
}

// List returns every canned query, by name.
func List() []Query { return slices.Clone(all) }

// Get returns the canned query called name ("who-raised").
func Get(name string) (Query, bool) {
	name = strings.TrimSuffix(path.Base(name), ".js")
	for _, q := range all {
		if q.Name == name {
			return q, true
		}
	}
	return Query{}, false
}

// Lib is the text of lib.js, the helpers Script appends to a query.
func Lib() string { return lib }

var (
	paramLine = regexp.MustCompile(`^@param\s+([A-Za-z_][A-Za-z0-9_]*)\s+(.*)$`)
	optional  = regexp.MustCompile(`\s*\(default ([^)]*)\)$`)
	required  = regexp.MustCompile(`\s*\(required\)$`)
)

// Parse reads the header of a query file. name is the query's name; a
// summary line that starts with another name is an error. A file without
// a header is a query without parameters, its summary empty.
func Parse(name, src string) (Query, error) {
	q := Query{Name: name, Source: src}
	var doc []string
	for _, line := range strings.Split(src, "\n") {
		line = strings.TrimRight(line, "\r")
		text, ok := strings.CutPrefix(strings.TrimSpace(line), "//")
		if !ok {
			break
		}
		text = strings.TrimSpace(text)
		switch {
		case strings.HasPrefix(text, "@param"):
			m := paramLine.FindStringSubmatch(text)
			if m == nil {
				return Query{}, fmt.Errorf("queries: %s: bad @param line %q (want @param NAME DOC)", name, text)
			}
			p := Param{Name: m[1], Doc: m[2]}
			if d := optional.FindStringSubmatch(p.Doc); d != nil {
				p.Default = d[1]
				p.Doc = strings.TrimSuffix(p.Doc, d[0])
			} else if r := required.FindString(p.Doc); r != "" {
				p.Required = true
				p.Doc = strings.TrimSuffix(p.Doc, r)
			}
			if q.param(p.Name) != nil {
				return Query{}, fmt.Errorf("queries: %s: parameter %q declared twice", name, p.Name)
			}
			q.Params = append(q.Params, p)
		case strings.HasPrefix(text, "@example"):
			ex, err := SplitArgs(strings.TrimPrefix(text, "@example"))
			if err != nil {
				return Query{}, fmt.Errorf("queries: %s: %w", name, err)
			}
			if ex == nil {
				ex = []string{} // no parameters: [] in JSON, not null
			}
			q.Examples = append(q.Examples, ex)
		case strings.HasPrefix(text, "@"):
			return Query{}, fmt.Errorf("queries: %s: unknown header tag in %q (want @param or @example)", name, text)
		default:
			doc = append(doc, text)
		}
	}
	for len(doc) > 0 && doc[len(doc)-1] == "" {
		doc = doc[:len(doc)-1]
	}
	q.Doc = strings.Join(doc, "\n")
	if len(doc) > 0 {
		first, summary, ok := strings.Cut(doc[0], ":")
		if ok && !strings.ContainsAny(first, " \t") {
			if first != name {
				return Query{}, fmt.Errorf("queries: %s: header names the query %q", name, first)
			}
			q.Summary = strings.TrimSpace(summary)
		} else {
			q.Summary = doc[0]
		}
	}
	return q, nil
}

func (q *Query) param(name string) *Param {
	for i := range q.Params {
		if q.Params[i].Name == name {
			return &q.Params[i]
		}
	}
	return nil
}

// Script returns the query as a script ready to run, with params as its
// parameters (see the package comment). An unknown parameter or a missing
// required one is an error. A value that is a short IRI ("person:坂井学",
// "concept:ransomware") is expanded to the full IRI; any other value is
// passed as the string it is, and the query resolves it.
func (q Query) Script(params map[string]string) (string, error) {
	values := map[string]string{}
	for k, v := range params {
		if q.param(k) == nil {
			return "", fmt.Errorf("queries: %s: unknown parameter %q (%s)", q.Name, k, q.paramNames())
		}
		if full, ok := graph.ExpandIRI(strings.TrimSpace(v)); ok {
			v = full
		}
		values[k] = v
	}
	var missing []string
	for _, p := range q.Params {
		if _, ok := values[p.Name]; ok {
			continue
		}
		if p.Required {
			missing = append(missing, p.Name)
			continue
		}
		values[p.Name] = p.Default
	}
	if len(missing) > 0 {
		return "", fmt.Errorf("queries: %s: missing parameter %s (give --param %s=VALUE)", q.Name, strings.Join(missing, ", "), missing[0])
	}
	var js bytes.Buffer
	enc := json.NewEncoder(&js) // sorted keys; escapes U+2028 and U+2029
	enc.SetEscapeHTML(false)
	if err := enc.Encode(values); err != nil {
		return "", fmt.Errorf("queries: %s: %w", q.Name, err)
	}
	// The parameters go on the first line, so that the line numbers of
	// an error are those of the file; the first line is usually the
	// header comment, which goes on after them.
	var b strings.Builder
	b.WriteString("var params = ")
	b.Write(bytes.TrimSpace(js.Bytes()))
	b.WriteString("; ")
	b.WriteString(q.Source)
	b.WriteString("\n\n")
	b.WriteString(lib)
	return graph.ExpandPrefixes(b.String()), nil
}

// Position maps a line of the script Script returns to the file it
// comes from: the query's own file (NAME.js, the same line) or lib.js.
func (q Query) Position(line int) (file string, fileLine int) {
	n := strings.Count(q.Source, "\n")
	if line <= n+1 {
		return q.Name + ".js", line
	}
	return libFile, line - n - 2
}

func (q Query) paramNames() string {
	if len(q.Params) == 0 {
		return "it takes none"
	}
	var names []string
	for _, p := range q.Params {
		names = append(names, p.Name)
	}
	sort.Strings(names)
	return "want " + strings.Join(names, ", ")
}

// ParseParams reads NAME=VALUE arguments into a map.
func ParseParams(args []string) (map[string]string, error) {
	out := map[string]string{}
	for _, a := range args {
		k, v, ok := strings.Cut(a, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("queries: parameter %q is not NAME=VALUE", a)
		}
		if _, dup := out[k]; dup {
			return nil, fmt.Errorf("queries: parameter %q given twice", k)
		}
		out[k] = v
	}
	return out, nil
}

// SplitArgs splits a line at white space, keeping what is in double or
// single quotes together, without the quotes, as a shell does:
// person="遠藤 信博" is one argument, person=遠藤 信博.
func SplitArgs(line string) ([]string, error) {
	var out []string
	var cur strings.Builder
	in := false
	var quote rune
	for _, r := range line {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '"' || r == '\'':
			quote, in = r, true
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("queries: unclosed %c in %s", quote, strings.TrimSpace(line))
	}
	if in {
		out = append(out, cur.String())
	}
	return out, nil
}
