package extract

import (
	"os"
	"testing"
)

func seedData(b *testing.B) [][]byte {
	var out [][]byte
	for _, f := range seedFiles(b) {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

// BenchmarkParse measures structural extraction on the seeds, in MB/s of
// source text.
func BenchmarkParse(b *testing.B) {
	docs := seedData(b)
	n := 0
	for _, d := range docs {
		n += len(d)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if _, err := Parse("seed.txt", d); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkKagome measures kagome's raw tokenization of the same text,
// the yardstick for extraction speed.
func BenchmarkKagome(b *testing.B) {
	docs := seedData(b)
	n := 0
	var texts []string
	for _, d := range docs {
		n += len(d)
		texts = append(texts, string(d))
	}
	tk := ipaTokenizer()
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, s := range texts {
			tk.Tokenize(s)
		}
	}
}
