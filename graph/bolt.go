package graph

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/boltdb/bolt"
	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"

	"github.com/gijigraph/gijigraph/graph/index"
)

// boltFile is the name of the database file inside a bolt database
// directory: Cayley's bolt backend (and so `cayley repl -d bolt -a DIR`)
// keeps it there.
const boltFile = "indexes.bolt"

// labelIndex is the extra kv index gijigraph adds: see addLabelIndex.
var labelIndex = []quad.Direction{quad.Label, quad.Subject}

// buildLock is a file in the database directory that one Update at a time
// holds locked.
const buildLock = "build.lock"

// openBolt opens the bolt database in the directory cfg.Path.
func openBolt(cfg Config) (*Store, error) {
	if cfg.Path == "" {
		return nil, errors.New("graph: bolt: no database path given")
	}
	file := filepath.Join(cfg.Path, boltFile)
	if cfg.ReadOnly {
		if _, err := os.Stat(file); err != nil {
			return nil, fmt.Errorf("graph: no database at %s (run gijigraph build first): %w", cfg.Path, err)
		}
	} else if err := os.MkdirAll(cfg.Path, 0o755); err != nil {
		return nil, fmt.Errorf("graph: %w", err)
	}
	return openBoltFile(file, cfg)
}

// openBoltFile opens (or creates) the bolt file at path as a Cayley kv
// quad store. It opens bolt itself rather than through Cayley's registry,
// because Cayley opens bolt without a timeout, so that a second opener
// blocks forever on the file lock.
func openBoltFile(path string, cfg Config) (*Store, error) {
	var (
		kv  hkv.KV
		err error
	)
	if cfg.nosync {
		kv, err = openBulk(path, cfg.lockTimeout())
	} else {
		// A memory map larger than the file: a write that grows the file
		// within it needs no remap, and a remap waits until every read
		// transaction has ended (the Gizmo workers' copy of the graph is
		// one long read), so a POST would wait for the copy. The map
		// costs address space, not memory.
		kv, err = hbolt.Open(path, &bolt.Options{Timeout: cfg.lockTimeout(), ReadOnly: cfg.ReadOnly, InitialMmapSize: writeMmapSize(path)})
	}
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("%w: %s", ErrLocked, filepath.Dir(path))
	} else if err != nil {
		return nil, fmt.Errorf("graph: open %s: %w", path, err)
	}
	// no_bloom: the default bloom filters cost ~600 MB and half a second
	// on every open, to speed up duplicate checks a build does not need.
	opts := cgraph.Options{ckv.OptNoBloom: true}
	// Cayley writes through ikv, which adds the read index's entries to
	// its transactions.
	ikv := index.NewKV(kv)
	qs, err := ckv.New(ikv, opts)
	if errors.Is(err, cgraph.ErrNotInitialized) && !cfg.ReadOnly {
		if err = ckv.Init(ikv, opts); err == nil {
			if err = addLabelIndex(kv); err == nil {
				// A new database's empty index is complete.
				if err = ikv.MarkValid(context.Background()); err == nil {
					qs, err = ckv.New(ikv, opts)
				}
			}
		}
	}
	if err != nil {
		kv.Close()
		return nil, fmt.Errorf("graph: open %s: %w", path, err)
	}
	s := &Store{qs: qs, backend: Bolt, ikv: ikv, sizes: &kvSizes{db: kv}, boltPath: path, readOnly: cfg.ReadOnly}
	if h, ok := kv.(*hbolt.DB); ok {
		s.bdb = h.DB()
	}
	if b, ok := kv.(*bulkKV); ok {
		bulkStores.Store(s, b) // Update removes it
	}
	return s, nil
}

// writeMmapSize is the size of the memory map a build opens the database
// with: room for the database to triple, and at least 4 GiB. bolt maps
// the file anew whenever it outgrows the map, and each time copies every
// page the transaction has touched out of the old map; address space is
// free on 64-bit systems (only pages read count towards memory).
func writeMmapSize(path string) int {
	if strconv.IntSize < 64 {
		return 0
	}
	size := int64(0)
	if fi, err := os.Stat(path); err == nil {
		size = fi.Size()
	}
	return int(max(3*size, 4<<30))
}

