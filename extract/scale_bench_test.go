package extract

import (
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/gijigraph/gijigraph/extract/synth"
)

// The benchmarks in this file measure extraction on generated minutes
// (gijigraph gen), the corpus of the scale measurements in
// docs/scale.md: GIJIGRAPH_BENCH_MEETINGS meetings (default 20), in MB/s
// of source text. Each pass goes through the whole corpus on a pool of
// GOMAXPROCS workers, so that
//
//	go test ./extract -run '^$' -bench 'Gen' -cpu 1,2
//
// gives the speed on one core and on two, next to kagome's raw
// tokenization of the same text.

var (
	genOnce  sync.Once
	genTexts [][]byte
	genBytes int64
)

// genCorpus returns the generated minutes, generated once.
func genCorpus(b *testing.B) ([][]byte, int64) {
	b.Helper()
	genOnce.Do(func() {
		n := 20
		if v := os.Getenv("GIJIGRAPH_BENCH_MEETINGS"); v != "" {
			if m, err := strconv.Atoi(v); err == nil && m > 0 {
				n = m
			}
		}
		surfaces, err := synth.LoadConcepts("../seeds/concepts.yaml")
		if err != nil {
			panic(err)
		}
		g := synth.New(synth.Options{Meetings: n, Seed: 1, StartNumber: 1001, Concepts: surfaces})
		for i := range n {
			_, text, _ := g.Meeting(i)
			genTexts = append(genTexts, text)
			genBytes += int64(len(text))
		}
	})
	return genTexts, genBytes
}

// pool calls fn on every item of a pass, on GOMAXPROCS goroutines.
func pool(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// BenchmarkGenExtract is what gijigraph build does to each file before
// mapping it to quads: Parse, then Annotate with the seed concept list.
func BenchmarkGenExtract(b *testing.B) {
	texts, n := genCorpus(b)
	known, err := LoadConcepts("../seeds/concepts.yaml")
	if err != nil {
		b.Fatal(err)
	}
	ipaTokenizer() // load the dictionary outside the timer
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		pool(len(texts), func(i int) {
			doc, err := Parse("gen.txt", texts[i])
			if err != nil {
				panic(err)
			}
			known.Annotate(doc)
		})
	}
}

// BenchmarkGenParse is structural extraction alone.
func BenchmarkGenParse(b *testing.B) {
	texts, n := genCorpus(b)
	ipaTokenizer()
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		pool(len(texts), func(i int) {
			if _, err := Parse("gen.txt", texts[i]); err != nil {
				panic(err)
			}
		})
	}
}

// BenchmarkGenMatch is concept matching alone (Annotate), per byte of
// source.
func BenchmarkGenMatch(b *testing.B) {
	texts, n := genCorpus(b)
	known, err := LoadConcepts("../seeds/concepts.yaml")
	if err != nil {
		b.Fatal(err)
	}
	docs := make([]*Document, len(texts))
	for i, t := range texts {
		if docs[i], err = Parse("gen.txt", t); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(n)
	for b.Loop() {
		pool(len(docs), func(i int) { known.Annotate(docs[i]) })
	}
}

// BenchmarkGenKagome is kagome's raw tokenization (IPA dictionary,
// normal mode) of the same text, each file as one string: the yardstick
// for extraction speed.
func BenchmarkGenKagome(b *testing.B) {
	texts, n := genCorpus(b)
	strs := make([]string, len(texts))
	for i, t := range texts {
		strs[i] = string(t)
	}
	tk := ipaTokenizer()
	b.SetBytes(n)
	for b.Loop() {
		pool(len(strs), func(i int) { tk.Tokenize(strs[i]) })
	}
}
