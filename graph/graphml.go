package graph

import (
	"bufio"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/gijigraph/gijigraph/graph/vocab"
)

// GraphML export (gijigraph export --format graphml), written here
// rather than by the quad module's writer, which makes every literal a
// node of its own, names nodes n0, n1… and drops the named graphs.
//
// Here every IRI or blank node is a node whose GraphML id is the IRI
// itself; every literal is an attribute of its subject, declared with
// its type (an integer predicate is a "long", so networkx and Gephi read
// numbers as numbers) and named by the predicate's short form
// ("foaf:name"); every fact between two nodes is an edge whose id is
// "source|predicate|target" and whose attributes are the predicate's
// full IRI and the documents (graph labels) that state it, separated by
// spaces. A node with several values for one predicate (a concept's
// aliases) has them joined by newlines. Facts with literal values lose
// their documents: the N-Quads export keeps them.
//
// GraphML declares its keys before the nodes, so the whole graph is read
// into memory first.

// gmlKey is one attribute key.
type gmlKey struct {
	id, name, typ string
}

// gmlNode is a node and its literal attributes, by key index.
type gmlNode struct {
	attrs map[int][]string
}

// gmlEdge is one fact between two nodes and the documents stating it.
type gmlEdge struct {
	source, predicate, target string
	docs                      []string
}

// literalTypes are the GraphML types of literal values.
func literalType(v quad.Value) string {
	switch v.(type) {
	case quad.Int:
		return "long"
	case quad.Float:
		return "double"
	case quad.Bool:
		return "boolean"
	}
	return "string"
}

// literalText is the attribute text of a literal value.
func literalText(v quad.Value) string {
	switch x := v.(type) {
	case quad.String:
		return string(x)
	case quad.Int:
		return strconv.FormatInt(int64(x), 10)
	case quad.Float:
		return strconv.FormatFloat(float64(x), 'g', -1, 64)
	case quad.Bool:
		return strconv.FormatBool(bool(x))
	case quad.LangString:
		return string(x.Value)
	case quad.TypedString:
		return string(x.Value)
	case quad.TypedStringer:
		return string(x.TypedString().Value)
	}
	return fmt.Sprint(v.Native())
}

// nodeID is the GraphML id of an IRI or blank node: the IRI in full, or
// "_:name".
func nodeID(v quad.Value) (string, bool) {
	switch x := v.(type) {
	case quad.IRI:
		return string(x.Full()), true
	case quad.BNode:
		return x.String(), true
	}
	return "", false
}

// labelPredicates give a node's "label" attribute, the first that has a
// value, for Gephi and yEd to show.
var labelPredicates = []quad.IRI{vocab.PrefLabel, vocab.Name, vocab.Title}

