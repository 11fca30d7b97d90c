package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// testDoc builds a Document from a small source the way Parse would, so
// that matching can be tested apart from the parser: a line starting with
// ○ opens a speech, following lines are joined (a PDF line break is not a
// break in the text), a blank line separates paragraphs, and a line
// starting with ・ is an agenda item.
func testDoc(src string) *Document {
	doc := &Document{Text: src}
	var cur *Speech
	para := false
	flush := func() {
		if cur != nil {
			doc.Speeches = append(doc.Speeches, *cur)
			cur = nil
		}
	}
	for pos := 0; pos < len(src); {
		e := strings.IndexByte(src[pos:], '\n')
		if e < 0 {
			e = len(src)
		} else {
			e += pos
		}
		raw := src[pos:e]
		line := strings.TrimLeft(raw, " \u3000")
		start := pos + len(raw) - len(line)
		line = strings.TrimRight(line, " \u3000")
		switch {
		case strings.HasPrefix(line, "○"):
			flush()
			cur = &Speech{Seq: len(doc.Speeches) + 1, Marker: line, Speaker: strings.TrimPrefix(line, "○")}
		case strings.HasPrefix(line, "・"):
			flush()
			title := strings.TrimPrefix(line, "・")
			s := start + len("・")
			doc.Agenda = append(doc.Agenda, AgendaItem{Kind: KindReport, Title: title, Start: s, End: s + len(title)})
		case line == "":
			para = true
		case cur != nil:
			if para && cur.Text != "" {
				cur.Text += "\n"
			}
			if cur.Text == "" {
				cur.Start = start
			}
			para = false
			cur.spans = append(cur.spans, span{text: len(cur.Text), src: start, n: len(line)})
			cur.Text += line
			cur.End = start + len(line)
		}
		pos = e + 1
	}
	flush()
	return doc
}

// mentionStrings shows mentions as id:surface, with * for implicit ones.
func mentionStrings(ms []Mention) []string {
	var out []string
	for _, m := range ms {
		s := m.Concept + ":" + m.Surface
		if m.Implicit {
			s += "*"
		}
		out = append(out, s)
	}
	return out
}

// TestMatchRules pins the matching rules of the issue on single speeches.
func TestMatchRules(t *testing.T) {
	c := testConcepts(t)
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"full-width and half-width are one", "ＫＤＤＩとKDDI、ｋｄｄｉ。", []string{"kddi:ＫＤＤＩ", "kddi:KDDI", "kddi:ｋｄｄｉ"}},
		{"longest match wins", "ゼロトラストアーキテクチャへの移行とゼロトラストの考え方。", []string{"zero-trust-architecture:ゼロトラストアーキテクチャ", "zero-trust:ゼロトラスト"}},
		{"AI1 is not AI", "2点目は、AI1は全ての国民であると思う。全ての国民はA11の中に含まれる。", nil},
		{"AI before Japanese is AI", "AIの開発自体も慎重に行わなければならない。ＡＩが入り、", []string{"ai:AI", "ai:ＡＩ"}},
		{"no AI inside a word", "MAIL, AIR, xAI, AI-1 and AI.", []string{"ai:AI", "ai:AI"}},
		{"IT is not in ITS", "ITSとIT調達", []string{"it:IT"}},
		{"multi-word name across a space", "10月にはBad Rabbitというような、BadRabbit、bad　rabbit。", []string{"bad-rabbit:Bad Rabbit", "bad-rabbit:BadRabbit", "bad-rabbit:bad　rabbit"}},
		{"a space inside Latin only where the alias has one", "a iとS ociety 5.0とSociety5.0", []string{"society-5:Society5.0"}},
		{"cross-script alias", "セキュリティ・バイ・デザインとSecurity by DesignとセキュリティバイデザインとSECURITY BY DESIGN",
			[]string{"security-by-design:セキュリティ・バイ・デザイン", "security-by-design:Security by Design", "security-by-design:セキュリティバイデザイン", "security-by-design:SECURITY BY DESIGN"}},
		{"a trailing long vowel mark is optional", "大きなアーキテクチャーと、アーキテクチャと、ｱｰｷﾃｸﾁｬ", []string{"architecture:アーキテクチャー", "architecture:アーキテクチャ", "architecture:ｱｰｷﾃｸﾁｬ"}},
		{"short katakana stands alone", "ロボットとボットとボットネット", []string{"bot:ボット", "botnet:ボットネット"}},
		{"Latin then Japanese", "G7サミットでは、ランサムウェアの脅威", []string{"g7:G7サミット", "ransomware:ランサムウェア"}},
		{"alias and label", "NISCと内閣サイバーセキュリティセンター", []string{"nisc:NISC", "nisc:内閣サイバーセキュリティセンター"}},
		{"implicit phrase without the explicit name", "石油パイプラインが停止し、パイプラインの事案は", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := testDoc("○某本部員\n" + tc.text + "\n")
			c.Annotate(doc)
			got := mentionStrings(doc.Speeches[0].Mentions)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("mentions of %q:\n-want %q\n+got  %q", tc.text, tc.want, got)
			}
		})
	}
}

