package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gijigraph/gijigraph/extract"
)

func runCmd(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, log: slog.New(slog.NewTextHandler(io.Discard, nil)), getenv: func(string) string { return "" }}
	err = run(context.Background(), e, args)
	return out.String(), errb.String(), err
}

func TestExtractCommand(t *testing.T) {
	out, stderr, err := runCmd(t, "extract", "../../seeds/2021-07-07_cybersecurity-hq_30.txt")
	if err != nil {
		t.Fatalf("extract: %v\n%s", err, stderr)
	}
	var doc extract.Document
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("output is not one JSON document: %v", err)
	}
	if doc.Meeting.ID != "サイバーセキュリティ戦略本部-30" || len(doc.Speeches) != 20 {
		t.Errorf("meeting %q with %d speeches", doc.Meeting.ID, len(doc.Speeches))
	}
	// The built-in concept list annotates the speeches.
	n := 0
	for _, s := range doc.Speeches {
		n += len(s.Mentions)
	}
	if n == 0 {
		t.Error("no mentions: the concept list was not applied")
	}
	// Warnings go to stderr with file and line.
	if !strings.Contains(stderr, "2021-07-07_cybersecurity-hq_30.txt:90: warning: title-mismatch") {
		t.Errorf("stderr lacks the title-mismatch warning of line 90:\n%s", stderr)
	}
}

func TestExtractBadInput(t *testing.T) {
	dir := t.TempDir()
	good := "../../seeds/2018-04-04_cybersecurity-hq_17.txt"
	empty := filepath.Join(dir, "empty.txt")
	binary := filepath.Join(dir, "binary.txt")
	os.WriteFile(empty, nil, 0o644)
	os.WriteFile(binary, []byte("PK\x03\x04\x00\x00binary"), 0o644)
	for _, tc := range []struct {
		file, want string
	}{
		{empty, "extract: " + empty + ": empty file"},
		{binary, "extract: " + binary + ": unknown format: a ZIP archive"},
	} {
		out, stderr, err := runCmd(t, "extract", "--format", "summary", good, tc.file)
		if err == nil || exitCode(err) != 1 {
			t.Errorf("%s: err = %v, want a failure with exit status 1", tc.file, err)
		}
		if !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: stderr %q lacks %q", tc.file, stderr, tc.want)
		}
		// The good file is still reported: one bad file does not hide others.
		if !strings.Contains(out, "サイバーセキュリティ戦略本部-17") {
			t.Errorf("%s: the good file's summary is missing:\n%s", tc.file, out)
		}
	}
	if _, _, err := runCmd(t, "extract"); err == nil || exitCode(err) != 2 {
		t.Errorf("no files: err = %v, want a usage error", err)
	}
}

// TestExtractIncompleteAndSeveral: minutes cut mid-sentence are printed
// with complete false and a warning, and refused with --strict; a file of
// two meetings prints both.
func TestExtractIncompleteAndSeveral(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile("../../seeds/2018-04-04_cybersecurity-hq_17.txt")
	if err != nil {
		t.Fatal(err)
	}
	other, err := os.ReadFile("../../seeds/2021-07-07_cybersecurity-hq_30.txt")
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "cut.txt")
	text := string(seed)
	os.WriteFile(cut, []byte(text[:strings.LastIndex(text, "。")]), 0o644)
	out, stderr, err := runCmd(t, "extract", cut)
	if err != nil {
		t.Fatalf("extract: %v\n%s", err, stderr)
	}
	var doc extract.Document
	if err := json.Unmarshal([]byte(out), &doc); err != nil || doc.Complete {
		t.Errorf("complete %v (%v)", doc.Complete, err)
	}
	if !strings.Contains(stderr, "warning: incomplete") {
		t.Errorf("stderr lacks the incomplete warning:\n%s", stderr)
	}
	if _, stderr, err := runCmd(t, "extract", "--strict", cut); err == nil || !strings.Contains(stderr, "cut.txt:") || !strings.Contains(stderr, "truncated") {
		t.Errorf("--strict: err %v, stderr %s", err, stderr)
	}

	both := filepath.Join(dir, "both.txt")
	os.WriteFile(both, append(append(seed, '\n'), other...), 0o644)
	out, stderr, err = runCmd(t, "extract", "--format", "summary", both)
	if err != nil {
		t.Fatalf("extract: %v\n%s", err, stderr)
	}
	if !strings.Contains(out, "サイバーセキュリティ戦略本部-17") || !strings.Contains(out, "サイバーセキュリティ戦略本部-30") {
		t.Errorf("not both meetings:\n%s", out)
	}
}
