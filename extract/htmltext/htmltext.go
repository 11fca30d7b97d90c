// Package htmltext reads the main text of an HTML page of minutes as
// lines: paragraphs, line breaks, preformatted text and table rows become
// lines; menus, navigation, headers, footers and scripts are dropped.
package htmltext

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// ErrNoText: the page has no text outside its menus and scripts.
var ErrNoText = errors.New("HTML page has no main text")

// Text is the main text of a page.
type Text struct {
	Text string
	// Charset is the encoding the page was decoded from: utf-8,
	// shift_jis, euc-jp…
	Charset string
}

// Read decodes data by its BOM, its <meta charset> or http-equiv
// Content-Type, or a guess from its bytes, parses it and returns its main
// text. contentType is the HTTP Content-Type when known, or "".
func Read(data []byte, contentType string) (*Text, error) {
	enc, name, _ := charset.DetermineEncoding(data, contentType)
	r, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("decoding as %s: %w", name, err)
	}
	r = bytes.TrimPrefix(r, []byte("\uFEFF"))
	doc, err := html.Parse(bytes.NewReader(r))
	if err != nil {
		return nil, err
	}
	root := mainElement(doc)
	if root == nil {
		root = doc
	}
	var w writer
	w.node(root)
	w.breakLine()
	text := strings.Join(w.lines, "\n")
	if strings.TrimSpace(text) == "" {
		return nil, ErrNoText
	}
	return &Text{Text: text + "\n", Charset: name}, nil
}

// mainElement returns the <main> element or the element with
// role="main", if the page marks one.
func mainElement(n *html.Node) *html.Node {
	if n.Type == html.ElementNode && (n.DataAtom == atom.Main || attr(n, "role") == "main") {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if m := mainElement(c); m != nil {
			return m
		}
	}
	return nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// Elements never part of the text.
var skipAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.Menu: true, atom.Form: true, atom.Button: true, atom.Select: true,
	atom.Iframe: true, atom.Object: true, atom.Svg: true, atom.Head: true,
	atom.Textarea: true,
}

// Roles and id/class words that mark site chrome rather than content.
var chromeRoles = map[string]bool{"navigation": true, "banner": true, "contentinfo": true, "search": true, "menu": true, "menubar": true, "complementary": true}

var chromeWords = []string{"nav", "menu", "breadcrumb", "pankuzu", "topicpath", "header", "footer", "sidebar", "side-bar", "skip", "pagetop", "page-top", "gnav", "snav", "lnav", "utility", "sitemap", "banner"}

func isChrome(n *html.Node) bool {
	if skipAtoms[n.DataAtom] {
		return true
	}
	if chromeRoles[strings.ToLower(attr(n, "role"))] || attr(n, "aria-hidden") == "true" || hasAttr(n, "hidden") {
		return true
	}
	for _, v := range []string{attr(n, "id"), attr(n, "class")} {
		for _, f := range strings.Fields(strings.ToLower(v)) {
			for _, w := range chromeWords {
				if f == w || strings.HasPrefix(f, w+"-") || strings.HasSuffix(f, "-"+w) || strings.HasPrefix(f, w+"_") || f == "g"+w || f == "global-"+w {
					return true
				}
			}
		}
	}
	return false
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// Elements that stand on lines of their own.
var blockAtoms = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Dt: true, atom.Dd: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Tr: true, atom.Table: true, atom.Ul: true, atom.Ol: true, atom.Dl: true,
	atom.Section: true, atom.Article: true, atom.Blockquote: true, atom.Address: true,
	atom.Hr: true, atom.Caption: true, atom.Figure: true, atom.Figcaption: true, atom.Body: true,
}

type writer struct {
	lines []string
	cur   strings.Builder
	pre   int
	depth int
}

func (w *writer) breakLine() {
	s := strings.TrimRightFunc(w.cur.String(), unicode.IsSpace)
	w.cur.Reset()
	if strings.TrimSpace(s) == "" {
		// Keep at most one blank line, as a paragraph break.
		if len(w.lines) > 0 && w.lines[len(w.lines)-1] != "" {
			w.lines = append(w.lines, "")
		}
		return
	}
	w.lines = append(w.lines, s)
}

func (w *writer) text(s string) {
	if w.pre > 0 {
		for i, part := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
			if i > 0 {
				w.breakLine()
			}
			w.cur.WriteString(strings.Map(dropControl, part))
		}
		return
	}
	// Outside <pre>, runs of white space are one space, and none at the
	// start of a line.
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			if w.cur.Len() == 0 {
				continue
			}
			if last, _ := utf8.DecodeLastRuneInString(w.cur.String()); last == ' ' || last == '\u3000' {
				continue
			}
			w.cur.WriteByte(' ')
			continue
		}
		if dropControl(r) < 0 {
			continue
		}
		w.cur.WriteRune(r)
	}
}

func dropControl(r rune) rune {
	if r == '\t' {
		return r
	}
	if unicode.IsControl(r) || r == '\uFFFD' {
		return -1
	}
	return r
}

func (w *writer) node(n *html.Node) {
	// Deeply nested markup is cut off rather than overflowing the stack.
	if w.depth > 500 {
		return
	}
	w.depth++
	defer func() { w.depth-- }()
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		if isChrome(n) {
			return
		}
		switch n.DataAtom {
		case atom.Br:
			w.breakLine()
			return
		case atom.Pre, atom.Textarea, atom.Listing, atom.Plaintext:
			w.breakLine()
			w.pre++
			w.children(n)
			w.pre--
			w.breakLine()
			return
		case atom.Td, atom.Th:
			// Cells of a row stand on one line, apart by two spaces as
			// the columns of a text attendee list are.
			if w.cur.Len() > 0 {
				w.cur.WriteString("  ")
			}
			w.children(n)
			return
		case atom.Img:
			return
		}
		if blockAtoms[n.DataAtom] {
			w.breakLine()
			w.children(n)
			w.breakLine()
			return
		}
	}
	w.children(n)
}

func (w *writer) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c)
	}
}

// Sniff reports whether data looks like an HTML document: markup starts
// it (after a BOM and white space) with a doctype, <html>, <head>, <body>
// or a comment followed by one of those.
func Sniff(data []byte) bool {
	head := data[:min(len(data), 1024)]
	head = bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	head = bytes.TrimLeft(head, " \t\r\n")
	low := bytes.ToLower(head)
	for bytes.HasPrefix(low, []byte("<!--")) {
		i := bytes.Index(low, []byte("-->"))
		if i < 0 {
			return false
		}
		low = bytes.TrimLeft(low[i+3:], " \t\r\n")
	}
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<title"} {
		if bytes.HasPrefix(low, []byte(p)) {
			return true
		}
	}
	return false
}
