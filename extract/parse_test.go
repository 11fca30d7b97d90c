package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSeedsGolden pins the whole structural model of each seed.
func TestSeedsGolden(t *testing.T) {
	for _, f := range seedFiles(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			doc := parseFile(t, f)
			doc.Source.Path = filepath.Base(f)
			golden := filepath.Join("testdata", "golden", strings.TrimSuffix(filepath.Base(f), ".txt")+".json")
			checkGolden(t, golden, marshal(t, doc))
		})
	}
}

func parseFile(t testing.TB, path string) *Document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestSeedFacts states the facts the issue names, independently of the
// golden files, so that an -update cannot silently accept a regression.
func TestSeedFacts(t *testing.T) {
	d17 := parseFile(t, "../seeds/2018-04-04_cybersecurity-hq_17.txt")
	d30 := parseFile(t, "../seeds/2021-07-07_cybersecurity-hq_30.txt")
	for _, tc := range []struct {
		doc                  *Document
		id, date, start, end string
		atts, speeches       int
		chair                string
		agenda               map[string]int
	}{
		{d17, "サイバーセキュリティ戦略本部-17", "2018-04-04", "08:00", "09:00", 22, 16, "菅 義偉", map[string]int{KindDecision: 1, KindDiscussion: 2, KindReport: 4}},
		{d30, "サイバーセキュリティ戦略本部-30", "2021-07-07", "08:40", "09:20", 22, 20, "加藤 勝信", map[string]int{KindDecision: 3, KindDiscussion: 1, KindReport: 5}},
	} {
		m := tc.doc.Meeting
		if m.ID != tc.id || m.Date != tc.date || m.Start != tc.start || m.End != tc.end || m.Body != "サイバーセキュリティ戦略本部" {
			t.Errorf("meeting = %+v", m)
		}
		if len(tc.doc.Attendees) != tc.atts {
			t.Errorf("%s: %d attendees, want %d", m.ID, len(tc.doc.Attendees), tc.atts)
		}
		if len(tc.doc.Speeches) != tc.speeches {
			t.Errorf("%s: %d speeches, want %d", m.ID, len(tc.doc.Speeches), tc.speeches)
		}
		kinds := map[string]int{}
		for _, a := range tc.doc.Agenda {
			kinds[a.Kind]++
		}
		for k, n := range tc.agenda {
			if kinds[k] != n {
				t.Errorf("%s: %d %s items, want %d", m.ID, kinds[k], k, n)
			}
		}
		for _, s := range tc.doc.Speeches {
			if s.Speaker == "" {
				t.Errorf("%s: speech %d (%s) unresolved", m.ID, s.Seq, s.Marker)
			}
		}
		first, last := tc.doc.Speeches[0], tc.doc.Speeches[len(tc.doc.Speeches)-1]
		if first.Speaker != tc.chair || last.Speaker != tc.chair {
			t.Errorf("%s: opening by %s, closing by %s; want %s", m.ID, first.Speaker, last.Speaker, tc.chair)
		}
		for _, d := range tc.doc.Decisions {
			if d.Outcome == "" {
				t.Errorf("%s: decision %q has no outcome", m.ID, d.Title)
			}
		}
	}
	// 遠藤 信博 (expert) and 遠藤 紘一 (official) share a family name.
	if s := speechByMarker(d17, "○（遠藤本部員）"); s == nil || s.Speaker != "遠藤 信博" {
		t.Errorf("○（遠藤本部員） = %+v, want 遠藤 信博", s)
	}
	// ○後藤本部長 is a typo for the expert member, not the chair.
	if s := speechByMarker(d30, "○後藤本部長"); s == nil || s.Speaker != "後藤 厚宏" {
		t.Errorf("○後藤本部長 = %+v, want 後藤 厚宏", s)
	}
	if s := speechByMarker(d30, "○野原本部長"); s == nil || s.Speaker != "野原 佐和子" {
		t.Errorf("○野原本部長 = %+v, want 野原 佐和子", s)
	}
	// The moderator speaks four times in the 30th meeting.
	n := 0
	for _, s := range d30.Speeches {
		if s.Speaker == "丸川 珠代" {
			n++
		}
	}
	if n != 4 {
		t.Errorf("丸川 珠代 spoke %d times, want 4", n)
	}
	// The chorus is an event, not a speech.
	found := false
	for _, e := range d30.Events {
		if e.Kind == "reaction" && strings.Contains(e.Text, "異議なし") {
			found = true
		}
	}
	if !found {
		t.Errorf("no 異議なし reaction event in the 30th meeting")
	}
	if got := d17.Decisions[0].Outcome; got != "案のとおり決定" {
		t.Errorf("17th decision outcome %q", got)
	}
	if s := speechByMarker(d17, "○（前田本部員）"); s == nil || !contains(s.RefersTo, "遠藤 信博") {
		t.Errorf("前田 refers_to = %v, want 遠藤 信博", s.RefersTo)
	}
	if s := speechByMarker(d30, "○平井デジタル改革担当・情報通信技術（IT）政策担当大臣"); s == nil || !contains(s.RefersTo, "村井 純") {
		t.Errorf("平井 refers_to = %+v, want 村井 純", s)
	}
	for _, a := range append(d17.Attendees, d30.Attendees...) {
		if a.Name == "小野寺 正" || a.Name == "田中 孝司" {
			if a.Organization != "KDDI株式会社" {
				t.Errorf("%s organization %q, want KDDI株式会社", a.Name, a.Organization)
			}
		}
	}
}

// TestSpeechOffsets checks that every speech maps back to its source.
func TestSpeechOffsets(t *testing.T) {
	for _, f := range seedFiles(t) {
		doc := parseFile(t, f)
		for _, s := range doc.Speeches {
			if s.Start < 0 || s.End > len(doc.Text) || s.Start >= s.End {
				t.Fatalf("%s speech %d: bad offsets %d..%d", f, s.Seq, s.Start, s.End)
			}
			// Every piece of Text is copied verbatim from the source.
			for _, sp := range s.spans {
				if doc.Text[sp.src:sp.src+sp.n] != s.Text[sp.text:sp.text+sp.n] {
					t.Fatalf("%s speech %d: span %+v does not match the source", f, s.Seq, sp)
				}
			}
			// Removing the joins gives back the source without line breaks.
			src := strings.Join(strings.Fields(doc.Text[s.Start:s.End]), "")
			txt := strings.Join(strings.Fields(s.Text), "")
			if src != txt {
				t.Errorf("%s speech %d: text differs from source %d..%d", f, s.Seq, s.Start, s.End)
			}
		}
	}
}

func speechByMarker(d *Document, marker string) *Speech {
	for i := range d.Speeches {
		if d.Speeches[i].Marker == marker {
			return &d.Speeches[i]
		}
	}
	return nil
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
