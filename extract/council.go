package extract

import (
	"regexp"
	"strings"

	"github.com/ikawaha/kagome/v2/tokenizer"
)

// This file holds what the header needs for the layouts of ministry
// councils (審議会, 分科会, 検討会) and older headquarters minutes:
// headers without labels, page markers above the title, and the lookahead
// that tells a page's summary from the header proper. See docs/layouts.md.

// topPageRe matches a page marker on a line of its own: "(1)", "1",
// "- 1 -", "1/7", "p.1".
var topPageRe = regexp.MustCompile(`^(?:\(\d{1,3}\)|-*\d{1,3}-*|-*(?:p\.?)?\d{1,3}(?:/\d{1,3})?(?:ページ|頁)?-*)$`)

// topPageMarker reports whether a header line is only a page marker.
func topPageMarker(key string) bool { return topPageRe.MatchString(key) }

// dateLeadRe matches a key that opens with a date, perhaps in brackets.
var dateLeadRe = regexp.MustCompile(`^[\[(【]?(?:平成|令和|昭和|(?:19|20)\d\d[年/.-])`)

// dateLeads reports whether key opens with a date.
func dateLeads(key string) bool { return dateLeadRe.MatchString(key) }

// dateOnly reports whether s is a date and nothing more (a publication
// date above the title: 2017年12月6日, [2021年6月23日]).
func dateOnly(s string) bool {
	k := keyOf(s)
	if !dateLeads(k) {
		return false
	}
	loc := eraRe.FindStringIndex(k)
	if loc == nil {
		loc = adRe.FindStringIndex(k)
	}
	if loc == nil {
		return false
	}
	rest := strings.Trim(k[loc[1]:], "[]()【】 ")
	return rest == "" || rest == "度" || strings.HasSuffix(rest, "開催") && runeLen(rest) <= 4
}

// bodySuffixes end the name of a body.
var bodySuffixes = []string{"審議会", "分科会", "部会", "委員会", "検討会", "懇談会", "調査会", "協議会", "研究会", "会議", "本部", "ワーキンググループ", "グループ", "WG", "チーム", "専門調査会", "小委員会"}

// bodyAfterNumber returns the body named after 第N回 in a title line
// (第31回IT戦略本部 議事録 → IT戦略本部), or "" when what follows is no
// body (第17回会合 議事概要, 第1回総会).
func bodyAfterNumber(text string) string {
	loc := titleRe.FindStringIndex(text)
	if loc == nil {
		// 第１回 in full-width digits: find it in the folded text.
		k := FoldKey(text)
		l2 := titleRe.FindStringIndex(k)
		if l2 == nil {
			return ""
		}
		text, loc = k, l2
	}
	rest := strings.TrimLeft(text[loc[1]:], " \t\u3000)）】")
	for _, w := range []string{"議事録", "議事概要", "議事要旨", "会議録", "議事次第", "次第", "審議結果", "の開催について"} {
		if i := strings.Index(rest, w); i >= 0 {
			rest = rest[:i]
		}
	}
	rest = leadingParenRe.ReplaceAllString(strings.TrimSpace(rest), "") // 第15回(定例)教育委員会
	rest = strings.TrimSpace(strings.Trim(rest, " \t\u3000()（）「」"))
	if f := strings.Fields(rest); len(f) > 0 {
		rest = f[0]
	}
	for _, suf := range bodySuffixes {
		if strings.HasSuffix(rest, suf) && rest != "総会" {
			return rest
		}
	}
	return ""
}

// headerKeys are the headings that only a header has.
var headerKeys = map[string]bool{"開催日時": true, "日時": true, "開催場所": true, "場所": true, "会場": true, "出席者": true, "出席委員": true, "出席構成員": true}

// headerAhead reports whether a header heading (日時, 場所, 出席者) follows
// line i before any speaker marker: then what is at i is a page's summary
// or a programme (議事次第) above the header, not the proceedings.
func (p *parser) headerAhead(i int) bool {
	for j := i + 1; j < len(p.lines) && j <= i+40; j++ {
		k := p.lines[j].key
		if k == "" {
			continue
		}
		if isMarker(k) {
			return false
		}
		if hm := headingRe.FindStringSubmatch(k); hm != nil && headerKeys[hm[1]] {
			return true
		}
	}
	return false
}

