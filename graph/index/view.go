package index

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/boltdb/bolt"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
	"github.com/lib/pq"
)

// The query-shaped part of the index: besides its entry, a document adds
// records under keys chosen for the API's access paths (the caller's
// keys, such as a concept's rows ordered by meeting), and contributions
// to counters kept as sums over every document (how many rows a concept
// has, how many speakers raised it), so that a request reads a prefix or
// a key instead of the whole index.
//
// A document's view is written with its entry (View on Entry), in the
// same transaction. Its manifest, under the document's key, lists the
// records and counter contributions it made, so that a replaced document
// removes exactly its old records and takes back its old contributions,
// and a deleted one leaves nothing behind.

// Record is one keyed record of a document's view.
type Record struct{ Key, Val []byte }

// Counter is one document's contribution to a sum kept over every
// document. A counter with a Parent counts, in the parent, as one while
// its sum is not zero: the parent is the number of distinct keys (a
// concept's speakers: the counters concept/person that are not zero).
type Counter struct {
	Key, Parent []byte
	N           int64
}

// View is what a document adds to the query-shaped index.
type View struct {
	Records  []Record
	Counters []Counter
}

// The key spaces of the view, in one bolt bucket or PostgreSQL table:
// records, counters and manifests each under a prefix byte of their own.
const (
	prefixRecord   = 'r'
	prefixCounter  = 'c'
	prefixManifest = 'v'
)

var viewBucket = []byte("gijigraph_view")

// RecordKey and CounterKey are the stored keys of a record and a counter.
func RecordKey(k []byte) []byte  { return append([]byte{prefixRecord}, k...) }
func CounterKey(k []byte) []byte { return append([]byte{prefixCounter}, k...) }
func manifestKey(doc string) []byte {
	return append([]byte{prefixManifest}, doc...)
}

// encodeManifest: nrecords, (len key)*, ncounters, (len key, len parent, varint n)*.
func encodeManifest(v *View) []byte {
	var buf []byte
	buf = binary.AppendUvarint(buf, uint64(len(v.Records)))
	for _, r := range v.Records {
		buf = appendBytes(buf, r.Key)
	}
	buf = binary.AppendUvarint(buf, uint64(len(v.Counters)))
	for _, c := range v.Counters {
		buf = appendBytes(buf, c.Key)
		buf = appendBytes(buf, c.Parent)
		buf = binary.AppendVarint(buf, c.N)
	}
	return buf
}

func appendBytes(buf, b []byte) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(b)))
	return append(buf, b...)
}

func decodeManifest(data []byte) (*View, error) {
	d := &decoder{data: data}
	v := &View{}
	n := d.uvarint()
	for i := uint64(0); i < n && d.err == nil; i++ {
		v.Records = append(v.Records, Record{Key: []byte(d.string())})
	}
	n = d.uvarint()
	for i := uint64(0); i < n && d.err == nil; i++ {
		c := Counter{Key: []byte(d.string())}
		c.Parent = []byte(d.string())
		c.N = d.varint()
		v.Counters = append(v.Counters, c)
	}
	if d.err == nil && len(d.data) != 0 {
		return nil, ErrCorrupt
	}
	return v, d.err
}

// EncodeCount and DecodeCount are a counter's stored value.
func EncodeCount(n int64) []byte { return binary.AppendVarint(nil, n) }

func DecodeCount(b []byte) int64 {
	n, k := binary.Varint(b)
	if k <= 0 {
		return 0
	}
	return n
}

// batch is what applying a view needs of a writing transaction: several
// keys read, written and deleted at once (one statement each on
// PostgreSQL).
type batch interface {
	getMany(ctx context.Context, keys [][]byte) (map[string][]byte, error)
	putMany(ctx context.Context, recs []Record) error
	delMany(ctx context.Context, keys [][]byte) error
}

