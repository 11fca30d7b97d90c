package synth

import "strings"

// The pools below are the raw material of the synthetic population. They
// are ordinary Japanese family and given names, real organisations and the
// posts of the Cybersecurity Strategic Headquarters, so that generated
// minutes exercise the same tokenisation and matching as real ones.

// familyPool is "kanji:reading" pairs. The reading orders expert members
// in 五十音 order, as real attendee lists do. A few variant kanji (髙, 﨑,
// 澤) and names written in hiragana are included on purpose.
var familyPool = parsePairs(`
佐藤:さとう 鈴木:すずき 高橋:たかはし 田中:たなか 伊藤:いとう 渡辺:わたなべ 山本:やまもと
中村:なかむら 小林:こばやし 加藤:かとう 吉田:よしだ 山田:やまだ 佐々木:ささき 山口:やまぐち
松本:まつもと 井上:いのうえ 木村:きむら 林:はやし 斎藤:さいとう 清水:しみず 山崎:やまざき
森:もり 池田:いけだ 橋本:はしもと 阿部:あべ 石川:いしかわ 山下:やました 中島:なかじま
石井:いしい 小川:おがわ 前田:まえだ 岡田:おかだ 長谷川:はせがわ 藤田:ふじた 後藤:ごとう
近藤:こんどう 村上:むらかみ 遠藤:えんどう 青木:あおき 坂本:さかもと 斉藤:さいとう 福田:ふくだ
太田:おおた 西村:にしむら 藤井:ふじい 金子:かねこ 岡本:おかもと 藤原:ふじわら 中野:なかの
三浦:みうら 原田:はらだ 中川:なかがわ 松田:まつだ 竹内:たけうち 小野:おの 田村:たむら
中山:なかやま 和田:わだ 石田:いしだ 森田:もりた 上田:うえだ 原:はら 内田:うちだ 柴田:しばた
酒井:さかい 宮崎:みやざき 横山:よこやま 高木:たかぎ 安藤:あんどう 宮本:みやもと 大野:おおの
小島:こじま 谷口:たにぐち 工藤:くどう 今井:いまい 高田:たかだ 丸山:まるやま 増田:ますだ
杉山:すぎやま 村田:むらた 大塚:おおつか 小山:こやま 平野:ひらの 藤本:ふじもと 河野:こうの
上野:うえの 野口:のぐち 武田:たけだ 松井:まつい 千葉:ちば 岩崎:いわさき 菅原:すがわら
木下:きのした 久保:くぼ 佐野:さの 野村:のむら 松尾:まつお 市川:いちかわ 菊地:きくち
杉本:すぎもと 古川:ふるかわ 大西:おおにし 島田:しまだ 水野:みずの 桜井:さくらい 高野:たかの
渡部:わたなべ 吉川:よしかわ 山内:やまうち 西田:にしだ 飯田:いいだ 菊池:きくち 西川:にしかわ
小松:こまつ 北村:きたむら 安田:やすだ 五十嵐:いがらし 川口:かわぐち 平田:ひらた 関:せき
中田:なかた 久保田:くぼた 服部:はっとり 東:ひがし 岩田:いわた 土屋:つちや 川崎:かわさき
福島:ふくしま 本田:ほんだ 辻:つじ 樋口:ひぐち 秋山:あきやま 田口:たぐち 永井:ながい
山中:やまなか 中西:なかにし 吉村:よしむら 川上:かわかみ 石原:いしはら 大橋:おおはし
松岡:まつおか 馬場:ばば 浜田:はまだ 森本:もりもと 星野:ほしの 矢野:やの 浅野:あさの
大久保:おおくぼ 松下:まつした 吉井:よしい 小池:こいけ 野田:のだ 荒木:あらき 大谷:おおたに
内藤:ないとう 松浦:まつうら 熊谷:くまがい 黒田:くろだ 尾崎:おざき 永田:ながた 川村:かわむら
望月:もちづき 田辺:たなべ 松村:まつむら 荒井:あらい 堀:ほり 大島:おおしま 平井:ひらい
早川:はやかわ 菅野:かんの 栗原:くりはら 西山:にしやま 広瀬:ひろせ 横田:よこた 石橋:いしばし
萩原:はぎわら 岩本:いわもと 片山:かたやま 関口:せきぐち 宮田:みやた 大石:おおいし 本間:ほんま
須藤:すどう 高山:たかやま 岡崎:おかざき 小田:おだ 吉岡:よしおか 宮下:みやした 伊東:いとう
坂口:さかぐち 中谷:なかたに 小野寺:おのでら 野原:のはら 村井:むらい 西銘:にしめ 堀井:ほりい
杉田:すぎた 古谷:ふるや 丸川:まるかわ 棚橋:たなはし 長坂:ながさか 三輪:みわ 滝崎:たきざき
寺田:てらだ 岸:きし 茂木:もてぎ 甘利:あまり 林田:はやしだ 牧島:まきしま 河西:かさい
鬼木:おにき 稲田:いなだ 世耕:せこう 梶山:かじやま 赤羽:あかば 浜口:はまぐち 高市:たかいち
上川:かみかわ 片岡:かたおか 小渕:おぶち 塩崎:しおざき 野上:のがみ 磯崎:いそざき 木原:きはら
村岡:むらおか 秋葉:あきば 宮路:みやじ 石破:いしば 岸田:きしだ 松野:まつの 菅:すが
萩生田:はぎうだ 加納:かのう 盛山:もりやま 伊佐:いさ 井出:いで 越智:おち 宗清:むねきよ
鰐淵:わにぶち 務台:むたい 細田:ほそだ 国光:くにみつ 古賀:こが 大串:おおぐし 神田:かんだ
園浦:そのうら 勝俣:かつまた 渡海:とかい 穂坂:ほさか 中曽根:なかそね 鳩山:はとやま 江藤:えとう
谷:たに 泉:いずみ 南:みなみ 宮澤:みやざわ 髙橋:たかはし 髙木:たかぎ 山﨑:やまさき
宮﨑:みやざき 柳澤:やなぎさわ 齋藤:さいとう 渡邉:わたなべ 渡邊:わたなべ 小此木:おこのぎ
あかま:あかま みやけ:みやけ 三宅:みやけ 徳永:とくなが 井原:いはら 長島:ながしま 新藤:しんどう
平沢:ひらさわ 若宮:わかみや 赤池:あかいけ 宮腰:みやこし 桜田:さくらだ 今村:いまむら 吉野:よしの
竹本:たけもと 北川:きたがわ 福井:ふくい
`)

