package extract

import (
	"bytes"
	"errors"
	"testing"
)

// TestIncomplete: minutes cut mid-sentence are read as far as they go,
// marked incomplete with a warning naming the last line; Strict turns
// that into an ErrTruncated error at the same line.
func TestIncomplete(t *testing.T) {
	v01 := vrRead(t, "v01_header_spaced_era.txt")
	cut := vrCutAfter(t, v01, " 次期戦略は、2020年東京大会の")
	d, err := vrParseSafe(t, "cut_speech.txt", cut)
	if err != nil {
		t.Fatal(err)
	}
	if d.Complete {
		t.Error("Complete is true for minutes cut mid-sentence")
	}
	last := vrLastLine(cut)
	var found bool
	for _, w := range d.Warnings {
		if w.Kind == WarnIncomplete {
			found = true
			if w.Line != last {
				t.Errorf("incomplete warning at line %d, want %d", w.Line, last)
			}
		}
	}
	if !found {
		t.Errorf("no %q warning in %+v", WarnIncomplete, d.Warnings)
	}
	if len(d.Speeches) == 0 || len(d.Attendees) == 0 {
		t.Errorf("read %d speeches, %d attendees; want the part before the cut", len(d.Speeches), len(d.Attendees))
	}
	err = Strict(d)
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrTruncated) || e.Line != last {
		t.Errorf("Strict = %v, want an *Error wrapping ErrTruncated at line %d", err, last)
	}

	full, err := Parse("v01.txt", v01)
	if err != nil {
		t.Fatal(err)
	}
	if !full.Complete {
		t.Error("Complete is false for whole minutes")
	}
	if err := Strict(full); err != nil && len(full.Warnings) == 0 {
		t.Errorf("Strict = %v on minutes without warnings", err)
	}
}

// TestSeveralMeetings: a file of two concatenated minutes gives both
// meetings with their own line spans through ParseAll, and a clear error
// naming the line where the second begins through Parse.
func TestSeveralMeetings(t *testing.T) {
	for _, pair := range [][2]string{
		{"v01_header_spaced_era.txt", "v10_marker_variants.txt"},
		{"v02_yushikisha_kanji_date.txt", "v03_ipr_labels_pm_time.txt"},
		{"v08_agenda_suffix_style.txt", "v01_header_spaced_era.txt"},
	} {
		t.Run(pair[0]+"+"+pair[1], func(t *testing.T) {
			a, b := vrRead(t, pair[0]), vrRead(t, pair[1])
			da, err := Parse(pair[0], a)
			if err != nil {
				t.Fatal(err)
			}
			db, err := Parse(pair[1], b)
			if err != nil {
				t.Fatal(err)
			}
			joined := append(append(bytes.Clone(a), '\n'), b...)
			docs, err := ParseAll("joined.txt", joined)
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != 2 {
				t.Fatalf("ParseAll gave %d meetings, want 2", len(docs))
			}
			second := vrLastLine(a) + 2
			for i, w := range []struct {
				d     *Document
				first int
			}{{da, 1}, {db, second}} {
				g := docs[i]
				if g.Meeting != w.d.Meeting || len(g.Attendees) != len(w.d.Attendees) || len(g.Speeches) != len(w.d.Speeches) || len(g.Agenda) != len(w.d.Agenda) {
					t.Errorf("meeting %d: got %+v with %d attendees, %d speeches, %d agenda items; alone it gives %+v with %d, %d, %d",
						i+1, g.Meeting, len(g.Attendees), len(g.Speeches), len(g.Agenda), w.d.Meeting, len(w.d.Attendees), len(w.d.Speeches), len(w.d.Agenda))
				}
				if g.Span.First != w.first {
					t.Errorf("meeting %d begins at line %d, want %d", i+1, g.Span.First, w.first)
				}
			}
			if docs[0].Span.Last >= docs[1].Span.First {
				t.Errorf("spans overlap: %+v %+v", docs[0].Span, docs[1].Span)
			}
			_, err = Parse("joined.txt", joined)
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, ErrSeveralMeetings) || e.Line != second {
				t.Errorf("Parse = %v, want ErrSeveralMeetings at line %d", err, second)
			}
		})
	}
}
