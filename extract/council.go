package extract

import (
	"regexp"
	"strings"
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
	return rest == "" || strings.HasSuffix(rest, "開催") && runeLen(rest) <= 4
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
func agendaBullet(key string) bool {
	k := strings.TrimPrefix(key, "○")
	return strings.HasSuffix(k, "について") || k == "その他" || kindSuffixRe.MatchString(k) || strings.HasSuffix(k, "案")
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
