package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-runewidth"

	"github.com/gijigraph/gijigraph/graph"
	"github.com/gijigraph/gijigraph/queries"
)

var queryCmd = &command{
	name:  "query",
	args:  "[--db PATH | --server URL] [--param NAME=VALUE]... [--format table|json] NAME|FILE.js | --list",
	short: "run a canned query (gijigraph query --list) or a Gizmo file",
	run:   runQuery,
}

// defaultServer is where `gijigraph serve` listens unless told otherwise.
const defaultServer = "http://127.0.0.1:8080"

// queryLimit is the default number of results of `gijigraph query`.
const queryLimit = 1000

// connFlags are the flags that say where queries run: the store flags of
// build and export, and the server to fall back on.
type connFlags struct {
	store       storeFlags
	server      string
	serverGiven bool
}

func (c *connFlags) define(fs *flag.FlagSet) {
	c.store.define(fs)
	fs.StringVar(&c.server, "server", "", "`URL` of a running gijigraph serve to query instead of opening the database (default $GIJIGRAPH_SERVER or "+defaultServer+", tried when the database is locked)")
}

// resolve reads the environment once the flags are parsed.
func (c *connFlags) resolve(e *env, fs *flag.FlagSet) {
	fs.Visit(func(f *flag.Flag) { c.serverGiven = c.serverGiven || f.Name == "server" })
	if c.server == "" {
		c.server = e.getenv("GIJIGRAPH_SERVER")
	}
	if c.server == "" {
		c.server = defaultServer
	}
	c.server = strings.TrimRight(c.server, "/")
}

// parseInterleaved parses args with fs, allowing flags after positional
// arguments (gijigraph query who-raised --param concept=ransomware).
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func runQuery(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	var cf connFlags
	cf.define(fs)
	var params []string
	fs.Func("param", "a query parameter `NAME=VALUE` (repeat for each)", func(s string) error {
		params = append(params, s)
		return nil
	})
	format := fs.String("format", "table", "output format: table or json")
	limit := fs.Int("limit", queryLimit, "at most `N` results")
	timeout := fs.Duration("timeout", 0, "give up after `D` (0: no limit)")
	list := fs.Bool("list", false, "list the canned queries")
	show := fs.Bool("show", false, "print the script that would run (parameters, helpers, full IRIs) instead of running it")
	iris := fs.Bool("iris", true, "table: show short IRIs beside names")
	width := fs.Int("width", replWidth, "table: cut cells to `N` columns; 0 for no limit")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	cf.resolve(e, fs)
	if *format != "table" && *format != "json" {
		return &usageError{fmt.Sprintf("query: unknown format %q (table or json)", *format)}
	}
	if *list {
		if len(pos) > 0 {
			return &usageError{"query: --list takes no query"}
		}
		listQueries(e.stdout)
		return nil
	}
	if len(pos) != 1 {
		fs.Usage()
		return &usageError{"query: give one query: a canned query's name (gijigraph query --list) or a .js file"}
	}
	pm, err := queries.ParseParams(params)
	if err != nil {
		return &usageError{"query: " + strings.TrimPrefix(err.Error(), "queries: ")}
	}
	q, err := loadQuery(pos[0])
	if err != nil {
		return err
	}
	script, err := q.Script(pm)
	if err != nil {
		return &usageError{err.Error()}
	}
	if *show {
		_, err := io.WriteString(e.stdout, script+"\n")
		return err
	}
	if *timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *timeout)
		defer cancel()
	}
	r, err := connect(ctx, e, &cf)
	if err != nil {
		return err
	}
	defer r.Close()
	res, truncated, err := r.Gizmo(ctx, script, *limit)
	if err != nil {
		return fmt.Errorf("query: %s: %s", q.Name, scriptError(err, q))
	}
	p := &printer{w: e.stdout, format: *format, iris: *iris, width: *width}
	if err := p.print(ctx, r, res, truncated, q.Source); err != nil {
		return err
	}
	if truncated && *format == "table" {
		fmt.Fprintf(e.stderr, "gijigraph: more than %d results; showing the first %d (--limit N for more)\n", *limit, *limit)
	}
	return nil
}