// agendaBullet reports whether a ○ line under an agenda heading is an
// item rather than a speaker: ○平成22年度診療報酬改定について, ○その他.
func agendaBullet(l line) bool {
	k := strings.TrimPrefix(l.key, "○")
	if strings.HasSuffix(k, "について") || k == "その他" || kindSuffixRe.MatchString(k) || strings.HasSuffix(k, "案") {
		return true
	}
	if strings.HasPrefix(k, "(") {
		return false // ○（遠藤本部員）
	}
	// not a speaker: ○検討に沿った議論
	_, core, _, _ := splitMarker(l.text)
	ok, named := speakerCore(core)
	return !(ok && named)
}

// placeWords are words that make a short line a place.
var placeWords = []string{"会議室", "ホール", "庁舎", "官邸", "講堂", "会館", "センター", "オンライン", "室", "館", "ビル", "階"}

// placeAfter returns the line after an unlabelled date line when it names
// a place (総理大臣官邸 大ホール), and its index; "" when none does.
func (p *parser) placeAfter(i int) (string, int) {
	for j := i + 1; j < len(p.lines) && j <= i+2; j++ {
		l := p.lines[j]
		if l.text == "" {
			continue
		}
		if runeLen(l.key) > 30 || headingRe.MatchString(l.key) || bulletRe.MatchString(l.key) || isMarker(l.key) {
			return "", -1
		}
		for _, w := range placeWords {
			if strings.Contains(l.key, w) {
				return l.text, j
			}
		}
		return "", -1
	}
	return "", -1
}

// Attendee lists of councils: comma-separated items under section labels
// (委員：伊藤会長、佐藤委員、…), name(title) lines (太田洋(所属)【主査】),
// surname + role (佐藤座長), surname + title (青山参事官), full name +
// role (石井 太郎座長(東京大学名誉教授)), a ministry in parentheses before
// its officials ((内閣府)青山参事官), and proxies (伊原保守(代理出席 多和田博),
// 希代浩正(…)※代理出席).

// roleWords are the role words an item may end with, longest first.
var roleWords = func() []string {
	var ws []string
	for k := range roleLabels {
		if k != "事務局" && k != "関係者" && k != "有識者" && k != "閣僚" {
			ws = append(ws, k)
		}
	}
	// longest first, then by text for a stable order
	for i := 1; i < len(ws); i++ {
		for j := i; j > 0 && (runeLen(ws[j]) > runeLen(ws[j-1]) || runeLen(ws[j]) == runeLen(ws[j-1]) && ws[j] < ws[j-1]); j-- {
			ws[j], ws[j-1] = ws[j-1], ws[j]
		}
	}
	return ws
}()

// noteRe matches a note in an attendee list: (以上24名), 〔計12名〕, (14名),
// (敬称略、五十音順).
var noteRe = regexp.MustCompile(`^[(\[〔【<]?(?:以上|計)?\d+名[)\]〕】>]?$|^[(\[〔]?(?:敬称略|五十音順|順不同)`)

// countSuffixRe matches a head count after the last name: 若山拓也(14名).
var countSuffixRe = regexp.MustCompile(`[(（〔\[](?:以上|計)?\s*\d+\s*名[)）〕\]]$`)

// inlineLabelRe matches a label before the items: "委員:", "専門部会委員：",
// "【構成員】《委員会》", "<事務局>", "(1) 懇談会構成員(敬称略、五十音順)".
var inlineLabelRe = regexp.MustCompile(`^(?:\(\d{1,2}\)|\d{1,2}[.)])?\s*([^\s:：、,()（）【】《》<>]{1,16})\s*[:：]\s*`)

var bracketLabelRe = regexp.MustCompile(`^\s*(?:[【《<〈≪\[]([^】》>〉≫\]]{1,12})[】》>〉≫\]]\s*)+`)

