package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Patterns below run on keys: folded text (NFKC, so full-width digits are
// ASCII and ～ is ~) with white space removed.
var (
	numRe   = `(\d+|[元一二三四五六七八九十百千〇零]+)`
	titleRe = regexp.MustCompile(`第(\d{1,3}(?:,\d{3})+|\d+|[元一二三四五六七八九十百千〇零]+)回`)
	eraRe   = regexp.MustCompile(`(平成|令和|昭和)` + numRe + `年` + numRe + `月` + numRe + `日(?:\(([月火水木金土日])(?:曜日?)?\))?`)
	adRe    = regexp.MustCompile(`((?:19|20)\d\d)年` + numRe + `月` + numRe + `日(?:\(([月火水木金土日])(?:曜日?)?\))?`)
	slashRe = regexp.MustCompile(`((?:19|20)\d\d)[/.-](\d{1,2})[/.-](\d{1,2})`)
	clockRe = `(午前|午後)?(\d{1,2})(?::(\d{2})|時(?:(\d{1,2})分|(半))?)`
	timeRe  = regexp.MustCompile(clockRe + `(?:~|-|から|より)` + clockRe)
	kindRe  = regexp.MustCompile(`議事概要|議事要旨|議事録|会議録`)
	// kanjiClock matches kanji numerals before 時 or 分: 十一時三十分.
	kanjiClock = regexp.MustCompile(`[〇零一二三四五六七八九十]+[時分]`)
	// adParenRe matches a Gregorian year in parentheses after an era
	// year: 令和7年(2025年)1月24日.
	adParenRe = regexp.MustCompile(`\((?:19|20)\d\d(?:年)?\)`)
)

// eraStart is the Gregorian year of each era's first year.
var eraStart = map[string]int{"昭和": 1926, "平成": 1989, "令和": 2019}

// parseNumber reads an integer written in ASCII digits or kanji numerals
// (十七, 三十, 百二, 元 for the first year of an era).
func parseNumber(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	if s == "元" {
		return 1, true
	}
	s = strings.ReplaceAll(s, ",", "") // 第1,001回
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	digits := map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	units := map[rune]int{'十': 10, '百': 100, '千': 1000}
	total, cur := 0, -1
	positional := true // 二〇一八 style
	for _, r := range s {
		if _, ok := units[r]; ok {
			positional = false
		}
	}
	if positional {
		n := 0
		for _, r := range s {
			d, ok := digits[r]
			if !ok {
				return 0, false
			}
			n = n*10 + d
		}
		return n, true
	}
	for _, r := range s {
		if d, ok := digits[r]; ok {
			cur = d
			continue
		}
		u, ok := units[r]
		if !ok {
			return 0, false
		}
		if cur < 0 {
			cur = 1
		}
		total += cur * u
		cur = -1
	}
	if cur > 0 {
		total += cur
	}
	return total, true
}

var weekdays = map[string]time.Weekday{"日": time.Sunday, "月": time.Monday, "火": time.Tuesday, "水": time.Wednesday, "木": time.Thursday, "金": time.Friday, "土": time.Saturday}

// parseDate finds a date in key and returns it in ISO form. A weekday that
// disagrees with the date is returned as a problem, not an error.
func parseDate(key string) (iso, problem string, ok bool) {
	var y, m, d int
	var wd string
	if strings.Contains(key, "年(") {
		key = adParenRe.ReplaceAllString(key, "")
	}
	if sm := eraRe.FindStringSubmatch(key); sm != nil {
		n, ok1 := parseNumber(sm[2])
		mm, ok2 := parseNumber(sm[3])
		dd, ok3 := parseNumber(sm[4])
		if !ok1 || !ok2 || !ok3 {
			return "", "", false
		}
		y, m, d, wd = eraStart[sm[1]]+n-1, mm, dd, sm[5]
	} else if sm := adRe.FindStringSubmatch(key); sm != nil {
		y, _ = strconv.Atoi(sm[1])
		mm, ok2 := parseNumber(sm[2])
		dd, ok3 := parseNumber(sm[3])
		if !ok2 || !ok3 {
			return "", "", false
		}
		m, d, wd = mm, dd, sm[4]
	} else if sm := slashRe.FindStringSubmatch(key); sm != nil {
		y, _ = strconv.Atoi(sm[1])
		m, _ = strconv.Atoi(sm[2])
		d, _ = strconv.Atoi(sm[3])
	} else {
		return "", "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return "", fmt.Sprintf("impossible date %d-%02d-%02d", y, m, d), false
	}
	if want, ok := weekdays[wd]; ok && t.Weekday() != want {
		problem = fmt.Sprintf("%s is a %s, but the minutes say （%s）", t.Format("2006-01-02"), t.Weekday(), wd)
	}
	return t.Format("2006-01-02"), problem, true
}

// parseTimes finds a start–end time range in key ("8:00~9:00",
// "8時40分~9時20分", "午後2時から3時半").
func parseTimes(key string) (start, end string, ok bool) {
	key = digitClock(key)
	sm := timeRe.FindStringSubmatch(key)
	if sm == nil {
		return "", "", false
	}
	s, ok1 := clock(sm[1:6], "")
	e, ok2 := clock(sm[6:11], sm[1])
	if !ok1 || !ok2 {
		return "", "", false
	}
	return s, e, true
}

// digitClock rewrites kanji numerals before 時 and 分 in key as digits:
// 午後零時二十九分 → 午後0時29分.
func digitClock(key string) string {
	return kanjiClock.ReplaceAllStringFunc(key, func(s string) string {
		unit := s[len(s)-len("時"):]
		n, ok := parseNumber(s[:len(s)-len(unit)])
		if !ok {
			return s
		}
		return strconv.Itoa(n) + unit
	})
}

// clockRe1 matches one clock time in a key whose numerals digitClock has
// rewritten.
var clockRe1 = regexp.MustCompile(clockRe)

// parseClock reads the first clock time in key (kanji numerals allowed):
// 午前十時 → 10:00, 午後零時二分 → 12:02, 10時38分 → 10:38.
func parseClock(key string) (string, bool) {
	sm := clockRe1.FindStringSubmatch(digitClock(key))
	if sm == nil {
		return "", false
	}
	return clock(sm[1:6], "")
}

// clock formats one clock match: [ampm, hour, min(:), min(分), 半].
// inherit is the 午前/午後 of the start, which carries over to the end.
func clock(sm []string, inherit string) (string, bool) {
	h, _ := strconv.Atoi(sm[1])
	m := 0
	switch {
	case sm[2] != "":
		m, _ = strconv.Atoi(sm[2])
	case sm[3] != "":
		m, _ = strconv.Atoi(sm[3])
	case sm[4] != "":
		m = 30
	}
	ampm := sm[0]
	if ampm == "" {
		ampm = inherit
	}
	if ampm == "午後" && h < 12 {
		h += 12
	}
	if h > 24 || m > 59 {
		return "", false
	}
	return fmt.Sprintf("%02d:%02d", h, m), true
}

// parseTitle reads the meeting number and the kind of record from the
// title key, and returns the body: the title text before 第N回.
func parseTitle(text string) (body string, number int, kind string) {
	key := keyOf(text)
	if sm := kindRe.FindString(key); sm != "" {
		kind = sm
	}
	loc := titleRe.FindStringSubmatchIndex(key)
	if loc == nil {
		return "", 0, kind
	}
	number, _ = parseNumber(key[loc[2]:loc[3]])
	// The body is what precedes 第 in the original text.
	if i := strings.Index(text, "第"); i > 0 {
		body = strings.TrimSpace(strings.TrimRight(text[:i], " \t\u3000"))
	}
	return body, number, kind
}
