package extract

// Document is the model of one minutes file. It is the contract the graph
// is built from, and what `gijigraph extract` prints as JSON.
type Document struct {
	Source    Source     `json:"source"`
	Meeting   Meeting    `json:"meeting"`
	Attendees []Attendee `json:"attendees"`
	// Absentees are the people the minutes list as absent (欠席委員,
	// 欠席議員, …欠席者): members of the body who did not attend. They are
	// never attendees and no speech resolves to them.
	Absentees []Attendee   `json:"absentees,omitempty"`
	Agenda    []AgendaItem `json:"agenda"`
	Speeches  []Speech     `json:"speeches"`
	// Events are things that happened but are nobody's speech, such as a
	// chorus of （「異議なし」と声あり）.
	Events    []Event    `json:"events,omitempty"`
	Decisions []Decision `json:"decisions"`
	// Warnings are problems the extractor worked around or could not
	// resolve, each with its line. They never stop extraction.
	Warnings []Warning `json:"warnings,omitempty"`
	// Complete is false when the minutes end mid-sentence (a Warning of
	// kind WarnIncomplete names the last line); they are read as far as
	// they go.
	Complete bool `json:"complete"`
	// Span is the range of source lines this meeting takes; a file may
	// hold several meetings (see ParseAll).
	Span LineSpan `json:"span"`

	// Text is the source decoded to UTF-8 (a BOM removed, line endings
	// kept). All offsets in the model are byte offsets into Text.
	Text string `json:"-"`
}

// Source identifies the file a Document was extracted from.
type Source struct {
	Path string `json:"path"`
	// SHA256 is the hex digest of the raw bytes as read.
	SHA256 string `json:"sha256"`
	// Encoding is the detected encoding: utf-8, utf-8-bom, shift_jis,
	// euc-jp, utf-16le or utf-16be.
	Encoding string `json:"encoding"`
	Bytes    int    `json:"bytes"`
	Lines    int    `json:"lines"`

	// Fields set by the readers in front of the extractor (extract/source).

	// Format is the format the file was read as: text, pdf, html,
	// kokkai-json or kokkai-xml (a 国会会議録検索システム API response).
	Format string `json:"format,omitempty"`
	// PageLines is, for a PDF, the line of Text each page begins on:
	// page i+1 begins on line PageLines[i]. See PageOf.
	PageLines []int `json:"page_lines,omitempty"`
	// URL is where the record is published, when the source says (the
	// Diet API's pdfURL).
	URL string `json:"url,omitempty"`
}

// PageOf returns the 1-based page that a 1-based line of Text stands on,
// or 0 when the source has no pages.
func (s Source) PageOf(line int) int {
	page := 0
	for i, l := range s.PageLines {
		if l > line {
			break
		}
		page = i + 1
	}
	return page
}

// Meeting is what the header of the minutes says about the meeting.
type Meeting struct {
	// ID is stable and readable: the body and the meeting number
	// ("サイバーセキュリティ戦略本部-17"), or the body and the date when the
	// minutes carry no number.
	ID     string `json:"id"`
	Body   string `json:"body"`
	Number int    `json:"number,omitempty"`
	// Session is the Diet session (第211回国会) of a 国会会議録, whose
	// Number is the 号 within the session.
	Session int `json:"session,omitempty"`
	// Title is the title line as written, e.g. "第17回会合 議事概要".
	Title string `json:"title,omitempty"`
	// Kind is 議事概要, 議事録 or 議事要旨, as the title says.
	Kind  string `json:"kind,omitempty"`
	Date  string `json:"date"`            // ISO 8601, 2018-04-04
	Start string `json:"start,omitempty"` // 08:00
	End   string `json:"end,omitempty"`   // 09:00
	Place string `json:"place,omitempty"`
}

// HQ roles: an attendee's role in the body, as opposed to their post.
const (
	RoleChair      = "本部長"    // the chair
	RoleViceChair  = "副本部長"   // a vice-chair
	RoleMember     = "本部員"    // a minister who is a member
	RoleExpert     = "有識者本部員" // an expert member
	RoleProxy      = "代理出席"   // a vice-minister or parliamentary secretary standing in for a member
	RoleInAttendee = "陪席"     // an official in attendance who is not a member
)

// Attendee is one person in the attendee list.
type Attendee struct {
	// Name is family and given name separated by one ASCII space,
	// "菅 義偉", spelled as the list spells it (variant kanji kept).
	Name   string `json:"name"`
	Family string `json:"family"`
	Given  string `json:"given,omitempty"`
	// Reading is the name's reading in katakana when the source gives it.
	Reading string `json:"reading,omitempty"`
	// Title is the post held at this meeting, as written.
	Title string `json:"title"`
	// Organization is the organisation or ministry the title implies,
	// width-normalised so that ＫＤＤＩ株式会社 and KDDI株式会社 agree.
	Organization string `json:"organization,omitempty"`
	// OrgKind classifies Organization: ministry, cabinet, agency,
	// company, university, association or other.
	OrgKind string `json:"org_kind,omitempty"`
	// HQRole is the attendee's role in the body: one of the Role constants.
	HQRole string `json:"hq_role,omitempty"`
	Line   int    `json:"line"`

	// Fields set by the readers in front of the extractor (extract/source).

	// Party is the parliamentary group the person belongs to (the Diet
	// API's speakerGroup), e.g. 自由民主党・無所属の会.
	Party string `json:"party,omitempty"`
}

// Agenda item kinds.
const (
	KindDecision   = "decision"
	KindDiscussion = "discussion"
	KindReport     = "report"
)

