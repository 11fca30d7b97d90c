package extract

import (
	"strings"
	"testing"
)

// The people of a 欠席 section (or marked 欠席 in the list) are
// absentees: never attendees, and officers listed under the label when a
// page lost theirs stay attendees.
func TestAbsentees(t *testing.T) {
	for _, tc := range []struct {
		name, text  string
		att, absent []string
	}{
		{"assembly", `議会運営委員会会議録
平成27年3月4日(水曜日)
〇出席委員
委員長 山田 太郎君
委員 鈴木 一郎君
〇欠席委員
佐藤 次郎君
〇説明のため出席した者
財務局長 田中 三郎君
○委員長(山田太郎君) ただいまから開会します。
`, []string{"山田 太郎", "鈴木 一郎", "田中 三郎"}, []string{"佐藤 次郎"}},
		{"none", `議会運営委員会会議録
平成27年3月4日(水曜日)
〇出席委員
山田 太郎君
〇欠席委員
なし
○委員長(山田太郎君) ただいまから開会します。
`, []string{"山田 太郎"}, nil},
		{"merger", `第10回 田沢湖・角館・西木合併協議会会議録
開催年月日  平成17年3月27日
田沢湖・角館・西木合併協議会出席者
会 長 佐 藤 清 雄
田沢湖・角館・西木合併協議会欠席者 武 藤 昭 男 1名
○副局長 ただ今から開催いたします。
`, []string{"佐藤 清雄"}, []string{"武藤 昭男"}},
		{"marks", `教育委員会議事録
<開会>
令和7年3月7日
10時30分
<委員出欠>
伊藤忠通(出席)
佐藤進(欠席)
<議事内容>
○大石教育長 「開催いたします。」
`, []string{"伊藤 忠通"}, []string{"佐藤 進"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Parse(tc.name+".txt", []byte(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			var att, absent []string
			for _, a := range doc.Attendees {
				att = append(att, a.Name)
			}
			for _, a := range doc.Absentees {
				absent = append(absent, a.Name)
			}
			if strings.Join(att, ",") != strings.Join(tc.att, ",") || strings.Join(absent, ",") != strings.Join(tc.absent, ",") {
				t.Errorf("attendees %q absentees %q, want %q and %q", att, absent, tc.att, tc.absent)
			}
		})
	}
}
