package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"
	"github.com/peterh/liner"
	"golang.org/x/term"

	"github.com/gijigraph/gijigraph/graph"
	"github.com/gijigraph/gijigraph/graph/vocab"
	"github.com/gijigraph/gijigraph/queries"
)

var replCmd = &command{
	name:  "repl",
	args:  "[--db PATH | --server URL] [--history FILE]",
	short: "explore the graph in Gizmo: an interactive REPL (or statements on standard input)",
	run:   runREPL,
}

// Prompts: the first line of a statement, and the lines that continue it.
const (
	promptFirst = "gizmo> "
	promptMore  = "   ...> "
)

// The settings a REPL starts with.
const (
	replLimit   = 100
	replTimeout = time.Minute
	replWidth   = 60
)

// repl is one REPL session.
type repl struct {
	e       *env
	r       *autoRunner
	p       printer
	limit   int
	timeout time.Duration
	// interactive: a person at a terminal; errors then never end the
	// session. Otherwise statements come from standard input.
	interactive bool
	failed      int // statements that failed, reading standard input
	// outer is the command's context, which the first interrupt ends:
	// reading standard input, an interrupt ends the session.
	outer context.Context
}

func runREPL(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	var cf connFlags
	cf.define(fs)
	history := fs.String("history", "", "history `FILE` (default $XDG_STATE_HOME/gijigraph/history, else ~/.gijigraph_history)")
	limit := fs.Int("limit", replLimit, "at most `N` results per statement (:limit)")
	timeout := fs.Duration("timeout", replTimeout, "stop a statement after `D`; 0 for no limit (:timeout)")
	iris := fs.Bool("iris", true, "show short IRIs beside names (:iris)")
	width := fs.Int("width", replWidth, "cut table cells to `N` columns; 0 for no limit (:width)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("repl: unexpected argument %q (statements come from standard input)", fs.Arg(0))}
	}
	cf.resolve(e, fs)
	r, err := connect(ctx, e, &cf)
	if err != nil {
		return err
	}
	defer r.Close()
	s := &repl{
		e: e, r: r, limit: *limit, timeout: *timeout, outer: ctx,
		p: printer{w: e.stdout, format: "table", iris: *iris, width: *width},
	}
	// The REPL handles interrupts itself: Ctrl-C stops the statement
	// that runs, not the REPL. main's context ends at the first one, so
	// only its values are kept; SIGTERM still ends the session.
	ctx = context.WithoutCancel(ctx)
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM)
	defer stop()

	in, inOK := e.stdin.(*os.File)
	out, outOK := e.stdout.(*os.File)
	if inOK && outOK && in == os.Stdin && term.IsTerminal(int(in.Fd())) && term.IsTerminal(int(out.Fd())) {
		s.interactive = true
		return s.runTerminal(ctx, historyPath(*history, e.getenv))
	}
	return s.runReader(ctx, e.stdin)
}

// historyPath is where the history is kept between runs.
func historyPath(flagValue string, getenv func(string) string) string {
	if flagValue != "" {
		return flagValue
	}
	if d := getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "gijigraph", "history")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".gijigraph_history")
	}
	return ""
}

// runTerminal is the interactive REPL: line editing and history (liner),
// Ctrl-C to stop a statement or clear the input, Ctrl-D to leave.
func (s *repl) runTerminal(ctx context.Context, history string) error {
	line := liner.NewLiner()
	defer line.Close()
	line.SetCtrlCAborts(true)
	line.SetTabCompletionStyle(liner.TabPrints)
	line.SetCompleter(complete)
	if history != "" {
		if f, err := os.Open(history); err == nil {
			line.ReadHistory(f)
			f.Close()
		}
	}
	fmt.Fprintf(s.e.stdout, "gijigraph Gizmo REPL on %s. :help for help, Ctrl-D to leave.\n", s.r.where())
	var buf []string
	for {
		prompt := promptFirst
		if len(buf) > 0 {
			prompt = promptMore
		}
		text, err := line.Prompt(prompt)
		switch {
		case errors.Is(err, liner.ErrPromptAborted):
			if len(buf) == 0 && text == "" {
				fmt.Fprintln(s.e.stdout, "(Ctrl-D or :quit to leave)")
			}
			buf = nil
			continue
		case errors.Is(err, io.EOF):
			fmt.Fprintln(s.e.stdout)
			return nil
		case err != nil:
			return fmt.Errorf("repl: %w", err)
		}
		if len(buf) == 0 && strings.TrimSpace(text) == "" {
			continue
		}
		buf = append(buf, text)
		stmt := strings.Join(buf, "\n")
		if needsMore(stmt) {
			continue
		}
		buf = nil
		addHistory(line, stmt)
		if history != "" {
			saveHistory(line, history)
		}
		if quit := s.statement(ctx, stmt); quit {
			return nil
		}
		if ctx.Err() != nil {
			return nil
		}
	}
}