// councilLine reads an attendee line in a council's style. It reports
// false when the line is not in that style, for the token reader.
func (p *attendeeParser) councilLine(l line) bool {
	text := strings.TrimSpace(l.text)
	role, labelled := p.role, false
	// Bracketed labels first: 【構成員】《委員会》 村井純主査(…).
	if m := bracketLabelRe.FindString(text); m != "" {
		for _, lab := range bracketOneRe.FindAllStringSubmatch(m, -1) {
			if r, ok := roleLabel(lab[1]); ok {
				role = r
			} else if groupLabel(lab[1]) {
				role = ""
			}
		}
		text, labelled = strings.TrimSpace(text[len(m):]), true
		if text == "" {
			return false // the token reader reads a label alone
		}
	}
	// A numbered group label: (1) 懇談会構成員(敬称略、五十音順), (2) 総務省側.
	k := keyOf(text)
	if isGroupLabel(k) {
		sm := numberedLabelRe.FindStringSubmatch(k)
		p.role = labelRole(trailingParenRe.ReplaceAllString(sm[1], ""))
		p.councilStyle = true
		return true
	}
	// An inline label with a colon: 委員:奥村隆一、… / 原子力委員会:
	if sm := inlineLabelRe.FindStringSubmatch(text); sm != nil && !nameish(sm[1]) {
		role, labelled = labelRole(sm[1]), true
		text = strings.TrimSpace(text[len(sm[0]):])
		if text == "" {
			p.role = role
			p.councilStyle = true
			return true
		}
	}
	if noteRe.MatchString(keyOf(text)) {
		return true
	}
	// A group label between items: …(同志社大学) 《ワーキンググループ》 相子宏之(…).
	text = midLabelRe.ReplaceAllString(text, "、")
	items := splitItems(text)
	if len(items) == 1 {
		// Items separated by spaces: 遠藤久夫会長 牛丸聡委員 小林麻里委員.
		if f, _ := fields(text); len(f) >= 2 && spacedItems(f) {
			items = f
		}
	}
	for _, it := range items {
		if strings.Contains(it, "君") {
			return false // the Diet's and assemblies' lists (君) are read elsewhere
		}
	}
	defer func() {
		if p.councilStyle {
			p.role = role
		}
	}()
	paren := false
	if i := strings.IndexAny(text, "(（"); i > 0 {
		// name(title): what precedes the parenthesis is a name, perhaps
		// with a role: 太田洋(…), 石井 太郎座長(…).
		n, _, _ := splitNameTitle(strings.TrimSpace(text[:i]))
		paren = n != ""
	}
	if len(items) < 2 && !paren && !(p.councilStyle && nameishItem(text)) && !(labelled && nameishItem(text)) {
		return false
	}
	p.councilStyle = true
	save := p.role
	p.role = role
	// A line of surnames with roles (中村委員長、大石副委員長、早稲田、…の各委員):
	// the bare items are surnames too, and 各 gives them all the role.
	p.surnames, p.allRole = false, ""
	for i, it := range items {
		if j := strings.Index(it, "の各"); j > 0 && i == len(items)-1 {
			p.allRole, _ = roleLabel(it[j+len("の各"):])
			items[i] = it[:j]
			p.surnames = true
		}
		if n, t, r := splitNameTitle(strings.TrimLeft(trailingParenRe.ReplaceAllString(it, ""), "○◎●・ 　")); (r != "" || t != "") && runeLen(n) <= 3 && !strings.Contains(n, " ") {
			p.surnames = true
		}
	}
	for _, it := range items {
		p.councilItem(l, it)
	}
	p.surnames, p.allRole = false, ""
	p.role = save
	return true
}

var (
	midLabelRe      = regexp.MustCompile(`\s*《[^》]{1,12}》\s*`)
	bracketOneRe    = regexp.MustCompile(`[【《<〈≪\[]([^】》>〉≫\]]{1,12})[】》>〉≫\]]`)
	numberedLabelRe = regexp.MustCompile(`^(?:\(\d{1,2}\)|\d{1,2}[.)]|[①-⑳])(.+)$`)
	trailingParenRe = regexp.MustCompile(`[(（][^)）]*[)）]$`)
)

