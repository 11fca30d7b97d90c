// Package kokkaiapi fetches the results of a search of the 国会会議録検索
// システム (the National Diet Library's record of the Diet) through its API,
// page by page, into files that gijigraph build reads.
//
// It is polite, as the API's terms ask: one request at a time, a pause
// between requests, retries with exponential back-off when the server is
// busy or the network fails, and it resumes: a page already saved is not
// fetched again.
package kokkaiapi

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// DefaultBase is the API's address.
const DefaultBase = "https://kokkai.ndl.go.jp/api"

// Query is one search.
type Query struct {
	// Endpoint is "meeting" (whole meetings, up to 10 a page) or "speech"
	// (speeches, up to 100 a page).
	Endpoint string
	// Any is the words to search for (the API's any parameter).
	Any string
	// From and Until bound the meeting date, YYYY-MM-DD; "" for no bound.
	From, Until string
	// House is 衆議院, 参議院 or 両院; "" for any.
	House string
	// Meeting is a committee's name (nameOfMeeting); "" for any.
	Meeting string
	// Speaker is a speaker's name; "" for any.
	Speaker string
	// PerPage is maximumRecords; 0 for the endpoint's most.
	PerPage int
	// XML asks for recordPacking=xml instead of JSON.
	XML bool
}

// Fetcher fetches the pages of a search.
type Fetcher struct {
	Base   string       // DefaultBase when ""
	Client *http.Client // http.DefaultClient when nil
	// Pause is the wait between two requests.
	Pause time.Duration
	// Retries is how many times a failed request is tried again, waiting
	// Backoff, then twice as long, and so on.
	Retries int
	Backoff time.Duration
	// MaxPages stops after this many pages (fetched or found saved); 0 for
	// all.
	MaxPages int
	// UserAgent names the client to the server.
	UserAgent string
	// Progress, when set, is told of each page.
	Progress func(p Page)
}

// Page is one page of results and what became of it.
type Page struct {
	Start, Next, Total int
	File               string
	Saved              bool // false: found already saved, skipped
}

// Error is an error record the API returned.
type Error struct {
	Status  int
	Message string
	Details []string
}

func (e *Error) Error() string {
	return fmt.Sprintf("kokkaiapi: the API answered %d: %s %s", e.Status, e.Message, strings.Join(e.Details, " "))
}

func (q Query) validate() error {
	switch q.Endpoint {
	case "meeting", "speech":
	default:
		return fmt.Errorf("kokkaiapi: unknown endpoint %q (meeting or speech)", q.Endpoint)
	}
	if strings.TrimSpace(q.Any) == "" && q.Speaker == "" && q.Meeting == "" {
		return errors.New("kokkaiapi: give words to search for (any), a speaker or a meeting")
	}
	for _, d := range []string{q.From, q.Until} {
		if d == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", d); err != nil {
			return fmt.Errorf("kokkaiapi: date %q is not YYYY-MM-DD", d)
		}
	}
	switch q.House {
	case "", "衆議院", "参議院", "両院", "両院協議会":
	default:
		return fmt.Errorf("kokkaiapi: house %q is not 衆議院, 参議院 or 両院", q.House)
	}
	most := 10
	if q.Endpoint == "speech" {
		most = 100
	}
	if q.PerPage < 0 || q.PerPage > most {
		return fmt.Errorf("kokkaiapi: %d records a page: the %s endpoint gives 1 to %d", q.PerPage, q.Endpoint, most)
	}
	return nil
}

func (q Query) url(base string, start int) string {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("any", q.Any)
	set("from", q.From)
	set("until", q.Until)
	set("nameOfHouse", q.House)
	set("nameOfMeeting", q.Meeting)
	set("speaker", q.Speaker)
	per := q.PerPage
	if per == 0 {
		per = 10
		if q.Endpoint == "speech" {
			per = 100
		}
	}
	v.Set("maximumRecords", strconv.Itoa(per))
	v.Set("startRecord", strconv.Itoa(start))
	if q.XML {
		v.Set("recordPacking", "xml")
	} else {
		v.Set("recordPacking", "json")
	}
	return strings.TrimRight(base, "/") + "/" + q.Endpoint + "?" + v.Encode()
}

// fileName is the page's file: the endpoint and the first record's
// position, so that a rerun finds the pages it has.
func (q Query) fileName(start int) string {
	ext := ".json"
	if q.XML {
		ext = ".xml"
	}
	return fmt.Sprintf("%s-%06d%s", q.Endpoint, start, ext)
}