// addHistory adds a statement to the history as one entry: liner keeps
// one line per entry, so a statement's lines are joined with spaces,
// which changes nothing in JavaScript unless a line ends in a // comment;
// a statement with comments goes in line by line.
func addHistory(line *liner.State, stmt string) {
	lines := strings.Split(stmt, "\n")
	joined := strings.Join(lines, " ")
	if len(lines) == 1 || graph.StripComments(stmt) == stmt {
		line.AppendHistory(joined)
		return
	}
	for _, l := range lines {
		line.AppendHistory(l)
	}
}

// saveHistory writes the history next to its file and renames it over,
// so that two REPLs ending at once leave one whole history.
func saveHistory(line *liner.State, path string) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-*")
	if err != nil {
		return
	}
	if _, err := line.WriteHistory(f); err != nil {
		f.Close()
		os.Remove(f.Name())
		return
	}
	f.Close()
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
	}
}

// needsMore reports whether a statement goes on on the next line: its
// brackets do not balance yet (or a string, template or comment is
// open), or its last line ends with "." or an operator, as in
// g.V("person:村井純").
//
//	Out("foaf:name").All()
//
// A command (":limit 5") is always one line.
func needsMore(stmt string) bool {
	t := strings.TrimSpace(stmt)
	if strings.HasPrefix(t, ":") {
		return false
	}
	if graph.Incomplete(stmt) {
		return true
	}
	code := strings.TrimSpace(graph.StripComments(stmt))
	for _, op := range []string{".", ",", "=", "&&", "||", "+", "?"} {
		if strings.HasSuffix(code, op) {
			return true
		}
	}
	return false
}

// continuesChain reports a line that goes on with the statement before
// it: a method call on the next line, .Out("foaf:name").All().
func continuesChain(line string) bool {
	return strings.HasPrefix(strings.TrimSpace(line), ".")
}

// runReader runs the statements on r, a statement ending where its
// brackets balance, as the REPL would; since it can read ahead, a line
// starting with "." also continues the statement before it. A failed
// statement is reported and the next one runs; the session then fails.
func (s *repl) runReader(ctx context.Context, r io.Reader) error {
	// Lines are read apart, so that an interrupt ends the session even
	// while it waits for input.
	lines := make(chan string)
	readErr := make(chan error, 1)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64*1024), 16<<20)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
		readErr <- sc.Err()
	}()
	var buf []string
	complete := false // buf holds a whole statement, unless the next line continues it
	flush := func() bool {
		stmt := strings.Join(buf, "\n")
		buf, complete = nil, false
		quit := s.statement(ctx, stmt)
		return quit || ctx.Err() != nil || s.outer.Err() != nil
	}
	for {
		var text string
		var ok bool
		select {
		case text, ok = <-lines:
		case <-s.outer.Done():
			return s.readerDone()
		case <-ctx.Done():
			return s.readerDone()
		}
		if !ok {
			break
		}
		if complete && !continuesChain(text) {
			if flush() {
				return s.readerDone()
			}
		}
		if len(buf) == 0 && strings.TrimSpace(text) == "" {
			continue
		}
		buf = append(buf, text)
		complete = !needsMore(strings.Join(buf, "\n"))
	}
	if err := <-readErr; err != nil {
		return fmt.Errorf("repl: reading standard input: %w", err)
	}
	if complete {
		flush()
	} else if len(buf) > 0 {
		s.failed++
		fmt.Fprintf(s.e.stderr, "error: the input ended inside a statement: %s\n", firstLine(strings.Join(buf, "\n")))
	}
	return s.readerDone()
}

