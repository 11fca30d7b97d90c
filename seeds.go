// Package gijigraph holds the data the gijigraph binary ships with: the
// seed minutes and the curated concept list in seeds/. The code lives in
// the subpackages: extract, graph, server, and cmd/gijigraph.
package gijigraph

import "embed"

// Seeds is the seeds/ directory: the seed minutes (*.txt) and the concept
// list (concepts.yaml).
//
//go:embed seeds/*.txt seeds/concepts.yaml
var Seeds embed.FS
