package server

import (
	"net/http"
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