// addLabelIndex adds an index on (label, subject) to a new, empty Cayley
// kv database. Cayley's default indexes (subject-predicate and
// object-predicate-subject) make finding a document's quads a scan of the
// whole graph; with this index, replacing a document costs its own size.
// The subject is part of the key so that no index entry grows with the
// graph: quads without a label (label 0) would otherwise all share one.
// The index list is data in the database (meta/indexes), so the stock
// cayley CLI reads and maintains the index too.
func addLabelIndex(db hkv.KV) error {
	ctx := context.Background()
	key := hkv.Key{[]byte("meta"), []byte("indexes")}
	return hkv.Update(ctx, db, func(tx hkv.Tx) error {
		var inds []ckv.QuadIndex
		if v, err := tx.Get(ctx, key); err != nil {
			return err
		} else if err := json.Unmarshal(v, &inds); err != nil {
			return err
		}
		for _, in := range inds {
			if len(in.Dirs) > 0 && in.Dirs[0] == quad.Label {
				return nil
			}
		}
		inds = append(inds, ckv.QuadIndex{Dirs: labelIndex})
		data, err := json.Marshal(inds)
		if err != nil {
			return err
		}
		// The bucket of an index is named by the direction prefixes.
		if err := hkv.CreateBucket(ctx, tx, hkv.Key{[]byte{labelIndex[0].Prefix(), labelIndex[1].Prefix()}}); err != nil {
			return err
		}
		return tx.Put(key, data)
	})
}

// Update opens the store cfg names for writing, runs fn, and makes what
// fn wrote visible as a whole.
//
// On bolt the whole update is atomic: it copies the database (if any) to
// a temporary file beside it, writes there, syncs, and renames the copy
// over the original only if fn succeeds. A failing fn, a crash or a kill
// leaves the previous database as it was; a stale copy is removed by the
// next Update. The original stays locked meanwhile, so a server cannot
// open it half-way; and only one Update runs at a time.
//
// On postgres each document is written in its own transaction (see
// WriteDocument) and Update runs ANALYZE at the end. Memory has nothing
// to update: use Open.
func Update(ctx context.Context, cfg Config, fn func(*Store) error) error {
	switch cfg.backend() {
	case Bolt:
		return updateBolt(ctx, cfg, fn)
	case Postgres:
		s, err := Open(ctx, cfg)
		if err != nil {
			return err
		}
		if err := s.ensureIndex(ctx); err != nil {
			s.Close()
			return err
		}
		if err := fn(s); err != nil {
			s.Close()
			return err
		}
		if err := s.analyze(ctx); err != nil {
			s.Close()
			return err
		}
		return s.Close()
	case Memory:
		return errors.New("graph: a memory store lives only in its process: open it with Open, not Update")
	}
	return fmt.Errorf("graph: unknown backend %q", cfg.Backend)
}

