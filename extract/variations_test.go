package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The variation files in testdata/variations are small minutes written in
// the style of real ones, each exercising one or two of the variations
// the extractor must handle (see testdata/variations/README.md). Each case
// below states the facts the file must yield.
//
// Expectations are lists of "|"-separated strings, compared exactly with a
// line diff (-want +got). A field written "*" matches anything: it marks
// facts that are debatable and left to the extractor. Lists marked
// "partial" are compared only for the keys they name.
type variationCase struct {
	file string
	// meeting: "field=value" for id, body, number, title, kind, date,
	// start, end, place; only the fields listed are compared.
	meeting []string
	// attendees: "name|title|organization|hq_role", every attendee in order.
	attendees []string
	// orgKinds (partial): "name|org_kind".
	orgKinds []string
	// agenda: "kind|title", every item in order.
	agenda []string
	// speeches: "seq|speaker|as", every speech; speaker "" when unresolved.
	speeches []string
	// markers (partial): "seq|marker".
	markers []string
	// sections (partial): "seq|section".
	sections []string
	// texts: "seq|sub" (Text contains sub), "seq|!sub" (does not),
	// "seq|=text" (Text is exactly text).
	texts []string
	// refers: "seq|name,name" (sorted) for every speech with references;
	// all other speeches must have none.
	refers []string
	// events: "kind|text|after", every event other than the extractor's
	// "narrative" events (proceedings text that is nobody's speech), which
	// are checked only by eventsLack.
	events []string
	// eventsLack: texts no event (narrative or not) may have, e.g. a
	// heading mistaken for narrative.
	eventsLack []string
	// decisions: "title|outcome", every decision.
	decisions []string
	// warnings: "kind|line", every warning (unless extraWarnOK, when
	// other warnings may appear too).
	warnings    []string
	extraWarnOK bool
}

const vrDir = "testdata/variations"

// Attendee strings reused across the cybersecurity HQ files.
const (
	vrSuga      = "菅 義偉|内閣官房長官|内閣官房|本部長"
	vrEndoN     = "遠藤 信博|日本電気株式会社代表取締役会長|日本電気株式会社|有識者本部員"
	vrOnodera   = "小野寺 正|ＫＤＤＩ株式会社取締役相談役|KDDI株式会社|有識者本部員"
	vrMuraiKeio = "村井 純|慶應義塾大学環境情報学部教授|慶應義塾大学|有識者本部員"
	vrNakatani  = "中谷 和弘|東京大学大学院法学政治学研究科教授|東京大学|有識者本部員"
	vrNohara    = "野原 佐和子|株式会社イプシ・マーケティング研究所代表取締役社長|株式会社イプシ・マーケティング研究所|有識者本部員"
	vrMaedaNU   = "前田 雅英|日本大学大学院法務研究科教授|日本大学|有識者本部員"
	vrMaedaTMU  = "前田 雅英|東京都立大学法学部客員教授|東京都立大学|有識者本部員"
	vrHayashi   = "林 紘一郎|情報セキュリティ大学院大学教授|情報セキュリティ大学院大学|有識者本部員"
	vrGotoPres  = "後藤 厚宏|情報セキュリティ大学院大学学長|情報セキュリティ大学院大学|有識者本部員"
	vrOlyMin    = "東京オリンピック競技大会・東京パラリンピック競技大会担当大臣"
)

