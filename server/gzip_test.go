package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"strconv"
	"testing"
)

// TestGzip: a client that asks for gzip gets the same JSON, CSV or graph
// compressed; one that does not gets it plain.
func TestGzip(t *testing.T) {
	s := sharedServer(t)
	for _, target := range []string{"/api/raised?concept=ransomware&narrower=true", "/api/raised?format=csv", "/api/graph?format=gexf", "/api/meetings"} {
		plain := get(t, s, target)
		z := do(t, s, "GET", target, nil, "Accept-Encoding", "gzip")
		if plain.header.Get("Content-Encoding") != "" || z.header.Get("Content-Encoding") != "gzip" || z.status != 200 {
			t.Errorf("%s: plain %q, gzip %d %q", target, plain.header.Get("Content-Encoding"), z.status, z.header.Get("Content-Encoding"))
			continue
		}
		zr, err := gzip.NewReader(bytes.NewReader(z.body))
		if err != nil {
			t.Fatalf("%s: %v", target, err)
		}
		got, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(got, plain.body) {
			t.Errorf("%s: gunzipped %d bytes, plain %d (%v)", target, len(got), len(plain.body), err)
		}
		t.Logf("%s: %d bytes, gzip %d", target, len(plain.body), len(z.body))
	}
}

// TestRaisedDefaultPage: /api/raised answers 100 rows unless asked for
// more, with the total in X-Total-Count, and offset pages on.
func TestRaisedDefaultPage(t *testing.T) {
	s := sharedServer(t)
	var page struct {
		Total, Offset, Limit int
		Truncated            bool
		Rows                 []map[string]any
	}
	r := get(t, s, "/api/raised")
	r.json(t, &page)
	total, _ := strconv.Atoi(r.header.Get("X-Total-Count"))
	if len(page.Rows) != defaultRaisedLimit || page.Limit != defaultRaisedLimit || total != page.Total || total <= defaultRaisedLimit || !page.Truncated {
		t.Fatalf("default page: %d rows, limit %d, total %d, X-Total-Count %d, truncated %v", len(page.Rows), page.Limit, page.Total, total, page.Truncated)
	}
	get(t, s, "/api/raised?offset="+strconv.Itoa(total-3)).json(t, &page)
	if len(page.Rows) != 3 || page.Truncated {
		t.Errorf("last page: %d rows, truncated %v", len(page.Rows), page.Truncated)
	}
}
