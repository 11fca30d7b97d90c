package server

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/xuri/excelize/v2"

	"github.com/gijigraph/gijigraph/graph"
)

// The list endpoints share their paging (limit and offset), their
// headers (X-Total-Count, X-Truncated) and their formats: JSON, CSV with
// a UTF-8 BOM so that Excel reads the Japanese, and XLSX (excelize).

// listFormats are the formats of every list endpoint; the first is the
// default.
var listFormats = []string{"json", "csv", "xlsx"}

// xlsxType is the media type of an Excel workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// listPage is the paging of a list request.
type listPage struct {
	offset, limit int // limit 0: every row from offset
	format        string
}

// parsePage reads limit, offset and format; def is the default limit
// (0: all) and max the largest.
func (p *params) page(def, max int) listPage {
	return listPage{
		offset: p.int("offset", 0, 0, 1<<30),
		limit:  p.int("limit", def, 1, max),
		format: p.oneOf("format", listFormats[0], listFormats...),
	}
}

// slice returns the page of a list of n items as [lo, hi).
func (lp listPage) slice(n int) (lo, hi int) {
	lo = min(lp.offset, n)
	hi = n
	if lp.limit > 0 {
		hi = min(lo+lp.limit, n)
	}
	return lo, hi
}

// table is a list as rows of cells: strings, ints or bools.
type table struct {
	name    string // file name without extension, and the sheet's name
	columns []string
	rows    [][]any
}

// writeTable writes t as CSV or XLSX with the paging headers.
func writeTable(c *gin.Context, format string, t table, total int, truncated bool) {
	setPageHeaders(c, total, truncated)
	if format == "xlsx" {
		data, err := t.xlsx()
		if err != nil {
			fail(c, fmt.Errorf("server: writing the workbook: %w", err))
			return
		}
		c.Header("Content-Disposition", `attachment; filename="`+t.name+`.xlsx"`)
		c.Data(http.StatusOK, xlsxType, data)
		return
	}
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.Write(t.columns)
	rec := make([]string, len(t.columns))
	for _, r := range t.rows {
		for i, v := range r {
			rec[i] = cellString(v)
		}
		w.Write(rec)
	}
	w.Flush()
	c.Header("Content-Disposition", `attachment; filename="`+t.name+`.csv"`)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", b.Bytes())
}

func setPageHeaders(c *gin.Context, total int, truncated bool) {
	c.Header("X-Total-Count", strconv.Itoa(total))
	c.Header("X-Truncated", strconv.FormatBool(truncated))
}

func cellString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case bool:
		return strconv.FormatBool(v)
	}
	return fmt.Sprint(v)
}

// xlsx writes t as a workbook of one sheet, numbers as numbers.
func (t table) xlsx() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := t.name
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	head := make([]any, len(t.columns))
	for i, c := range t.columns {
		head[i] = c
	}
	if err := sw.SetRow("A1", head); err != nil {
		return nil, err
	}
	for i, r := range t.rows {
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return nil, err
		}
		if err := sw.SetRow(cell, r); err != nil {
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func meetingsTable(ms []graph.MeetingSummary) table {
	t := table{name: "meetings", columns: []string{"id", "title", "body", "number", "date", "start", "end", "place", "kind",
		"complete", "warnings", "attendees", "agenda", "decisions", "speeches", "mentions"}}
	for _, m := range ms {
		t.rows = append(t.rows, []any{m.ID, m.Title, m.Body, m.Number, m.Date, m.Start, m.End, m.Place, m.Kind,
			m.Complete, m.Warnings, m.Counts.Attendees, m.Counts.Agenda, m.Counts.Decisions, m.Counts.Speeches, m.Counts.Mentions})
	}
	return t
}

func peopleTable(ps []graph.PersonSummary) table {
	t := table{name: "people", columns: []string{"id", "name", "posts", "meetings", "speeches", "mentions", "concepts"}}
	for _, p := range ps {
		t.rows = append(t.rows, []any{p.ID, p.Name, strings.Join(p.Posts, "; "),
			p.Counts.Meetings, p.Counts.Speeches, p.Counts.Mentions, p.Counts.Concepts})
	}
	return t
}

func conceptsTable(cs []graph.ConceptSummary) table {
	t := table{name: "concepts", columns: []string{"id", "label", "label_en", "type", "mentions", "speakers", "meetings"}}
	for _, k := range cs {
		t.rows = append(t.rows, []any{k.ID, k.Label, k.LabelEn, k.Type, k.Counts.Mentions, k.Counts.Speakers, k.Counts.Meetings})
	}
	return t
}

func searchTable(hs []graph.SearchHit) table {
	t := table{name: "search", columns: []string{"meeting_id", "date", "seq", "speaker_id", "speaker", "section",
		"snippet", "match", "offset", "matches"}}
	for _, h := range hs {
		t.rows = append(t.rows, []any{h.MeetingID, h.Date, h.Seq, h.SpeakerID, h.Speaker, h.Section,
			h.Snippet, h.Match, h.Offset, h.Matches})
	}
	return t
}

// raisedColumns are the columns of /api/raised in CSV and XLSX, the JSON
// field names.
var raisedColumns = []string{"person_id", "person", "post", "organization", "role", "meeting_id", "date", "speech",
	"concept_id", "concept", "concept_en", "concept_type", "surface", "sentence", "start", "end",
	"sentence_start", "sentence_end", "implicit"}

func raisedTable(rows []graph.Mention) table {
	t := table{name: "raised", columns: raisedColumns}
	for _, r := range rows {
		t.rows = append(t.rows, []any{r.PersonID, r.Person, r.Post, r.Organization, r.Role, r.MeetingID, r.Date, r.Speech,
			r.ConceptID, r.Concept, r.ConceptEn, r.ConceptType, r.Surface, r.Sentence,
			r.Start, r.End, r.SentenceStart, r.SentenceEnd, r.Implicit})
	}
	return t
}
