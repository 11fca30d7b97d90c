package server

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// openAPI is the OpenAPI 3 description of every route, served at
// /api/openapi.yaml. TestOpenAPIRoutes keeps it in step with the router.
//
//go:embed openapi.yaml
var openAPI []byte

func handleOpenAPI(c *gin.Context) {
	c.Data(http.StatusOK, "application/yaml; charset=utf-8", openAPI)
}
