package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/gijigraph/gijigraph/kokkaiapi"
)

var kokkaiCmd = &command{
	name:  "kokkai",
	args:  "--any WORDS [--from DATE --until DATE --house 衆議院|参議院|両院 --meeting NAME --speaker NAME] [--endpoint meeting|speech] [--xml] --out DIR",
	short: "fetch minutes from the Diet's 国会会議録検索システム API into files build reads",
	run:   runKokkai,
}

func runKokkai(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	var q kokkaiapi.Query
	f := kokkaiapi.Fetcher{UserAgent: "gijigraph (+https://github.com/gijigraph/gijigraph)"}
	fs.StringVar(&q.Any, "any", "", "`WORDS` to search for in the speeches")
	fs.StringVar(&q.From, "from", "", "earliest meeting `DATE` (YYYY-MM-DD)")
	fs.StringVar(&q.Until, "until", "", "latest meeting `DATE` (YYYY-MM-DD)")
	fs.StringVar(&q.House, "house", "", "衆議院, 参議院 or 両院 (default: any)")
	fs.StringVar(&q.Meeting, "meeting", "", "committee `NAME` (nameOfMeeting), e.g. 内閣委員会")
	fs.StringVar(&q.Speaker, "speaker", "", "speaker's `NAME`")
	fs.StringVar(&q.Endpoint, "endpoint", "meeting", "meeting (whole meetings) or speech (the matching speeches)")
	fs.IntVar(&q.PerPage, "per-page", 0, "records a page (default: the most the endpoint gives, 10 or 100)")
	fs.BoolVar(&q.XML, "xml", false, "save XML (recordPacking=xml) instead of JSON")
	out := fs.String("out", "", "`DIR` to save the pages in (created if missing)")
	fs.StringVar(&f.Base, "base", kokkaiapi.DefaultBase, "the API's base `URL`")
	fs.DurationVar(&f.Pause, "pause", 3*time.Second, "wait between two requests")
	fs.IntVar(&f.Retries, "retries", 5, "tries again after a failed request, waiting longer each time")
	fs.DurationVar(&f.Backoff, "backoff", 5*time.Second, "first wait before trying again; it doubles each time")
	fs.IntVar(&f.MaxPages, "max-pages", 0, "stop after `N` pages (0: all)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("kokkai: unexpected arguments %q", fs.Args())}
	}
	if *out == "" {
		return &usageError{"kokkai: --out DIR is required"}
	}
	fetched, skipped := 0, 0
	f.Progress = func(p kokkaiapi.Page) {
		what := "saved"
		if p.Saved {
			fetched++
		} else {
			what = "already saved"
			skipped++
		}
		fmt.Fprintf(e.stderr, "%s: records %d– of %d (%s)\n", p.File, p.Start, p.Total, what)
	}
	if _, err := f.Fetch(ctx, q, *out); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "kokkai: %d pages fetched, %d already saved, in %s; build them with: gijigraph build %s\n", fetched, skipped, *out, *out)
	return nil
}