func (s *Store) exportGraphML(ctx context.Context, w io.Writer) (int, error) {
	nodes := map[string]*gmlNode{}
	node := func(id string) *gmlNode {
		n := nodes[id]
		if n == nil {
			n = &gmlNode{attrs: map[int][]string{}}
			nodes[id] = n
		}
		return n
	}
	keyOf := map[quad.IRI]int{}
	var keys []gmlKey
	// multi marks the keys some node has several values of: they are
	// written as strings.
	multi := map[int]bool{}
	edges := map[[3]string]*gmlEdge{}
	n := 0
	err := s.Quads(ctx, func(q quad.Quad) error {
		n++
		src, ok := nodeID(q.Subject)
		if !ok {
			return nil // a literal subject is not valid RDF; nothing to draw
		}
		sn := node(src)
		pred, _ := q.Predicate.(quad.IRI)
		pred = pred.Full()
		doc := ""
		if q.Label != nil {
			doc, _ = nodeID(q.Label)
		}
		if dst, ok := nodeID(q.Object); ok {
			node(dst)
			k := [3]string{src, string(pred), dst}
			e := edges[k]
			if e == nil {
				e = &gmlEdge{source: src, predicate: string(pred), target: dst}
				edges[k] = e
			}
			if doc != "" && !slices.Contains(e.docs, doc) {
				e.docs = append(e.docs, doc)
			}
			return nil
		}
		ki, ok := keyOf[pred]
		typ := literalType(q.Object)
		if !ok {
			ki = len(keys)
			keyOf[pred] = ki
			keys = append(keys, gmlKey{id: "d" + strconv.Itoa(ki), name: ShortIRI("<" + string(pred) + ">"), typ: typ})
			keys[ki].name = strings.Trim(keys[ki].name, "<>")
		} else if keys[ki].typ != typ {
			keys[ki].typ = "string"
		}
		text := literalText(q.Object)
		if vals := sn.attrs[ki]; !slices.Contains(vals, text) {
			if len(vals) > 0 {
				multi[ki] = true
			}
			sn.attrs[ki] = append(vals, text)
		}
		return nil
	})
	if err != nil {
		return n, err
	}
	for ki := range multi {
		keys[ki].typ = "string"
	}

	bw := bufio.NewWriter(w)
	x := &xmlOut{w: bw}
	x.raw(xml.Header)
	x.raw(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns">` + "\n")
	x.raw(`  <key id="label" for="node" attr.name="label" attr.type="string"/>` + "\n")
	for _, k := range keys {
		x.raw(`  <key id="` + k.id + `" for="node" attr.name="`)
		x.text(k.name)
		x.raw(`" attr.type="` + k.typ + `"/>` + "\n")
	}
	x.raw(`  <key id="predicate" for="edge" attr.name="predicate" attr.type="string"/>` + "\n")
	x.raw(`  <key id="document" for="edge" attr.name="document" attr.type="string"/>` + "\n")
	x.raw(`  <graph id="gijigraph" edgedefault="directed">` + "\n")
	ids := make([]string, 0, len(nodes))
	for id := range nodes {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		nd := nodes[id]
		x.raw(`    <node id="`)
		x.text(id)
		x.raw(`">` + "\n")
		for _, p := range labelPredicates {
			if ki, ok := keyOf[p]; ok && len(nd.attrs[ki]) > 0 {
				x.data("label", nd.attrs[ki][0])
				break
			}
		}
		kis := make([]int, 0, len(nd.attrs))
		for ki := range nd.attrs {
			kis = append(kis, ki)
		}
		slices.Sort(kis)
		for _, ki := range kis {
			vals := nd.attrs[ki]
			slices.Sort(vals)
			x.data(keys[ki].id, strings.Join(vals, "\n"))
		}
		x.raw("    </node>\n")
	}
	eks := make([][3]string, 0, len(edges))
	for k := range edges {
		eks = append(eks, k)
	}
	slices.SortFunc(eks, func(a, b [3]string) int { return slices.Compare(a[:], b[:]) })
	for _, k := range eks {
		e := edges[k]
		x.raw(`    <edge id="`)
		x.text(e.source + "|" + e.predicate + "|" + e.target)
		x.raw(`" source="`)
		x.text(e.source)
		x.raw(`" target="`)
		x.text(e.target)
		x.raw(`">` + "\n")
		x.data("predicate", e.predicate)
		if len(e.docs) > 0 {
			slices.Sort(e.docs)
			x.data("document", strings.Join(e.docs, " "))
		}
		x.raw("    </edge>\n")
	}
	x.raw("  </graph>\n</graphml>\n")
	if x.err == nil {
		x.err = bw.Flush()
	}
	if x.err != nil {
		return n, fmt.Errorf("graph: export: %w", x.err)
	}
	return n, nil
}

// xmlOut writes XML by hand, remembering the first error.
type xmlOut struct {
	w   *bufio.Writer
	err error
}

func (x *xmlOut) raw(s string) {
	if x.err == nil {
		_, x.err = x.w.WriteString(s)
	}
}

// text writes s escaped for text and attribute values; newlines are
// kept as character references, so that attribute values keep them.
func (x *xmlOut) text(s string) {
	if x.err == nil {
		x.err = xml.EscapeText(x.w, []byte(s))
	}
}

func (x *xmlOut) data(key, value string) {
	x.raw(`      <data key="` + key + `">`)
	x.text(value)
	x.raw("</data>\n")
}
