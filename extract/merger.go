package extract

import (
	"regexp"
	"strings"
)

// The 会議録 of councils that assemblies set up together (合併協議会, and
// other 協議会 whose records follow an assembly's style) have the layout of
// an assembly's 会議録 without its proving labels: the title says
// 協議会 and 会議録 (第1回 田沢湖・角館・西木合併協議会 / 会 議 録), the
// attendees are letter-spaced names padded to a fixed width, two to a
// line (高 橋 正 男 千 葉   勇), under role words written the same way
// (会 長, 副 会 長, 委員 (田沢湖町)), and the header may be a table of
// labels with their values below them (開催年月日 開催場所 … then the
// values in the same order).

// councilRecordTitle reports whether the first lines of the text name a
// 協議会's 会議録: 第8回 五戸町・倉石村合併協議会会議録, or the body on one
// line and 会 議 録 on the next.
func councilRecordTitle(lines []line) bool {
	var k string
	n := 0
	for _, l := range lines {
		if l.text == "" || topPageMarker(l.key) {
			continue
		}
		k += l.key
		if n++; n == 3 {
			break
		}
	}
	i := strings.Index(k, "協議会")
	return i >= 0 && strings.Contains(k[i:], "会議録")
}

// countTailRe matches a head count after the last name of a list: 以上28名,
// 1名.
var countTailRe = regexp.MustCompile(`\s*(?:以上)?\s*[0-9０-９]+\s*名$`)

// paddedLine reads a line of an attendee list whose names are letter-spaced
// and padded to one width: an optional role word (letter-spaced or not)
// and then one or more names (会 長 佐 藤 清 雄, 副 会 長 太 田 芳 文 田 代
// 千代志, 佐々木   章 辻     均). A role word with a group in parentheses
// or nothing after it (委員 (田沢湖町)) applies to the names below it:
// sticky is true then and names is empty. ok is false for other lines.
func paddedLine(text string) (role string, sticky bool, names [][2]string, ok bool) {
	k := keyOf(text)
	rest := text
	for _, r := range memberRoles {
		if strings.HasPrefix(k, r) {
			role, rest = r, dropKeyPrefix(text, runeLen(r))
			break
		}
	}
	rest = strings.TrimSpace(countTailRe.ReplaceAllString(rest, ""))
	if role != "" && (rest == "" || parenRe.MatchString(rest) && parenRe.FindString(rest) == rest) {
		return role, true, nil, true
	}
	names, padded := paddedNames(rest)
	if names == nil || !padded && len(names) > 1 {
		return "", false, nil, false
	}
	return role, false, names, true
}

// paddedNames splits s into names of a fixed width W (each a name's
// characters with spaces between and padding inside), separated by one
// space. padded reports whether the padding shows (a run of spaces or an
// unspaced part inside a name), which tells a padded list from a run of
// single characters that could be cut anywhere.
func paddedNames(s string) (names [][2]string, padded bool) {
	rs := []rune(s)
	for _, w := range []int{7, 5, 9} {
		if (len(rs)+1)%(w+1) != 0 {
			continue
		}
		var out [][2]string
		pad := false
		good := true
		for i := 0; i < len(rs); i += w + 1 {
			if i+w < len(rs) && !isSpace(rs[i+w]) {
				good = false
				break
			}
			chunk := string(rs[i:min(i+w, len(rs))])
			if isSpace(rs[i]) || isSpace(rs[i+w-1]) {
				good = false
				break
			}
			family, given, p, ok := paddedName(chunk)
			if !ok {
				good = false
				break
			}
			pad = pad || p
			out = append(out, [2]string{family, given})
		}
		if good && len(out) > 0 {
			return out, pad
		}
	}
	return nil, false
}

var gapRe = regexp.MustCompile(`\s{2,}`)

// paddedName splits one fixed-width name: at its widest gap (千 葉   勇,
// 佐々木   章), else after its single characters before an unspaced part
// (田 代 千代志) or at an unspaced family name (佐久間 健 一), else by the
// dictionary or after two characters (高 橋 正 男).
func paddedName(chunk string) (family, given string, padded, ok bool) {
	toks, _ := fields(chunk)
	all := strings.Join(toks, "")
	if len(toks) < 2 || !isNameLike(all) || runeLen(all) > 6 {
		return "", "", false, false
	}
	if parts := gapRe.Split(strings.TrimSpace(chunk), -1); len(parts) == 2 {
		return strings.Join(strings.Fields(parts[0]), ""), strings.Join(strings.Fields(parts[1]), ""), true, true
	}
	for i, t := range toks {
		if runeLen(t) > 1 {
			if i == 0 {
				return t, strings.Join(toks[1:], ""), true, true
			}
			return strings.Join(toks[:i], ""), strings.Join(toks[i:], ""), true, true
		}
	}
	family, given = splitName(all)
	return family, given, false, true
}