// givenPool is given names. Some are in hiragana, as some politicians
// write them.
var givenPool = strings.Fields(`
義偉 俊一 八郎 学 恒三郎 二郎 巌 敬太郎 信博 正 和弘 佐和子 紘一郎 雅英 純 康稔 浩太郎 和博
清孝 紘一 明彦 一之 勝信 珠代 泰文 良太 信夫 卓也 康正 哲 厚宏 孝司 栄一 昭尚 憲一 健志 成樹
太郎 次郎 一郎 健一 浩 誠 茂 聡 徹 修 薫 彰 淳 豊 勉 明 隆 剛 進 実 博 昇 正人 直樹 哲也 大輔
健太 翔太 拓也 雄一 裕子 恵子 幸子 洋子 美穂 由美子 真理子 陽子 直子 智子 典子 久美子 京子
さちこ ともひろ みどり ひろみ あきこ えり子 かれん のぶ子 まさみ 和夫 和彦 和也 和子 正之
正樹 正義 正彦 正和 正美 義人 義明 義雄 義之 芳正 芳文 克也 克彦 克之 勝彦 勝也 勝 勝利
光男 光一 光弘 光太郎 秀樹 秀明 秀人 秀一 秀雄 英樹 英明 英二 英治 英俊 英夫 英介 英子
雅彦 雅之 雅人 雅史 雅子 雅美 昌弘 昌彦 昌宏 清 清一 清美 宏 宏之 宏明 宏美 弘 弘之 弘幸
浩二 浩一 浩之 浩司 博之 博文 博樹 寛 寛之 隆之 隆史 隆夫 隆志 孝 孝之 孝一 孝夫 貴之
貴司 俊介 俊之 俊彦 俊哉 敏夫 敏行 敏之 敏郎 聡子 聡史 智之 智彦 知子 知宏 直人 直之 直哉
直美 伸一 伸也 伸行 信行 信之 信二 真一 真二 慎一 慎也 晋三 晋 啓介 啓二 圭一 圭介 恵一
恵美 健 健二 健治 健介 賢一 賢治 賢司 謙一 謙介 研一 研二 耕一 耕平 公一 公彦 幸一 幸雄
幸司 幸男 功 亨 悟 哲郎 哲夫 哲朗 徹也 達也 達夫 龍一 竜也 大介 大樹 大地 太一 泰 泰之
泰彦 泰子 康 康夫 康之 康弘 保 友彦 友美 裕 裕一 裕之 裕司 祐介 雄二 雄介 雄太 洋一 洋平
洋介 陽一 陽介 良一 良介 良平 亮 亮介 亮太 涼子 玲子 礼子 麻衣子 麻美 美和 美紀 美樹 美香
美奈子 美智子 有紀 由香 由美 友子 優子 理恵 律子 和美 加奈子 香織 佳子 桂子 景子 早苗 紀子
節子 奈津子 千尋 千秋 千代 純一郎 太一郎 慎太郎 健太郎 幸太郎 龍太郎 浩一郎 善之 善行 文雄
文彦 文子 章 章二 秀次 武 武志 武彦 猛 毅 昭 昭夫 昭彦 晃 晃一 登 治 治夫 一成 一樹 一彦
一仁 一朗 三郎 四郎 五郎 弥生 聖子 勇 勇人 德弘 惠子 邦夫 邦彦
`)

