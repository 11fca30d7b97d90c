package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/gijigraph/gijigraph/extract"
	"github.com/gijigraph/gijigraph/extract/source"
	"github.com/gijigraph/gijigraph/graph"
)

var buildCmd = &command{
	name:  "build",
	args:  "[--db PATH | --backend postgres --dsn DSN] [--concepts FILE] FILE|DIR...",
	short: "extract minutes and store them in the graph database",
	run:   runBuild,
}

// defaultDB is the bolt database the commands use when --db is not given.
const defaultDB = "gijigraph.db"

// storeFlags defines the flags that say which store to open, shared by
// build, export and import.
type storeFlags struct {
	db, backend, dsn string
	lockTimeout      time.Duration
}

func (f *storeFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&f.db, "db", defaultDB, "bolt database `PATH` (a directory, as for cayley -a)")
	fs.StringVar(&f.backend, "backend", graph.Bolt, "store backend: bolt or postgres")
	fs.StringVar(&f.dsn, "dsn", "", "PostgreSQL connection string, for --backend postgres (default $GIJIGRAPH_DSN)")
	fs.DurationVar(&f.lockTimeout, "lock-timeout", graph.DefaultLockTimeout, "how long to wait for a bolt database another process has open")
}

// config turns the flags into a graph.Config.
func (f *storeFlags) config(e *env) (graph.Config, error) {
	switch f.backend {
	case graph.Bolt:
		if f.dsn != "" {
			return graph.Config{}, &usageError{"--dsn needs --backend postgres"}
		}
		return graph.Config{Backend: graph.Bolt, Path: f.db, LockTimeout: f.lockTimeout}, nil
	case graph.Postgres:
		dsn := f.dsn
		if dsn == "" {
			dsn = e.getenv("GIJIGRAPH_DSN")
		}
		if dsn == "" {
			return graph.Config{}, &usageError{"--backend postgres needs --dsn or $GIJIGRAPH_DSN"}
		}
		return graph.Config{Backend: graph.Postgres, DSN: dsn}, nil
	}
	return graph.Config{}, &usageError{fmt.Sprintf("unknown backend %q (bolt or postgres)", f.backend)}
}

// where names the store for messages.
func (f *storeFlags) where() string {
	if f.backend == graph.Postgres {
		return "postgres"
	}
	return f.db
}

// buildStats are what a build did, for its summary line.
type buildStats struct {
	files                      int
	added, replaced, unchanged int
	quads, warnings            int
	conceptsStatus             graph.Status
}

func runBuild(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	var sf storeFlags
	sf.define(fs)
	conceptsPath := fs.String("concepts", "", "concept list `FILE` (default: the built-in "+defaultConceptsPath+")")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "number of files extracted in parallel")
	strict := fs.Bool("strict", false, "treat every warning (e.g. minutes that end mid-sentence) as an error")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return &usageError{"build: no minutes files given"}
	}
	cfg, err := sf.config(e)
	if err != nil {
		return err
	}
	paths, err := expandPaths(fs.Args())
	if err != nil {
		return err
	}
	concepts, err := loadConcepts(*conceptsPath)
	if err != nil {
		return err
	}
	b := &builder{
		e: e, concepts: concepts, list: graphConcepts(concepts),
		workers: max(*workers, 1), strict: *strict,
		st: buildStats{files: len(paths)},
	}
	b.key = graph.BuildKey(b.list)

	start := time.Now()
	err = graph.Update(ctx, cfg, func(s *graph.Store) error { return b.build(ctx, s, paths) })
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return fmt.Errorf("build: interrupted; %s is unchanged", sf.where())
		}
		return err
	}
	st := b.st
	fmt.Fprintf(e.stdout, "built %s: %d documents (%d added, %d replaced, %d unchanged), concepts %s, %d quads, %d warnings, %.1f s\n",
		sf.where(), st.files, st.added, st.replaced, st.unchanged, st.conceptsStatus, st.quads, st.warnings, time.Since(start).Seconds())
	return nil
}

// builder is one run of gijigraph build.
type builder struct {
	e        *env
	concepts *extract.Concepts
	list     []graph.Concept
	key      string // graph.BuildKey of list
	workers  int
	strict   bool
	st       buildStats
}

