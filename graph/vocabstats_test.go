package graph

import (
	"context"
	"testing"
)

func TestVocabStats(t *testing.T) {
	s := mustOpen(t, Config{Backend: Memory})
	seedStore(t, s)
	st, err := s.VocabStats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	count := func(list []TermCount, iri string) int64 {
		for _, c := range list {
			if c.IRI == iri {
				return c.Count
			}
		}
		return -1
	}
	for _, tc := range []struct {
		list []TermCount
		iri  string
		want int64
	}{
		{st.Classes, "<http://www.w3.org/ns/opengov#Speech>", 16 + 20},
		{st.Classes, "<http://schema.org/Event>", 2},
		{st.Predicates, "<http://schema.org/startDate>", 2},
		{st.Predicates, "<http://schema.org/attendee>", 22 + 22},
	} {
		if got := count(tc.list, tc.iri); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.iri, got, tc.want)
		}
	}
	for _, list := range [][]TermCount{st.Predicates, st.Classes} {
		for i := 1; i < len(list); i++ {
			if list[i].Count > list[i-1].Count {
				t.Errorf("not sorted: %v before %v", list[i-1], list[i])
			}
		}
	}
}
