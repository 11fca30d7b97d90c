package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/gijigraph/gijigraph/graph"
)

var exportCmd = &command{
	name:  "export",
	args:  "[--db PATH | --backend postgres --dsn DSN] [--format nquads|jsonld|graphml] [-o FILE]",
	short: "write the whole graph in a standard format",
	run:   runExport,
}

func runExport(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	var sf storeFlags
	sf.define(fs)
	format := fs.String("format", "nquads", "output format: "+strings.Join(graph.ExportFormats, ", "))
	out := fs.String("o", "", "write to `FILE` instead of standard output")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{"export: takes no arguments"}
	}
	known := false
	for _, f := range graph.ExportFormats {
		known = known || f == *format
	}
	if !known {
		return &usageError{fmt.Sprintf("export: unknown format %q (%s)", *format, strings.Join(graph.ExportFormats, ", "))}
	}
	cfg, err := sf.config(e)
	if err != nil {
		return err
	}
	cfg.ReadOnly = true
	s, err := graph.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()

	if *out == "" {
		_, err := s.Export(ctx, e.stdout, *format)
		return err
	}
	// Write next to the target and rename, so that a failed export never
	// leaves a truncated file under the requested name.
	f, err := os.CreateTemp(filepath.Dir(*out), filepath.Base(*out)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	n, err := s.Export(ctx, f, *format)
	if err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), *out); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "exported %d quads to %s\n", n, *out)
	return nil
}
