package extract

import (
	"regexp"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Organisation kinds.
const (
	OrgCabinet     = "cabinet"     // 内閣, 内閣官房 and bodies of the Cabinet Secretariat
	OrgMinistry    = "ministry"    // 府省
	OrgAgency      = "agency"      // 庁, 委員会 and other government agencies
	OrgCompany     = "company"     // 株式会社 …
	OrgUniversity  = "university"  // 大学, 大学院大学
	OrgAssociation = "association" // 法人, 協会, 機構, 団体
)

// cabinetPosts are posts whose organisation is the Cabinet Secretariat.
var cabinetPosts = map[string]string{
	"内閣総理大臣":    "内閣",
	"内閣官房長官":    "内閣官房",
	"内閣官房副長官":   "内閣官房",
	"内閣官房副長官補":  "内閣官房",
	"内閣危機管理監":   "内閣官房",
	"内閣情報通信政策監": "内閣官房",
	"内閣広報官":     "内閣官房",
	"内閣情報官":     "内閣官房",
	"内閣法制局長官":   "内閣法制局",
}

// ministries maps the stem of a minister's title to the ministry.
var ministries = map[string]string{
	"総務": "総務省", "外務": "外務省", "財務": "財務省", "法務": "法務省",
	"文部科学": "文部科学省", "厚生労働": "厚生労働省", "農林水産": "農林水産省",
	"経済産業": "経済産業省", "国土交通": "国土交通省", "環境": "環境省", "防衛": "防衛省",
	"内閣府": "内閣府", "デジタル": "デジタル庁", "復興": "復興庁",
}

var (
	ministerRe  = regexp.MustCompile(`^(.+?)(副大臣|大臣政務官|大臣)$`)
	committeeRe = regexp.MustCompile(`^(.+?委員会)(委員長|委員)`)
	centerRe    = regexp.MustCompile(`^(.+?センター)`)
	agencyRe    = regexp.MustCompile(`^(.+?(?:省|庁))`)
	universRe   = regexp.MustCompile(`^(.+?大学(?:院大学)?)`)
	companyRe   = regexp.MustCompile(`(株式会社|有限会社|合同会社|\(株\))`)
	entityRe    = regexp.MustCompile(`^((?:一般|公益)(?:社団|財団)法人|独立行政法人|国立研究開発法人|国立大学法人|特定非営利活動法人|弁理士法人|弁護士法人|監査法人|税理士法人)`)
	// postRe matches the words that begin the post within a title that
	// starts with an organisation's name.
	postRe   = regexp.MustCompile(`(特別顧問|上席研究員|主任研究員|副所長|副センター長|副学長|弁護士|弁理士|公認会計士|代表取締役|取締役|執行役員|執行役|会長|社長|副社長|相談役|顧問|理事長|理事|専務|常務|所長|センター長|部長|室長|局長|主任|研究員|フェロー|CEO|CTO|CISO|最高|事務局長|代表|教授|准教授|委員長|学長|院長|総裁|副総裁|頭取)`)
	orgEndRe = regexp.MustCompile(`(協会|機構|連合会|会議所|研究所|センター|財団|銀行|新聞社|組合|連盟|学会|フォーラム|事務所)$`)
	// deptRe matches what follows an organisation's name inside it: a
	// department or committee.
	deptRe    = regexp.MustCompile(`^(.{0,20}?(委員会|部|局|課|室|本部|センター|グループ))`)
	orgEndAny = regexp.MustCompile(`協会|機構|連合会|会議所|研究所|センター|財団|銀行|新聞社|組合|連盟|学会|フォーラム|事務所`)
)

// orgOf derives the organisation a title implies, and its kind. The
// organisation is NFKC-normalised (ＫＤＤＩ株式会社 → KDDI株式会社) so that
// the same organisation written in two widths is one.
func orgOf(title string) (org, kind string) {
	t := norm.NFKC.String(strings.TrimSpace(title))
	if i := strings.IndexAny(t, " \t"); i > 0 {
		t = t[:i] // a second post ("教授 大学院…研究科委員長") is of the same organisation
	}
	if o, ok := cabinetPosts[t]; ok {
		return o, OrgCabinet
	}
	if sm := ministerRe.FindStringSubmatch(t); sm != nil {
		stem := sm[1]
		if o, ok := ministries[stem]; ok {
			return o, OrgMinistry
		}
		if strings.HasPrefix(stem, "内閣府") {
			return "内閣府", OrgMinistry
		}
		if strings.HasSuffix(stem, "担当") || strings.HasSuffix(stem, "担当・") || stem == "国務" {
			// Ministers of state without a ministry serve in the Cabinet
			// Secretariat.
			return "内閣官房", OrgCabinet
		}
		if strings.HasSuffix(stem, "省") || strings.HasSuffix(stem, "庁") {
			return stem, OrgMinistry
		}
	}
	switch {
	case strings.HasPrefix(t, "内閣府"):
		return "内閣府", OrgMinistry
	case strings.HasPrefix(t, "内閣官房"), strings.HasPrefix(t, "内閣") && !strings.Contains(t, "センター"):
		return "内閣官房", OrgCabinet
	}
	if loc := companyRe.FindStringIndex(t); loc != nil {
		if loc[0] == 0 {
			// 株式会社 before the name: the name runs to the first post word.
			rest := t[loc[1]:]
			if p := postRe.FindStringIndex(rest); p != nil && p[0] > 0 {
				rest = rest[:p[0]]
			}
			return t[:loc[1]] + rest, OrgCompany
		}
		return t[:loc[1]], OrgCompany
	}
	if loc := entityRe.FindStringIndex(t); loc != nil {
		return t[:loc[1]] + entityName(t[loc[1]:]), OrgAssociation
	}
	if sm := universRe.FindStringSubmatch(t); sm != nil {
		return sm[1], OrgUniversity
	}
	if sm := committeeRe.FindStringSubmatch(t); sm != nil {
		return sm[1], OrgAgency
	}
	if sm := centerRe.FindStringSubmatch(t); sm != nil {
		kind := OrgAssociation
		if strings.HasPrefix(sm[1], "内閣") {
			kind = OrgCabinet
		}
		return sm[1], kind
	}
	if sm := agencyRe.FindStringSubmatch(t); sm != nil && runeLen(sm[1]) >= 2 {
		kind := OrgAgency
		if strings.HasSuffix(sm[1], "省") {
			kind = OrgMinistry
		}
		return sm[1], kind
	}
	// A name ending in an organisation word, before the post or alone
	// when the post is in a second segment (法律事務所 弁護士).
	if o := entityName(t); orgEndRe.MatchString(o) {
		return o, OrgAssociation
	}
	return "", ""
}

// isGovernment reports whether an organisation kind is part of government.
func isGovernment(kind string) bool {
	return kind == OrgCabinet || kind == OrgMinistry || kind == OrgAgency
}

// entityName returns the name of a legal entity from the text after its
// legal form. The name ends at an organisation word (協会, 機構, 事務所 …)
// followed by nothing but a department or committee, or else at the last
// such word before the post: 全国地方銀行協会業務部長 gives 全国地方銀行協会,
// 日本経済団体連合会サイバーセキュリティ委員会委員長 gives 日本経済団体連合会.
func entityName(rest string) string {
	post := len(rest)
	if p := postRe.FindStringIndex(rest); p != nil && p[0] > 0 {
		post = p[0]
	}
	end := post
	for _, m := range orgEndAny.FindAllStringIndex(rest[:post], -1) {
		end = m[1]
		if after := rest[m[1]:post]; after == "" || deptRe.MatchString(after) {
			break
		}
	}
	return rest[:end]
}
