// Package server is gijigraph's HTTP query server: a JSON API over the
// graph for researchers (who raised what, where, in which post), graph
// formats for visualisation front-ends, Gizmo queries and Cayley's own
// HTTP API.
//
// Handlers are thin: each parses its request into a struct, validates it,
// asks the graph and encodes the answer; statusOf alone maps errors to
// status codes. On a store with a read index, the hot reads (who raised
// a concept, the lists of meetings and concepts, /healthz) are answered
// per request from the index through a graph.Catalog, opened at start
// and after every write (on PostgreSQL, after any server's write:
// follow); the others from a graph.Snapshot, an in-memory read model
// built on first use after a write. Without an index (memory, or an old
// database) every read is answered from a Snapshot built at start.
// docs/api.md documents every endpoint.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-contrib/gzip"
	"github.com/gin-gonic/gin"

	"github.com/gijigraph/gijigraph/graph"
	"github.com/gijigraph/gijigraph/sandbox"
	"github.com/gijigraph/gijigraph/server/web"
)

// Defaults of Config.
const (
	DefaultGizmoTimeout     = 10 * time.Second
	DefaultGizmoLimit       = 1000
	MaxGizmoLimit           = 100000
	DefaultGizmoConcurrency = 4
	DefaultMaxQueryBytes    = 64 << 10
	DefaultMaxDocumentBytes = 16 << 20
	DefaultGizmoMemory      = sandbox.DefaultMemory
)

// Config is everything New needs.
type Config struct {
	// Store is the graph to serve, opened by the caller, who closes it
	// after the server has stopped.
	Store *graph.Store
	// Writable says the store was opened for writing. Without it every
	// write endpoint answers 403.
	Writable bool
	// Token is the bearer token that write endpoints require. Empty
	// disables writing (403).
	Token string
	// Ingest extracts an uploaded minutes file and writes it to the
	// store, for POST /api/documents; nil disables that endpoint. The
	// command wires it to the extractor, which server does not import.
	Ingest IngestFunc

	// GizmoTimeout bounds every Gizmo query (DefaultGizmoTimeout).
	GizmoTimeout time.Duration
	// GizmoLimit is the result limit when a query gives none
	// (DefaultGizmoLimit); ?limit= may ask for up to MaxGizmoLimit.
	GizmoLimit int
	// GizmoConcurrency caps the Gizmo queries that run at once, on
	// /api/gizmo and Cayley's API together (DefaultGizmoConcurrency).
	// One more gets 429.
	GizmoConcurrency int
	// GizmoMemory is the memory one Gizmo query may use on top of the
	// graph, in bytes (DefaultGizmoMemory): queries run in worker
	// processes of the sandbox package, whose address space is limited.
	GizmoMemory int64
	// SandboxCommand is the Gizmo worker executable; "" means the running
	// one, whose main must call sandbox.MainIfWorker first.
	SandboxCommand string
	// MaxQueryBytes caps a Gizmo request body (DefaultMaxQueryBytes).
	MaxQueryBytes int64
	// MaxDocumentBytes caps an uploaded minutes file
	// (DefaultMaxDocumentBytes).
	MaxDocumentBytes int64

	// CORSOrigins are the origins (scheme://host[:port]) of front-ends on
	// other sites that may call the API from a browser: they get CORS
	// headers and preflight answers, and pass the cross-site check.
	CORSOrigins []string

	// Logger receives one line per request; nil discards them.
	Logger *slog.Logger
}

// IngestFunc extracts the minutes in data (a file called name) and
// writes the document to s, replacing the meeting if it is there.
// Errors caused by the input should wrap ErrInvalidArgument.
type IngestFunc func(ctx context.Context, s *graph.Store, name string, data []byte, opt IngestOptions) (*Ingested, error)

// IngestOptions are the query parameters of POST /api/documents that
// change how the minutes are read.
type IngestOptions struct {
	// Strict turns every extraction warning into an error (?strict=true).
	Strict bool
}

