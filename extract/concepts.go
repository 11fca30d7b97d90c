package extract

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Concept types: what kind of thing a concept is.
const (
	TypeMalware         = "malware"
	TypeIncident        = "incident"
	TypeAttackTechnique = "attack-technique"
	TypeOrganisation    = "organisation"
	TypeCountryRegion   = "country-region"
	TypeLawPolicy       = "law-policy"
	TypeProgramme       = "programme"
	TypeTechnology      = "technology"
	TypeEvent           = "event"
	TypeTheme           = "theme"
	// TypeCandidate is the type of a Mention in a Candidate's evidence: a
	// term discovery found that the concept list does not have.
	TypeCandidate = "candidate"
)

// ConceptTypes lists the types a concept in the list may have.
var ConceptTypes = []string{
	TypeMalware, TypeIncident, TypeAttackTechnique, TypeOrganisation,
	TypeCountryRegion, TypeLawPolicy, TypeProgramme, TypeTechnology,
	TypeEvent, TypeTheme,
}

// Concept is one entry of the curated concept list.
type Concept struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Ja   string `json:"ja"`
	En   string `json:"en,omitempty"`
	// Aliases are further surfaces of the concept. Ja and En count as
	// aliases too.
	Aliases []string `json:"aliases,omitempty"`
	// Broader lists the ids of broader concepts: only for "is a kind of"
	// (ランサムウェア is a kind of マルウェア, WannaCry an instance of
	// ランサムウェア) or, for organisations, places, laws and sectors, "is
	// a part of" (サイバー局 of 警察庁). docs/concepts.md lists the audit.
	Broader []string `json:"broader,omitempty"`
	// Related lists the ids of associated concepts that are neither
	// (身代金 and ランサムウェア): skos:related, which narrower=true does
	// not follow.
	Related []string `json:"related,omitempty"`
	// Implicit lists phrases that refer to the concept indirectly
	// (パイプラインの事案). They count only in a document that names the
	// concept explicitly.
	Implicit []string `json:"implicit,omitempty"`
	Note     string   `json:"note,omitempty"`
	// Line is the 1-based line of the entry in the list.
	Line int `json:"line"`
}

// Label is the concept's display label: Ja, or En when Ja is empty.
func (c Concept) Label() string {
	if c.Ja != "" {
		return c.Ja
	}
	return c.En
}

// Concepts is a loaded, validated concept list with its matcher built.
// It is safe for concurrent use.
type Concepts struct {
	list     []Concept
	byID     map[string]int
	explicit *conceptTrie // ja, en and aliases
	implicit *conceptTrie // implicit phrases
}

// LoadConcepts reads and validates the concept list at path.
func LoadConcepts(path string) (*Concepts, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseConcepts(path, data)
}

// ParseConcepts parses and validates a concept list; name is used in
// errors. It reports every problem it finds, each as an *Error with the
// line, joined with errors.Join.
func ParseConcepts(name string, data []byte) (*Concepts, error) {
	p := &conceptParser{name: name}
	c := p.parse(data)
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	return c, nil
}

// List returns the concepts in the order of the list.
func (c *Concepts) List() []Concept {
	out := make([]Concept, len(c.list))
	for i, k := range c.list {
		out[i] = cloneConcept(k)
	}
	return out
}

// Lookup returns the concept with the given id.
func (c *Concepts) Lookup(id string) (Concept, bool) {
	i, ok := c.byID[id]
	if !ok {
		return Concept{}, false
	}
	return cloneConcept(c.list[i]), true
}

// Len is the number of concepts in the list.
func (c *Concepts) Len() int { return len(c.list) }

func cloneConcept(k Concept) Concept {
	k.Aliases = slices.Clone(k.Aliases)
	k.Broader = slices.Clone(k.Broader)
	k.Related = slices.Clone(k.Related)
	k.Implicit = slices.Clone(k.Implicit)
	return k
}

// conceptParser collects every error of one list.
type conceptParser struct {
	name string
	errs []error
}

func (p *conceptParser) errorf(line int, format string, args ...any) {
	p.errs = append(p.errs, &Error{Path: p.name, Line: line, Err: fmt.Errorf(format, args...)})
}

var conceptKeys = []string{"id", "type", "ja", "en", "aliases", "broader", "related", "implicit", "note"}

// surfaceAt is one alias or implicit phrase with the line it is on.
type surfaceAt struct {
	text string
	line int
}

