package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ikawaha/kagome/v2/tokenizer"
)

// Candidate kinds: how discovery found a term.
const (
	CandidateKatakana   = "katakana"    // a katakana compound: サプライチェーン
	CandidateLatin      = "latin"       // a Latin acronym or name: SBOM, Connected Industries
	CandidateQuoted     = "quoted"      // a 「」-quoted title: 「漫画村」
	CandidateProperNoun = "proper-noun" // an organisation or place by its part of speech: 経団連, 北朝鮮
)

// Candidate is a term the concept list does not have, found in the
// minutes, for a curator to promote to the list or ignore.
type Candidate struct {
	// Surface is the most frequent spelling.
	Surface string `json:"surface"`
	Kind    string `json:"kind"`
	// Count is the number of occurrences; Documents the number of
	// documents they are in.
	Count     int `json:"count"`
	Documents int `json:"documents"`
	// Evidence is the first few occurrences, with their sentences and
	// source offsets. Its Mentions have no concept and type "candidate".
	Evidence []Mention `json:"evidence"`
}

// candidateEvidence is how many occurrences a Candidate keeps as evidence.
const candidateEvidence = 3

// Discover finds terms in the speeches and agenda titles of docs that
// known does not cover: katakana compounds, Latin acronyms and names,
// 「」-quoted titles, and organisations and places by their part of
// speech (kagome, IPA dictionary). People are not concepts: person names
// and attendees are left out. Candidates are ranked by the number of
// documents, then of occurrences. known may be nil.
func Discover(docs []*Document, known *Concepts) []Candidate {
	d := &discoverer{known: known, byKey: map[string]*candAcc{}}
	for di, doc := range docs {
		d.doc = di
		d.people = attendeeKeys(doc)
		for i := range doc.Agenda {
			it := &doc.Agenda[i]
			d.unit(agendaOffsets(doc, it))
		}
		for i := range doc.Speeches {
			d.unit(speechOffsets(doc, &doc.Speeches[i]))
		}
	}
	out := make([]Candidate, 0, len(d.order))
	for _, a := range d.order {
		c := a.Candidate
		c.Surface = a.bestSurface()
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Documents != b.Documents {
			return a.Documents > b.Documents
		}
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Surface < b.Surface
	})
	return out
}

type discoverer struct {
	known  *Concepts
	byKey  map[string]*candAcc
	order  []*candAcc
	doc    int
	people map[string]bool
}

type candAcc struct {
	Candidate
	lastDoc  int
	surfaces map[string]int
	first    []string // surfaces in order of first sight
}

func (a *candAcc) bestSurface() string {
	best := a.first[0]
	for _, s := range a.first[1:] {
		if a.surfaces[s] > a.surfaces[best] {
			best = s
		}
	}
	return best
}

// occurrence is one candidate term in a unit's text: bytes [start, end).
type occurrence struct {
	start, end int
	kind       string
	key        string
}

