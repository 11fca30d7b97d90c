// Package sandbox runs Gizmo queries in a pool of worker processes, so
// that a query cannot take more CPU time, memory or concurrency than the
// server gives it, whatever JavaScript it calls.
//
// Each worker is the running executable itself, started with
// WorkerEnv set: main (and every TestMain that starts a pool) calls
// MainIfWorker first. A worker opens the store read-only (Pool.Load says
// where: graph.Store.GizmoSource, the PostgreSQL database, the bolt file,
// or a snapshot of a bolt file open for writing; a memory store, which
// another process cannot open, is copied as N-Quads instead), limits its
// own address space to what it maps after opening plus the memory budget
// (RLIMIT_AS), and then answers one query at a time, one JSON line in,
// one out.
//
// The pool kills a worker's process group when its query passes the
// deadline or the client goes away, waits for it to exit, and only then
// gives its slot to the next query; a worker that runs out of memory
// dies of it and is replaced. docs/sandbox.md says why and what it costs.
package sandbox

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gijigraph/gijigraph/graph"
)

// Defaults of Config.
const (
	DefaultWorkers = 4
	DefaultMemory  = 256 << 20
	DefaultTimeout = 10 * time.Second
)

// Errors of Run.
var (
	// ErrTimeout: the query passed its deadline and was killed.
	ErrTimeout = errors.New("sandbox: the query ran out of time and was killed")
	// ErrMemory: the query went over the memory budget; its worker died.
	ErrMemory = errors.New("sandbox: the query went over its memory budget and was killed")
	// ErrClosed: the pool is closed.
	ErrClosed = errors.New("sandbox: the pool is closed")
	// ErrQuery: the query itself failed (a syntax or runtime error).
	ErrQuery = errors.New("gizmo")
)

// Config configures a Pool.
type Config struct {
	// Workers is how many queries may run at once (DefaultWorkers).
	Workers int
	// Memory is the memory a query may use on top of the graph, in bytes
	// (DefaultMemory).
	Memory int64
	// Timeout is the time a query may run once its worker has it
	// (DefaultTimeout); the worker is killed when it passes.
	Timeout time.Duration
	// Command is the worker executable; "" means this one
	// (os.Executable). It must call MainIfWorker first thing.
	Command string
	// Dir holds the graph copies: bolt snapshots ("" means the
	// database's directory) and N-Quads of memory stores ("" means
	// os.TempDir()).
	Dir string
}

// Pool is a set of worker processes. Its methods are safe for
// concurrent use.
type Pool struct {
	cfg   Config
	slots chan *slot

	mu     sync.RWMutex // guards src and gen; held for reading while a worker starts
	src    *source      // nil until Load
	gen    int
	closed bool
}

// slot is one place in the pool, with its worker if it has one.
type slot struct {
	w *worker
}

