// Package kokkai reads the responses of the 国会会議録検索システム API
// (https://kokkai.ndl.go.jp/api.html), saved as JSON or XML files from
// its meeting and speech endpoints, into document models: one per
// meeting, its speeches with their given speakers.
package kokkai

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Errors for responses that cannot be read.
var (
	// ErrNotResponse: JSON or XML without the API's records.
	ErrNotResponse = errors.New("not a 国会会議録検索システム API response")
	// ErrAPI: the response is the API's error record.
	ErrAPI = errors.New("the API returned an error")
)

// Response is one page of an API response. The meeting endpoint fills
// Meetings, each with its speeches; the speech endpoint fills Speeches,
// each naming its meeting.
type Response struct {
	NumberOfRecords    int       `json:"numberOfRecords" xml:"numberOfRecords"`
	NumberOfReturn     int       `json:"numberOfReturn" xml:"numberOfReturn"`
	StartRecord        int       `json:"startRecord" xml:"startRecord"`
	NextRecordPosition int       `json:"nextRecordPosition" xml:"nextRecordPosition"`
	Meetings           []Meeting `json:"meetingRecord"`
	Speeches           []Speech  `json:"speechRecord"`

	// The error record: {"message": …, "details": […]}.
	Message string   `json:"message"`
	Details []string `json:"details"`
}

// Meeting is a meetingRecord.
type Meeting struct {
	IssueID       string   `json:"issueID" xml:"issueID"`
	ImageKind     string   `json:"imageKind" xml:"imageKind"`
	Session       int      `json:"session" xml:"session"`
	NameOfHouse   string   `json:"nameOfHouse" xml:"nameOfHouse"`
	NameOfMeeting string   `json:"nameOfMeeting" xml:"nameOfMeeting"`
	Issue         string   `json:"issue" xml:"issue"`
	Date          string   `json:"date" xml:"date"`
	Closing       string   `json:"closing" xml:"closing"`
	Speeches      []Speech `json:"speechRecord" xml:"speechRecord"`
	MeetingURL    string   `json:"meetingURL" xml:"meetingURL"`
	PdfURL        string   `json:"pdfURL" xml:"pdfURL"`
}

// Speech is a speechRecord. In the speech endpoint's records the
// meeting's fields are given with each speech.
type Speech struct {
	SpeechID        string `json:"speechID" xml:"speechID"`
	SpeechOrder     int    `json:"speechOrder" xml:"speechOrder"`
	Speaker         string `json:"speaker" xml:"speaker"`
	SpeakerYomi     string `json:"speakerYomi" xml:"speakerYomi"`
	SpeakerGroup    string `json:"speakerGroup" xml:"speakerGroup"`
	SpeakerPosition string `json:"speakerPosition" xml:"speakerPosition"`
	SpeakerRole     string `json:"speakerRole" xml:"speakerRole"`
	Speech          string `json:"speech" xml:"speech"`
	StartPage       int    `json:"startPage" xml:"startPage"`
	SpeechURL       string `json:"speechURL" xml:"speechURL"`

	// The meeting, in speech endpoint records.
	IssueID       string `json:"issueID" xml:"issueID"`
	Session       int    `json:"session" xml:"session"`
	NameOfHouse   string `json:"nameOfHouse" xml:"nameOfHouse"`
	NameOfMeeting string `json:"nameOfMeeting" xml:"nameOfMeeting"`
	Issue         string `json:"issue" xml:"issue"`
	Date          string `json:"date" xml:"date"`
	MeetingURL    string `json:"meetingURL" xml:"meetingURL"`
	PdfURL        string `json:"pdfURL" xml:"pdfURL"`
}

// SniffJSON reports whether data is a JSON object with the API's keys.
func SniffJSON(data []byte) bool {
	head := data[:min(len(data), 4096)]
	for _, k := range []string{`"meetingRecord"`, `"speechRecord"`, `"numberOfRecords"`} {
		if bytes.Contains(head, []byte(k)) {
			return true
		}
	}
	// An error record: {"message": "…", "details": […]} from the API.
	return bytes.Contains(head, []byte(`"message"`)) && bytes.Contains(head, []byte(`"details"`))
}

// SniffXML reports whether data is XML with the API's elements.
func SniffXML(data []byte) bool {
	head := data[:min(len(data), 4096)]
	for _, k := range []string{"<meetingRecord>", "<speechRecord>", "<numberOfRecords>"} {
		if bytes.Contains(head, []byte(k)) {
			return true
		}
	}
	return bytes.Contains(head, []byte("<message>")) && bytes.Contains(head, []byte("<details>"))
}

