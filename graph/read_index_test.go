package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"

	"github.com/gijigraph/gijigraph/graph/index"
	"github.com/gijigraph/gijigraph/graph/vocab"
)

// indexOf returns the read index of s: each entry's facts as sorted
// N-Quads-like lines, by document key.
func indexOf(t *testing.T, s *Store) map[string][]string {
	t.Helper()
	ctx := context.Background()
	out := map[string][]string{}
	read := func(key string, data []byte) error {
		facts := []string{}
		err := index.Decode(data, func(sub, pred, obj quad.Value) {
			facts = append(facts, quad.Quad{Subject: sub, Predicate: pred, Object: obj}.NQuad())
		})
		slices.Sort(facts)
		out[key] = facts
		return err
	}
	var err error
	if s.ikv != nil {
		err = s.ikv.Scan(ctx, read)
	} else {
		err = index.ScanPG(ctx, s.pg, read)
	}
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// indexFromQuads is what the read index of s should hold: the facts of
// every label's quads.
func indexFromQuads(t *testing.T, s *Store) map[string][]string {
	t.Helper()
	byLabel := map[string][]quad.Quad{}
	err := s.Quads(context.Background(), func(q quad.Quad) error {
		k := index.Key(q.Label)
		byLabel[k] = append(byLabel[k], q)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for k, qs := range byLabel {
		facts := []string{}
		for _, f := range indexFacts(qs) {
			facts = append(facts, quad.Quad{Subject: f.S, Predicate: f.P, Object: f.O}.NQuad())
		}
		slices.Sort(facts)
		out[k] = facts
	}
	return out
}

// snapshotJSON is everything a snapshot answers, as JSON.
func snapshotJSON(t *testing.T, sn *Snapshot) string {
	t.Helper()
	all, _ := sn.Raised(RaisedQuery{})
	g, _ := sn.Subgraph(SubgraphQuery{})
	var ms []*MeetingDetail
	for _, m := range sn.Meetings() {
		d, _ := sn.Meeting(m.ID)
		ms = append(ms, d)
	}
	var ps []*PersonDetail
	for _, p := range sn.People() {
		d, _ := sn.Person(p.ID)
		ps = append(ps, d)
	}
	var cs []*ConceptDetail
	for _, c := range sn.Concepts() {
		d, _ := sn.Concept(c.ID)
		cs = append(cs, d)
	}
	data, err := json.Marshal([]any{ms, ps, cs, all, g, sn.ConceptTypes(), sn.Bodies()})
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// snapshotFromQuads builds the read model from every quad, as a store
// without a read index does.
func snapshotFromQuads(t *testing.T, s *Store) *Snapshot {
	t.Helper()
	b := newSnapBuilder()
	if _, err := s.scan(context.Background(), func(sub, pred, obj, _ quad.Value) { b.add(sub, pred, obj) }); err != nil {
		t.Fatal(err)
	}
	return b.build()
}

// checkIndex fails unless the read index of s holds exactly the facts of
// its quads, and a snapshot from it answers as one from the quads.
func checkIndex(t *testing.T, s *Store) {
	t.Helper()
	got, want := indexOf(t, s), indexFromQuads(t, s)
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if !slices.Equal(got[k], want[k]) {
			t.Errorf("index entry %s: %d facts, want %d", k, len(got[k]), len(want[k]))
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("stale index entry %s (%d facts): the store holds no quad under it", k, len(got[k]))
		}
	}
	sn, err := s.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if sn.Stats().Source != "index" {
		t.Errorf("snapshot read from %q, want the index (%s)", sn.Stats().Source, sn.Stats().Note)
	}
	if a, b := snapshotJSON(t, sn), snapshotJSON(t, snapshotFromQuads(t, s)); a != b {
		t.Errorf("the snapshot from the index differs from the one from quads:\n%s\n%s", a[:min(len(a), 300)], b[:min(len(b), 300)])
	}
	checkView(t, s)
}

// indexed returns the backends that have a read index.
func indexed() []backend {
	var out []backend
	for _, b := range backends() {
		if b.name != Memory {
			out = append(out, b)
		}
	}
	return out
}

// TestIndexNoStale: a replaced document's entry holds its new facts
// only, and a deleted one leaves no entry; written one document at a
// time (WriteDocument) and by a build (Update, Loader).
func TestIndexNoStale(t *testing.T) {
	for _, b := range indexed() {
		t.Run(b.name, func(t *testing.T) {
			s, _ := b.start(t)
			ctx := context.Background()
			key := seedStore(t, s)
			checkIndex(t, s)
			if got := indexOf(t, s); len(got) != 3 {
				t.Errorf("index entries %v, want the 2 meetings and the concepts", slices.Sorted(maps.Keys(got)))
			}

			d := parseSeed(t, seed17)
			last := d.Speeches[len(d.Speeches)-1].Seq
			d.Speeches = d.Speeches[:len(d.Speeches)-1]
			d.Speeches[0].Text = "改訂された冒頭挨拶。"
			writeDocs(t, s, key, d)
			checkIndex(t, s)
			entry := strings.Join(indexOf(t, s)[index.Key(vocab.Doc(meeting17))], "\n")
			if removed := vocab.Speech(meeting17, last).String(); strings.Contains(entry, removed+" ") {
				t.Errorf("the replaced document's entry still has the removed speech %s", removed)
			}
			if !strings.Contains(entry, "改訂された冒頭挨拶。") {
				t.Error("the replaced document's entry lacks the new text")
			}

			if _, err := s.RemoveDocument(ctx, meeting30); err != nil {
				t.Fatal(err)
			}
			checkIndex(t, s)
			if _, ok := indexOf(t, s)[index.Key(vocab.Doc(meeting30))]; ok {
				t.Error("the deleted document still has an index entry")
			}
		})
	}
}

// TestIndexBuild: a build (Update with a Loader) writes the index, and
// a second build replacing and removing documents leaves nothing stale.
func TestIndexBuild(t *testing.T) {
	for _, b := range indexed() {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			cfg := b.cfg(t)
			concepts, _ := loadConcepts(t)
			key := BuildKey(concepts)
			load := func(s *Store, docs ...string) {
				l := s.NewLoader()
				for _, f := range docs {
					p, err := Prepare(parseSeed(t, f), key)
					if err != nil {
						t.Fatal(err)
					}
					if _, err := l.Write(ctx, p); err != nil {
						t.Fatal(err)
					}
				}
				if err := l.Flush(ctx); err != nil {
					t.Fatal(err)
				}
			}
			err := Update(ctx, cfg, func(s *Store) error {
				if _, err := s.WriteConcepts(ctx, concepts); err != nil {
					return err
				}
				load(s, seed17, seed30)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			err = Update(ctx, cfg, func(s *Store) error {
				d := parseSeed(t, seed17)
				d.Speeches = d.Speeches[1:]
				if _, err := s.WriteDocument(ctx, d, key); err != nil {
					return err
				}
				_, err := s.RemoveDocument(ctx, meeting30)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			s := mustOpen(t, cfg)
			checkIndex(t, s)
			if got := len(indexOf(t, s)); got != 2 {
				t.Errorf("%d index entries, want 2", got)
			}
		})
	}
}

// TestIndexUpgrade: a database without a read index (or with another
// version) is read from its quads, says so, and gets the index from the
// next build.
func TestIndexUpgrade(t *testing.T) {
	for _, b := range indexed() {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			s, cfg := b.start(t)
			seedStore(t, s)
			want := snapshotJSON(t, snapshotFromQuads(t, s))
			// As an older gijigraph left it: no entries, no version.
			if s.ikv != nil {
				err := hkv.Update(ctx, s.ikv.KV, func(tx hkv.Tx) error {
					for k := range indexOf(t, s) {
						if err := tx.Del(hkv.Key{[]byte("gijigraph_index"), append([]byte{'d'}, k...)}); err != nil {
							return err
						}
					}
					return tx.Del(hkv.Key{[]byte("gijigraph_index_meta"), []byte("version")})
				})
				if err != nil {
					t.Fatal(err)
				}
			} else if _, err := s.pg.ExecContext(ctx, `DROP TABLE gijigraph_index; DROP TABLE gijigraph_index_meta`); err != nil {
				t.Fatal(err)
			}
			s.Close()
			s = mustOpen(t, cfg)
			sn, err := s.Snapshot(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if st := sn.Stats(); st.Source != "quads" || !strings.Contains(st.Note, "gijigraph build") {
				t.Errorf("old database: source %q, note %q", st.Source, st.Note)
			}
			if got := snapshotJSON(t, sn); got != want {
				t.Error("the old database reads differently")
			}
			s.Close()
			if err := Update(ctx, cfg, func(*Store) error { return nil }); err != nil {
				t.Fatal(err)
			}
			s = mustOpen(t, cfg)
			checkIndex(t, s)
			if got := len(indexOf(t, s)); got != 3 {
				t.Errorf("%d index entries after the upgrade, want 3", got)
			}
		})
	}
}

// BenchmarkSnapshotSource compares building the read model of the seeds
// on bolt from the read index and from every quad.
func BenchmarkSnapshotSource(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, Config{Backend: Bolt, Path: b.TempDir()})
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
	for _, src := range []string{"index", "quads"} {
		b.Run(src, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sb := newSnapBuilder()
				var err error
				if src == "index" {
					_, err = s.snapshotFromIndex(ctx, sb)
				} else {
					_, err = s.scan(ctx, func(sub, pred, obj, _ quad.Value) { sb.add(sub, pred, obj) })
				}
				if err != nil {
					b.Fatal(err)
				}
				sb.build()
			}
		})
	}
}

// viewOf returns every stored key and value of the query-shaped view.
func viewOf(t *testing.T, s *Store) map[string]string {
	t.Helper()
	r, err := s.viewReader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	out := map[string]string{}
	if err := r.All(context.Background(), func(k, v []byte) { out[string(k)] = string(v) }); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkView fails unless the view of s, kept up to date write by write,
// is the one written anew from every quad (RebuildIndex), and unless
// the Catalog answers as the Snapshot does.
func checkView(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	checkCatalog(t, s)
	got := viewOf(t, s)
	if err := s.RebuildIndex(ctx); err != nil {
		t.Fatal(err)
	}
	want := viewOf(t, s)
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if got[k] != want[k] {
			t.Errorf("view key %q: %q, want %q (as written anew)", k, got[k], want[k])
		}
	}
	for _, k := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[k]; !ok {
			t.Errorf("stale view key %q", k)
		}
	}
}

