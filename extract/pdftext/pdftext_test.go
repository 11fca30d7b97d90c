package pdftext

import (
	"errors"
	"strings"
	"testing"
)

// word places text at (x, y) in a 10 pt font: full-width characters are
// 10 pt wide, others 5.
func word(x, y float64, text string) Word {
	w := 0.0
	for _, r := range text {
		if r >= 0x2E80 {
			w += 10
		} else {
			w += 5
		}
	}
	return Word{XMin: x, YMin: y, XMax: x + w, YMax: y + 13, Text: text}
}

func TestLayoutLinesAndSpaces(t *testing.T) {
	p := Page{Width: 600, Height: 800, Words: []Word{
		word(150, 100, "内閣官房長官"), // out of order: read by position
		word(50, 100, "菅"),
		word(75, 100, "義偉"),
		word(50, 120, "第"),
		word(62, 120, "17"), // 2 pt: LibreOffice's autospace, no space
		word(74, 120, "回会合"),
		word(109, 120, "議事概要"), // 5 pt between CJK: a space
		word(50, 140, "DX"),
		word(63, 140, "with"), // Latin words: a space
	}}
	got, err := Layout([]Page{p})
	if err != nil {
		t.Fatal(err)
	}
	want := "菅   義偉           内閣官房長官\n第17回会合 議事概要\nDX with\n"
	if got.Text != want {
		t.Errorf("got\n%q\nwant\n%q", got.Text, want)
	}
}

func TestLayoutColumns(t *testing.T) {
	var ws []Word
	for i := range 12 {
		y := 100 + float64(i)*20
		ws = append(ws, word(50, y, "左の段の行"), word(350, y, "右の段の行"))
	}
	got, err := Layout([]Page{{Width: 600, Height: 800, Words: ws}})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(got.Text), "\n")
	if len(lines) != 24 || lines[11] != "左の段の行" || lines[12] != "右の段の行" {
		t.Errorf("two columns not read one after the other:\n%s", got.Text)
	}
}

func TestLayoutRunningHeaders(t *testing.T) {
	var pages []Page
	for i := range 4 {
		pages = append(pages, Page{Width: 600, Height: 800, Words: []Word{
			word(50, 20, "議事概要"),
			word(50, 100, "本文の行"),
			word(50, 200, "本文の二行目"),
			word(280, 780, string(rune('1'+i))+"/4"),
		}})
	}
	got, err := Layout(pages)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got.Text, "議事概要") || strings.Contains(got.Text, "/4") {
		t.Errorf("running header or footer kept:\n%q", got.Text)
	}
	if got.Pages != 4 || strings.Count(got.Text, "\f") != 3 || strings.Count(got.Text, "本文の行") != 4 {
		t.Errorf("pages: %d, text %q", got.Pages, got.Text)
	}
}

func TestVerticalForms(t *testing.T) {
	if got := clean("︵注︶\uFE12"); got != "(注)。" {
		t.Errorf("clean = %q", got)
	}
}

func TestNoText(t *testing.T) {
	if _, err := Layout([]Page{{Width: 600, Height: 800}}); !errors.Is(err, ErrNoText) {
		t.Errorf("err = %v, want ErrNoText", err)
	}
}
