package server

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/gijigraph/gijigraph/graph"
	"github.com/gijigraph/gijigraph/graph/vocab"
)

// writeGraph encodes a subgraph in one of graphFormats.
func writeGraph(c *gin.Context, format string, g *graph.Subgraph) {
	switch format {
	case "d3":
		writeJSON(c, http.StatusOK, d3Graph(g))
	case "graphml":
		c.Data(http.StatusOK, "application/graphml+xml; charset=utf-8", graphML(g))
	case "gexf":
		c.Data(http.StatusOK, "application/gexf+xml; charset=utf-8", gexf(g))
	case "jsonld":
		writeJSONAs(c, http.StatusOK, "application/ld+json; charset=utf-8", jsonLD(g))
	default:
		writeJSON(c, http.StatusOK, cytoscape(g))
	}
}

// Cytoscape.js: {"elements": {"nodes": [{"data": …}], "edges": [{"data": …}]}}.
type cyElement[T any] struct {
	Data T `json:"data"`
}

type cyGraph struct {
	Elements struct {
		Nodes []cyElement[graph.Node] `json:"nodes"`
		Edges []cyElement[graph.Edge] `json:"edges"`
	} `json:"elements"`
	Truncated bool `json:"truncated"`
}

func cytoscape(g *graph.Subgraph) cyGraph {
	var out cyGraph
	out.Elements.Nodes = make([]cyElement[graph.Node], len(g.Nodes))
	for i, n := range g.Nodes {
		out.Elements.Nodes[i].Data = n
	}
	out.Elements.Edges = make([]cyElement[graph.Edge], len(g.Edges))
	for i, e := range g.Edges {
		out.Elements.Edges[i].Data = e
	}
	out.Truncated = g.Truncated
	return out
}

// d3: {"nodes": […], "links": […]}, links naming nodes by id.
type d3Out struct {
	Nodes     []graph.Node `json:"nodes"`
	Links     []graph.Edge `json:"links"`
	Truncated bool         `json:"truncated"`
}

func d3Graph(g *graph.Subgraph) d3Out {
	return d3Out{Nodes: g.Nodes, Links: g.Edges, Truncated: g.Truncated}
}

// xmlWriter writes XML by hand: encoding/xml's reflection was the
// bottleneck of the large subgraphs.
type xmlWriter struct{ bytes.Buffer }

// text writes s escaped for XML text and attribute values.
func (w *xmlWriter) text(s string) { xml.EscapeText(w, []byte(s)) }

// elem writes <name k="v"…/> or <name k="v"…>text</name>, indented.
func (w *xmlWriter) elem(indent int, name, text string, attrs ...string) {
	w.open(indent, name, attrs...)
	w.text(text)
	w.WriteString("</" + name + ">\n")
}

// open writes <name k="v"…> with no newline; close with </name>.
func (w *xmlWriter) open(indent int, name string, attrs ...string) {
	for range indent {
		w.WriteByte(' ')
	}
	w.WriteString("<" + name)
	for i := 0; i+1 < len(attrs); i += 2 {
		w.WriteString(" " + attrs[i] + `="`)
		w.text(attrs[i+1])
		w.WriteByte('"')
	}
	w.WriteByte('>')
}

func (w *xmlWriter) empty(indent int, name string, attrs ...string) {
	w.open(indent, name, attrs...)
	w.Truncate(w.Len() - 1)
	w.WriteString("/>\n")
}

func (w *xmlWriter) line(indent int, s string) {
	for range indent {
		w.WriteByte(' ')
	}
	w.WriteString(s + "\n")
}

// nodeAttrs are a node's literals, as (key, value) pairs, empty ones left
// out.
func nodeAttrs(n graph.Node) []string {
	var out []string
	for _, kv := range [][2]string{
		{"type", n.Type}, {"label", n.Label}, {"label_en", n.LabelEn}, {"iri", n.IRI},
		{"count", strconv.Itoa(n.Count)}, {"date", n.Date}, {"concept_type", n.ConceptType},
	} {
		if kv[1] != "" {
			out = append(out, kv[0], kv[1])
		}
	}
	return out
}

// graphML renders GraphML (http://graphml.graphdrawing.org): literals are
// <data> attributes declared by <key>s.
func graphML(g *graph.Subgraph) []byte {
	var w xmlWriter
	w.WriteString(xml.Header)
	w.line(0, `<graphml xmlns="http://graphml.graphdrawing.org/xmlns">`)
	for _, k := range [][4]string{
		{"truncated", "graph", "truncated", "boolean"},
		{"type", "node", "type", "string"},
		{"label", "node", "label", "string"},
		{"label_en", "node", "label_en", "string"},
		{"iri", "node", "iri", "string"},
		{"count", "node", "count", "int"},
		{"date", "node", "date", "string"},
		{"concept_type", "node", "concept_type", "string"},
		{"predicate", "edge", "predicate", "string"},
		{"evidence", "edge", "count", "int"},
	} {
		w.empty(1, "key", "id", k[0], "for", k[1], "attr.name", k[2], "attr.type", k[3])
	}
	w.line(1, `<graph id="gijigraph" edgedefault="directed">`)
	w.elem(2, "data", strconv.FormatBool(g.Truncated), "key", "truncated")
	for _, n := range g.Nodes {
		w.open(2, "node", "id", n.ID)
		w.WriteByte('\n')
		a := nodeAttrs(n)
		for i := 0; i < len(a); i += 2 {
			w.elem(3, "data", a[i+1], "key", a[i])
		}
		w.line(2, "</node>")
	}
	for _, e := range g.Edges {
		w.open(2, "edge", "id", e.ID, "source", e.Source, "target", e.Target)
		w.WriteByte('\n')
		w.elem(3, "data", e.Predicate, "key", "predicate")
		w.elem(3, "data", strconv.Itoa(e.Count), "key", "evidence")
		w.line(2, "</edge>")
	}
	w.line(1, "</graph>")
	w.line(0, "</graphml>")
	return w.Bytes()
}

