package extract

import (
	"strings"
	"unicode/utf8"
)

// meetingStarts returns the index in lines of the first line of every
// meeting in a file: 0, and then each title line (第N回, 議事録…) that
// follows a closing 以上 or the first meeting's speeches and is itself
// followed within a few lines by a date. The body's name on the line
// above such a title belongs to the new meeting.
func meetingStarts(lines []line) []int {
	starts := []int{0}
	head := map[string]bool{} // the current meeting's first lines: running headers repeat them
	sawMarker, afterEnd := false, false
	endIdx := -1
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l.text == "" {
			continue
		}
		k := l.key
		if i-starts[len(starts)-1] < 12 {
			head[k] = true
			if isMarker(k) {
				sawMarker = true
			}
			continue
		}
		switch {
		case isEnd(k):
			afterEnd, endIdx = true, i
			continue
		case isMarker(k):
			sawMarker = true
		}
		if !(afterEnd || sawMarker) || head[k] || !titleLike(l.text) || !dateFollows(lines, i) {
			continue
		}
		s := i
		if afterEnd {
			s = endIdx + 1
		} else if j := prevText(lines, i); j > starts[len(starts)-1] && shortHeading(lines[j].text) {
			s = j
		}
		for s < i && lines[s].text == "" {
			s++
		}
		starts = append(starts, s)
		head = map[string]bool{}
		for j := s; j <= i; j++ {
			head[lines[j].key] = true
		}
		sawMarker, afterEnd = false, false
	}
	return starts
}

// titleLike reports whether text can be the title line of minutes.
func titleLike(text string) bool {
	if utf8.RuneCountInString(text) > 60 || strings.HasSuffix(text, "。") || isMarker(keyOf(text)) {
		return false
	}
	_, n, kind := parseTitle(text)
	return n > 0 || kind != ""
}

// dateFollows reports whether a date stands on one of the few lines after
// lines[i] with text.
func dateFollows(lines []line, i int) bool {
	seen := 0
	for j := i + 1; j < len(lines) && seen < 8; j++ {
		if lines[j].text == "" {
			continue
		}
		seen++
		if _, _, ok := parseDate(lines[j].key); ok && utf8.RuneCountInString(lines[j].key) <= 50 {
			return true
		}
	}
	return false
}

func prevText(lines []line, i int) int {
	for j := i - 1; j >= 0; j-- {
		if lines[j].text != "" {
			return j
		}
	}
	return -1
}

// shortHeading reports whether text looks like a body's name above a
// title rather than the end of a speech.
func shortHeading(text string) bool {
	return utf8.RuneCountInString(text) <= 30 && !strings.HasSuffix(text, "。") && !isMarker(keyOf(text)) && !isEnd(keyOf(text))
}
