package extract

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// FuzzParseConcepts feeds the concept list loader arbitrary YAML, seeded
// with pieces of the real list. It must never panic; every error is an
// *Error naming the list; a list it accepts has concepts, each found by
// its id, with broader and related ids that are in the list.
func FuzzParseConcepts(f *testing.F) {
	data, err := os.ReadFile("../seeds/concepts.yaml")
	if err != nil {
		f.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	head := strings.Join(lines[:min(len(lines), 60)], "")
	f.Add([]byte(head))
	f.Add([]byte("version: 1\nconcepts:\n  - id: a\n    type: malware\n    ja: エー\n    aliases: [A]\n  - id: b\n    type: malware\n    ja: ビー\n    broader: [a]\n    related: [a]\n"))
	f.Add([]byte("version: 1\nconcepts: []\n"))
	f.Add([]byte("version: 2\n"))
	f.Add([]byte("concepts:\n  - id: a\n    broader: [a]\n"))
	f.Add([]byte("\t: : ["))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseConcepts("fuzz.yaml", data)
		if err != nil {
			if c != nil {
				t.Fatalf("both a list and an error: %v", err)
			}
			var joined interface{ Unwrap() []error }
			errs := []error{err}
			if errors.As(err, &joined) {
				errs = joined.Unwrap()
			}
			for _, e := range errs {
				var pe *Error
				if !errors.As(e, &pe) || pe.Path != "fuzz.yaml" {
					t.Fatalf("error %v (%T) is not an *extract.Error naming the list", e, e)
				}
			}
			return
		}
		if c.Len() == 0 {
			t.Fatal("an empty list was accepted")
		}
		for _, k := range c.List() {
			if _, ok := c.Lookup(k.ID); !ok {
				t.Fatalf("concept %q is not found by its id", k.ID)
			}
			for _, id := range append(append([]string(nil), k.Broader...), k.Related...) {
				if _, ok := c.Lookup(id); !ok {
					t.Fatalf("concept %q refers to %q, not in the list", k.ID, id)
				}
			}
		}
	})
}
