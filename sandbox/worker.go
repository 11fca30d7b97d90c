package sandbox

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"

	"github.com/gijigraph/gijigraph/graph"
)

// WorkerEnv says what a worker opens (JSON: a graph.GizmoSource, or
// {"nquads": FILE} to load into a memory store); its presence makes a
// process a worker.
const WorkerEnv = "GIJIGRAPH_SANDBOX_WORKER"

const (
	memoryEnv = "GIJIGRAPH_SANDBOX_MEMORY"
	readyLine = "ready"
)

// MainIfWorker runs the worker and exits if this process was started
// as one; otherwise it returns at once. Call it first in main (and in
// TestMain of packages whose tests start a pool).
func MainIfWorker() {
	env := os.Getenv(WorkerEnv)
	if env == "" {
		return
	}
	var src source
	if err := json.Unmarshal([]byte(env), &src); err != nil {
		fmt.Fprintf(os.Stderr, "gijigraph sandbox worker: bad %s: %v\n", WorkerEnv, err)
		os.Exit(1)
	}
	budget, _ := strconv.ParseInt(os.Getenv(memoryEnv), 10, 64)
	if budget <= 0 {
		budget = DefaultMemory
	}
	if err := work(src, budget, os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gijigraph sandbox worker:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// work opens the graph, limits the process's memory and answers queries
// until in ends.
func work(src source, budget int64, in io.Reader, out io.Writer) error {
	s, err := open(src)
	if err != nil {
		return err
	}
	defer s.Close()
	runtime.GC()
	// Deep recursion fails in the stack's own budget, not the heap's.
	debug.SetMaxStack(int(min(budget/4, 64<<20)))
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	// The collector works hard before the hard limit is reached, so that
	// an honest query that makes garbage is not killed for it.
	debug.SetMemoryLimit(int64(ms.Sys) + budget*3/4)
	if err := limitMemory(budget); err != nil {
		return err
	}
	bw := bufio.NewWriter(out)
	if _, err := fmt.Fprintln(bw, readyLine); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<16), 16<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for sc.Scan() {
		var req request
		var res response
		if err := json.Unmarshal(sc.Bytes(), &req); err != nil {
			res.Error = "bad request: " + err.Error()
		} else {
			res = answer(s, req)
		}
		if err := enc.Encode(res); err != nil {
			// A result that cannot be encoded is the query's fault.
			if err := enc.Encode(response{Error: "encoding the result: " + err.Error()}); err != nil {
				return err
			}
		}
		if err := bw.Flush(); err != nil {
			return err
		}
	}
	return sc.Err()
}

// open opens the store src names, read-only: the store itself, or a
// memory store loaded with its N-Quads. Bolt maps the file: the mapping
// is part of the address space limitMemory measures, so the budget is on
// top of it.
func open(src source) (*graph.Store, error) {
	ctx := context.Background()
	if src.NQuads == "" {
		return graph.OpenGizmo(ctx, src.GizmoSource)
	}
	s, err := graph.Open(ctx, graph.Config{Backend: graph.Memory})
	if err != nil {
		return nil, err
	}
	f, err := os.Open(src.NQuads)
	if err != nil {
		s.Close()
		return nil, err
	}
	_, err = s.Import(ctx, bufio.NewReaderSize(f, 1<<20))
	f.Close()
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func answer(s *graph.Store, req request) response {
	ctx := context.Background()
	if !req.Deadline.IsZero() {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, req.Deadline)
		defer cancel()
	}
	res, truncated, err := s.GizmoWith(ctx, req.Script, graph.GizmoOptions{Limit: req.Limit, Verbatim: req.Verbatim, JSONLD: req.JSONLD})
	if err != nil {
		return response{Error: err.Error(), Timeout: errors.Is(err, context.DeadlineExceeded)}
	}
	return response{Result: res, Truncated: truncated}
}
