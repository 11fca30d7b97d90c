package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// A line is one line of the source text.
type line struct {
	n          int    // 1-based line number
	start, end int    // byte offsets of the content in the source: whitespace trimmed
	text       string // the trimmed content, as written
	indent     bool   // the line began with whitespace
	key        string // text folded, with all white space removed: for classification
}

// splitLines splits text into lines on \n, \r\n, \r and \f (a PDF page
// break), trimming white space but keeping offsets into text.
func splitLines(text string) []line {
	var lines []line
	n := 1
	for pos := 0; pos <= len(text); {
		end := strings.IndexAny(text[pos:], "\r\n\f")
		next := len(text) + 1
		if end < 0 {
			end = len(text)
		} else {
			end += pos
			next = end + 1
			if text[end] == '\r' && next < len(text) && text[next] == '\n' {
				next++
			}
		}
		l := line{n: n}
		raw := text[pos:end]
		trimmed := strings.TrimLeftFunc(raw, isSpace)
		l.indent = len(trimmed) < len(raw)
		l.start = pos + len(raw) - len(trimmed)
		trimmed = strings.TrimRightFunc(trimmed, isSpace)
		l.end = l.start + len(trimmed)
		l.text = trimmed
		l.key = keyOf(trimmed)
		lines = append(lines, l)
		// A form feed is a page break: editors do not count it as a line.
		if end >= len(text) || text[end] != '\f' {
			n++
		}
		pos = next
	}
	return lines
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' || r == '\uFEFF' }

// keyOf folds s and removes all white space.
func keyOf(s string) string {
	k := FoldKey(s)
	if strings.IndexFunc(k, isSpace) < 0 {
		return k
	}
	return strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, k)
}

// displayWidth is the width of s in columns: East Asian wide and
// full-width characters count two.
func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			w += 2
		default:
			w++
		}
	}
	return w
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// fields splits s on runs of white space (spaces, tabs, U+3000), returning
// each field with its byte offset in s.
func fields(s string) (fs []string, offs []int) {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if isSpace(r) {
			i += n
			continue
		}
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if isSpace(r) {
				break
			}
			j += n
		}
		fs = append(fs, s[i:j])
		offs = append(offs, i)
		i = j
	}
	return fs, offs
}