// readerDone is how reading standard input ends.
func (s *repl) readerDone() error {
	if s.outer.Err() != nil {
		return errors.New("repl: interrupted")
	}
	if s.failed > 0 {
		return fmt.Errorf("repl: %d statement(s) failed", s.failed)
	}
	return nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// statement runs one statement or command; quit reports :quit.
func (s *repl) statement(ctx context.Context, stmt string) (quit bool) {
	stmt = strings.TrimSpace(stmt)
	if strings.HasPrefix(stmt, ":") {
		quit, err := s.command(ctx, stmt)
		if err != nil {
			s.fail(err)
		}
		return quit
	}
	s.run(ctx, showValue(stmt), stmt, nil)
	return false
}

// showHelper emits a statement's value, as Cayley's REPL prints it
// ("=> 8109" for g.V().Count()): a number, string, boolean, array or
// object, but not a path (g.V() alone), undefined or null.
const showHelper = `function __ggShow(v) {
  if (v === undefined || v === null) return v;
  if (typeof v === "object" && (typeof v.All === "function" || typeof v.V === "function")) return v;
  g.Emit(v);
  return v;
}`

// showValue makes a statement print its value: if its last statement is
// an expression, it is wrapped in __ggShow(…) (showHelper), which emits
// the value as one more result. Gizmo itself returns only what All,
// ForEach and Emit send. Lines keep their numbers, so error positions
// stay right; a statement goja cannot parse runs as typed, for its
// error.
func showValue(stmt string) string {
	prog, err := parser.ParseFile(nil, "", stmt, 0)
	if err != nil || len(prog.Body) == 0 {
		return stmt
	}
	es, ok := prog.Body[len(prog.Body)-1].(*ast.ExpressionStatement)
	if !ok {
		return stmt
	}
	i0, i1 := int(es.Idx0())-1, int(es.Idx1())-1
	if i0 < 0 || i1 > len(stmt) || i0 >= i1 {
		return stmt
	}
	return stmt[:i0] + "__ggShow(" + stmt[i0:i1] + ")" + stmt[i1:] + "\n" + showHelper
}

// fail reports an error; reading standard input, it counts.
func (s *repl) fail(err error) {
	if !s.interactive {
		s.failed++
	}
	// "server: invalid argument: graph: gizmo: TypeError: …" says no
	// more to a person than "TypeError: …".
	msg := err.Error()
	if i := strings.LastIndex(msg, "graph: gizmo: "); i >= 0 {
		msg = msg[i+len("graph: gizmo: "):]
	}
	fmt.Fprintf(s.e.stderr, "error: %s\n", msg)
}

// interruptible returns a context for one statement: it ends at the
// timeout, or when the user presses Ctrl-C (SIGINT), which then reports
// true through interrupted.
func (s *repl) interruptible(ctx context.Context) (context.Context, func(), func() bool) {
	var cancel context.CancelFunc
	if s.timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, s.timeout)
	} else {
		ctx, cancel = context.WithCancel(ctx)
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	hit := make(chan struct{})
	done := make(chan struct{})
	go func() {
		select {
		case <-sig:
			close(hit)
			cancel()
		case <-done:
		}
	}()
	stop := func() {
		signal.Stop(sig)
		close(done)
		cancel()
	}
	interrupted := func() bool {
		select {
		case <-hit:
			return true
		default:
			return false
		}
	}
	return ctx, stop, interrupted
}

// runQuery runs a query file's script: errors name the file's lines.
func (s *repl) runQuery(ctx context.Context, script string, q queries.Query) {
	s.run(ctx, script, q.Source, func(err error) error { return errors.New(scriptError(err, q)) })
}

// run runs a Gizmo script and prints its results; hint is the text whose
// names order the columns, and wrap, if not nil, rewrites an error.
func (s *repl) run(ctx context.Context, script, hint string, wrap func(error) error) {
	qctx, stop, interrupted := s.interruptible(ctx)
	defer stop()
	res, truncated, err := s.r.Gizmo(qctx, script, s.limit)
	if err == nil {
		err = s.p.print(qctx, s.r, res, truncated, hint)
	}
	switch {
	case interrupted():
		if !s.interactive {
			s.failed++
		}
		fmt.Fprintln(s.e.stderr, "canceled")
		return
	case errors.Is(err, context.DeadlineExceeded) || qctx.Err() == context.DeadlineExceeded:
		s.fail(fmt.Errorf("the statement ran longer than %v and was stopped (:timeout D to change)", s.timeout))
		return
	case err != nil:
		if wrap != nil {
			err = wrap(err)
		}
		s.fail(err)
		return
	}
	if s.p.format == "json" {
		return
	}
	switch n := len(res); {
	case truncated:
		fmt.Fprintf(s.e.stdout, "(%d results shown; there are more: :limit N)\n", n)
	case n == 1:
		fmt.Fprintln(s.e.stdout, "(1 result)")
	default:
		fmt.Fprintf(s.e.stdout, "(%d results)\n", n)
	}
}