// unit finds the candidates in one speech or agenda title.
func (d *discoverer) unit(m offsetMap) {
	text := m.text
	if strings.TrimSpace(text) == "" {
		return
	}
	var known []textHit
	if d.known != nil {
		for _, h := range d.known.find(text) {
			if !h.implicit {
				known = append(known, h)
			}
		}
	}
	covered := func(start, end int) bool {
		for _, h := range known {
			if h.start <= start && end <= h.end {
				return true
			}
		}
		return false
	}
	sentences := sentenceRanges(text)
	toks := tokenizeSentences(text, sentences)

	var occs []occurrence
	seen := map[[2]int]bool{}
	add := func(start, end int, kind string, key string) {
		if start >= end || seen[[2]int{start, end}] || covered(start, end) {
			return
		}
		if key == "" {
			key = aliasKey(text[start:end])
		}
		if key == "" || candidateStop[key] || d.people[key] || d.knownKey(key) {
			return
		}
		seen[[2]int{start, end}] = true
		occs = append(occs, occurrence{start, end, kind, key})
	}
	for _, o := range quotedTerms(text, toks) {
		add(o.start, o.end, o.kind, o.key)
	}
	for _, o := range latinTerms(text) {
		if d.known != nil && d.knownKey(strings.TrimRightFunc(o.key, unicode.IsDigit)) {
			continue // AI1: a known term with a stray digit
		}
		add(o.start, o.end, o.kind, o.key)
	}
	for _, o := range katakanaTerms(text, toks) {
		add(o.start, o.end, o.kind, o.key)
	}
	for _, o := range properNouns(text, toks) {
		add(o.start, o.end, o.kind, o.key)
	}
	slices.SortFunc(occs, func(a, b occurrence) int { return a.start - b.start })
	for _, o := range occs {
		a := d.byKey[o.key]
		if a == nil {
			a = &candAcc{Candidate: Candidate{Kind: o.kind}, lastDoc: -1, surfaces: map[string]int{}}
			d.byKey[o.key] = a
			d.order = append(d.order, a)
		}
		surface := text[o.start:o.end]
		if a.surfaces[surface] == 0 {
			a.first = append(a.first, surface)
		}
		a.surfaces[surface]++
		a.Count++
		if a.lastDoc != d.doc {
			a.lastDoc = d.doc
			a.Documents++
		}
		if len(a.Evidence) < candidateEvidence {
			mt := evidence(m, sentences, o.start, o.end)
			mt.Type = TypeCandidate
			a.Evidence = append(a.Evidence, mt)
		}
	}
}

// knownKey reports whether key is the key of a known alias (or implicit
// phrase).
func (d *discoverer) knownKey(key string) bool {
	if d.known == nil {
		return false
	}
	return d.known.hasKey(key)
}

// hasKey reports whether some alias or implicit phrase has key.
func (c *Concepts) hasKey(key string) bool {
	for _, t := range []*conceptTrie{c.explicit, c.implicit} {
		if t == nil {
			continue
		}
		var node int32
		ok := true
		for _, r := range key {
			if node, ok = t.edges[trieEdge{node, r}]; !ok {
				break
			}
		}
		if ok && node != 0 && t.nodes[node].entry >= 0 {
			return true
		}
	}
	return false
}

// attendeeKeys are the attendees' names, family names and given names as
// keys: people are not concepts.
func attendeeKeys(doc *Document) map[string]bool {
	m := map[string]bool{}
	for _, a := range doc.Attendees {
		for _, s := range []string{a.Name, a.Family, a.Given} {
			if k := aliasKey(s); utf8.RuneCountInString(k) >= 2 {
				m[k] = true
			}
		}
	}
	return m
}

// candidateStop lists keys that are never candidates: words too general
// to be concepts that the tagger does not recognise as common nouns.
var candidateStop = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range []string{
		// The field itself, and prefixes kagome does not know.
		"サイバー", "サイバーセキュリティ", "セキュリティ", "サイバーセキュ",
		// Japan is the setting of every meeting, not a topic.
		"日本", "我が国", "日本国",
		// Reactions and formulas quoted in the minutes.
		"異議なし", "異議なし。", "了承", "賛成",
		// Everyday loanwords the IPA dictionary does not know, so that
		// they pass for compounds.
		"ウェブサイト", "オールマイティ", "インクルーシブ", "バリア", "コンサル",
		"オンラインバージョン", "オールジャパン", "ナンセンス",
	} {
		m[aliasKey(s)] = true
	}
	return m
}()

// tokToken is a kagome token with its byte offsets in the unit's text.
type tokToken struct {
	start, end int
	surface    string
	pos        []string
	known      bool // in the dictionary (not an unknown word)
}

func (t tokToken) posAt(i int) string {
	if i < len(t.pos) {
		return t.pos[i]
	}
	return ""
}

// tokenizeSentences tokenizes text sentence by sentence: kagome's lattice
// is built per call, and sentences keep it small.
func tokenizeSentences(text string, sentences []textRange) []tokToken {
	tk := ipaTokenizer()
	var out []tokToken
	for _, s := range sentences {
		for _, t := range tk.Tokenize(text[s.start:s.end]) {
			if t.Class == tokenizer.DUMMY {
				continue
			}
			start := s.start + t.Position
			out = append(out, tokToken{
				start:   start,
				end:     start + len(t.Surface),
				surface: t.Surface,
				pos:     t.POS(),
				known:   t.Class == tokenizer.KNOWN,
			})
		}
	}
	return out
}

