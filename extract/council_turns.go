package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Speech turns in the styles of councils and older headquarters minutes:
// 【伊藤会長】 or 【棚橋IT担当大臣】 on a line of its own, "伊藤会長：" or
// "江口部会長:" before the text, "・伊藤会長 …", "(委員) …" and "委員: …"
// (a turn whose speaker the minutes do not name), and the bullets of a
// 議事要旨 (○ or ・ before an opinion). The first words of an opinion are
// never taken for a speaker: a marker must read as a name and a title, or
// as a role alone.

// speakerTitles are the words a council's marker may end with, besides
// markerTitles and the role labels.
var speakerTitles = []string{"課長補佐", "室長補佐", "教授", "准教授", "参考人", "説明員", "担当", "顧問", "参与", "補佐", "主任", "主幹", "理事", "監事", "代表", "会頭", "知事", "市長", "町長", "村長", "区長", "総裁", "副総裁", "所長", "院長", "専門官", "調査官", "企画官", "管理官", "分析官", "技官", "次官", "総理", "大臣", "官", "氏"}

// unnamedRoles are role words that name no one when alone: a turn of 委員
// or 事務局 as a whole.
var unnamedRoles = map[string]bool{"委員": true, "構成員": true, "事務局": true, "担当": true, "担当課": true, "担当者": true, "説明者": true, "オブザーバー": true, "質問者": true, "回答者": true, "参加者": true, "事務局長": false, "所管課": true, "県": true, "市": true, "町": true, "区": true, "傍聴者": true}

// speakerCore reports whether s reads as a speaker marker's core: a name
// and a title (伊藤会長, 棚橋IT担当大臣, 大江教授), or a role alone
// (座長, 委員, 事務局). named is false for a role alone.
func speakerCore(s string) (ok, named bool) {
	s = strings.TrimSpace(s)
	// the parenthesised part (イノベーション) does not decide
	base := s
	if i := strings.IndexAny(base, "(（"); i > 0 {
		base = base[:i]
	}
	base = strings.Join(strings.Fields(base), "")
	n := runeLen(base)
	if n == 0 || n > 24 {
		return false, false
	}
	for _, r := range base {
		if unicode.Is(unicode.Hiragana, r) && r != 'の' || strings.ContainsRune("、。，．「」！？!?　 ", r) {
			return false, false
		}
	}
	if unnamedRoles[base] {
		return true, false
	}
	if _, ok := roleLabels[base]; ok {
		return true, false
	}
	for _, w := range markerTitles {
		if base == w {
			return true, false
		}
	}
	ends := func(w string) bool { return strings.HasSuffix(base, w) && n > runeLen(w) }
	for _, list := range [][]string{markerTitles, speakerTitles, roleWords} {
		for _, w := range list {
			if ends(w) {
				return true, true
			}
		}
	}
	return false, false
}

// councilMarker opens a speech at a council's marker and reports whether
// l is one.
func (p *parser) councilMarker(l line) bool {
	t := l.text
	k := l.key
	switch {
	case strings.HasPrefix(t, "【"):
		// 【伊藤会長】, perhaps with the text on the same line.
		j := strings.Index(t, "】")
		if j < 0 || agendaLabelRe.MatchString(k) {
			return false
		}
		core := t[len("【"):j]
		ok, named := speakerCore(core)
		if !ok {
			return false
		}
		p.openCouncil(l, t[:j+len("】")], core, j+len("】"), !named)
		return true
	case strings.HasPrefix(t, "(") || strings.HasPrefix(t, "（") || strings.HasPrefix(t, "〔"):
		// (委員) …, (事務局) …, 〔山田委員〕 …
		j := closeParen(t, 0)
		if strings.HasPrefix(t, "〔") {
			j = strings.Index(t, "〕")
			if j > 0 {
				j += len("〕")
			}
		}
		if j <= 0 || j >= len(t) {
			return false
		}
		_, open := utf8.DecodeRuneInString(t)
		_, close := utf8.DecodeLastRuneInString(t[:j])
		core := t[open : j-close]
		ok, named := speakerCore(core)
		if !ok || eventRe.MatchString(k) {
			return false
		}
		p.openCouncil(l, t[:j], core, j, !named)
		return true
	}
	// "谷田川委員長)ただ今から…": a marker whose "○…(" a viewer lost
	if i := strings.IndexAny(t, ")）"); i > 0 && runeLen(t[:i]) <= 12 && !strings.ContainsAny(t[:i], "(（、。 　") && i+1 < len(t) {
		if ok, named := speakerCore(t[:i]); ok && named {
			_, n := utf8.DecodeRuneInString(t[i:])
			p.openCouncil(l, t[:i+n], t[:i], i+n, false)
			return true
		}
	}
	// "伊藤会長：…", "委員: …", "・伊藤会長 …"
	body := strings.TrimLeft(t, "・•●◆■-－ 　")
	bulleted := len(body) < len(t)
	off := len(t) - len(body)
	if i := strings.IndexAny(body, ":："); i > 0 && i <= 3*24 {
		core := body[:i]
		if ok, named := speakerCore(core); ok {
			_, cn := utf8.DecodeRuneInString(body[i:])
			p.openCouncil(l, t[:off+i+cn], core, off+i+cn, !named)
			return true
		}
	}
	if bulleted {
		f, offs := fields(body)
		if len(f) >= 1 && (len(f) == 1 || offs[1] > 0) {
			if ok, named := speakerCore(f[0]); ok && named && runeLen(f[0]) <= 12 {
				end := off + len(f[0])
				p.openCouncil(l, t[:end], f[0], end, false)
				return true
			}
		}
	}
	return false
}