// replCommands are the REPL's own commands, for :help and completion.
var replCommands = []struct{ name, args, doc string }{
	{":help", "", "this help"},
	{":limit", "[N]", "show or set the most results a statement prints"},
	{":timeout", "[D]", "show or set how long a statement may run (30s, 2m; 0 for no limit)"},
	{":load", "FILE|NAME [NAME=VALUE]...", "run a query file or a canned query with parameters"},
	{":queries", "", "list the canned queries"},
	{":vocab", "", "the predicates and classes in the graph, with counts"},
	{":prefixes", "", "the short IRI prefixes (person:村井純, schema:name)"},
	{":iris", "[on|off]", "show short IRIs beside names"},
	{":width", "[N]", "cut table cells to N columns (0: never)"},
	{":format", "[table|json]", "print results as a table or as JSON"},
	{":quit", "", "leave (Ctrl-D does too)"},
}

// command runs a REPL command (a line starting with ":").
func (s *repl) command(ctx context.Context, line string) (quit bool, err error) {
	fields, err := queries.SplitArgs(line)
	if err != nil {
		return false, err
	}
	name, args := fields[0], fields[1:]
	w := s.e.stdout
	switch name {
	case ":help", ":h", ":?":
		s.help()
	case ":quit", ":q", ":exit":
		return true, nil
	case ":limit":
		if len(args) > 0 {
			n, err := strconv.Atoi(args[0])
			if err != nil || n < 1 {
				return false, fmt.Errorf(":limit takes a number of results, 1 or more, not %q", args[0])
			}
			s.limit = n
		}
		fmt.Fprintf(w, "limit %d\n", s.limit)
	case ":timeout":
		if len(args) > 0 {
			d, err := time.ParseDuration(args[0])
			if args[0] == "0" {
				d, err = 0, nil
			}
			if err != nil || d < 0 {
				return false, fmt.Errorf(":timeout takes a duration such as 30s or 2m (0 for no limit), not %q", args[0])
			}
			s.timeout = d
		}
		if s.timeout == 0 {
			fmt.Fprintln(w, "timeout none")
		} else {
			fmt.Fprintf(w, "timeout %v\n", s.timeout)
		}
	case ":iris":
		if len(args) > 0 {
			switch args[0] {
			case "on":
				s.p.iris = true
			case "off":
				s.p.iris = false
			default:
				return false, fmt.Errorf(":iris takes on or off, not %q", args[0])
			}
		}
		fmt.Fprintf(w, "iris %s\n", map[bool]string{true: "on", false: "off"}[s.p.iris])
	case ":width":
		if len(args) > 0 {
			n, err := strconv.Atoi(args[0])
			if err != nil || n < 0 {
				return false, fmt.Errorf(":width takes a number of columns (0: no limit), not %q", args[0])
			}
			s.p.width = n
		}
		fmt.Fprintf(w, "width %d\n", s.p.width)
	case ":format":
		if len(args) > 0 {
			if args[0] != "table" && args[0] != "json" {
				return false, fmt.Errorf(":format takes table or json, not %q", args[0])
			}
			s.p.format = args[0]
		}
		fmt.Fprintf(w, "format %s\n", s.p.format)
	case ":queries":
		listQueries(w)
	case ":prefixes":
		s.prefixes()
	case ":vocab":
		return false, s.vocab(ctx)
	case ":load":
		if len(args) == 0 {
			return false, errors.New(":load takes a file or a canned query's name, then its parameters NAME=VALUE")
		}
		q, err := loadQuery(args[0])
		if err != nil {
			return false, err
		}
		pm, err := queries.ParseParams(args[1:])
		if err != nil {
			return false, err
		}
		script, err := q.Script(pm)
		if err != nil {
			return false, err
		}
		s.runQuery(ctx, script, q)
	default:
		return false, fmt.Errorf("unknown command %s (:help lists them)", name)
	}
	return false, nil
}

func (s *repl) help() {
	w := s.e.stdout
	fmt.Fprint(w, `Type a Gizmo statement; it runs when its brackets balance, so it may
span lines. Short IRIs work in strings: g.V("person:村井純").Out("foaf:name").All()
Ctrl-C stops a running statement or clears the input; Ctrl-D leaves.

`)
	for _, c := range replCommands {
		fmt.Fprintf(w, "  %-38s %s\n", strings.TrimSpace(c.name+" "+c.args), c.doc)
	}
}