// tokensIn returns the tokens that lie within [start, end).
func tokensIn(toks []tokToken, start, end int) []tokToken {
	i := sort.Search(len(toks), func(i int) bool { return toks[i].start >= start })
	j := i
	for j < len(toks) && toks[j].end <= end {
		j++
	}
	return toks[i:j]
}

// isCommonNoun reports whether the tokens are one dictionary word that is
// a common noun (チーム, イメージ, ビジネス), a number or a pronoun.
func isCommonNoun(ts []tokToken) bool {
	if len(ts) != 1 || !ts[0].known || ts[0].posAt(0) != "名詞" {
		return false
	}
	return ts[0].posAt(1) != "固有名詞"
}

// quotedTerms finds 「」 and 『』 quoted titles of at most 40 characters.
// Quotations of speech (「異議なし」と声あり), sentences and single common
// words (「ビジネス」という言葉) are not titles.
func quotedTerms(text string, toks []tokToken) []occurrence {
	var out []occurrence
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		var closer rune
		switch r {
		case '「':
			closer = '」'
		case '『':
			closer = '』'
		default:
			continue
		}
		start := i
		depth := 1
		end := -1
		for j := i; j < len(text); {
			c, m := utf8.DecodeRuneInString(text[j:])
			switch {
			case c == r:
				depth++
			case c == closer:
				depth--
			case c == '\n':
				j = len(text) // a quote does not run across paragraphs
				continue
			}
			if depth == 0 {
				end = j
				break
			}
			j += m
		}
		if end < 0 {
			continue
		}
		content := text[start:end]
		after := text[end+len(string(closer)):]
		i = end + len(string(closer))
		if !quotedTitle(content, after, tokensIn(toks, start, end)) {
			continue
		}
		out = append(out, occurrence{start, end, CandidateQuoted, quotedKey(content)})
	}
	return out
}

func quotedTitle(content, after string, toks []tokToken) bool {
	n := utf8.RuneCountInString(content)
	switch {
	case n < 2 || n > 40:
		return false
	case strings.ContainsAny(content, "。＝=？?！!"):
		return false // a sentence or a slogan, not a title
	case strings.HasPrefix(after, "と声") || strings.HasPrefix(after, "との声") || strings.HasPrefix(after, "と発言"):
		return false // a quotation of speech
	case isCommonNoun(toks):
		return false // a word quoted: 「ビジネス」という言葉
	}
	// A sentence ends in a verb or auxiliary, a title in a noun.
	if len(toks) > 0 {
		last := toks[len(toks)-1]
		if p := last.posAt(0); p == "助動詞" || p == "動詞" || p == "助詞" {
			return false
		}
	}
	return true
}

// quotedKey keys a quoted title, dropping a trailing （案）: the draft and
// the decided document are one title.
func quotedKey(content string) string {
	k := aliasKey(content)
	for _, suf := range []string{"(案)", "(試案)", "(骨子)", "案"} {
		if t, ok := strings.CutSuffix(k, suf); ok && utf8.RuneCountInString(t) >= 2 {
			return t
		}
	}
	return k
}

// latinConnectors may stand between the capitalised words of a name:
// Software Bill of Materials, Security by Design.
var latinConnectors = map[string]bool{
	"of": true, "by": true, "for": true, "and": true, "the": true, "with": true,
	"in": true, "on": true, "to": true, "de": true, "a": true,
}

// latinWord is one word of Latin letters and digits in a unit's text.
type latinWord struct {
	start, end int    // bytes of the unit's text
	folded     string // lower-case, half-width
	upper      int    // upper-case letters as written
	letters    int
	capital    bool // first letter upper-case as written
	digitsOnly bool
}