// nameishItem reports whether one item reads as a person: a name, perhaps
// with a role or title after it.
func nameishItem(s string) bool {
	n, _, _ := splitNameTitle(strings.TrimSpace(s))
	return n != ""
}

// labelRole maps a group label to the role it gives: a known role label,
// or none for a group (原子力委員会, 総務省側, 専門部会委員).
func labelRole(lab string) string {
	if r, ok := roleLabel(lab); ok {
		return r
	}
	for _, w := range roleWords {
		if strings.HasSuffix(lab, w) && !strings.HasSuffix(lab, "部会"+w) {
			return roleLabels[w]
		}
	}
	return ""
}

func groupLabel(s string) bool {
	for _, w := range []string{"委員会", "ワーキンググループ", "省", "庁", "府", "側", "事務局", "オブザーバー"} {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// splitItems splits a line on 、 and commas outside parentheses.
func splitItems(text string) []string {
	var items []string
	depth, start := 0, 0
	for i, r := range text {
		switch r {
		case '(', '（', '[', '〔', '【':
			depth++
		case ')', '）', ']', '〕', '】':
			if depth > 0 {
				depth--
			}
		case '、', ',', '，':
			if depth == 0 {
				if s := strings.TrimSpace(text[start:i]); s != "" {
					items = append(items, s)
				}
				start = i + len(string(r))
			}
		}
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		items = append(items, s)
	}
	return items
}

// councilItem reads one item of a council's attendee list.
func (p *attendeeParser) councilItem(l line, it string) {
	it = strings.TrimSpace(countSuffixRe.ReplaceAllString(it, ""))
	it = strings.TrimLeft(it, "○◎●・ 　")
	if it == "" || noteRe.MatchString(keyOf(it)) || keyOf(it) == "他" || keyOf(it) == "ほか" {
		return
	}
	role := p.role
	// Markers after the item: 【主査】, ※代理出席.
	if i := strings.Index(it, "※"); i >= 0 {
		if strings.Contains(it[i:], "代理") {
			role = RoleProxy
		}
		it = strings.TrimSpace(it[:i])
	}
	if sm := regexp.MustCompile(`[【\[]([^】\]]+)[】\]]$`).FindStringSubmatch(it); sm != nil {
		if r, ok := roleLabel(sm[1]); ok {
			role = r
		}
		it = strings.TrimSpace(it[:len(it)-len(sm[0])])
	}
	// A ministry in parentheses before its officials: (内閣府)青山参事官.
	if strings.HasPrefix(it, "(") || strings.HasPrefix(it, "（") {
		if j := closeParen(it, 0); j > 0 {
			it = strings.TrimSpace(it[j:])
		}
	}
	// name(title) or name(role) or name(代理出席 proxy).
	title := ""
	if i := strings.IndexAny(it, "(（"); i > 0 {
		if j := closeParen(it, i); j > 0 {
			inner := strings.TrimSpace(it[i+len(string([]rune(it[i:])[0])) : j-len(string([]rune(it[:j])[len([]rune(it[:j]))-1]))])
			if strings.HasPrefix(inner, "代理") {
				// 伊原保守(代理出席 多和田博): the proxy attended.
				proxy := strings.TrimSpace(strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(inner, "代理出席"), "代理"), " 　:："))
				if proxy != "" {
					p.pushItem(l, proxy, "", RoleProxy)
				}
				return
			}
			head := strings.TrimSpace(it[:i])
			if isTitle(head) && !nameish(head) && nameish(inner) && strings.TrimSpace(it[j:]) == "" {
				// 市長(今泉文彦), 局長(門脇 孝): the post, then the name
				p.pushItem(l, inner, head, role)
				return
			}
			if r, ok := roleLabel(inner); ok {
				role = r
			} else {
				title = inner
			}
			it = strings.TrimSpace(it[:i])
		}
	}
	name, tword, rword := splitNameTitle(it)
	p.surnameTitle = tword != ""
	p.itemRole = rword != ""
	if name == "" {
		p.warnings = append(p.warnings, Warning{Line: l.n, Kind: "attendee-line", Message: "ignored attendee item with no name: " + it})
		return
	}
	if rword != "" {
		role = rword
	} else if p.allRole != "" && title == "" && tword == "" {
		role = p.allRole
	}
	switch {
	case title == "":
		title = tword
	case tword != "":
		// 竹内原子力委員(部会長): the word is the title, the parentheses the role.
		title = tword
	}
	p.pushItem(l, name, title, role)
}

