// Package graph stores the document model of meeting minutes as quads in
// a Cayley graph and answers Gizmo queries over it.
//
// It is the only package that imports Cayley. A Store is opened on one of
// three backends: bolt (one embedded file, the default), memory (tests and
// hot data) or postgres (Cayley's SQL backend). DocumentQuads maps one
// extract.Document to quads, every one labelled with the document's IRI
// (vocab.Doc), so that WriteDocument can replace a meeting as a unit:
// writing the same document twice changes nothing, and a changed document
// replaces exactly its own quads. Update makes a whole build atomic.
//
// The vocabulary is in graph/vocab and documented in docs/graph.md.
package graph
