package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestKokkaiFetchAndBuild fetches the saved pages from a local server
// standing in for the API, then builds them: two meetings, each once.
func TestKokkaiFetchAndBuild(t *testing.T) {
	const saved = "../../extract/source/testdata/kokkai"
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page := map[string]string{"1": "1", "2": "2"}[r.URL.Query().Get("startRecord")]
		data, err := os.ReadFile(filepath.Join(saved, "meeting-"+page+".json"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Write(data)
	}))
	defer ts.Close()
	dir := t.TempDir()
	out := filepath.Join(dir, "pages")
	stdout, stderr, err := runCmd(t, "kokkai", "--base", ts.URL+"/api", "--pause", "1ms", "--any", "サイバー", "--from", "2023-03-01", "--out", out)
	if err != nil {
		t.Fatalf("kokkai: %v\n%s", err, stderr)
	}
	if !strings.Contains(stdout, "2 pages fetched, 0 already saved") {
		t.Errorf("stdout %q", stdout)
	}
	db := filepath.Join(dir, "db")
	stdout, stderr, err = runCmd(t, "build", "--db", db, out)
	if err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	if !strings.Contains(stdout, "2 documents (2 added") {
		t.Errorf("build: %q, want 2 documents added", stdout)
	}
	if strings.Contains(stderr, "warning") {
		t.Errorf("build warned: %s", stderr)
	}
	stdout, _, err = runCmd(t, "query", "--db", db, "meeting-summary", "--param", "meeting=衆議院内閣委員会-2023-03-15-5")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"河野 太郎", "ランサムウェア"} {
		if !strings.Contains(stdout, w) {
			t.Errorf("meeting summary lacks %s:\n%s", w, stdout)
		}
	}
	// Bad flags are usage errors.
	if _, _, err := runCmd(t, "kokkai", "--any", "x"); err == nil || !strings.Contains(err.Error(), "--out") {
		t.Errorf("no --out: err = %v", err)
	}
}

// TestBuildFormats builds a folder of a PDF and an HTML page of the seeds.
func TestBuildFormats(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"2018-04-04_cybersecurity-hq_17.utf-8.html", "2021-07-07_cybersecurity-hq_30.shift_jis.html"} {
		data, err := os.ReadFile(filepath.Join("../../extract/source/testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, f), data, 0o644)
	}
	stdout, stderr, err := runCmd(t, "build", "--db", filepath.Join(t.TempDir(), "db"), dir)
	if err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	if !strings.Contains(stdout, "2 documents (2 added") {
		t.Errorf("build: %q", stdout)
	}
}
