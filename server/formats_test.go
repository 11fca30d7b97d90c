package server

import (
	"strings"
	"testing"

	"github.com/gijigraph/gijigraph/graph"
	"github.com/gijigraph/gijigraph/graph/vocab"
	"github.com/gijigraph/gijigraph/internal/roundtrip"
)

// subgraphOf is the cytoscape form of a /api/graph query, the reference
// the other formats are compared with.
func subgraphOf(t *testing.T, s *Server, target string) (nodes []graph.Node, edges []graph.Edge) {
	t.Helper()
	var cy struct {
		Elements struct {
			Nodes []struct{ Data graph.Node }
			Edges []struct{ Data graph.Edge }
		}
	}
	get(t, s, target).json(t, &cy)
	for _, n := range cy.Elements.Nodes {
		nodes = append(nodes, n.Data)
	}
	for _, e := range cy.Elements.Edges {
		edges = append(edges, e.Data)
	}
	if len(nodes) == 0 || len(edges) == 0 {
		t.Fatalf("%s: an empty subgraph", target)
	}
	return nodes, edges
}

// TestGraphJSONLDRoundTrip reads /api/graph?format=jsonld with rdflib:
// every edge is a node with its own IRI, its predicate an IRI of the
// vocabulary, its count an integer.
func TestGraphJSONLDRoundTrip(t *testing.T) {
	s := sharedServer(t)
	const base = "/api/graph?limit=40"
	nodes, edges := subgraphOf(t, s, base)
	r := get(t, s, base+"&format=jsonld")
	got := roundtrip.ReadRDF(t, roundtrip.JSONLD, r.body)
	if got.BadIntegers != 0 || got.Integers < len(nodes)+len(edges) {
		t.Errorf("rdflib read %d integers (%d not as int); want at least %d counts", got.Integers, got.BadIntegers, len(nodes)+len(edges))
	}
	for _, e := range edges {
		id := string(vocab.Edge(e.ID))
		props, ok := got.Nodes[id]
		if !ok {
			t.Errorf("rdflib found no edge %s (id %s)", id, e.ID)
			continue
		}
		want := map[string]any{
			vocab.NS + "predicate":   map[string]any{"@id": graph.EdgePredicateIRI(e.Predicate)},
			vocab.NS + "count":       float64(e.Count),
			string(vocab.Identifier): e.ID,
			vocab.NS + "source":      map[string]any{"@id": string(vocab.Base) + e.Source},
			string(vocab.Type):       map[string]any{"@id": vocab.NS + "Edge"},
		}
		for k, v := range want {
			if !equalJSON(props[k], v) {
				t.Errorf("edge %s: %s = %v, want %v", e.ID, k, props[k], v)
			}
		}
	}
	for _, n := range nodes {
		if _, ok := got.Nodes[n.IRI]; !ok {
			t.Errorf("rdflib found no node %s", n.IRI)
		}
	}
}

func equalJSON(a, b any) bool {
	switch x := b.(type) {
	case map[string]any:
		y, ok := a.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k := range x {
			if !equalJSON(y[k], x[k]) {
				return false
			}
		}
		return true
	}
	return a == b
}

// TestGraphNetworkXRoundTrip reads /api/graph's GraphML and GEXF with
// networkx: the same nodes and edges as the JSON, integers as integers.
func TestGraphNetworkXRoundTrip(t *testing.T) {
	s := sharedServer(t)
	const base = "/api/graph?limit=60"
	nodes, edges := subgraphOf(t, s, base)
	for _, f := range []string{roundtrip.GraphML, roundtrip.GEXF} {
		t.Run(f, func(t *testing.T) {
			r := get(t, s, base+"&format="+f)
			g := roundtrip.ReadGraph(t, f, r.body)
			if g.Nodes != len(nodes) || g.Edges != len(edges) || !g.Directed {
				t.Errorf("networkx read %d nodes, %d edges (directed %v); want %d, %d, directed", g.Nodes, g.Edges, g.Directed, len(nodes), len(edges))
			}
			if g.NodeAttrTypes["count:int"] != len(nodes) || g.EdgeAttrTypes["predicate:str"] != len(edges) {
				t.Errorf("networkx read count as an int on %d nodes, want %d: %v", g.NodeAttrTypes["count:int"], len(nodes), g.NodeAttrTypes)
			}
			for k, n := range g.EdgeAttrTypes {
				if strings.HasPrefix(k, "predicate:") && (k != "predicate:str" || n != len(edges)) {
					t.Errorf("networkx edge predicates: %v", g.EdgeAttrTypes)
				}
			}
		})
	}
}