// latinTerms finds acronyms (SBOM, NISC), capitalised names (GitHub) and
// multi-word names (Connected Industries, Software Bill of Materials).
// Lower-case words (abuse), units after a number (１Tbps, 5G), words with
// one letter (A11) and English prose (Cybercriminals are shifting …) are
// not terms.
func latinTerms(text string) []occurrence {
	f := Fold(text)
	var words []latinWord
	s := f.S
	for i := 0; i < len(s); {
		c := s[i]
		if !cmLatinDigit(rune(c)) {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			continue
		}
		j := i
		for j < len(s) && (cmLatinDigit(rune(s[j])) ||
			(s[j] == '.' || s[j] == '-') && j+1 < len(s) && cmLatinDigit(rune(s[j+1])) && j > i) {
			j++
		}
		w := latinWord{start: f.Orig(i), end: f.Orig(j), folded: s[i:j], digitsOnly: true}
		first := true
		for _, r := range text[w.start:w.end] {
			if unicode.IsLetter(r) {
				w.letters++
				w.digitsOnly = false
				if unicode.IsUpper(r) {
					w.upper++
					if first {
						w.capital = true
					}
				}
				first = false
			} else if unicode.IsDigit(r) && first {
				first = false
			}
		}
		// A word that starts with a digit is a number or a number with a
		// unit (5G, 1tbps): split off nothing, just mark it.
		if !w.digitsOnly && cmDigit(rune(w.folded[0])) {
			w.digitsOnly = true
			w.letters = 0
		}
		words = append(words, w)
		i = j
	}
	var out []occurrence
	for i := 0; i < len(words); {
		w := words[i]
		if !nameWord(w) {
			i++
			continue
		}
		// Extend over "Word Word", "Word of Word", "Tier 3".
		j := i + 1
		for j < len(words) {
			if !singleSpace(text, words[j-1].end, words[j].start) {
				break
			}
			switch {
			case nameWord(words[j]):
				j++
				continue
			case words[j].digitsOnly && nameWord(words[j-1]):
				j++
				continue
			case latinConnectors[words[j].folded] && j+1 < len(words) &&
				singleSpace(text, words[j].end, words[j+1].start) && nameWord(words[j+1]):
				j += 2
				continue
			}
			break
		}
		// English prose: a lower-case word right before or after.
		prose := i > 0 && singleSpace(text, words[i-1].end, w.start) && !nameWord(words[i-1]) && !words[i-1].digitsOnly ||
			j < len(words) && singleSpace(text, words[j-1].end, words[j].start) && !words[j].digitsOnly
		if !prose {
			start, end := w.start, words[j-1].end
			letters := 0
			for _, x := range words[i:j] {
				letters += x.letters
			}
			if letters >= 2 {
				out = append(out, occurrence{start, end, CandidateLatin, aliasKey(text[start:end])})
			}
		}
		i = j
	}
	return out
}

// nameWord reports whether w can be (part of) a name: it has a letter
// written in upper case and at least one letter, and does not start with
// a digit.
func nameWord(w latinWord) bool {
	return !w.digitsOnly && w.upper > 0 && (w.capital || w.upper >= 2)
}

func singleSpace(text string, end, start int) bool {
	gap := text[end:start]
	return gap == " " || gap == "\u3000"
}

func cmDigit(r rune) bool { return '0' <= r && r <= '9' }

// personTitles follow a name that is a person's: バイデン大統領.
var personTitles = []string{"大統領", "政権", "首相", "氏", "長官", "大臣", "議長", "総理", "さん", "会長", "社長", "国務長官", "外相"}

// katakanaTerms finds katakana compounds of three characters or more
// (サプライチェーン, マシン・ツー・マシン). One dictionary word that is a
// common noun (チーム) is not a compound; a person's name (バイデン大統領)
// is not a concept.
func katakanaTerms(text string, toks []tokToken) []occurrence {
	var out []occurrence
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !cmKatakana(r) || r == 'ー' {
			i += n
			continue
		}
		start := i
		end := i
		j := i
		for j < len(text) {
			c, m := utf8.DecodeRuneInString(text[j:])
			if cmKatakana(c) {
				j += m
				end = j
				continue
			}
			if c == '・' || c == '･' {
				if nc, _ := utf8.DecodeRuneInString(text[j+m:]); j+m < len(text) && cmKatakana(nc) && nc != 'ー' {
					j += m
					continue
				}
			}
			break
		}
		i = max(end, start+n)
		if utf8.RuneCountInString(text[start:end]) < 3 {
			continue
		}
		rest := text[end:]
		if slices.ContainsFunc(personTitles, func(t string) bool { return strings.HasPrefix(rest, t) }) {
			continue
		}
		if katakanaCommonNoun(text, start, end, toks) {
			continue
		}
		ts := tokensIn(toks, start, end)
		kind := CandidateKatakana
		if len(ts) == 1 && ts[0].posAt(1) == "固有名詞" {
			switch ts[0].posAt(2) {
			case "人名":
				continue
			case "組織", "地域":
				if ts[0].known {
					kind = CandidateProperNoun
				}
			}
		}
		out = append(out, occurrence{start, end, kind, ""})
	}
	return out
}

// katakanaCommonNoun reports whether the katakana run text[start:end] is
// one common noun of the dictionary, or part of one (急ピッチ), also when
// it is written with a trailing ー the dictionary does not have
// (アーキテクチャー).
func katakanaCommonNoun(text string, start, end int, toks []tokToken) bool {
	over := tokensOver(toks, start, end)
	if len(over) == 1 && isCommonNoun(over) {
		return true
	}
	if run := text[start:end]; strings.HasSuffix(run, "ー") {
		var ts []tokToken
		for _, t := range ipaTokenizer().Tokenize(strings.TrimRight(run, "ー")) {
			ts = append(ts, tokToken{surface: t.Surface, pos: t.POS(), known: t.Class == tokenizer.KNOWN})
		}
		return isCommonNoun(ts)
	}
	return false
}

// tokensOver returns the tokens that overlap [start, end).
func tokensOver(toks []tokToken, start, end int) []tokToken {
	i := sort.Search(len(toks), func(i int) bool { return toks[i].end > start })
	j := i
	for j < len(toks) && toks[j].start < end {
		j++
	}
	return toks[i:j]
}

// orgSuffixes join a proper noun to the name of an institution:
// 慶應義塾 + 大学.
var orgSuffixes = map[string]bool{
	"大学": true, "大学院": true, "大使館": true, "省": true, "庁": true, "局": true,
	"機構": true, "研究所": true, "協会": true, "委員会": true, "財団": true, "銀行": true,
	"都": true, "道": true, "府": true, "県": true,
}

// properNouns finds organisations and places the dictionary knows
// (経団連, 北朝鮮, 外務省), written in kanji: katakana and Latin names are
// found by their own rules.
func properNouns(text string, toks []tokToken) []occurrence {
	var out []occurrence
	for i := 0; i < len(toks); i++ {
		// A name of one character is an abbreviation in a compound (米英).
		if !properOrgPlace(toks[i]) || utf8.RuneCountInString(toks[i].surface) < 2 {
			continue
		}
		j := i + 1
		for j < len(toks) && toks[j].start == toks[j-1].end && properOrgPlace(toks[j]) {
			j++
		}
		for j < len(toks) && toks[j].start == toks[j-1].end && orgSuffixes[toks[j].surface] {
			j++
		}
		start, end := toks[i].start, toks[j-1].end
		i = j - 1
		s := text[start:end]
		if utf8.RuneCountInString(s) < 2 || strings.IndexFunc(s, func(r rune) bool { return cmKatakana(r) || r < 0x80 }) >= 0 {
			continue
		}
		out = append(out, occurrence{start, end, CandidateProperNoun, ""})
	}
	return out
}

func properOrgPlace(t tokToken) bool {
	if !t.known || t.posAt(0) != "名詞" || t.posAt(1) != "固有名詞" {
		return false
	}
	switch t.posAt(2) {
	case "組織", "地域":
		return true
	}
	return false
}
