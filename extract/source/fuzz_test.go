package source

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead feeds any bytes to the dispatcher and the readers behind it
// (but pdftotext: PDF input is skipped, as running a process per input
// would make the fuzzer slow).
func FuzzRead(f *testing.F) {
	for _, pat := range []string{"testdata/*.html", "testdata/kokkai/*", "../../seeds/*.txt"} {
		files, _ := filepath.Glob(pat)
		for _, p := range files {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte(`{"message":"x","details":["y"]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if fm, err := Sniff(data); err != nil || fm == PDF {
			return
		}
		docs, err := Read(context.Background(), "fuzz", data)
		if err != nil {
			return
		}
		if len(docs) == 0 {
			t.Fatal("no error and no documents")
		}
		for _, d := range docs {
			if d.Meeting.ID == "" || d.Source.Format == "" {
				t.Errorf("document without meeting id or format: %+v", d.Source)
			}
		}
	})
}
