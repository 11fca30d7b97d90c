package graph

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/boltdb/bolt"
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"

	"github.com/gijigraph/gijigraph/graph/vocab"
)

// dumpBolt returns every key and value in the bolt file at path, nested
// buckets included, as "bucket/…/key" → value. Log entries are decoded
// and printed without their timestamps, which differ from run to run.
func dumpBolt(t *testing.T, path string) map[string]string {
	t.Helper()
	db, err := bolt.Open(path, 0o644, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := make(map[string]string)
	var walk func(prefix string, b *bolt.Bucket) error
	walk = func(prefix string, b *bolt.Bucket) error {
		return b.ForEach(func(k, v []byte) error {
			name := fmt.Sprintf("%s/%x", prefix, k)
			if v == nil {
				return walk(name, b.Bucket(k))
			}
			if prefix == "/6c6f67" { // log
				var p proto.Primitive
				if err := p.Unmarshal(v); err != nil {
					return err
				}
				p.Timestamp = 0
				out[name] = p.String()
				return nil
			}
			out[name] = fmt.Sprintf("%x", v)
			return nil
		})
	}
	err = db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			return walk(fmt.Sprintf("/%x", name), b)
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestAddNewAsCayley: addNew writes exactly what Cayley's ApplyDeltas
// writes for the same additions (node and quad ids, log entries, value,
// reference-count and index buckets, meta), but for timestamps: into a
// new database, then into one that holds nodes the batch shares; and
// Cayley's own replace then works the same on both.
func TestAddNewAsCayley(t *testing.T) {
	list, _ := loadConcepts(t)
	key := BuildKey(list)
	docs := synthDocs(t, 4)
	docs = append(docs, parseSeed(t, seed17), parseSeed(t, seed30))
	var batches [][]quad.Quad
	for _, part := range [][]int{{0, 1, 4}, {2, 3, 5}} {
		var qs []quad.Quad
		for _, i := range part {
			dq, err := DocumentQuads(docs[i], key)
			if err != nil {
				t.Fatal(err)
			}
			qs = append(qs, dq...)
		}
		batches = append(batches, qs)
	}
	concepts := ConceptQuads(list)
	changed := parseSeed(t, seed30)
	changed.Speeches = changed.Speeches[:len(changed.Speeches)/2]
	replaced, err := DocumentQuads(changed, key)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	dir := t.TempDir()
	cayley, direct := filepath.Join(dir, "cayley.bolt"), filepath.Join(dir, "direct.bolt")
	write := func(path string, viaCayley bool) {
		cfg := Config{nosync: !viaCayley} // nosync: the bulk kv layer, as in Update
		s, err := openBoltFile(path, cfg)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		defer bulkStores.Delete(s)
		if _, err := s.replaceLabel(ctx, vocab.ConceptsGraph, concepts); err != nil {
			t.Fatal(err)
		}
		for _, qs := range batches {
			if viaCayley {
				deltas := make([]cgraph.Delta, len(qs))
				for i, q := range qs {
					deltas[i] = cgraph.Delta{Quad: q, Action: cgraph.Add}
				}
				err = s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
			} else {
				err = bulkOf(s).addNew(qs)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.replaceLabel(ctx, vocab.Doc(meeting30), replaced); err != nil {
			t.Fatal(err)
		}
		if kv := bulkOf(s); kv != nil {
			// A batch with no new node is left to Cayley.
			if err := kv.addNew(batches[0][:10]); err != errNotNew {
				t.Errorf("addNew of quads the store holds: %v, want errNotNew", err)
			}
			// labelQuads reads what Cayley's iterator reads, deleted
			// quads (the replaced document's) left out.
			labels := []quad.Value{vocab.ConceptsGraph, vocab.Doc("none")}
			for _, d := range docs {
				labels = append(labels, vocab.Doc(d.Meeting.ID))
			}
			for _, label := range labels {
				got, ok, err := kv.labelQuads(label)
				if err != nil || !ok {
					t.Fatalf("labelQuads(%v): %v, %v", label, ok, err)
				}
				want, err := s.quadsWith(ctx, quad.Label, label)
				if err != nil {
					t.Fatal(err)
				}
				if g, w := nquadLines(got), nquadLines(want); !slices.Equal(g, w) {
					t.Errorf("labelQuads(%v): %d quads, Cayley %d", label, len(g), len(w))
				}
			}
		}
	}
	write(cayley, true)
	write(direct, false)

	want, got := dumpBolt(t, cayley), dumpBolt(t, direct)
	if len(want) < 10000 {
		t.Fatalf("only %d entries written", len(want))
	}
	n := 0
	for k, v := range want {
		if got[k] != v {
			if n++; n <= 10 {
				t.Errorf("%s: addNew wrote %q, Cayley %q", k, got[k], v)
			}
		}
	}
	for k, v := range got {
		if _, ok := want[k]; !ok {
			if n++; n <= 10 {
				t.Errorf("%s: addNew wrote %q, Cayley nothing", k, v)
			}
		}
	}
	if n > 0 {
		t.Errorf("%d of %d entries differ", n, len(want))
	}
}

// nquadLines returns qs as sorted N-Quads lines.
func nquadLines(qs []quad.Quad) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.NQuad()
	}
	slices.Sort(out)
	return out
}
