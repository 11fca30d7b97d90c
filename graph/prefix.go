package graph

import (
	"sort"
	"strings"

	"github.com/gijigraph/gijigraph/graph/vocab"
)

// Short IRIs.
//
// Gizmo in Cayley v0.7.7 expands no prefixes, so a query would have to
// spell <http://www.w3.org/2004/02/skos/core#prefLabel> in full. Every
// query gijigraph runs goes through ExpandPrefixes first: a string literal
// whose whole content is a short IRI of vocab.Prefixes ("skos:prefLabel",
// "person:村井純", or the same in angle brackets) becomes the full IRI.
// Only whole string literals are rewritten, found by a scanner that knows
// JavaScript's strings, template literals, comments and regular
// expression literals, so text inside a longer string, a comment or a
// regular expression never changes.

var (
	prefixByName = map[string]vocab.Prefix{}
	// prefixesByIRI is vocab.Prefixes, longest namespace first, so that
	// ShortIRI picks the most specific one.
	prefixesByIRI []vocab.Prefix
)

func init() {
	for _, p := range vocab.Prefixes {
		prefixByName[p.Name] = p
	}
	prefixesByIRI = append(prefixesByIRI, vocab.Prefixes...)
	sort.SliceStable(prefixesByIRI, func(i, j int) bool {
		return len(prefixesByIRI[i].IRI) > len(prefixesByIRI[j].IRI)
	})
}

// ExpandIRI expands one short IRI, "person:村井純" or "<person:村井純>",
// to the full IRI in angle brackets as Gizmo takes it,
// "<https://gijigraph.org/id/person/村井純>". ok is false when s is not a
// short IRI: no known prefix, an empty local part, or a URL ("http://…").
//
// The local part of an instance prefix is normalised the way vocab mints
// IRIs, so that what a person types finds the node: for person:, the
// person key (graph.PersonKey: "遠藤 信博" → 遠藤信博, 髙橋 → 高橋); for
// concept:, Latin lower case (concept:WannaCry → …/concept/wannacry); for
// every instance prefix, each "/"-separated segment NFKC-normalised, white
// space as "_", and the characters an IRI cannot hold percent-encoded. A
// "%" is kept, so that a short IRI printed by ShortIRI expands back to the
// same IRI. Vocabulary local parts ("schema:name") are taken as written.
func ExpandIRI(s string) (string, bool) {
	if len(s) > 2 && s[0] == '<' && s[len(s)-1] == '>' {
		s = s[1 : len(s)-1]
	}
	name, local, ok := strings.Cut(s, ":")
	if !ok || local == "" || strings.HasPrefix(local, "//") {
		return "", false
	}
	p, ok := prefixByName[name]
	if !ok {
		return "", false
	}
	if !p.Instance {
		if strings.ContainsAny(local, " \t\r\n<>\"{}|^`\\") {
			return "", false
		}
		return "<" + p.IRI + local + ">", true
	}
	switch name {
	case "person":
		local = vocab.Segment(PersonKey(local))
	case "concept":
		local = vocab.Path(strings.Map(func(r rune) rune {
			if 'A' <= r && r <= 'Z' {
				return r + 'a' - 'A'
			}
			return r
		}, local))
	default:
		local = vocab.Path(local)
	}
	if local == "" {
		return "", false
	}
	return "<" + p.IRI + local + ">", true
}

// ShortIRI returns the short form of an IRI as Gizmo returns it:
// "<https://gijigraph.org/id/person/村井純>" → "person:村井純". A value
// that is not an IRI, or that no prefix covers, is returned as it is.
func ShortIRI(v string) string {
	if len(v) < 2 || v[0] != '<' || v[len(v)-1] != '>' {
		return v
	}
	iri := v[1 : len(v)-1]
	for _, p := range prefixesByIRI {
		if rest, ok := strings.CutPrefix(iri, p.IRI); ok && rest != "" {
			return p.Name + ":" + rest
		}
	}
	return v
}