func updateBolt(ctx context.Context, cfg Config, fn func(*Store) error) (err error) {
	if cfg.Path == "" {
		return errors.New("graph: bolt: no database path given")
	}
	if cfg.ReadOnly {
		return errors.New("graph: cannot update a read-only store")
	}
	if err := os.MkdirAll(cfg.Path, 0o755); err != nil {
		return fmt.Errorf("graph: %w", err)
	}
	lf, err := os.OpenFile(filepath.Join(cfg.Path, buildLock), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("graph: %w", err)
	}
	defer lf.Close() // releases the lock
	if ok, err := flock(lf, cfg.lockTimeout()); err != nil {
		return fmt.Errorf("graph: lock %s: %w", lf.Name(), err)
	} else if !ok {
		return fmt.Errorf("graph: another gijigraph build is writing %s", cfg.Path)
	}

	target := filepath.Join(cfg.Path, boltFile)
	// Copies left by a crashed or killed build: nobody else can be writing
	// one while we hold the build lock.
	if stale, _ := filepath.Glob(target + ".tmp-*"); len(stale) > 0 {
		for _, f := range stale {
			os.Remove(f)
		}
	}
	tmp := target + ".tmp-" + strconv.Itoa(os.Getpid())
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()

	src, err := os.Open(target)
	switch {
	case err == nil:
		defer src.Close() // releases the lock
		if ok, err := flock(src, cfg.lockTimeout()); err != nil {
			return fmt.Errorf("graph: lock %s: %w", target, err)
		} else if !ok {
			return fmt.Errorf("%w: %s", ErrLocked, cfg.Path)
		}
		if err := copyFile(tmp, src); err != nil {
			return fmt.Errorf("graph: copy %s: %w", target, err)
		}
	case errors.Is(err, os.ErrNotExist):
	default:
		return fmt.Errorf("graph: %w", err)
	}

	c := cfg
	c.nosync = true
	s, err := openBoltFile(tmp, c)
	if err != nil {
		return err
	}
	defer bulkStores.Delete(s)
	if err := s.ensureIndex(ctx); err != nil {
		s.Close()
		return err
	}
	if err := fn(s); err != nil {
		s.Close()
		return err
	}
	if err := s.Close(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("graph: sync %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, target); err != nil {
		return fmt.Errorf("graph: %w", err)
	}
	if err := syncFile(cfg.Path); err != nil {
		return fmt.Errorf("graph: sync %s: %w", cfg.Path, err)
	}
	return nil
}

// copyFile copies src to a new file at dst and syncs it.
func copyFile(dst string, src *os.File) error {
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, src); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// syncFile fsyncs a file or directory.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// bulkKV is the kv layer under Cayley for the copy a build writes into
// (Config.nosync): hidalgo's bolt adapter for reading, and for writing a
// transaction of its own (bulkTx). Keys, values and buckets are exactly
// those hidalgo writes, so the file is the same database to Cayley and
// to the stock CLI. It differs from hidalgo's in how it uses bolt:
//
//   - no fsync per commit (Update syncs once at the end);
//   - a memory map large enough for the whole build (writeMmapSize): bolt
//     maps the file anew whenever it outgrows the map, and each time
//     first copies every page the open transaction has touched to the
//     heap;
//   - a write transaction keeps the buckets it has opened, where
//     hidalgo's looks each one up again, or creates it, on every Put;
//   - the pages of buckets written in key order are packed (fillPercent);
//   - after a commit, when the pages of the file mapped into the process
//     exceed maxMapped, the file is closed and opened again. Every page
//     bolt reads stays mapped, and counts in the process's resident
//     memory, until the map is dropped; without this a build's resident
//     memory would grow with the database.
//
// Loader.Flush also writes the quads of new documents through it
// directly, in Cayley's layout (addNew).
type bulkKV struct {
	path    string
	timeout time.Duration

	mu sync.RWMutex // Tx against reopen
	db *hbolt.DB
}

// maxMapped is how much of the database file a build lets stay mapped
// (see bulkKV).
const maxMapped = 256 << 20

func openBulk(path string, timeout time.Duration) (*bulkKV, error) {
	kv := &bulkKV{path: path, timeout: timeout}
	if err := kv.open(); err != nil {
		return nil, err
	}
	return kv, nil
}

func (kv *bulkKV) open() error {
	db, err := hbolt.Open(kv.path, &bolt.Options{Timeout: kv.timeout, InitialMmapSize: writeMmapSize(kv.path)})
	if err != nil {
		return err
	}
	db.DB().NoSync = true
	db.DB().NoGrowSync = true
	kv.db = db
	return nil
}

func (kv *bulkKV) Close() error {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	if kv.db == nil {
		return nil
	}
	err := kv.db.Close()
	kv.db = nil
	return err
}

func (kv *bulkKV) Tx(rw bool) (hkv.Tx, error) {
	kv.mu.RLock()
	defer kv.mu.RUnlock()
	if kv.db == nil {
		return nil, bolt.ErrDatabaseNotOpen
	}
	if !rw {
		return kv.db.Tx(false)
	}
	tx, err := kv.db.DB().Begin(true)
	if err != nil {
		return nil, err
	}
	return &bulkTx{kv: kv, tx: tx, buckets: make(map[string]*bolt.Bucket)}, nil
}

// committed runs after each write transaction: it drops the map of the
// file when too much of it is resident.
func (kv *bulkKV) committed() error {
	if mappedFile() < maxMapped {
		return nil
	}
	kv.mu.Lock()
	defer kv.mu.Unlock()
	if kv.db == nil {
		return nil
	}
	if err := kv.db.Close(); err != nil {
		kv.db = nil
		return err
	}
	kv.db = nil
	return kv.open()
}

// mappedFile is the number of bytes of files mapped into the process and
// resident (Linux; 0 elsewhere): the database file, and the executable.
func mappedFile() int64 {
	data, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return 0
	}
	pages, err := strconv.ParseInt(f[2], 10, 64)
	if err != nil {
		return 0
	}
	return pages * int64(os.Getpagesize())
}

