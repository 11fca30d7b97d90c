package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gijigraph/gijigraph/graph"
	"github.com/gijigraph/gijigraph/queries"
)

// runQ runs gijigraph in-process with args, stdin and environment.
func runQ(t *testing.T, getenv map[string]string, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{
		stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb,
		log:    slog.New(slog.NewTextHandler(io.Discard, nil)),
		getenv: func(k string) string { return getenv[k] },
	}
	err := run(context.Background(), e, args)
	return out.String(), errb.String(), err
}

var (
	seedDBOnce sync.Once
	seedDBPath string
	seedDBErr  error
)

// seedDB returns a bolt database holding the seeds, built once for the
// whole test binary under testDir.
func seedDB(t *testing.T) string {
	t.Helper()
	seedDBOnce.Do(func() {
		seedDBPath = filepath.Join(testDir, "seeds.db")
		var errb bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &errb,
			log: slog.New(slog.NewTextHandler(io.Discard, nil)), getenv: func(string) string { return "" }}
		if err := run(context.Background(), e, []string{"build", "--db", seedDBPath, filepath.Join("..", "..", "seeds")}); err != nil {
			seedDBErr = errors.New(err.Error() + "\n" + errb.String())
		}
	})
	if seedDBErr != nil {
		t.Fatalf("building the seeds: %v", seedDBErr)
	}
	return seedDBPath
}

// noServer is a server address where nothing listens.
func noServer(t *testing.T) map[string]string {
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close()
	return map[string]string{"GIJIGRAPH_SERVER": srv.URL}
}

func TestQueryList(t *testing.T) {
	out, _, err := runQ(t, nil, "", "query", "--list")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range queries.List() {
		if !strings.Contains(out, q.Name+" ") || !strings.Contains(out, q.Summary) {
			t.Errorf("--list lacks %s: %s", q.Name, out)
		}
	}
}

func TestQueryCommand(t *testing.T) {
	db := seedDB(t)
	t.Run("by name, json", func(t *testing.T) {
		out, stderr, err := runQ(t, nil, "", "query", "--db", db, "--format", "json", "who-raised", "--param", "concept=ransomware")
		if err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		var got struct {
			Result    []map[string]any `json:"result"`
			Truncated bool             `json:"truncated"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		if len(got.Result) < 2 || got.Result[0]["speaker"] != "遠藤 信博" || got.Truncated {
			t.Errorf("result: %s", out)
		}
	})
	t.Run("file, flags after it, table", func(t *testing.T) {
		out, stderr, err := runQ(t, nil, "", "query", filepath.Join("..", "..", "queries", "person-profile.js"), "--db", db, "--param", "person=坂井 学")
		if err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 3 || !strings.HasPrefix(lines[0], "date ") || !strings.Contains(lines[1], "総務副大臣") || !strings.Contains(lines[2], "内閣官房副長官") {
			t.Errorf("table:\n%s", out)
		}
	})
	t.Run("show", func(t *testing.T) {
		out, _, err := runQ(t, nil, "", "query", "--show", "who-raised", "--param", "concept=concept:ransomware")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(out, `var params = {"concept":"<https://gijigraph.org/id/concept/ransomware>","narrower":"yes"}; // who-raised:`) ||
			strings.Contains(out, `In("schema:mentions")`) || !strings.Contains(out, `In("<http://schema.org/mentions>")`) {
			t.Errorf("--show:\n%.300s", out)
		}
	})
	for _, tc := range []struct {
		name string
		args []string
		want string
		code int
	}{
		{"missing parameter", []string{"who-raised"}, "missing parameter concept", 2},
		{"unknown parameter", []string{"who-raised", "--param", "concept=x", "--param", "colour=red"}, `unknown parameter "colour"`, 2},
		{"unknown query", []string{"who-said"}, `no canned query "who-said"`, 2},
		{"no match", []string{"who-raised", "--param", "concept=no such concept"}, `no concept matches "no such concept"`, 1},
		{"bad format", []string{"--format", "xml", "who-raised"}, `unknown format "xml"`, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := runQ(t, nil, "", append([]string{"query", "--db", db}, tc.args...)...)
			if err == nil || !strings.Contains(err.Error(), tc.want) || exitCode(err) != tc.code {
				t.Errorf("err = %v (exit %d), want %q (exit %d)", err, exitCode(err), tc.want, tc.code)
			}
		})
	}
	t.Run("no database", func(t *testing.T) {
		missing := filepath.Join(t.TempDir(), "nothing.db")
		_, _, err := runQ(t, nil, "", "query", "--db", missing, "who-raised", "--param", "concept=x")
		if err == nil || !strings.Contains(err.Error(), "no graph database at "+missing) || !strings.Contains(err.Error(), "gijigraph build") {
			t.Errorf("err = %v", err)
		}
		if _, err := os.Stat(missing); err == nil {
			t.Error("query created a database")
		}
	})
}

