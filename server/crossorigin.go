package server

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// crossSite refuses cross-site requests from browsers to the endpoints
// that run queries or write, with 403: a page on another site must not
// make the user's browser run Gizmo (or a write) on the user's server. It
// uses the standard library's CrossOriginProtection (Sec-Fetch-Site, then
// Origin against Host); requests without those headers (curl, Cayley's
// clients, other programs) pass.
// CrossOriginProtection lets GET through; Cayley's query endpoint also
// runs queries on GET, so there a GET is checked as a POST.
func (s *Server) crossSite(c *gin.Context) {
	r := c.Request
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		if !strings.HasPrefix(r.URL.Path, cayleyPrefix+"/api/v2/query") {
			c.Next()
			return
		}
		r = r.Clone(r.Context())
		r.Method = http.MethodPost
	}
	if err := s.cop.Check(r); err != nil {
		fail(c, fmt.Errorf("%w: a cross-site request from a browser (%v)", errForbidden, err))
		return
	}
	c.Next()
}
