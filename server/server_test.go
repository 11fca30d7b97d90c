package server

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gijigraph/gijigraph/graph"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden with the responses")

// goldens are the main endpoints on the seeds; each response is kept in
// testdata/NAME.golden (JSON re-indented).
var goldens = []struct{ name, target string }{
	{"meetings", "/api/meetings"},
	{"meeting17", "/api/meetings/" + url.PathEscape("サイバーセキュリティ戦略本部-17")},
	{"people", "/api/people"},
	{"person_sakai", "/api/people/" + url.PathEscape("坂井 学")},
	{"concepts", "/api/concepts"},
	{"concept_ransomware", "/api/concepts/ransomware"},
	{"raised_wannacry", "/api/raised?concept=WannaCry"},
	{"raised_murai", "/api/raised?person=" + url.QueryEscape("村井純")},
	{"raised_ransomware_narrower_csv", "/api/raised?concept=ransomware&narrower=true&format=csv"},
	{"search", "/api/search?q=" + url.QueryEscape("猛威を振るった")},
	{"graph_endo_cytoscape", "/api/graph?limit=25&focus=" + url.QueryEscape("person/遠藤信博")},
	{"graph_meeting30_d3", "/api/graph?format=d3&limit=30&meeting=" + url.QueryEscape("サイバーセキュリティ戦略本部-30")},
	{"graph_wannacry_graphml", "/api/graph?concept=wannacry&format=graphml"},
	{"graph_wannacry_gexf", "/api/graph?concept=wannacry&format=gexf"},
	{"graph_wannacry_jsonld", "/api/graph?concept=wannacry&format=jsonld"},
	{"notfound_concept", "/api/raised?concept=ransomwere"},
}

func TestGolden(t *testing.T) {
	s := sharedServer(t)
	for _, g := range goldens {
		t.Run(g.name, func(t *testing.T) {
			r := get(t, s, g.target)
			got := r.body
			if strings.Contains(r.header.Get("Content-Type"), "json") {
				var buf bytes.Buffer
				if err := json.Indent(&buf, r.body, "", "  "); err != nil {
					t.Fatalf("%s: %v", r.body, err)
				}
				got = buf.Bytes()
			}
			got = append([]byte(r.header.Get("Content-Type")+"\n"+http.StatusText(r.status)+"\n\n"), got...)
			file := filepath.Join("testdata", g.name+".golden")
			if *update {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test ./server -run TestGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("GET %s differs from %s (run with -update after review):\n%s", g.target, file, lineDiff(string(want), string(got)))
			}
		})
	}
}

// lineDiff shows the first lines that differ, (-want +got).
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n-%s\n+%s", i+1, a, b)
		}
	}
	return ""
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

