package extract

import (
	"strings"
	"testing"
)

// TestSplitNameTitle covers the shapes of council attendee items.
func TestSplitNameTitle(t *testing.T) {
	for _, tc := range []struct{ in, name, title, role string }{
		{"佐藤座長", "佐藤", "", "座長"},
		{"小佐古委員", "小佐古", "", "委員"},
		{"青山参事官", "青山", "参事官", ""},
		{"町参与", "町", "参与", ""},
		{"奥野課長補佐", "奥野", "課長補佐", ""},
		{"竹内原子力委員", "竹内", "原子力委員", ""},
		{"石井 太郎座長", "石井 太郎", "", "座長"},
		{"政策室長 冨田泰", "冨田泰", "政策室長", ""},
		{"大森政輔氏", "大森政輔", "", ""},
		{"奥村隆一", "奥村隆一", "", ""},
	} {
		n, ti, r := splitNameTitle(tc.in)
		if n != tc.name || ti != tc.title || r != tc.role {
			t.Errorf("splitNameTitle(%q) = %q, %q, %q; want %q, %q, %q", tc.in, n, ti, r, tc.name, tc.title, tc.role)
		}
	}
}

// TestSpeakerCoreNotOpinion: the first words of an opinion are never a
// speaker; names with titles and roles alone are.
func TestSpeakerCoreNotOpinion(t *testing.T) {
	for _, tc := range []struct {
		in        string
		ok, named bool
	}{
		{"伊藤会長", true, true},
		{"棚橋IT担当大臣", true, true},
		{"大江教授", true, true},
		{"委員", true, false},
		{"事務局", true, false},
		{"座長", true, false},
		{"今後の検討について委員長", false, false},
		{"資料1", false, false},
		{"この点については、委員", false, false},
		{"GSSユーザー数", false, false},
	} {
		ok, named := speakerCore(tc.in)
		if ok != tc.ok || named != tc.named {
			t.Errorf("speakerCore(%q) = %v, %v; want %v, %v", tc.in, ok, named, tc.ok, tc.named)
		}
	}
	for _, op := range []string{"今後の検討について、委員長の提案に賛成", "データの活用が重要である。"} {
		if !unnamedOpinion(op) {
			t.Errorf("unnamedOpinion(%q) = false", op)
		}
	}
	for _, sp := range []string{"山口座長", "あかま内閣府副大臣"} {
		if unnamedOpinion(sp) {
			t.Errorf("unnamedOpinion(%q) = true", sp)
		}
	}
}

// TestMarkerPerson: a marker names a person only with a family name
// before the title.
func TestMarkerPerson(t *testing.T) {
	for _, tc := range []struct{ in, fam, title string }{
		{"永井部会長", "永井", "部会長"},
		{"辻原課長補佐", "辻原", "課長補佐"},
		{"医療政策企画官", "", ""},
		{"内閣総理大臣", "", ""},
		{"国務大臣", "", ""},
		{"事務局", "", ""},
	} {
		f, ti := markerPerson(tc.in)
		if f != tc.fam || ti != tc.title {
			t.Errorf("markerPerson(%q) = %q, %q; want %q, %q", tc.in, f, ti, tc.fam, tc.title)
		}
	}
}

// TestCouncilParse reads a small 議事要旨 in a council's layout: a date
// line without a label, a comma list of surnames and roles, 【伊藤会長】
// and 佐藤委員： turns, unnamed ○ and ・ opinions, and a speaker list that
// resolves every named turn.
func TestCouncilParse(t *testing.T) {
	text := "- 1 -\n第１回　食品表示検討会　議事要旨\n\n令和4年4月8日(金)16時から17時45分まで\n中央合同庁舎第4号館 共用会議室\n\n" +
		"出席者\n委員：伊藤会長、佐藤委員、鈴木委員\n消費者庁：田中課長\n\n議事概要\n" +
		"【伊藤会長】\nただいまから検討会を開催します。\n佐藤委員：表示の見直しに賛成します。\n" +
		"○ 今後の検討については、消費者の意見も聞くべきである。\n・事業者の負担にも配慮が必要である。\n田中課長：資料を説明します。\n以上\n"
	d, err := Parse("council.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	m := d.Meeting
	if m.Date != "2022-04-08" || m.Start != "16:00" || m.End != "17:45" || m.Number != 1 || m.Body != "食品表示検討会" {
		t.Errorf("meeting %+v", m)
	}
	var atts []string
	for _, a := range d.Attendees {
		atts = append(atts, a.Name+"|"+a.Title+"|"+a.HQRole)
	}
	if got, want := strings.Join(atts, " "), "伊藤||会長 佐藤||委員 鈴木||委員 田中|課長|"; got != want {
		t.Errorf("attendees %q, want %q", got, want)
	}
	var sp []string
	for _, s := range d.Speeches {
		sp = append(sp, s.Speaker)
	}
	if got, want := strings.Join(sp, ","), "伊藤,佐藤,,,田中"; got != want {
		t.Errorf("speakers %q, want %q", got, want)
	}
	for _, w := range d.Warnings {
		if w.Kind == "unresolved-speaker" || w.Kind == WarnSpeakerFromMarker {
			t.Errorf("warning %+v", w)
		}
	}
	if len(d.Speeches) == 5 && !strings.HasPrefix(d.Speeches[2].Text, "今後の検討については") {
		t.Errorf("opinion text %q", d.Speeches[2].Text)
	}
}

// TestSplitFlat: a page flattened onto one line is cut where it had its
// line breaks, and every piece's offsets point at its text in the source.
func TestSplitFlat(t *testing.T) {
	text := "第4回有識者会議議事録 (1)日時  平成17年5月10日(火)18:26〜21:02 (2)場所  霞が関東京會舘 (3)出席者   大森政輔氏 奥島孝康氏         尾辻厚生労働大臣 (4)議題    ○検討に沿った議論 (5)議事内容 ○大森座長  それでは、ただいまより会議を開催いたします。"
	lines := splitFlat(splitLines(text))
	if len(lines) < 8 {
		t.Fatalf("%d pieces: %+v", len(lines), lines)
	}
	for _, l := range lines {
		if text[l.start:l.end] != l.text || l.n != 1 {
			t.Errorf("piece %q at %d:%d (line %d) is %q in the source", l.text, l.start, l.end, l.n, text[l.start:l.end])
		}
	}
	d, err := Parse("flat.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if d.Meeting.Date != "2005-05-10" || d.Meeting.Place != "霞が関東京會舘" || len(d.Attendees) != 3 || len(d.Speeches) != 1 || d.Speeches[0].Speaker != "大森 政輔" {
		t.Errorf("meeting %+v, %d attendees, speeches %+v", d.Meeting, len(d.Attendees), d.Speeches)
	}
	// a label on the line of the previous value, in a file that is not flat
	l2 := splitFlat(splitLines("2.場所 厚生労働省 講堂 3.出席者\n"))
	if len(l2) < 2 || l2[1].text != "3.出席者" {
		t.Errorf("label after a value: %+v", l2)
	}
}
