package extract

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// roleLabels are section labels an attendee list may use, mapped to the
// role they give the attendees that follow.
var roleLabels = map[string]string{
	"本部長": RoleChair, "副本部長": RoleViceChair, "本部員": RoleMember,
	"有識者本部員": RoleExpert, "有識者": RoleExpert, "有識者委員": RoleExpert,
	"陪席": RoleInAttendee, "陪席者": RoleInAttendee, "政府側出席者": RoleInAttendee,
	"関係者": RoleInAttendee, "事務局": RoleInAttendee, "オブザーバー": RoleInAttendee,
	"閣僚": RoleMember, "閣僚本部員": RoleMember, "代理出席": RoleProxy,
	"議長": "議長", "副議長": "副議長", "座長": "座長", "座長代理": "座長代理",
	"会長": "会長", "会長代理": "会長代理", "副会長": "副会長", "委員長": "委員長",
	"委員長代理": "委員長代理", "副委員長": "副委員長", "主査": "主査", "部会長": "部会長",
	"委員": "委員", "構成員": "構成員", "専門委員": "専門委員", "臨時委員": "臨時委員",
}

// chairRoles are the roles that make an attendee the chair.
var chairRoles = map[string]bool{RoleChair: true, "議長": true, "座長": true, "会長": true}

// roleLabel reports whether s, a whole line or token, is a section label.
func roleLabel(s string) (string, bool) {
	k := strings.Trim(keyOf(s), "()[]<>【】〈〉《》≪≫「」:・")
	k = strings.TrimSuffix(k, "(敬称略)")
	r, ok := roleLabels[k]
	return r, ok
}

// titleEnds are endings that make a token a title, not a name.
var titleEnds = []string{"長", "員", "官", "監", "補", "士", "家", "者", "授", "問", "役", "事", "臣", "任", "表", "席", "裁", "取", "師", "職"}

// titleParts are pieces that make a token a title or organisation.
var titleParts = []string{"株式会社", "大学", "省", "庁", "府", "局", "研究", "センター", "本部", "担当", "機構", "協会", "法人", "会議", "財団", "銀行", "新聞", "放送", "グループ", "ホールディングス", "委員会", "政策", "内閣"}

// isTitle reports whether tok is (part of) a title rather than a name.
func isTitle(tok string) bool {
	k := keyOf(tok)
	if runeLen(k) >= 6 {
		return true
	}
	for _, p := range titleParts {
		if strings.Contains(k, p) {
			return true
		}
	}
	for _, e := range titleEnds {
		if strings.HasSuffix(k, e) && runeLen(k) >= 2 {
			return true
		}
	}
	for _, r := range k {
		if r < 0x80 { // Latin letters or digits: a company or a post like CISO
			return true
		}
	}
	if isKatakana(k) && runeLen(k) >= 3 {
		return true
	}
	return false
}

// isName reports whether tok can be (part of) a person's name.
func isName(tok string) bool {
	if kanjiKanaName(tok) {
		return true // 佐々木かをり: longer than most names, but a name's shape
	}
	if isTitle(tok) {
		return false
	}
	n := 0
	for _, r := range tok {
		n++
		if !(unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r == '々' || r == 'ヶ' || r == 'ー') {
			return false
		}
	}
	return n >= 1 && n <= 5
}

// kanjiKanaName reports whether tok is a family name in kanji (one to
// three characters) and a given name in kana (two to four): 佐々木かをり,
// 竹中ナミ. No post is written that way.
func kanjiKanaName(tok string) bool {
	rs := []rune(tok)
	i := 0
	for i < len(rs) && (unicode.Is(unicode.Han, rs[i]) || rs[i] == '々' || rs[i] == 'ヶ') {
		i++
	}
	if i < 1 || i > 3 {
		return false
	}
	k := len(rs) - i
	if k < 2 || k > 4 {
		return false
	}
	for _, r := range rs[i:] {
		if !unicode.Is(unicode.Hiragana, r) && !unicode.Is(unicode.Katakana, r) && r != 'ー' || r == 'の' {
			return false
		}
	}
	for _, w := range []string{"する", "した", "して", "あり", "など", "ます", "です", "ほか", "まで", "から", "より", "について"} {
		if strings.HasSuffix(tok, w) {
			return false // 検討する, 説明あり: words, not names
		}
	}
	return true
}

func isKatakana(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Katakana, r) && r != 'ー' && r != '・' {
			return false
		}
	}
	return s != ""
}

