package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"
)

// benchSeeds parses the seeds and loads the curated list, outside the
// timer. The bytes are those of the decoded minutes.
func benchSeeds(b *testing.B) ([]*Document, *Concepts, int64) {
	b.Helper()
	known, err := LoadConcepts("../seeds/concepts.yaml")
	if err != nil {
		b.Fatal(err)
	}
	files, _ := filepath.Glob("../seeds/*.txt")
	var docs []*Document
	var n int64
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		doc, err := Parse(f, data)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
		n += int64(len(doc.Text))
	}
	return docs, known, n
}

// BenchmarkMatch is the cost of Annotate on the seeds, per byte of minutes.
func BenchmarkMatch(b *testing.B) {
	docs, known, n := benchSeeds(b)
	b.SetBytes(n)
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			known.Annotate(d)
		}
	}
	b.ReportMetric(float64(known.Len()), "concepts")
}

// BenchmarkMatchLargeList runs Annotate with the curated list grown ten
// and a hundred times by synthetic concepts whose aliases share prefixes
// and suffixes with the real ones, the worst case for a trie walk. The
// MB/s should stay close to BenchmarkMatch: matching does not loop over
// the concepts.
func BenchmarkMatchLargeList(b *testing.B) {
	docs, known, n := benchSeeds(b)
	for _, times := range []int{10, 100} {
		big := synthConcepts(b, known, times)
		b.Run(fmt.Sprintf("x%d", times), func(b *testing.B) {
			b.SetBytes(n)
			for b.Loop() {
				for _, d := range docs {
					big.Annotate(d)
				}
			}
			b.ReportMetric(float64(big.Len()), "concepts")
		})
	}
}

// BenchmarkDiscover is the cost of Discover on the seeds, per byte of
// minutes; it is dominated by kagome.
func BenchmarkDiscover(b *testing.B) {
	docs, known, n := benchSeeds(b)
	Discover(docs, known) // load the dictionary outside the timer
	b.SetBytes(n)
	b.ResetTimer()
	for b.Loop() {
		Discover(docs, known)
	}
}

// BenchmarkConceptsLoad is the cost of loading and validating the list
// and building the matcher.
func BenchmarkConceptsLoad(b *testing.B) {
	data, err := os.ReadFile("../seeds/concepts.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ParseConcepts("concepts.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

// synthConcepts returns known grown to times its size: each concept gets
// times-1 copies whose labels and aliases are the originals with a prefix
// or a suffix, so that they share trie paths with the real aliases.
func synthConcepts(b *testing.B, known *Concepts, times int) *Concepts {
	b.Helper()
	type entry struct {
		ID      string   `yaml:"id"`
		Type    string   `yaml:"type"`
		Ja      string   `yaml:"ja,omitempty"`
		En      string   `yaml:"en,omitempty"`
		Aliases []string `yaml:"aliases,omitempty"`
		Broader []string `yaml:"broader,omitempty"`
	}
	var list []entry
	for _, k := range known.List() {
		list = append(list, entry{k.ID, k.Type, k.Ja, k.En, k.Aliases, k.Broader})
		for i := 1; i < times; i++ {
			affix := func(s string) string {
				if s == "" {
					return ""
				}
				if i%2 == 0 {
					return fmt.Sprintf("%s第%d版", s, i)
				}
				return fmt.Sprintf("新%d%s", i, s)
			}
			e := entry{ID: fmt.Sprintf("%s-syn%d", k.ID, i), Type: k.Type, Ja: affix(k.Ja), En: affix(k.En), Broader: []string{k.ID}}
			for _, a := range k.Aliases {
				e.Aliases = append(e.Aliases, affix(a))
			}
			list = append(list, e)
		}
	}
	data, err := yaml.Marshal(map[string]any{"version": 1, "concepts": list})
	if err != nil {
		b.Fatal(err)
	}
	c, err := ParseConcepts("synthetic.yaml", data)
	if err != nil {
		b.Fatal(err)
	}
	return c
}
