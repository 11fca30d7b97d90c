package index

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

func facts() []Fact {
	return []Fact{
		{quad.IRI("https://x/meeting/a"), quad.IRI("https://x/p/title"), quad.String("第17回会合")},
		{quad.IRI("https://x/meeting/a"), quad.IRI("https://x/p/number"), quad.Int(-17)},
		{quad.IRI("https://x/meeting/a"), quad.IRI("https://x/p/date"), quad.TypedString{Value: "2018-04-04", Type: "http://www.w3.org/2001/XMLSchema#date"}},
		{quad.IRI("https://x/concept/c"), quad.IRI("https://x/p/label"), quad.LangString{Value: "ransomware", Lang: "en"}},
		{quad.IRI("https://x/meeting/a"), quad.IRI("https://x/p/when"), quad.Time(time.Date(2018, 4, 4, 8, 0, 0, 0, time.UTC))},
		{quad.IRI("https://x/meeting/a"), quad.IRI("https://x/p/title"), quad.String("")},
		{quad.IRI("https://x/meeting/a"), quad.IRI("https://x/p/ok"), quad.Bool(true)},
	}
}

func TestRoundTrip(t *testing.T) {
	for _, fs := range [][]Fact{nil, facts(), facts()[:1]} {
		t.Run(fmt.Sprint(len(fs)), func(t *testing.T) {
			var got []Fact
			if err := Decode(Encode(fs), func(s, p, o quad.Value) { got = append(got, Fact{s, p, o}) }); err != nil {
				t.Fatal(err)
			}
			if len(got) != len(fs) {
				t.Fatalf("%d facts, want %d", len(got), len(fs))
			}
			for i := range fs {
				if quad.StringOf(got[i].O) != quad.StringOf(fs[i].O) || got[i].S != fs[i].S || got[i].P != fs[i].P {
					t.Errorf("fact %d: got %v, want %v", i, got[i], fs[i])
				}
			}
		})
	}
}

// TestShared: a value used many times is written once.
func TestShared(t *testing.T) {
	one := Encode(facts()[:1])
	many := Encode(slices.Repeat(facts()[:1], 100))
	if len(many) > len(one)+100*3 {
		t.Errorf("100 copies of a fact take %d bytes, one %d", len(many), len(one))
	}
}

// TestCorrupt: every truncation of an entry, and a changed version,
// is an error, never a panic.
func TestCorrupt(t *testing.T) {
	data := Encode(facts())
	for i := range len(data) {
		if err := Decode(data[:i], func(s, p, o quad.Value) {}); !errors.Is(err, ErrCorrupt) {
			t.Errorf("entry cut at %d of %d: %v, want ErrCorrupt", i, len(data), err)
		}
	}
	bad := append([]byte{Version + 1}, data[1:]...)
	if err := Decode(bad, func(s, p, o quad.Value) {}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("other version: %v", err)
	}
	if err := Decode(append(data, 0), func(s, p, o quad.Value) {}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("trailing byte: %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(Encode(facts()))
	f.Fuzz(func(t *testing.T, data []byte) {
		Decode(data, func(s, p, o quad.Value) {})
	})
}

func BenchmarkEncode(b *testing.B) {
	fs := slices.Repeat(facts(), 1000)
	b.ReportAllocs()
	for b.Loop() {
		Encode(fs)
	}
}

func BenchmarkDecode(b *testing.B) {
	data := Encode(slices.Repeat(facts(), 1000))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if err := Decode(data, func(s, p, o quad.Value) {}); err != nil {
			b.Fatal(err)
		}
	}
}