// gexf renders GEXF 1.2 (Gephi): literals are attribute values; an
// edge's weight is its count.
func gexf(g *graph.Subgraph) []byte {
	var w xmlWriter
	w.WriteString(xml.Header)
	w.line(0, `<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">`)
	w.line(1, "<meta>")
	w.elem(2, "creator", "gijigraph")
	desc := "gijigraph subgraph"
	if g.Truncated {
		desc += " (truncated at the node cap)"
	}
	w.elem(2, "description", desc)
	w.line(1, "</meta>")
	w.line(1, `<graph mode="static" defaultedgetype="directed">`)
	w.line(2, `<attributes class="node">`)
	for _, a := range [][2]string{{"type", "string"}, {"label_en", "string"}, {"iri", "string"}, {"count", "integer"}, {"date", "string"}, {"concept_type", "string"}} {
		w.empty(3, "attribute", "id", a[0], "title", a[0], "type", a[1])
	}
	w.line(2, "</attributes>")
	w.line(2, `<attributes class="edge">`)
	w.empty(3, "attribute", "id", "predicate", "title", "predicate", "type", "string")
	w.empty(3, "attribute", "id", "count", "title", "count", "type", "integer")
	w.line(2, "</attributes>")
	w.line(2, "<nodes>")
	for _, n := range g.Nodes {
		w.open(3, "node", "id", n.ID, "label", n.Label)
		w.WriteString("\n")
		w.line(4, "<attvalues>")
		a := nodeAttrs(n)
		for i := 0; i < len(a); i += 2 {
			if a[i] != "label" {
				w.empty(5, "attvalue", "for", a[i], "value", a[i+1])
			}
		}
		w.line(4, "</attvalues>")
		w.line(3, "</node>")
	}
	w.line(2, "</nodes>")
	w.line(2, "<edges>")
	for _, e := range g.Edges {
		w.open(3, "edge", "id", e.ID, "source", e.Source, "target", e.Target, "label", e.Predicate, "weight", strconv.Itoa(e.Count))
		w.WriteString("\n")
		w.line(4, "<attvalues>")
		w.empty(5, "attvalue", "for", "predicate", "value", e.Predicate)
		w.empty(5, "attvalue", "for", "count", "value", strconv.Itoa(e.Count))
		w.line(4, "</attvalues>")
		w.line(3, "</edge>")
	}
	w.line(2, "</edges>")
	w.line(1, "</graph>")
	w.line(0, "</gexf>")
	return w.Bytes()
}

// nodeClass is the vocabulary class of each node type, for JSON-LD.
var nodeClass = map[string]string{
	graph.NodePerson:       string(vocab.ClassPerson),
	graph.NodeOrganisation: string(vocab.ClassOrganization),
	graph.NodeMeeting:      string(vocab.ClassMeeting),
	graph.NodeConcept:      string(vocab.ClassConcept),
	graph.NodeAgenda:       string(vocab.ClassAgendaItem),
}

// jsonLD renders a subgraph as JSON-LD: each node under its IRI and
// class, with its labels; each edge as an Edge object with an IRI of its
// own minted from its stable id ("source|predicate|target", also given
// as identifier), the predicate as a vocabulary IRI (gg:raised,
// skos:broader…) and its count as an xsd:integer. The edges summarise
// facts, so they are not triples of the vocabulary.
func jsonLD(g *graph.Subgraph) map[string]any {
	ctx := map[string]any{
		"@vocab":     vocab.NS,
		"label":      string(vocab.PrefLabel),
		"label_en":   string(vocab.PrefLabelEn),
		"date":       string(vocab.Date),
		"identifier": string(vocab.Identifier),
		"source":     map[string]string{"@type": "@id"},
		"target":     map[string]string{"@type": "@id"},
		"predicate":  map[string]string{"@type": "@id"},
		"count":      map[string]string{"@type": xsdInteger},
		"truncated":  map[string]string{"@type": xsdBoolean},
	}
	iri := make(map[string]string, len(g.Nodes))
	items := make([]map[string]any, 0, len(g.Nodes)+len(g.Edges))
	for _, n := range g.Nodes {
		iri[n.ID] = n.IRI
		o := map[string]any{"@id": n.IRI, "@type": nodeClass[n.Type], "label": n.Label, "count": n.Count}
		if n.LabelEn != "" {
			o["label_en"] = n.LabelEn
		}
		if n.Date != "" {
			o["date"] = n.Date
		}
		if n.ConceptType != "" {
			o["conceptType"] = n.ConceptType
		}
		items = append(items, o)
	}
	for _, e := range g.Edges {
		items = append(items, map[string]any{
			"@id":        string(vocab.Edge(e.ID)),
			"@type":      "Edge",
			"identifier": e.ID,
			"source":     iri[e.Source],
			"target":     iri[e.Target],
			"predicate":  graph.EdgePredicateIRI(e.Predicate),
			"count":      e.Count,
		})
	}
	return map[string]any{"@context": ctx, "@graph": items, "truncated": g.Truncated}
}

// XSD datatypes, in full.
const (
	xsdInteger = "http://www.w3.org/2001/XMLSchema#integer"
	xsdBoolean = "http://www.w3.org/2001/XMLSchema#boolean"
)
