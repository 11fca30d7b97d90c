"""Reads a file with a real RDF or graph tool and prints what it found as JSON.

Usage: roundtrip.py FORMAT FILE, FORMAT one of nquads, jsonld (rdflib)
or graphml, gexf (networkx). The Go tests compare the figures with
what they wrote.
"""
import collections
import json
import sys

XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


def rdf(fmt, path):
    import rdflib

    ds = rdflib.ConjunctiveGraph()
    ds.parse(path, format=fmt)
    quads = 0
    ints = 0
    bad_ints = 0
    datatypes = collections.Counter()
    graphs = set()
    predicates = set()
    for s, p, o, g in ds.quads((None, None, None, None)):
        quads += 1
        gid = g.identifier if hasattr(g, "identifier") else g
        if gid is not None and not isinstance(gid, rdflib.BNode):
            graphs.add(str(gid))
        predicates.add(str(p))
        if isinstance(o, rdflib.Literal) and o.datatype is not None:
            datatypes[str(o.datatype)] += 1
            if str(o.datatype) == XSD_INTEGER:
                if isinstance(o.toPython(), int):
                    ints += 1
                else:
                    bad_ints += 1
    out = {
        "quads": quads,
        "graphs": sorted(graphs),
        "integers": ints,
        "bad_integers": bad_ints,
        "datatypes": dict(datatypes),
        "predicates": sorted(predicates),
    }
    if fmt == "json-ld":
        # Nodes with a type: their ids, and for each the integer-valued
        # and IRI-valued properties, for the API's JSON-LD.
        nodes = {}
        for s in set(ds.subjects()):
            props = {}
            for p, o in ds.predicate_objects(s):
                if isinstance(o, rdflib.Literal):
                    v = o.toPython()
                    props[str(p)] = v if isinstance(v, (int, bool, float, str)) else str(v)
                else:
                    props[str(p)] = {"@id": str(o)}
            nodes[str(s)] = props
        out["nodes"] = nodes
    return out


def nx(fmt, path):
    import networkx

    if fmt == "graphml":
        g = networkx.read_graphml(path)
    else:
        g = networkx.read_gexf(path)
    node_types = collections.Counter()
    for _, d in g.nodes(data=True):
        for k, v in d.items():
            node_types[k + ":" + type(v).__name__] += 1
    edge_types = collections.Counter()
    for e in g.edges(data=True):
        for k, v in e[-1].items():
            edge_types[k + ":" + type(v).__name__] += 1
    return {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "directed": g.is_directed(),
        "node_ids": sorted(g.nodes())[:5],
        "node_attr_types": dict(node_types),
        "edge_attr_types": dict(edge_types),
        "edges_sample": [[u, v, d] for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1]))[:3]],
    }


def main():
    fmt, path = sys.argv[1], sys.argv[2]
    if fmt in ("nquads", "json-ld"):
        out = rdf(fmt, path)
    elif fmt in ("graphml", "gexf"):
        out = nx(fmt, path)
    else:
        sys.exit("unknown format " + fmt)
    json.dump(out, sys.stdout, ensure_ascii=False, default=str)


main()
