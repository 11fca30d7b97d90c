package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var listeningRE = regexp.MustCompile(`listening on (http://\S+)`)

// TestServe runs `gijigraph serve` on a database that does not exist:
// it builds the seeds, listens on a free port, answers /healthz and
// stops when its context is cancelled.
func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	var stderr syncBuffer
	e := &env{
		stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr,
		log:    slog.New(slog.NewTextHandler(&stderr, nil)),
		getenv: func(string) string { return "" },
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- run(ctx, e, []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}) }()

	var base string
	for deadline := time.Now().Add(60 * time.Second); base == ""; {
		if m := listeningRE.FindStringSubmatch(stderr.String()); m != nil {
			base = m[1]
			break
		}
		select {
		case err := <-done:
			t.Fatalf("serve returned: %v\n%s", err, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no address printed:\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	var h struct {
		Status    string
		Writable  bool
		ReadModel struct{ Meetings int } `json:"read_model"`
	}
	err = json.NewDecoder(resp.Body).Decode(&h)
	resp.Body.Close()
	if err != nil || h.Status != "ok" || h.ReadModel.Meetings != 2 || h.Writable {
		t.Errorf("healthz: %+v, %v", h, err)
	}
	if !strings.Contains(stderr.String(), "building the seed minutes") {
		t.Errorf("no build of the seeds reported:\n%s", stderr.String())
	}
	// The server holds a shared lock: a reader can open the database too.
	if _, errOut, err := gg(t, nil, "export", "--db", db); err != nil {
		t.Errorf("export while serving: %v\n%s", err, errOut)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func TestServeUsage(t *testing.T) {
	_, _, err := gg(t, nil, "serve", "--writable", "--db", filepath.Join(t.TempDir(), "db"))
	if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), "--writable needs --token") {
		t.Errorf("--writable without a token: %v", err)
	}
	db := filepath.Join(t.TempDir(), "db")
	_, _, err = gg(t, map[string]string{"GIJIGRAPH_CORS_ORIGINS": "https://ok.example, viz.example/"}, "serve", "--db", db)
	if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), `"viz.example/"`) {
		t.Errorf("a bad origin in $GIJIGRAPH_CORS_ORIGINS: %v", err)
	}
	_, _, err = gg(t, nil, "serve", "--db", db, "--cors-origin", "https://ok.example", "--cors-origin", "ftp://x")
	if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), `"ftp://x"`) {
		t.Errorf("a bad --cors-origin: %v", err)
	}
}
