package kokkai

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/gijigraph/gijigraph/extract"
)

// Documents turns the meetings of a response into document models. src
// describes the file; each document's Source is a copy with the path
// followed by "#" and the meeting's issueID when the file holds more
// than one meeting, and the meeting's pdfURL as its URL.
//
// The document's Text is the record as the Diet publishes it: the
// 会議録情報 (speechOrder 0) first, then every speech as given, a blank
// line between records. Speeches are built from the records (their
// speakers are given, not guessed), and their offsets point into Text.
func Documents(src extract.Source, r *Response) ([]*extract.Document, error) {
	ms := r.AllMeetings()
	var docs []*extract.Document
	for _, m := range ms {
		s := src
		if len(ms) > 1 {
			s.Path = src.Path + "#" + m.IssueID
		}
		doc, err := Document(s, m)
		if err != nil {
			return nil, err
		}
		docs = append(docs, doc)
	}
	if len(docs) == 0 {
		return nil, &extract.Error{Path: src.Path, Err: fmt.Errorf("%w: the response holds no records (numberOfRecords %d)", extract.ErrNotMinutes, r.NumberOfRecords)}
	}
	return docs, nil
}

var issueRe = regexp.MustCompile(`[0-9０-９]+`)

// Document builds the model of one meeting.
func Document(src extract.Source, m Meeting) (*extract.Document, error) {
	errorf := func(format string, args ...any) error {
		return &extract.Error{Path: src.Path, Err: fmt.Errorf("%w: "+format, append([]any{extract.ErrNotMinutes}, args...)...)}
	}
	if m.NameOfMeeting == "" || m.Date == "" {
		return nil, errorf("meeting %q has no nameOfMeeting or date", m.IssueID)
	}
	if len(m.Speeches) == 0 {
		return nil, errorf("meeting %q has no speechRecord", m.IssueID)
	}
	src.URL = m.PdfURL
	if src.Encoding == "" {
		src.Encoding = "utf-8"
	}
	body := m.NameOfHouse + m.NameOfMeeting
	number := 0
	if d := issueRe.FindString(m.Issue); d != "" {
		number, _ = strconv.Atoi(width.Narrow.String(d))
	}
	doc := &extract.Document{
		Source: src,
		Meeting: extract.Meeting{
			ID:     fmt.Sprintf("%s-%s-%d", body, m.Date, number),
			Body:   body,
			Number: number,
			Title:  strings.TrimSpace(fmt.Sprintf("第%d回国会 %s %s %s", m.Session, m.NameOfHouse, m.NameOfMeeting, m.Issue)),
			Kind:   "会議録",
			Date:   m.Date,
		},
		Attendees: []extract.Attendee{},
		Agenda:    []extract.AgendaItem{},
		Speeches:  []extract.Speech{},
		Decisions: []extract.Decision{},
	}
	var b strings.Builder
	line := 1
	write := func(s string) (start, end, first int) {
		if b.Len() > 0 {
			b.WriteString("\n\n")
			line += 2
		}
		first = line
		start = b.Len()
		b.WriteString(s)
		line += strings.Count(s, "\n")
		return start, b.Len(), first
	}
	var info string
	people := map[string]int{} // name without spaces → index in doc.Attendees
	for _, s := range m.Speeches {
		if s.SpeechOrder == 0 {
			// The 会議録情報 comes first in Text: its lines are the
			// document's.
			// The text extractor's reader of the Diet's attendee
			// sections: roles (委員長, 理事) and posts (国務大臣).
			for _, a := range extract.ReadAttendeeSections(clean(s.Speech)) {
				key := a.Family + a.Given
				if _, ok := people[key]; ok {
					continue
				}
				people[key] = len(doc.Attendees)
				doc.Attendees = append(doc.Attendees, a)
			}
			break
		}
	}
	for _, s := range m.Speeches {
		text := clean(strings.TrimRight(s.Speech, " \t\r\n\u3000"))
		if s.SpeechOrder == 0 {
			info = text
			write(text)
			continue
		}
		start, end, ln := write(text)
		marker, bodyStart := splitMarker(text)
		sp := extract.Speech{
			Seq:    len(doc.Speeches) + 1,
			Marker: marker,
			As:     firstNonEmpty(s.SpeakerPosition, s.SpeakerRole),
			Start:  start + bodyStart,
			End:    end,
			Line:   ln,
			URL:    s.SpeechURL,
		}
		sp.Text = b.String()[sp.Start:sp.End]
		sp.SetVerbatim()
		if name := strings.Join(strings.Fields(s.Speaker), ""); name != "" {
			i, ok := people[name]
			if !ok {
				i = len(doc.Attendees)
				people[name] = i
				doc.Attendees = append(doc.Attendees, attendee(name, s, info, ln))
			}
			a := &doc.Attendees[i]
			if a.Party == "" {
				a.Party = s.SpeakerGroup
			}
			if a.Reading == "" {
				a.Reading = katakana(s.SpeakerYomi)
			}
			if a.Title == "" {
				a.Title = firstNonEmpty(s.SpeakerPosition, s.SpeakerRole)
			}
			sp.Speaker = a.Name
		}
		doc.Speeches = append(doc.Speeches, sp)
	}
	doc.Text = b.String()
	doc.Source.Lines = line
	// The API gives whole meetings, each in its own text.
	doc.Complete = true
	doc.Span = extract.LineSpan{First: 1, Last: line}
	if len(doc.Speeches) == 0 {
		return nil, errorf("meeting %q has only its 会議録情報 and no speeches", m.IssueID)
	}
	return doc, nil
}

