package sandbox

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gijigraph/gijigraph/graph"
)

func TestMain(m *testing.M) {
	MainIfWorker()
	os.Exit(m.Run())
}

// newPool returns a pool over a small graph: person:a knows person:b.
func newPool(t *testing.T, workers int) *Pool {
	t.Helper()
	ctx := context.Background()
	s, err := graph.Open(ctx, graph.Config{Backend: graph.Memory})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	nq := `<https://example.org/a> <https://example.org/knows> <https://example.org/b> .
<https://example.org/a> <https://example.org/age> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .
`
	if _, err := s.Import(ctx, strings.NewReader(nq)); err != nil {
		t.Fatal(err)
	}
	p, err := New(Config{Workers: workers, Memory: 128 << 20, Timeout: timeout, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	if err := p.Load(ctx, s); err != nil {
		t.Fatal(err)
	}
	return p
}

const normal = `g.V("<https://example.org/a>").Out("<https://example.org/knows>").All()`

func checkNormal(t *testing.T, p *Pool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, _, err := p.Run(ctx, normal, 10)
	if err != nil {
		t.Fatalf("a normal query after: %v", err)
	}
	if fmt.Sprint(res) != "[map[id:<https://example.org/b>]]" {
		t.Fatalf("a normal query after: %v", res)
	}
}

func TestRun(t *testing.T) {
	p := newPool(t, 1)
	checkNormal(t, p)
	res, _, err := p.Run(context.Background(), `g.V("<https://example.org/a>").Out("<https://example.org/age>").All()`, 10)
	if err != nil || fmt.Sprint(res) != "[map[id:42]]" {
		t.Fatalf("got %v, %v", res, err)
	}
	_, _, err = p.Run(context.Background(), `g.V(`, 10)
	if !errors.Is(err, ErrQuery) {
		t.Fatalf("a syntax error: %v", err)
	}
}

// Bombs are queries that try to take more than the sandbox gives, one a
// line in testdata/bombs.txt (name, a tab, the script); the server's own
// bomb test (cmd/gijigraph) reads the same file.
func readBombs(t *testing.T) []bomb {
	t.Helper()
	data, err := os.ReadFile("testdata/bombs.txt")
	if err != nil {
		t.Fatal(err)
	}
	var bombs []bomb
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		name, script, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("testdata/bombs.txt:%d: no tab between name and script", i+1)
		}
		bombs = append(bombs, bomb{name, script})
	}
	return bombs
}

type bomb struct{ Name, Script string }

const timeout = 3 * time.Second

func runBomb(t *testing.T, p *Pool, script string) {
	start := time.Now()
	_, _, err := p.Run(context.Background(), script, 10)
	took := time.Since(start)
	if err == nil {
		t.Errorf("no error")
	}
	// The margin is for a machine shared by many processes (at a load
	// average of 20, five bombs at once took 4.3 s); a query the pool
	// failed to kill would run until the test's own deadline.
	if took > timeout+5*time.Second {
		t.Errorf("took %v, want at most %v", took, timeout+5*time.Second)
	}
	t.Logf("%v after %v", err, took.Round(time.Millisecond))
}

func TestBombs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs each bomb to its limit")
	}
	bombs := readBombs(t)
	p := newPool(t, 5)
	for _, b := range bombs {
		t.Run(b.Name, func(t *testing.T) {
			runBomb(t, p, b.Script)
			checkNormal(t, p)
		})
	}
	t.Run("five at once", func(t *testing.T) {
		// Every worker up first: the time a bomb may take does not
		// include waiting for a worker to load the graph.
		var warm sync.WaitGroup
		for range 5 {
			warm.Go(func() { checkNormal(t, p) })
		}
		warm.Wait()
		var wg sync.WaitGroup
		for _, b := range bombs[:5] {
			wg.Go(func() { runBomb(t, p, b.Script) })
		}
		wg.Wait()
		checkNormal(t, p)
	})
}

// TestBusy: a query waits for a worker while every one is busy, and a
// worker's slot is free again once the worker has exited.
func TestBusy(t *testing.T) {
	p := newPool(t, 1)
	checkNormal(t, p)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		_, _, err := p.Run(ctx, `while (true) {}`, 1)
		done <- err
	}()
	// Wait until the loop holds the worker.
	for len(p.slots) > 0 {
		time.Sleep(time.Millisecond)
	}
	wait, cancelWait := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancelWait()
	if _, _, err := p.Run(wait, normal, 1); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("with the worker busy: %v", err)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
	checkNormal(t, p)
}

// TestTimeoutKillsWorker: a worker whose query timed out is replaced,
// even when the worker itself answered "timeout": its script may still
// run inside a built-in, allocating, and would fail the next query.
// (TestBombsServed caught a normal query failing so, after array fill.)
func TestTimeoutKillsWorker(t *testing.T) {
	p := newPool(t, 1)
	checkNormal(t, p)
	pid := workerPID(p)
	if _, _, err := p.Run(context.Background(), `while (true) {}`, 1); !errors.Is(err, ErrTimeout) {
		t.Fatalf("the loop: %v", err)
	}
	checkNormal(t, p)
	if workerPID(p) == pid {
		t.Errorf("the worker %d that timed out still answers", pid)
	}
}

// workerPID is the process of the pool's one worker.
func workerPID(p *Pool) int {
	sl := <-p.slots
	defer func() { p.slots <- sl }()
	return sl.w.cmd.Process.Pid
}

// TestBudgetPerQuery: a query that leaves its worker less than the
// memory budget under its address-space limit, and ends well, retires
// the worker, so that the next query starts with the budget free (the Go runtime never unmaps
// its heap, and the address-space limit counts it). Small queries keep
// their worker.
func TestBudgetPerQuery(t *testing.T) {
	p := newPool(t, 1)
	checkNormal(t, p)
	for range 5 {
		checkNormal(t, p)
	}
	if n := p.Started(); n != 1 {
		t.Fatalf("small queries started %d workers, want 1", n)
	}
	const big = `var s = 'x'.repeat(80e6); g.Emit(s.length)`
	for i := range 6 {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		res, _, err := p.Run(ctx, big, 10)
		cancel()
		if err != nil || fmt.Sprint(res) != "[80000000]" {
			t.Fatalf("run %d of a query using most of the budget: %v, %v", i+1, res, err)
		}
		checkNormal(t, p) // waits for a replacement
	}
	// Whether one query grows the mapped heap by two arenas depends on
	// the collector's timing; six do.
	if n := p.Started(); n < 2 {
		t.Errorf("six queries of 80 MB each started %d worker, want a replacement", n)
	}
}
