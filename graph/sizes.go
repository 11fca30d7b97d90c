package graph

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/shape"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
)

// sizeScanMax is how many index entries kvSizes reads for one node and
// direction before it gives up and keeps the backend's own estimate.
const sizeScanMax = 1 << 17

// sizedStore is the quad store Gizmo runs on over bolt: the store
// itself, except that the iterator of the quads with a given node as
// subject or object reports their true number to the optimiser.
//
// Cayley v0.7.7's optimiser orders the branches of a join (an And) by
// their sizes: it walks the smallest and looks each result up in the
// others. On the kv backend the quads of a node are a prefix of a longer
// index key (subject-predicate, object-predicate-subject), and kv sizes
// every such prefix as "half the store", whatever the node; the quads of
// a predicate, which has no index, are "the whole store". So the second
// hop of a path, g.V(concept).In(schema:about).In(gg:mention), joins
// "the quads whose object is a node of the first hop" (sized 20 × the
// first hop: ten times the store) with "the quads of gg:mention" (the
// store), and the optimiser walks every quad of the store. With true
// sizes the first hop is small, the join walks it and looks the
// predicate up per quad.
//
// Only the sizes change: the iterators, their results and their order
// are the backend's own, so every answer stays the same. A size is
// counted from the index (the quad ids listed under the node's prefix,
// without reading the quads) when the optimiser asks for it, once per
// iterator, reading at most sizeScanMax index entries.
type sizedStore struct {
	cgraph.QuadStore
	sizes *kvSizes
}

// QuadIterator is the backend's, with a true size for subjects and
// objects.
func (qs sizedStore) QuadIterator(d quad.Direction, v cgraph.Ref) cgraph.Iterator {
	it := qs.QuadStore.QuadIterator(d, v)
	id, ok := v.(ckv.Int64Value)
	if !ok || (d != quad.Subject && d != quad.Object) {
		return it
	}
	return cgraph.AsLegacy(&sizedIterator{IteratorShape: cgraph.AsShape(it), sizes: qs.sizes, dir: d, id: uint64(id)})
}

// sizedIterator is an iterator whose Stats report the number of quads
// its node has in its direction.
type sizedIterator struct {
	cgraph.IteratorShape
	sizes   *kvSizes
	dir     quad.Direction
	id      uint64
	counted bool
	size    cgraph.Size // valid if counted and size.Size >= 0
}

// Stats are the backend's, with the counted size.
func (it *sizedIterator) Stats(ctx context.Context) (cgraph.IteratorCosts, error) {
	st, err := it.IteratorShape.Stats(ctx)
	if err != nil || st.Size.Exact {
		return st, err
	}
	if !it.counted {
		it.counted = true
		it.size, err = it.sizes.count(ctx, it.dir, it.id)
		if err != nil {
			return st, err
		}
	}
	if it.size.Size >= 0 {
		st.Size = it.size
	}
	return st, nil
}

// Optimize keeps the iterator as it is: the backend's iterator has
// nothing to optimise (its Optimize returns itself), and replacing it
// would lose the size.
func (it *sizedIterator) Optimize(ctx context.Context) (cgraph.IteratorShape, bool) {
	return it, false
}

// kvSizes counts the quads of a node from Cayley's kv indexes.
type kvSizes struct {
	db hkv.KV

	once    sync.Once
	indexes map[quad.Direction]ckv.QuadIndex // by first direction
	err     error
}

// index returns the index whose key starts with direction d.
func (s *kvSizes) index(ctx context.Context, d quad.Direction) (ckv.QuadIndex, bool, error) {
	s.once.Do(func() {
		var inds []ckv.QuadIndex
		s.err = hkv.View(s.db, func(tx hkv.Tx) error {
			v, err := tx.Get(ctx, hkv.Key{[]byte("meta"), []byte("indexes")})
			if err != nil {
				return err
			}
			return json.Unmarshal(v, &inds)
		})
		s.indexes = map[quad.Direction]ckv.QuadIndex{}
		for _, in := range inds {
			if len(in.Dirs) > 0 {
				if _, ok := s.indexes[in.Dirs[0]]; !ok {
					s.indexes[in.Dirs[0]] = in
				}
			}
		}
	})
	in, ok := s.indexes[d]
	return in, ok, s.err
}

// count returns the number of quads whose direction d is the node id
// (an upper bound): Size -1 if there is no index for d or more than sizeScanMax entries.
func (s *kvSizes) count(ctx context.Context, d quad.Direction, id uint64) (cgraph.Size, error) {
	in, ok, err := s.index(ctx, d)
	if err != nil || !ok {
		return cgraph.Size{Size: -1}, err
	}
	var n, entries int64
	err = hkv.View(s.db, func(tx hkv.Tx) error {
		it := tx.Scan(in.Key([]uint64{id}))
		defer it.Close()
		for it.Next(ctx) {
			if entries++; entries > sizeScanMax {
				n = -1
				return nil
			}
			// The value lists the ids of the quads with that key, as
			// uvarints.
			for b := it.Val(); len(b) > 0; {
				_, k := binary.Uvarint(b)
				if k <= 0 {
					return fmt.Errorf("graph: bad index entry %x", it.Key())
				}
				b = b[k:]
				n++
			}
		}
		return it.Err()
	})
	if err != nil {
		return cgraph.Size{}, fmt.Errorf("graph: sizing an iterator: %w", err)
	}
	// Not Exact: an index entry may list a quad the log has marked deleted.
	return cgraph.Size{Size: n}, nil
}