// attendeeParser reads the attendee section line by line.
type attendeeParser struct {
	atts       []Attendee
	absent     []Attendee // marked (欠席) in the list
	warnings   []Warning
	role       string // from the current section label
	titleFirst bool   // the list writes "内閣官房長官 菅 義偉"
	decided    bool
	// councilStyle: the list writes comma-separated items or name(title)
	// (council.go).
	councilStyle bool
	surnames     bool   // the line being read lists surnames
	surnameTitle bool   // the item being read is a surname and a title
	itemRole     bool   // the item being read ends with a role word
	allRole      string // the role the line gives every item: …の各委員
	lastLine     int
}

// add parses one line of the attendee section.
func (p *attendeeParser) add(l line) {
	if l.text == "" {
		return
	}
	// 伊藤忠通(出席), 佐藤進(欠席): an attendance column after the name
	if m := attendanceRe.FindStringSubmatchIndex(l.text); m != nil {
		if l.text[m[2]:m[3]] != "出席" {
			// absent: not an attendee
			if n := strings.Join(strings.Fields(l.text[:m[0]]), ""); isNameLike(n) {
				family, given := splitName(n)
				name := family
				if given != "" {
					name += " " + given
				}
				p.absent = append(p.absent, Attendee{Name: name, Family: family, Given: given, Line: l.n})
			}
			return
		}
		l.text = strings.TrimSpace(l.text[:m[0]])
		l.key = keyOf(l.text)
	}
	if r, ok := roleLabel(l.text); ok {
		p.role = r
		return
	}
	if (!readingRe.MatchString(l.text) || strings.ContainsAny(l.text, "、,")) && p.councilLine(l) {
		return
	}
	// Readings in parentheses after names: 村井　純（むらい　じゅん）.
	var readings []string
	text := readingRe.ReplaceAllStringFunc(l.text, func(m string) string {
		readings = append(readings, toKatakana(strings.Join(strings.Fields(readingRe.FindStringSubmatch(m)[1]), " ")))
		return " "
	})
	before := len(p.atts)
	defer func() {
		if len(readings) > 0 && len(p.atts)-before == len(readings) {
			for i, r := range readings {
				p.atts[before+i].Reading = r
			}
		}
	}()
	toks, _ := fields(text)
	if len(toks) == 0 {
		return
	}
	// An inline label: "有識者本部員 遠藤 信博 日本電気株式会社…".
	if r, ok := roleLabel(toks[0]); ok && len(toks) > 1 {
		p.role = r
		toks = toks[1:]
	}
	if strings.HasPrefix(keyOf(toks[0]), "(") && strings.HasSuffix(keyOf(toks[len(toks)-1]), ")") {
		return // a note such as （五十音順）
	}
	if !p.decided {
		p.decided = true
		p.titleFirst = isTitle(toks[0]) && len(toks) > 1 && isName(toks[1])
	}
	if p.titleFirst {
		p.addTitleFirst(l, toks)
		return
	}
	i := 0
	for i < len(toks) {
		if !isName(toks[i]) {
			// A title with no name before it continues the last attendee's
			// title, broken across lines by the PDF.
			start := i
			for i < len(toks) && !isName(toks[i]) {
				i++
			}
			p.continueTitle(l, strings.Join(toks[start:i], " "))
			continue
		}
		names := []string{toks[i]}
		i++
		if i < len(toks) && isName(toks[i]) && runeLen(names[0]) <= 4 {
			names = append(names, toks[i])
			i++
		}
		var title []string
		for i < len(toks) && !isName(toks[i]) {
			title = append(title, toks[i])
			i++
		}
		p.push(l, names, strings.Join(title, " "))
	}
}

// attendanceRe matches the mark of attendance after a name: (出席), (欠席).
var attendanceRe = regexp.MustCompile(`\s*[(（](出席|欠席)[)）]$`)

func (p *attendeeParser) addTitleFirst(l line, toks []string) {
	i := 0
	for i < len(toks) {
		var title []string
		for i < len(toks) && !isName(toks[i]) {
			title = append(title, toks[i])
			i++
		}
		var names []string
		for i < len(toks) && isName(toks[i]) && len(names) < 2 {
			names = append(names, toks[i])
			i++
		}
		if len(names) == 0 {
			p.continueTitle(l, strings.Join(title, " "))
			continue
		}
		p.push(l, names, strings.Join(title, " "))
	}
}

func (p *attendeeParser) continueTitle(l line, more string) {
	if len(p.atts) == 0 || l.n-p.lastLine > 2 {
		p.warnings = append(p.warnings, Warning{Line: l.n, Kind: "attendee-line", Message: fmt.Sprintf("ignored attendee-section text with no name: %q", more)})
		return
	}
	a := &p.atts[len(p.atts)-1]
	sep := ""
	if a.Title != "" && titleComplete(a.Title) {
		sep = " "
	}
	a.Title += sep + more
	p.lastLine = l.n
}

