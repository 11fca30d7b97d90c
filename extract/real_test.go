package extract

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The real fixtures in testdata/real are short excerpts of published
// minutes of many Japanese public bodies (see testdata/real/README.md),
// each with the facts a careful reader takes from it in NAME.facts.
// TestRealMinutes parses each, scores the document against its facts and
// compares the scores with the ratchet file testdata/golden/real.scores:
// a score may rise, never fall. `go test ./extract -run TestRealMinutes
// -update` records the current scores (after an improvement).
//
// The .facts format, one fact per line, "#" starts a comment:
//
//	body: NAME[|NAME...]      the body; alternatives separated by "|"
//	session: N                the Diet session (第211回国会), Diet only
//	number: N                 the meeting number (第5号, 第3回)
//	date: YYYY-MM-DD
//	start: HH:MM / end: HH:MM
//	kind: KIND[|KIND...]      議事録, 会議録, 議事要旨, 議事概要, ...
//	place: TEXT[|TEXT...]
//	complete: true|false      whether the excerpt ends where the minutes end
//	attendee: NAME|TITLE|ROLE every attendee the text lists, in any order;
//	                          TITLE or ROLE "*" when debatable (not scored),
//	                          "" when the text gives none
//	agenda: TITLE             every agenda item
//	turn: NAME                every speech turn in order: the speaker's
//	                          name (a family name alone when the text gives
//	                          no more), or "?" when the text names nobody
//	                          (an unnamed opinion bullet, 事務局 as a whole)
//
// Meeting fields are looked up by their JSON name in the document's
// "meeting" object, then at the top of the document, so fields the model
// does not have yet (session, complete) score zero until it has them.

const realDir = "testdata/real"

const realScores = "testdata/golden/real.scores"

type realFacts struct {
	fields    [][2]string // key, value in file order
	attendees [][3]string // name, title, role
	agenda    []string
	turns     []string
}

func readRealFacts(t *testing.T, path string) realFacts {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rf realFacts
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("%s:%d: no \"key:\" in %q", path, n, line)
		}
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		switch key {
		case "attendee":
			p := strings.Split(val, "|")
			if len(p) != 3 {
				t.Fatalf("%s:%d: attendee wants name|title|role, got %q", path, n, val)
			}
			rf.attendees = append(rf.attendees, [3]string{p[0], p[1], p[2]})
		case "agenda":
			rf.agenda = append(rf.agenda, val)
		case "turn":
			rf.turns = append(rf.turns, val)
		case "body", "session", "number", "date", "start", "end", "kind", "place", "complete":
			rf.fields = append(rf.fields, [2]string{key, val})
		default:
			t.Fatalf("%s:%d: unknown fact %q", path, n, key)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rf
}

// realScore is one fixture's score. Each pair is got/of.
type realScore struct {
	att, attOf     int // declared attendees found by name
	title, titleOf int // found with the right title (declared "*" not counted)
	role, roleOf   int // found with the right role
	spurious       int // attendees found that the facts do not list (lower is better)
	turns, turnsOf int // speech turns, less one for each turn too many
	res, resOf     int // turns with a named speaker resolved to that speaker, in order
	agenda, agOf   int // agenda items found
	fld, fldOf     int // meeting fields right
	err            string
}

// columns lists the scores compared with the ratchet; spurious counts
// downwards.
func (s realScore) columns() []int {
	return []int{s.att, s.title, s.role, s.spurious, s.turns, s.res, s.agenda, s.fld}
}

var realColumnNames = []string{"att", "title", "role", "spurious", "turns", "resolved", "agenda", "fields"}

func (s realScore) String() string {
	e := ""
	if s.err != "" {
		e = " ERR"
	}
	return fmt.Sprintf("att %d/%d title %d/%d role %d/%d spurious %d turns %d/%d resolved %d/%d agenda %d/%d fields %d/%d%s",
		s.att, s.attOf, s.title, s.titleOf, s.role, s.roleOf, s.spurious, s.turns, s.turnsOf,
		s.res, s.resOf, s.agenda, s.agOf, s.fld, s.fldOf, e)
}

