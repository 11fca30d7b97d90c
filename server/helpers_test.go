package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/gijigraph/gijigraph/extract"
	"github.com/gijigraph/gijigraph/graph"
)

// The seed minutes and concept list.
var seedFiles = []string{"../seeds/2018-04-04_cybersecurity-hq_17.txt", "../seeds/2021-07-07_cybersecurity-hq_30.txt"}

const seedConcepts = "../seeds/concepts.yaml"

var (
	conceptsOnce sync.Once
	concepts     *extract.Concepts
	conceptsErr  error
)

func loadConcepts(t testing.TB) *extract.Concepts {
	t.Helper()
	conceptsOnce.Do(func() { concepts, conceptsErr = extract.LoadConcepts(seedConcepts) })
	if conceptsErr != nil {
		t.Fatal(conceptsErr)
	}
	return concepts
}

func graphConcepts(cs *extract.Concepts) []graph.Concept {
	var out []graph.Concept
	for _, k := range cs.List() {
		out = append(out, graph.Concept{ID: k.ID, Type: k.Type, Ja: k.Ja, En: k.En, Aliases: k.Aliases, Broader: k.Broader, Related: k.Related, Note: k.Note})
	}
	return out
}

// testIngest is the IngestFunc the command wires, for tests.
func testIngest(t testing.TB) IngestFunc {
	cs := loadConcepts(t)
	key := graph.BuildKey(graphConcepts(cs))
	return func(ctx context.Context, s *graph.Store, name string, data []byte, opt IngestOptions) (*Ingested, error) {
		doc, err := extract.Parse(name, data)
		if err == nil && opt.Strict {
			err = extract.Strict(doc)
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInvalidArgument, err)
		}
		cs.Annotate(doc)
		res, err := s.WriteDocument(ctx, doc, key)
		if err != nil {
			return nil, err
		}
		return &Ingested{MeetingID: doc.Meeting.ID, Status: res.Status.String(), Quads: res.Quads, Added: res.Added, Deleted: res.Deleted, Complete: doc.Complete}, nil
	}
}

// newStore returns a memory store holding the concept list and, if
// seeded, both seed meetings.
func newStore(t testing.TB, seeded bool) *graph.Store {
	t.Helper()
	ctx := context.Background()
	s, err := graph.Open(ctx, graph.Config{Backend: graph.Memory})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if !seeded {
		if _, err := s.WriteConcepts(ctx, graphConcepts(loadConcepts(t))); err != nil {
			t.Fatal(err)
		}
		return s
	}
	seedInto(t, s)
	return s
}

// newServer returns a server over a seeded memory store; edit adjusts its
// config.
func newServer(t testing.TB, edit func(*Config)) *Server {
	t.Helper()
	cfg := Config{Store: newStore(t, true)}
	if edit != nil {
		edit(&cfg)
	}
	s, err := New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var (
	sharedOnce sync.Once
	shared     *Server
)

// sharedServer is one read-only seeded server for the tests that only
// read.
func sharedServer(t *testing.T) *Server {
	t.Helper()
	sharedOnce.Do(func() {
		ctx := context.Background()
		st, err := graph.Open(ctx, graph.Config{Backend: graph.Memory})
		if err != nil {
			t.Fatal(err)
		}
		// Not closed: it lives as long as the test binary.
		seedInto(t, st)
		shared, err = New(ctx, Config{Store: st})
		if err != nil {
			t.Fatal(err)
		}
	})
	if shared == nil {
		t.Fatal("no shared server")
	}
	return shared
}

// response is a recorded response.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decoding %s: %v", r.body, err)
	}
}

// do sends a request to s's handler.
func do(t testing.TB, s *Server, method, target string, body io.Reader, header ...string) response {
	t.Helper()
	req := httptest.NewRequest(method, target, body)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, req)
	return response{w.Code, w.Result().Header, w.Body.Bytes()}
}

func get(t testing.TB, s *Server, target string) response {
	t.Helper()
	return do(t, s, http.MethodGet, target, nil)
}

func post(t testing.TB, s *Server, target, body string, header ...string) response {
	t.Helper()
	return do(t, s, http.MethodPost, target, strings.NewReader(body), header...)
}
