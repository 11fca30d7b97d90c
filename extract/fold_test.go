package extract

import "testing"

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"ＫＤＤＩ株式会社", "kddi株式会社"},
		{"平成３０年４月４日", "平成30年4月4日"},
		{"髙橋　清孝", "高橋 清孝"},
		{"ｶﾞｲﾄﾞ", "ガイド"},
		{"〇（村井本部員）", "○(村井本部員)"},
		{"８：00～９:00", "8:00~9:00"},
		{"Security by Design", "security by design"},
	} {
		f := Fold(tc.in)
		if f.S != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, f.S, tc.want)
		}
		if k := FoldKey(tc.in); k != tc.want {
			t.Errorf("FoldKey(%q) = %q, want %q", tc.in, k, tc.want)
		}
		if f.Orig(len(f.S)) != len(tc.in) {
			t.Errorf("Fold(%q): end maps to %d, want %d", tc.in, f.Orig(len(f.S)), len(tc.in))
		}
	}
}

func TestFoldOffsets(t *testing.T) {
	src := "前文ＷａｎｎａＣｒｙ、ｶﾞ後"
	f := Fold(src)
	i := indexOf(f.S, "wannacry")
	if i < 0 {
		t.Fatalf("folded %q lacks wannacry", f.S)
	}
	got := src[f.Orig(i):f.Orig(i+len("wannacry"))]
	if got != "ＷａｎｎａＣｒｙ" {
		t.Errorf("mapped back to %q", got)
	}
	j := indexOf(f.S, "ガ")
	if got := src[f.Orig(j):f.Orig(j+len("ガ"))]; got != "ｶﾞ" {
		t.Errorf("ガ mapped back to %q", got)
	}
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}