// New returns a pool with no graph; call Load before Run.
func New(cfg Config) (*Pool, error) {
	if cfg.Workers <= 0 {
		cfg.Workers = DefaultWorkers
	}
	if cfg.Memory <= 0 {
		cfg.Memory = DefaultMemory
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Command == "" {
		exe, err := os.Executable()
		if err != nil {
			return nil, fmt.Errorf("sandbox: %w", err)
		}
		cfg.Command = exe
	}
	p := &Pool{cfg: cfg, slots: make(chan *slot, cfg.Workers)}
	for range cfg.Workers {
		p.slots <- &slot{}
	}
	return p, nil
}

// Workers is the pool's size.
func (p *Pool) Workers() int { return p.cfg.Workers }

// Memory is the memory budget of one query.
func (p *Pool) Memory() int64 { return p.cfg.Memory }

// Load tells the workers where the graph is: s itself, read-only, if
// another process can open it (graph.Store.GizmoSource), else a copy of
// its quads. Queries after it see s as it is now: after a write, call it
// again. Idle workers on an older source are restarted when next used;
// workers on PostgreSQL or on a bolt database open read-only already see
// the store as it is, and are kept.
func (p *Pool) Load(ctx context.Context, s *graph.Store) error {
	gs, ok, err := s.GizmoSource(ctx, p.cfg.Dir)
	if err != nil {
		return fmt.Errorf("sandbox: %w", err)
	}
	src := &source{GizmoSource: gs}
	if !ok {
		if src.NQuads, err = p.dump(ctx, s); err != nil {
			return err
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		src.remove()
		return ErrClosed
	}
	if p.src != nil && !src.changes() && *p.src == *src {
		return nil
	}
	if p.src != nil {
		p.src.remove()
	}
	p.src, p.gen = src, p.gen+1
	return nil
}

// dump writes the quads of s to a temporary file, for a store no other
// process can open (memory).
func (p *Pool) dump(ctx context.Context, s *graph.Store) (string, error) {
	f, err := os.CreateTemp(p.cfg.Dir, "gijigraph-sandbox-*.nq")
	if err != nil {
		return "", fmt.Errorf("sandbox: %w", err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	_, err = s.Export(ctx, w, "nquads")
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("sandbox: copying the graph: %w", err)
	}
	return f.Name(), nil
}

// source is what a worker opens: a graph.GizmoSource, or N-Quads to load
// into a memory store.
type source struct {
	graph.GizmoSource
	NQuads string `json:"nquads,omitempty"`
}

// changes reports that the source is made for one state of the store
// (a copy), so that a new one replaces it even if it has the same name.
func (s *source) changes() bool { return s.NQuads != "" || s.Snapshot }

// remove removes the source's copy, if it has one. Workers that have it
// open keep it until they exit.
func (s *source) remove() {
	if s.NQuads != "" {
		os.Remove(s.NQuads)
	}
	graph.RemoveGizmoSource(s.GizmoSource)
}

// Close stops every worker (waiting for the queries running) and
// removes the graph copy.
func (p *Pool) Close() error {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil
	}
	p.closed = true
	if p.src != nil {
		p.src.remove()
	}
	p.mu.Unlock()
	for range p.cfg.Workers {
		sl := <-p.slots
		if sl.w != nil {
			sl.w.kill()
			sl.w = nil
		}
	}
	return nil
}

// Run runs script in a worker and returns at most limit results, and
// whether there were more. It waits for a free worker until ctx ends;
// callers bound how many queries wait (the server answers 429 past
// Workers). The query is killed when it passes Config.Timeout (Run then
// returns ErrTimeout) or ctx ends (ctx's error): Run returns once the
// kill is sent, and the worker's slot is free again only after the
// worker has exited, so that no more than Workers processes ever exist.
// A killed worker is replaced at once, in the background, so that the
// next query does not wait for the graph to load.
func (p *Pool) Run(ctx context.Context, script string, limit int) (results []any, truncated bool, err error) {
	return p.RunWith(ctx, script, graph.GizmoOptions{Limit: limit})
}

// RunWith is Run with the options of graph.Store.GizmoWith.
func (p *Pool) RunWith(ctx context.Context, script string, opt graph.GizmoOptions) (results []any, truncated bool, err error) {
	var sl *slot
	select {
	case sl = <-p.slots:
	case <-ctx.Done():
		return nil, false, ctx.Err()
	}
	var dead *worker // killed, perhaps not yet exited
	defer func() {
		if sl.w != nil {
			p.slots <- sl
			return
		}
		// The slot is free once the killed worker has exited. A new
		// worker for it at once: the next query here does not wait for
		// the graph to load, and none takes the slot before.
		go func() {
			if dead != nil {
				dead.kill()
			}
			p.ready(sl) // an error here is met again by the next query
			p.slots <- sl
		}()
	}()
	if err := p.ready(sl); err != nil {
		return nil, false, err
	}
	qctx, cancel := context.WithTimeout(ctx, p.cfg.Timeout)
	defer cancel()
	res, err := sl.w.run(qctx, request{Script: script, Limit: opt.Limit, Verbatim: opt.Verbatim, JSONLD: opt.JSONLD, Deadline: deadlineOf(qctx)})
	if err != nil {
		// The worker is dead, or killed and exiting.
		dead, sl.w = sl.w, nil
		if ctx.Err() != nil {
			return nil, false, ctx.Err()
		}
		if qctx.Err() != nil {
			return nil, false, ErrTimeout
		}
		return nil, false, err
	}
	if res.Error != "" {
		if res.Timeout {
			// The worker gave up waiting, but the script may still be
			// running inside a JavaScript built-in, allocating: a worker
			// kept would fail the next query with its memory.
			killGroup(sl.w.cmd.Process.Pid)
			dead, sl.w = sl.w, nil
			return nil, false, ErrTimeout
		}
		return nil, false, fmt.Errorf("%w: %s", ErrQuery, res.Error)
	}
	if res.Result == nil {
		res.Result = []any{}
	}
	return res.Result, res.Truncated, nil
}

func deadlineOf(ctx context.Context) time.Time {
	d, _ := ctx.Deadline()
	return d
}

// ready makes sure sl has a live worker on the current source.
func (p *Pool) ready(sl *slot) error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.closed {
		return ErrClosed
	}
	if p.src == nil {
		return errors.New("sandbox: no graph loaded")
	}
	if sl.w != nil && sl.w.gen == p.gen {
		return nil
	}
	if sl.w != nil {
		sl.w.kill()
		sl.w = nil
	}
	w, err := p.start(p.src, p.gen)
	if err != nil {
		return err
	}
	sl.w = w
	return nil
}

// worker is one running worker process.
type worker struct {
	cmd    *exec.Cmd
	gen    int
	in     io.WriteCloser
	out    *bufio.Reader
	stderr *tailBuffer
	done   chan struct{} // closed when the process has exited
}

func (p *Pool) start(src *source, gen int) (*worker, error) {
	data, err := json.Marshal(src)
	if err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	cmd := exec.Command(p.cfg.Command)
	cmd.Env = append(os.Environ(), WorkerEnv+"="+string(data), memoryEnv+"="+strconv.FormatInt(p.cfg.Memory, 10))
	cmd.SysProcAttr = sysProcAttr()
	w := &worker{cmd: cmd, gen: gen, stderr: &tailBuffer{max: 4096}, done: make(chan struct{})}
	cmd.Stderr = w.stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("sandbox: starting a worker: %w", err)
	}
	w.in, w.out = in, bufio.NewReaderSize(out, 1<<16)
	go func() {
		cmd.Wait()
		close(w.done)
	}()
	// The worker says "ready" once it has opened the graph.
	line, err := w.out.ReadBytes('\n')
	if err != nil || strings.TrimSpace(string(line)) != readyLine {
		w.kill()
		return nil, fmt.Errorf("sandbox: a worker failed to start: %q %s", line, w.stderr.String())
	}
	return w, nil
}

