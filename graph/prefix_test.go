package graph

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/gijigraph/gijigraph/graph/vocab"
)

func TestExpandIRI(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"person", "person:村井純", "<https://gijigraph.org/id/person/村井純>"},
		{"person with space", "person:遠藤 信博", "<https://gijigraph.org/id/person/遠藤信博>"},
		{"person variant kanji", "person:髙橋 清孝", "<https://gijigraph.org/id/person/高橋清孝>"},
		{"angle brackets", "<person:村井純>", "<https://gijigraph.org/id/person/村井純>"},
		{"concept lower-cased", "concept:WannaCry", "<https://gijigraph.org/id/concept/wannacry>"},
		{"meeting", "meeting:サイバーセキュリティ戦略本部-17", "<https://gijigraph.org/id/meeting/サイバーセキュリティ戦略本部-17>"},
		{"organisation, full width", "orgn:ＫＤＤＩ株式会社", "<https://gijigraph.org/id/org/KDDI株式会社>"},
		{"path with segments", "speech:サイバーセキュリティ戦略本部-17/3", "<https://gijigraph.org/id/speech/サイバーセキュリティ戦略本部-17/3>"},
		{"percent kept", "orgn:A%2FB", "<https://gijigraph.org/id/org/A%2FB>"},
		{"instance space", "post:a b", "<https://gijigraph.org/id/post/a_b>"},
		{"schema", "schema:name", "<http://schema.org/name>"},
		{"gg", "gg:prefLabelEn", "<https://gijigraph.org/ns#prefLabelEn>"},
		{"w3c org", "org:member", "<http://www.w3.org/ns/org#member>"},
		{"skos", "skos:broader", "<http://www.w3.org/2004/02/skos/core#broader>"},
		{"rdf", "rdf:type", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"},
		{"unknown prefix", "foo:bar", ""},
		{"url", "http://schema.org/name", ""},
		{"full IRI", "<https://gijigraph.org/id/person/村井純>", ""},
		{"empty local", "person:", ""},
		{"no colon", "WannaCry", ""},
		{"time", "08:00", ""},
		{"vocabulary local with space", "schema:a b", ""},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := ExpandIRI(tc.in)
			if ok != (tc.want != "") || got != tc.want {
				t.Errorf("ExpandIRI(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
			}
		})
	}
}