// TestMatchOffsets checks the evidence of a mention: a term broken by a
// PDF line break in the source matches in the joined text, and its
// offsets and its sentence's map back to the source.
func TestMatchOffsets(t *testing.T) {
	c := testConcepts(t)
	src := "○遠藤本部員\n　まず、昨年はランサム\n　ウェアが猛威を振るった。\n\n　10月にはBad\nRabbitが出た！\n"
	doc := testDoc(src)
	c.Annotate(doc)
	sp := doc.Speeches[0]
	if sp.Text != "まず、昨年はランサムウェアが猛威を振るった。\n10月にはBadRabbitが出た！" {
		t.Fatalf("test document: Text = %q", sp.Text)
	}
	ms := sp.Mentions
	if len(ms) != 2 {
		t.Fatalf("mentions = %q", mentionStrings(ms))
	}
	want := Mention{
		Concept: "ransomware", Label: "ランサムウェア", LabelEn: "Ransomware", Type: TypeMalware,
		Surface:       "ランサムウェア",
		Start:         strings.Index(src, "ランサム"),
		End:           strings.Index(src, "ウェア") + len("ウェア"),
		Sentence:      "まず、昨年はランサムウェアが猛威を振るった。",
		SentenceStart: strings.Index(src, "まず"),
		SentenceEnd:   strings.Index(src, "った。") + len("った。"),
	}
	if !reflect.DeepEqual(ms[0], want) {
		t.Errorf("mention:\n-want %+v\n+got  %+v", want, ms[0])
	}
	m := ms[1]
	if m.Concept != "bad-rabbit" || m.Surface != "BadRabbit" || src[m.Start:m.End] != "Bad\nRabbit" ||
		m.Sentence != "10月にはBadRabbitが出た！" || src[m.SentenceStart:m.SentenceEnd] != "10月にはBad\nRabbitが出た！" {
		t.Errorf("mention across a line break: %+v, source %q", m, src[m.Start:m.End])
	}
}

// TestMatchOffsetsWithoutSpans: a Document decoded from JSON has no
// spans; its speeches are aligned with the source instead, and the
// mentions come out the same.
func TestMatchOffsetsWithoutSpans(t *testing.T) {
	c := testConcepts(t)
	src := "○遠藤本部員\n　まず、昨年はランサム\n　ウェアが猛威を振るった。\n\n　10月にはBad\nRabbitが出た！NISCも。\n"
	want := testDoc(src)
	c.Annotate(want)
	got := testDoc(src)
	got.Speeches[0].spans = nil
	c.Annotate(got)
	if !reflect.DeepEqual(got.Speeches[0].Mentions, want.Speeches[0].Mentions) {
		t.Errorf("without spans:\n-want %+v\n+got  %+v", want.Speeches[0].Mentions, got.Speeches[0].Mentions)
	}
}

