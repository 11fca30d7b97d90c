package kokkaiapi

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// saved are the saved API responses the test server serves.
const saved = "../extract/source/testdata/kokkai"

// server serves the saved pages of an endpoint by startRecord, failing
// the first fail requests with 503. It counts requests and checks that
// they never overlap.
type server struct {
	t        *testing.T
	fail     int
	mu       sync.Mutex
	requests []string
	busy     bool
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	if s.busy {
		s.t.Error("two requests at once")
	}
	s.busy = true
	s.requests = append(s.requests, r.URL.String())
	fail := s.fail > 0
	if fail {
		s.fail--
	}
	s.mu.Unlock()
	defer func() { s.mu.Lock(); s.busy = false; s.mu.Unlock() }()
	if fail {
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	q := r.URL.Query()
	if q.Get("any") == "" || q.Get("maximumRecords") == "" {
		w.WriteHeader(http.StatusBadRequest)
		w.Write([]byte(`{"message":"検索条件の入力に誤りがあります。","details":["検索語を指定してください。"]}`))
		return
	}
	endpoint := strings.TrimPrefix(r.URL.Path, "/api/")
	ext := ".json"
	if q.Get("recordPacking") == "xml" {
		ext = ".xml"
	}
	page := map[string]string{"1": "1", "2": "2", "5": "2"}[q.Get("startRecord")]
	data, err := os.ReadFile(filepath.Join(saved, endpoint+"-"+page+ext))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Write(data)
}

func (s *server) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

func newFetcher(t *testing.T, s *server) *Fetcher {
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return &Fetcher{Base: ts.URL + "/api", Client: ts.Client(), Pause: time.Millisecond, Retries: 3, Backoff: time.Millisecond}
}

func TestFetchAllPagesAndResume(t *testing.T) {
	for _, tc := range []struct {
		endpoint string
		xml      bool
		files    []string
	}{
		{"meeting", false, []string{"meeting-000001.json", "meeting-000002.json"}},
		{"speech", true, []string{"speech-000001.xml", "speech-000005.xml"}},
	} {
		t.Run(tc.endpoint, func(t *testing.T) {
			s := &server{t: t}
			f := newFetcher(t, s)
			dir := t.TempDir()
			q := Query{Endpoint: tc.endpoint, Any: "サイバー", From: "2023-03-01", Until: "2023-03-31", House: "衆議院", XML: tc.xml}
			pages, err := f.Fetch(context.Background(), q, dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) != 2 || s.count() != 2 {
				t.Fatalf("%d pages, %d requests; want 2 and 2", len(pages), s.count())
			}
			for _, name := range tc.files {
				got, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				if len(got) == 0 {
					t.Errorf("%s is empty", name)
				}
			}
			u := s.requests[0]
			for _, w := range []string{"any=%E3%82%B5", "from=2023-03-01", "until=2023-03-31", "nameOfHouse=", "startRecord=1"} {
				if !strings.Contains(u, w) {
					t.Errorf("request %s lacks %s", u, w)
				}
			}
			// A second run finds every page saved and asks for nothing.
			pages, err = f.Fetch(context.Background(), q, dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) != 2 || pages[0].Saved || pages[1].Saved || s.count() != 2 {
				t.Errorf("rerun: %+v, %d requests in all; want both pages skipped", pages, s.count())
			}
			// A run cut short resumes where it stopped.
			os.Remove(filepath.Join(dir, tc.files[1]))
			pages, err = f.Fetch(context.Background(), q, dir)
			if err != nil {
				t.Fatal(err)
			}
			if s.count() != 3 || !pages[1].Saved || pages[0].Saved {
				t.Errorf("resume: %+v, %d requests; want only the missing page fetched", pages, s.count())
			}
		})
	}
}

func TestFetchRetries(t *testing.T) {
	s := &server{t: t, fail: 2}
	f := newFetcher(t, s)
	pages, err := f.Fetch(context.Background(), Query{Endpoint: "meeting", Any: "サイバー"}, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || s.count() != 4 {
		t.Errorf("%d pages after %d requests; want 2 after 4 (two 503s retried)", len(pages), s.count())
	}

	s = &server{t: t, fail: 100}
	f = newFetcher(t, s)
	dir := t.TempDir()
	_, err = f.Fetch(context.Background(), Query{Endpoint: "meeting", Any: "サイバー"}, dir)
	if err == nil || !strings.Contains(err.Error(), "giving up after 4 tries") {
		t.Errorf("err = %v, want giving up after 4 tries", err)
	}
	if s.count() != 4 {
		t.Errorf("%d requests, want 4", s.count())
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("files left after a failure: %v", files)
	}
}

func TestFetchAPIError(t *testing.T) {
	s := &server{t: t}
	f := newFetcher(t, s)
	_, err := f.Fetch(context.Background(), Query{Endpoint: "meeting", Speaker: "河野太郎"}, t.TempDir())
	var ae *Error
	if !errors.As(err, &ae) || ae.Status != 400 || !strings.Contains(err.Error(), "検索語を指定してください") {
		t.Errorf("err = %v, want the API's error record", err)
	}
	if s.count() != 1 {
		t.Errorf("%d requests: a 400 is not retried", s.count())
	}
}

func TestFetchBadQuery(t *testing.T) {
	f := &Fetcher{Base: "http://127.0.0.1:1"}
	for _, q := range []Query{
		{Endpoint: "meetings", Any: "x"},
		{Endpoint: "meeting"},
		{Endpoint: "meeting", Any: "x", From: "2023/03/01"},
		{Endpoint: "meeting", Any: "x", House: "上院"},
		{Endpoint: "meeting", Any: "x", PerPage: 11},
	} {
		if _, err := f.Fetch(context.Background(), q, t.TempDir()); err == nil {
			t.Errorf("%+v: no error", q)
		}
	}
}

func TestFetchCancel(t *testing.T) {
	s := &server{t: t, fail: 100}
	f := newFetcher(t, s)
	f.Backoff = time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := f.Fetch(ctx, Query{Endpoint: "meeting", Any: "x"}, t.TempDir())
		done <- err
	}()
	for s.count() == 0 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}
