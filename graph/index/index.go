// Package index is gijigraph's persistent read index: for every document
// of the graph (a quad label), the facts the read model takes from its
// quads, kept beside Cayley's data in the same database, so that a server
// starts by reading one entry a document instead of resolving every quad
// through Cayley.
//
// An entry is written whenever the document's quads are: in the same
// bolt transaction as Cayley's last batch for that document (WithEntries
// on a KV), or right after it on PostgreSQL (PutPG). A replaced document
// overwrites its entry; a deleted one removes it. The format carries a
// version (Version); a database whose index is missing or older is read
// the old way until `gijigraph build` rebuilds the index.
//
// The package knows nothing of the vocabulary: the caller decides which
// facts an entry holds (graph keeps those of its read model).
package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"

	"github.com/cayleygraph/quad"
)

// Version is the version of the index format. A database whose index has
// another version (or none) is rebuilt by `gijigraph build`. Version 2
// adds the facts of documents (complete, warnings); version 3 the
// query-shaped view (View); version 4 its meeting details and orders.
const Version = 4

// ErrCorrupt is matched (errors.Is) by the error of an entry that does
// not decode.
var ErrCorrupt = errors.New("index: corrupt entry")

// Fact is one subject-predicate-object statement of a document.
type Fact struct{ S, P, O quad.Value }

// Key is the key of a document's entry: its label in N-Quads notation,
// "" for quads without a label.
func Key(label quad.Value) string {
	if label == nil {
		return ""
	}
	return quad.StringOf(label)
}

// Value kinds of the encoding.
const (
	kIRI    = 'i'
	kString = 's'
	kInt    = 'n'
	kTyped  = 't'
	kLang   = 'l'
	kOther  = 'o' // any other literal, in N-Quads notation
)

// Encode returns the entry of a document with the given facts. Each
// distinct value is written once; a fact is three references to values.
//
//	entry := Version uvarint, nvalues uvarint, value*, nfacts uvarint, (s p o uvarint)*
//	value := kind byte, payload (strings: uvarint length, bytes; ints: varint)
func Encode(facts []Fact) []byte {
	type vkey struct {
		kind byte
		a, b string
	}
	ids := make(map[vkey]uint64, len(facts))
	var vals []byte
	refs := make([]uint64, 0, 3*len(facts))
	buf := make([]byte, 0, 64*len(facts))
	buf = binary.AppendUvarint(buf, Version)
	for _, f := range facts {
		for _, v := range [3]quad.Value{f.S, f.P, f.O} {
			k := keyOf(v)
			vk := vkey{k.kind, k.a, k.b}
			id, ok := ids[vk]
			if !ok {
				id = uint64(len(ids))
				ids[vk] = id
				vals = k.append(vals)
			}
			refs = append(refs, id)
		}
	}
	buf = binary.AppendUvarint(buf, uint64(len(ids)))
	buf = append(buf, vals...)
	buf = binary.AppendUvarint(buf, uint64(len(facts)))
	for _, r := range refs {
		buf = binary.AppendUvarint(buf, r)
	}
	return buf
}

type encoded struct {
	kind byte
	a, b string
	n    int64
}

func keyOf(v quad.Value) encoded {
	switch x := v.(type) {
	case quad.IRI:
		return encoded{kind: kIRI, a: string(x)}
	case quad.String:
		return encoded{kind: kString, a: string(x)}
	case quad.Int:
		return encoded{kind: kInt, a: strconv.FormatInt(int64(x), 10), n: int64(x)}
	case quad.TypedString:
		return encoded{kind: kTyped, a: string(x.Value), b: string(x.Type)}
	case quad.LangString:
		return encoded{kind: kLang, a: string(x.Value), b: x.Lang}
	case nil:
		return encoded{kind: kOther}
	}
	return encoded{kind: kOther, a: quad.StringOf(v)}
}

func (e encoded) append(buf []byte) []byte {
	buf = append(buf, e.kind)
	switch e.kind {
	case kInt:
		return binary.AppendVarint(buf, e.n)
	case kTyped, kLang:
		buf = appendString(buf, e.a)
		return appendString(buf, e.b)
	}
	return appendString(buf, e.a)
}

func appendString(buf []byte, s string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

// decoder reads an entry.
type decoder struct {
	data []byte
	err  error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.data)
	if n <= 0 {
		d.err = ErrCorrupt
		return 0
	}
	d.data = d.data[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.data)
	if n <= 0 {
		d.err = ErrCorrupt
		return 0
	}
	d.data = d.data[n:]
	return v
}

func (d *decoder) string() string {
	n := d.uvarint()
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.data)) {
		d.err = ErrCorrupt
		return ""
	}
	s := string(d.data[:n])
	d.data = d.data[n:]
	return s
}

func (d *decoder) value() quad.Value {
	if d.err != nil {
		return nil
	}
	if len(d.data) == 0 {
		d.err = ErrCorrupt
		return nil
	}
	k := d.data[0]
	d.data = d.data[1:]
	switch k {
	case kIRI:
		return quad.IRI(d.string())
	case kString:
		return quad.String(d.string())
	case kInt:
		return quad.Int(d.varint())
	case kTyped:
		v := d.string()
		return quad.TypedString{Value: quad.String(v), Type: quad.IRI(d.string())}
	case kLang:
		v := d.string()
		return quad.LangString{Value: quad.String(v), Lang: d.string()}
	case kOther:
		s := d.string()
		if s == "" {
			return nil
		}
		return quad.StringToValue(s)
	}
	d.err = ErrCorrupt
	return nil
}

// Decode calls fn for every fact of an entry, in the order Encode was
// given them.
func Decode(entry []byte, fn func(s, p, o quad.Value)) error {
	d := &decoder{data: entry}
	if v := d.uvarint(); d.err == nil && v != Version {
		return fmt.Errorf("%w: format version %d, want %d", ErrCorrupt, v, Version)
	}
	n := d.uvarint()
	if d.err == nil && n > uint64(len(d.data)) {
		return ErrCorrupt
	}
	vals := make([]quad.Value, 0, n)
	for i := uint64(0); i < n && d.err == nil; i++ {
		vals = append(vals, d.value())
	}
	nf := d.uvarint()
	if d.err == nil && nf > uint64(len(d.data)) {
		return ErrCorrupt
	}
	for i := uint64(0); i < nf && d.err == nil; i++ {
		s, p, o := d.uvarint(), d.uvarint(), d.uvarint()
		if d.err != nil {
			break
		}
		if s >= n || p >= n || o >= n {
			return ErrCorrupt
		}
		fn(vals[s], vals[p], vals[o])
	}
	if d.err == nil && len(d.data) != 0 {
		return ErrCorrupt
	}
	return d.err
}