// loadQuery finds a query: a canned query by its name (who-raised), or
// a .js file by its path, whose header declares its parameters as the
// canned queries' do.
func loadQuery(arg string) (queries.Query, error) {
	bare := !strings.ContainsAny(arg, `/\`) && !strings.HasSuffix(arg, ".js")
	if bare {
		if q, ok := queries.Get(arg); ok {
			return q, nil
		}
		return queries.Query{}, &usageError{fmt.Sprintf("query: no canned query %q (gijigraph query --list lists them)", arg)}
	}
	data, err := os.ReadFile(arg)
	if errors.Is(err, fs.ErrNotExist) {
		if q, ok := queries.Get(arg); ok {
			return queries.Query{}, &usageError{fmt.Sprintf("query: no file %s; the canned query of that name runs as `gijigraph query %s`", arg, q.Name)}
		}
	}
	if err != nil {
		return queries.Query{}, fmt.Errorf("query: %w", err)
	}
	return queries.Parse(strings.TrimSuffix(filepath.Base(arg), ".js"), string(data))
}

// evalPosition is where goja says an error happened: <eval>:LINE:COL.
var evalPosition = regexp.MustCompile(`<eval>:(\d+):(\d+)`)

// scriptError is the message of an error running q, its positions in
// the script (<eval>:113:11) made positions in the files (lib.js:40:11),
// and Gizmo's prefix dropped.
func scriptError(err error, q queries.Query) string {
	// A helper's own error (no concept matches "ransomwere") reads as a
	// message with its close matches, not as a JavaScript error.
	if u := queries.UserError(err); u != err {
		return strings.TrimPrefix(u.Error(), "graph: ")
	}
	msg := err.Error()
	if i := strings.LastIndex(msg, "graph: gizmo: "); i >= 0 {
		msg = msg[i+len("graph: gizmo: "):]
	}
	return evalPosition.ReplaceAllStringFunc(msg, func(m string) string {
		sm := evalPosition.FindStringSubmatch(m)
		line, _ := strconv.Atoi(sm[1])
		file, fl := q.Position(line)
		return fmt.Sprintf("%s:%d:%s", file, fl, sm[2])
	})
}

// listQueries prints each canned query with its summary and parameters.
func listQueries(w io.Writer) {
	for _, q := range queries.List() {
		var ps []string
		for _, p := range q.Params {
			if p.Required {
				ps = append(ps, p.Name+"=…")
			} else {
				ps = append(ps, "["+p.Name+"="+p.Default+"]")
			}
		}
		fmt.Fprintf(w, "%-17s %s\n", q.Name, q.Summary)
		if len(ps) > 0 {
			fmt.Fprintf(w, "%-17s params: %s\n", "", strings.Join(ps, " "))
		}
	}
}

// gizmoRunner runs Gizmo scripts on the graph, wherever it is.
type gizmoRunner interface {
	Gizmo(ctx context.Context, script string, limit int) ([]any, bool, error)
	Close() error
}

// autoRunner runs queries on the database itself, opened read-only (a
// shared lock: any number of readers, and a server that opens it
// read-only, may have it open too), or on a running server when the
// database is locked for writing. A bolt database is opened for each
// query and closed after it, so that the REPL never keeps a build from
// replacing the database and always reads the latest one.
type autoRunner struct {
	e    *env
	cf   *connFlags
	cfg  graph.Config
	pg   *graph.Store  // postgres: kept open
	http *remoteRunner // set while queries go to the server
}

// connect opens the way to the graph cf names, or says why it cannot and
// what to do. It never waits longer than the lock timeout.
func connect(ctx context.Context, e *env, cf *connFlags) (*autoRunner, error) {
	r := &autoRunner{e: e, cf: cf}
	if cf.serverGiven {
		r.http = newRemote(cf.server)
		if err := r.http.health(ctx); err != nil {
			return nil, fmt.Errorf("the server at %s does not answer (%v): start it with `gijigraph serve`, or leave out --server to open the database", cf.server, err)
		}
		return r, nil
	}
	cfg, err := cf.store.config(e)
	if err != nil {
		return nil, err
	}
	cfg.ReadOnly = true
	r.cfg = cfg
	s, err := graph.Open(ctx, cfg)
	switch {
	case err == nil:
		if cfg.Backend == graph.Postgres {
			r.pg = s
		} else {
			s.Close()
		}
		return r, nil
	case errors.Is(err, graph.ErrLocked):
		if r.useServer(ctx) {
			return r, nil
		}
		return nil, r.lockedError()
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("no graph database at %s: build one first with `gijigraph build --db %s seeds/` (or give --db PATH)", cf.store.db, cf.store.db)
	}
	return nil, err
}

// useServer switches to the server if it answers.
func (r *autoRunner) useServer(ctx context.Context) bool {
	remote := newRemote(r.cf.server)
	if err := remote.health(ctx); err != nil {
		return false
	}
	fmt.Fprintf(r.e.stderr, "gijigraph: %s is locked (%s); querying the server at %s instead\n", r.cf.store.db, lockHolder(r.cf.store.db), r.cf.server)
	r.http = remote
	return true
}

// lockedError says who holds the database and what to do.
func (r *autoRunner) lockedError() error {
	db := r.cf.store.db
	holder := lockHolder(db)
	what := "wait for it to finish and try again"
	if !strings.Contains(holder, "build") {
		what = "query that server with --server URL (or $GIJIGRAPH_SERVER), or stop it; a server that opens the database read-only lets the REPL open it too"
	}
	return fmt.Errorf("%s is locked: %s; no gijigraph server answers at %s; %s", db, holder, r.cf.server, what)
}

// lockHolder guesses what holds a bolt database locked: a build copies
// the database to indexes.bolt.tmp-PID beside it while it runs.
func lockHolder(db string) string {
	tmps, _ := filepath.Glob(filepath.Join(db, "*.tmp-*"))
	for _, t := range tmps {
		pid := t[strings.LastIndex(t, "-")+1:]
		if _, err := strconv.Atoi(pid); err != nil {
			continue
		}
		// Where /proc tells, a copy whose process has gone is a stale
		// one that the next build removes.
		if _, err := os.Stat("/proc/self"); err != nil {
			return "a gijigraph build (pid " + pid + ", it seems) is writing it"
		}
		if _, err := os.Stat(filepath.Join("/proc", pid)); err == nil || os.IsPermission(err) {
			return "a gijigraph build (pid " + pid + ") is writing it"
		}
	}
	return "another process has it open for writing: `gijigraph serve` (unless it opens the database read-only), `gijigraph import`, or the cayley CLI"
}

func (r *autoRunner) Gizmo(ctx context.Context, script string, limit int) ([]any, bool, error) {
	if r.http != nil {
		res, truncated, err := r.http.Gizmo(ctx, script, limit)
		var ne net.Error
		if err == nil || r.cf.serverGiven || !errors.As(err, &ne) && !isRefused(err) {
			return res, truncated, err
		}
		fmt.Fprintf(r.e.stderr, "gijigraph: the server at %s does not answer; opening %s\n", r.cf.server, r.cf.store.db)
		r.http = nil
	}
	if r.pg != nil {
		return r.pg.Gizmo(ctx, script, limit)
	}
	s, err := graph.Open(ctx, r.cfg)
	if errors.Is(err, graph.ErrLocked) {
		if r.useServer(ctx) {
			return r.http.Gizmo(ctx, script, limit)
		}
		return nil, false, r.lockedError()
	}
	if err != nil {
		return nil, false, err
	}
	defer s.Close()
	return s.Gizmo(ctx, script, limit)
}

func isRefused(err error) bool {
	return strings.Contains(err.Error(), "connection refused")
}

func (r *autoRunner) Close() error {
	if r.pg != nil {
		return r.pg.Close()
	}
	return nil
}

// maxServerLimit is the most results gijigraph serve returns for one query.
const maxServerLimit = 100000

// remoteRunner sends queries to a running `gijigraph serve`.
type remoteRunner struct {
	base   string
	client *http.Client
}

func newRemote(base string) *remoteRunner {
	return &remoteRunner{base: base, client: &http.Client{}}
}

// health asks the server's /healthz, waiting at most two seconds.
func (r *remoteRunner) health(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.base+"/healthz", nil)
	if err != nil {
		return err
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("/healthz: %s", resp.Status)
	}
	return nil
}

// Gizmo posts the script to /api/gizmo as the body, with ?limit=N.
// Cancelling ctx drops the request, which cancels the query on the server.
func (r *remoteRunner) Gizmo(ctx context.Context, script string, limit int) ([]any, bool, error) {
	limit = min(max(limit, 1), maxServerLimit)
	url := r.base + "/api/gizmo?limit=" + strconv.Itoa(limit)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, strings.NewReader(graph.ExpandPrefixes(script)))
	if err != nil {
		return nil, false, err
	}
	req.Header.Set("Content-Type", "text/plain; charset=utf-8")
	resp, err := r.client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, false, ctx.Err()
		}
		return nil, false, fmt.Errorf("server %s: %w", r.base, err)
	}
	defer resp.Body.Close()
	var out struct {
		Result    []any  `json:"result"`
		Truncated bool   `json:"truncated"`
		Error     string `json:"error"`
	}
	dec := json.NewDecoder(resp.Body)
	dec.UseNumber()
	if err := dec.Decode(&out); err != nil && resp.StatusCode == http.StatusOK {
		return nil, false, fmt.Errorf("server %s: reading the answer: %w", r.base, err)
	}
	if resp.StatusCode != http.StatusOK {
		if out.Error == "" {
			out.Error = resp.Status
		}
		return nil, false, fmt.Errorf("server: %s", out.Error)
	}
	for i, v := range out.Result {
		out.Result[i] = fromJSON(v)
	}
	return out.Result, out.Truncated, nil
}

// fromJSON turns the numbers of a decoded JSON value back into int64 or
// float64, as the store gives them.
func fromJSON(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	case map[string]any:
		for k, e := range x {
			x[k] = fromJSON(e)
		}
	case []any:
		for i, e := range x {
			x[i] = fromJSON(e)
		}
	}
	return v
}

// printer prints query results.
type printer struct {
	w      io.Writer
	format string // table or json
	iris   bool   // table: short IRIs beside names
	width  int    // table: the widest a cell is printed, 0 for no limit
}

// print prints results. For a table, it looks up the names of the IRIs
// in them with one more query on r; hint is the script, whose Tag names
// and emitted keys give the order of the columns.
func (p *printer) print(ctx context.Context, r gizmoRunner, results []any, truncated bool, hint string) error {
	if p.format == "json" {
		return p.printJSON(results, truncated)
	}
	names := lookupNames(ctx, r, results)
	var rows []map[string]any
	var scalars []any
	keys := map[string]bool{}
	for _, res := range results {
		if m, ok := res.(map[string]any); ok {
			rows = append(rows, m)
			for k := range m {
				keys[k] = true
			}
		} else {
			scalars = append(scalars, res)
		}
	}
	var b strings.Builder
	for _, v := range scalars {
		b.WriteString(p.cell(v, names))
		b.WriteByte('\n')
	}
	if len(rows) > 0 {
		cols := columnOrder(keys, hint)
		if len(cols) == 1 {
			for _, row := range rows {
				b.WriteString(p.cell(row[cols[0]], names))
				b.WriteByte('\n')
			}
		} else {
			table := [][]string{cols}
			for _, row := range rows {
				line := make([]string, len(cols))
				for i, c := range cols {
					if v, ok := row[c]; ok {
						line[i] = p.cell(v, names)
					}
				}
				table = append(table, line)
			}
			writeTable(&b, table)
		}
	}
	_, err := io.WriteString(p.w, b.String())
	return err
}

func (p *printer) printJSON(results []any, truncated bool) error {
	var b bytes.Buffer
	b.WriteString(`{"result": [`)
	for i, r := range results {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n  ")
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(r); err != nil {
			return err
		}
		b.Truncate(b.Len() - 1) // Encode's newline
	}
	if len(results) > 0 {
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "], \"truncated\": %v}\n", truncated)
	_, err := p.w.Write(b.Bytes())
	return err
}

// cell renders one value: an IRI by its name when it has one (with its
// short form if p.iris), text on one line, cut to p.width.
func (p *printer) cell(v any, names map[string]string) string {
	var s string
	switch x := v.(type) {
	case nil:
	case string:
		s = x
		if isIRI(x) {
			short := graph.ShortIRI(x)
			if short != x {
				short = "<" + short + ">"
			}
			name := names[x]
			_, local, _ := strings.Cut(short, ":")
			switch {
			case name == "":
				s = short
			case strings.TrimSuffix(local, ">") == name:
				// meeting:サイバーセキュリティ戦略本部-17 says it all
				s = strings.Trim(short, "<>")
				if !p.iris {
					s = name
				}
			case p.iris:
				s = name + " " + short
			default:
				s = name
			}
		}
	case map[string]any, []any:
		b, _ := json.Marshal(x)
		s = string(b)
	default:
		s = fmt.Sprint(x)
	}
	s = strings.NewReplacer("\r\n", "⏎", "\n", "⏎", "\t", " ").Replace(s)
	if p.width > 0 && runewidth.StringWidth(s) > p.width {
		s = runewidth.Truncate(s, p.width, "…")
	}
	return s
}

func isIRI(s string) bool { return len(s) > 2 && s[0] == '<' && s[len(s)-1] == '>' }

// writeTable writes rows with their columns aligned, two spaces apart,
// counting East Asian wide characters as two columns.
func writeTable(b *strings.Builder, rows [][]string) {
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, c := range row {
			widths[i] = max(widths[i], runewidth.StringWidth(c))
		}
	}
	for _, row := range rows {
		last := len(row) - 1
		for last > 0 && row[last] == "" {
			last--
		}
		for i := 0; i <= last; i++ {
			b.WriteString(row[i])
			if i < last {
				b.WriteString(strings.Repeat(" ", widths[i]-runewidth.StringWidth(row[i])+2))
			}
		}
		b.WriteByte('\n')
	}
}

// columnOrder orders the keys of the results: "id" first; then the keys
// of the object the script emits last (g.Emit({date: …, meeting: …})),
// in the order it writes them; then the keys the script names in quotes
// (Tag("speech")), in that order; then the rest by name.
func columnOrder(keys map[string]bool, hint string) []string {
	emit := ""
	if i := strings.LastIndex(hint, "Emit("); i >= 0 {
		emit = hint[i:]
	}
	type rank struct{ tier, pos int }
	ranks := map[string]rank{}
	var cols []string
	for k := range keys {
		cols = append(cols, k)
		q := regexp.QuoteMeta(k)
		r := rank{tier: 3}
		if loc := regexp.MustCompile(`(^|[^\w$.])` + q + `\s*:`).FindStringIndex(emit); loc != nil {
			r = rank{1, loc[0]}
		} else if loc := regexp.MustCompile(`["'` + "`" + `]` + q + `["'` + "`" + `]`).FindStringIndex(hint); loc != nil {
			r = rank{2, loc[0]}
		}
		if k == "id" {
			r = rank{0, 0}
		}
		ranks[k] = r
	}
	sort.Slice(cols, func(i, j int) bool {
		a, b := ranks[cols[i]], ranks[cols[j]]
		if a != b {
			return a.tier < b.tier || a.tier == b.tier && a.pos < b.pos
		}
		return cols[i] < cols[j]
	})
	return cols
}

// namesScript looks up the display names of the nodes in ids (a JSON
// array): the same preference as the canned queries' namesOf.
const namesScript = `var ids = %s; var out = {};
["schema:name", "schema:identifier", "skos:prefLabel", "foaf:name"].forEach(function (p) {
  g.V.apply(g, ids).Tag("node").Out(p).TagArray().forEach(function (r) { out[r.node] = String(r.id); });
});
g.Emit(out);`

// lookupNames finds the names of the IRIs in results. A failure only
// costs the names: the IRIs are printed instead.
func lookupNames(ctx context.Context, r gizmoRunner, results []any) map[string]string {
	seen := map[string]bool{}
	var ids []string
	add := func(v any) {
		if s, ok := v.(string); ok && isIRI(s) && !seen[s] {
			seen[s] = true
			ids = append(ids, s)
		}
	}
	for _, res := range results {
		if m, ok := res.(map[string]any); ok {
			for _, v := range m {
				add(v)
			}
		} else {
			add(res)
		}
	}
	names := map[string]string{}
	slices.Sort(ids)
	for len(ids) > 0 && r != nil {
		n := min(len(ids), 500)
		js, _ := json.Marshal(ids[:n])
		ids = ids[n:]
		res, _, err := r.Gizmo(ctx, fmt.Sprintf(namesScript, js), 1)
		if err != nil || len(res) != 1 {
			break
		}
		if m, ok := res[0].(map[string]any); ok {
			for k, v := range m {
				if s, ok := v.(string); ok {
					names[k] = s
				}
			}
		}
	}
	return names
}
