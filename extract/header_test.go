package extract

import "testing"

func TestParseDate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"平成30年４月４日（水）  ８：00～９:00", "2018-04-04"},
		{"令和3年7月7日（水） 8時40分～9時20分", "2021-07-07"},
		{"平成 30 年1月 17 日", "2018-01-17"},
		{"令和元年五月二十日（月）", "2019-05-20"},
		{"令和二年十二月一日", "2020-12-01"},
		{"平成三十一年四月三十日", "2019-04-30"},
		{"２０２２年３月３日", "2022-03-03"},
		{"2023/11/02", "2023-11-02"},
	} {
		got, problem, ok := parseDate(keyOf(tc.in))
		if !ok || got != tc.want || problem != "" {
			t.Errorf("parseDate(%q) = %q, %q, %v; want %q", tc.in, got, problem, ok, tc.want)
		}
	}
	if _, problem, ok := parseDate(keyOf("平成30年4月4日（木）")); !ok || problem == "" {
		t.Errorf("wrong weekday not reported: %q %v", problem, ok)
	}
	if _, _, ok := parseDate(keyOf("平成30年2月30日")); ok {
		t.Errorf("impossible date accepted")
	}
}

func TestParseTimes(t *testing.T) {
	for _, tc := range []struct{ in, start, end string }{
		{"平成30年４月４日（水）  ８：00～９:00", "08:00", "09:00"},
		{"令和3年7月7日（水） 8時40分～9時20分", "08:40", "09:20"},
		{"午後２時から３時半まで", "14:00", "15:30"},
		{"10:00-11:15", "10:00", "11:15"},
	} {
		s, e, ok := parseTimes(keyOf(tc.in))
		if !ok || s != tc.start || e != tc.end {
			t.Errorf("parseTimes(%q) = %q, %q, %v; want %q, %q", tc.in, s, e, ok, tc.start, tc.end)
		}
	}
}

func TestParseTitle(t *testing.T) {
	for _, tc := range []struct {
		in, body string
		n        int
		kind     string
	}{
		{"サイバーセキュリティ戦略本部 第30回会合 議事概要", "サイバーセキュリティ戦略本部", 30, "議事概要"},
		{"第17回会合 議事概要", "", 17, "議事概要"},
		{"重要インフラ専門調査会 第 16 回 議事録", "重要インフラ専門調査会", 16, "議事録"},
		{"第一回有識者会議 議事要旨", "", 1, "議事要旨"},
		{"第三十二回", "", 32, ""},
		{"サイバーセキュリティ戦略本部 第1,001回会合 議事概要", "サイバーセキュリティ戦略本部", 1001, "議事概要"},
	} {
		body, n, kind := parseTitle(tc.in)
		if body != tc.body || n != tc.n || kind != tc.kind {
			t.Errorf("parseTitle(%q) = %q, %d, %q; want %q, %d, %q", tc.in, body, n, kind, tc.body, tc.n, tc.kind)
		}
	}
}
