package server

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
)

// corsHandler lets a front-end served from one of origins (Config.CORSOrigins)
// call the API from a browser: Access-Control-Allow-Origin, Vary: Origin
// and answers to preflight requests, by gin-contrib/cors. A request from
// any other origin gets no CORS header and goes on as before (gin-contrib/cors
// alone would answer it 403, which would refuse the server's own web app
// and same-origin clients). With no origins it does nothing.
func corsHandler(origins []string) (gin.HandlerFunc, error) {
	if len(origins) == 0 {
		return func(c *gin.Context) { c.Next() }, nil
	}
	cfg := cors.Config{
		AllowOrigins:     origins,
		AllowMethods:     []string{http.MethodGet, http.MethodHead, http.MethodPost},
		AllowHeaders:     []string{"Content-Type", "Accept", "Accept-Encoding"},
		ExposeHeaders:    []string{"X-Total-Count", "Content-Disposition"},
		AllowCredentials: false,
		MaxAge:           12 * time.Hour,
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("server: --cors-origin: %w", err)
	}
	h := cors.New(cfg)
	return func(c *gin.Context) {
		if slices.Contains(origins, c.GetHeader("Origin")) {
			h(c)
			return
		}
		c.Next()
	}, nil
}

// CheckOrigins checks that each of origins is scheme://host[:port]; New
// calls it, and the command before opening a store.
func CheckOrigins(origins []string) error {
	for _, o := range origins {
		if !strings.HasPrefix(o, "http://") && !strings.HasPrefix(o, "https://") || strings.Count(o, "/") != 2 {
			return fmt.Errorf("server: CORS origin %q: want scheme://host[:port], as a browser sends it in Origin", o)
		}
	}
	return nil
}