// ParseJSON reads a JSON response (the API's default recordPacking).
func ParseJSON(data []byte) (*Response, error) {
	var r Response
	d := json.NewDecoder(bytes.NewReader(data))
	if err := d.Decode(&r); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("%w: invalid JSON at byte %d: %v", ErrNotResponse, se.Offset, err)
		}
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("%w: JSON truncated", ErrNotResponse)
		}
		return nil, fmt.Errorf("%w: %v", ErrNotResponse, err)
	}
	return check(&r)
}

// ParseXML reads an XML response (recordPacking=xml): the records stand
// under <records><record><recordData>.
func ParseXML(data []byte) (*Response, error) {
	var r Response
	d := xml.NewDecoder(bytes.NewReader(data))
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: invalid XML at line %d: %v", ErrNotResponse, lineOf(data, d.InputOffset()), err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			var err error
			switch t.Name.Local {
			case "meetingRecord":
				var m Meeting
				err = d.DecodeElement(&m, &t)
				r.Meetings = append(r.Meetings, m)
				depth--
			case "speechRecord":
				var s Speech
				err = d.DecodeElement(&s, &t)
				r.Speeches = append(r.Speeches, s)
				depth--
			case "numberOfRecords":
				err = d.DecodeElement(&r.NumberOfRecords, &t)
				depth--
			case "numberOfReturn":
				err = d.DecodeElement(&r.NumberOfReturn, &t)
				depth--
			case "startRecord":
				err = d.DecodeElement(&r.StartRecord, &t)
				depth--
			case "nextRecordPosition":
				err = d.DecodeElement(&r.NextRecordPosition, &t)
				depth--
			case "message":
				err = d.DecodeElement(&r.Message, &t)
				depth--
			case "detail":
				var s string
				err = d.DecodeElement(&s, &t)
				r.Details = append(r.Details, s)
				depth--
			}
			if err != nil {
				return nil, fmt.Errorf("%w: invalid XML at line %d: %v", ErrNotResponse, lineOf(data, d.InputOffset()), err)
			}
		case xml.EndElement:
			depth--
		}
	}
	return check(&r)
}

func lineOf(data []byte, off int64) int {
	return bytes.Count(data[:min(int(off), len(data))], []byte{'\n'}) + 1
}

func check(r *Response) (*Response, error) {
	if r.Message != "" {
		return nil, fmt.Errorf("%w: %s %s", ErrAPI, r.Message, strings.Join(r.Details, " "))
	}
	if len(r.Meetings) == 0 && len(r.Speeches) == 0 && r.NumberOfRecords == 0 && r.StartRecord == 0 {
		return nil, fmt.Errorf("%w: no meetingRecord, speechRecord or numberOfRecords", ErrNotResponse)
	}
	return r, nil
}

// AllMeetings returns the meetings of the response: those of the meeting
// endpoint, each once, and the speeches of the speech endpoint grouped by
// issueID, in order of first appearance. The speeches of each meeting
// are in speechOrder, a speech given twice kept once.
func (r *Response) AllMeetings() []Meeting {
	var out []Meeting
	at := map[string]int{}
	for _, m := range r.Meetings {
		if i, ok := at[m.IssueID]; ok {
			out[i].Speeches = append(out[i].Speeches, m.Speeches...)
			continue
		}
		at[m.IssueID] = len(out)
		m.Speeches = append([]Speech(nil), m.Speeches...)
		out = append(out, m)
	}
	for _, s := range r.Speeches {
		i, ok := at[s.IssueID]
		if !ok {
			i = len(out)
			at[s.IssueID] = i
			out = append(out, Meeting{IssueID: s.IssueID, Session: s.Session, NameOfHouse: s.NameOfHouse, NameOfMeeting: s.NameOfMeeting, Issue: s.Issue, Date: s.Date, MeetingURL: s.MeetingURL, PdfURL: s.PdfURL})
		}
		out[i].Speeches = append(out[i].Speeches, s)
	}
	for i := range out {
		out[i].Speeches = dedupe(out[i].Speeches)
	}
	return out
}

// Merge adds the meetings and speeches of o to r, for a meeting whose
// speeches are split over pages.
func (r *Response) Merge(o *Response) {
	r.Meetings = append(r.Meetings, o.Meetings...)
	r.Speeches = append(r.Speeches, o.Speeches...)
}

func dedupe(ss []Speech) []Speech {
	sort.SliceStable(ss, func(i, j int) bool { return ss[i].SpeechOrder < ss[j].SpeechOrder })
	out := ss[:0]
	for i, s := range ss {
		if i > 0 && s.SpeechOrder == out[len(out)-1].SpeechOrder {
			continue
		}
		out = append(out, s)
	}
	return out
}
