package extract

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds the parser arbitrary bytes, seeded with the real minutes
// and pieces of them. Parse must never panic, must return either a
// document or an *Error, and a document's offsets must stay in range.
func FuzzParse(f *testing.F) {
	// Loading kagome's dictionary under coverage instrumentation takes
	// minutes and starves the fuzzer; the fallback rules split names here.
	familyByDictionary = func(string) (string, bool) { return "", false }
	givenByDictionary = func(string) bool { return false }
	wordBounds = func(string) map[int]bool { return nil }
	for _, path := range []string{"../seeds/2018-04-04_cybersecurity-hq_17.txt", "../seeds/2021-07-07_cybersecurity-hq_30.txt"} {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		// Small inputs keep the fuzzer fast; the whole seeds are covered by
		// the golden tests.
		f.Add(data[:1500])
		f.Add(data[:4000])
	}
	// The real fixtures of many bodies' layouts (testdata/real), cut short.
	reals, err := filepath.Glob("testdata/real/*.txt")
	if err != nil {
		f.Fatal(err)
	}
	for _, path := range reals {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data[:min(len(data), 3000)])
	}
	f.Add([]byte{})
	f.Add([]byte("\xff\xfe\x00\x00"))
	f.Add([]byte("第1回 議事概要\n日時 令和元年5月1日\n出席者\n山田 太郎 総務大臣\n議事\n○山田総務大臣\nよろしく。\n以上\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Parse("fuzz.txt", data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Path != "fuzz.txt" {
				t.Fatalf("error %v (%T) is not an *extract.Error naming the file", err, err)
			}
			return
		}
		n := len(doc.Text)
		for _, s := range doc.Speeches {
			if s.Start < 0 || s.End > n || s.Start > s.End || s.Text == "" {
				t.Fatalf("speech %d: offsets %d..%d of %d, text %q", s.Seq, s.Start, s.End, n, s.Text)
			}
			if !utf8.ValidString(s.Text) {
				t.Fatalf("speech %d: invalid UTF-8 text", s.Seq)
			}
		}
		for _, a := range doc.Agenda {
			if a.Start < 0 || a.End > n || a.Start > a.End {
				t.Fatalf("agenda %q: offsets %d..%d of %d", a.Title, a.Start, a.End, n)
			}
		}
	})
}