// applyViews replaces the views of the documents keyed in entries.
func applyViews(ctx context.Context, b batch, entries []Entry) error {
	mkeys := make([][]byte, len(entries))
	for i, e := range entries {
		mkeys[i] = manifestKey(e.Key)
	}
	olds, err := b.getMany(ctx, mkeys)
	if err != nil {
		return err
	}
	var (
		del   [][]byte
		put   []Record
		delta = map[string]int64{}
		par   = map[string][]byte{}
	)
	for i, e := range entries {
		newKeys := map[string]bool{}
		if e.View != nil {
			for _, r := range e.View.Records {
				newKeys[string(r.Key)] = true
				put = append(put, Record{RecordKey(r.Key), r.Val})
			}
			for _, c := range e.View.Counters {
				k := string(CounterKey(c.Key))
				delta[k] += c.N
				par[k] = c.Parent
			}
		}
		if data, ok := olds[string(mkeys[i])]; ok {
			old, err := decodeManifest(data)
			if err != nil {
				return fmt.Errorf("view manifest of %q: %w", e.Key, err)
			}
			for _, r := range old.Records {
				if !newKeys[string(r.Key)] {
					del = append(del, RecordKey(r.Key))
				}
			}
			for _, c := range old.Counters {
				k := string(CounterKey(c.Key))
				delta[k] -= c.N
				if _, ok := par[k]; !ok {
					par[k] = c.Parent
				}
			}
		}
		if e.View == nil || e.Data == nil {
			del = append(del, mkeys[i])
		} else {
			put = append(put, Record{mkeys[i], encodeManifest(e.View)})
		}
	}
	if err := b.delMany(ctx, del); err != nil {
		return err
	}
	if err := b.putMany(ctx, put); err != nil {
		return err
	}
	parents, err := addCounters(ctx, b, delta, par)
	if err != nil {
		return err
	}
	_, err = addCounters(ctx, b, parents, nil)
	return err
}

// addCounters adds delta to the stored counters (a counter at zero is
// deleted) and returns what their parents change by.
func addCounters(ctx context.Context, b batch, delta map[string]int64, par map[string][]byte) (map[string]int64, error) {
	var keys [][]byte
	for k, d := range delta {
		if d != 0 {
			keys = append(keys, []byte(k))
		}
	}
	if len(keys) == 0 {
		return nil, nil
	}
	slices.SortFunc(keys, bytes.Compare)
	cur, err := b.getMany(ctx, keys)
	if err != nil {
		return nil, err
	}
	parents := map[string]int64{}
	var (
		put []Record
		del [][]byte
	)
	for _, k := range keys {
		old := DecodeCount(cur[string(k)])
		n := old + delta[string(k)]
		if n == 0 {
			del = append(del, k)
		} else {
			put = append(put, Record{k, EncodeCount(n)})
		}
		if p := par[string(k)]; len(p) > 0 {
			pk := string(CounterKey(p))
			switch {
			case old == 0 && n != 0:
				parents[pk]++
			case old != 0 && n == 0:
				parents[pk]--
			}
		}
	}
	if err := b.delMany(ctx, del); err != nil {
		return nil, err
	}
	return parents, b.putMany(ctx, put)
}

// boltBatch is a batch over a bolt transaction.
type boltBatch struct{ tx hkv.Tx }

func (b boltBatch) getMany(ctx context.Context, keys [][]byte) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, k := range keys {
		v, err := b.tx.Get(ctx, hkv.Key{viewBucket, k})
		if errors.Is(err, hkv.ErrNotFound) {
			continue
		} else if err != nil {
			return nil, err
		}
		out[string(k)] = slices.Clone(v)
	}
	return out, nil
}

func (b boltBatch) putMany(_ context.Context, recs []Record) error {
	for _, r := range recs {
		if err := b.tx.Put(hkv.Key{viewBucket, r.Key}, r.Val); err != nil {
			return err
		}
	}
	return nil
}

func (b boltBatch) delMany(_ context.Context, keys [][]byte) error {
	for _, k := range keys {
		if err := b.tx.Del(hkv.Key{viewBucket, k}); err != nil && !errors.Is(err, hkv.ErrNotFound) {
			return err
		}
	}
	return nil
}

