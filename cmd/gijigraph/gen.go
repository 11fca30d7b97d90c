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
	"regexp"
	"runtime"
	"sync"
	"time"

	"github.com/gijigraph/gijigraph/extract/synth"
)

var genCmd = &command{
	name:  "gen",
	args:  "--meetings N --out DIR [--seed S] [--concepts FILE]",
	short: "generate synthetic minutes for measuring the pipeline at scale",
	run:   runGen,
}

// generatedName matches the names of files gen writes, the only files
// --force removes.
var generatedName = regexp.MustCompile(`^[0-9]{4,}_[a-z0-9-]+_[0-9]+\.txt$`)

func runGen(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	meetings := fs.Int("meetings", 0, "number of meetings to generate (required)")
	out := fs.String("out", "", "directory to write the minutes to (required; created if needed)")
	seed := fs.Uint64("seed", 1, "seed: the same seed gives the same files")
	conceptsPath := fs.String("concepts", "seeds/concepts.yaml", "concept list to draw concept surfaces from; if the default is missing, a small built-in list is used")
	start := fs.Int("start", 1, "number of the first meeting")
	truthPath := fs.String("truth", "", "also write the ground truth, one JSON object per meeting, to this file")
	quirks := fs.Bool("quirks", false, "add slips of real minutes that need a warning to resolve (experts' markers saying 本部長)")
	force := fs.Bool("force", false, "write into a non-empty --out, replacing files gen wrote before")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "number of meetings generated in parallel")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("gen: unexpected argument %q", fs.Arg(0))}
	}
	if *meetings <= 0 {
		return &usageError{"gen: --meetings must be positive"}
	}
	if *out == "" {
		return &usageError{"gen: --out is required"}
	}
	if *workers < 1 {
		*workers = 1
	}

	opts := synth.Options{Meetings: *meetings, Seed: *seed, StartNumber: *start, Quirks: *quirks}
	cs, err := synth.LoadConcepts(*conceptsPath)
	switch {
	case err == nil:
		opts.Concepts = cs
	case errors.Is(err, os.ErrNotExist) && !flagSet(fs, "concepts"):
		e.log.Warn("gen: no concept list, using the built-in one", "path", *conceptsPath)
	default:
		return err
	}
	if err := prepareOut(*out, *force); err != nil {
		return err
	}

	began := time.Now()
	g := synth.New(opts)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu     sync.Mutex
		bytes  int64
		first  error
		truths = make([]synth.Truth, *meetings)
		next   = make(chan int)
		wg     sync.WaitGroup
	)
	fail := func(err error) {
		mu.Lock()
		if first == nil {
			first = err
		}
		mu.Unlock()
		cancel()
	}
	for range *workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				name, text, truth := g.Meeting(i)
				if err := os.WriteFile(filepath.Join(*out, name), text, 0o644); err != nil {
					fail(fmt.Errorf("gen: %w", err))
					return
				}
				if *truthPath != "" {
					truths[i] = truth
				}
				mu.Lock()
				bytes += int64(len(text))
				mu.Unlock()
			}
		}()
	}
feed:
	for i := range *meetings {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if first != nil {
		return first
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if *truthPath != "" {
		if err := writeTruth(*truthPath, truths); err != nil {
			return err
		}
	}
	secs := time.Since(began).Seconds()
	fmt.Fprintf(e.stdout, "gen: %d files, %d bytes (%.1f MB), %.2f s, in %s\n",
		*meetings, bytes, float64(bytes)/1e6, secs, *out)
	return nil
}

// flagSet reports whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// prepareOut creates dir, or checks that it is empty. With force, files
// that gen wrote before are removed so that a smaller corpus does not
// leave stale meetings behind; other files are left alone.
func prepareOut(dir string, force bool) error {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("gen: %w", err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	if len(ents) == 0 {
		return nil
	}
	if !force {
		return fmt.Errorf("gen: %s is not empty (use --force to write into it)", dir)
	}
	for _, ent := range ents {
		if ent.Type().IsRegular() && generatedName.MatchString(ent.Name()) {
			if err := os.Remove(filepath.Join(dir, ent.Name())); err != nil {
				return fmt.Errorf("gen: %w", err)
			}
		}
	}
	return nil
}

func writeTruth(path string, truths []synth.Truth) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	for _, t := range truths {
		if err := enc.Encode(t); err != nil {
			f.Close()
			return fmt.Errorf("gen: %s: %w", path, err)
		}
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	return nil
}
