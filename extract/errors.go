package extract

import "fmt"

// Error is an error in the input: it names the file and, where it
// applies, the 1-based line.
type Error struct {
	Path string
	Line int // 0 when the error is not about one line
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("extract: %s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("extract: %s: %v", e.Path, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }
