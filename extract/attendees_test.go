package extract

import "testing"

func TestAttendeeReadings(t *testing.T) {
	var p attendeeParser
	for i, s := range []string{
		"村井　純（むらい　じゅん）　慶應義塾大学教授",
		"遠藤 信博（えんどう のぶひろ） 日本電気株式会社取締役会長 野原 佐和子（のはら さわこ） 株式会社イプシ・マーケティング研究所代表取締役社長",
	} {
		p.add(line{n: i + 1, text: s, key: keyOf(s)})
	}
	want := []string{"村井 純|ムライ ジュン|慶應義塾大学教授", "遠藤 信博|エンドウ ノブヒロ|日本電気株式会社取締役会長", "野原 佐和子|ノハラ サワコ|株式会社イプシ・マーケティング研究所代表取締役社長"}
	if len(p.atts) != len(want) {
		t.Fatalf("got %d attendees: %+v", len(p.atts), p.atts)
	}
	for i, a := range p.atts {
		if got := a.Name + "|" + a.Reading + "|" + a.Title; got != want[i] {
			t.Errorf("attendee %d = %q, want %q", i, got, want[i])
		}
	}
}

func TestSplitName(t *testing.T) {
	for _, tc := range []struct{ in, family, given string }{
		{"あかま二郎", "あかま", "二郎"},
		{"野田せいこ", "野田", "せいこ"},
		{"村井純", "村井", "純"},
		{"小野寺正", "小野寺", "正"},
	} {
		f, g := splitName(tc.in)
		if f != tc.family || g != tc.given {
			t.Errorf("splitName(%q) = %q %q, want %q %q", tc.in, f, g, tc.family, tc.given)
		}
	}
}