// kill kills the worker's process group and waits for it to exit.
func (w *worker) kill() {
	killGroup(w.cmd.Process.Pid)
	w.in.Close()
	<-w.done
}

// run sends one request and reads the answer, killing the worker if ctx
// ends first. An error means the worker is gone.
func (w *worker) run(ctx context.Context, req request) (*response, error) {
	data, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	type answer struct {
		res *response
		err error
	}
	ch := make(chan answer, 1)
	go func() {
		if _, err := w.in.Write(append(data, '\n')); err != nil {
			ch <- answer{nil, err}
			return
		}
		line, err := w.out.ReadBytes('\n')
		if err != nil {
			ch <- answer{nil, err}
			return
		}
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.UseNumber() // keep integers as they are
		var res response
		if err := dec.Decode(&res); err != nil {
			ch <- answer{nil, err}
			return
		}
		ch <- answer{&res, nil}
	}()
	select {
	case a := <-ch:
		if a.err == nil {
			return a.res, nil
		}
		// It is dying (of memory, most likely): wait for its last words
		// on stderr, but not past the deadline.
		killGroup(w.cmd.Process.Pid)
		select {
		case <-w.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if strings.Contains(w.stderr.String(), "out of memory") {
			return nil, ErrMemory
		}
		return nil, fmt.Errorf("sandbox: the worker died: %s", lastLine(w.stderr.String()))
	case <-ctx.Done():
		// Killed, not waited for: the caller answers at once, and frees
		// the worker's slot only once it has exited.
		killGroup(w.cmd.Process.Pid)
		return nil, ctx.Err()
	}
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "fatal error:") || strings.HasPrefix(l, "runtime:") {
			return l
		}
	}
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// tailBuffer keeps the first max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
	max int
}

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := b.max - len(b.buf); room > 0 {
		b.buf = append(b.buf, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

func (b *tailBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}

// request and response are the lines between the pool and a worker.
type request struct {
	Script   string    `json:"script"`
	Limit    int       `json:"limit"`
	Verbatim bool      `json:"verbatim,omitempty"`
	JSONLD   bool      `json:"jsonld,omitempty"`
	Deadline time.Time `json:"deadline"`
}

type response struct {
	Result    []any  `json:"result"`
	Truncated bool   `json:"truncated,omitempty"`
	Error     string `json:"error,omitempty"`
	Timeout   bool   `json:"timeout,omitempty"`
}
