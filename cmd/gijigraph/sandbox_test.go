package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The bounds TestBombsServed asserts, read from /proc from outside the
// server (docs/sandbox.md states them): the server process itself, each
// Gizmo worker (the budget on top of its copy of the graph), and the
// server with all its workers together.
const (
	bombBudgetMB   = 128
	bombTimeout    = 3 * time.Second
	bombWorkers    = 5
	serverBoundMB  = 256
	workerBoundMB  = bombBudgetMB + 128
	processBoundMB = 1024
)

// TestBombsServed runs `gijigraph serve` as its own process and sends it
// every query of sandbox/testdata/bombs.txt, one at a time and five at
// once: each must fail within the time limit plus one second, a normal
// query must answer right after, and the resident memory of the server
// and of each of its worker processes, sampled from /proc every 10 ms
// (and the server's peak, VmHWM), must stay under the bounds above.
func TestBombsServed(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	if testing.Short() {
		t.Skip("runs each bomb to its limit")
	}
	bombs := readBombs(t)
	db := seedDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cmd := binCommand(t, ctx, nil, "serve", "--db", db, "--addr", "127.0.0.1:0",
		"--gizmo-memory", strconv.Itoa(bombBudgetMB), "--gizmo-timeout", bombTimeout.String(),
		"--gizmo-concurrency", strconv.Itoa(bombWorkers))
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		cmd.Wait()
	}()
	base := waitListening(t, &stderr)
	pid := cmd.Process.Pid

	var mu sync.Mutex
	var maxServer, maxWorker, maxTotal int64 // kB
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			server := procKB(pid, "VmRSS")
			total := server
			mu.Lock()
			maxServer = max(maxServer, server)
			for _, c := range childPIDs(pid) {
				w := procKB(c, "VmRSS")
				maxWorker = max(maxWorker, w)
				total += w
			}
			maxTotal = max(maxTotal, total)
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()

	const normal = `g.V("person:村井純").Out("foaf:name").All()`
	query := func(script string) (int, string, time.Duration) {
		start := time.Now()
		resp, err := http.Post(base+"/api/gizmo", "text/plain", strings.NewReader(script))
		if err != nil {
			t.Errorf("the server is down: %v\n%s", err, stderr.String())
			return 0, "", 0
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body), time.Since(start)
	}
	bombed := func(t *testing.T, name, script string) {
		status, body, took := query(script)
		if status < 400 {
			t.Errorf("%s: %d %s, want an error", name, status, body)
		}
		if took > bombTimeout+time.Second {
			t.Errorf("%s: took %v, want at most %v", name, took, bombTimeout+time.Second)
		}
		t.Logf("%s: %d after %v: %.80s", name, status, took.Round(time.Millisecond), body)
	}
	normalAfter := func(t *testing.T) {
		if status, body, _ := query(normal); status != 200 || !strings.Contains(body, "村井 純") {
			t.Errorf("a normal query after: %d %s", status, body)
		}
	}
	// Every worker up first: a bomb's time does not include waiting for
	// a worker to load the graph (killed ones are replaced meanwhile).
	// Queries that each hold a worker for half a second, all at once,
	// take every worker; when none of them waited, every worker is up.
	warm := func(t *testing.T) {
		for range 20 {
			var mu sync.Mutex
			var slowest time.Duration
			var wg sync.WaitGroup
			for range bombWorkers {
				wg.Go(func() {
					status, body, took := query(`var t = Date.now(); while (Date.now() - t < 500) {}; ` + normal)
					if status != 200 {
						t.Errorf("warming: %d %s", status, body)
					}
					mu.Lock()
					slowest = max(slowest, took)
					mu.Unlock()
				})
			}
			wg.Wait()
			if slowest < 900*time.Millisecond {
				return
			}
		}
		t.Fatal("the workers did not all come up")
	}
	warm(t)
	for _, b := range bombs {
		t.Run(b.name, func(t *testing.T) {
			bombed(t, b.name, b.script)
			normalAfter(t)
		})
	}
	t.Run("five at once", func(t *testing.T) {
		warm(t)
		var wg sync.WaitGroup
		for _, b := range bombs[:5] {
			wg.Go(func() { bombed(t, b.name, b.script) })
		}
		wg.Wait()
		normalAfter(t)
	})
	close(stop)
	<-sampled
	hwm := procKB(pid, "VmHWM")
	t.Logf("RSS: server %d MB (peak %d MB), largest worker %d MB, server and workers %d MB",
		maxServer>>10, hwm>>10, maxWorker>>10, maxTotal>>10)
	if t.Failed() {
		t.Logf("the server's log:\n%s", stderr.String())
	}
	if hwm>>10 > serverBoundMB {
		t.Errorf("the server's peak RSS was %d MB, over %d MB", hwm>>10, serverBoundMB)
	}
	if maxWorker>>10 > workerBoundMB {
		t.Errorf("a worker's RSS reached %d MB, over %d MB", maxWorker>>10, workerBoundMB)
	}
	if maxTotal>>10 > processBoundMB {
		t.Errorf("the server and its workers reached %d MB, over %d MB", maxTotal>>10, processBoundMB)
	}
	if maxWorker == 0 {
		t.Error("no worker process was seen")
	}
}

// waitListening waits for serve to print its address.
func waitListening(t *testing.T, stderr *syncBuffer) string {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); ; {
		if m := listeningRE.FindStringSubmatch(stderr.String()); m != nil {
			return m[1]
		}
		if time.Now().After(deadline) {
			t.Fatalf("no address printed:\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// procKB reads a "Name: N kB" line of /proc/PID/status; 0 if the process
// is gone.
func procKB(pid int, name string) int64 {
	f, err := os.Open(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+":"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// childPIDs lists the children of pid, from every one of its threads.
func childPIDs(pid int) []int {
	tasks, _ := filepath.Glob(filepath.Join("/proc", strconv.Itoa(pid), "task", "*", "children"))
	var out []int
	for _, f := range tasks {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, s := range strings.Fields(string(data)) {
			if c, err := strconv.Atoi(s); err == nil {
				out = append(out, c)
			}
		}
	}
	return out
}

type bomb struct{ name, script string }

// readBombs reads sandbox/testdata/bombs.txt: a name, a tab, a script,
// one a line.
func readBombs(t *testing.T) []bomb {
	t.Helper()
	const path = "../../sandbox/testdata/bombs.txt"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var bombs []bomb
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		name, script, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("%s:%d: no tab between name and script", path, i+1)
		}
		bombs = append(bombs, bomb{name, script})
	}
	return bombs
}