// ExpandPrefixes returns script with every string literal whose whole
// content is a short IRI (see ExpandIRI) replaced by the full IRI, in the
// same quotes: g.V("person:村井純").Out("schema:name") becomes
// g.V("<https://gijigraph.org/id/person/村井純>").Out("<http://schema.org/name>").
// Single- and double-quoted strings and template literals without
// substitutions are rewritten; strings holding an escape sequence,
// comments, regular expression literals and everything else are copied
// as they are. Expanding twice changes nothing.
func ExpandPrefixes(script string) string {
	var b strings.Builder
	b.Grow(len(script) + len(script)/4)
	l := lexer{src: script, out: &b}
	l.code(false)
	return b.String()
}

// Incomplete reports whether script needs more lines before it can run,
// as a REPL sees it: it ends inside a block comment, a template literal
// or a string continued by a backslash, or with a bracket ((), [], {})
// left open. A script the scanner can already tell is wrong (a closing
// bracket that matches nothing, a string broken by a line end) is not
// incomplete: running it reports the error.
func Incomplete(script string) bool {
	l := lexer{src: script}
	l.code(false)
	return !l.broken && (l.unterminated || len(l.open) > 0)
}

// StripComments returns script without its comments (a block comment
// becomes a space), strings and everything else kept: a REPL looks at
// how the code of a line ends.
func StripComments(script string) string {
	var b strings.Builder
	l := lexer{src: script, out: &b, noComments: true, noExpand: true}
	l.code(false)
	return b.String()
}

// lexer scans JavaScript just enough to find string literals and
// brackets. It copies what it scans to out, if out is not nil.
type lexer struct {
	src string
	i   int
	out *strings.Builder
	// noComments drops comments from out; noExpand copies strings as
	// they are.
	noComments, noExpand bool

	open         []byte // the brackets open, innermost last
	unterminated bool   // the script ended inside a token that may go on
	broken       bool   // a syntax error the scanner can see

	// prev is the last significant character of code (0 at the start,
	// 'a' after an identifier or number) and prevWord that identifier:
	// they tell a regular expression literal from a division.
	prev     byte
	prevWord string
}

// copyTo copies src[l.i:j] to the output and moves to j.
func (l *lexer) copyTo(j int) {
	if j > len(l.src) {
		j = len(l.src)
	}
	if l.out != nil {
		l.out.WriteString(l.src[l.i:j])
	}
	l.i = j
}

// comment copies a comment that ends at j, or writes instead when
// comments are dropped.
func (l *lexer) comment(j int, instead string) {
	if !l.noComments {
		l.copyTo(j)
		return
	}
	if l.out != nil {
		l.out.WriteString(instead)
	}
	l.i = j
}

func (l *lexer) at(j int) byte {
	if j < len(l.src) {
		return l.src[j]
	}
	return 0
}

var closerOf = map[byte]byte{')': '(', ']': '[', '}': '{'}

// code scans code to the end of the script or, in a template
// substitution (sub), to the brace that closes it, which it consumes.
func (l *lexer) code(sub bool) {
	base := len(l.open)
	for l.i < len(l.src) {
		c := l.src[l.i]
		switch {
		case c == '/' && l.at(l.i+1) == '/':
			j := strings.IndexByte(l.src[l.i:], '\n')
			if j < 0 {
				j = len(l.src) - l.i
			}
			l.comment(l.i+j, "")
		case c == '/' && l.at(l.i+1) == '*':
			j := strings.Index(l.src[l.i+2:], "*/")
			if j < 0 {
				l.comment(len(l.src), "")
				l.unterminated = true
				return
			}
			l.comment(l.i+2+j+2, " ")
		case c == '/' && l.regexAllowed():
			l.regex()
		case c == '"' || c == '\'':
			l.str(c)
		case c == '`':
			l.template()
			if l.unterminated {
				return
			}
		case c == '(' || c == '[' || c == '{':
			l.open = append(l.open, c)
			l.copyTo(l.i + 1)
			l.prev = c
		case c == ')' || c == ']' || c == '}':
			if sub && c == '}' && len(l.open) == base {
				l.copyTo(l.i + 1)
				return
			}
			if n := len(l.open); n > base && l.open[n-1] == closerOf[c] {
				l.open = l.open[:n-1]
			} else {
				l.broken = true
			}
			l.copyTo(l.i + 1)
			l.prev = c
		case isWordByte(c):
			j := l.i + 1
			for j < len(l.src) && isWordByte(l.src[j]) {
				j++
			}
			l.prevWord = l.src[l.i:j]
			l.copyTo(j)
			l.prev = 'a'
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			l.copyTo(l.i + 1)
		default:
			l.copyTo(l.i + 1)
			l.prev = c
		}
	}
	if sub {
		l.unterminated = true
	}
}

