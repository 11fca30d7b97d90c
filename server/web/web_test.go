package web

import (
	"compress/gzip"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

func get(t *testing.T, path string, header ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	Handler().ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, r *http.Response) string {
	t.Helper()
	rd := r.Body
	if r.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			t.Fatal(err)
		}
		rd = zr
	}
	b, err := io.ReadAll(rd)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// script is the hashed script index.html loads.
func script(t *testing.T) string {
	t.Helper()
	b, err := fs.ReadFile(dist, "dist/index.html")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`src="(/assets/[^"]+\.js)"`).FindStringSubmatch(string(b))
	if m == nil {
		t.Skip("dist/index.html loads no hashed script (placeholder build)")
	}
	return m[1]
}

func TestHandler(t *testing.T) {
	js := script(t)
	tests := []struct {
		name, path, status, ctype, cache string
		gzip                             bool
	}{
		{"page", "/", "200", "text/html; charset=utf-8", "no-cache", false},
		{"app route", "/concept/ransomware", "200", "text/html; charset=utf-8", "no-cache", false},
		{"hashed script", js, "200", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable", true},
		{"missing asset", "/assets/nope-123.js", "404", "", "", false},
		{"missing file", "/nope.png", "404", "", "", false},
		{"api", "/api/nope", "404", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := get(t, tt.path, "Accept-Encoding", "gzip")
			if got := r.Status[:3]; got != tt.status {
				t.Fatalf("GET %s: status %s, want %s", tt.path, r.Status, tt.status)
			}
			if tt.status != "200" {
				return
			}
			if got := r.Header.Get("Content-Type"); got != tt.ctype {
				t.Errorf("GET %s: Content-Type %q, want %q", tt.path, got, tt.ctype)
			}
			if got := r.Header.Get("Cache-Control"); got != tt.cache {
				t.Errorf("GET %s: Cache-Control %q, want %q", tt.path, got, tt.cache)
			}
			if got := r.Header.Get("Content-Encoding") == "gzip"; got != tt.gzip {
				t.Errorf("GET %s: gzip %v, want %v", tt.path, got, tt.gzip)
			}
			if b := body(t, r); len(b) == 0 {
				t.Errorf("GET %s: empty body", tt.path)
			}
		})
	}
}

func TestFonts(t *testing.T) {
	var font string
	fs.WalkDir(dist, "dist/assets", func(p string, d fs.DirEntry, err error) error {
		if strings.HasSuffix(p, ".woff2") && font == "" {
			font = strings.TrimPrefix(p, "dist")
		}
		return nil
	})
	if font == "" {
		t.Skip("no bundled font (placeholder build)")
	}
	r := get(t, font, "Accept-Encoding", "gzip")
	if r.StatusCode != 200 || r.Header.Get("Content-Type") != "font/woff2" || r.Header.Get("Content-Encoding") != "" {
		t.Errorf("GET %s: %s, Content-Type %q, Content-Encoding %q; want 200 font/woff2, not gzipped again",
			font, r.Status, r.Header.Get("Content-Type"), r.Header.Get("Content-Encoding"))
	}
}

func TestRevalidate(t *testing.T) {
	r := get(t, "/")
	etag := r.Header.Get("ETag")
	if etag == "" {
		t.Fatal("GET /: no ETag")
	}
	if r := get(t, "/", "If-None-Match", etag); r.StatusCode != http.StatusNotModified {
		t.Errorf("GET / If-None-Match %s: %s, want 304", etag, r.Status)
	}
	if r := get(t, "/", "Accept-Encoding", "gzip"); r.Header.Get("ETag") == etag && r.Header.Get("Content-Encoding") == "gzip" {
		t.Errorf("the gzipped page has the plain page's ETag %s", etag)
	}
}

func TestMethod(t *testing.T) {
	req := httptest.NewRequest(http.MethodPost, "/", nil)
	rec := httptest.NewRecorder()
	Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %d, want 405", rec.Code)
	}
}
