package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/gijigraph/gijigraph/graph"
)

var importCmd = &command{
	name:  "import",
	args:  "[--db PATH | --backend postgres --dsn DSN] FILE.nq...",
	short: "load N-Quads files (- for standard input) into the graph",
	run:   runImport,
}

func runImport(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	var sf storeFlags
	sf.define(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return &usageError{"import: no N-Quads files given"}
	}
	cfg, err := sf.config(e)
	if err != nil {
		return err
	}
	start := time.Now()
	total := 0
	err = graph.Update(ctx, cfg, func(s *graph.Store) error {
		for _, path := range fs.Args() {
			n, err := importFile(ctx, s, e.stdin, path)
			if err != nil {
				return err
			}
			total += n
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "imported %d quads into %s, %.1f s\n", total, sf.where(), time.Since(start).Seconds())
	return nil
}

func importFile(ctx context.Context, s *graph.Store, stdin io.Reader, path string) (int, error) {
	r := stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		r = f
	}
	n, err := s.Import(ctx, r)
	if err != nil {
		return n, fmt.Errorf("%s: %w", path, err)
	}
	return n, nil
}