// blockRoles are the roles a marker of several lines starts with.
var blockRoles = map[string]bool{"会長": true, "副会長": true, "議長": true, "副議長": true, "委員長": true, "副委員長": true, "委員": true, "進行係": true, "司会": true, "事務局長": true, "事務局": true, "局長": true, "副局長": true, "事務局次長": true}

// A blockMark is a speaker marker written over several lines, as the
// 合併協議会 of 五戸町 print them: a role (letter-spaced), perhaps a post
// (五戸町長, (事務局長)) and a letter-spaced name, each on its own line,
// then the speech, indented, on the lines below.
type blockMark struct {
	role, post, name string
	marker           string
	next             int // the index of the speech's first line
}

// blockMarker reads a marker of several lines at line i.
func blockMarker(lines []line, i int) (blockMark, bool) {
	l := lines[i]
	if l.indent || !blockRoles[l.key] {
		return blockMark{}, false
	}
	bm := blockMark{role: l.key, marker: l.text}
	for j := i + 1; j < len(lines) && j <= i+6; j++ {
		n := lines[j]
		if n.text == "" {
			continue
		}
		if n.indent || runeLen(n.key) > 12 || strings.ContainsAny(n.key, "。、") {
			if bm.marker == l.text {
				return blockMark{}, false // a role word alone before text
			}
			bm.next = j
			return bm, true
		}
		toks, _ := fields(n.text)
		all := strings.Join(toks, "")
		switch {
		case strings.HasPrefix(n.key, "(") && strings.HasSuffix(n.key, ")") && bm.post == "":
			bm.post = strings.Trim(n.key, "()")
		case len(toks) >= 2 && isNameLike(all) && runeLen(all) <= 6 && bm.name == "" && singleRunes(toks):
			bm.name = all
		case bm.post == "" && bm.name == "" && isTitle(n.key):
			bm.post = n.text
		default:
			return blockMark{}, false
		}
		bm.marker += " " + n.text
	}
	return blockMark{}, false
}

func singleRunes(toks []string) bool {
	for _, t := range toks {
		if runeLen(t) != 1 {
			return false
		}
	}
	return true
}

// lineMarker reports whether line i is a speaker marker without ○ alone
// on its line, a family name and a title (中村委員, 関総務課長, 井内委員長),
// with the speech on the lines below it, indented or in sentences.
func lineMarker(lines []line, i int) bool {
	l := lines[i]
	k := l.key
	if l.indent || runeLen(k) < 3 || runeLen(k) > 12 || strings.ContainsAny(k, "。、:()・") || isGikaiLabelKey(k) {
		return false
	}
	if ok, named := speakerCore(k); !ok || !named {
		return false
	}
	for j := i + 1; j < len(lines) && j <= i+2; j++ {
		n := lines[j]
		if n.text == "" {
			continue
		}
		return n.indent && runeLen(n.key) > 6 || strings.Contains(n.key, "。")
	}
	return false
}

// trimSegBullet drops a bullet before a header line (• 委員 溝部 ちづ子).
func trimSegBullet(s line) line {
	t := strings.TrimLeft(s.text, "•◦・‐-－ 　")
	if t == s.text || t == "" {
		return s
	}
	s.start += len(s.text) - len(t)
	s.text = t
	s.key = keyOf(t)
	return s
}

// boxLine reports whether s is a line of a table drawn with box-drawing
// characters (┌───┬───┐, │1番 │山 神   猛  │ □ │ 〇 │).
func boxLine(s string) bool {
	return strings.ContainsAny(s, "│┃├┼┤┌┐└┘┬┴")
}

// boxRow reads a row of an attendance table drawn with box-drawing
// characters: the member's name (letter-spaced, padded) and the marks of
// attendance. A member marked absent (×, 欠席) or a header row gives no
// name.
func boxRow(s string) ([2]string, bool) {
	cells := strings.FieldsFunc(s, func(r rune) bool { return r == '│' || r == '┃' })
	var name [2]string
	found := false
	for _, c := range cells {
		k := keyOf(c)
		switch {
		case k == "" || seatRe.MatchString(k) || k == "□" || k == "○":
		case k == "×" || k == "△" || strings.Contains(k, "欠席") || strings.Contains(k, "不応"):
			return [2]string{}, false
		case !found && isNameLike(k) && runeLen(k) >= 2 && runeLen(k) <= 6 && !strings.ContainsAny(k, "氏名席番号応召招出"):
			if f, g, _, ok := paddedName(strings.TrimSpace(c)); ok {
				name = [2]string{f, g}
			} else {
				f, g := splitName(k)
				name = [2]string{f, g}
			}
			found = true
		}
	}
	return name, found && name[1] != ""
}
