package graph

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
)

// seedSnapshot builds the seeds into a store of backend b and returns
// its snapshot.
func seedSnapshot(t *testing.T, b backend) *Snapshot {
	t.Helper()
	s, _ := b.start(t)
	seedStore(t, s)
	sn, err := s.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return sn
}

func mustRaised(t *testing.T, sn *Snapshot, q RaisedQuery) []Mention {
	t.Helper()
	res, err := sn.Raised(q)
	if err != nil {
		t.Fatalf("Raised(%+v): %v", q, err)
	}
	if res.Total != len(res.Rows) && q.Limit == 0 {
		t.Fatalf("Raised(%+v): total %d, %d rows", q, res.Total, len(res.Rows))
	}
	return res.Rows
}

// TestSnapshotSeeds asserts facts of the seed minutes through the read
// models, on every backend.
func TestSnapshotSeeds(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			sn := seedSnapshot(t, b)
			testSnapshotSeeds(t, sn)
		})
	}
}

func testSnapshotSeeds(t *testing.T, sn *Snapshot) {
	t.Run("wannacry", func(t *testing.T) {
		for _, name := range []string{"WannaCry", "wannacry", "ＷａｎｎａＣｒｙ", "concept/wannacry"} {
			rows := mustRaised(t, sn, RaisedQuery{Concept: name})
			if len(rows) == 0 {
				t.Fatalf("%s: no rows", name)
			}
			r := rows[0]
			if r.Person != "遠藤 信博" || r.PersonID != "遠藤信博" || r.MeetingID != meeting17 || r.Date != "2018-04-04" ||
				r.Post != "日本電気株式会社代表取締役会長" || !strings.Contains(r.Sentence, "WannaCry") || r.ConceptID != "wannacry" ||
				r.Start != 10518 || r.End <= r.Start || r.SentenceStart > r.Start || r.SentenceEnd < r.End {
				t.Errorf("%s: first row %+v", name, r)
			}
		}
	})
	t.Run("person with and without space", func(t *testing.T) {
		a := mustRaised(t, sn, RaisedQuery{Person: "村井純"})
		b := mustRaised(t, sn, RaisedQuery{Person: "村井 純"})
		c := mustRaised(t, sn, RaisedQuery{Person: "村井　純"})
		if len(a) == 0 || len(a) != len(b) || len(a) != len(c) {
			t.Fatalf("村井純: %d, 村井 純: %d, 村井　純: %d rows", len(a), len(b), len(c))
		}
		for _, r := range a {
			if r.Person != "村井 純" {
				t.Fatalf("row of %q", r.Person)
			}
		}
	})
	t.Run("narrower", func(t *testing.T) {
		has := func(rows []Mention, id string) bool {
			return slices.ContainsFunc(rows, func(r Mention) bool { return r.ConceptID == id })
		}
		plain := mustRaised(t, sn, RaisedQuery{Concept: "ransomware"})
		wide := mustRaised(t, sn, RaisedQuery{Concept: "ランサムウェア", Narrower: true})
		if has(plain, "wannacry") || !has(wide, "wannacry") || !has(wide, "ransomware") || len(wide) <= len(plain) {
			t.Errorf("ransomware: %d rows, with narrower %d (wannacry: %v)", len(plain), len(wide), has(wide, "wannacry"))
		}
	})
	t.Run("labels", func(t *testing.T) {
		for name, want := range map[string]string{
			"security by design": "security-by-design", "Security-By-Design": "security-by-design",
			"ランサムウエア": "ransomware", "Ransomware": "ransomware", "ransomware": "ransomware",
		} {
			c, err := sn.Concept(name)
			if err != nil || c.ID != want {
				t.Errorf("Concept(%q) = %v, %v; want %s", name, c, err, want)
			}
		}
	})
	t.Run("filters", func(t *testing.T) {
		all := mustRaised(t, sn, RaisedQuery{})
		m30 := mustRaised(t, sn, RaisedQuery{Meeting: meeting30})
		late := mustRaised(t, sn, RaisedQuery{From: "2020-01-01"})
		early := mustRaised(t, sn, RaisedQuery{To: "2019-12-31"})
		if len(m30) == 0 || len(m30) != len(late) || len(late)+len(early) != len(all) {
			t.Errorf("all %d, meeting 30 %d, from 2020 %d, to 2019 %d", len(all), len(m30), len(late), len(early))
		}
		mal := mustRaised(t, sn, RaisedQuery{Type: "malware"})
		for _, r := range mal {
			if r.ConceptType != "malware" {
				t.Fatalf("type filter: %+v", r)
			}
		}
		if len(mal) == 0 {
			t.Error("no malware rows")
		}
		page, err := sn.Raised(RaisedQuery{Offset: 2, Limit: 3})
		if err != nil || page.Total != len(all) || len(page.Rows) != 3 || page.Rows[0] != all[2] {
			t.Errorf("page: total %d, %d rows, %v", page.Total, len(page.Rows), err)
		}
	})
	t.Run("errors", func(t *testing.T) {
		_, err := sn.Raised(RaisedQuery{Concept: "ransomwere"})
		var nf *NotFoundError
		if !errors.Is(err, ErrNotFound) || !errors.As(err, &nf) || !slices.Contains(nf.Close, "ransomware") {
			t.Errorf("unknown concept: %v", err)
		}
		if _, err := sn.Raised(RaisedQuery{Person: "誰も居ない"}); !errors.Is(err, ErrNotFound) {
			t.Errorf("unknown person: %v", err)
		}
		if _, err := sn.Raised(RaisedQuery{Type: "no-such-type"}); !errors.Is(err, ErrInvalid) {
			t.Errorf("unknown type: %v", err)
		}
		if _, err := sn.Subgraph(SubgraphQuery{Focus: "person/村井純", Depth: 4}); !errors.Is(err, ErrInvalid) {
			t.Errorf("depth 4: %v", err)
		}
	})
	t.Run("sakai posts", func(t *testing.T) {
		p, err := sn.Person("坂井 学")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range p.Held {
			got = append(got, h.Date+" "+h.Post)
		}
		want := []string{"2018-04-04 総務副大臣", "2021-07-07 内閣官房副長官"}
		if !slices.Equal(got, want) {
			t.Errorf("坂井 学 held %q, want %q", got, want)
		}
	})
	t.Run("meeting", func(t *testing.T) {
		m, err := sn.Meeting(meeting17)
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Attendees) != 22 || len(m.Agenda) != 7 || len(m.Speeches) != 16 || m.Date != "2018-04-04" {
			t.Errorf("17th: %d attendees, %d agenda, %d speeches, %s", len(m.Attendees), len(m.Agenda), len(m.Speeches), m.Date)
		}
		if s := m.Speeches[2]; s.Seq != 3 || s.Speaker != "遠藤 信博" || !strings.Contains(s.Text, "WannaCry") || !slices.Contains(s.Concepts, "wannacry") {
			t.Errorf("speech 3: %+v", s)
		}
		m30, err := sn.Meeting(meeting30)
		if err != nil {
			t.Fatal(err)
		}
		if len(m30.Decisions) != 3 || m30.Decisions[0].Outcome != "異議なし" {
			t.Errorf("30th decisions: %+v", m30.Decisions)
		}
	})
	t.Run("concept", func(t *testing.T) {
		c, err := sn.Concept("ransomware")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(c.Narrower, func(r ConceptRef) bool { return r.ID == "wannacry" }) || c.Counts.Mentions == 0 || len(c.RaisedBy) == 0 {
			t.Errorf("ransomware: %+v", c.ConceptSummary)
		}
		w, _ := sn.Concept("wannacry")
		if len(w.RaisedBy) != 1 || w.RaisedBy[0].Name != "遠藤 信博" || w.Counts.Speakers != 1 {
			t.Errorf("wannacry raised by %+v", w.RaisedBy)
		}
	})
	t.Run("search", func(t *testing.T) {
		for _, q := range []string{"WannaCry", "ｗａｎｎａｃｒｙ", "猛威を振るった"} {
			res, err := sn.Search(SearchQuery{Q: q})
			if err != nil || res.Total == 0 {
				t.Fatalf("Search(%q): %+v, %v", q, res, err)
			}
			h := res.Hits[0]
			if h.MeetingID != meeting17 || h.Seq != 3 || !strings.Contains(h.Snippet, h.Match) {
				t.Errorf("Search(%q): %+v", q, h)
			}
		}
	})
	t.Run("subgraph", func(t *testing.T) {
		g, err := sn.Subgraph(SubgraphQuery{Focus: "person/遠藤信博"})
		if err != nil {
			t.Fatal(err)
		}
		edges := map[string]int{}
		for _, e := range g.Edges {
			edges[e.ID] = e.Count
		}
		if edges["person/遠藤信博|raised|concept/wannacry"] != 1 || edges["person/遠藤信博|attended|meeting/"+meeting17] != 1 {
			t.Errorf("edges of 遠藤 信博: %v", edges)
		}
		capped, _ := sn.Subgraph(SubgraphQuery{Focus: "遠藤 信博", Depth: 2, Limit: 10})
		if len(capped.Nodes) != 10 || !capped.Truncated {
			t.Errorf("cap 10: %d nodes, truncated %v", len(capped.Nodes), capped.Truncated)
		}
		mv, err := sn.Subgraph(SubgraphQuery{Meeting: meeting30})
		if err != nil || len(mv.Nodes) < 22 {
			t.Fatalf("meeting view: %v, %v", mv, err)
		}
	})
}

// TestSnapshotBackendsAgree: every backend gives the same read models as
// memory.
func TestSnapshotBackendsAgree(t *testing.T) {
	var want string
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			sn := seedSnapshot(t, b)
			all, _ := sn.Raised(RaisedQuery{})
			g, _ := sn.Subgraph(SubgraphQuery{})
			var ms []*MeetingDetail
			for _, m := range sn.Meetings() {
				d, _ := sn.Meeting(m.ID)
				ms = append(ms, d)
			}
			data, err := json.Marshal([]any{ms, sn.People(), sn.Concepts(), all, g})
			if err != nil {
				t.Fatal(err)
			}
			if want == "" {
				want = string(data)
			} else if string(data) != want {
				t.Errorf("%s differs from memory", b.name)
			}
		})
	}
}

// BenchmarkSnapshot measures building the read model of the seeds
// (memory backend).
func BenchmarkSnapshot(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, Config{Backend: Memory})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	concepts, _ := loadConcepts(b)
	if _, err := s.WriteConcepts(ctx, concepts); err != nil {
		b.Fatal(err)
	}
	for _, f := range []string{seed17, seed30} {
		if _, err := s.WriteDocument(ctx, parseSeed(b, f), BuildKey(concepts)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Snapshot(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