// pgBatch is a batch over a PostgreSQL transaction.
type pgBatch struct{ tx *sql.Tx }

// pgChunk bounds the keys of one statement.
const pgChunk = 5000

func (b pgBatch) getMany(ctx context.Context, keys [][]byte) (map[string][]byte, error) {
	out := map[string][]byte{}
	for len(keys) > 0 {
		n := min(len(keys), pgChunk)
		if err := b.get(ctx, keys[:n], out); err != nil {
			return nil, err
		}
		keys = keys[n:]
	}
	return out, nil
}

func (b pgBatch) get(ctx context.Context, keys [][]byte, out map[string][]byte) error {
	rows, err := b.tx.QueryContext(ctx, `SELECT k, v FROM gijigraph_view WHERE k = ANY($1)`, pq.ByteaArray(keys))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k, v []byte
		if err := rows.Scan(&k, &v); err != nil {
			return err
		}
		out[string(k)] = v
	}
	return rows.Err()
}

func (b pgBatch) putMany(ctx context.Context, recs []Record) error {
	for len(recs) > pgChunk {
		if err := b.putMany(ctx, recs[:pgChunk]); err != nil {
			return err
		}
		recs = recs[pgChunk:]
	}
	if len(recs) == 0 {
		return nil
	}
	// One statement; a key twice in it would fail ON CONFLICT, so the
	// last value of a key wins here.
	seen := map[string]int{}
	var ks, vs [][]byte
	for _, r := range recs {
		if i, ok := seen[string(r.Key)]; ok {
			vs[i] = r.Val
			continue
		}
		seen[string(r.Key)] = len(ks)
		ks, vs = append(ks, r.Key), append(vs, r.Val)
	}
	_, err := b.tx.ExecContext(ctx, `INSERT INTO gijigraph_view (k, v) SELECT * FROM unnest($1::bytea[], $2::bytea[])
		ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v`, pq.ByteaArray(ks), pq.ByteaArray(vs))
	return err
}

func (b pgBatch) delMany(ctx context.Context, keys [][]byte) error {
	for len(keys) > pgChunk {
		if err := b.delMany(ctx, keys[:pgChunk]); err != nil {
			return err
		}
		keys = keys[pgChunk:]
	}
	if len(keys) == 0 {
		return nil
	}
	_, err := b.tx.ExecContext(ctx, `DELETE FROM gijigraph_view WHERE k = ANY($1)`, pq.ByteaArray(keys))
	return err
}

// Reader reads the view: records by prefix, counters by key. It is a
// read transaction on bolt (Close it), and the database on PostgreSQL.
type Reader interface {
	// Scan calls fn with the records whose key starts with prefix, in key
	// order, from the first key at or after prefix+from, until fn returns
	// false. key and val are valid only during the call.
	Scan(ctx context.Context, prefix, from []byte, fn func(key, val []byte) bool) error
	// Counter returns a counter's sum, 0 if it has none.
	Counter(ctx context.Context, key []byte) (int64, error)
	// Counters calls fn with every counter under prefix, in key order.
	Counters(ctx context.Context, prefix []byte, fn func(key []byte, n int64)) error
	// All calls fn with every stored key of the view (records,
	// counters, manifests) and its value, for checks.
	All(ctx context.Context, fn func(key, val []byte)) error
	Close() error
}

// Reader opens a read transaction of the view on bolt.
func (kv *KV) Reader() (Reader, error) {
	db, ok := kv.KV.(*hbolt.DB)
	if !ok {
		return nil, fmt.Errorf("index: the view is read from a bolt database only, not %T", kv.KV)
	}
	tx, err := db.DB().Begin(false)
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	return &boltReader{tx: tx, b: tx.Bucket(viewBucket)}, nil
}

type boltReader struct {
	tx *bolt.Tx
	b  *bolt.Bucket // nil: no view yet
}

func (r *boltReader) Close() error { return r.tx.Rollback() }

