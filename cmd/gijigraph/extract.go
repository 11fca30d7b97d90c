package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/gijigraph/gijigraph/extract"
	"github.com/gijigraph/gijigraph/extract/source"
)

var extractCmd = &command{
	name:  "extract",
	args:  "[--format json|summary] [--strict] FILE|DIR...",
	short: "print the document model of each minutes file",
	run:   runExtract,
}

func runExtract(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	format := fs.String("format", "json", "output format: json (the document model) or summary (one line per file)")
	conceptsPath := fs.String("concepts", "", "concept list `FILE` (default: the built-in "+defaultConceptsPath+")")
	strict := fs.Bool("strict", false, "treat every warning (e.g. minutes that end mid-sentence) as an error")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return &usageError{"extract: no files given"}
	}
	if *format != "json" && *format != "summary" {
		return &usageError{fmt.Sprintf("extract: unknown format %q", *format)}
	}
	paths, err := expandPaths(fs.Args())
	if err != nil {
		return err
	}
	concepts, err := loadConcepts(*conceptsPath)
	if err != nil {
		return err
	}
	var failed []error
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	for _, path := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		docs, err := extractFile(ctx, path, concepts, *strict)
		if err != nil {
			fmt.Fprintln(e.stderr, err)
			failed = append(failed, err)
			continue
		}
		for _, doc := range docs {
			for _, w := range doc.Warnings {
				fmt.Fprintf(e.stderr, "%s:%d: warning: %s: %s\n", path, w.Line, w.Kind, w.Message)
			}
			switch *format {
			case "json":
				if err := enc.Encode(doc); err != nil {
					return err
				}
			case "summary":
				m := doc.Meeting
				fmt.Fprintf(e.stdout, "%s\t%s\t%s\t%d attendees\t%d agenda items\t%d speeches\t%d warnings\n",
					doc.Source.Path, m.ID, m.Date, len(doc.Attendees), len(doc.Agenda), len(doc.Speeches), len(doc.Warnings))
			}
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d of %d files failed", len(failed), len(paths))
	}
	return nil
}

// extractFile reads and extracts one minutes file in any format
// source.Read knows, every meeting in it. See extractData.
func extractFile(ctx context.Context, path string, concepts *extract.Concepts, strict bool) ([]*extract.Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return extractData(ctx, path, data, concepts, strict)
}

// extractData extracts the minutes in data (a file called path),
// annotating its documents with the concepts they mention when concepts
// is not nil. A Diet API response, or a text file of minutes concatenated,
// may hold many meetings. With strict, a warning is an error.
//
// A panic in the extractor is a bug, but it must not take the command or
// the server down: it becomes an error that names the file.
func extractData(ctx context.Context, path string, data []byte, concepts *extract.Concepts, strict bool) (docs []*extract.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			docs, err = nil, fmt.Errorf("extract: %s: internal error (a bug in gijigraph; please report it with the file): %v", path, r)
		}
	}()
	docs, err = source.Read(ctx, path, data)
	if err != nil {
		return nil, err
	}
	for _, doc := range docs {
		if strict {
			if err := extract.Strict(doc); err != nil {
				return nil, err
			}
		}
		if concepts != nil {
			concepts.Annotate(doc)
		}
	}
	return docs, nil
}

// minutesExt are the file name endings of the formats a directory is
// searched for.
var minutesExt = []string{".txt", ".pdf", ".html", ".htm", ".json", ".xml"}

// expandPaths expands directories into the minutes files below them
// (those named with one of minutesExt), in
// lexical order. Files named explicitly are kept whatever their name.
func expandPaths(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && slices.Contains(minutesExt, strings.ToLower(filepath.Ext(d.Name()))) {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, errors.New(a + ": no minutes files (.txt, .pdf, .html, .json, .xml) in directory")
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}