func (s *repl) prefixes() {
	for _, p := range vocab.Prefixes {
		fmt.Fprintf(s.e.stdout, "  %-11s %-44s %s\n", p.Name+":", p.IRI, p.Doc)
	}
}

// vocabScript counts predicates and classes in Gizmo, for a server: on
// a large graph it is much slower than Store.VocabStats.
const vocabScript = `g.V().OutPredicates().Unique().ToArray().forEach(function (p) {
  g.Emit({kind: "predicate", iri: p, count: g.V().Out(p).Count()});
});
g.V().Out("rdf:type").Unique().ToArray().forEach(function (c) {
  g.Emit({kind: "class", iri: c, count: g.V().Has("rdf:type", c).Unique().Count()});
});`

// vocab lists the predicates and classes with their counts.
func (s *repl) vocab(ctx context.Context) error {
	qctx, stop, interrupted := s.interruptible(ctx)
	defer stop()
	st, err := s.r.vocabStats(qctx)
	if interrupted() {
		fmt.Fprintln(s.e.stderr, "canceled")
		return nil
	}
	if err != nil {
		return err
	}
	w := s.e.stdout
	for _, part := range []struct {
		title string
		terms []graph.TermCount
	}{{"predicates (quads)", st.Predicates}, {"classes (nodes)", st.Classes}} {
		fmt.Fprintln(w, part.title)
		rows := [][]string{}
		for _, t := range part.terms {
			rows = append(rows, []string{"  " + graph.ShortIRI(t.IRI), strconv.FormatInt(t.Count, 10)})
		}
		if len(rows) > 0 {
			var b strings.Builder
			writeTable(&b, rows)
			fmt.Fprint(w, b.String())
		}
	}
	return nil
}

// vocabStats counts the vocabulary: on the store in one pass when the
// REPL opens it, else with a Gizmo script on the server.
func (r *autoRunner) vocabStats(ctx context.Context) (graph.VocabStats, error) {
	var st graph.VocabStats
	if r.http == nil {
		s := r.pg
		if s == nil {
			var err error
			s, err = graph.Open(ctx, r.cfg)
			if errors.Is(err, graph.ErrLocked) && r.useServer(ctx) {
				return r.vocabStats(ctx)
			} else if errors.Is(err, graph.ErrLocked) {
				return st, r.lockedError()
			} else if err != nil {
				return st, err
			}
			defer s.Close()
		}
		return s.VocabStats(ctx)
	}
	res, _, err := r.Gizmo(ctx, vocabScript, maxServerLimit)
	if err != nil {
		return st, err
	}
	for _, x := range res {
		m, _ := x.(map[string]any)
		iri, _ := m["iri"].(string)
		n, _ := m["count"].(int64)
		if m["kind"] == "class" {
			st.Classes = append(st.Classes, graph.TermCount{IRI: iri, Count: n})
		} else {
			st.Predicates = append(st.Predicates, graph.TermCount{IRI: iri, Count: n})
		}
	}
	for _, l := range [][]graph.TermCount{st.Predicates, st.Classes} {
		sort.Slice(l, func(i, j int) bool {
			if l[i].Count != l[j].Count {
				return l[i].Count > l[j].Count
			}
			return l[i].IRI < l[j].IRI
		})
	}
	return st, nil
}

// where names what the REPL queries, for its greeting.
func (r *autoRunner) where() string {
	switch {
	case r.http != nil:
		return "the server at " + r.cf.server
	case r.pg != nil:
		return "postgres"
	}
	return r.cf.store.db
}

// complete completes REPL commands, canned query names after :load, and
// short IRI prefixes inside a string.
func complete(line string) []string {
	var out []string
	if strings.HasPrefix(line, ":load ") {
		rest := strings.TrimPrefix(line, ":load ")
		for _, q := range queries.List() {
			if strings.HasPrefix(q.Name, rest) {
				out = append(out, ":load "+q.Name)
			}
		}
		return out
	}
	if strings.HasPrefix(line, ":") {
		for _, c := range replCommands {
			if strings.HasPrefix(c.name, line) {
				out = append(out, c.name)
			}
		}
		return out
	}
	// After an opening quote: a prefix name.
	i := strings.LastIndexAny(line, "\"'`")
	if i < 0 {
		return nil
	}
	word := line[i+1:]
	if strings.Contains(word, ":") {
		return nil
	}
	for _, p := range vocab.Prefixes {
		if strings.HasPrefix(p.Name, word) {
			out = append(out, line[:i+1]+p.Name+":")
		}
	}
	return out
}
