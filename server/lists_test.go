package server

import (
	"bytes"
	"encoding/csv"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/gijigraph/gijigraph/graph"
)

// TestListFilters: every filter of the lists narrows them to what the
// detail views say, and paging slices the same order.
func TestListFilters(t *testing.T) {
	s := sharedServer(t)
	var all struct {
		Total    int
		Meetings []struct{ ID, Date, Body string }
	}
	get(t, s, "/api/meetings").json(t, &all)
	if all.Total != 2 || len(all.Meetings) != 2 {
		t.Fatalf("meetings: %+v", all)
	}
	first := all.Meetings[0]

	t.Run("meetings by date", func(t *testing.T) {
		var got struct {
			Total    int
			Meetings []struct{ ID string }
		}
		r := get(t, s, "/api/meetings?from="+first.Date+"&to="+first.Date)
		r.json(t, &got)
		if got.Total != 1 || got.Meetings[0].ID != first.ID || r.header.Get("X-Total-Count") != "1" {
			t.Errorf("%d %+v %q", r.status, got, r.header.Get("X-Total-Count"))
		}
		r = get(t, s, "/api/meetings?body="+url.QueryEscape(first.Body))
		r.json(t, &got)
		if got.Total != 2 {
			t.Errorf("by body: %+v", got)
		}
	})

	t.Run("meetings by person and concept", func(t *testing.T) {
		for _, q := range []string{"person=" + url.QueryEscape("村井純"), "concept=WannaCry"} {
			var got struct {
				Total    int
				Meetings []struct{ ID string }
			}
			get(t, s, "/api/meetings?"+q).json(t, &got)
			if got.Total == 0 || got.Total != len(got.Meetings) {
				t.Errorf("%s: %+v", q, got)
			}
		}
	})

	t.Run("people paging", func(t *testing.T) {
		var everyone, page struct {
			Total  int
			People []struct{ ID string }
		}
		get(t, s, "/api/people").json(t, &everyone)
		r := get(t, s, "/api/people?limit=2&offset=1")
		r.json(t, &page)
		if len(everyone.People) < 3 || page.Total != everyone.Total || len(page.People) != 2 ||
			page.People[0] != everyone.People[1] || page.People[1] != everyone.People[2] ||
			r.header.Get("X-Total-Count") != strconv.Itoa(everyone.Total) || r.header.Get("X-Truncated") != "true" {
			t.Errorf("page %+v of %d, headers %v", page, everyone.Total, r.header)
		}
	})

	t.Run("people of a meeting and of a concept", func(t *testing.T) {
		var m struct {
			Attendees []struct {
				PersonID string `json:"person_id"`
			}
		}
		get(t, s, "/api/meetings/"+url.PathEscape(first.ID)).json(t, &m)
		want := map[string]bool{}
		for _, a := range m.Attendees {
			want[a.PersonID] = true
		}
		var got struct {
			Total  int
			People []struct{ ID string }
		}
		get(t, s, "/api/people?meeting="+url.QueryEscape(first.ID)).json(t, &got)
		if got.Total != len(want) {
			t.Errorf("people at %s: %d, attendees %d", first.ID, got.Total, len(want))
		}
		for _, p := range got.People {
			if !want[p.ID] {
				t.Errorf("%s did not attend %s", p.ID, first.ID)
			}
		}
		var c struct {
			RaisedBy []struct{ ID string } `json:"raised_by"`
		}
		get(t, s, "/api/concepts/ransomware").json(t, &c)
		get(t, s, "/api/people?concept=ransomware").json(t, &got)
		if got.Total != len(c.RaisedBy) || got.Total == 0 {
			t.Errorf("raisers of ransomware: %d, concept says %d", got.Total, len(c.RaisedBy))
		}
	})

	t.Run("concepts by type, person, meeting", func(t *testing.T) {
		var all, got struct {
			Total    int
			Concepts []struct{ ID, Type string }
		}
		get(t, s, "/api/concepts").json(t, &all)
		get(t, s, "/api/concepts?type=malware").json(t, &got)
		if got.Total == 0 || got.Total >= all.Total {
			t.Fatalf("malware: %d of %d", got.Total, all.Total)
		}
		for _, k := range got.Concepts {
			if k.Type != "malware" {
				t.Errorf("%s is %s", k.ID, k.Type)
			}
		}
		var p struct{ Concepts []struct{ ID string } }
		get(t, s, "/api/people/"+url.PathEscape("村井純")).json(t, &p)
		get(t, s, "/api/concepts?person="+url.QueryEscape("村井純")).json(t, &got)
		if got.Total != len(p.Concepts) || got.Total == 0 {
			t.Errorf("concepts of 村井純: %d, person says %d", got.Total, len(p.Concepts))
		}
		get(t, s, "/api/concepts?meeting="+url.QueryEscape(first.ID)).json(t, &got)
		if got.Total == 0 || got.Total >= all.Total {
			t.Errorf("concepts at %s: %d of %d", first.ID, got.Total, all.Total)
		}
	})
}

