package index

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"

	hkv "github.com/hidal-go/hidalgo/kv"
)

// The bolt buckets of the index, beside Cayley's in the same file:
// entries by document key, and the format version.
var (
	entryBucket = []byte("gijigraph_index")
	metaBucket  = []byte("gijigraph_index_meta")
	versionKey  = hkv.Key{metaBucket, []byte("version")}
)

// Entry is a document's entry to write: Data nil deletes it.
type Entry struct {
	Key  string
	Data []byte
	// View is what the document adds to the query-shaped index (see
	// View); nil with Data nil.
	View *View
}

// KV wraps the kv database Cayley writes through (bolt), so that the
// entries given to WithEntries are written in the transaction of
// Cayley's next write, and so committed, or not, with its quads.
type KV struct {
	hkv.KV

	mu      sync.Mutex
	pending []Entry
	taken   bool
}

// NewKV wraps db.
func NewKV(db hkv.KV) *KV { return &KV{KV: db} }

// Tx opens a transaction; a writing one writes the pending entries when
// it commits.
func (kv *KV) Tx(rw bool) (hkv.Tx, error) {
	tx, err := kv.KV.Tx(rw)
	if err != nil || !rw {
		return tx, err
	}
	return &writeTx{Tx: tx, kv: kv}, nil
}

type writeTx struct {
	hkv.Tx
	kv *KV
}

func (tx *writeTx) Commit(ctx context.Context) error {
	tx.kv.mu.Lock()
	pending := tx.kv.pending
	tx.kv.pending, tx.kv.taken = nil, pending != nil || tx.kv.taken
	tx.kv.mu.Unlock()
	if err := putEntries(ctx, tx.Tx, pending); err != nil {
		return err
	}
	return tx.Tx.Commit(ctx)
}

// WithEntries runs write, which makes one write through Cayley, and
// writes entries in the transaction that write commits last. If write
// commits nothing, the entries are written in a transaction of their
// own (after a successful write only).
func (kv *KV) WithEntries(ctx context.Context, entries []Entry, write func() error) error {
	if len(entries) == 0 {
		return write()
	}
	kv.mu.Lock()
	kv.pending, kv.taken = entries, false
	kv.mu.Unlock()
	err := write()
	kv.mu.Lock()
	taken := kv.taken
	kv.pending, kv.taken = nil, false
	kv.mu.Unlock()
	if err != nil || taken {
		return err
	}
	return kv.Put(ctx, entries)
}

// Put writes entries in a transaction of their own.
func (kv *KV) Put(ctx context.Context, entries []Entry) error {
	return hkv.Update(ctx, kv.KV, func(tx hkv.Tx) error { return putEntries(ctx, tx, entries) })
}

func putEntries(ctx context.Context, tx hkv.Tx, entries []Entry) error {
	for _, e := range entries {
		k := hkv.Key{entryBucket, entryKey(e.Key)}
		var err error
		if e.Data == nil {
			err = tx.Del(k)
		} else {
			err = tx.Put(k, e.Data)
		}
		if err != nil {
			return fmt.Errorf("index: %w", err)
		}
	}
	if err := applyViews(ctx, boltBatch{tx}, entries); err != nil {
		return fmt.Errorf("index: view: %w", err)
	}
	return nil
}

// entryKey is the bolt key of a document key: bolt keys may not be
// empty, so every key starts with a byte of its own.
func entryKey(key string) []byte { return append([]byte{'d'}, key...) }

// Valid reports whether the database holds a complete index of this
// Version.
func (kv *KV) Valid(ctx context.Context) (bool, int, error) {
	var v int
	err := hkv.View(kv.KV, func(tx hkv.Tx) error {
		b, err := tx.Get(ctx, versionKey)
		if errors.Is(err, hkv.ErrNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		v, err = strconv.Atoi(string(b))
		return err
	})
	if err != nil {
		return false, 0, fmt.Errorf("index: version: %w", err)
	}
	return v == Version, v, nil
}

// MarkValid records that the index is complete, in this Version.
func (kv *KV) MarkValid(ctx context.Context) error {
	return hkv.Update(ctx, kv.KV, func(tx hkv.Tx) error {
		return tx.Put(versionKey, []byte(strconv.Itoa(Version)))
	})
}

// ReplaceAll deletes every entry and writes entries instead, then marks
// the index valid, in one writing transaction.
func (kv *KV) ReplaceAll(ctx context.Context, entries []Entry) error {
	var old []string
	if err := kv.Scan(ctx, func(key string, _ []byte) error {
		old = append(old, key)
		return nil
	}); err != nil {
		return err
	}
	var view [][]byte
	if err := hkv.View(kv.KV, func(tx hkv.Tx) error {
		it := tx.Scan(hkv.Key{viewBucket, {}})
		defer it.Close()
		for it.Next(ctx) {
			k := it.Key()
			if last := k[len(k)-1]; len(last) > 0 {
				view = append(view, slices.Clone(last))
			}
		}
		return it.Err()
	}); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return hkv.Update(ctx, kv.KV, func(tx hkv.Tx) error {
		for _, k := range old {
			if err := tx.Del(hkv.Key{entryBucket, entryKey(k)}); err != nil {
				return err
			}
		}
		if err := (boltBatch{tx}).delMany(ctx, view); err != nil {
			return err
		}
		if err := putEntries(ctx, tx, entries); err != nil {
			return err
		}
		return tx.Put(versionKey, []byte(strconv.Itoa(Version)))
	})
}

// Get returns the entry of a document key, nil if there is none.
func (kv *KV) Get(ctx context.Context, key string) ([]byte, error) {
	var out []byte
	err := hkv.View(kv.KV, func(tx hkv.Tx) error {
		b, err := tx.Get(ctx, hkv.Key{entryBucket, entryKey(key)})
		if errors.Is(err, hkv.ErrNotFound) {
			return nil
		}
		out = slices.Clone(b)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	return out, nil
}

// Scan calls fn with every entry, in key order; data is valid only
// during the call.
func (kv *KV) Scan(ctx context.Context, fn func(key string, data []byte) error) error {
	return hkv.View(kv.KV, func(tx hkv.Tx) error {
		it := tx.Scan(hkv.Key{entryBucket, {}})
		defer it.Close()
		for it.Next(ctx) {
			k := it.Key()
			last := k[len(k)-1]
			if len(last) == 0 {
				continue
			}
			if err := fn(string(last[1:]), it.Val()); err != nil {
				return err
			}
		}
		if err := it.Err(); err != nil {
			return fmt.Errorf("index: %w", err)
		}
		return ctx.Err()
	})
}