// TestBadRequests: malformed parameters get 400, unknown names 404, and
// every error is JSON.
func TestBadRequests(t *testing.T) {
	s := sharedServer(t)
	tests := []struct {
		name, method, target, body string
		status                     int
		contains                   string
	}{
		{"bad date", "GET", "/api/raised?from=2018-13-01", "", 400, "from must be a date"},
		{"from after to", "GET", "/api/raised?from=2021-01-01&to=2018-01-01", "", 400, "after"},
		{"unknown type", "GET", "/api/raised?type=weather", "", 400, "unknown concept type"},
		{"unknown concept", "GET", "/api/raised?concept=ransomwere", "", 404, "ransomware"},
		{"unknown person", "GET", "/api/raised?person=" + url.QueryEscape("村井純一郎"), "", 404, "村井 純"},
		{"unknown meeting", "GET", "/api/meetings/nope", "", 404, "no meeting"},
		{"unknown concept id", "GET", "/api/concepts/nope", "", 404, "no concept"},
		{"unknown person id", "GET", "/api/people/nope", "", 404, "no person"},
		{"bad format", "GET", "/api/raised?format=xml", "", 400, "format must be one of"},
		{"bad narrower", "GET", "/api/raised?narrower=maybe", "", 400, "narrower"},
		{"limit 0", "GET", "/api/raised?limit=0", "", 400, "limit must be"},
		{"negative offset", "GET", "/api/raised?offset=-1", "", 400, "offset must be"},
		{"search without q", "GET", "/api/search", "", 400, "q is required"},
		{"depth 0", "GET", "/api/graph?focus=person/" + url.QueryEscape("村井純") + "&depth=0", "", 400, "depth must be"},
		{"depth 4", "GET", "/api/graph?focus=person/" + url.QueryEscape("村井純") + "&depth=4", "", 400, "depth must be"},
		{"two selectors", "GET", "/api/graph?focus=a&meeting=b", "", 400, "at most one"},
		{"unknown focus", "GET", "/api/graph?focus=nobody", "", 404, "no node"},
		{"bad graph format", "GET", "/api/graph?format=dot", "", 400, "format must be one of"},
		{"node cap too big", "GET", "/api/graph?limit=100000", "", 400, "limit must be"},
		{"empty gizmo", "POST", "/api/gizmo", "  ", 400, "empty query"},
		{"gizmo syntax", "POST", "/api/gizmo", "g.V(", 400, "SyntaxError"},
		{"gizmo limit", "POST", "/api/gizmo?limit=1000000", "g.V().All()", 400, "limit must be"},
		{"gizmo too large", "POST", "/api/gizmo", strings.Repeat(" ", DefaultMaxQueryBytes+1), 413, "too large"},
		{"cayley too large", "POST", "/cayley/api/v2/query?lang=gizmo", strings.Repeat(" ", DefaultMaxQueryBytes+1), 413, "too large"},
		{"no route", "GET", "/api/nope", "", 404, "no such endpoint"},
		{"no cayley route", "GET", "/cayley/api/v1/query", "", 404, "no such endpoint"},
		{"method", "DELETE", "/api/meetings", "", 405, "method not allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, s, tt.method, tt.target, strings.NewReader(tt.body))
			var body errorBody
			r.json(t, &body)
			if r.status != tt.status || !strings.Contains(body.Error+strings.Join(body.Close, ","), tt.contains) {
				t.Errorf("%s %s: %d %s, want %d containing %q", tt.method, tt.target, r.status, r.body, tt.status, tt.contains)
			}
		})
	}
}

// TestRaised asserts the researchers' question on the seed facts.
func TestRaised(t *testing.T) {
	s := sharedServer(t)
	rows := func(target string) []map[string]any {
		t.Helper()
		r := get(t, s, target)
		if r.status != 200 {
			t.Fatalf("GET %s: %d %s", target, r.status, r.body)
		}
		var v struct {
			Total int
			Rows  []map[string]any
		}
		r.json(t, &v)
		if v.Total != len(v.Rows) {
			t.Fatalf("GET %s: total %d, %d rows", target, v.Total, len(v.Rows))
		}
		return v.Rows
	}
	w := rows("/api/raised?concept=WannaCry")
	if len(w) != 1 || w[0]["person"] != "遠藤 信博" || w[0]["post"] != "日本電気株式会社代表取締役会長" ||
		w[0]["meeting_id"] != "サイバーセキュリティ戦略本部-17" || !strings.Contains(w[0]["sentence"].(string), "WannaCry") {
		t.Errorf("WannaCry: %v", w)
	}
	for _, q := range []string{"ランサムウェア", "security by design", "Ransomware"} {
		if len(rows("/api/raised?concept="+url.QueryEscape(q))) == 0 {
			t.Errorf("%s: no rows", q)
		}
	}
	a, b := rows("/api/raised?person="+url.QueryEscape("村井純")), rows("/api/raised?person="+url.QueryEscape("村井 純"))
	if len(a) == 0 || len(a) != len(b) {
		t.Errorf("村井純: %d rows, 村井 純: %d", len(a), len(b))
	}
	wide := rows("/api/raised?concept=ransomware&narrower=true")
	if !slices.ContainsFunc(wide, func(r map[string]any) bool { return r["concept_id"] == "wannacry" }) {
		t.Error("ransomware&narrower=true has no WannaCry row")
	}
	if slices.ContainsFunc(rows("/api/raised?concept=ransomware"), func(r map[string]any) bool { return r["concept_id"] == "wannacry" }) {
		t.Error("ransomware without narrower has a WannaCry row")
	}
	var sakai struct{ Held []struct{ Date, Post string } }
	get(t, s, "/api/people/"+url.PathEscape("坂井学")).json(t, &sakai)
	if len(sakai.Held) != 2 || sakai.Held[0].Post != "総務副大臣" || sakai.Held[0].Date != "2018-04-04" || sakai.Held[1].Post != "内閣官房副長官" || sakai.Held[1].Date != "2021-07-07" {
		t.Errorf("坂井 学 held %+v", sakai.Held)
	}
	page := get(t, s, "/api/raised?limit=2&offset=1")
	var p struct {
		Total     int
		Truncated bool
		Rows      []any
	}
	page.json(t, &p)
	if len(p.Rows) != 2 || !p.Truncated || p.Total < 3 {
		t.Errorf("page: %+v", p)
	}
}

