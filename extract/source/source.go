// Package source reads minutes in any of the formats gijigraph knows —
// plain text, PDF, HTML and 国会会議録検索システム (Diet API) responses —
// choosing the reader by the content of the file, not its name, and
// hands the text to the extractor.
package source

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/gijigraph/gijigraph/extract"
	"github.com/gijigraph/gijigraph/extract/htmltext"
	"github.com/gijigraph/gijigraph/extract/kokkai"
	"github.com/gijigraph/gijigraph/extract/pdftext"
)

// Format is a format that Read recognises.
type Format string

// The formats, as recorded in extract.Source.Format.
const (
	Text       Format = "text"
	PDF        Format = "pdf"
	HTML       Format = "html"
	KokkaiJSON Format = "kokkai-json"
	KokkaiXML  Format = "kokkai-xml"
)

// Supported describes the formats for error messages and help text.
const Supported = "plain text (UTF-8, Shift_JIS, EUC-JP, UTF-16), PDF with a text layer, HTML pages, and 国会会議録検索システム API responses (JSON or XML)"

// ErrUnknownFormat: the file is in none of the supported formats.
var ErrUnknownFormat = errors.New("unknown format")

// Other formats recognised by their magic bytes, to name them in errors.
var otherMagic = []struct {
	magic []byte
	name  string
}{
	{[]byte("PK\x03\x04"), "a ZIP archive (a Word .docx or Excel .xlsx file?)"},
	{[]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), "an OLE compound file (a Word .doc, Excel .xls or Ichitaro .jtd file?)"},
	{[]byte("{\\rtf"), "RTF"},
	{[]byte("\x89PNG"), "a PNG image"},
	{[]byte("\xFF\xD8\xFF"), "a JPEG image"},
	{[]byte("GIF8"), "a GIF image"},
	{[]byte("II*\x00"), "a TIFF image"},
	{[]byte("MM\x00*"), "a TIFF image"},
	{[]byte("%!PS"), "PostScript"},
	{[]byte("\x1F\x8B"), "gzip-compressed data"},
}

// Sniff tells the format of data by its content: the %PDF- magic, HTML
// markup at the start, a JSON object or XML document shaped like a Diet
// API response; anything else is taken for text. It returns an error
// for content it recognises as another format (an image, a Word file),
// and for JSON or XML that is not a Diet API response.
func Sniff(data []byte) (Format, error) {
	head := data[:min(len(data), 1024)]
	if i := bytes.Index(head, []byte("%PDF-")); i >= 0 && i < 1024 {
		return PDF, nil
	}
	for _, m := range otherMagic {
		if bytes.HasPrefix(data, m.magic) {
			return "", fmt.Errorf("%w: %s; gijigraph reads %s", ErrUnknownFormat, m.name, Supported)
		}
	}
	trim := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	switch {
	case htmltext.Sniff(data):
		return HTML, nil
	case bytes.HasPrefix(trim, []byte("{")) || bytes.HasPrefix(trim, []byte("[")):
		if kokkai.SniffJSON(data) {
			return KokkaiJSON, nil
		}
		return "", fmt.Errorf("%w: JSON that is not a 国会会議録検索システム API response (no meetingRecord or speechRecord); gijigraph reads %s", ErrUnknownFormat, Supported)
	case bytes.HasPrefix(trim, []byte("<?xml")) || bytes.HasPrefix(trim, []byte("<data")):
		if kokkai.SniffXML(data) {
			return KokkaiXML, nil
		}
		if bytes.Contains(bytes.ToLower(data[:min(len(data), 4096)]), []byte("<html")) {
			return HTML, nil
		}
		return "", fmt.Errorf("%w: XML that is not a 国会会議録検索システム API response (no meetingRecord or speechRecord); gijigraph reads %s", ErrUnknownFormat, Supported)
	}
	return Text, nil
}

// Read reads the minutes in data, whatever their format, and returns
// their documents: one per meeting (text, PDF and HTML files may hold
// several concatenated; a Diet API response many, or none). path names the file
// in errors and in each Document's Source. An error names the file.
func Read(ctx context.Context, path string, data []byte) ([]*extract.Document, error) {
	f, err := Sniff(data)
	if err != nil {
		return nil, &extract.Error{Path: path, Err: err}
	}
	sum := sha256.Sum256(data)
	src := extract.Source{Path: path, SHA256: hex.EncodeToString(sum[:]), Bytes: len(data), Format: string(f)}
	switch f {
	case PDF:
		t, err := pdftext.Read(ctx, data)
		if err != nil {
			return nil, &extract.Error{Path: path, Err: err}
		}
		src.Encoding = "utf-8"
		src.PageLines = pageLines(t.Text)
		return extract.ParseAllText(src, t.Text)
	case HTML:
		t, err := htmltext.Read(data, "")
		if err != nil {
			return nil, &extract.Error{Path: path, Err: err}
		}
		src.Encoding = normCharset(t.Charset)
		return extract.ParseAllText(src, t.Text)
	case KokkaiJSON, KokkaiXML:
		var r *kokkai.Response
		if f == KokkaiJSON {
			r, err = kokkai.ParseJSON(data)
		} else {
			r, err = kokkai.ParseXML(data)
		}
		if err != nil {
			return nil, &extract.Error{Path: path, Err: err}
		}
		return kokkai.Documents(src, r)
	}
	docs, err := extract.ParseAll(path, data)
	if err != nil {
		if errors.Is(err, extract.ErrBinary) {
			return nil, &extract.Error{Path: path, Err: fmt.Errorf("%w: %w; gijigraph reads %s", ErrUnknownFormat, errors.Unwrap(err), Supported)}
		}
		return nil, err
	}
	for _, doc := range docs {
		doc.Source.Format = string(Text)
	}
	return docs, nil
}

// pageLines returns the line each page of text begins on, counting lines
// as the extractor does: a form feed ends a page but not a line.
func pageLines(text string) []int {
	out := []int{1}
	line := 1
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			line++
		case '\f':
			out = append(out, line)
		}
	}
	return out
}

func normCharset(name string) string {
	switch n := strings.ToLower(name); n {
	case "shift_jis", "windows-31j", "sjis":
		return "shift_jis"
	default:
		return n
	}
}