// openCouncil opens a speech at a marker that ends at byte end of l.text.
func (p *parser) openCouncil(l line, marker, core string, end int, unnamed bool) {
	p.closeSpeech()
	p.closeNarrative()
	p.agendaKind = ""
	core, hint := roleHint(strings.TrimSpace(core))
	p.cur = &openSpeech{core: core, hint: hint, unnamed: unnamed, s: Speech{Marker: marker, Section: p.section, Line: l.n}}
	if unnamed {
		p.cur.s.As = core
	}
	rest, restOff := trimRestLeft(l.text, end)
	p.speechRest(l, rest, restOff)
}

// opinionBullet reports whether l is an unnamed opinion in a bulleted
// summary (・ or • before a sentence), a turn whose speaker the minutes do
// not name. Inside a named speaker's turn a bullet continues the turn.
func (p *parser) opinionBullet(l line) bool {
	if p.cur != nil && !p.cur.unnamed {
		return false
	}
	t := l.text
	body := strings.TrimLeft(t, "・•●◆-－ 　")
	if len(body) == len(t) || body == "" {
		return false
	}
	if !strings.Contains(body, "。") && !endsSentence(body) {
		return false
	}
	if runeLen(body) < 10 {
		return false
	}
	p.openCouncil(l, strings.TrimSpace(t[:len(t)-len(body)]), "", len(t)-len(body), true)
	return true
}

// unnamedOpinion reports whether a ○ marker's core is no speaker but the
// first words of an opinion (○ 〜については、…): a 議事要旨's bullet.
func unnamedOpinion(core string) bool {
	c := core
	if i := strings.IndexAny(c, "(（"); i > 0 {
		c = c[:i]
	}
	kana := false
	for _, r := range c {
		if strings.ContainsRune("、。「」！？!?", r) {
			return true
		}
		kana = kana || unicode.Is(unicode.Hiragana, r) && r != 'の'
	}
	if !kana {
		return false
	}
	// a name in kana with a title (あかま内閣府副大臣) is a speaker
	c = strings.Join(strings.Fields(c), "")
	for _, list := range [][]string{markerTitles, speakerTitles, roleWords} {
		for _, w := range list {
			if strings.HasSuffix(c, w) && runeLen(c) <= 24 {
				return false
			}
		}
	}
	return true
}

// markerPersonPrefixes begin titles, never family names.
var markerPersonPrefixes = []string{"国務", "内閣", "事務", "総務", "財務", "外務", "文部", "厚生", "農林", "経済", "国土", "環境", "防衛", "法務", "警察", "復興", "官房", "政策", "大臣", "副大", "本部", "委員", "議長", "座長", "会長", "部会", "参考", "政府", "説明", "担当", "総理", "副総", "国家", "知的", "情報", "評価", "専門", "有識", "司会", "事務局"}

// markerPerson returns the family name and title a marker names
// (棚橋IT担当大臣 → 棚橋, IT担当大臣), or "" when it names a post only.
func markerPerson(core string) (family, title string) {
	c := strings.Join(strings.Fields(core), "")
	base := c
	if i := strings.IndexAny(base, "(（"); i > 0 {
		base = base[:i]
	}
	for _, w := range markerPersonPrefixes {
		if strings.HasPrefix(base, w) {
			return "", ""
		}
	}
	if ok, named := speakerCore(c); !ok || !named {
		return "", ""
	}
	// The title after the family name is exactly a title word (永井部会長,
	// 辻原課長), or the dictionary knows the family name (棚橋IT担当大臣);
	// a post alone (医療政策企画官) names no one.
	rs := []rune(base)
	for n := 1; n <= 3 && n < len(rs); n++ {
		rest := string(rs[n:])
		for _, list := range [][]string{roleWords, markerTitles, speakerTitles} {
			for _, w := range list {
				if rest == w && !strings.ContainsFunc(string(rs[:n]), func(r rune) bool { return !unicode.Is(unicode.Han, r) }) {
					return string(rs[:n]), strings.TrimPrefix(c, string(rs[:n]))
				}
			}
		}
	}
	if f, ok := familyByDictionary(base); ok && runeLen(f) >= 2 && councilTitle(strings.TrimPrefix(base, f)) {
		return f, strings.TrimPrefix(c, f)
	}
	return "", ""
}

// attendeesFromMarkers creates an attendee for each person the markers
// name by family name and title, for minutes with no attendee list at
// all (older headquarters minutes whose list is an attachment, 出席者：
// ［別紙］): 【棚橋IT担当大臣】 names 棚橋, IT担当大臣. Each gets a warning
// of kind speaker-from-marker. Minutes with a list never come here: a
// marker that matches no one on a list stays unresolved.
func (p *parser) attendeesFromMarkers() {
	seen := map[string]bool{}
	for _, o := range p.open {
		if o.unnamed || o.role != "" || o.core == "" {
			continue
		}
		fam, title := markerPerson(o.core)
		if fam == "" || seen[fam] {
			continue
		}
		seen[fam] = true
		p.doc.Attendees = append(p.doc.Attendees, Attendee{Name: fam, Family: fam, Title: title, Line: o.s.Line})
		p.warn(o.s.Line, WarnSpeakerFromMarker, "the minutes list no attendees: %s (%s) is taken from the marker %q", fam, title, o.s.Marker)
	}
	if len(p.doc.Attendees) > 0 {
		atts := p.doc.Attendees
		for i := range atts {
			atts[i].Organization, atts[i].OrgKind = orgOf(atts[i].Title)
		}
	}
}
