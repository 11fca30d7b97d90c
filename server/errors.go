package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"runtime/debug"

	"github.com/gin-gonic/gin"

	"github.com/gijigraph/gijigraph/graph"
)

// ErrInvalidArgument is matched by errors caused by what the client
// sent; statusOf maps it to 400. An IngestFunc wraps extraction errors
// with it.
var ErrInvalidArgument = errors.New("invalid argument")

var (
	errUnauthorized = errors.New("unauthorized")
	errForbidden    = errors.New("forbidden")
	errTooMany      = errors.New("too many concurrent queries")
	errTooLarge     = errors.New("request body too large")
	errNoRoute      = errors.New("no such endpoint")
	errMethod       = errors.New("method not allowed")
	errUnavailable  = errors.New("unavailable")
)

// statusOf is the one place that maps errors to HTTP status codes.
func statusOf(err error) int {
	var tooLarge *http.MaxBytesError
	switch {
	case errors.Is(err, graph.ErrNotFound), errors.Is(err, errNoRoute):
		return http.StatusNotFound
	case errors.Is(err, ErrInvalidArgument), errors.Is(err, graph.ErrInvalid):
		return http.StatusBadRequest
	case errors.Is(err, errUnauthorized):
		return http.StatusUnauthorized
	case errors.Is(err, errForbidden):
		return http.StatusForbidden
	case errors.Is(err, errMethod):
		return http.StatusMethodNotAllowed
	case errors.Is(err, errTooLarge), errors.As(err, &tooLarge):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, errTooMany):
		return http.StatusTooManyRequests
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusGatewayTimeout
	case errors.Is(err, errUnavailable), errors.Is(err, graph.ErrClosed), errors.Is(err, context.Canceled):
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// errorBody is the JSON of every error response.
type errorBody struct {
	Error string `json:"error"`
	// Close lists names close to one that was not found.
	Close []string `json:"close_matches,omitempty"`
}

// fail writes err as a JSON error with the status statusOf gives.
func fail(c *gin.Context, err error) {
	status := statusOf(err)
	body := errorBody{Error: err.Error()}
	var nf *graph.NotFoundError
	if errors.As(err, &nf) {
		body.Close = nf.Close
	}
	switch status {
	case http.StatusUnauthorized:
		c.Header("WWW-Authenticate", `Bearer realm="gijigraph"`)
	case http.StatusTooManyRequests:
		c.Header("Retry-After", "1")
	}
	c.Error(err) // for the request log
	writeJSON(c, status, body)
	c.Abort()
}

// writeJSON encodes v as compact JSON, without HTML escaping (IRIs keep
// their <>).
func writeJSON(c *gin.Context, status int, v any) {
	writeJSONAs(c, status, "application/json; charset=utf-8", v)
}

// writeJSONAs is writeJSON with another content type.
func writeJSONAs(c *gin.Context, status int, ctype string, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"error":"server: encoding the response failed"}` + "\n")
	}
	c.Data(status, ctype, buf.Bytes())
}

// recover turns a panic in a handler into a 500 and logs the stack.
func (s *Server) recover(c *gin.Context) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("panic", "method", c.Request.Method, "path", c.Request.URL.Path, "panic", v, "stack", string(debug.Stack()))
			if !c.Writer.Written() {
				writeJSON(c, http.StatusInternalServerError, errorBody{Error: "server: internal error"})
			}
			c.Abort()
		}
	}()
	c.Next()
}