type pair struct{ a, b string }

func parsePairs(s string) []pair {
	var ps []pair
	seen := map[string]bool{}
	for _, f := range strings.Fields(s) {
		a, b, _ := strings.Cut(f, ":")
		if seen[a] {
			continue
		}
		seen[a] = true
		ps = append(ps, pair{a, b})
	}
	return ps
}

// orgKind classifies an expert's organisation.
type orgKind int

const (
	orgCompany orgKind = iota
	orgUniversity
	orgInstitute
)

// expertOrg is an organisation experts come from, with the ladder of
// positions a member climbs while serving.
type expertOrg struct {
	kind orgKind
	name string // the organisation as the title spells it
	dept string // between name and position, may be empty
	// ladder is the sequence of positions; a member starts somewhere on it
	// and moves up every so often.
	ladder []string
}

var companyLadder = []string{"代表取締役社長", "代表取締役会長", "取締役会長", "取締役相談役", "特別顧問"}
var companyLadder2 = []string{"取締役副社長", "代表取締役社長執行役員", "代表取締役会長", "取締役会長"}
var companyLadder3 = []string{"執行役員常務", "取締役専務執行役員", "代表取締役副社長", "代表取締役社長"}
var profLadder = []string{"准教授", "教授", "教授", "特任教授", "名誉教授"}
var profLadder2 = []string{"教授", "教授", "研究科長", "客員教授"}