// clean drops control characters other than line breaks and tabs, and
// makes line endings "\n".
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7f || r == utf8.RuneError {
			return -1
		}
		return r
	}, s)
}

// splitMarker splits "○岸田内閣総理大臣　お答えします。" after the marker:
// it returns the marker and the offset of the speech's body.
func splitMarker(text string) (marker string, body int) {
	if !strings.HasPrefix(text, "○") {
		return "", 0
	}
	i := strings.IndexAny(text, " \u3000\n")
	if i < 0 {
		return text, len(text)
	}
	marker = text[:i]
	body = i
	for body < len(text) {
		r, n := utf8.DecodeRuneInString(text[body:])
		if r != ' ' && r != '\u3000' && r != '\n' {
			break
		}
		body += n
	}
	return marker, body
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// attendee builds the attendee for a speaker. The API gives the name
// without a space ("岸田文雄"); where the 会議録情報 lists the person with
// a space between family and given name ("岸田　文雄君"), the name is
// split there.
func attendee(name string, s Speech, info string, line int) extract.Attendee {
	a := extract.Attendee{
		Name:    name,
		Family:  name,
		Reading: katakana(s.SpeakerYomi),
		Title:   firstNonEmpty(s.SpeakerPosition, s.SpeakerRole),
		Line:    line,
		Party:   s.SpeakerGroup,
	}
	if family, given, ok := splitName(name, info); ok {
		a.Name, a.Family, a.Given = family+" "+given, family, given
	}
	return a
}

// splitName finds name in info with white space between two of its
// characters, and splits it there.
func splitName(name, info string) (family, given string, ok bool) {
	rs := []rune(name)
	if len(rs) < 2 || info == "" {
		return "", "", false
	}
	var pat strings.Builder
	for i, r := range rs {
		if i > 0 {
			pat.WriteString(`([ \x{3000}]*)`)
		}
		pat.WriteString(regexp.QuoteMeta(string(r)))
	}
	re, err := regexp.Compile(pat.String())
	if err != nil {
		return "", "", false
	}
	for _, m := range re.FindAllStringSubmatchIndex(info, -1) {
		for g := 1; g < len(rs); g++ {
			if m[2*g+1] > m[2*g] {
				return string(rs[:g]), string(rs[g:]), true
			}
		}
	}
	return "", "", false
}

// katakana converts hiragana to katakana: speakerYomi is in hiragana, the
// model keeps readings in katakana.
func katakana(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'ぁ' && r <= 'ゖ' {
			return r + 0x60
		}
		return r
	}, strings.Join(strings.Fields(s), ""))
}