var variationCases = []variationCase{
	{
		// Header: "第 16 回", "平成 30 年1月 17 日", full-width times; seed-17 layout.
		file: "v01_header_spaced_era.txt",
		meeting: []string{
			"id=サイバーセキュリティ戦略本部-16", "body=サイバーセキュリティ戦略本部", "number=16",
			"title=第 16 回会合 議事概要", "kind=議事概要", "date=2018-01-17", "start=08:00", "end=08:30",
			"place=総理大臣官邸４階大会議室",
		},
		attendees: []string{
			vrSuga,
			"小此木 八郎|国家公安委員会委員長|国家公安委員会|本部員",
			"野田 聖子|総務大臣|総務省|本部員",
			vrEndoN, vrOnodera, vrMuraiKeio,
			"杉田 和博|内閣官房副長官|内閣官房|陪席",
			"中島 明彦|内閣サイバーセキュリティセンター長|内閣サイバーセキュリティセンター|陪席",
		},
		agenda: []string{
			"discussion|次期サイバーセキュリティ戦略の検討に当たっての基本的な考え方について",
			"report|サイバーセキュリティ月間について",
		},
		speeches: []string{
			"1|菅 義偉|本部長", "2|遠藤 信博|本部員", "3|小野寺 正|本部員", "4|村井 純|本部員",
			"5|野田 聖子|総務大臣", "6|菅 義偉|本部長",
		},
		markers:  []string{"1|（１）本部長冒頭挨拶", "2|○（遠藤本部員）", "6|（３）本部長締め括り挨拶"},
		sections: []string{"1|（１）本部長冒頭挨拶", "2|（２）討議", "5|（２）討議", "6|（３）本部長締め括り挨拶"},
		texts: []string{
			"1|御議論をいただきたい。", "1|!討議事項", "1|!上記について",
			"2|経営層の意識改革を進めることが重要", "3|一層強化していきたい。",
			"5|!締め括り", "6|検討を速やかに進めていきたい。", "6|!以上",
		},
	},
	{
		// 有識者会議: 第一回, kanji date and times, 座長/委員/事務局 labels,
		// a moderator speaking three times.
		file: "v02_yushikisha_kanji_date.txt",
		meeting: []string{
			"id=サイバーセキュリティ人材育成に関する有識者会議-1", "body=サイバーセキュリティ人材育成に関する有識者会議",
			"number=1", "kind=議事要旨", "date=2019-05-08", "start=10:00", "end=11:30",
			"place=中央合同庁舎第８号館８階特別中会議室",
		},
		attendees: []string{
			"佐々木 良子|東都工業大学情報理工学院教授|東都工業大学|座長",
			"上田 健太郎|株式会社北辰システムズ代表取締役社長|株式会社北辰システムズ|委員",
			"小川 まゆみ|一般社団法人日本情報セキュリティ協会理事|一般社団法人日本情報セキュリティ協会|委員",
			"北村 誠|西都大学大学院情報学研究科准教授|西都大学|委員",
			"三浦 直樹|内閣サイバーセキュリティセンター副センター長|内閣サイバーセキュリティセンター|陪席",
		},
		agenda: []string{
			"discussion|サイバーセキュリティ人材の現状と課題について",
			"discussion|今後の検討の進め方について",
		},
		speeches: []string{
			"1|佐々木 良子|座長", "2|上田 健太郎|委員", "3|佐々木 良子|座長", "4|小川 まゆみ|委員",
			"5|北村 誠|委員", "6|三浦 直樹|副センター長", "7|佐々木 良子|座長",
		},
		texts: []string{
			"2|孤立している。地域で相談できる",  // a PDF line break, joined
			"4|課題である。\nまた、女性や若手", // an indented line: a new paragraph
			"1|!事務局から資料に基づき",
		},
		refers: []string{"3|小川 まゆみ", "5|上田 健太郎"},
	},
	{
		// 知的財産戦略本部 議事録: full-width 第２５回, 午後…から…まで,
		// 【】 labels inline, two 副本部長, markers with the text on the same line.
		file: "v03_ipr_labels_pm_time.txt",
		meeting: []string{
			"id=知的財産戦略本部-25", "body=知的財産戦略本部", "number=25", "kind=議事録",
			"date=2021-12-20", "start=17:15", "end=17:40", "place=総理大臣官邸４階大会議室",
		},
		attendees: []string{
			"山本 達也|内閣総理大臣|内閣|本部長",
			"中川 修一|内閣官房長官|内閣官房|副本部長",
			"井上 裕子|知的財産戦略担当大臣|*|副本部長",
			"森田 健二|総務大臣|総務省|本部員",
			"石井 和夫|文部科学大臣|文部科学省|本部員",
			"原 博之|経済産業大臣|経済産業省|本部員",
			"青木 千尋|北海道大学大学院情報科学研究院教授|北海道大学|有識者本部員",
			"酒井 浩|ソニーグループ株式会社執行役専務|ソニーグループ株式会社|有識者本部員",
			"長谷川 恵|弁理士法人長谷川国際特許事務所所長|弁理士法人長谷川国際特許事務所|有識者本部員",
		},
		agenda: []string{
			"discussion|知的財産推進計画２０２２の策定に向けた検討について",
			"report|コンテンツ海賊版対策の取組状況について",
		},
		speeches: []string{
			"1|中川 修一|内閣官房長官", "2|井上 裕子|知的財産戦略担当大臣", "3|中川 修一|内閣官房長官",
			"4|青木 千尋|本部員", "5|酒井 浩|本部員", "6|長谷川 恵|本部員", "7|中川 修一|内閣官房長官",
			"8|山本 達也|内閣総理大臣", "9|中川 修一|内閣官房長官",
		},
		markers: []string{"1|○中川内閣官房長官", "6|○長谷川本部員"},
		texts: []string{
			"1|ただいまから「知的財産戦略本部」を開催いたします。", "1|!○",
			"2|策定に向けた重点事項について御説明いたします。",
			"4|=大学の知財を社会実装につなげるためには、スタートアップとの共同研究を後押しする仕組みが不可欠です。",
			"5|=コンテンツ分野では、海賊版対策の国際連携を一層強化していただきたい。",
			"6|先ほど青木本部員がおっしゃったスタートアップ支援と合わせ、", // broken mid-word
			"8|知的財産推進計画２０２２の策定に向け",            // broken mid-word
			"9|以上をもちまして、本日の会合を終了いたします。",
		},
		refers: []string{"1|井上 裕子", "3|青木 千尋", "6|青木 千尋"},
	},
	{
		// Two to four attendees on one line (merged PDF columns).
		file: "v04_attendees_merged_columns.txt",
		meeting: []string{
			"id=サイバーセキュリティ戦略本部-18", "number=18", "kind=議事概要", "date=2018-07-25",
			"start=08:15", "end=08:50", "place=総理大臣官邸４階大会議室",
		},
		attendees: []string{
			vrSuga,
			"鈴木 俊一|" + vrOlyMin + "|*|*",
			"小此木 八郎|国家公安委員会委員長|国家公安委員会|本部員",
			"坂井 学|総務副大臣|総務省|代理出席",
			"堀井 巌|外務大臣政務官|外務省|代理出席",
			vrEndoN, vrOnodera, vrNakatani, vrHayashi, vrMaedaNU, vrMuraiKeio,
			"西村 康稔|内閣官房副長官|内閣官房|陪席",
			"古谷 一之|内閣官房副長官補|内閣官房|陪席",
		},
		agenda: []string{
			"decision|次期サイバーセキュリティ戦略（案）について",
			"report|サイバーセキュリティ政策に係る年次報告（2017年度）について",
		},
		speeches: []string{
			"1|菅 義偉|本部長", "2|村井 純|本部員", "3|中谷 和弘|本部員", "4|前田 雅英|本部員",
			"5|坂井 学|総務副大臣", "6|堀井 巌|外務大臣政務官", "7|菅 義偉|本部長",
		},
		texts:     []string{"6|!決定事項１件"},
		decisions: []string{"次期サイバーセキュリティ戦略（案）について|案のとおり決定"},
	},
	{
		// Names without a space (あかま二郎, 遠藤信博), variant kanji in the
		// list (髙橋, 宮澤, 山﨑) and common forms in the markers; tabs.
		file: "v05_names_nospace_variant_kanji.txt",
		meeting: []string{
			"id=サイバーセキュリティ戦略本部-23", "number=23", "title=第23回会合 議事概要", "date=2019-12-03",
			"start=17:00", "end=17:30", "place=総理大臣官邸4階大会議室",
		},
		attendees: []string{
			vrSuga,
			"あかま 二郎|内閣府副大臣|内閣府|代理出席",
			vrEndoN, vrNakatani, vrNohara,
			"宮澤 栄一|株式会社デジタルハーツホールディングス代表取締役社長CEO|株式会社デジタルハーツホールディングス|有識者本部員",
			vrMuraiKeio,
			"髙橋 清孝|内閣危機管理監|内閣官房|陪席",
			"山﨑 琢矢|内閣サイバーセキュリティセンター長|内閣サイバーセキュリティセンター|陪席",
		},
		agenda: []string{"discussion|サイバーセキュリティ戦略の中間レビューについて"},
		speeches: []string{
			"1|菅 義偉|本部長", "2|遠藤 信博|本部員", "3|野原 佐和子|本部員", "4|宮澤 栄一|本部員",
			"5|村井 純|本部員", "6|あかま 二郎|内閣府副大臣", "7|髙橋 清孝|危機管理監",
			"8|山﨑 琢矢|内閣サイバーセキュリティセンター長", "9|菅 義偉|本部長",
		},
		markers: []string{"4|○宮沢本部員", "7|○高橋危機管理監", "8|○山崎内閣サイバーセキュリティセンター長"},
	},
	{
		// Section labels on their own lines and titles that continue on the
		// next line; a marker whose title has parentheses inside.
		file: "v06_labels_wrapped_titles.txt",
		meeting: []string{
			"id=高度情報通信ネットワーク社会推進戦略本部-79", "body=高度情報通信ネットワーク社会推進戦略本部",
			"number=79", "kind=議事録", "date=2020-07-17", "start=18:00", "end=18:20",
			"place=総理大臣官邸４階大会議室",
		},
		attendees: []string{
			"山本 達也|内閣総理大臣|内閣|本部長",
			"中川 修一|内閣官房長官|内閣官房|副本部長",
			"平田 一郎|情報通信技術（IT）政策担当大臣・内閣府特命担当大臣（規制改革）|*|副本部長",
			"森田 健二|総務大臣|総務省|副本部長",
			"石井 和夫|文部科学大臣|文部科学省|本部員",
			"木下 明美|厚生労働大臣|厚生労働省|本部員",
			"青木 千尋|北海道大学大学院情報科学研究院教授|北海道大学|有識者本部員",
			"上田 健太郎|株式会社北辰システムズ代表取締役社長兼最高経営責任者|株式会社北辰システムズ|有識者本部員",
			"大西 理恵|一般社団法人日本デジタル産業協会専務理事|一般社団法人日本デジタル産業協会|有識者本部員",
			"岡本 正樹|内閣情報通信政策監|内閣官房|陪席",
		},
		agenda: []string{
			"decision|世界最先端デジタル国家創造宣言・官民データ活用推進基本計画の変更について",
			"report|デジタル・ガバメント実行計画の進捗について",
		},
		speeches: []string{
			"1|平田 一郎|情報通信技術（IT）政策担当大臣", "2|青木 千尋|本部員", "3|上田 健太郎|本部員",
			"4|大西 理恵|本部員", "5|平田 一郎|情報通信技術（IT）政策担当大臣",
			"6|平田 一郎|情報通信技術（IT）政策担当大臣", "7|山本 達也|内閣総理大臣",
		},
		markers: []string{"1|○（平田情報通信技術（IT）政策担当大臣）"},
		texts: []string{
			"1|変更案について御審議いただきます。", "1|!（IT）政策担当大臣）",
			"5|!異議なし", "7|!以上",
		},
		refers:    []string{"4|青木 千尋"},
		events:    []string{"reaction|「異議なし」の声あり|5"},
		decisions: []string{"世界最先端デジタル国家創造宣言・官民データ活用推進基本計画の変更について|異議なし"},
	},
	{
		// Organisations derived from titles: ministries from 副大臣/大臣政務官
		// (デジタル副大臣 → デジタル庁, not デジタル省), committees, centres,
		// companies (ＫＤＤＩ and KDDI the same), universities, associations.
		// Two 鈴木 tell apart by title.
		file: "v07_organizations.txt",
		meeting: []string{
			"id=サイバーセキュリティ戦略本部-34", "number=34", "date=2022-06-17", "start=11:00", "end=11:30",
		},
		attendees: []string{
			"松野 博一|内閣官房長官|内閣官房|本部長",
			"二之湯 智|国家公安委員会委員長|国家公安委員会|本部員",
			"中西 祐介|総務副大臣|総務省|代理出席",
			"小島 敏文|デジタル副大臣|デジタル庁|代理出席",
			"鈴木 隼人|外務大臣政務官|外務省|代理出席",
			"岩本 剛人|防衛大臣政務官|防衛省|代理出席",
			"遠藤 信博|日本電気株式会社特別顧問|日本電気株式会社|有識者本部員",
			vrGotoPres,
			"田中 孝司|KDDI株式会社代表取締役会長|KDDI株式会社|有識者本部員",
			"小野寺 正|ＫＤＤＩ株式会社相談役|KDDI株式会社|有識者本部員",
			vrMaedaTMU, vrNohara,
			"梶浦 敏範|一般社団法人日本経済団体連合会サイバーセキュリティ委員会委員長|一般社団法人日本経済団体連合会|有識者本部員",
			"木原 誠二|内閣官房副長官|内閣官房|陪席",
			"鈴木 敦夫|内閣サイバーセキュリティセンター長|内閣サイバーセキュリティセンター|陪席",
		},
		orgKinds: []string{
			"松野 博一|cabinet", "中西 祐介|ministry", "鈴木 隼人|ministry", "遠藤 信博|company",
			"田中 孝司|company", "小野寺 正|company", "後藤 厚宏|university", "前田 雅英|university",
			"梶浦 敏範|association",
		},
		agenda: []string{"decision|サイバーセキュリティ2022（案）について"},
		speeches: []string{
			"1|松野 博一|本部長", "2|田中 孝司|本部員", "3|小野寺 正|本部員", "4|梶浦 敏範|本部員",
			"5|中西 祐介|総務副大臣", "6|鈴木 隼人|外務大臣政務官", "7|松野 博一|本部長",
		},
		refers:    []string{"3|田中 孝司"},
		decisions: []string{"サイバーセキュリティ2022（案）について|案のとおり決定"},
	},
	{
		// Agenda items with (決定)/(討議)/(報告) suffixes; the outcome in a
		// narrative (原案のとおり決定された); a 専門調査会 under the HQ with
		// 会長/委員 labels inline.
		file: "v08_agenda_suffix_style.txt",
		meeting: []string{
			"id=重要インフラ専門調査会-24", "body=重要インフラ専門調査会", "number=24", "kind=議事概要",
			"date=2020-12-01", "start=14:00", "end=16:00", "place=中央合同庁舎第４号館 共用第１特別会議室",
		},
		attendees: []string{
			"野原 佐和子|株式会社イプシ・マーケティング研究所代表取締役社長|株式会社イプシ・マーケティング研究所|会長",
			"石田 恭子|東西電力株式会社執行役員|東西電力株式会社|委員",
			"岡田 隆|一般社団法人全国地方銀行協会業務部長|一般社団法人全国地方銀行協会|委員",
			"佐藤 美穂|南海大学大学院工学研究科教授|南海大学|委員",
			"中村 洋介|ＫＤＤＩ株式会社技術統括本部長|KDDI株式会社|委員",
			"吉田 正之|内閣サイバーセキュリティセンター内閣審議官|内閣サイバーセキュリティセンター|陪席",
		},
		agenda: []string{
			"decision|重要インフラの情報セキュリティ対策に係る第４次行動計画の改定について",
			"discussion|重要インフラにおける機能保証の考え方に基づく対策の推進について",
			"report|令和２年度重要インフラ事業者等の取組状況について",
		},
		speeches: []string{
			"1|野原 佐和子|会長", "2|石田 恭子|委員", "3|佐藤 美穂|委員", "4|中村 洋介|委員",
			"5|岡田 隆|委員", "6|野原 佐和子|会長",
		},
		texts:     []string{"1|!原案のとおり", "2|事業継続の観点からも有効である。", "6|!以上"},
		refers:    []string{"4|石田 恭子"},
		decisions: []string{"重要インフラの情報セキュリティ対策に係る第４次行動計画の改定について|案のとおり決定"},
	},
	{
		// A numbered agenda under 決定事項/報告事項 headings without 【】;
		// outcomes 了承 and 異議なし named by number (決定事項(1), (2)); 〇 marks.
		file: "v09_agenda_numbered_outcomes.txt",
		meeting: []string{
			"id=サイバーセキュリティ戦略本部-10", "number=10", "kind=議事概要", "date=2016-10-12",
			"start=08:30", "end=09:00", "place=総理大臣官邸４階大会議室",
		},
		attendees: []string{
			vrSuga,
			"丸川 珠代|" + vrOlyMin + "|*|*",
			"高市 早苗|総務大臣|総務省|本部員",
			vrEndoN, vrNohara,
			"村井 純|慶應義塾大学環境情報学部長・教授|慶應義塾大学|有識者本部員",
		},
		agenda: []string{
			"decision|政府機関等の情報セキュリティ対策のための統一基準群の改定について",
			"decision|サイバーセキュリティ関係施策に関する平成２９年度予算重点化方針について",
			"report|サイバーセキュリティ２０１６の取組状況について",
		},
		speeches: []string{
			"1|菅 義偉|本部長", "2|遠藤 信博|本部員", "3|野原 佐和子|本部員", "4|村井 純|本部員",
			"5|菅 義偉|本部長",
		},
		markers:    []string{"2|〇（遠藤本部員）"},
		texts:      []string{"4|!了承", "4|!異議なし"},
		events:     []string{"reaction|「異議なし」と声あり|4"},
		eventsLack: []string{"1.　決定事項", "2.　報告事項", "５　議事概要"},
		decisions: []string{
			"政府機関等の情報セキュリティ対策のための統一基準群の改定について|了承",
			"サイバーセキュリティ関係施策に関する平成２９年度予算重点化方針について|異議なし",
		},
	},
	{
		// Marker variants: ○ 〇 ◯, a space after the mark, half-width
		// parentheses, the text on the marker's line.
		file: "v10_marker_variants.txt",
		meeting: []string{
			"id=サイバーセキュリティ戦略本部-21", "number=21", "date=2019-01-24", "start=08:00", "end=08:30",
		},
		attendees: []string{
			vrSuga,
			"石田 真敏|総務大臣|総務省|本部員",
			vrEndoN, vrNakatani, vrHayashi, vrMaedaNU, vrMuraiKeio,
		},
		agenda: []string{"report|2020年東京大会に向けたサイバーセキュリティの確保について"},
		speeches: []string{
			"1|菅 義偉|本部長", "2|村井 純|本部員", "3|遠藤 信博|本部員", "4|中谷 和弘|本部員",
			"5|林 紘一郎|本部員", "6|前田 雅英|本部員", "7|石田 真敏|総務大臣", "8|菅 義偉|本部長",
		},
		markers: []string{
			"2|○ （村井本部員）", "3|〇（遠藤本部員）", "4|◯(中谷本部員)", "5|○林本部員", "6|○前田本部員",
		},
		texts: []string{
			"2|=大会に向けた対処態勢の整備は着実に進んでいる。",
			"3|=大会関係事業者のリスク評価を継続していただきたい。",
			"4|=国際的な情報共有の枠組みを活用していただきたい。",
			"5|=情報共有の範囲と責任分担を明確にしておくことが重要である。",
		},
	},
	{
		// The chair's opening and closing under headings (締めくくり
		// spelled in kana), a moderator speaking four times, a chorus.
		file: "v11_chair_moderator_chorus.txt",
		meeting: []string{
			"id=サイバーセキュリティ戦略本部-29", "number=29", "date=2021-05-13", "start=08:00", "end=08:35",
			"place=総理大臣官邸4階大会議室",
		},
		attendees: []string{
			"加藤 勝信|内閣官房長官|内閣官房|本部長",
			// 副本部長 is known only from the markers' "（副本部長）".
			"丸川 珠代|" + vrOlyMin + "|*|副本部長",
			"小此木 八郎|国家公安委員会委員長|国家公安委員会|本部員",
			"武田 良太|総務大臣|総務省|本部員",
			"遠藤 信博|日本電気株式会社取締役会長|日本電気株式会社|有識者本部員",
			vrGotoPres,
			"村井 純|慶應義塾大学教授|慶應義塾大学|有識者本部員",
			"坂井 学|内閣官房副長官|内閣官房|陪席",
			"高橋 憲一|内閣サイバーセキュリティセンター長|内閣サイバーセキュリティセンター|陪席",
		},
		agenda: []string{"decision|次期サイバーセキュリティ戦略骨子について"},
		speeches: []string{
			"1|加藤 勝信|本部長", "2|丸川 珠代|*", "3|遠藤 信博|本部員", "4|後藤 厚宏|本部員",
			"5|村井 純|本部員", "6|丸川 珠代|*", "7|小此木 八郎|国家公安委員長", "8|武田 良太|総務大臣",
			"9|丸川 珠代|*", "10|丸川 珠代|*", "11|加藤 勝信|本部長",
		},
		sections: []string{
			"1|(1) 本部長冒頭挨拶", "2|(2) 討議", "8|(2) 討議", "9|(3) 決定事項の決定",
			"10|(3) 決定事項の決定", "11|(4) 本部長締めくくり挨拶",
		},
		texts: []string{
			"1|活発な討議をよろしくお願い申し上げる。", "9|!声あり", "10|!声あり",
			"11|引き続きよろしくお願い申し上げます。", "11|!以上",
		},
		events:    []string{"reaction|「異議なし」と声あり|9"},
		decisions: []string{"次期サイバーセキュリティ戦略骨子について|異議なし"},
	},
	{
		// 遠藤 信博 (expert) and 遠藤 紘一 (official) told apart by title,
		// also when abbreviated (遠藤政策監) and in references; blank lines
		// between all lines (seed-17 layout).
		file: "v12_same_family_name.txt",
		meeting: []string{
			"id=サイバーセキュリティ戦略本部-19", "number=19", "date=2018-10-05", "start=08:00", "end=08:40",
		},
		attendees: []string{
			vrSuga, vrEndoN, vrNohara, vrMaedaNU,
			"西村 康稔|内閣官房副長官|内閣官房|陪席",
			"遠藤 紘一|内閣情報通信政策監|内閣官房|陪席",
		},
		agenda: []string{"report|政府情報システムにおけるクラウドサービスの利用に係る基本方針について"},
		speeches: []string{
			"1|菅 義偉|本部長", "2|遠藤 紘一|内閣情報通信政策監", "3|遠藤 信博|本部員", "4|野原 佐和子|本部員",
			"5|前田 雅英|本部員", "6|遠藤 紘一|政策監", "7|菅 義偉|本部長",
		},
		texts:  []string{"3|取りまとめたところであり、御紹介したい。"},
		refers: []string{"4|遠藤 信博", "5|遠藤 紘一"},
	},
	{
		// Marker typos (○後藤本部長, ○野原本部長 for expert members, not the
		// chair), abbreviated titles (小此木国家公安委員長, 坂井副大臣,
		// 杉田副長官) and a typo in a reference (遠藤本部長からも).
		file: "v13_marker_typos_abbrev.txt",
		meeting: []string{
			"id=サイバーセキュリティ戦略本部-31", "number=31", "date=2021-09-27", "start=16:30", "end=17:00",
		},
		attendees: []string{
			"加藤 勝信|内閣官房長官|内閣官房|本部長",
			"小此木 八郎|国家公安委員会委員長|国家公安委員会|本部員",
			"坂井 学|総務副大臣|総務省|代理出席",
			"遠藤 信博|日本電気株式会社取締役会長|日本電気株式会社|有識者本部員",
			vrGotoPres, vrNakatani, vrNohara,
			"杉田 和博|内閣官房副長官|内閣官房|陪席",
		},
		agenda: []string{"report|サイバーセキュリティ戦略の閣議決定について"},
		speeches: []string{
			"1|加藤 勝信|本部長", "2|遠藤 信博|本部員", "3|後藤 厚宏|本部長", "4|中谷 和弘|本部員",
			"5|野原 佐和子|本部長", "6|小此木 八郎|国家公安委員長", "7|坂井 学|副大臣", "8|杉田 和博|副長官",
			"9|加藤 勝信|本部長",
		},
		refers: []string{"4|遠藤 信博", "5|後藤 厚宏"},
		// A warning about the typos is welcome but not required.
		extraWarnOK: true,
	},
	{
		// Markers that cannot be resolved: ○（遠藤） with two 遠藤 and no
		// title, ○（佐藤本部員） with no 佐藤 in the list. Each is a warning
		// on its line and has no speaker.
		file: "v14_unresolved_markers.txt",
		meeting: []string{
			"id=サイバーセキュリティ戦略本部-20", "number=20", "date=2018-12-20", "start=08:00", "end=08:30",
		},
		attendees: []string{
			vrSuga,
			"石田 真敏|総務大臣|総務省|本部員",
			vrEndoN, vrNohara,
			"遠藤 紘一|内閣情報通信政策監|内閣官房|陪席",
		},
		agenda: []string{"report|サイバーセキュリティ月間について"},
		speeches: []string{
			"1|菅 義偉|本部長", "2|野原 佐和子|本部員", "3||", "4||本部員", "5|石田 真敏|総務大臣",
			"6|菅 義偉|本部長",
		},
		markers:  []string{"3|○（遠藤）", "4|○（佐藤本部員）"},
		texts:    []string{"3|関係機関と連携して周知に努める。", "4|普及啓発を一層強化していただきたい。"},
		warnings: []string{"ambiguous-speaker|28", "unresolved-speaker|30"},
	},
	{
		// Page numbers ("- 1 -", "－２－", "3 / 7"), a form feed, a running
		// header repeating the title on each page, a word broken across
		// lines (サイバ / ーセキュリティ); the agenda's "- ・" bullets are
		// not page numbers.
		file: "v15_page_breaks_headers.txt",
		meeting: []string{
			"id=サイバーセキュリティ戦略本部-22", "number=22", "title=第22回会合 議事概要", "date=2019-05-31",
			"start=08:00", "end=08:30",
		},
		attendees: []string{
			vrSuga,
			"櫻田 義孝|" + vrOlyMin + "|*|*",
			"石田 真敏|総務大臣|総務省|本部員",
			vrEndoN, vrHayashi, vrMuraiKeio,
		},
		agenda: []string{"report|2020年東京大会に向けたサイバーセキュリティ対策の取組状況について"},
		speeches: []string{
			"1|菅 義偉|本部長", "2|遠藤 信博|本部員", "3|林 紘一郎|本部員", "4|村井 純|本部員",
			"5|石田 真敏|総務大臣", "6|菅 義偉|本部長",
		},
		texts: []string{
			"1|重要インフラの防護について御議論いただきたい。", "1|!- 1 -", "1|!議事概要",
			"2|=大会に向けては、重要インフラ事業者と大会関係事業者との連携を強化していくことが重要である。また、リスク評価の結果を事業者間で共有する仕組みを整えていただきたい。",
			"3|=サイバーセキュリティの確保には、技術面の対策に加え、組織としての備えが欠かせない。",
			"4|3点申し上げる。", "4|!3 / 7", "4|!議事概要",
			"6|!- 4 -", "6|!以上",
		},
	},
	{
		// refers_to: one and two members named in a speech; generic
		// mentions (有識者本部員の皆様, 本部員からも) name nobody; a hiragana
		// given name (牧島 かれん).
		file: "v16_refers_to.txt",
		meeting: []string{
			"id=サイバーセキュリティ戦略本部-32", "number=32", "date=2021-12-24", "start=08:30", "end=09:00",
			"place=総理大臣官邸2階大ホール",
		},
		attendees: []string{
			"松野 博一|内閣官房長官|内閣官房|本部長",
			"二之湯 智|国家公安委員会委員長|国家公安委員会|本部員",
			"牧島 かれん|デジタル大臣|デジタル庁|本部員",
			"遠藤 信博|日本電気株式会社取締役会長|日本電気株式会社|有識者本部員",
			vrMaedaTMU,
			"村井 純|慶應義塾大学教授|慶應義塾大学|有識者本部員",
			vrNohara,
		},
		agenda: []string{"report|サイバーセキュリティ関係予算について"},
		speeches: []string{
			"1|松野 博一|本部長", "2|前田 雅英|本部員", "3|村井 純|本部員", "4|野原 佐和子|本部員",
			"5|二之湯 智|国家公安委員長", "6|牧島 かれん|デジタル大臣", "7|松野 博一|本部長",
		},
		refers: []string{"4|前田 雅英,村井 純", "5|前田 雅英,村井 純", "6|村井 純"},
	},
	{
		// The UTF-8 original of the encoding variants (see TestEncodingsAgree):
		// full-width digits and spaces, 髙 (CP932 only), ①②, ～, －.
		file: "v17_encoding.txt",
		meeting: []string{
			"id=サイバーセキュリティ戦略本部-17", "number=17", "kind=議事概要", "date=2018-04-04",
			"start=08:00", "end=09:00", "place=総理大臣官邸４階大会議室",
		},
		attendees: []string{
			vrSuga,
			"小此木 八郎|国家公安委員会委員長|国家公安委員会|本部員",
			"坂井 学|総務副大臣|総務省|代理出席",
			vrEndoN, vrOnodera, vrMuraiKeio,
			"髙橋 清孝|内閣危機管理監|内閣官房|陪席",
			"中島 明彦|内閣サイバーセキュリティセンター長|内閣サイバーセキュリティセンター|陪席",
		},
		agenda: []string{
			"decision|「重要インフラにおける情報セキュリティ確保に係る安全基準等策定指針」の改定について",
			"report|２０１８年サイバーセキュリティ月間について",
		},
		speeches: []string{
			"1|菅 義偉|本部長", "2|村井 純|本部員", "3|遠藤 信博|本部員", "4|小野寺 正|本部員",
			"5|小此木 八郎|国家公安委員長", "6|坂井 学|総務副大臣", "7|髙橋 清孝|危機管理監", "8|菅 義偉|本部長",
		},
		texts: []string{
			"1|本日は、安全基準等策定指針の改定について御審議と御決定をお願いしたい。",
			"2|サイバースペースにおける認識として進んできた。①連携、②共有の２点が重要である。",
			"7|!決定事項１件",
		},
		decisions: []string{"「重要インフラにおける情報セキュリティ確保に係る安全基準等策定指針」の改定について|案のとおり決定"},
	},
	{
		// A 専門調査会 with 第　３　回 (full-width spaces), ASCII times with
		// a hyphen, 【会長】【会長代理】【委員】 labels and markers that give
		// only the role: ○（会長）, ○（会長代理）.
		file: "v18_role_only_markers.txt",
		meeting: []string{
			"id=研究開発戦略専門調査会-3", "body=研究開発戦略専門調査会", "number=3", "kind=議事要旨",
			"date=2017-11-06", "start=10:00", "end=12:00", "place=中央合同庁舎第４号館４階 共用第４特別会議室",
		},
		attendees: []string{
			"後藤 厚宏|情報セキュリティ大学院大学教授|情報セキュリティ大学院大学|会長",
			"松本 勉|横浜国立大学大学院環境情報研究院教授|横浜国立大学|会長代理",
			"有村 浩一|株式会社東洋セキュアテック取締役|株式会社東洋セキュアテック|委員",
			"河野 里美|北陸先端情報大学准教授|北陸先端情報大学|委員",
			"西田 隆之|日本通信機械工業株式会社研究開発本部長|日本通信機械工業株式会社|委員",
			"中島 明彦|内閣サイバーセキュリティセンター長|内閣サイバーセキュリティセンター|陪席",
		},
		agenda: []string{
			"discussion|サイバーセキュリティ研究開発戦略の中間取りまとめ（案）について",
			"discussion|今後のスケジュールについて",
		},
		speeches: []string{
			"1|後藤 厚宏|会長", "2|有村 浩一|委員", "3|河野 里美|委員", "4|松本 勉|会長代理",
			"5|西田 隆之|委員", "6|後藤 厚宏|会長", "7|中島 明彦|センター長",
		},
		texts:  []string{"6|会長に一任いただくこととしたい。", "6|!声あり", "7|!以上"},
		refers: []string{"4|有村 浩一,河野 里美"},
		events: []string{"reaction|「異議なし」と声あり|6"},
	},
}

