package kokkai

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gijigraph/gijigraph/extract"
)

// The 会議録情報 (speechOrder 0) is read by the text extractor's reader of
// the Diet's attendee sections.
func TestReadInfo(t *testing.T) {
	info := `令和五年三月十五日（水曜日）
    午前九時開議
 出席委員
   委員長 大西 英男君
   理事 杉田 水脈君 理事 中川 正春君
      鈴木 英敬君    堤 かなめ君
 出席国務大臣
       国務大臣
       （デジタル大臣） 河野 太郎君
 出席政府参考人
       （内閣官房内閣サイバーセキュリティセンター副センター長） 小柳 誠二君
    ―――――――――――――
本日の会議に付した案件
 内閣の重要政策に関する件 田中君`
	var got []string
	for _, a := range extract.ReadAttendeeSections(info) {
		got = append(got, fmt.Sprintf("%s|%s|%s|%s|%d", a.Title, a.HQRole, a.Family, a.Given, a.Line))
	}
	want := []string{
		"|委員長|大西|英男|4", "|理事|杉田|水脈|5", "|理事|中川|正春|5", "|委員|鈴木|英敬|6", "|委員|堤|かなめ|6",
		"国務大臣（デジタル大臣）|国務大臣|河野|太郎|8", "内閣官房内閣サイバーセキュリティセンター副センター長|政府参考人|小柳|誠二|11",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