// titleComplete reports whether a title ends like a whole post, so that
// more text on the next line is a second post rather than the rest of a
// word the PDF broke.
func titleComplete(t string) bool {
	k := keyOf(t)
	for _, e := range titleEnds {
		if strings.HasSuffix(k, e) {
			return true
		}
	}
	return false
}

func (p *attendeeParser) push(l line, names []string, title string) {
	family, given := names[0], ""
	if len(names) == 2 {
		given = names[1]
	} else {
		family, given = splitName(names[0])
	}
	name := family
	if given != "" {
		name += " " + given
	}
	if title == "" {
		p.warnings = append(p.warnings, Warning{Line: l.n, Kind: "attendee-title", Message: fmt.Sprintf("attendee %s has no title", name)})
	}
	p.atts = append(p.atts, Attendee{Name: name, Family: family, Given: given, Title: title, HQRole: p.role, Line: l.n})
	p.lastLine = l.n
}

// splitName splits a name written without a space into family and given
// names, using the person-name tags of kagome's IPA dictionary, and
// falling back to the commonest shapes (two-character family names).
func splitName(s string) (family, given string) {
	rs := []rune(s)
	if len(rs) <= 1 {
		return s, ""
	}
	// A change of script splits the name: あかま二郎, 野田せいこ.
	for i := 1; i < len(rs); i++ {
		if kana(rs[i-1]) != kana(rs[i]) {
			if i > 1 || len(rs) == 2 {
				return string(rs[:i]), string(rs[i:])
			}
			break
		}
	}
	if f, ok := familyByDictionary(s); ok {
		return f, s[len(f):]
	}
	switch len(rs) {
	case 2, 3:
		if len(rs) == 2 {
			return string(rs[:1]), string(rs[1:])
		}
		return string(rs[:2]), string(rs[2:])
	default:
		return string(rs[:2]), string(rs[2:])
	}
}

// readingRe matches a reading in kana in parentheses.
var readingRe = regexp.MustCompile(`[（(]([ぁ-ゖァ-ヺー 　]+)[）)]`)

// toKatakana converts hiragana to katakana.
func toKatakana(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'ぁ' && r <= 'ゖ' {
			return r + ('ァ' - 'ぁ')
		}
		return r
	}, s)
}

func kana(r rune) bool { return unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) }

// familyByDictionary finds the family name at the start of s with the
// person-name tags of kagome's IPA dictionary (人名,姓). It is a variable so
// that the fuzz test can avoid loading the dictionary, which is very slow
// under coverage instrumentation.
var familyByDictionary = func(s string) (string, bool) {
	toks := ipaTokenizer().Tokenize(s)
	if len(toks) >= 2 {
		pos := toks[0].POS()
		if len(pos) >= 4 && pos[2] == "人名" && pos[3] == "姓" && toks[0].Surface != s {
			return toks[0].Surface, true
		}
	}
	return "", false
}

// assignRoles fills in each attendee's organisation, and the role of those
// the list did not label, by the rules documented in docs/extract.md.
func assignRoles(atts []Attendee, body string) {
	hq := strings.Contains(body, "本部")
	haveChair := false
	for i := range atts {
		a := &atts[i]
		a.Organization, a.OrgKind = orgOf(a.Title)
		if chairRoles[a.HQRole] {
			haveChair = true
		}
	}
	if !haveChair {
		// The chair of a 本部 is the Prime Minister when present, else the
		// Chief Cabinet Secretary (as for the Cybersecurity Strategic
		// Headquarters under the Basic Act on Cybersecurity).
		for _, want := range []string{"内閣総理大臣", "内閣官房長官"} {
			if i := findTitle(atts, want); i >= 0 && hq {
				if atts[i].HQRole == "" {
					atts[i].HQRole = RoleChair
				}
				haveChair = true
				break
			}
		}
	}
	if !hq {
		return
	}
	for i := range atts {
		a := &atts[i]
		if a.HQRole != "" {
			continue
		}
		t := keyOf(a.Title)
		switch {
		case strings.HasSuffix(t, "副大臣") || strings.HasSuffix(t, "政務官"):
			a.HQRole = RoleProxy
		case strings.HasSuffix(t, "大臣") || t == "国家公安委員会委員長":
			a.HQRole = RoleMember
		case !isGovernment(a.OrgKind):
			a.HQRole = RoleExpert
		default:
			a.HQRole = RoleInAttendee
		}
	}
}

func findTitle(atts []Attendee, title string) int {
	for i, a := range atts {
		if keyOf(a.Title) == title {
			return i
		}
	}
	return -1
}
