package graph

import (
	"context"
	"os"
	"testing"
)

// BenchmarkSnapshotDB builds the read model of the bolt database
// $GIJIGRAPH_BENCH_DB (say one bench/scale.sh built), for profiles:
//
//	GIJIGRAPH_BENCH_DB=bench/out/scale-bolt-1000 go test ./graph -run '^$' -bench SnapshotDB -benchtime 1x -cpuprofile cpu.out
func BenchmarkSnapshotDB(b *testing.B) {
	dir := os.Getenv("GIJIGRAPH_BENCH_DB")
	if dir == "" {
		b.Skip("GIJIGRAPH_BENCH_DB is not set")
	}
	ctx := context.Background()
	s, err := Open(ctx, Config{Path: dir, ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for b.Loop() {
		sn, err := s.Snapshot(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(sn.Stats().Mentions), "mentions")
	}
}