// extracted is one minutes file, extracted and mapped to quads.
type extracted struct {
	path     string
	meeting  string
	warnings []extract.Warning
	doc      *graph.Prepared
	err      error
	// api: from a Diet API response, where a meeting given again in
	// another page is the same record, not a conflict.
	api bool
}

// build writes the minutes at paths to s.
//
// First it finds the files the store already holds, built the same way,
// which it need not even parse (reading and hashing every file, on all
// cores). Then it extracts the others on all cores, maps each to its
// quads, and writes them in the order of paths. A bad file fails the build
// with the extractor's error and the store unchanged: on bolt the whole
// build is one atomic unit (graph.Update), so documents are written as
// soon as they are extracted, while the workers extract the next ones; on
// PostgreSQL, where each document is a transaction of its own, every file
// is extracted before anything is written.
func (b *builder) build(ctx context.Context, s *graph.Store, paths []string) error {
	// Diet API responses are read together, after the other files: the
	// pages of one search may split a meeting between them.
	paths, api, err := splitAPI(paths)
	if err != nil {
		return err
	}
	changed, err := b.changed(ctx, s, paths)
	if err != nil {
		return err
	}
	b.st.unchanged += len(paths) - len(changed)

	stream := s.Backend() == graph.Bolt
	if stream {
		if err := b.writeConcepts(ctx, s); err != nil {
			return err
		}
	}
	l := s.NewLoader()
	seen := map[string]string{} // meeting id → path
	what := "building"
	if !stream {
		what = "extracting"
	}
	bar := newBar(b.e.stderr, len(changed), what)
	write := func(x extracted) error {
		if prev, ok := seen[x.meeting]; ok && !x.api {
			bar.Clear()
			fmt.Fprintf(b.e.stderr, "%s: warning: the same meeting as %s (%s); the later file wins\n", x.path, prev, x.meeting)
			b.st.warnings++
		}
		seen[x.meeting] = x.path
		for _, w := range x.warnings {
			bar.Clear()
			fmt.Fprintf(b.e.stderr, "%s:%d: warning: %s: %s\n", x.path, w.Line, w.Kind, w.Message)
		}
		b.st.warnings += len(x.warnings)
		res, err := l.Write(ctx, x.doc)
		if err != nil {
			return err
		}
		switch res.Status {
		case graph.Added:
			b.st.added++
		case graph.Replaced:
			b.st.replaced++
		default:
			b.st.unchanged++
		}
		bar.Add(1)
		return nil
	}

	var all []extracted // when not streaming
	extractOne := func(path string) []extracted { return b.extract(ctx, path) }
	err = inOrder(ctx, b.workers, changed, extractOne, func(xs []extracted) error {
		for _, x := range xs {
			if x.err != nil {
				return x.err
			}
			if stream {
				if err := write(x); err != nil {
					return err
				}
				continue
			}
			all = append(all, x)
		}
		if !stream {
			bar.Add(1)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if !stream {
		bar.Finish()
		if err := b.writeConcepts(ctx, s); err != nil {
			return err
		}
		bar = newBar(b.e.stderr, len(all), "writing")
		for i, x := range all {
			if err := write(x); err != nil {
				return err
			}
			all[i] = extracted{}
		}
	}
	if len(api) > 0 {
		xs, err := b.extractAPI(ctx, api)
		if err != nil {
			return err
		}
		for _, x := range xs {
			if err := write(x); err != nil {
				return err
			}
		}
	}
	if err := l.Flush(ctx); err != nil {
		return err
	}
	bar.Finish()
	stats, err := s.Stats(ctx)
	if err != nil {
		return err
	}
	b.st.quads = int(stats.Quads)
	return nil
}

func (b *builder) writeConcepts(ctx context.Context, s *graph.Store) error {
	res, err := s.WriteConcepts(ctx, b.list)
	if err != nil {
		return err
	}
	b.st.conceptsStatus = res.Status
	return nil
}

// changed returns the paths whose files the store does not hold as they
// are, built with b.key: those are the files to extract. It reads and
// hashes the files on all cores; the first error, in the order of paths,
// fails the build.
func (b *builder) changed(ctx context.Context, s *graph.Store, paths []string) ([]string, error) {
	type check struct {
		path string
		same bool
		err  error
	}
	var out []string
	err := inOrder(ctx, b.workers, paths, func(path string) check {
		data, err := os.ReadFile(path)
		if err != nil {
			return check{err: err}
		}
		sum := sha256.Sum256(data)
		same, err := s.Unchanged(ctx, path, hex.EncodeToString(sum[:]), b.key)
		return check{path, same, err}
	}, func(c check) error {
		if c.err == nil && !c.same {
			out = append(out, c.path)
		}
		return c.err
	})
	return out, err
}

// extract reads, extracts and maps one minutes file: one document, or
// one per meeting of a Diet API response.
func (b *builder) extract(ctx context.Context, path string) []extracted {
	docs, err := extractFile(ctx, path, b.concepts, b.strict)
	if err != nil {
		return []extracted{{path: path, err: err}}
	}
	out := make([]extracted, 0, len(docs))
	for _, doc := range docs {
		p, err := graph.Prepare(doc, b.key)
		if err != nil {
			return []extracted{{path: path, err: err}}
		}
		out = append(out, extracted{path: path, meeting: doc.Meeting.ID, warnings: doc.Warnings, doc: p, api: strings.HasPrefix(doc.Source.Format, "kokkai")})
	}
	return out
}

// splitAPI separates the Diet API responses among paths from the other
// files.
func splitAPI(paths []string) (other, api []string, err error) {
	for _, p := range paths {
		ok, err := source.IsAPI(p)
		if err != nil {
			return nil, nil, err
		}
		if ok {
			api = append(api, p)
		} else {
			other = append(other, p)
		}
	}
	return other, api, nil
}

// extractAPI reads the Diet API responses at paths together and maps
// each meeting to quads.
func (b *builder) extractAPI(ctx context.Context, paths []string) ([]extracted, error) {
	var c source.Collector
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		if err := c.Add(p, data); err != nil {
			return nil, err
		}
	}
	docs, err := c.Documents()
	if err != nil {
		return nil, err
	}
	b.st.files += len(docs) - len(paths)
	var out []extracted
	for _, doc := range docs {
		if b.strict {
			if err := extract.Strict(doc); err != nil {
				return nil, err
			}
		}
		b.concepts.Annotate(doc)
		p, err := graph.Prepare(doc, b.key)
		if err != nil {
			return nil, err
		}
		out = append(out, extracted{path: doc.Source.Path, meeting: doc.Meeting.ID, warnings: doc.Warnings, doc: p, api: true})
	}
	return out, nil
}

// inOrder calls fn on every item, on n goroutines, and emit with each
// result in the order of items, as soon as it and those before it are
// ready. At most 2n results are computed ahead of emit, so a long list
// does not pile up in memory. It stops at the first error emit returns,
// or when ctx ends, and returns after every goroutine has stopped.
func inOrder[T, R any](ctx context.Context, n int, items []T, fn func(T) R, emit func(R) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type job struct {
		item T
		out  chan R
	}
	jobs := make(chan job)
	queue := make(chan chan R, 2*n) // results in the order of items
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel() // before wg.Wait: stop the goroutines on an early return
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(jobs)
		defer close(queue)
		for _, it := range items {
			out := make(chan R, 1)
			select {
			case queue <- out:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{it, out}:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if ctx.Err() != nil {
					return
				}
				j.out <- fn(j.item)
			}
		}()
	}
	for out := range queue {
		var r R
		select {
		case r = <-out:
		case <-ctx.Done():
			return ctx.Err()
		}
		if err := emit(r); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// graphConcepts converts the loaded concept list to the graph's form.
func graphConcepts(c *extract.Concepts) []graph.Concept {
	var out []graph.Concept
	for _, k := range c.List() {
		out = append(out, graph.Concept{
			ID: k.ID, Type: k.Type, Ja: k.Ja, En: k.En,
			Aliases: k.Aliases, Broader: k.Broader, Related: k.Related, Note: k.Note,
		})
	}
	return out
}

// bar is the part of a progress bar a build uses.
type bar interface {
	Add(int) error
	Clear() error
	Finish() error
}

// newBar returns a progress bar on w when w is a terminal, and one that
// shows nothing otherwise.
func newBar(w io.Writer, n int, what string) bar {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) || n == 0 {
		return nopBar{}
	}
	return progressbar.NewOptions(n,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100*time.Millisecond),
	)
}

type nopBar struct{}

func (nopBar) Add(int) error { return nil }
func (nopBar) Clear() error  { return nil }
func (nopBar) Finish() error { return nil }