// TestListBadValues: an unknown enumerable value is a 400 naming the
// valid ones.
func TestListBadValues(t *testing.T) {
	s := sharedServer(t)
	for target, want := range map[string][]string{
		"/api/concepts?type=weather":                  {"unknown concept type", "malware"},
		"/api/meetings?body=nobody":                   {"unknown body", "サイバーセキュリティ戦略本部"},
		"/api/people?body=nobody":                     {"unknown body", "サイバーセキュリティ戦略本部"},
		"/api/people?format=xml":                      {"format must be one of", "xlsx"},
		"/api/meetings?limit=0":                       {"limit must be"},
		"/api/meetings?from=2021-01-01&to=2018-01-01": {"after"},
		"/api/search?q=x&format=pdf":                  {"format must be one of", "csv"},
		"/api/raised?format=pdf":                      {"format must be one of", "xlsx"},
	} {
		r := get(t, s, target)
		if r.status != 400 {
			t.Errorf("%s: %d %s", target, r.status, r.body)
		}
		for _, w := range want {
			if !strings.Contains(string(r.body), w) {
				t.Errorf("%s: %s lacks %q", target, r.body, w)
			}
		}
	}
}

// TestListFormats: CSV (with a BOM) and XLSX hold the rows and columns of
// the JSON page, on every list endpoint.
func TestListFormats(t *testing.T) {
	s := sharedServer(t)
	for _, tt := range []struct{ path, key, first string }{
		{"/api/meetings?limit=5", "meetings", "id"},
		{"/api/people?limit=5", "people", "id"},
		{"/api/concepts?limit=5&type=malware", "concepts", "id"},
		{"/api/search?q=" + url.QueryEscape("ランサムウェア") + "&limit=5", "hits", "meeting_id"},
		{"/api/raised?concept=ransomware&limit=5", "rows", "person_id"},
	} {
		var j map[string]any
		get(t, s, tt.path).json(t, &j)
		rows, _ := j[tt.key].([]any)
		if len(rows) == 0 {
			t.Fatalf("%s: no rows in %v", tt.path, j)
		}
		firstCol := func(i int) string {
			v := rows[i].(map[string]any)[tt.first]
			return v.(string)
		}
		r := get(t, s, tt.path+"&format=csv")
		if r.status != 200 || !bytes.HasPrefix(r.body, []byte("\ufeff")) || !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") {
			t.Fatalf("%s csv: %d %q", tt.path, r.status, r.header.Get("Content-Type"))
		}
		recs, err := csv.NewReader(bytes.NewReader(r.body[3:])).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs)-1 != len(rows) || recs[0][0] != tt.first || r.header.Get("X-Total-Count") == "" {
			t.Errorf("%s csv: %d rows, JSON %d, header %v", tt.path, len(recs)-1, len(rows), recs[0])
		}
		r = get(t, s, tt.path+"&format=xlsx")
		if r.status != 200 || r.header.Get("Content-Type") != xlsxType {
			t.Fatalf("%s xlsx: %d %q %s", tt.path, r.status, r.header.Get("Content-Type"), r.body[:min(200, len(r.body))])
		}
		f, err := excelize.OpenReader(bytes.NewReader(r.body))
		if err != nil {
			t.Fatal(err)
		}
		sheet := f.GetSheetList()[0]
		xrows, err := f.GetRows(sheet)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(xrows)-1 != len(rows) || !slices.Equal(xrows[0], recs[0]) {
			t.Fatalf("%s xlsx: %d rows, header %v; csv header %v", tt.path, len(xrows)-1, xrows[0], recs[0])
		}
		for i := range rows {
			if xrows[i+1][0] != firstCol(i) || recs[i+1][0] != firstCol(i) {
				t.Errorf("%s row %d: xlsx %q csv %q json %q", tt.path, i, xrows[i+1][0], recs[i+1][0], firstCol(i))
			}
		}
	}
}