// TestRaisedCSV: the CSV has a BOM, a header and the JSON's rows.
func TestRaisedCSV(t *testing.T) {
	s := sharedServer(t)
	r := get(t, s, "/api/raised?concept=ransomware&narrower=true&format=csv")
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") || !bytes.HasPrefix(r.body, []byte("\ufeff")) {
		t.Fatalf("%d %s %q", r.status, r.header.Get("Content-Type"), r.body[:min(10, len(r.body))])
	}
	recs, err := csv.NewReader(bytes.NewReader(r.body[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var j struct{ Rows []map[string]any }
	get(t, s, "/api/raised?concept=ransomware&narrower=true").json(t, &j)
	if !slices.Equal(recs[0], raisedColumns) || len(recs)-1 != len(j.Rows) || r.header.Get("X-Total-Count") != itoa(len(j.Rows)) {
		t.Fatalf("header %v, %d rows, JSON %d", recs[0], len(recs)-1, len(j.Rows))
	}
	for i, rec := range recs[1:] {
		if rec[1] != j.Rows[i]["person"] || rec[13] != j.Rows[i]["sentence"] {
			t.Errorf("row %d: %v vs %v", i, rec, j.Rows[i])
		}
	}
}

// TestGraphFormats: every format is well-formed, ids are stable, and the
// node cap is reported.
func TestGraphFormats(t *testing.T) {
	s := sharedServer(t)
	base := "/api/graph?focus=" + url.QueryEscape("person/遠藤信博") + "&depth=2"
	var cy struct {
		Elements struct {
			Nodes []struct{ Data map[string]any }
			Edges []struct{ Data map[string]any }
		}
		Truncated bool
	}
	get(t, s, base).json(t, &cy)
	if len(cy.Elements.Nodes) == 0 || len(cy.Elements.Edges) == 0 {
		t.Fatalf("cytoscape: %+v", cy)
	}
	ids := map[string]bool{}
	for _, n := range cy.Elements.Nodes {
		ids[n.Data["id"].(string)] = true
		for _, k := range []string{"type", "label", "iri", "count"} {
			if _, ok := n.Data[k]; !ok {
				t.Fatalf("node without %s: %v", k, n.Data)
			}
		}
	}
	for _, e := range cy.Elements.Edges {
		if !ids[e.Data["source"].(string)] || !ids[e.Data["target"].(string)] || e.Data["predicate"] == "" || e.Data["count"].(float64) < 1 {
			t.Fatalf("edge %v", e.Data)
		}
	}
	if a, b := get(t, s, base).body, get(t, s, base).body; !bytes.Equal(a, b) {
		t.Error("two calls differ")
	}

	var d3 struct {
		Nodes []map[string]any
		Links []map[string]any
	}
	get(t, s, base+"&format=d3").json(t, &d3)
	if len(d3.Nodes) != len(cy.Elements.Nodes) || len(d3.Links) != len(cy.Elements.Edges) {
		t.Errorf("d3: %d nodes %d links; cytoscape %d %d", len(d3.Nodes), len(d3.Links), len(cy.Elements.Nodes), len(cy.Elements.Edges))
	}

	for _, f := range []string{"graphml", "gexf"} {
		r := get(t, s, base+"&format="+f)
		nodes, edges := xmlCount(t, r.body)
		if nodes != len(cy.Elements.Nodes) || edges != len(cy.Elements.Edges) {
			t.Errorf("%s: %d nodes %d edges; want %d %d", f, nodes, edges, len(cy.Elements.Nodes), len(cy.Elements.Edges))
		}
		if bytes.Contains(r.body, []byte("<node id=\"日本電気株式会社代表取締役会長")) {
			t.Errorf("%s: a literal became a node", f)
		}
	}

	var ld map[string]any
	get(t, s, base+"&format=jsonld").json(t, &ld)
	if _, ok := ld["@context"].(map[string]any); !ok || len(ld["@graph"].([]any)) != len(cy.Elements.Nodes)+len(cy.Elements.Edges) {
		t.Errorf("jsonld: %v", ld["@context"])
	}

	r := get(t, s, base+"&limit=5")
	get(t, s, base+"&limit=5").json(t, &cy)
	if len(cy.Elements.Nodes) != 5 || !cy.Truncated || r.header.Get("X-Truncated") != "true" {
		t.Errorf("cap 5: %d nodes, truncated %v, header %q", len(cy.Elements.Nodes), cy.Truncated, r.header.Get("X-Truncated"))
	}
}

// xmlCount parses a whole XML document and counts its node and edge
// elements.
func xmlCount(t *testing.T, data []byte) (nodes, edges int) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		} else if err != nil {
			t.Fatalf("invalid XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch se.Name.Local {
			case "node":
				nodes++
			case "edge":
				edges++
			}
		}
	}
}

