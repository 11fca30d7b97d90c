package extract

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// testConceptsYAML is a small list that exercises the matching rules. It
// is kept apart from seeds/concepts.yaml so that the rules are pinned
// whatever the curated list says.
const testConceptsYAML = `version: 1
concepts:
  - id: malware
    type: malware
    ja: マルウェア
    en: Malware
  - id: ransomware
    type: malware
    ja: ランサムウェア
    en: Ransomware
    broader: [malware]
  - id: bad-rabbit
    type: malware
    ja: Bad Rabbit
    broader: [ransomware]
  - id: bot
    type: malware
    ja: ボット
  - id: botnet
    type: malware
    ja: ボットネット
  - id: kddi
    type: organisation
    ja: KDDI
  - id: nisc
    type: organisation
    ja: 内閣サイバーセキュリティセンター
    aliases: [NISC]
  - id: ai
    type: technology
    ja: 人工知能
    en: AI
  - id: it
    type: technology
    ja: 情報技術
    aliases: [IT]
  - id: zero-trust
    type: technology
    ja: ゼロトラスト
  - id: zero-trust-architecture
    type: technology
    ja: ゼロトラストアーキテクチャ
    broader: [zero-trust]
  - id: architecture
    type: technology
    ja: アーキテクチャ
  - id: security-by-design
    type: theme
    ja: セキュリティ・バイ・デザイン
    en: Security by Design
  - id: society-5
    type: theme
    ja: Society 5.0
  - id: ismap
    type: programme
    ja: 政府情報システムのためのセキュリティ評価制度
    aliases: [ISMAP]
  - id: colonial-pipeline
    type: incident
    ja: コロニアル・パイプライン事案
    aliases: [コロニアル・パイプライン社]
    implicit: [石油パイプライン, パイプラインの事案]
  - id: g7
    type: event
    ja: G7サミット
`

func testConcepts(t testing.TB) *Concepts {
	t.Helper()
	c, err := ParseConcepts("test.yaml", []byte(testConceptsYAML))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestConceptsParse(t *testing.T) {
	c := testConcepts(t)
	list := c.List()
	if len(list) != 17 || c.Len() != 17 {
		t.Fatalf("List has %d concepts, want 17", len(list))
	}
	if list[0].ID != "malware" || list[0].Line != 3 {
		t.Errorf("first concept = %s at line %d, want malware at line 3", list[0].ID, list[0].Line)
	}
	got, ok := c.Lookup("ransomware")
	want := Concept{ID: "ransomware", Type: TypeMalware, Ja: "ランサムウェア", En: "Ransomware", Broader: []string{"malware"}, Line: 7}
	if !ok || !reflect.DeepEqual(got, want) {
		t.Errorf("Lookup(ransomware) =\n%+v, %v\nwant\n%+v", got, ok, want)
	}
	if _, ok := c.Lookup("nope"); ok {
		t.Error("Lookup(nope) found something")
	}
	// Lookup returns a copy: changing it does not change the list.
	got.Broader[0] = "x"
	if k, _ := c.Lookup("ransomware"); k.Broader[0] != "malware" {
		t.Error("Lookup returned the list's own slice")
	}
	if k, _ := c.Lookup("bad-rabbit"); k.Label() != "Bad Rabbit" {
		t.Errorf("label = %q", k.Label())
	}
}

// TestConceptsValidate checks that each kind of error in a list is
// reported with the file and the line.
func TestConceptsValidate(t *testing.T) {
	head := "version: 1\nconcepts:\n"
	for _, tc := range []struct {
		name, yaml string
		want       []string // substrings of the error, each with file:line
	}{
		{"duplicate id", head + `
  - {id: a, type: theme, ja: あいう}
  - {id: a, type: theme, ja: かきく}
`, []string{`x.yaml:5: duplicate concept id "a" (first at line 4)`}},
		{"unknown type", head + `
  - {id: a, type: virus, ja: あいう}
`, []string{`x.yaml:4: concept "a" has unknown type "virus"`}},
		{"missing broader", head + `
  - id: a
    type: theme
    ja: あいう
    broader: [b]
`, []string{`x.yaml:7: concept "a": broader concept "b" does not exist`}},
		{"self broader", head + `
  - {id: a, type: theme, ja: あいう, broader: [a]}
`, []string{`x.yaml:4: concept "a" lists itself as broader`}},
		{"cycle", head + `
  - {id: a, type: theme, ja: あいう, broader: [b]}
  - {id: b, type: theme, ja: かきく, broader: [c]}
  - {id: c, type: theme, ja: さしす, broader: [a]}
`, []string{`x.yaml:6: broader cycle: a → b → c → a`}},
		{"alias claimed twice", head + `
  - {id: a, type: organisation, ja: ＫＤＤＩ株式会社}
  - {id: b, type: organisation, ja: 別の会社, aliases: [KDDI株式会社]}
`, []string{`x.yaml:5: alias "KDDI株式会社" of concept "b" is already claimed by concept "a" as alias "ＫＤＤＩ株式会社" (line 4)`}},
		{"alias claimed twice modulo separators", head + `
  - {id: a, type: theme, ja: セキュリティ・バイ・デザイン}
  - {id: b, type: theme, ja: 別物, en: セキュリティバイデザイン}
`, []string{`x.yaml:5: alias "セキュリティバイデザイン" of concept "b" is already claimed by concept "a"`}},
		{"implicit is an alias", head + `
  - {id: a, type: incident, ja: 事案甲, implicit: [乙の件]}
  - {id: b, type: incident, ja: 乙の件}
`, []string{`x.yaml:4: implicit phrase "乙の件" of concept "a" is already claimed by concept "b" as alias "乙の件" (line 5)`}},
		{"one-character alias", head + `
  - {id: a, type: country-region, ja: 米国, aliases: [米]}
`, []string{`x.yaml:4: alias "米" of concept "a" is one character`}},
		{"unknown field", head + `
  - id: a
    type: theme
    ja: あいう
    label: x
`, []string{`x.yaml:7: unknown field "label"`}},
		{"no label, no type", head + `
  - {id: a}
`, []string{`x.yaml:4: concept "a" has no type`, `x.yaml:4: concept "a" has neither ja nor en label`}},
		{"missing version", "concepts:\n  - {id: a, type: theme, ja: あいう}\n", []string{`x.yaml:1: missing version`}},
		{"wrong version", "version: 2\nconcepts:\n  - {id: a, type: theme, ja: あいう}\n", []string{`x.yaml:1: unsupported version "2"`}},
		{"no concepts", "version: 1\n", []string{`x.yaml:1: concepts must be a non-empty list`}},
		{"syntax", "version: 1\nconcepts:\n  - {id: a\n", []string{`x.yaml:`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseConcepts("x.yaml", []byte(tc.yaml))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\ndoes not contain\n%s", err, w)
				}
			}
			var e *Error
			if !errors.As(err, &e) || e.Path != "x.yaml" {
				t.Errorf("error %v is not an *Error naming the file", err)
			}
		})
	}
}

// TestConceptsSeedList checks that the curated list loads.
func TestConceptsSeedList(t *testing.T) {
	c, err := LoadConcepts("../seeds/concepts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Len() < 50 {
		t.Errorf("only %d concepts in seeds/concepts.yaml", c.Len())
	}
}