// AgendaItem is one item of the agenda.
type AgendaItem struct {
	Kind     string    `json:"kind"`
	Title    string    `json:"title"`
	Line     int       `json:"line"`
	Start    int       `json:"start"`
	End      int       `json:"end"`
	Mentions []Mention `json:"mentions,omitempty"`
}

// Speech is one speech turn.
type Speech struct {
	Seq int `json:"seq"` // 1-based, in document order
	// Speaker is the Name of the attendee the marker resolved to, or ""
	// when it could not be resolved (a Warning then says why).
	Speaker string `json:"speaker"`
	// Marker is the text that introduced the turn, as written:
	// "○（村井本部員）" or "（１）本部長冒頭挨拶".
	Marker string `json:"marker"`
	// As is the title or role the marker gives the speaker: "本部員",
	// "国家公安委員長", "本部長".
	As string `json:"as,omitempty"`
	// Section is the heading of the part of the proceedings the speech
	// stands in, e.g. "（２）討議".
	Section string `json:"section,omitempty"`
	// Text is the speech with PDF line breaks joined and paragraphs
	// separated by "\n".
	Text string `json:"text"`
	// Start and End are the byte offsets of the speech body in the source.
	Start int `json:"start"`
	End   int `json:"end"`
	// Line is the 1-based source line of the marker.
	Line int `json:"line"`
	// RefersTo lists the attendees this speech names (先ほど遠藤本部員が…).
	RefersTo []string  `json:"refers_to,omitempty"`
	Mentions []Mention `json:"mentions,omitempty"`

	// Fields set by the readers in front of the extractor (extract/source).

	// URL is where the speech is published (the Diet API's speechURL).
	URL string `json:"url,omitempty"`

	// spans maps Text back to the source: Text[spans[i].text:] came from
	// Document.Text[spans[i].src:] for spans[i].n bytes.
	spans []span
}

// Event is something recorded in the minutes that is not a speech, such
// as a chorus reaction.
type Event struct {
	Kind string `json:"kind"` // "reaction"
	Text string `json:"text"` // 「異議なし」と声あり
	// After is the Seq of the speech the event followed, 0 if none.
	After int `json:"after"`
	Line  int `json:"line"`
	Start int `json:"start"`
	End   int `json:"end"`
}

// Decision is a decision item with its outcome.
type Decision struct {
	Title string `json:"title"`
	// Outcome is how the minutes record the outcome: 案のとおり決定,
	// 異議なし, 了承, or "" when the minutes do not say.
	Outcome string `json:"outcome"`
	// Evidence is the sentence that records the outcome.
	Evidence string `json:"evidence,omitempty"`
	Line     int    `json:"line,omitempty"`
}

// Mention is one occurrence of a concept in a speech or agenda title.
type Mention struct {
	Concept string `json:"concept"` // concept id
	Label   string `json:"label"`   // Japanese label
	LabelEn string `json:"label_en,omitempty"`
	Type    string `json:"type,omitempty"`
	// Surface is the text as written in the source.
	Surface string `json:"surface"`
	// Start and End are the byte offsets of Surface in the source.
	Start int `json:"start"`
	End   int `json:"end"`
	// Sentence is the sentence the mention stands in (line breaks joined),
	// with its offsets in the source.
	Sentence      string `json:"sentence"`
	SentenceStart int    `json:"sentence_start"`
	SentenceEnd   int    `json:"sentence_end"`
	// Implicit is true for an indirect reference (パイプラインの事案 for
	// the Colonial Pipeline incident named elsewhere in the document).
	Implicit bool `json:"implicit,omitempty"`
}

// Warning is a problem found in the input that extraction worked around.
type Warning struct {
	Line    int    `json:"line"`
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// span is a piece of derived text copied verbatim from the source.
type span struct {
	text, src, n int
}

// SetVerbatim records that s.Text is the document's text from s.Start to
// s.End as it stands, for readers that build speeches themselves (the
// Diet API reader), so that offsets in the speech map back to the text.
func (s *Speech) SetVerbatim() {
	s.spans = []span{{text: 0, src: s.Start, n: len(s.Text)}}
}

// SourceOffset maps a byte offset in s.Text to a byte offset in the
// source. An offset at the end of Text maps to s.End.
func (s *Speech) SourceOffset(i int) int {
	return mapOffset(s.spans, i, s.End)
}

func mapOffset(spans []span, i, end int) int {
	// Binary search for the last span starting at or before i.
	lo, hi := 0, len(spans)
	for lo < hi {
		m := (lo + hi) / 2
		if spans[m].text <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == 0 {
		if len(spans) == 0 {
			return end
		}
		return spans[0].src
	}
	sp := spans[lo-1]
	if d := i - sp.text; d <= sp.n {
		return sp.src + d
	}
	return end
}

// Completeness and file layout (issue 10): kept in their own block so
// that other changes to the model merge cleanly.
type (
	// LineSpan is the range of source lines, 1-based and inclusive, that
	// one meeting takes in a file that may hold several.
	LineSpan struct {
		First int `json:"first"`
		Last  int `json:"last"`
	}
)

// Warning kinds with a meaning outside the extractor.
const (
	// WarnIncomplete: the minutes end mid-sentence with no closing 以上;
	// the document is read as far as it goes and Complete is false.
	WarnIncomplete = "incomplete"
	// WarnSpeakerFromMarker: a speaker was created from a marker because
	// the minutes have no attendee list.
	WarnSpeakerFromMarker = "speaker-from-marker"
)
