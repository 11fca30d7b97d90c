package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/boltdb/bolt"
	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
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
	db, err := hbolt.Open(path, &bolt.Options{Timeout: cfg.lockTimeout(), ReadOnly: cfg.ReadOnly})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("%w: %s", ErrLocked, filepath.Dir(path))
	} else if err != nil {
		return nil, fmt.Errorf("graph: open %s: %w", path, err)
	}
	if cfg.nosync {
		db.DB().NoSync = true
		db.DB().NoGrowSync = true
	}
	// no_bloom: the default bloom filters cost ~600 MB and half a second
	// on every open, to speed up duplicate checks a build does not need.
	opts := cgraph.Options{ckv.OptNoBloom: true}
	qs, err := ckv.New(db, opts)
	if errors.Is(err, cgraph.ErrNotInitialized) && !cfg.ReadOnly {
		if err = ckv.Init(db, opts); err == nil {
			if err = addLabelIndex(db); err == nil {
				qs, err = ckv.New(db, opts)
			}
		}
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("graph: open %s: %w", path, err)
	}
	return &Store{qs: qs, backend: Bolt}, nil
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