var expertOrgs = []expertOrg{
	{orgCompany, "日本電気株式会社", "", companyLadder},
	{orgCompany, "株式会社日立製作所", "", companyLadder2},
	{orgCompany, "富士通株式会社", "", companyLadder},
	{orgCompany, "KDDI株式会社", "", companyLadder},
	{orgCompany, "日本電信電話株式会社", "", companyLadder2},
	{orgCompany, "株式会社NTTデータ", "", companyLadder3},
	{orgCompany, "ソフトバンク株式会社", "", companyLadder3},
	{orgCompany, "株式会社東芝", "", companyLadder},
	{orgCompany, "三菱電機株式会社", "", companyLadder2},
	{orgCompany, "トヨタ自動車株式会社", "", companyLadder3},
	{orgCompany, "株式会社三菱UFJ銀行", "", companyLadder},
	{orgCompany, "東京電力ホールディングス株式会社", "", companyLadder2},
	{orgCompany, "株式会社ラック", "", companyLadder3},
	{orgCompany, "トレンドマイクロ株式会社", "", companyLadder3},
	{orgCompany, "株式会社イプシ・マーケティング研究所", "", []string{"代表取締役社長", "代表取締役社長", "代表取締役会長"}},
	{orgCompany, "株式会社デジタルハーツホールディングス", "", companyLadder},
	{orgCompany, "パナソニック株式会社", "", companyLadder2},
	{orgCompany, "株式会社野村総合研究所", "", companyLadder3},
	{orgCompany, "日本航空株式会社", "", companyLadder},
	{orgCompany, "東日本旅客鉄道株式会社", "", companyLadder},
	{orgCompany, "株式会社インターネットイニシアティブ", "", companyLadder2},
	{orgCompany, "セコム株式会社", "", companyLadder},
	{orgCompany, "株式会社三井住友フィナンシャルグループ", "", companyLadder2},
	{orgCompany, "東京海上日動火災保険株式会社", "", companyLadder},
	{orgCompany, "株式会社みずほフィナンシャルグループ", "", companyLadder3},
	{orgCompany, "関西電力株式会社", "", companyLadder},
	{orgCompany, "株式会社FFRIセキュリティ", "", companyLadder3},
	{orgCompany, "株式会社サイバーディフェンス研究所", "", []string{"専務理事", "代表取締役社長", "上級分析官"}},
	{orgUniversity, "東京大学", "大学院法学政治学研究科", profLadder},
	{orgUniversity, "東京大学", "大学院情報理工学系研究科", profLadder2},
	{orgUniversity, "慶應義塾大学", "環境情報学部", []string{"教授", "教授 大学院政策・メディア研究科委員長", "教授", "特任教授"}},
	{orgUniversity, "慶應義塾大学", "大学院政策・メディア研究科", profLadder},
	{orgUniversity, "情報セキュリティ大学院大学", "", []string{"教授", "教授", "学長", "学長"}},
	{orgUniversity, "東京都立大学", "法学部", []string{"教授", "教授", "客員教授"}},
	{orgUniversity, "日本大学", "大学院法務研究科", profLadder2},
	{orgUniversity, "横浜国立大学", "大学院環境情報研究院", profLadder},
	{orgUniversity, "京都大学", "大学院情報学研究科", profLadder},
	{orgUniversity, "早稲田大学", "理工学術院", profLadder},
	{orgUniversity, "中央大学", "国際情報学部", profLadder2},
	{orgUniversity, "名古屋大学", "大学院法学研究科", profLadder},
	{orgUniversity, "九州大学", "サイバーセキュリティセンター", []string{"准教授", "教授", "センター長"}},
	{orgUniversity, "奈良先端科学技術大学院大学", "", profLadder},
	{orgUniversity, "東北大学", "大学院情報科学研究科", profLadder},
	{orgUniversity, "大阪大学", "大学院工学研究科", profLadder2},
	{orgUniversity, "明治大学", "法学部", profLadder},
	{orgUniversity, "立命館大学", "情報理工学部", profLadder},
	{orgUniversity, "北陸先端科学技術大学院大学", "", profLadder2},
	{orgUniversity, "筑波大学", "システム情報系", profLadder},
	{orgInstitute, "国立研究開発法人情報通信研究機構", "サイバーセキュリティ研究所", []string{"室長", "副研究所長", "研究所長"}},
	{orgInstitute, "独立行政法人情報処理推進機構", "", []string{"理事", "理事長", "顧問"}},
	{orgInstitute, "一般社団法人JPCERTコーディネーションセンター", "", []string{"常務理事", "代表理事", "代表理事"}},
	{orgInstitute, "国立情報学研究所", "", []string{"准教授", "教授", "副所長"}},
	{orgInstitute, "一般社団法人日本サイバーセキュリティ・イノベーション委員会", "", []string{"理事", "代表理事"}},
	{orgInstitute, "一般財団法人日本サイバー犯罪対策センター", "", []string{"理事", "代表理事"}},
	{orgInstitute, "西村あさひ法律事務所", "", []string{"弁護士", "パートナー弁護士"}},
	{orgInstitute, "森・濱田松本法律事務所", "", []string{"弁護士", "パートナー弁護士"}},
}

// places are where the meetings are held.
var places = []string{
	"総理大臣官邸4階大会議室", "総理大臣官邸2階大ホール", "総理大臣官邸2階小ホール",
	"総理大臣官邸3階南会議室", "中央合同庁舎第8号館1階講堂", "総理大臣官邸4階大会議室",
}

// sectors are the kinds of organisation speakers talk about.
var sectors = []string{
	"重要インフラ事業者", "中小企業", "地方公共団体", "医療機関", "教育機関", "金融機関",
	"電力事業者", "通信事業者", "政府機関", "独立行政法人", "製造業", "大学や研究機関",
	"サービス提供事業者", "スタートアップ企業", "自治体", "民間企業",
}