// fillPercent is how full a build packs the pages of a bucket when it
// splits them. bolt splits a full page in half, which leaves a bucket
// whose keys come in increasing order half empty. Cayley's log is keyed
// by the sequence number of each node and quad: a build only appends to
// it. Most keys of the quad indexes (named by the letters of their
// directions: sp, ops, cs) are the ids of new nodes, so they too mostly
// grow at the end.
func fillPercent(bucket []byte) float64 {
	if string(bucket) == "log" {
		return 1.0
	}
	if len(bucket) >= 2 && len(bucket) <= 4 && strings.Trim(string(bucket), "spoc") == "" {
		return indexFill
	}
	return bolt.DefaultFillPercent
}

// indexFill leaves room in index pages for the entries of the nodes
// that are not new (people, posts, concepts), which land all over.
const indexFill = 0.9

// bulkTx is a read-write transaction of bulkKV. Cayley's keys have two
// parts, bucket and key; others work as in hidalgo's adapter.
type bulkTx struct {
	kv      *bulkKV
	tx      *bolt.Tx
	buckets map[string]*bolt.Bucket // top-level buckets opened in tx
}

// bucket returns the bucket holding key and the key within it, creating
// buckets when create is set; nil when it does not exist.
func (tx *bulkTx) bucket(key hkv.Key, create bool) (*bolt.Bucket, []byte, error) {
	if len(key) <= 1 {
		var k []byte
		if len(key) == 1 {
			k = key[0]
		}
		return tx.tx.Cursor().Bucket(), k, nil
	}
	b := tx.buckets[string(key[0])]
	if b == nil {
		if create {
			var err error
			if b, err = tx.tx.CreateBucketIfNotExists(key[0]); err != nil {
				return nil, nil, err
			}
		} else if b = tx.tx.Bucket(key[0]); b == nil {
			return nil, nil, nil
		}
		b.FillPercent = fillPercent(key[0])
		tx.buckets[string(key[0])] = b
	}
	key = key[1:]
	for len(key) > 1 {
		var err error
		if create {
			b, err = b.CreateBucketIfNotExists(key[0])
		} else {
			b = b.Bucket(key[0])
		}
		if err != nil || b == nil {
			return nil, nil, err
		}
		key = key[1:]
	}
	return b, key[0], nil
}

func (tx *bulkTx) Get(ctx context.Context, key hkv.Key) (hkv.Value, error) {
	b, k, err := tx.bucket(key, false)
	if err != nil {
		return nil, err
	}
	if b == nil {
		return nil, hkv.ErrNotFound
	}
	v := b.Get(k)
	if v == nil {
		return nil, hkv.ErrNotFound
	}
	return v, nil
}

func (tx *bulkTx) GetBatch(ctx context.Context, keys []hkv.Key) ([]hkv.Value, error) {
	vals := make([]hkv.Value, len(keys))
	for i, key := range keys {
		b, k, err := tx.bucket(key, false)
		if err != nil {
			return nil, err
		}
		if b != nil {
			vals[i] = b.Get(k)
		}
	}
	return vals, nil
}