// splitNameTitle splits an item into a name and a title or role word
// after it: 佐藤座長 → (佐藤, "", 座長); 青山参事官 → (青山, 参事官, "");
// 石井 太郎座長 → (石井 太郎, "", 座長); 奥村隆一 → (奥村隆一, "", "").
func splitNameTitle(it string) (name, title, role string) {
	if h := strings.TrimSuffix(it, "氏"); h != it && nameish(h) {
		return h, "", "" // 大森政輔氏: the honorific is not the name
	}
	f, _ := fields(it)
	if len(f) >= 2 && isTitle(f[0]) && !isTitle(strings.Join(f[1:], "")) {
		// 政策室長 冨田泰: the title first.
		return strings.Join(f[1:], " "), f[0], ""
	}
	k := it
	for _, w := range roleWords {
		if strings.HasSuffix(k, w) && runeLen(k) > runeLen(w) {
			head := strings.TrimSpace(strings.TrimSuffix(k, w))
			if fam := surnameOf(k); fam != "" && runeLen(head) >= 5 && runeLen(head)-runeLen(fam) >= 3 && !givenByDictionary(strings.TrimPrefix(head, fam)) {
				// 竹内原子力委員: a surname and a title ending in a role word.
				return fam, strings.TrimPrefix(k, fam), ""
			}
			if nameish(head) {
				return head, "", roleLabels[w]
			}
			// 竹内原子力委員: a surname and a title ending in a role word.
			if fam := surnameOf(head); fam != "" {
				return fam, strings.TrimPrefix(k, fam), ""
			}
		}
	}
	if councilTitle(k) && !nameish(k) || councilTitleWord(k) {
		if fam := surnameOf(k); fam != "" {
			return fam, strings.TrimPrefix(k, fam), ""
		}
	}
	if nameish(k) {
		return k, "", ""
	}
	if fam := surnameOf(k); fam != "" {
		return fam, strings.TrimPrefix(k, fam), ""
	}
	return "", "", ""
}

// nameish reports whether s is a person's name: one or two name tokens.
func nameish(s string) bool {
	f, _ := fields(s)
	if len(f) == 0 || len(f) > 2 {
		return false
	}
	for _, t := range f {
		if !isName(t) {
			return false
		}
	}
	return true
}

// surnameOf returns the family name that begins s when the rest is a
// title (青山参事官 → 青山, 鈴木産業技術調査官 → 鈴木), or "".
func surnameOf(s string) string {
	if strings.ContainsAny(s, " 　") {
		return ""
	}
	rs := []rune(s)
	if len(rs) < 2 {
		return ""
	}
	try := func(n int) bool {
		if n >= len(rs) {
			return false
		}
		fam, rest := string(rs[:n]), string(rs[n:])
		for _, r := range fam {
			if !(r >= 0x4e00 && r <= 0x9fff || r == '々' || r == 'ヶ') {
				return false
			}
		}
		return councilTitle(rest)
	}
	// A rest that is exactly a known title word decides: 町参与, 小佐古委員.
	for n := 1; n <= 3 && n < len(rs); n++ {
		rest := string(rs[n:])
		for _, w := range markerTitles {
			if rest == w && try(n) {
				return string(rs[:n])
			}
		}
		if (rest == "参与" || rest == "企画官" || rest == "参事官" || rest == "課長補佐") && try(n) {
			return string(rs[:n])
		}
	}
	if f, ok := familyByDictionary(s); ok && runeLen(f) >= 2 && try(runeLen(f)) {
		return f
	}
	// Prefer a cut where the dictionary ends a word: 南|地上放送課長,
	// 浅見|放送技術課長.
	bounds := wordBounds(s)
	for _, pass := range []bool{true, false} {
		for _, n := range []int{2, 1, 3} {
			if (!pass || bounds[n]) && try(n) && !isTitle(string(rs[:n])) {
				return string(rs[:n])
			}
		}
	}
	return ""
}