// isWordByte reports a byte of an identifier, keyword or number; every
// byte of a non-ASCII character counts, which is enough to skip them.
func isWordByte(c byte) bool {
	return c == '_' || c == '$' ||
		'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= 0x80
}

// regexKeywords are the words after which a "/" starts a regular
// expression rather than a division.
var regexKeywords = map[string]bool{
	"return": true, "typeof": true, "case": true, "do": true, "else": true, "in": true,
	"of": true, "new": true, "delete": true, "void": true, "throw": true, "instanceof": true,
	"yield": true, "await": true,
}

func (l *lexer) regexAllowed() bool {
	if l.prev == 'a' {
		return regexKeywords[l.prevWord]
	}
	return l.prev == 0 || strings.IndexByte("(,=:[!&|?{};+-*%<>~^", l.prev) >= 0
}

// regex scans a regular expression literal, or a lone "/" when what
// follows cannot be one (it reaches the line end).
func (l *lexer) regex() {
	class := false
	for j := l.i + 1; j < len(l.src); j++ {
		switch c := l.src[j]; {
		case c == '\n' || c == '\r':
			j = len(l.src)
		case c == '\\':
			j++
		case c == '[':
			class = true
		case c == ']':
			class = false
		case c == '/' && !class:
			j++
			for j < len(l.src) && isWordByte(l.src[j]) {
				j++
			}
			l.copyTo(j)
			l.prev = 'a'
			l.prevWord = ""
			return
		}
	}
	l.copyTo(l.i + 1)
	l.prev = '/'
}

// str scans a string literal in quotes q, expanding a short IRI.
func (l *lexer) str(q byte) {
	escaped := false
	for j := l.i + 1; j < len(l.src); j++ {
		switch l.src[j] {
		case '\\':
			escaped = true
			if j+1 == len(l.src) {
				l.copyTo(len(l.src))
				l.unterminated = true // a line continued with a backslash
				return
			}
			j++
		case '\n', '\r':
			l.copyTo(j)
			l.broken = true
			return
		case q:
			l.literal(j, q, escaped)
			return
		}
	}
	l.copyTo(len(l.src))
	l.broken = true
}

// literal finishes a string or template literal whose closing quote q is
// at end: it writes the literal, expanded if its whole content is a short
// IRI and it holds no escape or substitution.
func (l *lexer) literal(end int, q byte, escaped bool) {
	l.prev = q
	if l.out != nil && !escaped && !l.noExpand {
		if exp, ok := ExpandIRI(l.src[l.i+1 : end]); ok {
			l.out.WriteByte(q)
			for k := 0; k < len(exp); k++ {
				if exp[k] == q || exp[k] == '\\' {
					l.out.WriteByte('\\')
				}
				l.out.WriteByte(exp[k])
			}
			l.out.WriteByte(q)
			l.i = end + 1
			return
		}
	}
	l.copyTo(end + 1)
}

// template scans a template literal, and the code of its substitutions.
func (l *lexer) template() {
	simple := true // no escape, no substitution
	for j := l.i + 1; ; j++ {
		if j >= len(l.src) {
			l.copyTo(len(l.src))
			l.unterminated = true
			return
		}
		switch l.src[j] {
		case '\\':
			simple = false
			j++
		case '`':
			l.literal(j, '`', !simple)
			return
		case '$':
			if l.at(j+1) != '{' {
				continue
			}
			simple = false
			l.copyTo(j + 2)
			l.prev = '{'
			l.code(true)
			if l.unterminated {
				return
			}
			j = l.i - 1
		}
	}
}