func TestVariations(t *testing.T) {
	for _, vc := range variationCases {
		t.Run(strings.TrimSuffix(vc.file, ".txt"), func(t *testing.T) {
			d := vrParse(t, vc.file)
			vrInvariants(t, d)
			vrCheck(t, d, vc)
		})
	}
}

// TestVariationFilesListed keeps the table and the folder in step.
func TestVariationFilesListed(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(vrDir, "v*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, vc := range variationCases {
		listed[vc.file] = true
	}
	for _, f := range files {
		b := filepath.Base(f)
		if strings.Count(b, ".") > 1 { // encoding variants: v17_encoding.crlf.txt
			continue
		}
		if !listed[b] {
			t.Errorf("%s has no expectations in variationCases", b)
		}
	}
}

// TestVariationInvariantsSeeds applies the per-file invariants to the
// real seed minutes too.
func TestVariationInvariantsSeeds(t *testing.T) {
	files, _ := filepath.Glob("../seeds/*.txt")
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d, err := Parse(f, data)
			if err != nil {
				t.Fatal(err)
			}
			vrInvariants(t, d)
		})
	}
}

func vrParse(t *testing.T, file string) *Document {
	t.Helper()
	path := filepath.Join(vrDir, file)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(path, data)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if d == nil {
		t.Fatalf("Parse returned a nil document and no error")
	}
	return d
}

