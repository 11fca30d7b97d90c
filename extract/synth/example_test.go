package synth_test

import (
	"fmt"
	"strings"

	"github.com/gijigraph/gijigraph/extract/synth"
)

func ExampleGenerator_Meeting() {
	g := synth.New(synth.Options{Meetings: 1000, Seed: 1})
	name, text, truth := g.Meeting(1)
	fmt.Println(name)
	fmt.Println(strings.Split(strings.TrimSpace(string(text)), "\n")[0])
	fmt.Println(truth.Style, truth.Number, truth.Date, truth.Turns[0].Marker, truth.Turns[0].Speaker == truth.Attendees[0].Name)
	// Output:
	// 0002_cybersecurity-hq_2.txt
	// サイバーセキュリティ戦略本部 第2回会合 議事概要
	// html 2 2015-03-10 （1）本部長冒頭挨拶 true
}
