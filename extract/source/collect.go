package source

import (
	"os"

	"github.com/gijigraph/gijigraph/extract"
	"github.com/gijigraph/gijigraph/extract/kokkai"
)

// Collector gathers the Diet API responses of many files (the pages of
// one search) so that each meeting is built once and whole: a meeting
// given in two pages is one document, and the speeches of a meeting that
// the speech endpoint split over pages are put back together.
type Collector struct {
	r      kokkai.Response
	first  map[string]string // issueID → the file it first came from
	format map[string]Format // issueID → the format of that file
	files  int
}

// IsAPI reports whether the file at path is a Diet API response, by its
// content.
func IsAPI(path string) (bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	f, _ := Sniff(data)
	return f == KokkaiJSON || f == KokkaiXML, nil
}

// Add reads one response file.
func (c *Collector) Add(path string, data []byte) error {
	f, err := Sniff(data)
	if err != nil {
		return &extract.Error{Path: path, Err: err}
	}
	var r *kokkai.Response
	switch f {
	case KokkaiJSON:
		r, err = kokkai.ParseJSON(data)
	case KokkaiXML:
		r, err = kokkai.ParseXML(data)
	default:
		return &extract.Error{Path: path, Err: ErrUnknownFormat}
	}
	if err != nil {
		return &extract.Error{Path: path, Err: err}
	}
	if c.first == nil {
		c.first, c.format = map[string]string{}, map[string]Format{}
	}
	for _, m := range r.AllMeetings() {
		if _, ok := c.first[m.IssueID]; !ok {
			c.first[m.IssueID], c.format[m.IssueID] = path, f
		}
	}
	c.files++
	c.r.Merge(r)
	return nil
}

// Documents returns a document per meeting of every response added, in
// order of first appearance. Each names, as its path, the file the
// meeting first came from and its issueID.
func (c *Collector) Documents() ([]*extract.Document, error) {
	if c.files == 0 {
		return nil, nil
	}
	var docs []*extract.Document
	for _, m := range c.r.AllMeetings() {
		path := c.first[m.IssueID]
		src := extract.Source{Path: path + "#" + m.IssueID, Format: string(c.format[m.IssueID])}
		d, err := kokkai.Document(src, m)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}