func vrCheck(t *testing.T, d *Document, vc variationCase) {
	t.Helper()
	m := d.Meeting
	meeting := map[string]string{
		"id": m.ID, "body": m.Body, "number": strconv.Itoa(m.Number), "title": m.Title, "kind": m.Kind,
		"date": m.Date, "start": m.Start, "end": m.End, "place": m.Place,
	}
	var gotMeeting []string
	for _, w := range vc.meeting {
		k, _, _ := strings.Cut(w, "=")
		v, ok := meeting[k]
		if !ok {
			t.Fatalf("bad meeting field %q", k)
		}
		gotMeeting = append(gotMeeting, k+"="+v)
	}
	vrCompare(t, "meeting", vc.meeting, gotMeeting)

	byName := map[string]Attendee{}
	var atts []string
	for _, a := range d.Attendees {
		byName[a.Name] = a
		atts = append(atts, vrJoin(a.Name, a.Title, a.Organization, a.HQRole))
	}
	vrCompare(t, "attendees", vc.attendees, atts)
	vrComparePartial(t, "org kinds", vc.orgKinds, func(name string) string {
		if a, ok := byName[name]; ok {
			return a.OrgKind
		}
		return "(no such attendee)"
	})

	var agenda []string
	for _, a := range d.Agenda {
		agenda = append(agenda, vrJoin(a.Kind, a.Title))
	}
	vrCompare(t, "agenda", vc.agenda, agenda)

	var speeches, refers []string
	bySeq := map[string]Speech{}
	for _, s := range d.Speeches {
		seq := strconv.Itoa(s.Seq)
		bySeq[seq] = s
		speeches = append(speeches, vrJoin(seq, s.Speaker, s.As))
		if len(s.RefersTo) > 0 {
			r := slices.Clone(s.RefersTo)
			slices.Sort(r)
			refers = append(refers, seq+"|"+strings.Join(slices.Compact(r), ","))
		}
	}
	vrCompare(t, "speeches (seq|speaker|as)", vc.speeches, speeches)
	vrCompare(t, "refers_to", vc.refers, refers)
	vrComparePartial(t, "markers", vc.markers, func(seq string) string {
		if s, ok := bySeq[seq]; ok {
			return s.Marker
		}
		return "(no such speech)"
	})
	vrComparePartial(t, "sections", vc.sections, func(seq string) string {
		if s, ok := bySeq[seq]; ok {
			return s.Section
		}
		return "(no such speech)"
	})
	for _, w := range vc.texts {
		seq, want, _ := strings.Cut(w, "|")
		s, ok := bySeq[seq]
		if !ok {
			t.Errorf("text %q: no speech %s", w, seq)
			continue
		}
		switch {
		case strings.HasPrefix(want, "="):
			if s.Text != want[1:] {
				t.Errorf("speech %s text:\n  got  %q\n  want %q", seq, s.Text, want[1:])
			}
		case strings.HasPrefix(want, "!"):
			if strings.Contains(s.Text, want[1:]) {
				t.Errorf("speech %s text contains %q, should not:\n  %q", seq, want[1:], s.Text)
			}
		default:
			if !strings.Contains(s.Text, want) {
				t.Errorf("speech %s text lacks %q:\n  %q", seq, want, s.Text)
			}
		}
	}

	var events []string
	for _, e := range d.Events {
		for _, lack := range vc.eventsLack {
			if strings.TrimSpace(e.Text) == lack {
				t.Errorf("event %s %q (line %d) should not be an event", e.Kind, e.Text, e.Line)
			}
		}
		if e.Kind == "narrative" {
			continue
		}
		events = append(events, vrJoin(e.Kind, e.Text, strconv.Itoa(e.After)))
	}
	vrCompare(t, "events (kind|text|after)", vc.events, events)

	var decisions []string
	for _, x := range d.Decisions {
		decisions = append(decisions, vrJoin(x.Title, x.Outcome))
	}
	vrCompare(t, "decisions (title|outcome)", vc.decisions, decisions)

	var warnings []string
	for _, w := range d.Warnings {
		warnings = append(warnings, vrJoin(w.Kind, strconv.Itoa(w.Line)))
	}
	if vc.extraWarnOK {
		for _, w := range vc.warnings {
			if !slices.ContainsFunc(warnings, func(g string) bool { return vrMatch(w, g) }) {
				t.Errorf("warning %q missing; got %q", w, warnings)
			}
		}
	} else {
		if diff := vrDiff(vrWildcards(vc.warnings, warnings), warnings); diff != "" {
			t.Errorf("warnings (kind|line) (-want +got):\n%s\nmessages:\n%s", diff, vrWarnMessages(d))
		}
	}
}