// OptimizeShape is the backend's, and then makes a lookup of the quads
// of one node with one predicate use the index. Cayley's kv backend
// turns a set of quads with a fixed predicate (what Save, SaveOpt, Has
// and a hop check a node against) into a scan it can only walk: it has
// no index that starts with the predicate. Walking is right when that
// set is the join's smallest branch; when it is checked, node by node,
// Cayley reads all the quads of each node (a speech has twenty) and
// keeps those with the predicate. predicateLookup reads only those, from
// the subject-predicate or object-predicate index: the same quads in the
// same order, so the answers do not change.
func (qs sizedStore) OptimizeShape(s shape.Shape) (shape.Shape, bool) {
	ns, opt := s, false
	if o, ok := qs.QuadStore.(shape.Optimizer); ok {
		ns, opt = o.OptimizeShape(s)
	}
	qa, ok := ns.(shape.QuadsAction)
	if !ok {
		if opt {
			// The backend's own shape (an index scan): it builds only on
			// the backend's store.
			return backendShape{ns, qs.QuadStore}, true
		}
		return ns, opt
	}
	if len(qa.Filter) != 1 || (qa.Result != quad.Subject && qa.Result != quad.Object) {
		return ns, opt
	}
	p, ok := qa.Filter[quad.Predicate].(ckv.Int64Value)
	if !ok {
		return ns, opt
	}
	for d := range qa.Save {
		if d != quad.Subject && d != quad.Object {
			return ns, opt
		}
	}
	kv, ok := qs.QuadStore.(*ckv.QuadStore)
	if !ok {
		return ns, opt
	}
	in, ok, err := qs.sizes.index(context.Background(), qa.Result)
	if err != nil || !ok || len(in.Dirs) < 2 || in.Dirs[1] != quad.Predicate {
		return ns, opt
	}
	return predicateLookup{action: qa, kv: kv, index: in, pred: uint64(p), sized: qs}, true
}

// predicateLookup is a QuadsAction (the nodes in direction Result of the
// quads with predicate pred, saving the other end under tags) whose
// lookups read the index: see sizedStore.OptimizeShape.
type predicateLookup struct {
	action shape.QuadsAction
	kv     *ckv.QuadStore
	index  ckv.QuadIndex // starts with Result, then Predicate
	pred   uint64
	sized  sizedStore
}

// BuildIterator builds the QuadsAction as Cayley does (a HasA over the
// quads with the predicate, tagging the other end), on a store whose
// quads of one node in direction Result are only those with the
// predicate: HasA looks a node up through them.
func (s predicateLookup) BuildIterator(qs cgraph.QuadStore) cgraph.Iterator {
	q := shape.Quads{{Dir: quad.Predicate, Values: shape.Fixed{ckv.Int64Value(s.pred)}}}
	for d, tags := range s.action.Save {
		q = append(q, shape.QuadFilter{Dir: d, Values: shape.Save{From: shape.AllNodes{}, Tags: tags}})
	}
	return shape.NodesFrom{Dir: s.action.Result, Quads: q}.BuildIterator(predicateStore{sizedStore: s.sized, l: s})
}

// Optimize leaves it as it is: it is the optimised form.
func (s predicateLookup) Optimize(r shape.Optimizer) (shape.Shape, bool) { return s, false }

// predicateStore is the store a predicateLookup builds its iterators on.
type predicateStore struct {
	sizedStore
	l predicateLookup
}

// QuadIterator of the direction Result and a node gives only the node's
// quads with the predicate; any other is the store's.
func (qs predicateStore) QuadIterator(d quad.Direction, v cgraph.Ref) cgraph.Iterator {
	if id, ok := v.(ckv.Int64Value); ok && d == qs.l.action.Result {
		return ckv.NewQuadIterator(qs.l.kv, qs.l.index, []uint64{uint64(id), qs.l.pred})
	}
	return qs.sizedStore.QuadIterator(d, v)
}

// backendShape is a shape the backend's optimiser made, built on the
// backend's store (it checks that it is its own).
type backendShape struct {
	shape.Shape
	qs cgraph.QuadStore
}

// BuildIterator builds it on the backend's store.
func (s backendShape) BuildIterator(cgraph.QuadStore) cgraph.Iterator {
	return s.Shape.BuildIterator(s.qs)
}

// Optimize leaves it as the backend made it.
func (s backendShape) Optimize(shape.Optimizer) (shape.Shape, bool) { return s, false }
