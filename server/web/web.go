// Package web serves gijigraph's graph explorer, a single-page app whose
// built assets are embedded in the binary, so the page works offline.
//
// The app's source is the npm project beside this file (src/, built by
// Vite into dist/). dist/ is committed: `go build` needs no Node. After
// changing src/, run `npm ci && npm run build` here and commit dist/.
package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

//go:embed all:dist
var dist embed.FS

// contentTypes is fixed here rather than taken from the mime package,
// which reads the host's /etc/mime.types and so varies between machines
// (.woff2 is missing from Go's built-in table).
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".json":  "application/json",
	".map":   "application/json",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".ico":   "image/x-icon",
	".woff2": "font/woff2",
	".woff":  "font/woff",
	".txt":   "text/plain; charset=utf-8",
}

// compressible are the types worth gzipping; fonts and images already are.
var compressible = map[string]bool{".html": true, ".js": true, ".mjs": true, ".css": true, ".json": true, ".svg": true, ".map": true, ".txt": true}

// asset is one embedded file, read once.
type asset struct {
	name  string
	ctype string
	etag  string
	body  []byte
	gz    []byte // gzipped body, or nil when not worth it
}

// Handler returns the handler for the explorer. It serves the files of
// dist/, and index.html for any other path that is not under /api/ (the
// app reads its state from the URL). Files under /assets/ have content
// hashes in their names and are cached for a year as immutable; the rest
// (index.html) must be revalidated, with an ETag.
func Handler() http.Handler {
	return http.HandlerFunc(serve)
}

var (
	loadOnce sync.Once
	assets   map[string]*asset
	loadErr  error
)

func load() {
	assets = map[string]*asset{}
	loadErr = fs.WalkDir(dist, "dist", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := dist.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "dist")
		ext := path.Ext(name)
		ct, ok := contentTypes[ext]
		if !ok {
			ct = http.DetectContentType(b)
		}
		sum := sha256.Sum256(b)
		a := &asset{name: name, ctype: ct, body: b,
			etag: `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`}
		if compressible[ext] && len(b) > 1024 {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			zw.Write(b)
			zw.Close()
			if buf.Len() < len(b)*9/10 {
				a.gz = buf.Bytes()
			}
		}
		assets[name] = a
		return nil
	})
}

func serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	loadOnce.Do(load)
	if loadErr != nil {
		http.Error(w, "web: "+loadErr.Error(), http.StatusInternalServerError)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	if p == "/api" || strings.HasPrefix(p, "/api/") {
		http.NotFound(w, r)
		return
	}
	a, ok := assets[p]
	if p == "/" || p == "/index.html" {
		a, ok = assets["/index.html"], true
	}
	h := w.Header()
	switch {
	case ok && strings.HasPrefix(p, "/assets/"):
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	case !ok && (strings.HasPrefix(p, "/assets/") || path.Ext(p) != ""):
		// A missing file, not an app route: answering with the page
		// would hand a script tag HTML.
		http.NotFound(w, r)
		return
	default:
		if !ok {
			a = assets["/index.html"]
		}
		h.Set("Cache-Control", "no-cache")
	}
	if a == nil {
		http.NotFound(w, r)
		return
	}
	h.Set("Content-Type", a.ctype)
	h.Set("X-Content-Type-Options", "nosniff")
	body, etag := a.body, a.etag
	if a.gz != nil {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			h.Set("Content-Encoding", "gzip")
			// Each representation has its own tag.
			body, etag = a.gz, strings.TrimSuffix(etag, `"`)+`-gz"`
		}
	}
	h.Set("ETag", etag)
	// ServeContent handles If-None-Match, HEAD and ranges. The modtime
	// is zero: embedded files have none, so no Last-Modified is sent.
	http.ServeContent(w, r, a.name, time.Time{}, bytes.NewReader(body))
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") && strings.ReplaceAll(q, " ", "") != "q=0" {
			return true
		}
	}
	return false
}