func vrWarnMessages(d *Document) string {
	var b strings.Builder
	for _, w := range d.Warnings {
		fmt.Fprintf(&b, "  %d %s: %s\n", w.Line, w.Kind, w.Message)
	}
	return b.String()
}

// vrInvariants checks what must hold for every document.
func vrInvariants(t *testing.T, d *Document) {
	t.Helper()
	n := len(d.Text)
	lines := strings.Split(d.Text, "\n")
	names := map[string]bool{}
	for _, a := range d.Attendees {
		names[a.Name] = true
		want := a.Family
		if a.Given != "" {
			want += " " + a.Given
		}
		if a.Name != want || a.Family == "" || strings.ContainsFunc(a.Family+a.Given, unicode.IsSpace) {
			t.Errorf("attendee %q: family %q given %q: the name must be family, one ASCII space, given", a.Name, a.Family, a.Given)
		}
		if a.Title == "" {
			t.Errorf("attendee %q has no title", a.Name)
		}
	}
	warnLines := map[int]bool{}
	for _, w := range d.Warnings {
		warnLines[w.Line] = true
	}
	for i, s := range d.Speeches {
		if s.Seq != i+1 {
			t.Errorf("speech %d has seq %d", i+1, s.Seq)
		}
		if strings.TrimSpace(s.Text) == "" {
			t.Errorf("speech %d (%s) has no text", s.Seq, s.Marker)
		}
		if strings.Contains(s.Text, "\r") {
			t.Errorf("speech %d text contains CR: %q", s.Seq, s.Text)
		}
		if !utf8.ValidString(s.Text) {
			t.Errorf("speech %d text is not valid UTF-8", s.Seq)
		}
		if s.Start < 0 || s.Start >= s.End || s.End > n {
			t.Errorf("speech %d: offsets %d..%d out of 0..%d", s.Seq, s.Start, s.End, n)
		} else {
			src := vrNoSpace(d.Text[s.Start:s.End])
			head := []rune(vrNoSpace(s.Text))
			head = head[:min(5, len(head))]
			if !strings.Contains(src, string(head)) {
				t.Errorf("speech %d: source %d..%d %q does not contain the start of the text %q", s.Seq, s.Start, s.End, vrShort(d.Text[s.Start:s.End]), string(head))
			}
		}
		if s.Line < 1 || s.Line > len(lines) {
			t.Errorf("speech %d: line %d out of 1..%d", s.Seq, s.Line, len(lines))
		} else if m := strings.TrimSpace(s.Marker); m == "" || !strings.Contains(lines[s.Line-1], m) {
			t.Errorf("speech %d: marker %q is not on its line %d %q", s.Seq, s.Marker, s.Line, lines[s.Line-1])
		}
		if s.Speaker == "" {
			if !warnLines[s.Line] {
				t.Errorf("speech %d (%s) is unresolved but no warning names line %d", s.Seq, s.Marker, s.Line)
			}
		} else if !names[s.Speaker] {
			t.Errorf("speech %d: speaker %q is not an attendee", s.Seq, s.Speaker)
		}
		for _, r := range s.RefersTo {
			if !names[r] {
				t.Errorf("speech %d: refers to %q, not an attendee", s.Seq, r)
			}
		}
	}
	for _, e := range d.Events {
		if e.Start < 0 || e.Start > e.End || e.End > n {
			t.Errorf("event %q: offsets %d..%d out of 0..%d", e.Text, e.Start, e.End, n)
		} else if !strings.Contains(vrNoSpace(d.Text[e.Start:e.End]), vrNoSpace(e.Text)) {
			t.Errorf("event %q: source %d..%d is %q", e.Text, e.Start, e.End, d.Text[e.Start:e.End])
		}
		if e.After < 0 || e.After > len(d.Speeches) {
			t.Errorf("event %q: after %d of %d speeches", e.Text, e.After, len(d.Speeches))
		}
	}
	decisionItems := map[string]bool{}
	for _, a := range d.Agenda {
		if a.Start < 0 || a.Start > a.End || a.End > n {
			t.Errorf("agenda %q: offsets %d..%d out of 0..%d", a.Title, a.Start, a.End, n)
		}
		if a.Kind != KindDecision && a.Kind != KindDiscussion && a.Kind != KindReport {
			t.Errorf("agenda %q: kind %q", a.Title, a.Kind)
		}
		if a.Kind == KindDecision {
			decisionItems[a.Title] = true
		}
	}
	for _, x := range d.Decisions {
		if !decisionItems[x.Title] {
			t.Errorf("decision %q is not a decision item of the agenda", x.Title)
		}
	}
}

