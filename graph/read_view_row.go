package graph

import (
	"encoding/binary"
	"errors"
)

// The encoding of a row of Raised in the view: its strings and numbers
// in a fixed order, each string a uvarint length and its bytes. JSON
// took ten times as long to decode, and a page of rows is the hottest
// read of the API.

var errRow = errors.New("graph: corrupt row in the read index")

func appendRowString(buf []byte, s string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

func encodeRow(m *Mention) []byte {
	buf := make([]byte, 0, 64+len(m.Sentence)+len(m.Surface)+len(m.Post)+len(m.Organization))
	for _, s := range [...]string{m.PersonID, m.Person, m.Post, m.Organization, m.Role, m.MeetingID, m.Date,
		m.ConceptID, m.Concept, m.ConceptEn, m.ConceptType, m.Surface, m.Sentence} {
		buf = appendRowString(buf, s)
	}
	for _, n := range [...]int{m.Speech, m.Start, m.End, m.SentenceStart, m.SentenceEnd} {
		buf = binary.AppendVarint(buf, int64(n))
	}
	b := byte(0)
	if m.Implicit {
		b = 1
	}
	return append(buf, b)
}

func decodeRow(data []byte) (Mention, error) {
	var m Mention
	str := func() string {
		n, k := binary.Uvarint(data)
		if k <= 0 || n > uint64(len(data)-k) {
			data = nil
			return ""
		}
		s := string(data[k : k+int(n)])
		data = data[k+int(n):]
		return s
	}
	for _, p := range [...]*string{&m.PersonID, &m.Person, &m.Post, &m.Organization, &m.Role, &m.MeetingID, &m.Date,
		&m.ConceptID, &m.Concept, &m.ConceptEn, &m.ConceptType, &m.Surface, &m.Sentence} {
		if data == nil {
			return m, errRow
		}
		*p = str()
	}
	for _, p := range [...]*int{&m.Speech, &m.Start, &m.End, &m.SentenceStart, &m.SentenceEnd} {
		n, k := binary.Varint(data)
		if k <= 0 {
			return m, errRow
		}
		*p, data = int(n), data[k:]
	}
	if len(data) != 1 || data[0] > 1 {
		return m, errRow
	}
	m.Implicit = data[0] == 1
	return m, nil
}