func (tx *bulkTx) Put(key hkv.Key, v hkv.Value) error {
	b, k, err := tx.bucket(key, true)
	if err != nil {
		return err
	}
	if len(k) == 0 && len(v) == 0 {
		return nil // bucket creation only
	}
	return b.Put(k, v)
}

func (tx *bulkTx) Del(key hkv.Key) error {
	b, k, err := tx.bucket(key, false)
	if err != nil || b == nil {
		return err
	}
	return b.Delete(k)
}

// Scan is not needed in a write transaction: Cayley scans only in read
// transactions, which bulkKV leaves to hidalgo.
func (tx *bulkTx) Scan(pref hkv.Key) hkv.Iterator {
	return errIterator{errors.New("graph: scan in a bulk write transaction")}
}

func (tx *bulkTx) Commit(ctx context.Context) error {
	if err := tx.tx.Commit(); err != nil {
		return err
	}
	return tx.kv.committed()
}
func (tx *bulkTx) Close() error {
	if tx.tx.DB() == nil {
		return nil // committed
	}
	return tx.tx.Rollback()
}

type errIterator struct{ err error }

func (it errIterator) Next(ctx context.Context) bool { return false }
func (it errIterator) Err() error                    { return it.err }
func (it errIterator) Close() error                  { return nil }
func (it errIterator) Key() hkv.Key                  { return nil }
func (it errIterator) Val() hkv.Value                { return nil }

// bulkStores maps the Store of a running bolt Update to the kv layer of
// its copy, for Loader.Flush.
var bulkStores sync.Map // *Store → *bulkKV

// bulkOf returns the kv layer of s if s is the copy a bolt Update writes.
func bulkOf(s *Store) *bulkKV {
	kv, _ := bulkStores.Load(s)
	b, _ := kv.(*bulkKV)
	return b
}

// errNotNew: addNew was given a quad whose nodes all exist already.
var errNotNew = errors.New("graph: quad without a new node")

