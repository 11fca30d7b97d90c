package extract

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCrashers parses every input that once made the parser panic. Each
// must now give a document or an *Error naming the file; a panic fails the
// test run.
func TestCrashers(t *testing.T) {
	paths, err := filepath.Glob("testdata/crashers/*")
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("no crashers in testdata/crashers")
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Parse(path, data)
			if err != nil {
				if e, ok := err.(*Error); !ok || e.Path != path {
					t.Fatalf("error %v does not name %s", err, path)
				}
				return
			}
			if doc.Meeting.Date == "" {
				t.Errorf("parsed with no meeting date")
			}
		})
	}
}

// TestHeaderAgendaUnbulleted: a header 議題 list whose first item has no
// bullet is read as an item (it once indexed an empty agenda).
func TestHeaderAgendaUnbulleted(t *testing.T) {
	path := "testdata/crashers/header_agenda_unbulleted_first.txt"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Agenda) != 1 || doc.Agenda[0].Title != "地域の安全について" {
		t.Errorf("agenda = %+v, want one item 地域の安全について", doc.Agenda)
	}
}