func (r *boltReader) scan(ctx context.Context, prefix, from []byte, fn func(key, val []byte) bool) error {
	if r.b == nil {
		return nil
	}
	c := r.b.Cursor()
	for k, v := c.Seek(append(slices.Clip(prefix), from...)); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if !fn(k, v) {
			return nil
		}
	}
	return ctx.Err()
}

func (r *boltReader) Scan(ctx context.Context, prefix, from []byte, fn func(key, val []byte) bool) error {
	return r.scan(ctx, RecordKey(prefix), from, func(k, v []byte) bool { return fn(k[1:], v) })
}

func (r *boltReader) Counter(_ context.Context, key []byte) (int64, error) {
	if r.b == nil {
		return 0, nil
	}
	return DecodeCount(r.b.Get(CounterKey(key))), nil
}

func (r *boltReader) Counters(ctx context.Context, prefix []byte, fn func(key []byte, n int64)) error {
	return r.scan(ctx, CounterKey(prefix), nil, func(k, v []byte) bool {
		fn(k[1:], DecodeCount(v))
		return true
	})
}

func (r *boltReader) All(ctx context.Context, fn func(key, val []byte)) error {
	return r.scan(ctx, nil, nil, func(k, v []byte) bool {
		fn(k, v)
		return true
	})
}

// ReaderPG reads the view on PostgreSQL.
func ReaderPG(db *sql.DB) Reader { return pgReader{db} }

type pgReader struct{ db *sql.DB }

func (pgReader) Close() error { return nil }

// prefixEnd is the first key after every key that starts with p, nil if
// there is none.
func prefixEnd(p []byte) []byte {
	end := slices.Clone(p)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}

// pgScanPage is how many records a PostgreSQL scan asks for at once.
const pgScanPage = 500

func (r pgReader) scan(ctx context.Context, prefix, from []byte, fn func(key, val []byte) bool) error {
	lo := append(slices.Clip(prefix), from...)
	if lo == nil {
		lo = []byte{}
	}
	hi := prefixEnd(prefix)
	first := true
	for {
		op := ">"
		if first {
			op = ">="
		}
		var (
			rows *sql.Rows
			err  error
		)
		if hi == nil {
			rows, err = r.db.QueryContext(ctx, `SELECT k, v FROM gijigraph_view WHERE k `+op+` $1 ORDER BY k LIMIT $2`, lo, pgScanPage)
		} else {
			rows, err = r.db.QueryContext(ctx, `SELECT k, v FROM gijigraph_view WHERE k `+op+` $1 AND k < $2 ORDER BY k LIMIT $3`, lo, hi, pgScanPage)
		}
		if err != nil {
			return err
		}
		n, stop := 0, false
		for rows.Next() {
			var k, v []byte
			if err := rows.Scan(&k, &v); err != nil {
				rows.Close()
				return err
			}
			n++
			lo = k
			if !fn(k, v) {
				stop = true
				break
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if stop || n < pgScanPage {
			return nil
		}
		first = false
	}
}

func (r pgReader) Scan(ctx context.Context, prefix, from []byte, fn func(key, val []byte) bool) error {
	if err := r.scan(ctx, RecordKey(prefix), from, func(k, v []byte) bool { return fn(k[1:], v) }); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

func (r pgReader) Counter(ctx context.Context, key []byte) (int64, error) {
	var v []byte
	err := r.db.QueryRowContext(ctx, `SELECT v FROM gijigraph_view WHERE k = $1`, CounterKey(key)).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	} else if err != nil {
		return 0, fmt.Errorf("index: %w", err)
	}
	return DecodeCount(v), nil
}

func (r pgReader) Counters(ctx context.Context, prefix []byte, fn func(key []byte, n int64)) error {
	if err := r.scan(ctx, CounterKey(prefix), nil, func(k, v []byte) bool {
		fn(k[1:], DecodeCount(v))
		return true
	}); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

func (r pgReader) All(ctx context.Context, fn func(key, val []byte)) error {
	if err := r.scan(ctx, nil, nil, func(k, v []byte) bool {
		fn(k, v)
		return true
	}); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}