func (p *conceptParser) parse(data []byte) *Concepts {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line := 0
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			// yaml.v3 syntax errors read "yaml: line N: ...".
			fmt.Sscanf(err.Error(), "yaml: line %d:", &line)
		}
		p.errs = append(p.errs, &Error{Path: p.name, Line: line, Err: err})
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		p.errorf(0, "empty concept list")
		return nil
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		p.errorf(top.Line, "concept list must be a mapping with version and concepts")
		return nil
	}
	var version, concepts *yaml.Node
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		switch k.Value {
		case "version":
			version = v
		case "concepts":
			concepts = v
		default:
			p.errorf(k.Line, "unknown key %q", k.Value)
		}
	}
	if version == nil {
		p.errorf(top.Line, "missing version")
	} else if version.Value != "1" {
		p.errorf(version.Line, "unsupported version %q, want 1", version.Value)
	}
	if concepts == nil || concepts.Kind != yaml.SequenceNode || len(concepts.Content) == 0 {
		line := top.Line
		if concepts != nil {
			line = concepts.Line
		}
		p.errorf(line, "concepts must be a non-empty list")
		return nil
	}

	c := &Concepts{byID: make(map[string]int)}
	var aliasLines, implicitLines [][]surfaceAt
	brLines := map[string][]int{} // concept id → line of each broader entry
	for _, n := range concepts.Content {
		k, aliases, implicit, broaderLines, ok := p.concept(n)
		if !ok {
			continue
		}
		if prev, dup := c.byID[k.ID]; dup {
			p.errorf(k.Line, "duplicate concept id %q (first at line %d)", k.ID, c.list[prev].Line)
			continue
		}
		c.byID[k.ID] = len(c.list)
		c.list = append(c.list, k)
		aliasLines = append(aliasLines, aliases)
		implicitLines = append(implicitLines, implicit)
		brLines[k.ID] = broaderLines
	}
	p.checkBroader(c, brLines)
	c.explicit, c.implicit = p.buildTries(c, aliasLines, implicitLines)
	return c
}

// concept decodes and checks one entry.
func (p *conceptParser) concept(n *yaml.Node) (k Concept, aliases, implicit []surfaceAt, broaderLines []int, ok bool) {
	if n.Kind != yaml.MappingNode {
		p.errorf(n.Line, "concept must be a mapping")
		return k, nil, nil, nil, false
	}
	k.Line = n.Line
	nerr := len(p.errs)
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, v := n.Content[i], n.Content[i+1]
		switch key.Value {
		case "id":
			k.ID = p.scalar(v)
		case "type":
			k.Type = p.scalar(v)
		case "ja":
			k.Ja = p.scalar(v)
			if k.Ja != "" {
				aliases = append(aliases, surfaceAt{k.Ja, v.Line})
			}
		case "en":
			k.En = p.scalar(v)
			if k.En != "" {
				aliases = append(aliases, surfaceAt{k.En, v.Line})
			}
		case "note":
			k.Note = p.scalar(v)
		case "aliases", "broader", "related", "implicit":
			items := p.stringList(key.Value, v)
			for _, s := range items {
				switch key.Value {
				case "aliases":
					k.Aliases = append(k.Aliases, s.text)
					aliases = append(aliases, s)
				case "broader":
					k.Broader = append(k.Broader, s.text)
					broaderLines = append(broaderLines, s.line)
				case "related":
					k.Related = append(k.Related, s.text)
				case "implicit":
					k.Implicit = append(k.Implicit, s.text)
					implicit = append(implicit, s)
				}
			}
		default:
			p.errorf(key.Line, "unknown field %q (known: %s)", key.Value, strings.Join(conceptKeys, ", "))
		}
	}
	switch {
	case k.ID == "":
		p.errorf(n.Line, "concept has no id")
	case strings.IndexFunc(k.ID, func(r rune) bool { return r <= ' ' || r == '\u3000' }) >= 0:
		p.errorf(n.Line, "concept id %q contains white space", k.ID)
	}
	switch {
	case k.Type == "":
		p.errorf(n.Line, "concept %q has no type", k.ID)
	case !slices.Contains(ConceptTypes, k.Type):
		p.errorf(n.Line, "concept %q has unknown type %q (known: %s)", k.ID, k.Type, strings.Join(ConceptTypes, ", "))
	}
	if k.Ja == "" && k.En == "" {
		p.errorf(n.Line, "concept %q has neither ja nor en label", k.ID)
	}
	for _, s := range append(slices.Clone(aliases), implicit...) {
		switch key := aliasKey(s.text); {
		case key == "":
			p.errorf(s.line, "concept %q has an empty alias", k.ID)
		case utf8.RuneCountInString(key) < 2:
			p.errorf(s.line, "alias %q of concept %q is one character: too short to match safely", s.text, k.ID)
		}
	}
	return k, aliases, implicit, broaderLines, len(p.errs) == nerr
}