// Fetch saves every page of q's results into dir, one file per page, and
// returns the pages. Pages saved by an earlier run are read for where the
// next page starts and not fetched again.
func (f *Fetcher) Fetch(ctx context.Context, q Query, dir string) ([]Page, error) {
	if err := q.validate(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	base := f.Base
	if base == "" {
		base = DefaultBase
	}
	var pages []Page
	requested := false
	for start := 1; start > 0; {
		if f.MaxPages > 0 && len(pages) >= f.MaxPages {
			break
		}
		file := filepath.Join(dir, q.fileName(start))
		data, err := os.ReadFile(file)
		saved := false
		if err != nil {
			if !errors.Is(err, os.ErrNotExist) {
				return pages, err
			}
			if requested && f.Pause > 0 {
				if err := sleep(ctx, f.Pause); err != nil {
					return pages, err
				}
			}
			requested = true
			data, err = f.get(ctx, q.url(base, start))
			if err != nil {
				return pages, err
			}
			saved = true
		}
		h, err := readHead(data, q.XML)
		if err != nil {
			if saved {
				return pages, fmt.Errorf("kokkaiapi: page at %d: %w", start, err)
			}
			return pages, fmt.Errorf("kokkaiapi: %s: %w (delete it to fetch it again)", file, err)
		}
		if saved {
			if err := writeFile(file, data); err != nil {
				return pages, err
			}
		}
		p := Page{Start: start, Next: h.NextRecordPosition, Total: h.NumberOfRecords, File: file, Saved: saved}
		pages = append(pages, p)
		if f.Progress != nil {
			f.Progress(p)
		}
		if h.NumberOfRecords == 0 || h.NextRecordPosition <= start {
			break
		}
		start = h.NextRecordPosition
	}
	return pages, nil
}

// head is what Fetch needs of a page.
type head struct {
	NumberOfRecords    int      `json:"numberOfRecords" xml:"numberOfRecords"`
	NextRecordPosition int      `json:"nextRecordPosition" xml:"nextRecordPosition"`
	Message            string   `json:"message" xml:"message"`
	Details            []string `json:"details" xml:"details>detail"`
}

func readHead(data []byte, isXML bool) (head, error) {
	var h head
	var err error
	if isXML {
		err = xml.Unmarshal(data, &h)
	} else {
		err = json.Unmarshal(data, &h)
	}
	if err != nil {
		return h, fmt.Errorf("not an API response: %v", err)
	}
	if h.Message != "" {
		return h, &Error{Status: http.StatusOK, Message: h.Message, Details: h.Details}
	}
	return h, nil
}

// get fetches u, trying again after a network error, a 429 or a 5xx.
func (f *Fetcher) get(ctx context.Context, u string) ([]byte, error) {
	client := f.Client
	if client == nil {
		client = http.DefaultClient
	}
	wait := f.Backoff
	if wait <= 0 {
		wait = time.Second
	}
	var last error
	for try := 0; try <= f.Retries; try++ {
		if try > 0 {
			if err := sleep(ctx, wait); err != nil {
				return nil, err
			}
			wait *= 2
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return nil, err
		}
		if f.UserAgent != "" {
			req.Header.Set("User-Agent", f.UserAgent)
		}
		resp, err := client.Do(req)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			last = err
			continue
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
		resp.Body.Close()
		switch {
		case err != nil:
			last = err
			continue
		case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
			last = fmt.Errorf("kokkaiapi: %s: %s", u, resp.Status)
			if ra, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && time.Duration(ra)*time.Second > wait {
				wait = time.Duration(ra) * time.Second
			}
			continue
		case resp.StatusCode != http.StatusOK:
			var h head
			if json.Unmarshal(body, &h) == nil && h.Message != "" || xml.Unmarshal(body, &h) == nil && h.Message != "" {
				return nil, &Error{Status: resp.StatusCode, Message: h.Message, Details: h.Details}
			}
			return nil, fmt.Errorf("kokkaiapi: %s: %s", u, resp.Status)
		}
		return body, nil
	}
	return nil, fmt.Errorf("kokkaiapi: giving up after %d tries: %w", f.Retries+1, last)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// writeFile writes data whole or not at all: into a temporary file
// renamed into place.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".page-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
