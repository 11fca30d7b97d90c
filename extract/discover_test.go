package extract

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// candidateStrings shows candidates as surface/kind/count/documents.
func candidateStrings(cs []Candidate) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Surface+"/"+c.Kind+"/"+strconv.Itoa(c.Count)+"/"+strconv.Itoa(c.Documents))
	}
	return out
}

func TestDiscoverKinds(t *testing.T) {
	c := testConcepts(t)
	src1 := "○甲本部員\n" +
		"昨今「漫画村」というサイトが話題である。サプライチェーンの対策とSBOMとConnected Industriesが重要だ。\n" +
		"経団連とNISCとランサムウェアとAI。「ビジネス」という言葉がない。「異議なし」と声あり。\n" +
		"○乙本部員\n" +
		"サプライ\nチェーンとSBOMは重要。2017年は１Tbpsを超えた。AI1は全ての国民。Cybercriminals are shifting from stealing data.\n" +
		"バイデン大統領の大統領令。急ピッチで大きなアーキテクチャーを作る。\n"
	src2 := "○丙本部員\nサプライチェーン全体で。\n"
	d1, d2 := testDoc(src1), testDoc(src2)
	got := Discover([]*Document{d1, d2}, c)
	want := []string{
		"サプライチェーン/katakana/3/2",
		"SBOM/latin/2/1",
		"Connected Industries/latin/1/1",
		"漫画村/quoted/1/1",
		"経団連/proper-noun/1/1",
	}
	if gs := candidateStrings(got); !reflect.DeepEqual(gs, want) {
		t.Fatalf("candidates:\n-want %q\n+got  %q", want, gs)
	}
	// Evidence: the first occurrences, with sentences and source offsets.
	sc := got[0]
	if len(sc.Evidence) != 3 {
		t.Fatalf("evidence = %+v", sc.Evidence)
	}
	e := sc.Evidence[0]
	if e.Concept != "" || e.Type != TypeCandidate || e.Surface != "サプライチェーン" ||
		src1[e.Start:e.End] != "サプライチェーン" || e.Sentence != "サプライチェーンの対策とSBOMとConnected Industriesが重要だ。" {
		t.Errorf("evidence[0] = %+v", e)
	}
	// A term broken by a line break in the source is joined.
	if e := sc.Evidence[1]; e.Surface != "サプライチェーン" || src1[e.Start:e.End] != "サプライ\nチェーン" {
		t.Errorf("evidence[1] = %+v", e)
	}
	if e := sc.Evidence[2]; src2[e.Start:e.End] != "サプライチェーン" || e.Sentence != "サプライチェーン全体で。" {
		t.Errorf("evidence[2] = %+v", e)
	}
	// Without a known list, the known terms are candidates too, except
	// for AI1, which is a stray digit only in the light of a known AI.
	all := candidateStrings(Discover([]*Document{d1, d2}, nil))
	for _, w := range []string{"NISC/latin/1/1", "ランサムウェア/katakana/1/1", "AI/latin/1/1"} {
		if !slices.Contains(all, w) {
			t.Errorf("without a known list, %s is missing from %q", w, all)
		}
	}
}

// mustNotBeConcepts are words of the seeds that are not concepts:
// particles, common nouns, numbers, units, people, typos, formulas.
var mustNotBeConcepts = []string{
	"の", "は", "こと", "ため", "問題", "議論", "意見", "対策", "チーム", "イメージ", "ビジネス",
	"サイト", "リスク", "プロセス", "サイバー", "セキュリティ", "サイバーセキュリティ", "デジタル",
	"2017", "2017年", "3,000億", "１兆円", "430", "5,000万人", "Tbps", "1Tbps", "２Tbps",
	"AI1", "A11", "Cybercriminals", "are", "data",
	"遠藤", "後藤", "村井", "前田", "野原", "丸川", "加藤", "菅", "遠藤本部員", "バイデン", "テスラ社",
	"異議なし", "日本", "我が国", "平成", "令和", "アーキテクチャー", "ピッチ", "米英",
}

// TestDiscoverPrecision checks that none of the words that are not
// concepts become a candidate or a mention in the seeds, and that no
// candidate is a number, a single character, or covered by the list.
func TestDiscoverPrecision(t *testing.T) {
	known, err := LoadConcepts("../seeds/concepts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	docs := []*Document{seedDoc(t, seed17), seedDoc(t, seed30)}
	cands := Discover(docs, known)
	if len(cands) == 0 {
		t.Fatal("no candidates in the seeds")
	}
	bad := map[string]bool{}
	for _, w := range mustNotBeConcepts {
		bad[aliasKey(w)] = true
	}
	for _, c := range cands {
		k := aliasKey(c.Surface)
		switch {
		case bad[k]:
			t.Errorf("candidate %q (%s) must not be a concept", c.Surface, c.Kind)
		case utf8.RuneCountInString(k) < 2:
			t.Errorf("candidate %q is a single character", c.Surface)
		case strings.IndexFunc(k, unicode.IsLetter) < 0:
			t.Errorf("candidate %q has no letter", c.Surface)
		case known.hasKey(k):
			t.Errorf("candidate %q is in the concept list", c.Surface)
		}
		if c.Count < len(c.Evidence) || c.Documents < 1 || len(c.Evidence) == 0 {
			t.Errorf("candidate %+v: counts do not add up", c)
		}
	}
	for i := 1; i < len(cands); i++ {
		a, b := cands[i-1], cands[i]
		if a.Documents < b.Documents || a.Documents == b.Documents && a.Count < b.Count {
			t.Errorf("candidates out of rank: %s before %s", candidateStrings(cands[i-1 : i+1])[0], candidateStrings(cands[i : i+1])[0])
		}
	}
	for _, d := range docs {
		for _, sp := range d.Speeches {
			for _, m := range sp.Mentions {
				if bad[aliasKey(m.Surface)] {
					t.Errorf("speech %d: mention %s %q must not be a concept", sp.Seq, m.Concept, m.Surface)
				}
			}
		}
	}
}

// TestDiscoverSeeds checks recall on the seeds without a concept list:
// each kind of term is found, with its count over both meetings.
func TestDiscoverSeeds(t *testing.T) {
	docs := []*Document{seedDoc(t, seed17), seedDoc(t, seed30)}
	got := map[string]Candidate{}
	for _, c := range Discover(docs, nil) {
		got[c.Surface] = c
	}
	for _, w := range []struct {
		surface, kind string
		docs          int
	}{
		{"NISC", CandidateLatin, 2},
		{"ランサムウェア", CandidateKatakana, 2},
		{"サプライチェーン", CandidateKatakana, 2},
		{"経団連", CandidateProperNoun, 2},
		{"北朝鮮", CandidateProperNoun, 1},
		{"Connected Industries", CandidateLatin, 1},
		{"Software Bill of Materials", CandidateLatin, 1},
		{"SBOM", CandidateLatin, 1},
		{"漫画村", CandidateQuoted, 1},
		{"経団連サイバーセキュリティ経営宣言", CandidateQuoted, 1},
		{"ゼロトラストアーキテクチャ", CandidateKatakana, 1},
		{"マシン・ツー・マシン", CandidateKatakana, 1},
	} {
		c, ok := got[w.surface]
		if !ok {
			t.Errorf("%s not found", w.surface)
			continue
		}
		if c.Kind != w.kind || c.Documents != w.docs {
			t.Errorf("%s: kind %s in %d documents, want %s in %d", w.surface, c.Kind, c.Documents, w.kind, w.docs)
		}
	}
}