// TestMentionAgenda checks that a term named only in an agenda title is
// attached to the agenda item, not to a speech.
func TestMentionAgenda(t *testing.T) {
	c := testConcepts(t)
	src := "【報告事項】\n・政府情報システムのためのセキュリティ評価制度（ISMAP）の暫定措置の見直しについて\n○村井本部員\nNISCで行ってきた方法。\n"
	doc := testDoc(src)
	c.Annotate(doc)
	got := mentionStrings(doc.Agenda[0].Mentions)
	want := []string{"ismap:政府情報システムのためのセキュリティ評価制度", "ismap:ISMAP"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("agenda mentions:\n-want %q\n+got  %q", want, got)
	}
	for _, m := range doc.Agenda[0].Mentions {
		if src[m.Start:m.End] != m.Surface || m.Sentence != doc.Agenda[0].Title ||
			src[m.SentenceStart:m.SentenceEnd] != doc.Agenda[0].Title {
			t.Errorf("agenda mention %+v does not map to the source", m)
		}
	}
	if got := mentionStrings(doc.Speeches[0].Mentions); !reflect.DeepEqual(got, []string{"nisc:NISC"}) {
		t.Errorf("speech mentions = %q", got)
	}
}

// TestMentionImplicit checks that an implicit phrase counts only in a
// document that names the concept explicitly, and is marked so.
func TestMentionImplicit(t *testing.T) {
	c := testConcepts(t)
	doc := testDoc("○加藤本部長\n米国で石油パイプラインが停止した。\n○後藤本部員\nコロニアル・パイプライン社の事案のように、\n○村井本部員\nパイプラインの事案はランサムウェアであり、\n")
	c.Annotate(doc)
	var got [][]string
	for _, sp := range doc.Speeches {
		got = append(got, mentionStrings(sp.Mentions))
	}
	want := [][]string{
		{"colonial-pipeline:石油パイプライン*"},
		{"colonial-pipeline:コロニアル・パイプライン社"},
		{"colonial-pipeline:パイプラインの事案*", "ransomware:ランサムウェア"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("mentions:\n-want %q\n+got  %q", want, got)
	}
	// Annotate replaces what was there: running it twice changes nothing.
	before := fmt.Sprint(doc.Speeches)
	c.Annotate(doc)
	if after := fmt.Sprint(doc.Speeches); after != before {
		t.Error("a second Annotate changed the mentions")
	}
}

// seedMentions parses and annotates the seeds with the curated list, once.
var seedMentions = sync.OnceValues(func() (map[string]*Document, error) {
	c, err := LoadConcepts("../seeds/concepts.yaml")
	if err != nil {
		return nil, err
	}
	files, err := filepath.Glob("../seeds/*.txt")
	if err != nil {
		return nil, err
	}
	docs := map[string]*Document{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		doc, err := Parse(f, data)
		if err != nil {
			return nil, err
		}
		c.Annotate(doc)
		docs[filepath.Base(f)] = doc
	}
	return docs, nil
})

const (
	seed17 = "2018-04-04_cybersecurity-hq_17.txt"
	seed30 = "2021-07-07_cybersecurity-hq_30.txt"
)

func seedDoc(t *testing.T, name string) *Document {
	t.Helper()
	docs, err := seedMentions()
	if err != nil {
		t.Fatal(err)
	}
	doc := docs[name]
	if doc == nil {
		t.Fatalf("no seed %s", name)
	}
	return doc
}

// speechesOf returns the speeches whose speaker's family name is family.
func speechesOf(doc *Document, family string) []*Speech {
	var out []*Speech
	for i := range doc.Speeches {
		if strings.HasPrefix(doc.Speeches[i].Speaker, family+" ") {
			out = append(out, &doc.Speeches[i])
		}
	}
	return out
}

// mentionWith returns the first mention in the speeches with the surface.
func mentionWith(sps []*Speech, surface string) (*Speech, *Mention) {
	for _, sp := range sps {
		for i := range sp.Mentions {
			if sp.Mentions[i].Surface == surface {
				return sp, &sp.Mentions[i]
			}
		}
	}
	return nil, nil
}

// TestMentionCrossScript: 遠藤's セキュリティ・バイ・デザイン in the 17th
// meeting and 野原's Security by Design in the 30th are one concept.
func TestMentionCrossScript(t *testing.T) {
	_, ja := mentionWith(speechesOf(seedDoc(t, seed17), "遠藤"), "セキュリティ・バイ・デザイン")
	_, en := mentionWith(speechesOf(seedDoc(t, seed30), "野原"), "Security by Design")
	if ja == nil || en == nil {
		t.Fatalf("遠藤 (17th): %+v\n野原 (30th): %+v", ja, en)
	}
	if ja.Concept == "" || ja.Concept != en.Concept {
		t.Errorf("セキュリティ・バイ・デザイン is %q, Security by Design is %q: want one concept", ja.Concept, en.Concept)
	}
}

// TestMentionAI: "AI1", a PDF typo for "All" in 村井's speech in the 30th
// meeting, is not AI; 前田's AIの開発 in the 17th is.
func TestMentionAI(t *testing.T) {
	d30 := seedDoc(t, seed30)
	murai := speechesOf(d30, "村井")
	if len(murai) != 1 || !strings.Contains(murai[0].Text, "AI1は全ての国民") {
		t.Fatalf("村井's speech in the 30th meeting not found")
	}
	for _, m := range murai[0].Mentions {
		if strings.Contains(strings.ToUpper(FoldKey(m.Surface)), "AI") || strings.Contains(m.Surface, "A11") {
			t.Errorf("村井 (30th): mention %s %q in %q", m.Concept, m.Surface, m.Sentence)
		}
	}
	maeda := speechesOf(seedDoc(t, seed17), "前田")
	found := false
	for _, sp := range maeda {
		for _, m := range sp.Mentions {
			if m.Surface == "AI" && strings.Contains(m.Sentence, "AIの開発") {
				found = true
				if m.Concept != "ai" {
					t.Errorf("前田's AI is concept %q, want ai", m.Concept)
				}
			}
		}
	}
	if !found {
		t.Error("前田's AIの開発 (17th) has no AI mention")
	}
}

// TestMentionColonialPipeline: the 30th meeting's 石油パイプライン (the
// chair) and パイプラインの事案 (村井) refer to the incident 後藤 names.
func TestMentionColonialPipeline(t *testing.T) {
	d30 := seedDoc(t, seed30)
	_, named := mentionWith(speechesOf(d30, "後藤"), "コロニアル・パイプライン社")
	if named == nil {
		t.Fatal("後藤 does not name the Colonial Pipeline incident")
	}
	for _, tc := range []struct{ family, surface string }{{"加藤", "石油パイプライン"}, {"村井", "パイプラインの事案"}} {
		_, m := mentionWith(speechesOf(d30, tc.family), tc.surface)
		if m == nil || m.Concept != named.Concept || !m.Implicit {
			t.Errorf("%s's %s: %+v, want an implicit mention of %s", tc.family, tc.surface, m, named.Concept)
		}
	}
	// In the 17th meeting nobody names the incident.
	for _, sp := range seedDoc(t, seed17).Speeches {
		for _, m := range sp.Mentions {
			if m.Concept == named.Concept {
				t.Errorf("17th meeting: %+v", m)
			}
		}
	}
}

// TestMentionISMAP: ISMAP appears only in an agenda title of the 30th
// meeting, and is attached to the agenda item.
func TestMentionISMAP(t *testing.T) {
	d30 := seedDoc(t, seed30)
	var inAgenda bool
	for _, it := range d30.Agenda {
		for _, m := range it.Mentions {
			if m.Surface == "ISMAP" {
				inAgenda = true
				if d30.Text[m.Start:m.End] != "ISMAP" || it.Start > m.Start || m.End > it.End {
					t.Errorf("ISMAP mention %+v outside its item %d..%d", m, it.Start, it.End)
				}
			}
		}
	}
	if !inAgenda {
		t.Error("no ISMAP mention in the agenda")
	}
	for _, sp := range d30.Speeches {
		if _, m := mentionWith([]*Speech{&sp}, "ISMAP"); m != nil {
			t.Errorf("ISMAP attached to speech %d", sp.Seq)
		}
	}
}

// TestMentionsGolden pins the mentions of every speech and agenda item of
// the seeds, and checks that each maps back to its source.
func TestMentionsGolden(t *testing.T) {
	for _, name := range []string{seed17, seed30} {
		t.Run(name, func(t *testing.T) {
			doc := seedDoc(t, name)
			checkMentionOffsets(t, doc)
			golden := filepath.Join("testdata", "mentions", strings.TrimSuffix(name, ".txt")+".txt")
			checkGolden(t, golden, []byte(formatMentions(doc)))
		})
	}
}

// formatMentions renders the mentions of doc one a line, grouped by
// agenda item and speech, for a golden file a person can review.
func formatMentions(doc *Document) string {
	var b strings.Builder
	line := func(m Mention) {
		imp := ""
		if m.Implicit {
			imp = " implicit"
		}
		fmt.Fprintf(&b, "  %d-%d %s %q%s | %d-%d %s\n", m.Start, m.End, m.Concept, m.Surface, imp, m.SentenceStart, m.SentenceEnd, m.Sentence)
	}
	total := 0
	for i, it := range doc.Agenda {
		fmt.Fprintf(&b, "agenda %d %s %s\n", i+1, it.Kind, it.Title)
		for _, m := range it.Mentions {
			line(m)
		}
		total += len(it.Mentions)
	}
	for _, sp := range doc.Speeches {
		fmt.Fprintf(&b, "speech %d %s %s\n", sp.Seq, sp.Speaker, sp.Marker)
		for _, m := range sp.Mentions {
			line(m)
		}
		total += len(sp.Mentions)
	}
	fmt.Fprintf(&b, "total %d\n", total)
	return b.String()
}

// checkMentionOffsets checks that every mention's surface and sentence
// are what the source holds at their offsets, line breaks aside, and that
// they lie within their speech or agenda item.
func checkMentionOffsets(t *testing.T, doc *Document) {
	t.Helper()
	squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
	check := func(where string, lo, hi int, ms []Mention) {
		prev := -1
		for _, m := range ms {
			if m.Start < lo || m.End > hi || m.Start >= m.End || m.SentenceStart > m.Start || m.End > m.SentenceEnd {
				t.Errorf("%s: %s %q at %d-%d, sentence %d-%d: outside %d-%d", where, m.Concept, m.Surface, m.Start, m.End, m.SentenceStart, m.SentenceEnd, lo, hi)
				continue
			}
			if got := squeeze(doc.Text[m.Start:m.End]); got != squeeze(m.Surface) {
				t.Errorf("%s: %s: source has %q, surface %q", where, m.Concept, got, m.Surface)
			}
			if got := squeeze(doc.Text[m.SentenceStart:m.SentenceEnd]); got != squeeze(m.Sentence) {
				t.Errorf("%s: %s: source sentence %q, sentence %q", where, m.Concept, got, m.Sentence)
			}
			if !strings.Contains(m.Sentence, m.Surface) {
				t.Errorf("%s: sentence %q does not hold %q", where, m.Sentence, m.Surface)
			}
			if m.Start < prev {
				t.Errorf("%s: mentions out of order", where)
			}
			prev = m.Start
		}
	}
	for _, it := range doc.Agenda {
		check("agenda "+it.Title, it.Start, it.End, it.Mentions)
	}
	for _, sp := range doc.Speeches {
		check(fmt.Sprintf("speech %d", sp.Seq), sp.Start, sp.End, sp.Mentions)
	}
}
