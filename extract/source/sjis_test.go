package source

import (
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
)

// toShiftJIS encodes a page in Shift_JIS, characters it lacks written as
// character references, as a site in Shift_JIS publishes them.
func toShiftJIS(t *testing.T, b []byte) []byte {
	t.Helper()
	out, err := encoding.HTMLEscapeUnsupported(japanese.ShiftJIS.NewEncoder()).Bytes(b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
