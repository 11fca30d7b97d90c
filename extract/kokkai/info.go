package kokkai

import (
	"strings"
)

// listed is a person in the attendee sections of a 会議録情報.
type listed struct {
	title, family, given string
	line                 int // 1-based line in the 会議録情報
}

func (l listed) name() string {
	if l.given == "" {
		return l.family
	}
	return l.family + " " + l.given
}

// readInfo reads the attendee sections of a 会議録情報 (speechOrder 0) in
// the Diet's layout: after a heading such as 出席委員, 出席国務大臣,
// 出席政府参考人 or 出席者は左のとおり, entries that end in 君, each its name
// with a space between family and given name, after the title it is
// listed under (委員長, 理事, 国務大臣（デジタル大臣）…), which may stand on
// a line of its own. A rule of dashes or 本日の会議に付した案件 ends them.
//
// This is a reader of the API's own record; the text extractor's Diet
// layout reads the same sections from a plain-text record.
func readInfo(info string) []listed {
	var out []listed
	in := false
	section := ""        // the title the section heading implies
	var pending []string // tokens since the last entry
	pendingLine := 0
	for i, raw := range strings.Split(info, "\n") {
		l := strings.TrimSpace(strings.ReplaceAll(raw, "\u3000", " "))
		switch {
		case l == "":
			continue
		case strings.HasPrefix(l, "出席") || strings.HasPrefix(l, "委員外の出席者"):
			in, pending = true, nil
			section = ""
			for _, t := range []string{"委員", "国務大臣", "副大臣", "大臣政務官", "政府参考人", "参考人", "政府特別補佐人"} {
				if strings.TrimSuffix(strings.TrimPrefix(l, "出席"), "等") == t {
					section = t
				}
			}
			continue
		case strings.HasPrefix(l, "――") || strings.HasPrefix(l, "本日の会議に付した案件") || strings.HasPrefix(l, "―") || strings.HasPrefix(l, "午前") || strings.HasPrefix(l, "午後"):
			in, pending = false, nil
			continue
		}
		if !in {
			continue
		}
		for _, tok := range strings.Fields(l) {
			if len(pending) == 0 {
				pendingLine = i + 1
			}
			if !strings.HasSuffix(tok, "君") {
				pending = append(pending, tok)
				continue
			}
			pending = append(pending, strings.TrimSuffix(tok, "君"))
			if e, ok := entry(pending, pendingLine); ok {
				if strings.HasPrefix(e.title, "（") && strings.HasSuffix(e.title, "）") && strings.Count(e.title, "（") == 1 {
					e.title = strings.TrimSuffix(strings.TrimPrefix(e.title, "（"), "）")
				}
				if e.title == "" {
					e.title = section
				}
				out = append(out, e)
			}
			pending = nil
		}
		// Tokens left at the end of a line are a title for the next
		// line's name: 国務大臣 | （デジタル大臣） 河野 太郎君.
	}
	return out
}

// titleWords are labels the lists use before a name.
var titleWords = []string{"委員長", "理事", "委員", "大臣", "長官", "副長官", "政務官", "参考人", "議長", "副議長", "会長", "事務総長", "官", "長"}

func isTitle(tok string) bool {
	if strings.ContainsAny(tok, "（）()") {
		return true
	}
	for _, w := range titleWords {
		if strings.HasSuffix(tok, w) {
			return true
		}
	}
	return false
}

// entry makes a listed person of the tokens before 君: the title tokens,
// then family and given name.
func entry(toks []string, line int) (listed, bool) {
	// The name is the last token, or the last two when the one before it
	// is not a title.
	// A group label on its own line repeated before the name's own
	// title (国務大臣 | 国務大臣 河野 太郎君) counts once.
	var dedup []string
	for i, t := range toks {
		if i == 0 || t != toks[i-1] {
			dedup = append(dedup, t)
		}
	}
	toks = dedup
	n := len(toks)
	if n == 0 || toks[n-1] == "" {
		return listed{}, false
	}
	if n >= 2 && !isTitle(toks[n-2]) {
		return listed{title: strings.Join(toks[:n-2], ""), family: toks[n-2], given: toks[n-1], line: line}, true
	}
	return listed{title: strings.Join(toks[:n-1], ""), family: toks[n-1], line: line}, true
}
