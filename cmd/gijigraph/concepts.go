package main

import (
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/gijigraph/gijigraph"
	"github.com/gijigraph/gijigraph/extract"
	"github.com/gijigraph/gijigraph/extract/source"
)

var conceptsCmd = &command{
	name:  "concepts",
	args:  "candidates|list|check [flags] FILE...",
	short: "list or check the concept list, or discover candidate concepts in minutes",
	run:   runConcepts,
}

// defaultConceptsPath names the concept list built into the binary, used
// when --concepts is not given.
const defaultConceptsPath = "seeds/concepts.yaml"

// loadConcepts loads the concept list at path, or the built-in list.
func loadConcepts(path string) (*extract.Concepts, error) {
	if path == "" {
		data, err := gijigraph.Seeds.ReadFile(defaultConceptsPath)
		if err != nil {
			return nil, err
		}
		return extract.ParseConcepts("(built-in) "+defaultConceptsPath, data)
	}
	return extract.LoadConcepts(path)
}

const conceptsUsage = `subcommands:
  candidates [--concepts FILE] [--min N] [--format text|json] MINUTES...
        terms the concept list does not have, ranked by documents and count
  list [--concepts FILE] [--format text|json]
        the concepts in the list: id, type, ja, en
  check [FILE]
        validate a concept list (default: the --concepts list)
`

func runConcepts(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	usage := fs.Usage
	fs.Usage = func() {
		usage()
		fmt.Fprint(fs.Output(), "\n"+conceptsUsage)
	}
	conceptsPath := fs.String("concepts", "", "concept list `FILE` (default: the built-in "+defaultConceptsPath+")")
	format := fs.String("format", "text", "output format: text or json")
	min := fs.Int("min", 1, "candidates: report those with at least `N` occurrences")
	if len(args) == 0 {
		fs.Usage()
		return &usageError{"concepts: no subcommand given (candidates, list or check)"}
	}
	sub, args := args[0], args[1:]
	switch sub {
	case "candidates", "list", "check":
	case "-h", "-help", "--help", "help":
		fs.Usage()
		return flag.ErrHelp
	default:
		fs.Usage()
		return &usageError{fmt.Sprintf("concepts: unknown subcommand %q (candidates, list or check)", sub)}
	}
	files, err := conceptsParseFlags(fs, args)
	if err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return &usageError{fmt.Sprintf("concepts: unknown format %q", *format)}
	}
	switch sub {
	case "check":
		return conceptsCheck(e, *conceptsPath, files)
	case "list":
		if len(files) > 0 {
			return &usageError{"concepts list: takes no files"}
		}
		c, err := loadConcepts(*conceptsPath)
		if err != nil {
			return err
		}
		return conceptsList(e.stdout, c, *format)
	}
	if len(files) == 0 {
		fs.Usage()
		return &usageError{"concepts candidates: no minutes files given"}
	}
	c, err := loadConcepts(*conceptsPath)
	if err != nil {
		return err
	}
	var docs []*extract.Document
	for _, path := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		ds, err := source.Read(ctx, path, data)
		if err != nil {
			return err
		}
		docs = append(docs, ds...)
	}
	var cands []extract.Candidate
	for _, cd := range extract.Discover(docs, c) {
		if cd.Count >= *min {
			cands = append(cands, cd)
		}
	}
	return printCandidates(e.stdout, cands, *format)
}

// conceptsParseFlags parses flags that may stand before, between or after
// the file arguments, and returns the files.
func conceptsParseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return files, nil
		}
		if args[0] == "--" {
			return append(files, args[1:]...), nil
		}
		files = append(files, args[0])
		args = args[1:]
	}
}

func conceptsCheck(e *env, path string, files []string) error {
	switch {
	case len(files) > 1:
		return &usageError{"concepts check: one concept list at a time"}
	case len(files) == 1:
		path = files[0]
	}
	c, err := loadConcepts(path)
	if err != nil {
		return err
	}
	aliases, implicit := 0, 0
	types := map[string]int{}
	for _, k := range c.List() {
		aliases += len(k.Aliases)
		implicit += len(k.Implicit)
		types[k.Type]++
	}
	var byType []string
	for _, t := range extract.ConceptTypes {
		if types[t] > 0 {
			byType = append(byType, fmt.Sprintf("%s %d", t, types[t]))
		}
	}
	fmt.Fprintf(e.stdout, "%s: ok: %d concepts (%s), %d aliases besides labels, %d implicit phrases\n",
		cmp.Or(path, "(built-in) "+defaultConceptsPath), c.Len(), strings.Join(byType, ", "), aliases, implicit)
	return nil
}

func conceptsList(w io.Writer, c *extract.Concepts, format string) error {
	if format == "json" {
		return conceptsJSON(w, c.List())
	}
	for _, k := range c.List() {
		if _, err := fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", k.ID, k.Type, k.Ja, k.En); err != nil {
			return err
		}
	}
	return nil
}

func printCandidates(w io.Writer, cands []extract.Candidate, format string) error {
	if format == "json" {
		if cands == nil {
			cands = []extract.Candidate{}
		}
		return conceptsJSON(w, cands)
	}
	fmt.Fprintf(w, "%5s %4s  %-11s  %s\t%s\n", "count", "docs", "kind", "surface", "evidence")
	for _, cd := range cands {
		ev := ""
		if len(cd.Evidence) > 0 {
			ev = conceptsTruncate(cd.Evidence[0].Sentence, 50)
		}
		if _, err := fmt.Fprintf(w, "%5d %4d  %-11s  %s\t%s\n", cd.Count, cd.Documents, cd.Kind, cd.Surface, ev); err != nil {
			return err
		}
	}
	return nil
}

func conceptsTruncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

func conceptsJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