// checkCatalog fails unless the Catalog's answers are the Snapshot's.
func checkCatalog(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	c, err := s.OpenCatalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sn, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	same := func(what string, a, b any, errA, errB error) {
		t.Helper()
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) || (errA == nil) != (errB == nil) || (errA != nil && errA.Error() != errB.Error()) {
			t.Errorf("%s: catalog %.300s (%v), snapshot %.300s (%v)", what, ja, errA, jb, errB)
		}
	}
	st, want := c.Stats(), sn.Stats()
	if st.Meetings != want.Meetings || st.People != want.People || st.Concepts != want.Concepts || st.Mentions != want.Mentions || st.Quads != want.Quads {
		t.Errorf("catalog stats %+v, snapshot %+v", st, want)
	}
	same("types", c.ConceptTypes(), sn.ConceptTypes(), nil, nil)
	var qs []RaisedQuery
	for _, cn := range sn.Concepts() {
		qs = append(qs, RaisedQuery{Concept: cn.ID, Limit: 3}, RaisedQuery{Concept: cn.ID, Narrower: true, Offset: 2, Limit: 5})
	}
	qs = append(qs,
		RaisedQuery{Concept: "ランサムウェア"},
		RaisedQuery{Concept: "vulnerability", Offset: 1, Limit: 2},
		RaisedQuery{Concept: "vulnerability", Offset: 100000, Limit: 2},
		RaisedQuery{Concept: "threat", Narrower: true},
		RaisedQuery{Concept: "threat", Narrower: true, Type: "malware"},
		RaisedQuery{Concept: "vulnerability", From: "2021-01-01"},
		RaisedQuery{Concept: "vulnerability", To: "2021-01-01"},
		RaisedQuery{Concept: "no-such-concept"},
		RaisedQuery{Concept: "threat", Type: "no-such-type"},
	)
	n := 0
	for _, q := range qs {
		a, ok, errA := c.Raised(ctx, q)
		if !ok {
			t.Errorf("catalog does not answer %+v", q)
			continue
		}
		b, errB := sn.Raised(q)
		n += len(b.Rows)
		same(fmt.Sprintf("raised %+v", q), a, b, errA, errB)
	}
	if n == 0 {
		t.Error("no query found a row")
	}
	if _, ok, _ := c.Raised(ctx, RaisedQuery{Concept: "vulnerability", Person: "x"}); ok {
		t.Error("catalog answers a query by person")
	}
	for _, q := range []MeetingsQuery{{}, {From: "2021-01-01"}, {To: "2021-01-01"}, {Body: "サイバーセキュリティ戦略本部"}, {Body: "no such body"}} {
		for _, pg := range [][2]int{{0, 0}, {1, 1}, {0, 1}, {5, 0}} {
			a, total, ok, errA := c.FilterMeetings(ctx, q, pg[0], pg[1])
			b, errB := sn.FilterMeetings(q)
			if !ok {
				t.Errorf("catalog does not answer %+v", q)
			}
			if errB == nil && total != len(b) {
				t.Errorf("meetings %+v: total %d, want %d", q, total, len(b))
			}
			lo, hi := min(pg[0], len(b)), len(b)
			if pg[1] > 0 {
				hi = min(lo+pg[1], hi)
			}
			if errB == nil {
				b = b[lo:hi]
			}
			same(fmt.Sprintf("meetings %+v page %v", q, pg), a, b, errA, errB)
		}
	}
	for _, cn := range append(sn.Concepts(), ConceptSummary{ID: "no-such-concept"}, ConceptSummary{ID: "ランサムウェア"}) {
		a, errA := c.Concept(ctx, cn.ID)
		b, errB := sn.Concept(cn.ID)
		same("concept "+cn.ID, a, b, errA, errB)
	}
	for _, m := range append(sn.Meetings(), MeetingSummary{ID: "no-such-meeting"}, MeetingSummary{ID: "meeting/" + meeting30}) {
		a, errA := c.Meeting(ctx, m.ID)
		b, errB := sn.Meeting(m.ID)
		same("meeting "+m.ID, a, b, errA, errB)
	}
	for _, q := range []ConceptsQuery{{}, {Type: "malware"}, {Type: "no-such-type"}} {
		a, ok, errA := c.FilterConcepts(q)
		b, errB := sn.FilterConcepts(q)
		if !ok {
			t.Errorf("catalog does not answer %+v", q)
		}
		same(fmt.Sprintf("concepts %+v", q), a, b, errA, errB)
	}
}