// vrCompare compares two lists of "|"-separated strings exactly, after
// letting the "*" fields of want match.
func vrCompare(t *testing.T, what string, want, got []string) {
	t.Helper()
	if diff := vrDiff(vrWildcards(want, got), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", what, diff)
	}
}

// vrComparePartial compares "key|value" lines against get(key).
func vrComparePartial(t *testing.T, what string, want []string, get func(key string) string) {
	t.Helper()
	var got []string
	for _, w := range want {
		k, _, _ := strings.Cut(w, "|")
		got = append(got, k+"|"+get(k))
	}
	vrCompare(t, what, want, got)
}

func vrJoin(fields ...string) string { return strings.Join(fields, "|") }

// vrMatch reports whether got matches want, where a want field "*"
// matches any field.
func vrMatch(want, got string) bool {
	wf, gf := strings.Split(want, "|"), strings.Split(got, "|")
	if len(wf) != len(gf) {
		return false
	}
	for i := range wf {
		if wf[i] != "*" && wf[i] != gf[i] {
			return false
		}
	}
	return true
}

// vrWildcards returns want with each line that has a "*" field replaced
// by the got line it matches, preferring the line at the same index.
func vrWildcards(want, got []string) []string {
	out := slices.Clone(want)
	used := make([]bool, len(got))
	for i, w := range want {
		if !strings.Contains(w, "*") {
			continue
		}
		if i < len(got) && !used[i] && vrMatch(w, got[i]) {
			out[i], used[i] = got[i], true
			continue
		}
		for j, g := range got {
			if !used[j] && vrMatch(w, g) {
				out[i], used[j] = g, true
				break
			}
		}
	}
	return out
}

// vrDiff is a line diff of want and got: "" when equal, otherwise every
// line prefixed with "  ", "- " (only in want) or "+ " (only in got).
func vrDiff(want, got []string) string {
	if slices.Equal(want, got) {
		return ""
	}
	// Longest common subsequence table.
	lcs := make([][]int, len(want)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(got)+1)
	}
	for i := len(want) - 1; i >= 0; i-- {
		for j := len(got) - 1; j >= 0; j-- {
			if want[i] == got[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var b strings.Builder
	i, j := 0, 0
	for i < len(want) || j < len(got) {
		switch {
		case i < len(want) && j < len(got) && want[i] == got[j]:
			fmt.Fprintf(&b, "    %s\n", want[i])
			i++
			j++
		case i < len(want) && (j == len(got) || lcs[i+1][j] >= lcs[i][j+1]):
			fmt.Fprintf(&b, "  - %s\n", want[i])
			i++
		default:
			fmt.Fprintf(&b, "  + %s\n", got[j])
			j++
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func vrNoSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func vrShort(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