// TestOperations: health, metrics, the web app at / and JSON 404s
// elsewhere.
func TestOperations(t *testing.T) {
	s := newServer(t, nil)
	var h struct {
		Status    string
		ReadModel struct{ Quads, Meetings int } `json:"read_model"`
	}
	get(t, s, "/healthz").json(t, &h)
	if h.Status != "ok" || h.ReadModel.Meetings != 2 || h.ReadModel.Quads == 0 {
		t.Errorf("healthz: %+v", h)
	}
	get(t, s, "/api/raised?concept=WannaCry")
	post(t, s, "/api/gizmo", "g.V().Limit(1).All()")
	m := get(t, s, "/metrics")
	for _, want := range []string{
		`gijigraph_http_requests_total{code="200",method="GET",route="/api/raised"} 1`,
		`gijigraph_http_request_duration_seconds_count{method="GET",route="/api/raised"} 1`,
		`gijigraph_gizmo_queries_total{outcome="ok"} 1`,
		`gijigraph_graph_quads `,
	} {
		if !bytes.Contains(m.body, []byte(want)) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if r := get(t, s, "/"); r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
		t.Errorf("GET /: %d %s", r.status, r.header.Get("Content-Type"))
	}
	if r := get(t, s, "/api/unknown"); r.status != 404 || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
		t.Errorf("GET /api/unknown: %d %s", r.status, r.header.Get("Content-Type"))
	}
}

// TestConceptRelated: a concept shows its skos:related concepts both
// ways (the list states ransom-payment related to ransomware), apart
// from narrower, which follows broader only.
func TestConceptRelated(t *testing.T) {
	s := sharedServer(t)
	ids := func(refs []graph.ConceptRef) []string {
		var out []string
		for _, r := range refs {
			out = append(out, r.ID)
		}
		return out
	}
	for id, want := range map[string]string{"ransom-payment": "ransomware", "ransomware": "ransom-payment"} {
		var k graph.ConceptDetail
		r := get(t, s, "/api/concepts/"+id)
		r.json(t, &k)
		if r.status != 200 || !slices.Contains(ids(k.Related), want) {
			t.Errorf("%s: related %q, want %s in it", id, ids(k.Related), want)
		}
		if slices.Contains(ids(k.Narrower), want) || slices.Contains(ids(k.Broader), want) {
			t.Errorf("%s: %s is broader or narrower, not only related", id, want)
		}
	}
}