func (p *conceptParser) scalar(v *yaml.Node) string {
	if v.Kind != yaml.ScalarNode {
		p.errorf(v.Line, "expected a string")
		return ""
	}
	return strings.TrimSpace(v.Value)
}

func (p *conceptParser) stringList(field string, v *yaml.Node) []surfaceAt {
	if v.Kind == yaml.ScalarNode && (v.Tag == "!!null" || v.Value == "") {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		p.errorf(v.Line, "%s must be a list of strings", field)
		return nil
	}
	var out []surfaceAt
	for _, item := range v.Content {
		if s := p.scalar(item); s != "" {
			out = append(out, surfaceAt{s, item.Line})
		} else if item.Kind == yaml.ScalarNode {
			p.errorf(item.Line, "empty entry in %s", field)
		}
	}
	return out
}

// checkBroader checks that every broader id exists and that broader links
// form no cycle.
func (p *conceptParser) checkBroader(c *Concepts, lines map[string][]int) {
	for _, k := range c.list {
		for _, r := range k.Related {
			switch _, ok := c.byID[r]; {
			case r == k.ID:
				p.errorf(k.Line, "concept %q lists itself as related", k.ID)
			case !ok:
				p.errorf(k.Line, "concept %q: related concept %q does not exist", k.ID, r)
			case slices.Contains(k.Broader, r):
				p.errorf(k.Line, "concept %q: %q is both broader and related", k.ID, r)
			}
		}
	}
	for _, k := range c.list {
		for j, b := range k.Broader {
			switch _, ok := c.byID[b]; {
			case b == k.ID:
				p.errorf(lines[k.ID][j], "concept %q lists itself as broader", k.ID)
			case !ok:
				p.errorf(lines[k.ID][j], "concept %q: broader concept %q does not exist", k.ID, b)
			}
		}
	}
	// Depth-first search for a cycle; each cycle is reported once, at the
	// line of the concept where the search found it closing.
	const (
		white = iota
		grey
		black
	)
	colour := make([]int, len(c.list))
	var stack []int
	var visit func(i int)
	visit = func(i int) {
		colour[i] = grey
		stack = append(stack, i)
		for _, b := range c.list[i].Broader {
			j, ok := c.byID[b]
			if !ok || j == i {
				continue
			}
			switch colour[j] {
			case white:
				visit(j)
			case grey:
				at := slices.Index(stack, j)
				var path []string
				for _, s := range stack[at:] {
					path = append(path, c.list[s].ID)
				}
				path = append(path, c.list[j].ID)
				p.errorf(c.list[i].Line, "broader cycle: %s", strings.Join(path, " → "))
			}
		}
		stack = stack[:len(stack)-1]
		colour[i] = black
	}
	for i := range c.list {
		if colour[i] == white {
			visit(i)
		}
	}
}

// buildTries checks that no alias or implicit phrase is claimed by two
// concepts and builds the matchers.
func (p *conceptParser) buildTries(c *Concepts, aliases, implicit [][]surfaceAt) (*conceptTrie, *conceptTrie) {
	type claim struct {
		concept int
		line    int
		text    string
		kind    string
	}
	claims := map[string]claim{}
	ex, im := newConceptTrie(), newConceptTrie()
	add := func(t *conceptTrie, ci int, s surfaceAt, kind string) {
		key := aliasKey(s.text)
		if key == "" || utf8.RuneCountInString(key) < 2 {
			return // reported already
		}
		if prev, ok := claims[key]; ok {
			if prev.concept == ci && prev.kind == kind {
				return // the same concept saying it twice (ja repeated in aliases)
			}
			if prev.concept == ci {
				p.errorf(s.line, "%s %q of concept %q is also its %s (line %d)", kind, s.text, c.list[ci].ID, prev.kind, prev.line)
				return
			}
			p.errorf(s.line, "%s %q of concept %q is already claimed by concept %q as %s %q (line %d)",
				kind, s.text, c.list[ci].ID, c.list[prev.concept].ID, prev.kind, prev.text, prev.line)
			return
		}
		claims[key] = claim{ci, s.line, s.text, kind}
		t.add(s.text, ci)
	}
	for ci := range c.list {
		for _, s := range aliases[ci] {
			add(ex, ci, s, "alias")
		}
	}
	for ci := range c.list {
		for _, s := range implicit[ci] {
			add(im, ci, s, "implicit phrase")
		}
	}
	return ex, im
}
