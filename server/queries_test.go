package server

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestCannedQueries runs canned queries through the server, with
// parameters from the URL and from a JSON body.
func TestCannedQueries(t *testing.T) {
	s := sharedServer(t)
	var list []struct {
		Name   string
		Params []struct{ Name string }
	}
	r := get(t, s, "/api/queries")
	r.json(t, &list)
	names := map[string]bool{}
	for _, q := range list {
		names[q.Name] = true
	}
	for _, want := range []string{"who-raised", "person-profile", "concept-timeline", "co-mentions", "references", "meeting-summary", "shared-concerns", "cross-meeting"} {
		if !names[want] {
			t.Errorf("GET /api/queries lacks %s", want)
		}
	}

	var res struct {
		Result    []map[string]any
		Truncated bool
	}
	for _, tc := range []struct{ path, body string }{
		{"/api/queries/who-raised?concept=ランサムウェア", ""},
		{"/api/queries/who-raised", `{"params": {"concept": "Ransomware"}}`},
	} {
		r := post(t, s, tc.path, tc.body)
		r.json(t, &res)
		if r.status != http.StatusOK || len(res.Result) == 0 {
			t.Fatalf("%s %s: %d %s", tc.path, tc.body, r.status, r.body)
		}
		if !strings.Contains(string(r.body), "遠藤 信博") || !strings.Contains(string(r.body), "後藤 厚宏") {
			t.Errorf("%s: who raised ransomware lacks 遠藤 信博 or 後藤 厚宏:\n%.400s", tc.path, r.body)
		}
	}
	for _, tc := range []struct {
		path, body string
		status     int
	}{
		{"/api/queries/no-such-query", "", http.StatusNotFound},
		{"/api/queries/who-raised", "", http.StatusBadRequest},              // concept is required
		{"/api/queries/who-raised", `{"params": 1}`, http.StatusBadRequest}, // not an object of strings
	} {
		if r := post(t, s, tc.path, tc.body); r.status != tc.status {
			t.Errorf("POST %s %s: %d, want %d: %s", tc.path, tc.body, r.status, tc.status, r.body)
		}
	}
}

// TestQueryNotFound: a canned query's parameter that matches nothing is
// a 404 with close matches, as /api/raised gives it, and no JavaScript
// position.
func TestQueryNotFound(t *testing.T) {
	s := sharedServer(t)
	r := post(t, s, "/api/queries/who-raised?concept=ransomwere", "")
	var body errorBody
	r.json(t, &body)
	want := `graph: no concept matches "ransomwere" (close matches: ransom-payment, ransomware)`
	if r.status != http.StatusNotFound || body.Error != want || !slices.Equal(body.Close, []string{"ransom-payment", "ransomware"}) {
		t.Errorf("who-raised?concept=ransomwere: %d %s", r.status, r.body)
	}
	var raised errorBody
	get(t, s, "/api/raised?concept=ransomwere").json(t, &raised)
	if !slices.Equal(raised.Close, body.Close) {
		t.Errorf("close matches: canned query %v, /api/raised %v", body.Close, raised.Close)
	}
}
