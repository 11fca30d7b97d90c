package synth_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gijigraph/gijigraph/extract"
	"github.com/gijigraph/gijigraph/extract/synth"
)

const conceptsPath = "../../seeds/concepts.yaml"

// TestRoundTrip parses generated minutes with package extract and
// compares the result with the generator's truth. The meeting, the
// attendees, the speaker of every turn and the absence of warnings must
// match exactly; agenda, decisions, events, speech text and concept
// mentions are compared and reported, so that a parser change that
// loses them shows up in the log.
func TestRoundTrip(t *testing.T) {
	n := 20
	if !testing.Short() {
		n = 200
	}
	var cs []synth.ConceptSurface
	var known *extract.Concepts
	if _, err := os.Stat(conceptsPath); err == nil {
		if cs, err = synth.LoadConcepts(conceptsPath); err != nil {
			t.Fatal(err)
		}
		if known, err = extract.LoadConcepts(conceptsPath); err != nil {
			t.Fatal(err)
		}
	}
	for _, quirks := range []bool{false, true} {
		t.Run(fmt.Sprintf("quirks=%v", quirks), func(t *testing.T) {
			g := synth.New(synth.Options{Meetings: n, Seed: 1, Concepts: cs, Quirks: quirks})
			var st roundTripStats
			for i := range n {
				name, text, truth := g.Meeting(i)
				doc, err := extract.Parse(name, text)
				if err != nil {
					t.Errorf("%s: %v", name, err)
					continue
				}
				if known != nil {
					known.Annotate(doc)
				}
				st.compare(t, name, doc, truth, quirks)
			}
			st.report(t)
		})
	}
}

type roundTripStats struct {
	meetings, turns, turnsOK, attendees, attendeesOK          int
	orgs, orgsOK, agenda, agendaOK, decisions, decisionsOK    int
	events, eventsOK, texts, textsOK, concepts, conceptsFound int
	warnings                                                  map[string]int
}

func (st *roundTripStats) compare(t *testing.T, name string, doc *extract.Document, tr synth.Truth, quirks bool) {
	t.Helper()
	st.meetings++
	m := doc.Meeting
	if m.Number != tr.Number || m.Date != tr.Date || m.Body != tr.Body {
		t.Errorf("%s: meeting %q #%d %s, want %q #%d %s", name, m.Body, m.Number, m.Date, tr.Body, tr.Number, tr.Date)
	}
	if m.Start != tr.Start || m.End != tr.End {
		t.Errorf("%s (%s): time %s–%s, want %s–%s", name, tr.Style, m.Start, m.End, tr.Start, tr.End)
	}
	if m.Place != tr.Place {
		t.Logf("%s (%s): place %q, want %q", name, tr.Style, m.Place, tr.Place)
	}

	st.attendees += len(tr.Attendees)
	if len(doc.Attendees) != len(tr.Attendees) {
		t.Errorf("%s (%s): %d attendees, want %d", name, tr.Style, len(doc.Attendees), len(tr.Attendees))
	}
	for i, want := range tr.Attendees {
		if i >= len(doc.Attendees) {
			break
		}
		got := doc.Attendees[i]
		if got.Name != want.Name || got.Title != want.Title || got.HQRole != want.HQRole {
			t.Errorf("%s (%s): attendee %d: %q %q %s, want %q %q %s",
				name, tr.Style, i+1, got.Name, got.Title, got.HQRole, want.Name, want.Title, want.HQRole)
			continue
		}
		st.attendeesOK++
		st.orgs++
		if normalize(got.Organization) == normalize(want.Organization) {
			st.orgsOK++
		} else if testing.Verbose() {
			t.Errorf("%s: %s: organization %q, want %q", name, want.Name, got.Organization, want.Organization)
		}
	}

	st.turns += len(tr.Turns)
	if len(doc.Speeches) != len(tr.Turns) {
		t.Errorf("%s (%s): %d speeches, want %d", name, tr.Style, len(doc.Speeches), len(tr.Turns))
	}
	for i, want := range tr.Turns {
		if i >= len(doc.Speeches) {
			break
		}
		got := doc.Speeches[i]
		if got.Speaker != want.Speaker {
			t.Errorf("%s (%s): speech %d %q: speaker %q, want %q", name, tr.Style, i+1, got.Marker, got.Speaker, want.Speaker)
			continue
		}
		st.turnsOK++
		st.texts++
		if squash(got.Text) == squash(want.Text) {
			st.textsOK++
		} else if testing.Verbose() {
			t.Logf("%s: speech %d text differs:\n got %.200q\nwant %.200q", name, i+1, got.Text, want.Text)
		}
		var found []string
		for _, mn := range got.Mentions {
			found = append(found, mn.Concept)
		}
		st.concepts += len(want.Concepts)
		for _, id := range want.Concepts {
			if slices.Contains(found, id) {
				st.conceptsFound++
			} else if testing.Verbose() {
				t.Logf("%s: speech %d: inserted concept %s not found", name, i+1, id)
			}
		}
	}

	if st.warnings == nil {
		st.warnings = map[string]int{}
	}
	for _, w := range doc.Warnings {
		st.warnings[w.Kind]++
		if !quirks {
			t.Errorf("%s (%s):%d: warning %s: %s", name, tr.Style, w.Line, w.Kind, w.Message)
		}
	}

	st.agenda += len(tr.Agenda)
	for i, want := range tr.Agenda {
		if i < len(doc.Agenda) && doc.Agenda[i].Kind == want.Kind && doc.Agenda[i].Title == want.Title {
			st.agendaOK++
		} else if testing.Verbose() {
			t.Errorf("%s: agenda %d differs: want %s %q", name, i+1, want.Kind, want.Title)
		}
	}
	st.decisions += len(tr.Decisions)
	for i, want := range tr.Decisions {
		if i < len(doc.Decisions) && doc.Decisions[i].Title == want.Title && doc.Decisions[i].Outcome == want.Outcome {
			st.decisionsOK++
		} else if testing.Verbose() {
			var got extract.Decision
			if i < len(doc.Decisions) {
				got = doc.Decisions[i]
			}
			t.Errorf("%s: decision %d: %q %q, want %q %q", name, i+1, got.Title, got.Outcome, want.Title, want.Outcome)
		}
	}
	st.events += tr.Reactions
	reactions := 0
	for _, e := range doc.Events {
		if e.Kind == "reaction" {
			reactions++
		}
	}
	if reactions == tr.Reactions {
		st.eventsOK += tr.Reactions
	}
}