func (p *attendeeParser) pushItem(l line, name, title, role string) {
	f, _ := fields(name)
	names := f
	if len(names) > 2 {
		names = names[:2]
	}
	if len(names) == 1 && runeLen(name) <= 3 && (p.surnameTitle || runeLen(name) <= 2 && p.surnames || p.surnames && !p.itemRole || runeLen(name) == 1) {
		// A surname alone (青山参事官, 早稲田 in a line of surnames).
		p.atts = append(p.atts, Attendee{Name: name, Family: name, Title: title, HQRole: role, Line: l.n})
		p.lastLine = l.n
		return
	}
	p.atts = append(p.atts, Attendee{})
	p.atts = p.atts[:len(p.atts)-1]
	save := p.role
	p.role = role
	p.push(l, names, title)
	p.role = save
	if title == "" && len(p.warnings) > 0 && p.warnings[len(p.warnings)-1].Kind == "attendee-title" && role != "" {
		// A member listed with a role and no post is usual in councils.
		p.warnings = p.warnings[:len(p.warnings)-1]
	}
}

// tableLabels are the labels of the labels-then-values tables that local
// bodies publish (様式: 審議会等名称, 開催日時, 出席者, 次回開催予定日, …),
// mapped to the header section they open: "body" opens the proceedings
// on the next line.
var tableLabels = []struct{ key, section string }{
	{"出席職員の職・氏名", "attendees"}, {"出席委員の氏名", "attendees"}, {"出席者の氏名", "attendees"},
	{"会議次第", "agenda"}, {"次第", "agenda"},
	{"審議経過", "body"}, {"会議概要", "body"}, {"会議の結果", "body"}, {"議事内容", "body"},
	{"審議内容", "body"}, {"会議内容", "body"}, {"審議の概要", "body"}, {"会議の概要", "body"}, {"議事の経過", "body"}, {"会議の模様", "body"}, {"議事の模様", "body"},
	{"次回開催予定日", "other"}, {"次回開催予定", "other"}, {"問い合わせ先", "other"}, {"問合せ先", "other"},
	{"会議の公開・非公開", "other"}, {"会議の公開", "other"}, {"公開・非公開", "other"}, {"傍聴者人数", "other"},
	{"傍聴者数", "other"}, {"傍聴者", "other"}, {"傍聴人", "other"}, {"会議録の作成方法", "other"},
	{"欠席者", "other"}, {"欠席委員", "other"}, {"所管課", "other"}, {"担当課", "other"}, {"附属機関等の名称", "title"},
	{"審議会等名称", "title"}, {"会議名", "title"}, {"議案及び議事内容", "other"},
}

// tableLabel reports the section a table label opens, and the value on
// the same line if any: "次回開催予定日 未定", "審議会等名称 総合計画審議会…".
func tableLabel(key string) (section, rest string, ok bool) {
	k := strings.TrimLeft(key, "0123456789.()、・○◯〇■□◆◇-")
	for _, t := range tableLabels {
		if strings.HasPrefix(k, t.key) {
			rest := strings.TrimLeft(k[len(t.key):], ":")
			if strings.HasPrefix(rest, "(") {
				// 会議録の作成方法(全文記録・要点記録・録音テープ)
				if j := strings.Index(rest, ")"); j >= 0 {
					rest = rest[j+1:]
				}
			}
			if t.section == "body" && rest != "" && !strings.HasPrefix(rest, "(") {
				continue
			}
			return t.section, rest, true
		}
	}
	return "", "", false
}