// TestMeetingComplete: the meeting endpoints say which minutes were only
// partly read (complete: false, from the document's extraction) and how
// many warnings the extraction gave, so that the explorer can show its
// notice; the meeting lists the warnings.
func TestMeetingComplete(t *testing.T) {
	seed, err := os.ReadFile(seedFiles[1])
	if err != nil {
		t.Fatal(err)
	}
	// The 30th meeting as a 31st whose minutes stop mid-sentence.
	text := []rune(strings.Replace(string(seed), "第30回", "第31回", 1))
	cut := len(text) * 3 / 5
	for strings.ContainsRune("。\n", text[cut-1]) {
		cut++
	}
	const token = "t"
	s := newServer(t, func(c *Config) { c.Token = token; c.Writable = true; c.Ingest = testIngest(t) })
	r := post(t, s, "/api/documents?name=cut.txt", string(text[:cut]), "Authorization", "Bearer "+token)
	var ing Ingested
	r.json(t, &ing)
	if r.status != 200 || ing.Complete {
		t.Fatalf("ingest: %d %s", r.status, r.body)
	}
	const cutID = "サイバーセキュリティ戦略本部-31"

	var list struct{ Meetings []graph.MeetingSummary }
	get(t, s, "/api/meetings").json(t, &list)
	got := map[string]graph.MeetingSummary{}
	for _, m := range list.Meetings {
		got[m.ID] = m
	}
	for id, want := range map[string]bool{"サイバーセキュリティ戦略本部-17": true, "サイバーセキュリティ戦略本部-30": true, cutID: false} {
		if m, ok := got[id]; !ok || m.Complete != want {
			t.Errorf("/api/meetings: %s complete = %v, want %v", id, m.Complete, want)
		}
	}
	if got[cutID].Warnings == 0 {
		t.Errorf("/api/meetings: %s has no warnings", cutID)
	}

	var m graph.MeetingDetail
	get(t, s, "/api/meetings/"+cutID).json(t, &m)
	if m.Complete || m.Warnings != len(m.WarningList) || len(m.WarningList) == 0 {
		t.Fatalf("/api/meetings/%s: complete %v, warnings %d, list %q", cutID, m.Complete, m.Warnings, m.WarningList)
	}
	// By line, each "LINE: KIND: message".
	line := regexp.MustCompile(`^(\d+): [a-z-]+: .`)
	prev := 0
	for _, w := range m.WarningList {
		sm := line.FindStringSubmatch(w)
		if sm == nil {
			t.Fatalf("warning %q is not LINE: KIND: message", w)
		}
		n, _ := strconv.Atoi(sm[1])
		if n < prev {
			t.Errorf("warnings out of line order: %q", m.WarningList)
		}
		prev = n
	}

	// In CSV too.
	csvText := string(get(t, s, "/api/meetings?format=csv").body)
	if !strings.Contains(csvText, ",complete,warnings,") || !strings.Contains(csvText, cutID+",") || !strings.Contains(csvText, ",false,") {
		t.Errorf("CSV has no complete column or value:\n%s", csvText)
	}
}
