package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gijigraph/gijigraph"
	"github.com/gijigraph/gijigraph/extract"
	"github.com/gijigraph/gijigraph/graph"
	"github.com/gijigraph/gijigraph/server"
)

var serveCmd = &command{
	name:  "serve",
	args:  "[--db PATH | --backend postgres --dsn DSN] [--addr HOST:PORT] [--token T --writable]",
	short: "serve the graph over HTTP: the JSON API, graph formats, Gizmo and Cayley's API",
	run:   runServe,
}

// serveConfig is everything serve's flags say.
type serveConfig struct {
	store        storeFlags
	addr         string
	token        string
	writable     bool
	concepts     string
	gizmoTimeout time.Duration
	gizmoLimit   int
	gizmoConc    int
	gizmoMemory  int64
	corsOrigins  stringList
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string { return strings.Join(*l, ",") }

func (l *stringList) Set(v string) error {
	*l = append(*l, v)
	return nil
}

func runServe(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	var cfg serveConfig
	cfg.store.define(fs)
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "address to listen on (port 0 picks a free port)")
	fs.StringVar(&cfg.token, "token", "", "bearer token that write endpoints require (default $GIJIGRAPH_TOKEN); without one, writing is disabled")
	fs.BoolVar(&cfg.writable, "writable", false, "open the store for writing (POST /api/documents, Cayley's write API); needs a token, and holds the bolt database exclusively")
	fs.StringVar(&cfg.concepts, "concepts", "", "concept list `FILE` for building the seeds and for uploaded minutes (default: the built-in "+defaultConceptsPath+")")
	fs.DurationVar(&cfg.gizmoTimeout, "gizmo-timeout", server.DefaultGizmoTimeout, "time limit of one Gizmo query")
	fs.IntVar(&cfg.gizmoLimit, "gizmo-limit", server.DefaultGizmoLimit, fmt.Sprintf("results of a Gizmo query when it asks for no ?limit= (at most %d)", server.MaxGizmoLimit))
	fs.IntVar(&cfg.gizmoConc, "gizmo-concurrency", server.DefaultGizmoConcurrency, "Gizmo queries that may run at once; one more gets 429")
	fs.Int64Var(&cfg.gizmoMemory, "gizmo-memory", server.DefaultGizmoMemory>>20, "memory one Gizmo query may use, in MB, on top of the graph (its worker process is limited to it)")
	fs.Var(&cfg.corsOrigins, "cors-origin", "`ORIGIN` (https://host[:port]) of a front-end on another site that may call the API from a browser: CORS headers, preflight, and queries; repeatable (default $GIJIGRAPH_CORS_ORIGINS, separated by commas or spaces)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("serve: unexpected argument %q", fs.Arg(0))}
	}
	if len(cfg.corsOrigins) == 0 {
		cfg.corsOrigins = strings.FieldsFunc(e.getenv("GIJIGRAPH_CORS_ORIGINS"), func(r rune) bool { return r == ',' || r == ' ' })
	}
	if err := server.CheckOrigins(cfg.corsOrigins); err != nil {
		return &usageError{"serve: --cors-origin: " + err.Error()}
	}
	if cfg.token == "" {
		cfg.token = e.getenv("GIJIGRAPH_TOKEN")
	}
	if cfg.writable && cfg.token == "" {
		return &usageError{"serve: --writable needs --token or $GIJIGRAPH_TOKEN"}
	}
	gcfg, err := cfg.store.config(e)
	if err != nil {
		return err
	}
	concepts, err := loadConcepts(cfg.concepts)
	if err != nil {
		return err
	}
	store, err := openServeStore(ctx, e, gcfg, cfg)
	if err != nil {
		return err
	}
	defer store.Close()

	srv, err := server.New(ctx, server.Config{
		Store:            store,
		Writable:         cfg.writable,
		Token:            cfg.token,
		Ingest:           ingestFunc(concepts),
		GizmoTimeout:     cfg.gizmoTimeout,
		GizmoLimit:       cfg.gizmoLimit,
		GizmoConcurrency: cfg.gizmoConc,
		GizmoMemory:      cfg.gizmoMemory << 20,
		CORSOrigins:      cfg.corsOrigins,
		Logger:           e.log,
	})
	if err != nil {
		return err
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	mode := "read-only"
	if cfg.writable {
		mode = "writable"
	}
	fmt.Fprintf(e.stderr, "gijigraph: listening on http://%s (%s, %s)\n", ln.Addr(), cfg.store.where(), mode)
	return srv.Serve(ctx, ln)
}

// openServeStore opens the store to serve: read-only (a shared lock on
// bolt, so that query and repl can open it too) unless --writable. A bolt
// database that does not exist yet is first built from the seed minutes,
// as `gijigraph build` would, so that the first command of a fresh clone
// gives a working server.
func openServeStore(ctx context.Context, e *env, gcfg graph.Config, cfg serveConfig) (*graph.Store, error) {
	if gcfg.Backend == graph.Bolt {
		probe := gcfg
		probe.ReadOnly = true
		s, err := graph.Open(ctx, probe)
		switch {
		case err == nil:
			s.Close()
		case errors.Is(err, fs.ErrNotExist):
			if err := buildSeeds(ctx, e, cfg); err != nil {
				return nil, err
			}
		default:
			return nil, err
		}
	}
	gcfg.ReadOnly = !cfg.writable
	return graph.Open(ctx, gcfg)
}

// buildSeeds runs `gijigraph build` on the seed minutes: ./seeds if the
// working directory is a clone, else the copy built into the binary.
func buildSeeds(ctx context.Context, e *env, cfg serveConfig) error {
	dir := "seeds"
	if _, err := os.Stat(filepath.Join(dir, "concepts.yaml")); err != nil {
		tmp, err := os.MkdirTemp("", "gijigraph-seeds-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		if err := os.CopyFS(tmp, gijigraph.Seeds); err != nil {
			return fmt.Errorf("serve: copying the built-in seeds: %w", err)
		}
		dir = filepath.Join(tmp, "seeds")
	}
	fmt.Fprintf(e.stderr, "gijigraph: no database at %s: building the seed minutes (%s) into it\n", cfg.store.db, dir)
	args := []string{"--db", cfg.store.db, "--lock-timeout", cfg.store.lockTimeout.String()}
	if cfg.concepts != "" {
		args = append(args, "--concepts", cfg.concepts)
	}
	fs := flag.NewFlagSet("gijigraph build", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	// The summary line goes to stderr: serve's stdout stays empty.
	be := *e
	be.stdout = e.stderr
	return runBuild(ctx, &be, fs, append(args, dir))
}

// ingestFunc extracts uploaded minutes with the concept list and writes
// them, as build does for one file.
func ingestFunc(concepts *extract.Concepts) server.IngestFunc {
	list := graphConcepts(concepts)
	key := graph.BuildKey(list)
	return func(ctx context.Context, s *graph.Store, name string, data []byte, opt server.IngestOptions) (*server.Ingested, error) {
		docs, err := extractData(ctx, name, data, concepts, opt.Strict)
		if err == nil && len(docs) == 0 {
			err = &extract.Error{Path: name, Err: fmt.Errorf("%w: no meetings in the file", extract.ErrNotMinutes)}
		}
		if err != nil {
			var xe *extract.Error
			if errors.As(err, &xe) {
				return nil, fmt.Errorf("%w: %w", server.ErrInvalidArgument, err)
			}
			return nil, err
		}
		out := &server.Ingested{MeetingID: docs[0].Meeting.ID, Warnings: []string{}, Complete: true}
		statuses := map[string]bool{}
		for _, doc := range docs {
			res, err := s.WriteDocument(ctx, doc, key)
			if err != nil {
				return nil, err
			}
			statuses[res.Status.String()] = true
			out.Quads += res.Quads
			out.Added += res.Added
			out.Deleted += res.Deleted
			out.Complete = out.Complete && doc.Complete
			if len(docs) > 1 {
				out.Meetings = append(out.Meetings, doc.Meeting.ID)
			}
			for _, w := range doc.Warnings {
				out.Warnings = append(out.Warnings, fmt.Sprintf("%s:%d: %s: %s", name, w.Line, w.Kind, w.Message))
			}
		}
		// One status for the upload: the strongest change made.
		out.Status = "unchanged"
		for _, st := range []string{"added", "replaced"} {
			if statuses[st] {
				out.Status = st
			}
		}
		return out, nil
	}
}
