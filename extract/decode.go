package extract

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// Errors for input that cannot be minutes at all.
var (
	ErrEmpty      = errors.New("empty file")
	ErrBinary     = errors.New("binary data, not text")
	ErrTruncated  = errors.New("truncated")
	ErrNotMinutes = errors.New("not meeting minutes")
	// ErrSeveralMeetings: Parse was given a file of several meetings.
	ErrSeveralMeetings = errors.New("several meetings in one file")
	// ErrWarning: Strict found a warning.
	ErrWarning = errors.New("warning in strict mode")
)

// decode detects the encoding of data and returns it as UTF-8 text
// together with the encoding's name. It accepts UTF-8 with or without a
// BOM, UTF-16 with a BOM (or without, when the NUL pattern is clear),
// Shift_JIS (CP932) and EUC-JP.
func decode(path string, data []byte) (text, enc string, err error) {
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF}))) == 0 {
		return "", "", &Error{Path: path, Err: ErrEmpty}
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		text, enc = string(data[3:]), "utf-8-bom"
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeWith(path, data, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le")
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeWith(path, data, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be")
	default:
		if e := utf16NoBOM(data); e != "" {
			end := unicode.LittleEndian
			if e == "utf-16be" {
				end = unicode.BigEndian
			}
			return decodeWith(path, data, unicode.UTF16(end, unicode.IgnoreBOM), e)
		}
		if i := bytes.IndexByte(data, 0); i >= 0 {
			return "", "", &Error{Path: path, Line: lineAt(data, i), Err: fmt.Errorf("%w: NUL byte at offset %d", ErrBinary, i)}
		}
		if utf8.Valid(data) {
			text, enc = string(data), "utf-8"
			break
		}
		// A valid prefix followed by an incomplete sequence at the very end
		// is a file cut in the middle of a character.
		if i := invalidUTF8(data); i >= len(data)-3 && utf8.Valid(data[:i]) && !utf8.FullRune(data[i:]) {
			return "", "", &Error{Path: path, Line: lineAt(data, i), Err: fmt.Errorf("%w: file ends in the middle of a UTF-8 character", ErrTruncated)}
		}
		text, enc, err = decodeLegacy(path, data)
		if err != nil {
			return "", "", err
		}
	}
	if err := checkControl(path, text); err != nil {
		return "", "", err
	}
	return text, enc, nil
}

func decodeWith(path string, data []byte, e encoding.Encoding, name string) (string, string, error) {
	if len(data)%2 != 0 {
		return "", "", &Error{Path: path, Line: lineAt16(data), Err: fmt.Errorf("%w: %s text with an odd number of bytes", ErrTruncated, name)}
	}
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", &Error{Path: path, Err: fmt.Errorf("%w: invalid %s: %v", ErrBinary, name, err)}
	}
	out = bytes.TrimPrefix(out, []byte{0xEF, 0xBB, 0xBF})
	if n := bytes.Count(out, []byte("\uFFFD")); n > 0 {
		return "", "", &Error{Path: path, Err: fmt.Errorf("%w: %d invalid %s sequences", ErrBinary, n, name)}
	}
	if err := checkControl(path, string(out)); err != nil {
		return "", "", err
	}
	return string(out), name, nil
}

// utf16NoBOM recognises UTF-16 text without a BOM by its NUL bytes: in
// text that is mostly ASCII or CJK, one byte of every pair is NUL far more
// often at one parity than the other.
func utf16NoBOM(data []byte) string {
	if len(data) < 4 || len(data)%2 != 0 {
		return ""
	}
	var even, odd int
	n := min(len(data), 4096)
	for i := 0; i < n; i++ {
		if data[i] == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	pairs := n / 2
	switch {
	case odd > pairs/4 && even == 0:
		return "utf-16le"
	case even > pairs/4 && odd == 0:
		return "utf-16be"
	}
	return ""
}

// decodeLegacy tries the legacy Japanese encodings and keeps the one that
// decodes without errors.
func decodeLegacy(path string, data []byte) (string, string, error) {
	text, name, bad := bestLegacy(data)
	if bad == 0 {
		return text, name, nil
	}
	// A lead byte alone at the end: the file was cut mid-character.
	if len(data) > 1 && data[len(data)-1] >= 0x80 {
		if _, _, bad := bestLegacy(data[:len(data)-1]); bad == 0 {
			return "", "", &Error{Path: path, Line: lineAt(data, len(data)-1), Err: fmt.Errorf("%w: file ends in the middle of a character", ErrTruncated)}
		}
	}
	i := invalidLegacy(data)
	return "", "", &Error{Path: path, Line: lineAt(data, i), Err: fmt.Errorf("%w: not valid UTF-8, Shift_JIS or EUC-JP (first bad byte at offset %d)", ErrBinary, i)}
}

// bestLegacy decodes data as Shift_JIS and as EUC-JP and returns the
// decoding with fewer invalid sequences, and their number.
func bestLegacy(data []byte) (text, name string, bad int) {
	bad = -1
	for _, c := range []struct {
		name string
		enc  encoding.Encoding
	}{{"shift_jis", japanese.ShiftJIS}, {"euc-jp", japanese.EUCJP}} {
		out, err := c.enc.NewDecoder().Bytes(data)
		if err != nil {
			continue
		}
		if n := bytes.Count(out, []byte("\uFFFD")); bad < 0 || n < bad {
			text, name, bad = string(out), c.name, n
		}
	}
	if bad < 0 {
		bad = len(data)
	}
	return text, name, bad
}

// checkControl rejects text with control characters other than the
// usual whitespace, which is what binary data decoded as text looks like.
func checkControl(path, text string) error {
	line := 1
	for i, r := range text {
		switch {
		case r == '\n':
			line++
		case r == '\t' || r == '\r' || r == '\f' || r == '\v':
		case r < 0x20 || r == 0x7f:
			return &Error{Path: path, Line: line, Err: fmt.Errorf("%w: control character %U at offset %d", ErrBinary, r, i)}
		}
	}
	return nil
}

// invalidLegacy returns the offset of the first byte that Shift_JIS
// cannot decode.
func invalidLegacy(data []byte) int {
	d := japanese.ShiftJIS.NewDecoder()
	lo, hi := 0, len(data)
	// Binary search the longest prefix that decodes cleanly.
	for lo < hi {
		m := (lo + hi + 1) / 2
		out, err := d.Bytes(data[:m])
		if err == nil && !bytes.Contains(out, []byte("\uFFFD")) {
			lo = m
		} else {
			hi = m - 1
		}
	}
	return lo
}

// lineAt16 counts lines in UTF-16 data.
func lineAt16(data []byte) int {
	n := 1
	for i := 0; i+1 < len(data); i += 2 {
		if data[i] == '\n' && data[i+1] == 0 || data[i] == 0 && data[i+1] == '\n' {
			n++
		}
	}
	return n
}

func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

func lineAt(data []byte, i int) int {
	return bytes.Count(data[:min(i, len(data))], []byte{'\n'}) + 1
}
