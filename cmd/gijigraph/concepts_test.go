package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestConceptsCommand(t *testing.T) {
	t.Chdir("../..") // the default concept list is relative to the repository root
	out, _, err := runCmd(t, "concepts", "check")
	if err != nil || !strings.Contains(out, "seeds/concepts.yaml: ok:") {
		t.Errorf("check: %v\n%s", err, out)
	}
	out, _, err = runCmd(t, "concepts", "list")
	if err != nil || !strings.Contains(out, "ransomware\tmalware\tランサムウェア\tRansomware\n") {
		t.Errorf("list: %v\n%.300s", err, out)
	}
	out, _, err = runCmd(t, "concepts", "candidates", "--format", "json", "seeds/2018-04-04_cybersecurity-hq_17.txt", "seeds/2021-07-07_cybersecurity-hq_30.txt", "--min", "1")
	if err != nil {
		t.Fatalf("candidates: %v", err)
	}
	var cands []struct {
		Surface string `json:"surface"`
		Kind    string `json:"kind"`
		Count   int    `json:"count"`
	}
	if err := json.Unmarshal([]byte(out), &cands); err != nil || len(cands) == 0 {
		t.Fatalf("candidates: %v\n%.300s", err, out)
	}
	for _, c := range cands {
		if c.Surface == "" || c.Kind == "" || c.Count < 1 {
			t.Errorf("candidate %+v", c)
		}
	}
	out, _, err = runCmd(t, "concepts", "candidates", "seeds/2021-07-07_cybersecurity-hq_30.txt")
	if err != nil || !strings.HasPrefix(out, "count docs  kind") {
		t.Errorf("candidates text: %v\n%.300s", err, out)
	}
	for _, args := range [][]string{{"concepts"}, {"concepts", "bogus"}, {"concepts", "candidates"}, {"concepts", "list", "--format", "xml"}} {
		if _, _, err := runCmd(t, args...); exitCode(err) != 2 {
			t.Errorf("%q: error %v, want a usage error", args, err)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("version: 1\nconcepts:\n  - {id: a, type: nope, ja: あいう}\n"), 0o644)
	if _, _, err := runCmd(t, "concepts", "check", bad); err == nil || !strings.Contains(err.Error(), "bad.yaml:3:") {
		t.Errorf("check of a bad list: %v", err)
	}
}
