package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/gijigraph/gijigraph/queries"
)

// The curl examples of the README and docs/api.md, run against the
// seeded server: each must answer, and every piece of the output the
// document shows (split at "…" and at line ends) must be in the answer.

// docsCurl is one curl example and the output a document shows for it.
type docsCurl struct {
	where   string // file:line
	command string
	output  string
}

var (
	// A ```sh block of curl commands followed by a block of output.
	curlBlock = regexp.MustCompile("(?s)```sh\n((?:[^`]|`[^`])*?)\n```\\s*```(?:json|text|)\n((?:[^`]|`[^`])*?)\n```")
	// "$ curl …" in a transcript, and the lines up to the next "$" or
	// the end of the block.
	curlPrompt = regexp.MustCompile("(?m)^\\$ (curl [^\n]*)\n((?:[^$`\n][^\n]*\n?)*)")
)

func docsCurls(t *testing.T, files ...string) []docsCurl {
	t.Helper()
	var out []docsCurl
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		line := func(off int) string { return fmt.Sprintf("%s:%d", f, 1+strings.Count(text[:off], "\n")) }
		for _, m := range curlBlock.FindAllStringSubmatchIndex(text, -1) {
			cmds := strings.Split(strings.ReplaceAll(text[m[2]:m[3]], "\\\n", " "), "\n")
			var curls []string
			for _, c := range cmds {
				if strings.HasPrefix(strings.TrimSpace(c), "curl ") {
					curls = append(curls, strings.TrimSpace(c))
				}
			}
			if len(curls) == 1 { // one command, one output
				out = append(out, docsCurl{line(m[0]), curls[0], text[m[4]:m[5]]})
			}
		}
		for _, m := range curlPrompt.FindAllStringSubmatchIndex(text, -1) {
			out = append(out, docsCurl{line(m[0]), text[m[2]:m[3]], text[m[4]:m[5]]})
		}
	}
	return out
}

// curlRequest turns a curl command line into a request; skip says why it
// cannot be sent in a test (a file to upload, a file to write).
func curlRequest(command string) (req *http.Request, firstLine bool, skip string, err error) {
	cmd, pipe, _ := strings.Cut(command, "|")
	firstLine = strings.TrimSpace(pipe) == "head -1"
	if pipe != "" && !firstLine {
		return nil, false, "a pipe", nil
	}
	if i := strings.Index(cmd, " #"); i >= 0 {
		cmd = cmd[:i]
	}
	args, err := queries.SplitArgs(cmd)
	if err != nil {
		return nil, false, "", err
	}
	method, target, body := "", "", ""
	var header [][2]string
	for i := 1; i < len(args); i++ {
		a := args[i]
		next := func() string {
			i++
			if i < len(args) {
				return args[i]
			}
			return ""
		}
		switch a {
		case "-s":
		case "-X":
			method = next()
		case "-d", "--data-binary":
			body = next()
			if strings.HasPrefix(body, "@") {
				return nil, false, "uploads a file", nil
			}
		case "-H":
			k, v, _ := strings.Cut(next(), ":")
			header = append(header, [2]string{k, strings.TrimSpace(v)})
		case "-o":
			return nil, false, "writes a file", nil
		default:
			if strings.HasPrefix(a, "-") {
				return nil, false, "", fmt.Errorf("unknown curl option %s", a)
			}
			target = a
		}
	}
	if method == "" {
		method = http.MethodGet
		if body != "" {
			method = http.MethodPost
		}
	}
	u, err := url.Parse(target)
	if err != nil {
		return nil, false, "", err
	}
	if u.Host != "127.0.0.1:8080" {
		return nil, false, "another server", nil
	}
	if u.Path == "/healthz" {
		return nil, false, "the backend and sizes of the server's store", nil
	}
	u.RawQuery = url.Values(u.Query()).Encode()
	req = httptest.NewRequest(method, u.RequestURI(), strings.NewReader(body))
	for _, h := range header {
		req.Header.Set(h[0], h[1])
	}
	return req, firstLine, "", nil
}

// TestDocsCurl runs the curl examples of the README and docs/api.md.
func TestDocsCurl(t *testing.T) {
	s := sharedServer(t)
	examples := docsCurls(t, "../README.md", "../docs/api.md")
	if len(examples) < 20 {
		t.Fatalf("found only %d curl examples with output", len(examples))
	}
	ran := 0
	for _, ex := range examples {
		req, firstLine, skip, err := curlRequest(ex.command)
		if err != nil {
			t.Errorf("%s: %s: %v", ex.where, ex.command, err)
			continue
		}
		if skip != "" {
			continue
		}
		ran++
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, req)
		got := w.Body.String()
		if firstLine {
			got, _, _ = strings.Cut(got, "\n")
		}
		var missing []string
		for _, part := range strings.Split(ex.output, "…") {
			for _, l := range strings.Split(part, "\n") {
				frag := strings.Trim(strings.TrimSpace(l), ", ")
				if strings.HasPrefix(frag, "# ") {
					frag = strings.TrimPrefix(frag, "# ")
				}
				if len(frag) > 2 && !strings.Contains(got, frag) {
					missing = append(missing, frag)
				}
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s: %s\nthe document shows what the server does not answer:\n  %s\nthe server answers (%d):\n%.600s", ex.where, ex.command, strings.Join(missing, "\n  "), w.Code, got)
		}
	}
	if ran < 15 {
		t.Errorf("ran only %d curl examples", ran)
	}
}
