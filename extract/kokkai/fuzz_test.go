package kokkai

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/gijigraph/gijigraph/extract"
)

func addSeeds(f *testing.F, pattern string) {
	files, _ := filepath.Glob(pattern)
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
}

// checkDocs builds the documents of a response that parsed, and checks
// every speech's offsets.
func checkDocs(t *testing.T, r *Response) {
	docs, err := Documents(extract.Source{Path: "fuzz"}, r)
	if err != nil {
		return
	}
	for _, d := range docs {
		for _, s := range d.Speeches {
			if s.Start < 0 || s.End > len(d.Text) || s.Start > s.End || d.Text[s.Start:s.End] != s.Text {
				t.Fatalf("speech %d: offsets %d:%d do not hold its text", s.Seq, s.Start, s.End)
			}
		}
	}
}

func FuzzParseJSON(f *testing.F) {
	addSeeds(f, "../source/testdata/kokkai/*.json")
	f.Add([]byte(`{"numberOfRecords":1,"speechRecord":[{"issueID":"1","nameOfMeeting":"本会議","date":"2023-01-01","speechOrder":1,"speech":"○議長　開会"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if r, err := ParseJSON(data); err == nil {
			checkDocs(t, r)
		}
	})
}

func FuzzParseXML(f *testing.F) {
	addSeeds(f, "../source/testdata/kokkai/*.xml")
	f.Add([]byte(`<data><numberOfRecords>1</numberOfRecords><records><record><recordData><speechRecord><issueID>1</issueID><nameOfMeeting>本会議</nameOfMeeting><date>2023-01-01</date><speechOrder>1</speechOrder><speech>○議長　開会</speech></speechRecord></recordData></record></records></data>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if r, err := ParseXML(data); err == nil {
			checkDocs(t, r)
		}
	})
}