func TestShortIRI(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"<https://gijigraph.org/id/person/村井純>", "person:村井純"},
		{"<https://gijigraph.org/id/org/内閣官房>", "orgn:内閣官房"},
		{"<http://www.w3.org/ns/org#Membership>", "org:Membership"},
		{"<https://gijigraph.org/ns#start>", "gg:start"},
		{"<https://example.org/x>", "<https://example.org/x>"},
		{"<https://gijigraph.org/id/person/>", "<https://gijigraph.org/id/person/>"},
		{"村井 純", "村井 純"},
	} {
		if got := ShortIRI(tc.in); got != tc.want {
			t.Errorf("ShortIRI(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// Every short form printed expands back to the same IRI.
	for _, iri := range []string{
		"<https://gijigraph.org/id/person/遠藤信博>",
		"<https://gijigraph.org/id/org/A%2FB>",
		"<https://gijigraph.org/id/mention/サイバーセキュリティ戦略本部-17/10518-wannacry>",
		"<http://schema.org/creator>",
	} {
		if got, ok := ExpandIRI(ShortIRI(iri)); !ok || got != iri {
			t.Errorf("ExpandIRI(ShortIRI(%q)) = %q, %v", iri, got, ok)
		}
	}
}

func TestPrefixNames(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range vocab.Prefixes {
		if seen[p.Name] {
			t.Errorf("prefix %q twice", p.Name)
		}
		seen[p.Name] = true
		if p.Doc == "" {
			t.Errorf("prefix %q has no doc", p.Name)
		}
	}
}

func TestExpandPrefixes(t *testing.T) {
	const (
		person = `<https://gijigraph.org/id/person/村井純>`
		name   = `<http://schema.org/name>`
	)
	for _, tc := range []struct {
		name, in, want string
	}{
		{"double quotes", `g.V("person:村井純").Out("schema:name").All()`,
			`g.V("` + person + `").Out("` + name + `").All()`},
		{"single quotes", `g.V('person:村井純')`, `g.V('` + person + `')`},
		{"template literal", "g.V(`person:村井純`)", "g.V(`" + person + "`)"},
		{"angle brackets", `g.V("<person:村井純>")`, `g.V("` + person + `")`},
		{"array", `In(["schema:name", "foaf:name"])`, `In(["` + name + `", "<http://xmlns.com/foaf/0.1/name>"])`},
		{"data string untouched", `g.V("WannaCry", "第17回会合 議事概要", "08:00")`, `g.V("WannaCry", "第17回会合 議事概要", "08:00")`},
		{"part of a string", `g.V("see person:村井純")`, `g.V("see person:村井純")`},
		{"line comment", "// g.V(\"person:村井純\")\ng.V()", "// g.V(\"person:村井純\")\ng.V()"},
		{"block comment", `/* "schema:name" */ g.V()`, `/* "schema:name" */ g.V()`},
		{"escaped quote before", `g.V("a\"b", "schema:name")`, `g.V("a\"b", "` + name + `")`},
		{"escape inside", `g.V("schema:n\u0061me")`, `g.V("schema:n\u0061me")`},
		{"other quote inside", `g.V('say "schema:name"', "schema:name")`, `g.V('say "schema:name"', "` + name + `")`},
		{"template substitution", "var x = `${\"schema:name\"}-schema:name`",
			"var x = `${\"" + name + "\"}-schema:name`"},
		{"nested template", "`a${`schema:name`}b`", "`a${`" + name + "`}b`"},
		{"regex literal", `var r = /"schema:name"/; g.V("schema:name")`, `var r = /"schema:name"/; g.V("` + name + `")`},
		{"division is not a regex", `var x = a / 2; g.V("schema:name") / 3`, `var x = a / 2; g.V("` + name + `") / 3`},
		{"regex with class", `var r = /[/"]/; g.V("schema:name")`, `var r = /[/"]/; g.V("` + name + `")`},
		{"single quote escaped for IRI", `g.V('orgn:it\'s')`, `g.V('orgn:it\'s')`},
		{"full IRI kept", `g.V("` + person + `")`, `g.V("` + person + `")`},
		{"unterminated string", `g.V("schema:name`, `g.V("schema:name`},
		{"unterminated template", "g.V(`schema:name", "g.V(`schema:name"},
		{"non-ASCII identifiers", `var 名前 = "schema:name"`, `var 名前 = "` + name + `"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ExpandPrefixes(tc.in)
			if got != tc.want {
				t.Errorf("ExpandPrefixes(%s)\n got %s\nwant %s", tc.in, got, tc.want)
			}
			if again := ExpandPrefixes(got); again != got {
				t.Errorf("expanding twice changed it:\n%s\n%s", got, again)
			}
		})
	}
}

func TestIncomplete(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{`g.V().All()`, false},
		{`g.V(`, true},
		{"g.V(\n\"person:村井純\"", true},
		{"g.V(\n\"person:村井純\")\n.All()", false},
		{`var f = function() {`, true},
		{`[1, [2`, true},
		{`g.V(")")`, false},
		{`g.V("(")`, false},
		{`g.V() // (`, false},
		{`g.V() /* (`, true},
		{"g.V(`a\nb`)", false},
		{"g.V(`a", true},
		{"g.V(`${", true},
		{"g.V(\"abc", false},  // an unterminated string: let Gizmo say so
		{"g.V(\"abc\\", true}, // continued with a backslash
		{"g.V())", false},     // a closer too many: let Gizmo say so
		{"g.V(]", false},      // mismatched
		{"var r = /\\(/; g.V(", true},
		{"var r = /\\(/;", false},
		{"", false},
		{"// just a comment", false},
	} {
		if got := Incomplete(tc.in); got != tc.want {
			t.Errorf("Incomplete(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func FuzzExpandPrefixes(f *testing.F) {
	for _, s := range []string{`g.V("person:村井純").Out("schema:name").All()`, "`a${`b`}`", `/[/]/.test("x")`, `"a\"b"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := ExpandPrefixes(s)
		if ExpandPrefixes(got) != got {
			t.Errorf("not idempotent on %q", s)
		}
		Incomplete(s)
		if c := StripComments(s); StripComments(c) != c {
			t.Errorf("StripComments not idempotent on %q", s)
		}
	})
}

// TestGizmoShortIRIs runs queries typed with short IRIs on the seeds.
func TestGizmoShortIRIs(t *testing.T) {
	s := mustOpen(t, Config{Backend: Memory})
	seedStore(t, s)
	ctx := context.Background()
	for _, tc := range []struct {
		name, query string
		want        []string
	}{
		{"meetings of a person", `g.V("person:遠藤 信博").In("schema:creator").Out("bf:event").Unique().All()`,
			[]string{`{"id":"<https://gijigraph.org/id/meeting/サイバーセキュリティ戦略本部-17>"}`, `{"id":"<https://gijigraph.org/id/meeting/サイバーセキュリティ戦略本部-30>"}`}},
		{"concept label", `g.V('concept:wannacry').Out("skos:prefLabel").All()`, []string{`{"id":"WannaCry"}`}},
		{"post", "g.V(`<post:総務副大臣>`).Out(`org:postIn`).Out(\"foaf:name\").Unique().All()", []string{`{"id":"総務省"}`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, _, err := s.Gizmo(ctx, tc.query, 0)
			if err != nil {
				t.Fatal(err)
			}
			got := canonical(t, res)
			var want []string
			for _, w := range tc.want {
				want = append(want, strings.NewReplacer("<", `\u003c`, ">", `\u003e`).Replace(w))
			}
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

func TestStripComments(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`g.V() // a comment.`, `g.V() `},
		{"g.V(/* x */\"schema:name\")", `g.V( "schema:name")`},
		{`g.V("// not a comment")`, `g.V("// not a comment")`},
		{"a // one\nb", "a \nb"},
		{"/* open", ""},
	} {
		if got := StripComments(tc.in); got != tc.want {
			t.Errorf("StripComments(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
