package extract

import "testing"

// Dates and times as 会議録 of the Diet and of assemblies write them.
func TestParseDateEraWithGregorian(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"令和7年(2025年)1月24日(金)", "2025-01-24"},
		{"令和７年（2025年）１月24日", "2025-01-24"},
		{"平成二十九年四月二十一日(金曜日)", "2017-04-21"},
		{"昭和二十四年十一月十四日(月曜日)", "1949-11-14"},
	} {
		got, problem, ok := parseDate(keyOf(tc.in))
		if !ok || got != tc.want || problem != "" {
			t.Errorf("parseDate(%q) = %q, %q, %v; want %q", tc.in, got, problem, ok, tc.want)
		}
	}
}

func TestParseClock(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"午前十時開議", "10:00"},
		{"午後零時二分開議", "12:02"},
		{"午後一時二分開議", "13:02"},
		{"午前九時四十八分開会", "09:48"},
		{"10時38分閉会", "10:38"},
		{"午後三時五分開議", "15:05"},
	} {
		got, ok := parseClock(keyOf(tc.in))
		if !ok || got != tc.want {
			t.Errorf("parseClock(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
	if _, ok := parseClock(keyOf("四月二十一日")); ok {
		t.Errorf("a date read as a time")
	}
}