// fakeServer serves /healthz and POST /api/gizmo as gijigraph serve
// does, over s.
func fakeServer(t *testing.T, s *graph.Store) (*httptest.Server, *int) {
	var mu sync.Mutex
	calls := new(int)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `{"status":"ok"}`) })
	mux.HandleFunc("POST /api/gizmo", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		*calls++
		mu.Unlock()
		body, _ := io.ReadAll(r.Body)
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		res, truncated, err := s.Gizmo(r.Context(), string(body), limit)
		w.Header().Set("Content-Type", "application/json")
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"result": res, "truncated": truncated})
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, calls
}

// lockDB opens a copy of the seed database for writing, which holds it
// locked exclusively as a writable server would, and returns its path
// and the open store.
func lockDB(t *testing.T) (string, *graph.Store) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "locked.db")
	if err := os.CopyFS(db, os.DirFS(seedDB(t))); err != nil {
		t.Fatal(err)
	}
	s, err := graph.Open(context.Background(), graph.Config{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return db, s
}

func TestQueryLocked(t *testing.T) {
	db, s := lockDB(t)
	args := []string{"query", "--db", db, "--lock-timeout", "100ms", "who-raised", "--param", "concept=WannaCry"}

	t.Run("no server", func(t *testing.T) {
		start := time.Now()
		_, _, err := runQ(t, noServer(t), "", args...)
		if err == nil || !strings.Contains(err.Error(), db+" is locked: another process has it open for writing") ||
			!strings.Contains(err.Error(), "no gijigraph server answers") {
			t.Errorf("err = %v", err)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("took %v", d)
		}
	})
	t.Run("a build is writing", func(t *testing.T) {
		// A build holds build.lock and copies the database to
		// indexes.bolt.tmp-PID.
		lf, err := os.OpenFile(filepath.Join(db, "build.lock"), os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		defer lf.Close()
		if err := syscall.Flock(int(lf.Fd()), syscall.LOCK_EX); err != nil {
			t.Fatal(err)
		}
		tmp := filepath.Join(db, "indexes.bolt.tmp-"+strconv.Itoa(os.Getpid()))
		if err := os.WriteFile(tmp, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(tmp)
		_, _, err = runQ(t, noServer(t), "", args...)
		if err == nil || !strings.Contains(err.Error(), "a gijigraph build (pid "+strconv.Itoa(os.Getpid())+") is writing it") ||
			!strings.Contains(err.Error(), "wait for it to finish") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("server answers", func(t *testing.T) {
		srv, calls := fakeServer(t, s)
		out, stderr, err := runQ(t, map[string]string{"GIJIGRAPH_SERVER": srv.URL}, "", args...)
		if err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		if !strings.Contains(out, "遠藤 信博") || !strings.Contains(stderr, "querying the server at "+srv.URL) || *calls == 0 {
			t.Errorf("stdout:\n%s\nstderr:\n%s", out, stderr)
		}
	})
	t.Run("--server", func(t *testing.T) {
		srv, calls := fakeServer(t, s)
		out, stderr, err := runQ(t, nil, "", "query", "--server", srv.URL, "who-raised", "--param", "concept=WannaCry")
		if err != nil || !strings.Contains(out, "遠藤 信博") || *calls == 0 {
			t.Errorf("err = %v\n%s\n%s", err, out, stderr)
		}
		_, _, err = runQ(t, nil, "", "query", "--server", noServer(t)["GIJIGRAPH_SERVER"], "who-raised", "--param", "concept=x")
		if err == nil || !strings.Contains(err.Error(), "does not answer") {
			t.Errorf("err = %v", err)
		}
	})
}

// TestQueryReader: a database another reader (a read-only server) has
// open is opened too, with no server involved.
func TestQueryReader(t *testing.T) {
	db := seedDB(t)
	s, err := graph.Open(context.Background(), graph.Config{Path: db, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	out, stderr, err := runQ(t, noServer(t), "", "query", "--db", db, "references", "--param", "meeting=17")
	if err != nil || !strings.Contains(out, "野原 佐和子") || stderr != "" {
		t.Errorf("err = %v\n%s\n%s", err, out, stderr)
	}
}

func TestPrinter(t *testing.T) {
	results := []any{
		map[string]any{"id": "<https://gijigraph.org/id/person/遠藤信博>", "meeting": "<https://gijigraph.org/id/meeting/m-1>", "n": int64(3)},
		map[string]any{"id": "<https://example.org/x>", "text": "two\nlines"},
	}
	names := map[string]string{"<https://gijigraph.org/id/person/遠藤信博>": "遠藤 信博", "<https://gijigraph.org/id/meeting/m-1>": "m-1"}
	for _, tc := range []struct {
		name string
		p    printer
		want string
	}{
		{"iris on", printer{iris: true}, "" +
			"id                           meeting      n  text\n" +
			"遠藤 信博 <person:遠藤信博>  meeting:m-1  3\n" +
			"<https://example.org/x>                      two⏎lines\n"},
		{"iris off, narrow", printer{width: 6}, "" +
			"id      meeting  n  text\n" +
			"遠藤 …  m-1      3\n" +
			"<http…              two⏎l…\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			tc.p.w, tc.p.format = &b, "table"
			if err := tc.p.print(context.Background(), stubRunner{names}, results, false, `g.V().Tag("meeting")`); err != nil {
				t.Fatal(err)
			}
			if b.String() != tc.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), tc.want)
			}
		})
	}
}

// stubRunner answers the printer's name look-up.
type stubRunner struct{ names map[string]string }

func (s stubRunner) Gizmo(ctx context.Context, script string, limit int) ([]any, bool, error) {
	m := map[string]any{}
	for k, v := range s.names {
		m[k] = v
	}
	return []any{m}, false, nil
}
func (stubRunner) Close() error { return nil }

func TestColumnOrder(t *testing.T) {
	keys := map[string]bool{"id": true, "speaker": true, "speech": true, "zeta": true, "date": true}
	got := columnOrder(keys, `g.V().Tag("speech").Out("x").Tag('speaker') g.Emit({date: 1})`)
	if want := "id date speech speaker zeta"; strings.Join(got, " ") != want {
		t.Errorf("columnOrder = %v, want %s", got, want)
	}
}

// docCommand is one `$ gijigraph query …` of docs/repl.md, with its output.
var docCommand = regexp.MustCompile("(?s)```sh\n\\$ gijigraph (query [^\n]*)\n(.*?)```")

// TestDocsREPL runs every `gijigraph query` example of docs/repl.md on
// the seeds and checks that it prints what the document shows.
func TestDocsREPL(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "repl.md"))
	if err != nil {
		t.Fatal(err)
	}
	db := seedDB(t)
	ms := docCommand.FindAllSubmatch(data, -1)
	if len(ms) < len(queries.List()) {
		t.Fatalf("docs/repl.md shows %d query commands, fewer than the %d canned queries", len(ms), len(queries.List()))
	}
	shown := map[string]bool{}
	for _, m := range ms {
		args, err := queries.SplitArgs(string(m[1]))
		if err != nil {
			t.Fatal(err)
		}
		t.Run(strings.Join(args[1:], " "), func(t *testing.T) {
			out, stderr, err := runQ(t, nil, "", append([]string{args[0], "--db", db}, args[1:]...)...)
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			if out != string(m[2]) {
				t.Errorf("docs/repl.md shows\n%s\nthe command prints\n%s", m[2], out)
			}
		})
		for _, a := range args {
			if _, ok := queries.Get(a); ok && !strings.HasPrefix(a, "-") {
				shown[a] = true
			}
		}
	}
	for _, q := range queries.List() {
		if !shown[q.Name] {
			t.Errorf("docs/repl.md does not show %s", q.Name)
		}
	}
}