// Ingested is what POST /api/documents did.
type Ingested struct {
	MeetingID string   `json:"meeting_id"`
	Status    string   `json:"status"` // added, replaced or unchanged
	Quads     int      `json:"quads"`
	Added     int      `json:"added"`
	Deleted   int      `json:"deleted"`
	Warnings  []string `json:"warnings"`
	// Complete is false when the minutes end mid-sentence and were read
	// as far as they go.
	Complete bool `json:"complete"`
	// Meetings lists every meeting written, when the file held several
	// (MeetingID is the first).
	Meetings []string `json:"meetings,omitempty"`
}

// Server serves the API over one store.
type Server struct {
	cfg     Config
	log     *slog.Logger
	cat     atomic.Pointer[graph.Catalog] // nil: the store has no read index
	snap    atomic.Pointer[lazySnapshot]
	snapMu  sync.Mutex   // one Snapshot built at a time
	version atomic.Int64 // incremented by every refresh
	writeMu sync.Mutex   // one write (and the rebuild after it) at a time
	// generation is the store's index generation the read model was
	// built at (PostgreSQL: follow compares it with the database's).
	generation  atomic.Int64
	gizmoLoaded chan struct{}      // closed once the Gizmo workers have a graph copy
	stop        context.CancelFunc // stops background
	background  sync.WaitGroup     // the first Gizmo copy, follow
	gizmo       chan struct{}
	sandbox     *sandbox.Pool
	cop         *http.CrossOriginProtection
	metrics     *metrics
	cayley      http.Handler
	router      *gin.Engine
	cors        gin.HandlerFunc
}

// New builds the read model of cfg.Store and the routes.
func New(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("server: no store")
	}
	if cfg.GizmoTimeout <= 0 {
		cfg.GizmoTimeout = DefaultGizmoTimeout
	}
	if cfg.GizmoLimit <= 0 {
		cfg.GizmoLimit = DefaultGizmoLimit
	}
	cfg.GizmoLimit = min(cfg.GizmoLimit, MaxGizmoLimit)
	if cfg.GizmoConcurrency <= 0 {
		cfg.GizmoConcurrency = DefaultGizmoConcurrency
	}
	if cfg.MaxQueryBytes <= 0 {
		cfg.MaxQueryBytes = DefaultMaxQueryBytes
	}
	if cfg.MaxDocumentBytes <= 0 {
		cfg.MaxDocumentBytes = DefaultMaxDocumentBytes
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if cfg.GizmoMemory <= 0 {
		cfg.GizmoMemory = DefaultGizmoMemory
	}
	pool, err := sandbox.New(sandbox.Config{Workers: cfg.GizmoConcurrency, Memory: cfg.GizmoMemory, Timeout: cfg.GizmoTimeout, Command: cfg.SandboxCommand})
	if err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	s := &Server{cfg: cfg, log: log, gizmo: make(chan struct{}, cfg.GizmoConcurrency), sandbox: pool, cop: http.NewCrossOriginProtection(), metrics: newMetrics()}
	if err := CheckOrigins(cfg.CORSOrigins); err != nil {
		pool.Close()
		return nil, err
	}
	for _, o := range cfg.CORSOrigins {
		if err := s.cop.AddTrustedOrigin(o); err != nil {
			pool.Close()
			return nil, fmt.Errorf("server: CORS origin: %w", err)
		}
	}
	if s.cors, err = corsHandler(cfg.CORSOrigins); err != nil {
		pool.Close()
		return nil, err
	}
	s.gizmoLoaded = make(chan struct{})
	// bg lives until Close, which cancels it and waits for what runs in it.
	bg, cancel := context.WithCancel(context.WithoutCancel(ctx))
	s.stop = cancel
	if err := s.refresh(ctx); err != nil {
		cancel()
		pool.Close()
		return nil, err
	}
	// The Gizmo workers' copy of the graph is written in the background:
	// the researchers' API answers from the read model meanwhile, and a
	// Gizmo query waits for the copy (waitGizmoGraph).
	s.background.Add(1)
	go func() {
		defer s.background.Done()
		defer close(s.gizmoLoaded)
		if err := s.loadGizmo(bg); err != nil {
			// Queries then fail with the sandbox's "no graph loaded"
			// until a write loads a copy.
			s.log.Error("copying the graph for the Gizmo workers", "err", err)
		}
	}()
	if s.cfg.Store.Backend() == graph.Postgres {
		s.background.Add(1)
		go s.follow(bg)
	}
	s.cayley = http.StripPrefix(cayleyPrefix, cfg.Store.CayleyHandler(graph.CayleyOptions{
		ReadOnly: !cfg.Writable,
		Timeout:  cfg.GizmoTimeout,
		Limit:    cfg.GizmoLimit,
	}))
	s.router = s.routes()
	return s, nil
}

