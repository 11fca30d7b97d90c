package graph

import (
	"context"
	"os"
	"testing"
)

// benchStore is a bolt store: $GIJIGRAPH_BENCH_DB (a database
// bench/scale.sh built, opened read-only) or the seeds.
func benchStore(b *testing.B) *Store {
	b.Helper()
	ctx := context.Background()
	if dir := os.Getenv("GIJIGRAPH_BENCH_DB"); dir != "" {
		s, err := Open(ctx, Config{Path: dir, ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		return s
	}
	s, err := Open(ctx, Config{Backend: Bolt, Path: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	concepts, _ := loadConcepts(b)
	if _, err := s.WriteConcepts(ctx, concepts); err != nil {
		b.Fatal(err)
	}
	for _, f := range []string{seed17, seed30} {
		if _, err := s.WriteDocument(ctx, parseSeed(b, f), BuildKey(concepts)); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// hottest is the concept with the most rows.
func hottest(b *testing.B, c *Catalog) string {
	b.Helper()
	cs, _, err := c.FilterConcepts(ConceptsQuery{})
	if err != nil || len(cs) == 0 {
		b.Fatal("no concepts", err)
	}
	best := cs[0]
	for _, x := range cs {
		if x.Counts.Mentions > best.Counts.Mentions {
			best = x
		}
	}
	return best.ID
}

// BenchmarkCatalog measures the index's hot paths: opening the Catalog
// (a server's start and what follows a write), the first page of the
// most-raised concept, a later page, the same with its narrower
// concepts and a date (every key of the concepts read), and the list of
// meetings. On a large database:
//
//	GIJIGRAPH_BENCH_DB=bench/out/scale-bolt-1000 go test ./graph -run '^$' -bench Catalog
func BenchmarkCatalog(b *testing.B) {
	ctx := context.Background()
	s := benchStore(b)
	c, err := s.OpenCatalog(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("Open", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := s.OpenCatalog(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	hot := hottest(b, c)
	for _, q := range []struct {
		name string
		q    RaisedQuery
	}{
		{"RaisedFirstPage", RaisedQuery{Concept: hot, Limit: 100}},
		{"RaisedPage10", RaisedQuery{Concept: hot, Offset: 1000, Limit: 100}},
		{"RaisedNarrowerFrom", RaisedQuery{Concept: hot, Narrower: true, From: "2019-01-01", Limit: 100}},
	} {
		b.Run(q.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				res, ok, err := c.Raised(ctx, q.q)
				if err != nil || !ok {
					b.Fatal(ok, err)
				}
				b.ReportMetric(float64(res.Total), "total")
			}
		})
	}
	b.Run("Meetings", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, total, _, err := c.FilterMeetings(ctx, MeetingsQuery{}, 0, 100)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(total), "meetings")
		}
	})
}

// BenchmarkDocView measures what the view adds to writing a document:
// deriving its records and counters from its facts.
func BenchmarkDocView(b *testing.B) {
	concepts, _ := loadConcepts(b)
	qs, err := DocumentQuads(parseSeed(b, seed17), BuildKey(concepts))
	if err != nil {
		b.Fatal(err)
	}
	facts := indexFacts(qs)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := docView(facts); err != nil {
			b.Fatal(err)
		}
	}
	v, _ := docView(facts)
	b.ReportMetric(float64(len(v.Records)), "records")
}

func TestRowRoundTrip(t *testing.T) {
	rows := []Mention{{}, {PersonID: "p", Person: "村井純", Post: "本部長", MeetingID: "m", Date: "2018-04-04", Speech: 3, ConceptID: "c",
		Surface: "脆弱性", Sentence: "脆弱性がある。", Start: -1, End: 1 << 40, SentenceStart: 5, SentenceEnd: 9, Implicit: true}}
	for _, m := range rows {
		got, err := decodeRow(encodeRow(&m))
		if err != nil || got != m {
			t.Errorf("decodeRow(encodeRow(%+v)) = %+v, %v", m, got, err)
		}
		enc := encodeRow(&m)
		for i := range enc {
			if _, err := decodeRow(enc[:i]); err == nil {
				t.Errorf("decodeRow of %d of %d bytes: no error", i, len(enc))
			}
		}
	}
}