func (st *roundTripStats) report(t *testing.T) {
	pct := func(a, b int) string {
		if b == 0 {
			return "-"
		}
		return fmt.Sprintf("%d/%d (%.1f%%)", a, b, 100*float64(a)/float64(b))
	}
	t.Logf("round trip over %d meetings:", st.meetings)
	t.Logf("  speech turns attributed correctly: %s", pct(st.turnsOK, st.turns))
	t.Logf("  attendees (name, title, role):     %s", pct(st.attendeesOK, st.attendees))
	t.Logf("  attendee organisations:            %s", pct(st.orgsOK, st.orgs))
	t.Logf("  agenda items (kind, title):        %s", pct(st.agendaOK, st.agenda))
	t.Logf("  decisions (title, outcome):        %s", pct(st.decisionsOK, st.decisions))
	t.Logf("  reactions:                         %s", pct(st.eventsOK, st.events))
	t.Logf("  speech texts (spaces ignored):     %s", pct(st.textsOK, st.texts))
	t.Logf("  inserted concepts found:           %s", pct(st.conceptsFound, st.concepts))
	if len(st.warnings) > 0 {
		t.Logf("  warnings by kind: %v", st.warnings)
	}
}

// squash drops spaces and line breaks, which the PDF layout adds and a
// parser may or may not keep.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}

// normalize folds full-width Latin letters and digits.
func normalize(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '！' && r <= '～' {
			return r - 0xFEE0
		}
		return r
	}, s)
}

// TestLateMeetingsDates: meetings past the first thousand come a few
// days apart, so that a 10,000-meeting corpus ends before 2250 (at the
// first pace, meeting 3,000 fell in 2508 and meeting 7,000 in 令和1,082年),
// and they parse back with the date the generator meant.
func TestLateMeetingsDates(t *testing.T) {
	g := synth.New(synth.Options{Meetings: 3001, Seed: 1})
	prev := ""
	for _, i := range []int{998, 999, 1000, 1001, 3000} {
		name, text, truth := g.Meeting(i)
		d, err := time.Parse("2006-01-02", truth.Date)
		if err != nil || d.Year() >= 2250 || truth.Date <= prev {
			t.Errorf("%s: meeting %d on %s, after %s (%v)", name, i, truth.Date, prev, err)
		}
		prev = truth.Date
		doc, err := extract.Parse(name, text)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if doc.Meeting.Date != truth.Date || doc.Meeting.Number != truth.Number {
			t.Errorf("%s: parsed %s no. %d, generated %s no. %d", name, doc.Meeting.Date, doc.Meeting.Number, truth.Date, truth.Number)
		}
	}
}