// addNew adds quads to the store as Cayley v0.7.7's kv ApplyDeltas adds
// them (graph/kv/indexing.go: incNodes, applyAddDeltas, flushMapBucket),
// without its per-quad bookkeeping: the same keys and values, nodes and
// quads numbered in the same order, so the file holds what Cayley would
// have written but for the timestamps. TestAddNewAsCayley checks that,
// entry by entry.
//
// Every quad must have a node the store does not hold yet (in a build,
// its label: a document the store does not hold), so that it cannot be
// in the store and needs no duplicate check; and no quad may be given
// twice. If a quad has no new node, addNew writes nothing and returns
// errNotNew, and the caller uses Cayley.
//
// It writes in key order, bucket by bucket, and commits every
// bulkTxPuts puts: bolt keeps in memory every page a transaction has
// touched, and a batch touches a page of Cayley's value buckets for
// nearly every new node (there are 2×65,536 of them, by hash prefix),
// and index pages all over. As consecutive transactions touch different
// pages, committing often writes hardly more. A failed addNew leaves the
// database inconsistent: only Update's copy, which it then discards, is
// written this way.
//
// The layout, for reference: a node is a log entry (key: its id, 8
// bytes big-endian; value: a proto.Primitive with the value), an entry in
// bucket 'v'+hash[0:2] (key: the hash, value: the id as a uvarint) and a
// reference count in bucket 'n'+hash[0:2]. A quad is a log entry (a
// Primitive with the ids of its four nodes) and, for every index in
// meta/indexes, its id appended (uvarint) to the entry keyed by the ids of
// the index's directions. meta/horizon is the last id given out and
// meta/size the number of quads.
func (kv *bulkKV) addNew(quads []quad.Quad) error {
	// The nodes, each hashed once, and the nodes of each quad.
	byVal := make(map[quad.Value]*bnode)
	byHash := make(map[cgraph.ValueHash]*bnode)
	dirs := make([][4]*bnode, len(quads))
	for i, q := range quads {
		for d, dir := range quad.Directions {
			v := q.Get(dir)
			if v == nil {
				continue
			}
			n := byVal[v]
			if n == nil {
				h := cgraph.HashOf(v)
				if n = byHash[h]; n == nil {
					n = &bnode{hash: h, val: v}
					byHash[h] = n
				}
				byVal[v] = n
			}
			n.refs++
			dirs[i][d] = n
		}
	}
	nodes := make([]*bnode, 0, len(byHash))
	for _, n := range byHash {
		nodes = append(nodes, n)
	}
	byVal, byHash = nil, nil
	slices.SortFunc(nodes, func(a, b *bnode) int { return bytes.Compare(a.hash[:], b.hash[:]) })

	// Which nodes exist, and the counters.
	var (
		indexes       []ckv.QuadIndex
		horizon, size uint64
	)
	err := kv.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket([]byte("meta"))
		if meta == nil {
			return errNotNew
		}
		if err := json.Unmarshal(meta.Get([]byte("indexes")), &indexes); err != nil || len(indexes) == 0 {
			return errNotNew // legacy layout: leave it to Cayley
		}
		var err error
		if horizon, err = metaInt(meta, "horizon"); err != nil {
			return err
		}
		if size, err = metaInt(meta, "size"); err != nil {
			return err
		}
		var b *bolt.Bucket
		prefix := -1
		for _, n := range nodes {
			if p := int(n.hash[0])<<8 | int(n.hash[1]); p != prefix {
				prefix = p
				b = tx.Bucket([]byte{'v', n.hash[0], n.hash[1]})
			}
			if b != nil {
				if v := b.Get(n.hash[:]); len(v) != 0 {
					n.id, _ = binary.Uvarint(v)
					if nb := tx.Bucket([]byte{'n', n.hash[0], n.hash[1]}); nb != nil {
						n.old, _ = binary.Uvarint(nb.Get(n.hash[:]))
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i := range dirs {
		isNew := false
		for _, n := range dirs[i] {
			isNew = isNew || n != nil && n.id == 0
		}
		if !isNew {
			return errNotNew
		}
	}

	w := &bulkWriter{kv: kv}
	defer w.abort()
	now := time.Now().UnixNano()
	log := []byte("log")
	putLog := func(p *proto.Primitive) error {
		data, err := p.Marshal()
		if err != nil {
			return err
		}
		return w.put(log, binary.BigEndian.AppendUint64(nil, p.ID), data)
	}

	// New nodes get ids in the order of their hashes; every node's
	// reference count grows by its references in the batch.
	for _, n := range nodes {
		if n.id == 0 {
			horizon++
			n.id, n.new = horizon, true
			if err := w.put([]byte{'v', n.hash[0], n.hash[1]}, n.hash[:], binary.AppendUvarint(nil, n.id)); err != nil {
				return err
			}
		}
	}
	for _, n := range nodes {
		if err := w.put([]byte{'n', n.hash[0], n.hash[1]}, n.hash[:], binary.AppendUvarint(nil, n.old+n.refs)); err != nil {
			return err
		}
	}
	for _, n := range nodes {
		if n.new {
			val, err := pquads.MarshalValue(n.val)
			if err != nil {
				return err
			}
			if err := putLog(&proto.Primitive{ID: n.id, Value: val, Timestamp: now}); err != nil {
				return err
			}
		}
	}

	// Quads get ids in the order given.
	type entry struct {
		key [4]uint64 // the ids of the index's directions
		id  uint64
	}
	entries := make([][]entry, len(indexes))
	for j := range entries {
		entries[j] = make([]entry, 0, len(dirs))
	}
	for i := range dirs {
		var p proto.Primitive
		for d, n := range dirs[i] {
			if n != nil {
				p.SetDirection(quad.Directions[d], n.id)
			}
		}
		horizon++
		p.ID = horizon
		p.Timestamp = now
		for j, ind := range indexes {
			var k [4]uint64
			for x, d := range ind.Dirs {
				k[x] = p.GetDirection(d)
			}
			entries[j] = append(entries[j], entry{k, p.ID})
		}
		if err := putLog(&p); err != nil {
			return err
		}
	}
	dirs = nil
	nodes = nil

	// Index entries: each key's ids appended to what it holds, in
	// increasing order.
	for j, ind := range indexes {
		es := entries[j]
		slices.SortFunc(es, func(a, b entry) int {
			for x := range a.key {
				if a.key[x] != b.key[x] {
					return cmp.Compare(a.key[x], b.key[x])
				}
			}
			return cmp.Compare(a.id, b.id)
		})
		name := ind.KeyFor(&proto.Primitive{})[0]
		for len(es) > 0 {
			n := 1
			for n < len(es) && es[n].key == es[0].key {
				n++
			}
			key := make([]byte, 0, 8*len(ind.Dirs))
			for x := range ind.Dirs {
				key = binary.BigEndian.AppendUint64(key, es[0].key[x])
			}
			val, err := w.get(name, key)
			if err != nil {
				return err
			}
			val = slices.Clone(val)
			for _, e := range es[:n] {
				val = binary.AppendUvarint(val, e.id)
			}
			if err := w.put(name, key, val); err != nil {
				return err
			}
			es = es[n:]
		}
		entries[j] = nil
	}

	meta := []byte("meta")
	if err := w.put(meta, []byte("horizon"), binary.LittleEndian.AppendUint64(nil, horizon)); err != nil {
		return err
	}
	if err := w.put(meta, []byte("size"), binary.LittleEndian.AppendUint64(nil, size+uint64(len(quads)))); err != nil {
		return err
	}
	return w.commit()
}

// bnode is a node of an addNew batch.
type bnode struct {
	hash cgraph.ValueHash
	val  quad.Value // as first seen, as Cayley keeps it
	refs uint64     // quad directions referring to it in the batch
	id   uint64     // 0: a new node, until it gets one
	new  bool
	old  uint64 // its reference count before the batch
}

// bulkTxPuts is how many puts addNew makes in one bolt transaction.
const bulkTxPuts = 16 << 10

// view runs fn in a read transaction.
func (kv *bulkKV) view(fn func(*bolt.Tx) error) error {
	kv.mu.RLock()
	defer kv.mu.RUnlock()
	if kv.db == nil {
		return bolt.ErrDatabaseNotOpen
	}
	return kv.db.DB().View(fn)
}

// bulkWriter puts into top-level buckets of a bulkKV, committing every
// bulkTxPuts puts.
type bulkWriter struct {
	kv      *bulkKV
	tx      *bolt.Tx
	puts    int
	name    []byte // the bucket last used
	bucket  *bolt.Bucket
	buckets map[string]*bolt.Bucket
}

// use returns the bucket name in the current transaction, beginning one
// if need be.
func (w *bulkWriter) use(name []byte) (*bolt.Bucket, error) {
	if w.tx == nil {
		w.kv.mu.RLock()
		if w.kv.db == nil {
			w.kv.mu.RUnlock()
			return nil, bolt.ErrDatabaseNotOpen
		}
		tx, err := w.kv.db.DB().Begin(true)
		w.kv.mu.RUnlock()
		if err != nil {
			return nil, err
		}
		w.tx, w.puts, w.name, w.bucket = tx, 0, nil, nil
		w.buckets = make(map[string]*bolt.Bucket)
	}
	if w.bucket != nil && bytes.Equal(name, w.name) {
		return w.bucket, nil
	}
	b := w.buckets[string(name)]
	if b == nil {
		var err error
		if b, err = w.tx.CreateBucketIfNotExists(name); err != nil {
			return nil, err
		}
		b.FillPercent = fillPercent(name)
		w.buckets[string(name)] = b
	}
	w.name, w.bucket = name, b
	return b, nil
}

func (w *bulkWriter) get(name, key []byte) ([]byte, error) {
	b, err := w.use(name)
	if err != nil {
		return nil, err
	}
	return b.Get(key), nil
}

func (w *bulkWriter) put(name, key, val []byte) error {
	b, err := w.use(name)
	if err != nil {
		return err
	}
	if err := b.Put(key, val); err != nil {
		return err
	}
	if w.puts++; w.puts >= bulkTxPuts {
		return w.commit()
	}
	return nil
}

// commit commits the current transaction, if any.
func (w *bulkWriter) commit() error {
	if w.tx == nil {
		return nil
	}
	tx := w.tx
	w.tx, w.bucket, w.buckets = nil, nil, nil
	if err := tx.Commit(); err != nil {
		return err
	}
	return w.kv.committed()
}

// abort rolls back the current transaction, if any.
func (w *bulkWriter) abort() {
	if w.tx != nil {
		w.tx.Rollback()
		w.tx = nil
	}
}

// metaInt reads a counter of Cayley's meta bucket: 8 bytes, little-endian;
// absent is 0.
func metaInt(meta *bolt.Bucket, key string) (uint64, error) {
	v := meta.Get([]byte(key))
	switch len(v) {
	case 0:
		return 0, nil
	case 8:
		return binary.LittleEndian.Uint64(v), nil
	}
	return 0, fmt.Errorf("graph: meta/%s: unexpected int size %d", key, len(v))
}

func putMetaInt(meta *bolt.Bucket, key string, v uint64) error {
	return meta.Put([]byte(key), binary.LittleEndian.AppendUint64(nil, v))
}

// labelQuads returns the quads under label, reading Cayley's layout
// directly in one transaction: the label index, the log entries of the
// quads (skipping those marked deleted, as Cayley's iterator does) and of
// their nodes, each node decoded once. Through Cayley every quad costs
// four transactions, one a node. ok is false, and nothing is read, when
// the database has no label index (one the stock CLI created).
// TestAddNewAsCayley checks it against Cayley's iterator.
func (kv *bulkKV) labelQuads(label quad.Value) (out []quad.Quad, ok bool, err error) {
	err = kv.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket([]byte("meta"))
		if meta == nil {
			return nil
		}
		var indexes []ckv.QuadIndex
		if json.Unmarshal(meta.Get([]byte("indexes")), &indexes) != nil {
			return nil
		}
		i := slices.IndexFunc(indexes, func(in ckv.QuadIndex) bool { return len(in.Dirs) > 0 && in.Dirs[0] == quad.Label })
		if i < 0 {
			return nil
		}
		ok = true
		h := cgraph.HashOf(label)
		vb := tx.Bucket([]byte{'v', h[0], h[1]})
		if vb == nil {
			return nil
		}
		v := vb.Get(h[:])
		if len(v) == 0 {
			return nil
		}
		id, _ := binary.Uvarint(v)
		ib := tx.Bucket(indexes[i].KeyFor(&proto.Primitive{})[0])
		log := tx.Bucket([]byte("log"))
		if ib == nil || log == nil {
			return errors.New("graph: no label index or log bucket")
		}
		prim := func(id uint64) (*proto.Primitive, error) {
			data := log.Get(binary.BigEndian.AppendUint64(nil, id))
			if data == nil {
				return nil, nil
			}
			p := new(proto.Primitive)
			return p, p.Unmarshal(data)
		}
		vals := make(map[uint64]quad.Value)
		value := func(id uint64) (quad.Value, error) {
			if id == 0 {
				return nil, nil
			}
			if v, ok := vals[id]; ok {
				return v, nil
			}
			p, err := prim(id)
			if err != nil {
				return nil, err
			} else if p == nil {
				return nil, fmt.Errorf("graph: node %d is not in the log", id)
			}
			v, err := pquads.UnmarshalValue(p.Value)
			vals[id] = v
			return v, err
		}
		prefix := binary.BigEndian.AppendUint64(nil, id)
		c := ib.Cursor()
		for k, list := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, list = c.Next() {
			for len(list) > 0 {
				qid, n := binary.Uvarint(list)
				if n <= 0 {
					return fmt.Errorf("graph: bad index entry %x", k)
				}
				list = list[n:]
				p, err := prim(qid)
				if err != nil {
					return err
				}
				if p == nil || p.Deleted {
					continue
				}
				var q quad.Quad
				for _, d := range quad.Directions {
					v, err := value(p.GetDirection(d))
					if err != nil {
						return err
					}
					q.Set(d, v)
				}
				out = append(out, q)
			}
		}
		return nil
	})
	return out, ok, err
}
