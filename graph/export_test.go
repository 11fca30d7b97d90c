package graph

import (
	"bytes"
	"context"
	"encoding/xml"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/gijigraph/gijigraph/graph/vocab"
	"github.com/gijigraph/gijigraph/internal/roundtrip"
)

const xsdInteger = "http://www.w3.org/2001/XMLSchema#integer"

// exportFigures are what the exports must hold, counted from the store.
type exportFigures struct {
	quads, ints int
	nodes       map[string]bool    // IRIs and blank nodes
	triples     map[[3]string]bool // between two nodes
	graphs      []string           // labels
	intPreds    map[quad.IRI]bool  // predicates with integer values
}

func countExport(t *testing.T, s *Store) exportFigures {
	t.Helper()
	f := exportFigures{nodes: map[string]bool{}, triples: map[[3]string]bool{}, intPreds: map[quad.IRI]bool{}}
	err := s.Quads(context.Background(), func(q quad.Quad) error {
		f.quads++
		src, _ := nodeID(q.Subject)
		f.nodes[src] = true
		if dst, ok := nodeID(q.Object); ok {
			f.nodes[dst] = true
			f.triples[[3]string{src, string(q.Predicate.(quad.IRI)), dst}] = true
		}
		if _, ok := q.Object.(quad.Int); ok {
			f.ints++
			f.intPreds[q.Predicate.(quad.IRI)] = true
		}
		if g, ok := nodeID(q.Label); ok && !slices.Contains(f.graphs, g) {
			f.graphs = append(f.graphs, g)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(f.graphs)
	return f
}

// TestExportFullDatatypes: no short datatype or IRI in N-Quads or JSON-LD.
func TestExportFullDatatypes(t *testing.T) {
	s := mustOpen(t, Config{Backend: Memory})
	seedStore(t, s)
	for _, format := range []string{"nquads", "jsonld"} {
		var b bytes.Buffer
		if _, err := s.Export(context.Background(), &b, format); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, short := range []string{"xsd:", "<schema:", "<rdf:"} {
			if strings.Contains(out, short) {
				i := strings.Index(out, short)
				t.Errorf("%s export has a short IRI %q: …%s…", format, short, out[max(0, i-60):min(len(out), i+40)])
			}
		}
		if !strings.Contains(out, xsdInteger) {
			t.Errorf("%s export has no %s", format, xsdInteger)
		}
	}
	if got := FullQuad(quad.Quad{Subject: quad.IRI("a"), Predicate: quad.IRI("b"), Object: quad.Bool(true)}).Object.String(); got != `"true"^^<http://www.w3.org/2001/XMLSchema#boolean>` {
		t.Errorf("FullQuad(Bool(true)) = %s", got)
	}
}

// TestExportRoundTripRDFLib reads the N-Quads and JSON-LD exports with
// rdflib: every quad, every named graph, integers as integers.
func TestExportRoundTripRDFLib(t *testing.T) {
	s := mustOpen(t, Config{Backend: Memory})
	seedStore(t, s)
	want := countExport(t, s)
	for _, tc := range []struct{ export, tool string }{{"nquads", roundtrip.NQuads}, {"jsonld", roundtrip.JSONLD}} {
		t.Run(tc.export, func(t *testing.T) {
			var b bytes.Buffer
			if _, err := s.Export(context.Background(), &b, tc.export); err != nil {
				t.Fatal(err)
			}
			got := roundtrip.ReadRDF(t, tc.tool, b.Bytes())
			if got.Quads != want.quads {
				t.Errorf("rdflib read %d quads, want %d", got.Quads, want.quads)
			}
			if got.Integers != want.ints || got.BadIntegers != 0 {
				t.Errorf("rdflib read %d integers (%d not as int), want %d", got.Integers, got.BadIntegers, want.ints)
			}
			for dt := range got.Datatypes {
				if !strings.HasPrefix(dt, "http://") {
					t.Errorf("rdflib read a datatype %q, not a full IRI", dt)
				}
			}
			if !slices.Equal(got.Graphs, want.graphs) {
				t.Errorf("rdflib read the graphs %v, want %v", got.Graphs, want.graphs)
			}
			for _, g := range []quad.IRI{vocab.Doc(meeting17), vocab.ConceptsGraph} {
				if !slices.Contains(got.Graphs, string(g)) {
					t.Errorf("rdflib found no graph %s", g)
				}
			}
		})
	}
}

// TestExportGraphML checks the GraphML export's shape and reads it with
// networkx: IRIs as node ids, integers typed, documents on the edges.
func TestExportGraphML(t *testing.T) {
	s := mustOpen(t, Config{Backend: Memory})
	seedStore(t, s)
	want := countExport(t, s)
	var b bytes.Buffer
	n, err := s.Export(context.Background(), &b, "graphml")
	if err != nil || n != want.quads {
		t.Fatalf("Export graphml: %d, %v; want %d quads read", n, err, want.quads)
	}
	var doc struct {
		Keys []struct {
			ID   string `xml:"id,attr"`
			Name string `xml:"attr.name,attr"`
			Type string `xml:"attr.type,attr"`
		} `xml:"key"`
		Graph struct {
			Nodes []struct {
				ID string `xml:"id,attr"`
			} `xml:"node"`
			Edges []struct {
				ID     string `xml:"id,attr"`
				Source string `xml:"source,attr"`
				Data   []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Graph.Nodes) != len(want.nodes) || len(doc.Graph.Edges) != len(want.triples) {
		t.Errorf("graphml: %d nodes, %d edges; want %d, %d", len(doc.Graph.Nodes), len(doc.Graph.Edges), len(want.nodes), len(want.triples))
	}
	person := string(vocab.Person("村井純"))
	if !slices.ContainsFunc(doc.Graph.Nodes, func(n struct {
		ID string `xml:"id,attr"`
	}) bool {
		return n.ID == person
	}) {
		t.Errorf("graphml: no node with the id %s", person)
	}
	types := map[string]string{}
	for _, k := range doc.Keys {
		types[k.Name] = k.Type
	}
	for p := range want.intPreds {
		name := strings.Trim(ShortIRI("<"+string(p)+">"), "<>")
		if types[name] != "long" {
			t.Errorf("graphml: key %s has type %q, want long", name, types[name])
		}
	}
	docs := 0
	for _, e := range doc.Graph.Edges {
		for _, d := range e.Data {
			if d.Key == "document" && strings.HasPrefix(d.Value, vocab.Base+"doc/") {
				docs++
			}
		}
	}
	if docs == 0 {
		t.Error("graphml: no edge names the document it came from")
	}

	g := roundtrip.ReadGraph(t, roundtrip.GraphML, b.Bytes())
	if g.Nodes != len(want.nodes) || g.Edges != len(want.triples) || !g.Directed {
		t.Errorf("networkx read %d nodes, %d edges (directed %v); want %d, %d, directed", g.Nodes, g.Edges, g.Directed, len(want.nodes), len(want.triples))
	}
	if g.NodeAttrTypes["gg:start:int"] == 0 || g.NodeAttrTypes["foaf:name:str"] == 0 {
		t.Errorf("networkx read no integer gg:start or string foaf:name: %v", g.NodeAttrTypes)
	}
	if g.EdgeAttrTypes["document:str"] == 0 {
		t.Errorf("networkx read no document on the edges: %v", g.EdgeAttrTypes)
	}
}
