package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gijigraph/gijigraph/extract"
)

func collect(t *testing.T, pattern string) []*extract.Document {
	t.Helper()
	files, _ := filepath.Glob(pattern)
	if len(files) < 2 {
		t.Fatalf("%s: %d files, want the saved pages", pattern, len(files))
	}
	var c Collector
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Add(f, data); err != nil {
			t.Fatal(err)
		}
	}
	docs, err := c.Documents()
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// TestKokkaiPages: the pages of each endpoint, JSON or XML, read
// together give each meeting once and whole, and the same model whichever
// endpoint and packing they came from.
func TestKokkaiPages(t *testing.T) {
	c := concepts(t)
	var want map[string]string
	for _, pat := range []string{"meeting-*.json", "meeting-*.xml", "speech-*.json", "speech-*.xml"} {
		t.Run(pat, func(t *testing.T) {
			docs := collect(t, filepath.Join("testdata/kokkai", pat))
			if len(docs) != 2 {
				t.Fatalf("%d documents, want 2 (a meeting given on two pages is one)", len(docs))
			}
			got := map[string]string{}
			for _, d := range docs {
				c.Annotate(d)
				checkOffsets(t, d)
				got[d.Meeting.ID] = model(d)
			}
			a := docs[0]
			if a.Meeting.ID != "衆議院内閣委員会-2023-03-15-5" || len(a.Speeches) != 5 {
				t.Fatalf("first meeting %q with %d speeches, want 衆議院内閣委員会-2023-03-15-5 with 5", a.Meeting.ID, len(a.Speeches))
			}
			split := func(name string) string {
				if strings.HasPrefix(pat, "speech") {
					// The speech endpoint gives no 会議録情報 to split
					// the names by.
					return strings.ReplaceAll(name, " ", "")
				}
				return name
			}
			s := a.Speeches[1]
			if s.Speaker != split("杉田 水脈") || s.Marker != "○杉田委員" || !strings.HasPrefix(s.Text, "おはようございます。") {
				t.Errorf("speech 2: speaker %q, marker %q, text %q", s.Speaker, s.Marker, s.Text)
			}
			if s.URL != "https://kokkai.ndl.go.jp/txt/121104889X00520230315/2" {
				t.Errorf("speech 2: url %q", s.URL)
			}
			found := false
			for _, m := range s.Mentions {
				found = found || m.Concept == "ransomware" && a.Text[m.Start:m.End] == "ランサムウェア"
			}
			if !found {
				t.Errorf("speech 2: mentions %+v, want ランサムウェア", s.Mentions)
			}
			var kono *extract.Attendee
			for i := range a.Attendees {
				if strings.HasPrefix(a.Attendees[i].Name, "河野") {
					kono = &a.Attendees[i]
				}
			}
			if len(a.Attendees) < 4 {
				t.Errorf("%d attendees", len(a.Attendees))
			}
			if kono == nil || kono.Name != split("河野 太郎") || kono.Reading != "コウノタロウ" || kono.Party != "自由民主党・無所属の会" || kono.Title != "国務大臣（デジタル大臣）" {
				t.Errorf("河野: %+v", kono)
			}
			if a.Source.URL == "" || !strings.Contains(a.Source.Path, "#121104889X00520230315") {
				t.Errorf("source %+v: want the pdfURL and the issueID in the path", a.Source)
			}
			if want == nil {
				want = got
				return
			}
			for id, w := range want {
				g := got[id]
				if strings.HasPrefix(pat, "speech") {
					// The speech endpoint gives no 会議録情報, which lists
					// the attendees and spells names with a space between
					// family and given name: compare the speeches, without
					// spaces.
					w, g = speechesOnly(w), speechesOnly(g)
				}
				if g != w {
					t.Errorf("%s differs from the meeting endpoint's JSON (-want +got):\n%s", id, diff(w, g))
				}
			}
		})
	}
}

func speechesOnly(m string) string {
	var b strings.Builder
	for _, l := range strings.Split(m, "\n") {
		if !strings.HasPrefix(l, "attendee ") {
			b.WriteString(space.ReplaceAllString(l, "") + "\n")
		}
	}
	return b.String()
}
