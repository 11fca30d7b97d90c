package server

import (
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/gijigraph/gijigraph/graph"
)

// metrics are the server's Prometheus metrics, in a registry of its own
// so that several servers (tests) can live in one process.
type metrics struct {
	reg           *prometheus.Registry
	requests      *prometheus.CounterVec
	duration      *prometheus.HistogramVec
	gizmoQueries  *prometheus.CounterVec
	gizmoInFlight prometheus.Gauge
	quads         prometheus.Gauge
	snapshotTook  prometheus.Gauge
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gijigraph_http_requests_total",
			Help: "HTTP requests by method, route and status code.",
		}, []string{"method", "route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "gijigraph_http_request_duration_seconds",
			Help:    "HTTP request latency by method and route.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"method", "route"}),
		gizmoQueries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gijigraph_gizmo_queries_total",
			Help: "Gizmo queries (/api/gizmo and Cayley's /api/v2/query) by outcome: ok, truncated, error, timeout, canceled, rejected.",
		}, []string{"outcome"}),
		gizmoInFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "gijigraph_gizmo_queries_in_flight",
			Help: "Gizmo queries running now.",
		}),
		quads: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "gijigraph_graph_quads",
			Help: "Quads in the graph when the read model was last built.",
		}),
		snapshotTook: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "gijigraph_read_model_build_seconds",
			Help: "How long the last build of the read model took.",
		}),
	}
	m.reg.MustRegister(m.requests, m.duration, m.gizmoQueries, m.gizmoInFlight, m.quads, m.snapshotTook,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

func (m *metrics) snapshot(st graph.SnapshotStats) {
	m.quads.Set(float64(st.Quads))
	m.snapshotTook.Set(st.Took.Seconds())
}

// observe counts and times each request and logs it with log/slog.
func (s *Server) observe(c *gin.Context) {
	start := time.Now()
	c.Next()
	took := time.Since(start)
	route := c.FullPath()
	if route == "" {
		route = "other" // NoRoute: the web app or a 404; bounded cardinality
	}
	status := c.Writer.Status()
	s.metrics.requests.WithLabelValues(c.Request.Method, route, strconv.Itoa(status)).Inc()
	s.metrics.duration.WithLabelValues(c.Request.Method, route).Observe(took.Seconds())
	attrs := []any{
		"method", c.Request.Method, "route", route, "path", c.Request.URL.Path,
		"status", status, "duration", took, "bytes", c.Writer.Size(), "remote", c.ClientIP(),
	}
	if len(c.Errors) > 0 {
		attrs = append(attrs, "error", c.Errors.Last().Error())
	}
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	s.log.Log(c.Request.Context(), level, "request", attrs...)
}