// rebuild replaces the read model with a new one read from the store,
// then the Gizmo workers' copy of the graph. Readers see the new read
// model as soon as it is built.
func (s *Server) rebuild(ctx context.Context) error {
	if err := s.refresh(ctx); err != nil {
		return err
	}
	// Wait for the first copy, then replace it: queries after a write see it.
	<-s.gizmoLoaded
	if err := s.loadGizmo(ctx); err != nil {
		return fmt.Errorf("server: %w", err)
	}
	return nil
}

// loadGizmo points the Gizmo workers at the store as it is now
// (sandbox.Pool.Load: on bolt open for writing, a new snapshot).
func (s *Server) loadGizmo(ctx context.Context) error {
	t0 := time.Now()
	if err := s.sandbox.Load(ctx, s.cfg.Store); err != nil {
		return err
	}
	s.log.Info("Gizmo workers' graph ready", "took", time.Since(t0).Round(time.Millisecond))
	return nil
}

// lazySnapshot is a Snapshot and the refresh it belongs to.
type lazySnapshot struct {
	sn      *graph.Snapshot
	version int64
}

// refresh opens a new Catalog of the store, or, without a read index,
// reads a new Snapshot; a Snapshot of before is no longer used.
func (s *Server) refresh(ctx context.Context) error {
	gen, err := s.cfg.Store.IndexGeneration(ctx)
	if err != nil {
		return fmt.Errorf("server: %w", err)
	}
	var st graph.SnapshotStats
	cat, err := s.cfg.Store.OpenCatalog(ctx)
	switch {
	case err == nil:
		v := s.version.Add(1)
		s.cat.Store(cat)
		s.snap.Store(&lazySnapshot{version: v})
		st = cat.Stats()
	case errors.Is(err, graph.ErrNoView):
		sn, err := s.cfg.Store.Snapshot(ctx)
		if err != nil {
			return fmt.Errorf("server: %w", err)
		}
		v := s.version.Add(1)
		s.cat.Store(nil)
		s.snap.Store(&lazySnapshot{sn, v})
		st = sn.Stats()
	default:
		return fmt.Errorf("server: %w", err)
	}
	s.generation.Store(gen)
	s.metrics.snapshot(st)
	s.log.Info("read model built", "source", st.Source, "quads", st.Quads, "meetings", st.Meetings, "people", st.People, "concepts", st.Concepts, "mentions", st.Mentions, "took", st.Took.Round(time.Millisecond))
	if st.Note != "" {
		s.log.Warn(st.Note)
	}
	return nil
}

// FollowInterval is how often a server on PostgreSQL asks whether
// another server has written: a write through one server is visible
// through the others within this and the time to read the new read
// model.
const FollowInterval = 200 * time.Millisecond

// follow rebuilds the read model whenever another process writes to the
// PostgreSQL database (the read index's generation changes), until
// Close.
func (s *Server) follow(ctx context.Context) {
	defer s.background.Done()
	t := time.NewTicker(FollowInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		gen, err := s.cfg.Store.IndexGeneration(ctx)
		if err != nil || gen == s.generation.Load() {
			continue
		}
		s.writeMu.Lock()
		if gen != s.generation.Load() {
			if err := s.rebuild(ctx); err != nil {
				s.log.Error("reading another server's write", "err", err)
			}
		}
		s.writeMu.Unlock()
	}
}

// waitGizmoGraph waits until the Gizmo workers have their first copy of
// the graph.
func (s *Server) waitGizmoGraph(ctx context.Context) error {
	select {
	case <-s.gizmoLoaded:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close stops the Gizmo workers and the following of other servers'
// writes. The caller closes the store.
func (s *Server) Close() error {
	s.stop()
	s.background.Wait()
	return s.sandbox.Close()
}

// snapshot is the whole read model, for the requests the Catalog does
// not answer: read from the store on first use after a refresh (it
// holds every row and speech in memory: on a large corpus that takes
// long and much memory).
func (s *Server) snapshot(ctx context.Context) (*graph.Snapshot, error) {
	v := s.version.Load()
	if l := s.snap.Load(); l != nil && l.sn != nil && l.version == v {
		return l.sn, nil
	}
	s.snapMu.Lock()
	defer s.snapMu.Unlock()
	v = s.version.Load()
	if l := s.snap.Load(); l != nil && l.sn != nil && l.version == v {
		return l.sn, nil
	}
	// Not the request's context alone: the requests waiting here share
	// the result.
	sn, err := s.cfg.Store.Snapshot(context.WithoutCancel(ctx))
	if err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	s.snap.Store(&lazySnapshot{sn, v})
	if s.version.Load() != v {
		// A write came meanwhile: this request may still use what it
		// waited for, the next ones read anew.
		s.log.Info("read model built", "source", sn.Stats().Source, "stale", true)
	}
	return sn, nil
}

// stats are the sizes of the store, for /healthz.
func (s *Server) stats(ctx context.Context) (graph.SnapshotStats, error) {
	if c := s.cat.Load(); c != nil {
		return c.Stats(), nil
	}
	sn, err := s.snapshot(ctx)
	if err != nil {
		return graph.SnapshotStats{}, err
	}
	return sn.Stats(), nil
}

// raised answers from the Catalog when it can, else from the Snapshot.
func (s *Server) raised(ctx context.Context, q graph.RaisedQuery) (graph.RaisedResult, error) {
	if c := s.cat.Load(); c != nil {
		if res, ok, err := c.Raised(ctx, q); ok {
			return res, err
		}
	}
	sn, err := s.snapshot(ctx)
	if err != nil {
		return graph.RaisedResult{}, err
	}
	return sn.Raised(q)
}

// meetings returns a page of the meetings that match q and how many do.
func (s *Server) meetings(ctx context.Context, q graph.MeetingsQuery, pg listPage) ([]graph.MeetingSummary, int, error) {
	if c := s.cat.Load(); c != nil {
		if ms, total, ok, err := c.FilterMeetings(ctx, q, pg.offset, pg.limit); ok {
			return ms, total, err
		}
	}
	sn, err := s.snapshot(ctx)
	if err != nil {
		return nil, 0, err
	}
	ms, err := sn.FilterMeetings(q)
	if err != nil {
		return nil, 0, err
	}
	lo, hi := pg.slice(len(ms))
	return ms[lo:hi], len(ms), nil
}

// meeting returns a meeting's detail.
func (s *Server) meeting(ctx context.Context, id string) (*graph.MeetingDetail, error) {
	if c := s.cat.Load(); c != nil {
		return c.Meeting(ctx, id)
	}
	sn, err := s.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	return sn.Meeting(id)
}

// concept returns a concept's detail.
func (s *Server) concept(ctx context.Context, name string) (*graph.ConceptDetail, error) {
	if c := s.cat.Load(); c != nil {
		return c.Concept(ctx, name)
	}
	sn, err := s.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	return sn.Concept(name)
}

// filterConcepts returns the concepts that match q and every type.
func (s *Server) filterConcepts(ctx context.Context, q graph.ConceptsQuery) ([]graph.ConceptSummary, []string, error) {
	if c := s.cat.Load(); c != nil {
		if cs, ok, err := c.FilterConcepts(q); ok {
			return cs, c.ConceptTypes(), err
		}
	}
	sn, err := s.snapshot(ctx)
	if err != nil {
		return nil, nil, err
	}
	cs, err := sn.FilterConcepts(q)
	return cs, sn.ConceptTypes(), err
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.router }

// cayleyPrefix is where Cayley's HTTP API v2 is mounted: its
// /api/v2/query is /cayley/api/v2/query here.
const cayleyPrefix = "/cayley"

func (s *Server) routes() *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.Use(s.recover, s.observe, s.cors, s.crossSite)

	r.GET("/healthz", s.handleHealth)
	r.GET("/metrics", gin.WrapH(s.metrics.handler()))

	// JSON, CSV and graph responses are compressed for clients that ask
	// (Accept-Encoding: gzip), at gzip's fastest level: a CSV of every
	// row of the seeds is 6x smaller (319,512 → 53,688 bytes) at less
	// CPU per response than the default level.
	api := r.Group("/api", gzip.Gzip(gzip.BestSpeed))
	api.GET("/openapi.yaml", handleOpenAPI)
	api.GET("/meetings", s.handleMeetings)
	api.GET("/meetings/:id", s.handleMeeting)
	api.GET("/people", s.handlePeople)
	api.GET("/people/:id", s.handlePerson)
	api.GET("/concepts", s.handleConcepts)
	api.GET("/concepts/:id", s.handleConcept)
	api.GET("/raised", s.handleRaised)
	api.GET("/search", s.handleSearch)
	api.GET("/graph", s.handleGraph)
	api.POST("/gizmo", s.handleGizmo)
	api.GET("/queries", handleQueries)
	api.POST("/queries/:name", s.handleQuery)
	api.POST("/documents", s.requireWrite, s.handleDocuments)

	// Cayley's HTTP API v2, for Cayley's own clients.
	cay := r.Group(cayleyPrefix + "/api/v2")
	query := gin.HandlerFunc(s.handleCayleyQuery)
	read := gin.HandlerFunc(s.handleCayleyRead)
	cay.GET("/query", query)
	cay.POST("/query", query)
	cay.GET("/read", read)
	cay.POST("/read", read)
	cay.GET("/formats", read)
	write := gin.HandlerFunc(s.handleCayleyWrite)
	cay.POST("/write", s.requireWrite, write)
	cay.POST("/delete", s.requireWrite, write)
	cay.POST("/node/delete", s.requireWrite, write)

	// Cayley's API v1 query endpoint, as stock `cayley http` serves it.
	r.POST(cayleyPrefix+"/api/v1/query/:lang", s.handleCayleyV1Query)

	webApp := web.Handler()
	r.NoRoute(func(c *gin.Context) {
		p := c.Request.URL.Path
		for _, prefix := range []string{"/api", cayleyPrefix, "/healthz", "/metrics"} {
			if p == prefix || strings.HasPrefix(p, prefix+"/") {
				fail(c, fmt.Errorf("%w: %s %s", errNoRoute, c.Request.Method, p))
				return
			}
		}
		webApp.ServeHTTP(c.Writer, c.Request)
	})
	r.NoMethod(func(c *gin.Context) {
		fail(c, fmt.Errorf("%w: %s %s", errMethod, c.Request.Method, c.Request.URL.Path))
	})
	return r
}

// Serve answers requests on ln until ctx is done, then shuts down
// gracefully, letting requests in flight finish for up to five seconds.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		// A Gizmo query may run for the whole timeout, then be encoded.
		WriteTimeout: s.cfg.GizmoTimeout + time.Minute,
		IdleTimeout:  2 * time.Minute,
		BaseContext:  func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("server: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil {
		return fmt.Errorf("server: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("server: %w", err)
	}
	return nil
}

func (s *Server) handleHealth(c *gin.Context) {
	st, err := s.stats(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	writeJSON(c, http.StatusOK, struct {
		Status   string              `json:"status"`
		Backend  string              `json:"backend"`
		Writable bool                `json:"writable"`
		Snapshot graph.SnapshotStats `json:"read_model"`
	}{"ok", s.cfg.Store.Backend(), s.cfg.Writable, st})
}
