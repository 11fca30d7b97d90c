package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/gijigraph/gijigraph/sandbox"
)

// testDir holds what the tests of this package share: the gijigraph
// binary and the seed database.
var testDir string

func TestMain(m *testing.M) {
	// Servers started in-process run their Gizmo workers from this binary.
	sandbox.MainIfWorker()
	dir, err := os.MkdirTemp("", "gijigraph-cmd-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	testDir = dir
	flag.Parse()
	if !testing.Short() {
		// Build the binary before any test starts its clock: no test's
		// deadline may include compiling.
		buildBinary()
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// buildBinary builds the gijigraph command once; TestMain calls it
// before the tests run.
func buildBinary() {
	binOnce.Do(func() {
		binPath = filepath.Join(testDir, "gijigraph")
		cmd := exec.Command("go", "build", "-o", binPath, ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
}

// binary returns the gijigraph command TestMain built, so that the REPL tests run
// the real program as a person does.
func binary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the gijigraph binary")
	}
	buildBinary()
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// binCommand returns the binary run with args, in a clean environment: no
// history or server of the user's.
func binCommand(t *testing.T, ctx context.Context, env []string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, binary(t), args...)
	home := t.TempDir()
	cmd.Env = append([]string{"HOME=" + home, "XDG_STATE_HOME=" + filepath.Join(home, "state"), "PATH=" + os.Getenv("PATH"),
		"GIJIGRAPH_SERVER=" + noServer(t)["GIJIGRAPH_SERVER"]}, env...)
	cmd.WaitDelay = time.Second
	return cmd
}

// TestREPLPiped feeds statements on standard input, as a script does.
func TestREPLPiped(t *testing.T) {
	db := seedDB(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := binCommand(t, ctx, nil, "repl", "--db", db)
	cmd.Stdin = strings.NewReader(`g.V("person:村井純").Out("foaf:name").Unique().All()
g.V("concept:wannacry").In("schema:mentions")
  .Tag("speech").Out("schema:creator").Out("foaf:name").Tag("speaker")
  .Unique().All()
g.V("<concept:ransomware>").In(
  "skos:broader"
).Out("gg:prefLabelEn").All()
g.V().Foo()
:limit 1
g.V("concept:ransomware").In("skos:broader").All()
:load who-raised concept=ランサムウェア narrower=no
:vocab
:nonsense
`)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("the REPL did not finish: %v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Errorf("exit: %v, want status 1 (two statements failed)", err)
	}
	out := stdout.String()
	for _, want := range []string{
		"村井 純\n(1 result)\n",
		"id         speech                                      speaker\n遠藤 信博  <speech:サイバーセキュリティ戦略本部-17/3>  遠藤 信博\n(1 result)\n",
		"Bad Rabbit\n", // a narrower concept's English label, from the multi-line statement
		"limit 1\n",
		"(1 results shown; there are more: :limit N)\n",
		"遠藤 信博", // who-raised, through :load
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if !regexp.MustCompile(`\n  opengov:Speech +36\n`).MatchString(out) || !regexp.MustCompile(`\n  schema:creator +36\n`).MatchString(out) {
		t.Errorf(":vocab did not count the speeches:\n%s", out)
	}
	if strings.Count(out, "gizmo>") > 0 {
		t.Errorf("prompts on a pipe:\n%s", out)
	}
	errs := stderr.String()
	for _, want := range []string{"error: TypeError: Object has no member 'Foo'", "error: unknown command :nonsense", "repl: 2 statement(s) failed"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
}

// ptyTerm drives a program through a pseudo-terminal.
type ptyTerm struct {
	t    *testing.T
	pty  *os.File
	mu   sync.Mutex
	out  bytes.Buffer
	mark int // expect looks after here
}

func startTerm(t *testing.T, cmd *exec.Cmd) *ptyTerm {
	t.Helper()
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 50, Cols: 200})
	if err != nil {
		t.Fatal(err)
	}
	tm := &ptyTerm{t: t, pty: f}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			tm.mu.Lock()
			tm.out.Write(buf[:n])
			tm.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
		f.Close()
	})
	return tm
}

func (tm *ptyTerm) send(s string) {
	tm.t.Helper()
	if _, err := tm.pty.Write([]byte(s)); err != nil {
		tm.t.Fatalf("writing %q: %v", s, err)
	}
}

// expect waits until the output after the last expectation holds want,
// and fails the test if it does not within d.
func (tm *ptyTerm) expect(want string, d time.Duration) {
	tm.t.Helper()
	if !tm.waitFor(want, d) {
		tm.mu.Lock()
		defer tm.mu.Unlock()
		tm.t.Fatalf("no %q within %v; the terminal shows after the last match:\n%s", want, d, tm.out.String()[tm.mark:])
	}
}

func (tm *ptyTerm) waitFor(want string, d time.Duration) bool {
	deadline := time.Now().Add(d)
	for {
		tm.mu.Lock()
		s := tm.out.String()
		if i := strings.Index(s[tm.mark:], want); i >= 0 {
			tm.mark += i + len(want)
			tm.mu.Unlock()
			return true
		}
		tm.mu.Unlock()
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestREPLTerminal types into the REPL through a pseudo-terminal: a
// query, a multi-line one, an error, :limit, Ctrl-C during an endless
// statement, Ctrl-C on the prompt, Ctrl-D; then starts it again to find
// the history.
func TestREPLTerminal(t *testing.T) {
	db := seedDB(t)
	history := filepath.Join(t.TempDir(), "history")
	start := func() (*exec.Cmd, *ptyTerm) {
		cmd := binCommand(t, context.Background(), []string{"TERM=xterm"}, "repl", "--db", db, "--history", history)
		tm := startTerm(t, cmd)
		tm.expect("Ctrl-D to leave.", 30*time.Second)
		tm.expect("gizmo> ", 5*time.Second)
		return cmd, tm
	}
	const wait = 10 * time.Second
	cmd, tm := start()

	tm.send(`g.V("person:村井純").Out("foaf:name").Unique().All()` + "\r")
	tm.expect("村井 純\r\n(1 result)", wait)
	tm.expect("gizmo> ", wait)

	tm.send(`g.V("concept:wannacry").Out(` + "\r")
	tm.expect("   ...> ", wait)
	tm.send(`"skos:prefLabel").Unique().All()` + "\r")
	tm.expect("WannaCry\r\n(1 result)", wait)
	tm.expect("gizmo> ", wait)

	tm.send(`g.V().Foo()` + "\r")
	tm.expect("error: TypeError: Object has no member 'Foo'", wait)
	tm.expect("gizmo> ", wait)

	tm.send(":limit 1\r")
	tm.expect("limit 1", wait)
	tm.send(`g.V("concept:ransomware").In("skos:broader").All()` + "\r")
	tm.expect("(1 results shown; there are more: :limit N)", wait)
	tm.expect("gizmo> ", wait)

	// Ctrl-C stops the running statement, not the REPL. The key goes to
	// the terminal once the statement runs: if it comes too early, the
	// prompt takes it, and it is sent again.
	tm.send(":timeout 30s\r")
	tm.expect("timeout 30s", wait)
	tm.expect("gizmo> ", wait)
	tm.send("while (true) {}\r")
	time.Sleep(500 * time.Millisecond)
	canceled := false
	for i := 0; i < 5 && !canceled; i++ {
		tm.send("\x03")
		canceled = tm.waitFor("canceled", 2*time.Second)
	}
	if !canceled {
		t.Fatalf("Ctrl-C did not cancel the statement:\n%s", tm.out.String())
	}
	tm.expect("gizmo> ", wait)
	tm.send(`g.V("concept:wannacry").Out("skos:prefLabel").All()` + "\r")
	tm.expect("WannaCry", wait)
	tm.expect("gizmo> ", wait)

	// Ctrl-C on the prompt clears the line; Ctrl-D leaves.
	tm.send("g.V(\x03")
	tm.expect("(Ctrl-D or :quit to leave)", wait)
	tm.expect("gizmo> ", wait)
	tm.send("\x04")
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit: %v", err)
		}
	case <-time.After(wait):
		t.Fatal("Ctrl-D did not end the REPL")
	}

	data, err := os.ReadFile(history)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`g.V("person:村井純").Out("foaf:name").Unique().All()`,
		`g.V("concept:wannacry").Out( "skos:prefLabel").Unique().All()`,
		":limit 1",
	} {
		if !strings.Contains(string(data), want+"\n") {
			t.Errorf("history lacks %q:\n%s", want, data)
		}
	}

	// Up arrow recalls the last statement of the previous run.
	cmd, tm = start()
	tm.send("\x1b[A\r")
	tm.expect("WannaCry\r\n(1 result)", wait)
	tm.send(":quit\r")
	if err := cmd.Wait(); err != nil {
		t.Errorf("exit: %v", err)
	}
}

// TestREPLLocked: with the database locked for writing, the REPL uses
// the server when one answers, and otherwise says why it cannot start.
// It never hangs.
func TestREPLLocked(t *testing.T) {
	db, s := lockDB(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	cmd := binCommand(t, ctx, nil, "repl", "--db", db, "--lock-timeout", "100ms")
	cmd.Stdin = strings.NewReader("g.V().All()\n")
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatal("the REPL hung on a locked database")
	}
	if err == nil || !strings.Contains(string(out), "is locked: another process has it open for writing") {
		t.Errorf("err = %v, output:\n%s", err, out)
	}

	srv, calls := fakeServer(t, s)
	cmd = binCommand(t, ctx, []string{"GIJIGRAPH_SERVER=" + srv.URL}, "repl", "--db", db, "--lock-timeout", "100ms")
	cmd.Stdin = strings.NewReader("g.V(\"person:遠藤信博\").Out(\"foaf:name\").Unique().All()\n:vocab\n")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	if !strings.Contains(stdout.String(), "遠藤 信博\n(1 result)") || !strings.Contains(stdout.String(), "opengov:Speech") ||
		!strings.Contains(stderr.String(), "querying the server at "+srv.URL) || *calls < 2 {
		t.Errorf("stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
	}
}

// TestREPLTmux shows what a person sees: the REPL in tmux, a query
// typed with send-keys, the screen read with capture-pane.
func TestREPLTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	db := seedDB(t)
	bin := binary(t)
	session := fmt.Sprintf("gijigraph-test-%d", os.Getpid())
	sock := filepath.Join(t.TempDir(), "tmux.sock")
	tmux := func(args ...string) string {
		out, err := exec.Command("tmux", append([]string{"-S", sock}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	home := t.TempDir()
	tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "30",
		fmt.Sprintf("env -i HOME=%s TERM=xterm %s repl --db %s", home, bin, db))
	defer exec.Command("tmux", "-S", sock, "kill-server").Run()
	screen := func(want string) string {
		deadline := time.Now().Add(15 * time.Second)
		for {
			s := tmux("capture-pane", "-p", "-t", session)
			if strings.Contains(s, want) || time.Now().After(deadline) {
				return s
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	screen("gizmo>") // capture-pane drops trailing spaces
	tmux("send-keys", "-t", session, `:load references meeting=17`, "Enter")
	s := screen("(4 results)")
	// The columns line up on the screen, wide characters taking two cells.
	for _, want := range []string{
		"date        meeting                          from         to           speech\n",
		"2018-04-04  サイバーセキュリティ戦略本部-17  野原 佐和子  遠藤 信博    <speech:サイバーセキュリティ戦略本部-17/6>\n",
		"2018-04-04  サイバーセキュリティ戦略本部-17  大野 敬太郎  野原 佐和子  <speech:サイバーセキュリティ戦略本部-17/15>\n",
		"(4 results)\ngizmo>",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the screen lacks %q; it shows:\n%s", want, s)
		}
	}
	tmux("send-keys", "-t", session, "C-d")
}

var serveListening = regexp.MustCompile(`listening on (http://\S+)`)

// TestREPLWithServe runs the real `gijigraph serve --writable`, which
// holds the database exclusively, and the REPL beside it.
func TestREPLWithServe(t *testing.T) {
	db, s := lockDB(t)
	s.Close() // the server takes the lock
	var stderr syncBuffer
	e := &env{
		stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr,
		log:    slog.New(slog.NewTextHandler(io.Discard, nil)),
		getenv: func(string) string { return "" },
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, e, []string{"serve", "--db", db, "--writable", "--token", "secret", "--addr", "127.0.0.1:0"})
	}()
	defer func() {
		cancel()
		<-done
	}()
	var base string
	for deadline := time.Now().Add(time.Minute); base == ""; time.Sleep(20 * time.Millisecond) {
		if m := serveListening.FindStringSubmatch(stderr.String()); m != nil {
			base = m[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s", stderr.String())
		}
	}

	ctx2, cancel2 := context.WithTimeout(context.Background(), time.Minute)
	defer cancel2()
	cmd := binCommand(t, ctx2, []string{"GIJIGRAPH_SERVER=" + base}, "repl", "--db", db, "--lock-timeout", "100ms")
	cmd.Stdin = strings.NewReader(`g.V("person:遠藤 信博").Out("foaf:name").Unique().All()
:load who-raised concept=WannaCry
g.V().Foo()
`)
	var stdout, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &errb
	cmd.Run()
	if ctx2.Err() != nil {
		t.Fatal("the REPL hung")
	}
	for _, want := range []string{"遠藤 信博\n(1 result)\n", "2018-04-04  サイバーセキュリティ戦略本部-17  遠藤 信博  WannaCry"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout.String())
		}
	}
	for _, want := range []string{"querying the server at " + base, "error: TypeError: Object has no member 'Foo'"} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errb.String())
		}
	}
}

func TestNeedsMore(t *testing.T) {
	for _, tc := range []struct {
		stmt string
		want bool
	}{
		{`g.V().All()`, false},
		{`g.V(`, true},
		{`g.V("person:村井純").`, true},
		{"g.V(\"x\"),", true},
		{`var a =`, true},
		{`g.V() // a comment.`, false},
		{`:load who-raised concept=(`, false},
		{`g.V(")")`, false},
	} {
		if got := needsMore(tc.stmt); got != tc.want {
			t.Errorf("needsMore(%q) = %v, want %v", tc.stmt, got, tc.want)
		}
	}
}

// TestREPLValues: a statement whose value is a number, a string or an
// object prints it, as Cayley's REPL does; a path alone prints nothing;
// a canned query's unknown concept reads as a message with close
// matches and no JavaScript position.
func TestREPLValues(t *testing.T) {
	db := seedDB(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := binCommand(t, ctx, nil, "repl", "--db", db)
	cmd.Stdin = strings.NewReader(`g.V().Count()
g.Emit(g.V().ToArray().length)
var who = "村井"; who + " 純"
g.V("person:村井純")
({kind: "count", n: g.V("concept:ransomware").In("skos:broader").Count()})
:load who-raised concept=ransomwere
`)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("the REPL did not finish: %v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	blocks := strings.SplitAfter(stdout.String(), ")\n")
	if len(blocks) < 5 {
		t.Fatalf("stdout:\n%s", stdout.String())
	}
	count, emitted := strings.TrimSpace(strings.TrimSuffix(blocks[0], "(1 result)\n")), strings.TrimSpace(strings.TrimSuffix(blocks[1], "(1 result)\n"))
	if n, err := strconv.Atoi(count); err != nil || n == 0 || count != emitted {
		t.Errorf("g.V().Count() printed %q; the nodes are %q", blocks[0], blocks[1])
	}
	if blocks[2] != "村井 純\n(1 result)\n" {
		t.Errorf("a string value printed %q", blocks[2])
	}
	if blocks[3] != "(0 results)\n" {
		t.Errorf("a path printed %q", blocks[3])
	}
	if !regexp.MustCompile(`kind +n\ncount +[1-9]\d*\n\(1 result\)\n`).MatchString(blocks[4]) {
		t.Errorf("an object printed %q", blocks[4])
	}
	errs := stderr.String()
	if want := `error: no concept matches "ransomwere" (close matches: ransom-payment, ransomware)` + "\n"; !strings.Contains(errs, want) || strings.Contains(errs, "lib.js") {
		t.Errorf("stderr: %q, want %q", errs, want)
	}
}
