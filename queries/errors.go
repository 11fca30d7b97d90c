package queries

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/gijigraph/gijigraph/graph"
)

// notFoundJSON is the message of lib.js's notFound: NotFound: {…}.
const notFoundMark = "NotFound: "

// queryErrorRe finds lib.js's other user errors, "QueryError: message",
// up to the JavaScript position that follows it.
var queryErrorRe = regexp.MustCompile(`QueryError: (.*?)(?: at [^ ]+ \([^)]*\)+)*$`)

// UserError turns an error that lib.js's helpers threw on purpose (a
// parameter that matches nothing, or more than one meeting) into what a
// user should read: a *graph.NotFoundError, with the close matches, as
// the API's lookups give it, or an error matching graph.ErrInvalid with
// the helper's message and no JavaScript position. Any other error (a
// bug in a query, a timeout) is returned as it is.
func UserError(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if i := strings.Index(msg, notFoundMark); i >= 0 {
		var nf struct {
			Kind  string   `json:"kind"`
			Name  string   `json:"name"`
			Close []string `json:"close"`
		}
		if json.NewDecoder(strings.NewReader(msg[i+len(notFoundMark):])).Decode(&nf) == nil && nf.Kind != "" {
			return &graph.NotFoundError{Kind: nf.Kind, Name: nf.Name, Close: nf.Close}
		}
	}
	if m := queryErrorRe.FindStringSubmatch(msg); m != nil {
		return &userError{m[1]}
	}
	return err
}

type userError struct{ msg string }

func (e *userError) Error() string        { return e.msg }
func (e *userError) Is(target error) bool { return target == graph.ErrInvalid }