// realKey folds a name or title for comparison: NFKC, no spaces, no 君.
func realKey(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// realNameKey folds a name and drops the honorific 君.
func realNameKey(s string) string {
	return strings.TrimSuffix(realKey(s), "君")
}

// realSameSpeaker reports whether a resolved speaker is the declared one:
// the same name, or a declared family name alone that begins the name.
func realSameSpeaker(want, got string) bool {
	w, g := realNameKey(want), realNameKey(got)
	if w == "" || g == "" {
		return false
	}
	return w == g || strings.HasPrefix(g, w) || strings.HasPrefix(w, g)
}

func scoreReal(doc *Document, rf realFacts) realScore {
	var s realScore
	s.attOf = len(rf.attendees)
	for _, a := range rf.attendees {
		if a[1] != "*" {
			s.titleOf++
		}
		if a[2] != "*" {
			s.roleOf++
		}
	}
	s.turnsOf = len(rf.turns)
	for _, w := range rf.turns {
		if w != "?" {
			s.resOf++
		}
	}
	s.agOf = len(rf.agenda)
	s.fldOf = len(rf.fields)
	if doc == nil {
		return s
	}

	// Attendees: each declared one is matched to a parsed one by name.
	used := make([]bool, len(doc.Attendees))
	for _, a := range rf.attendees {
		key := realNameKey(a[0])
		for i, got := range doc.Attendees {
			if used[i] || realNameKey(got.Name) != key {
				continue
			}
			used[i] = true
			s.att++
			if a[1] != "*" && realKey(got.Title) == realKey(a[1]) {
				s.title++
			}
			if a[2] != "*" && realKey(got.HQRole) == realKey(a[2]) {
				s.role++
			}
			break
		}
	}
	for _, u := range used {
		if !u {
			s.spurious++
		}
	}

	// Turns: segmentation by count, speakers by an in-order alignment.
	got := len(doc.Speeches)
	s.turns = max(0, min(got, s.turnsOf)-max(0, got-s.turnsOf))
	want := rf.turns
	var have []string
	for _, sp := range doc.Speeches {
		have = append(have, sp.Speaker)
	}
	s.res = realAlign(want, have)

	// Agenda: a declared item is found when a parsed title equals it, or
	// one contains the other.
	for _, w := range rf.agenda {
		wk := realKey(w)
		for _, a := range doc.Agenda {
			gk := realKey(a.Title)
			if gk == wk || (gk != "" && (strings.Contains(gk, wk) || strings.Contains(wk, gk)) && len([]rune(gk)) >= 4) {
				s.agenda++
				break
			}
		}
	}

	// Meeting fields, by JSON name.
	raw, err := json.Marshal(doc)
	if err != nil {
		panic(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		panic(err)
	}
	meeting, _ := m["meeting"].(map[string]any)
	for _, f := range rf.fields {
		v, ok := meeting[f[0]]
		if !ok {
			v, ok = m[f[0]]
		}
		if !ok {
			continue
		}
		gs := realKey(fmt.Sprint(v))
		for _, alt := range strings.Split(f[1], "|") {
			if gs == realKey(alt) {
				s.fld++
				break
			}
		}
	}
	return s
}

// realAlign is the longest common subsequence of declared and resolved
// speakers, counting only named ones.
func realAlign(want, have []string) int {
	dp := make([][]int, len(want)+1)
	for i := range dp {
		dp[i] = make([]int, len(have)+1)
	}
	for i := len(want) - 1; i >= 0; i-- {
		for j := len(have) - 1; j >= 0; j-- {
			best := max(dp[i+1][j], dp[i][j+1])
			if want[i] != "?" && realSameSpeaker(want[i], have[j]) {
				best = max(best, dp[i+1][j+1]+1)
			}
			dp[i][j] = best
		}
	}
	return dp[0][0]
}

// parseRealSafely parses a fixture, turning a panic into an error string.
func parseRealSafely(path string, data []byte) (doc *Document, err error, panicked any) {
	defer func() {
		if r := recover(); r != nil {
			doc, err, panicked = nil, nil, r
		}
	}()
	doc, err = Parse(path, data)
	return doc, err, nil
}

func realFixtures(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(realDir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no fixtures in %s", realDir)
	}
	sort.Strings(paths)
	return paths
}

func TestRealMinutes(t *testing.T) {
	paths := realFixtures(t)
	scores := map[string]realScore{}
	var names []string
	var total realScore
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		names = append(names, name)
		rf := readRealFacts(t, strings.TrimSuffix(path, ".txt")+".facts")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, perr, panicked := parseRealSafely(path, data)
		if panicked != nil {
			t.Errorf("%s: Parse panicked: %v", path, panicked)
		}
		s := scoreReal(doc, rf)
		switch {
		case panicked != nil:
			s.err = "panic"
		case perr != nil:
			s.err = perr.Error()
		}
		scores[name] = s
		total.att += s.att
		total.attOf += s.attOf
		total.title += s.title
		total.titleOf += s.titleOf
		total.role += s.role
		total.roleOf += s.roleOf
		total.spurious += s.spurious
		total.turns += s.turns
		total.turnsOf += s.turnsOf
		total.res += s.res
		total.resOf += s.resOf
		total.agenda += s.agenda
		total.agOf += s.agOf
		total.fld += s.fld
		total.fldOf += s.fldOf
	}

	if testing.Verbose() {
		var b strings.Builder
		fmt.Fprintf(&b, "%-36s %7s %7s %7s %4s %7s %7s %7s %7s  %s\n", "fixture", "att", "title", "role", "spur", "turns", "resolv", "agenda", "fields", "error")
		row := func(name string, s realScore) {
			fmt.Fprintf(&b, "%-36s %7s %7s %7s %4d %7s %7s %7s %7s  %s\n", name,
				realFrac(s.att, s.attOf), realFrac(s.title, s.titleOf), realFrac(s.role, s.roleOf), s.spurious,
				realFrac(s.turns, s.turnsOf), realFrac(s.res, s.resOf), realFrac(s.agenda, s.agOf), realFrac(s.fld, s.fldOf), realShort(s.err, 60))
		}
		for _, n := range names {
			row(n, scores[n])
		}
		row("TOTAL", total)
		t.Log("\n" + b.String())
	}

	got := formatRealScores(names, scores)
	if *update {
		if err := os.WriteFile(realScores, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(realScores)
	if err != nil {
		t.Fatalf("%v (run go test ./extract -run TestRealMinutes -update to create it)", err)
	}
	recorded, err := parseRealScores(string(data))
	if err != nil {
		t.Fatalf("%s: %v", realScores, err)
	}
	for _, n := range names {
		rec, ok := recorded[n]
		if !ok {
			t.Errorf("%s: no recorded score in %s (run go test ./extract -run TestRealMinutes -update)", n, realScores)
			continue
		}
		cur := scores[n].columns()
		for i, c := range realColumnNames {
			if c == "spurious" {
				if cur[i] > rec[i] {
					t.Errorf("%s: %s rose from %d to %d", n, c, rec[i], cur[i])
				}
			} else if cur[i] < rec[i] {
				t.Errorf("%s: %s fell from %d to %d (%s)", n, c, rec[i], cur[i], scores[n])
			}
		}
	}
	for n := range recorded {
		if _, ok := scores[n]; !ok {
			t.Errorf("%s: recorded in %s but no fixture %s.txt", n, realScores, n)
		}
	}
}

func realFrac(a, b int) string { return strconv.Itoa(a) + "/" + strconv.Itoa(b) }

func realShort(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// formatRealScores writes one line per fixture: the name, then each
// column of realColumnNames as "name=value".
func formatRealScores(names []string, scores map[string]realScore) string {
	var b strings.Builder
	b.WriteString("# Ratchet for TestRealMinutes: a score may rise, never fall (spurious: never rise).\n")
	b.WriteString("# Rewrite with: go test ./extract -run TestRealMinutes -update\n")
	for _, n := range names {
		b.WriteString(n)
		for i, v := range scores[n].columns() {
			fmt.Fprintf(&b, " %s=%d", realColumnNames[i], v)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func parseRealScores(text string) (map[string][]int, error) {
	out := map[string][]int{}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		vals := make([]int, len(realColumnNames))
		if len(f) != len(realColumnNames)+1 {
			return nil, fmt.Errorf("line %d: want a name and %d columns", i+1, len(realColumnNames))
		}
		for j, c := range realColumnNames {
			k, v, ok := strings.Cut(f[j+1], "=")
			if !ok || k != c {
				return nil, fmt.Errorf("line %d: column %d is %q, want %s=N", i+1, j+1, f[j+1], c)
			}
			n, err := strconv.Atoi(v)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", i+1, err)
			}
			vals[j] = n
		}
		out[f[0]] = vals
	}
	return out, nil
}

// TestRealFactsComplete checks that every fixture has its facts, and the
// README names every fixture.
func TestRealFactsComplete(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(realDir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range realFixtures(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		rf := readRealFacts(t, strings.TrimSuffix(path, ".txt")+".facts")
		if len(rf.fields) == 0 {
			t.Errorf("%s: no meeting facts", name)
		}
		if !strings.Contains(string(readme), name) {
			t.Errorf("%s: not in %s/README.md", name, realDir)
		}
	}
}
