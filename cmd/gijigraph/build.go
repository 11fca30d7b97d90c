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
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/gijigraph/gijigraph/extract"
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
	list := graphConcepts(concepts)
	key := graph.BuildKey(list)

	start := time.Now()
	st := buildStats{files: len(paths)}
	err = graph.Update(ctx, cfg, func(s *graph.Store) error {
		// Read and extract every file before writing anything, so that a
		// bad file fails the build with the store untouched, on every
		// backend.
		var docs []*extract.Document
		seen := map[string]string{} // meeting id → path
		bar := newBar(e.stderr, len(paths), "extracting")
		for _, path := range paths {
			if err := ctx.Err(); err != nil {
				return err
			}
			doc, unchanged, err := buildExtract(ctx, s, path, concepts, key)
			if err != nil {
				return err
			}
			if unchanged {
				st.unchanged++
			} else {
				if prev, ok := seen[doc.Meeting.ID]; ok {
					bar.Clear()
					fmt.Fprintf(e.stderr, "%s: warning: the same meeting as %s (%s); the later file wins\n", path, prev, doc.Meeting.ID)
					st.warnings++
				}
				seen[doc.Meeting.ID] = path
				docs = append(docs, doc)
			}
			bar.Add(1)
		}
		bar.Finish()

		res, err := s.WriteConcepts(ctx, list)
		if err != nil {
			return err
		}
		st.conceptsStatus = res.Status
		bar = newBar(e.stderr, len(docs), "writing")
		for _, doc := range docs {
			if err := ctx.Err(); err != nil {
				return err
			}
			for _, w := range doc.Warnings {
				bar.Clear()
				fmt.Fprintf(e.stderr, "%s:%d: warning: %s: %s\n", doc.Source.Path, w.Line, w.Kind, w.Message)
			}
			st.warnings += len(doc.Warnings)
			res, err := s.WriteDocument(ctx, doc, key)
			if err != nil {
				return err
			}
			switch res.Status {
			case graph.Added:
				st.added++
			case graph.Replaced:
				st.replaced++
			default:
				st.unchanged++
			}
			bar.Add(1)
		}
		bar.Finish()
		stats, err := s.Stats(ctx)
		if err != nil {
			return err
		}
		st.quads = int(stats.Quads)
		return nil
	})
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return fmt.Errorf("build: interrupted; %s is unchanged", sf.where())
		}
		return err
	}
	fmt.Fprintf(e.stdout, "built %s: %d documents (%d added, %d replaced, %d unchanged), concepts %s, %d quads, %d warnings, %.1f s\n",
		sf.where(), st.files, st.added, st.replaced, st.unchanged, st.conceptsStatus, st.quads, st.warnings, time.Since(start).Seconds())
	return nil
}

// buildExtract reads one minutes file. If the store already holds it,
// built the same way, it reports unchanged without parsing it; otherwise
// it extracts the document and its concept mentions.
func buildExtract(ctx context.Context, s *graph.Store, path string, concepts *extract.Concepts, key string) (*extract.Document, bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, false, err
	}
	sum := sha256.Sum256(data)
	if same, err := s.Unchanged(ctx, path, hex.EncodeToString(sum[:]), key); err != nil {
		return nil, false, err
	} else if same {
		return nil, true, nil
	}
	// TODO(lead): use the CLI's shared extraction helper (extractPaths in
	// extract.go) once it exists. Until then: extract.Parse, then the
	// concept annotation step, concepts.Annotate.
	doc, err := extract.Parse(path, data)
	if err != nil {
		return nil, false, err
	}
	concepts.Annotate(doc)
	return doc, false, nil
}

// graphConcepts converts the loaded concept list to the graph's form.
func graphConcepts(c *extract.Concepts) []graph.Concept {
	var out []graph.Concept
	for _, k := range c.List() {
		out = append(out, graph.Concept{
			ID: k.ID, Type: k.Type, Ja: k.Ja, En: k.En,
			Aliases: k.Aliases, Broader: k.Broader, Note: k.Note,
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
