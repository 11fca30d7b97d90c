package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gijigraph/gijigraph/graph"
	"github.com/gijigraph/gijigraph/graph/vocab"
)

var (
	seedFile17 = filepath.Join("..", "..", "seeds", "2018-04-04_cybersecurity-hq_17.txt")
	seedFile30 = filepath.Join("..", "..", "seeds", "2021-07-07_cybersecurity-hq_30.txt")
)

// gg runs gijigraph with args and returns its standard output and error.
func gg(t testing.TB, getenv map[string]string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{
		stdin: strings.NewReader(""), stdout: &out, stderr: &errb,
		log:    slog.New(slog.NewTextHandler(io.Discard, nil)),
		getenv: func(k string) string { return getenv[k] },
	}
	err := run(context.Background(), e, args)
	return out.String(), errb.String(), err
}

// copySeeds copies both seed minutes into a new directory.
func copySeeds(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{seedFile17, seedFile30} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// exportLines exports the database at db as sorted N-Quads lines.
func exportLines(t *testing.T, args ...string) []string {
	t.Helper()
	out, stderr, err := gg(t, nil, append([]string{"export"}, args...)...)
	if err != nil {
		t.Fatalf("export: %v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	slices.Sort(lines)
	return lines
}

var summaryRE = regexp.MustCompile(`^built .*: (\d+) documents \((\d+) added, (\d+) replaced, (\d+) unchanged\), concepts \w+, (\d+) quads, (\d+) warnings, [0-9.]+ s\n$`)

// summary parses a build's summary line: documents, added, replaced,
// unchanged, quads, warnings.
func summary(t *testing.T, out string) []string {
	t.Helper()
	m := summaryRE.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no summary line in %q", out)
	}
	return m[1:]
}

func TestBuildCommand(t *testing.T) {
	dir := copySeeds(t)
	db := filepath.Join(t.TempDir(), "db")
	out, stderr, err := gg(t, nil, "build", "--db", db, dir)
	if err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	s := summary(t, out)
	if s[0] != "2" || s[1] != "2" || s[4] == "0" || s[5] != "5" {
		t.Errorf("first build: %q", out)
	}
	if !strings.Contains(stderr, "warning: title-mismatch") {
		t.Errorf("warnings not shown: %q", stderr)
	}
	first := exportLines(t, "--db", db)

	// idempotent
	out, _, err = gg(t, nil, "build", "--db", db, dir)
	if err != nil {
		t.Fatal(err)
	}
	if s := summary(t, out); s[1] != "0" || s[2] != "0" || s[3] != "2" {
		t.Errorf("second build: %q", out)
	}
	if again := exportLines(t, "--db", db); !slices.Equal(first, again) {
		t.Error("building twice changed the graph")
	}

	// incremental: a changed file replaces its own document only
	f17 := filepath.Join(dir, filepath.Base(seedFile17))
	data, _ := os.ReadFile(f17)
	changed := bytes.Replace(data, []byte("早朝からお集まりいただき"), []byte("本日はお集まりいただき"), 1)
	if bytes.Equal(changed, data) {
		t.Fatal("the edit did not apply")
	}
	if err := os.WriteFile(f17, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, err = gg(t, nil, "build", "--db", db, dir)
	if err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	if s := summary(t, out); s[1] != "0" || s[2] != "1" || s[3] != "1" {
		t.Errorf("build after a change: %q", out)
	}
	after := exportLines(t, "--db", db)
	doc30 := func(lines []string) []string {
		var out []string
		for _, l := range lines {
			if strings.HasSuffix(l, vocab.Doc("サイバーセキュリティ戦略本部-30").String()+" .") {
				out = append(out, l)
			}
		}
		return out
	}
	if !slices.Equal(doc30(first), doc30(after)) {
		t.Error("changing the 17th meeting changed the 30th meeting's quads")
	}
	if !strings.Contains(strings.Join(after, "\n"), "本日はお集まりいただき") || strings.Contains(strings.Join(after, "\n"), "早朝からお集まりいただき") {
		t.Error("the changed speech was not replaced")
	}
}

// TestBuildBadInput: a bad file fails the build with the extractor's
// error, naming the file, and leaves the previous database intact.
func TestBuildBadInput(t *testing.T) {
	dir := copySeeds(t)
	db := filepath.Join(t.TempDir(), "db")
	if _, stderr, err := gg(t, nil, "build", "--db", db, dir); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	before := exportLines(t, "--db", db)

	// the 17th meeting changed, and a file that is not minutes
	f17 := filepath.Join(dir, filepath.Base(seedFile17))
	data, _ := os.ReadFile(f17)
	os.WriteFile(f17, bytes.Replace(data, []byte("早朝から"), []byte("本日は"), 1), 0o644)
	bad := filepath.Join(dir, "zz-bad.txt")
	if err := os.WriteFile(bad, []byte("\x00\x01\x02 not minutes"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := gg(t, nil, "build", "--db", db, dir)
	if err == nil || !strings.HasPrefix(err.Error(), "extract: ") || !strings.Contains(err.Error(), bad) {
		t.Fatalf("build with a bad file: %v, want the extract error naming %s", err, bad)
	}
	if after := exportLines(t, "--db", db); !slices.Equal(before, after) {
		t.Error("a failed build changed the database")
	}
	if m, _ := filepath.Glob(filepath.Join(db, "*.tmp-*")); len(m) != 0 {
		t.Errorf("temporary files left: %v", m)
	}

	// A failed first build leaves no database directory behind.
	fresh := filepath.Join(t.TempDir(), "fresh", "db")
	if _, _, err := gg(t, nil, "build", "--db", fresh, bad); err == nil {
		t.Fatal("a build of only a bad file succeeded")
	}
	if _, err := os.Stat(fresh); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed first build left %s: %v", fresh, err)
	}
}

func TestBuildUsage(t *testing.T) {
	for _, args := range [][]string{
		{"build"},
		{"build", "--dsn", "x", seedFile17},
		{"build", "--backend", "postgres", seedFile17},
		{"build", "--backend", "cockroach", seedFile17},
		{"export", "--format", "turtle"},
		{"import"},
	} {
		_, _, err := gg(t, nil, args...)
		if err == nil || exitCode(err) != 2 {
			t.Errorf("%q: got %v (exit %d), want a usage error", args, err, exitCode(err))
		}
	}
}

func TestBuildLocked(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	if _, stderr, err := gg(t, nil, "build", "--db", db, seedFile17); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	s, err := graph.Open(context.Background(), graph.Config{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, _, err = gg(t, nil, "build", "--db", db, "--lock-timeout", "100ms", seedFile30)
	if err == nil || !strings.Contains(err.Error(), "locked by another gijigraph process") {
		t.Errorf("build on a locked database: %v", err)
	}
}

func TestExportImportCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	if _, stderr, err := gg(t, nil, "build", "--db", db, seedFile17, seedFile30); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	want := exportLines(t, "--db", db)
	nq := filepath.Join(t.TempDir(), "graph.nq")
	if _, stderr, err := gg(t, nil, "export", "--db", db, "-o", nq); err != nil {
		t.Fatalf("export: %v\n%s", err, stderr)
	}
	db2 := filepath.Join(t.TempDir(), "db2")
	out, stderr, err := gg(t, nil, "import", "--db", db2, nq)
	if err != nil {
		t.Fatalf("import: %v\n%s", err, stderr)
	}
	if !strings.HasPrefix(out, "imported ") {
		t.Errorf("import printed %q", out)
	}
	if got := exportLines(t, "--db", db2); !slices.Equal(got, want) {
		t.Errorf("export → import → export: %d quads, want %d", len(got), len(want))
	}
	for _, f := range []string{"jsonld", "graphml"} {
		out, _, err := gg(t, nil, "export", "--db", db, "--format", f)
		if err != nil || len(out) == 0 {
			t.Errorf("export --format %s: %v", f, err)
		}
	}
	if _, _, err := gg(t, nil, "export", "--db", filepath.Join(t.TempDir(), "none")); err == nil {
		t.Error("exporting a missing database succeeded")
	}
}

// TestBuildPostgres runs the build against PostgreSQL when
// GIJIGRAPH_TEST_PG_DSN is set (.ci/postgres.sh sets it).
func TestBuildPostgres(t *testing.T) {
	dsn := os.Getenv("GIJIGRAPH_TEST_PG_DSN")
	if dsn == "" {
		t.Skip("GIJIGRAPH_TEST_PG_DSN is not set: skipping the PostgreSQL build test (run .ci/postgres.sh to get a server and the DSN)")
	}
	// A schema of its own: go test runs the graph package's PostgreSQL
	// tests at the same time.
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`DROP SCHEMA IF EXISTS gijigraph_cmd_test CASCADE; CREATE SCHEMA gijigraph_cmd_test`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	u, err := url.Parse(dsn)
	if err != nil || u.Scheme != "postgres" && u.Scheme != "postgresql" {
		t.Fatalf("GIJIGRAPH_TEST_PG_DSN must be a postgres:// URL here: %q", dsn)
	}
	q := u.Query()
	q.Set("search_path", "gijigraph_cmd_test")
	u.RawQuery = q.Encode()
	dsn = u.String()
	env := map[string]string{"GIJIGRAPH_DSN": dsn}
	out, stderr, err := gg(t, env, "build", "--backend", "postgres", seedFile17, seedFile30)
	if err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	if s := summary(t, out); s[1] != "2" {
		t.Errorf("first build: %q", out)
	}
	out, _, err = gg(t, env, "build", "--backend", "postgres", "--dsn", dsn, seedFile17, seedFile30)
	if err != nil {
		t.Fatal(err)
	}
	if s := summary(t, out); s[3] != "2" {
		t.Errorf("second build: %q", out)
	}
	pg := exportLines(t, "--backend", "postgres", "--dsn", dsn)
	bolt := filepath.Join(t.TempDir(), "db")
	if _, _, err := gg(t, nil, "build", "--db", bolt, seedFile17, seedFile30); err != nil {
		t.Fatal(err)
	}
	if b := exportLines(t, "--db", bolt); !slices.Equal(pg, b) {
		t.Errorf("postgres and bolt hold different graphs: %d and %d quads", len(pg), len(b))
	}
}

// TestBuildWorkers: extracting on several workers writes the same graph
// and prints the same warnings, in the same order, as on one; a bad file
// among many fails the build with its own error and leaves the database
// as it was.
func TestBuildWorkers(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, err := gg(t, nil, "gen", "--meetings", "12", "--out", dir, "--quirks",
		"--concepts", filepath.Join("..", "..", "seeds", "concepts.yaml")); err != nil {
		t.Fatalf("gen: %v\n%s", err, stderr)
	}
	var first []string
	var firstErr string
	for _, workers := range []string{"1", "3", "8"} {
		db := filepath.Join(t.TempDir(), "db")
		out, stderr, err := gg(t, nil, "build", "--db", db, "--workers", workers, dir)
		if err != nil {
			t.Fatalf("build --workers %s: %v\n%s", workers, err, stderr)
		}
		if s := summary(t, out); s[0] != "12" || s[1] != "12" {
			t.Errorf("build --workers %s: %q", workers, out)
		}
		got := exportLines(t, "--db", db)
		if first == nil {
			first, firstErr = got, stderr
			if !strings.Contains(stderr, "warning: title-mismatch") {
				t.Errorf("no warnings from --quirks minutes: %q", stderr)
			}
			continue
		}
		if !slices.Equal(got, first) {
			t.Errorf("--workers %s wrote another graph (%d quads, want %d)", workers, len(got), len(first))
		}
		if stderr != firstErr {
			t.Errorf("--workers %s printed\n%s\nwant\n%s", workers, stderr, firstErr)
		}
	}

	// a bad file in the middle
	db := filepath.Join(t.TempDir(), "db")
	if _, stderr, err := gg(t, nil, "build", "--db", db, seedFile17); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	before := exportLines(t, "--db", db)
	names, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	slices.Sort(names)
	bad := names[5][:len(names[5])-4] + "a.txt"
	if err := os.WriteFile(bad, []byte("\x00\x01\x02 not minutes"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := gg(t, nil, "build", "--db", db, "--workers", "3", dir)
	if err == nil || !strings.HasPrefix(err.Error(), "extract: ") || !strings.Contains(err.Error(), bad) {
		t.Fatalf("build with a bad file: %v, want the extract error naming %s", err, bad)
	}
	if after := exportLines(t, "--db", db); !slices.Equal(before, after) {
		t.Error("a failed build changed the database")
	}
	if m, _ := filepath.Glob(filepath.Join(db, "*.tmp-*")); len(m) != 0 {
		t.Errorf("temporary files left: %v", m)
	}
}

// TestBuildSameMeetingTwice: two files with the same meeting are both
// written, in order, with a warning: the later one wins.
func TestBuildSameMeetingTwice(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(seedFile17)
	if err != nil {
		t.Fatal(err)
	}
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	os.WriteFile(a, data, 0o644)
	os.WriteFile(b, data, 0o644)
	db := filepath.Join(t.TempDir(), "db")
	out, stderr, err := gg(t, nil, "build", "--db", db, dir)
	if err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	if s := summary(t, out); s[0] != "2" || s[1] != "1" || s[2] != "1" {
		t.Errorf("build: %q", out)
	}
	if !strings.Contains(stderr, b+": warning: the same meeting as "+a) {
		t.Errorf("no warning about the same meeting: %q", stderr)
	}
	got := exportLines(t, "--db", db)
	db2 := filepath.Join(t.TempDir(), "db")
	if _, stderr, err := gg(t, nil, "build", "--db", db2, b); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	if want := exportLines(t, "--db", db2); !slices.Equal(got, want) {
		t.Errorf("building a then b is not building b alone: %d and %d quads", len(got), len(want))
	}
}

// TestInOrder: results come in the order of the items whatever the order
// they are ready in; an error from emit stops the run, and so does the
// end of the context, without leaving goroutines behind.
func TestInOrder(t *testing.T) {
	items := make([]int, 200)
	for i := range items {
		items[i] = i
	}
	slow := func(i int) int {
		if i%7 == 0 {
			time.Sleep(time.Millisecond)
		}
		return i * i
	}
	for _, n := range []int{1, 2, 5} {
		var got []int
		err := inOrder(context.Background(), n, items, slow, func(r int) error {
			got = append(got, r)
			return nil
		})
		if err != nil || len(got) != len(items) {
			t.Fatalf("n=%d: %d results, %v", n, len(got), err)
		}
		for i, r := range got {
			if r != i*i {
				t.Fatalf("n=%d: result %d is %d", n, i, r)
			}
		}
	}

	stop := errors.New("stop")
	var calls atomic.Int64
	count := func(i int) int { calls.Add(1); return i }
	err := inOrder(context.Background(), 3, items, count, func(r int) error {
		if r == 10 {
			return stop
		}
		return nil
	})
	if err != stop {
		t.Errorf("emit's error: got %v", err)
	}
	if c := calls.Load(); c > 10+1+2*3+3 {
		t.Errorf("%d items computed after emit stopped at 10", c)
	}

	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err = inOrder(ctx, 2, items, slow, func(r int) error {
		if n++; n == 5 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: got %v", err)
	}
}

// BenchmarkBuild runs `gijigraph build` into a new bolt database: reading,
// parallel extraction, concept matching, quad building and writing, the
// copy and the rename. The minutes are generated (gijigraph gen) into a
// temporary directory first, GIJIGRAPH_BENCH_MEETINGS of them (default
// 50); GIJIGRAPH_BENCH_DIR names a directory of minutes to use instead.
// It reports quads/s and the source MB/s.
//
//	go test ./cmd/gijigraph -run '^$' -bench Build -benchtime 1x -cpuprofile cpu.out
func BenchmarkBuild(b *testing.B) {
	dir := os.Getenv("GIJIGRAPH_BENCH_DIR")
	if dir == "" {
		n := 50
		if v := os.Getenv("GIJIGRAPH_BENCH_MEETINGS"); v != "" {
			var err error
			if n, err = strconv.Atoi(v); err != nil || n <= 0 {
				b.Fatalf("GIJIGRAPH_BENCH_MEETINGS=%q: want a positive number", v)
			}
		}
		dir = b.TempDir()
		if _, stderr, err := gg(b, nil, "gen", "--meetings", strconv.Itoa(n), "--out", dir,
			"--start", "1001", "--concepts", filepath.Join("..", "..", "seeds", "concepts.yaml")); err != nil {
			b.Fatalf("gen: %v\n%s", err, stderr)
		}
	}
	paths, err := expandPaths([]string{dir})
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			b.Fatal(err)
		}
		size += fi.Size()
	}
	b.SetBytes(size)
	var quads int
	for b.Loop() {
		db := filepath.Join(b.TempDir(), "db")
		out, stderr, err := gg(b, nil, "build", "--db", db, dir)
		if err != nil {
			b.Fatalf("build: %v\n%s", err, stderr)
		}
		m := summaryRE.FindStringSubmatch(out)
		if m == nil {
			b.Fatalf("no summary line in %q", out)
		}
		quads, _ = strconv.Atoi(m[5])
		os.RemoveAll(db)
	}
	b.ReportMetric(float64(quads)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
	b.ReportMetric(float64(quads), "quads")
}