// endsList reports whether an attendee-section line cannot belong to the
// list: a sentence, or in a council's list a line with no name in it.
func (p *attendeeParser) endsList(l line) bool {
	k := l.key
	if strings.Contains(k, "。") || strings.HasSuffix(k, "について") && !strings.ContainsAny(k, "、,") {
		return true
	}
	if !p.councilStyle {
		return false
	}
	for _, it := range splitItems(l.text) {
		it = strings.TrimLeft(it, "○◎●・ 　")
		if noteRe.MatchString(keyOf(it)) {
			return false
		}
		if strings.HasPrefix(it, "(") || strings.HasPrefix(it, "（") {
			if j := closeParen(it, 0); j > 0 {
				it = it[j:]
			}
		}
		if i := strings.IndexAny(it, "(（"); i > 0 {
			it = it[:i]
		}
		if nameishItem(it) || noteRe.MatchString(keyOf(it)) {
			return false
		}
		if f, _ := fields(it); len(f) >= 2 && spacedItems(f) {
			return false
		}
	}
	_, isLabel := roleLabel(l.text)
	return !isLabel && !inlineLabelRe.MatchString(l.text) && !bracketLabelRe.MatchString(l.text) && !numberedLabelRe.MatchString(k)
}

// councilTitle reports whether s is a post: a title by isTitle, or one of
// the posts isTitle does not know by its ending (参与, 課長補佐).
func councilTitle(s string) bool {
	return isTitle(s) || councilTitleWord(s)
}

func councilTitleWord(s string) bool {
	for _, w := range []string{"参与", "補佐", "顧問", "主任", "係長", "主査", "主幹", "参事", "技監"} {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// spacedItems reports whether every field is a person with a role or
// title written together (遠藤久夫会長, 長妻厚生労働大臣, 大森政輔氏), or a
// closing 他: a list separated by spaces rather than commas.
func spacedItems(f []string) bool {
	for _, t := range f {
		if t == "他" || t == "ほか" {
			continue
		}
		t = strings.TrimRight(t, "、,")
		n, ti, r := splitNameTitle(t)
		if n == "" || ti == "" && r == "" && !strings.HasSuffix(t, "氏") {
			return false
		}
	}
	return true
}

// givenByDictionary reports whether s is a given name by the person-name
// tags of kagome's IPA dictionary (人名,名): 白石|小百合委員 is a full name
// and a role, 竹内|原子力委員 a family name and a title. A variable for the
// fuzz test, as familyByDictionary.
var givenByDictionary = func(s string) bool {
	toks := ipaTokenizer().Tokenize(s)
	if len(toks) == 0 {
		return false
	}
	for _, t := range toks {
		if t.Class == tokenizer.DUMMY {
			continue
		}
		pos := t.POS()
		if len(pos) >= 4 && pos[2] == "人名" && pos[3] == "名" && t.Surface == s {
			return true
		}
		break
	}
	return false
}

// headCountRe matches a head count after a heading: 出席委員 十九名.
var headCountRe = regexp.MustCompile(`^[0-9一二三四五六七八九十百]+名`)

// isGroupLabel reports whether a key is a numbered group label of an
// attendee list: (1) 懇談会構成員(敬称略、五十音順), (2) 総務省側, (3) 総務省.
func isGroupLabel(k string) bool {
	sm := numberedLabelRe.FindStringSubmatch(k)
	if sm == nil {
		return false
	}
	lab := trailingParenRe.ReplaceAllString(sm[1], "")
	if strings.ContainsAny(lab, "、,") {
		// (1) 総務副大臣、大臣政務官及び大臣官房: posts, no person
		for _, it := range splitItems(lab) {
			if nameishItem(it) && !councilTitle(it) {
				return false
			}
		}
		return runeLen(lab) <= 30 && !strings.Contains(lab, "。")
	}
	return runeLen(lab) <= 16 && !nameish(lab) && (labelRole(lab) != "" || groupLabel(lab) || strings.HasSuffix(lab, "構成員") || lab == "事務局")
}

// wordBounds returns the rune offsets in s where kagome's IPA dictionary
// ends a word. A variable for the fuzz test, as familyByDictionary.
var wordBounds = func(s string) map[int]bool {
	b := map[int]bool{}
	n := 0
	for _, t := range ipaTokenizer().Tokenize(s) {
		if t.Class == tokenizer.DUMMY {
			continue
		}
		n += runeLen(t.Surface)
		b[n] = true
	}
	return b
}
