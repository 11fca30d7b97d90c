package graph

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gijigraph/gijigraph/extract"
	"github.com/gijigraph/gijigraph/extract/synth"
)

// benchMeetings is the number of generated meetings the write benchmarks
// use: GIJIGRAPH_BENCH_MEETINGS, default 50.
func benchMeetings(b *testing.B) int {
	n := 50
	if v := os.Getenv("GIJIGRAPH_BENCH_MEETINGS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n <= 0 {
			b.Fatalf("GIJIGRAPH_BENCH_MEETINGS=%q: want a positive number", v)
		}
	}
	return n
}

// synthDocs generates n meetings (as gijigraph gen --start 1001 does),
// extracts them and finds their concept mentions, on all cores.
func synthDocs(b testing.TB, n int) []*extract.Document {
	b.Helper()
	surfaces, err := synth.LoadConcepts(seedConcepts)
	if err != nil {
		b.Fatal(err)
	}
	_, known := loadConcepts(b)
	g := synth.New(synth.Options{Meetings: n, Seed: 1, StartNumber: 1001, Concepts: surfaces})
	docs := make([]*extract.Document, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				name, text, _ := g.Meeting(i)
				doc, err := extract.Parse(name, text)
				if err != nil {
					errs[i] = err
					continue
				}
				known.Annotate(doc)
				docs[i] = doc
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			b.Fatal(err)
		}
	}
	return docs
}

// BenchmarkDocumentQuads is the cost of mapping one generated meeting to
// its quads.
func BenchmarkDocumentQuads(b *testing.B) {
	docs := synthDocs(b, 20)
	list, _ := loadConcepts(b)
	key := BuildKey(list)
	n := 0
	for b.Loop() {
		for _, d := range docs {
			qs, err := DocumentQuads(d, key)
			if err != nil {
				b.Fatal(err)
			}
			n += len(qs)
		}
	}
	b.ReportMetric(float64(n)/float64(b.N)/float64(len(docs)), "quads/meeting")
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "quads/s")
}

// BenchmarkBoltWrite writes generated meetings (GIJIGRAPH_BENCH_MEETINGS,
// default 50) into a new bolt database the way gijigraph build does:
// Update (copy, write, sync, rename) and a Loader. The documents are
// extracted before the timer starts; it reports quads/s.
func BenchmarkBoltWrite(b *testing.B) {
	docs := synthDocs(b, benchMeetings(b))
	list, _ := loadConcepts(b)
	key := BuildKey(list)
	ctx := context.Background()
	var quads int64
	cpu0 := cpuTime()
	for b.Loop() {
		cfg := Config{Path: filepath.Join(b.TempDir(), "db")}
		err := Update(ctx, cfg, func(s *Store) error {
			if _, err := s.WriteConcepts(ctx, list); err != nil {
				return err
			}
			l := s.NewLoader()
			if n := os.Getenv("GIJIGRAPH_BENCH_BATCH"); n != "" {
				l.max, _ = strconv.Atoi(n)
			}
			for _, d := range docs {
				p, err := Prepare(d, key)
				if err != nil {
					return err
				}
				if _, err := l.Write(ctx, p); err != nil {
					return err
				}
			}
			if err := l.Flush(ctx); err != nil {
				return err
			}
			st, err := s.Stats(ctx)
			quads = st.Quads
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		os.RemoveAll(cfg.Path)
	}
	b.ReportMetric(float64(quads)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
	b.ReportMetric(float64(quads), "quads")
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
}

// cpuTime is the user and system CPU time the process has used: with
// other work on the machine, a steadier measure than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
