// Package synth generates realistic synthetic meeting minutes (議事概要) of
// the Cybersecurity Strategic Headquarters, in the two layouts of the
// seeds, together with the ground truth a parser must recover from them.
//
// Generation is deterministic: the same Options and index always give the
// same bytes, whatever the order or concurrency of the calls, so a corpus
// can be generated in parallel and regenerated exactly. The population
// (who holds which post when) is simulated in meeting order from the seed,
// so meeting i is also the same whatever Options.Meetings is.
//
// synth is a leaf: it does not import package extract. Its Truth mirrors
// the parts of extract's model that a round trip can check.
package synth

import (
	"fmt"
	"math/rand/v2"
	"sync"
)

// Default body of the generated minutes.
const (
	DefaultBody     = "サイバーセキュリティ戦略本部"
	DefaultBodySlug = "cybersecurity-hq"
)

// HQ roles, spelled as package extract spells them.
const (
	RoleChair      = "本部長"
	RoleViceChair  = "副本部長"
	RoleMember     = "本部員"
	RoleExpert     = "有識者本部員"
	RoleProxy      = "代理出席"
	RoleInAttendee = "陪席"
)

// Agenda item kinds, spelled as package extract spells them.
const (
	KindDecision   = "decision"
	KindDiscussion = "discussion"
	KindReport     = "report"
)

// Layouts of the generated text.
const (
	// StylePDF is the layout of text extracted from a PDF (the 17th seed):
	// a blank line after every line, lines wrapped at about 42 full-width
	// characters, paragraph indents, full-width digits, names and titles
	// separated by runs of spaces, markers like ○（村井本部員）, and page
	// breaks that drop a blank line and indent the next line.
	StylePDF = "pdf"
	// StyleHTML is the layout of text copied from a web page (the 30th
	// seed): one line per paragraph, a tab between name and title,
	// half-width digits and markers like ○遠藤本部員.
	StyleHTML = "html"
)

// Options configure a corpus.
type Options struct {
	// Meetings is the number of meetings in the corpus. It only sizes
	// file names; meeting i does not depend on it.
	Meetings int
	// Seed selects the corpus.
	Seed uint64
	// Concepts are the concepts speeches mention, in the order of the
	// concept list. Nil means a small built-in list (BuiltinConcepts).
	Concepts []ConceptSurface
	// StartNumber is the number of the first meeting (default 1).
	StartNumber int
	// Body and BodySlug name the body (default DefaultBody and
	// DefaultBodySlug).
	Body, BodySlug string
	// Quirks adds the slips of real minutes that a parser can only
	// resolve with a warning: in the HTML layout, some experts' markers
	// say 本部長 instead of 本部員 (as in the 30th seed).
	Quirks bool
}

// Truth is what a parser must recover from one generated meeting.
type Truth struct {
	File   string `json:"file"`
	Style  string `json:"style"`
	Body   string `json:"body"`
	Number int    `json:"number"`
	Date   string `json:"date"`  // 2018-04-04
	Start  string `json:"start"` // 08:00
	End    string `json:"end"`   // 09:00
	Place  string `json:"place"`
	// SameFamily is true when two attendees share a family name and are
	// told apart only by their titles.
	SameFamily bool            `json:"same_family,omitempty"`
	Attendees  []TruthAttendee `json:"attendees"`
	Agenda     []TruthAgenda   `json:"agenda"`
	// Turns are the speech turns in document order, including the chair's
	// opening and closing addresses, which have no ○ marker.
	Turns     []TruthTurn     `json:"turns"`
	Decisions []TruthDecision `json:"decisions"`
	// Reactions counts the （「異議なし」と声あり） events.
	Reactions int `json:"reactions,omitempty"`
}

// TruthAttendee is one line of the attendee list.
type TruthAttendee struct {
	// Name is family and given name separated by one ASCII space.
	Name   string `json:"name"`
	Family string `json:"family"`
	Given  string `json:"given"`
	// Title is the post as the list writes it (full-width Latin letters
	// in the PDF layout).
	Title string `json:"title"`
	// Organization is the organisation the title implies, with Latin
	// letters half-width.
	Organization string `json:"organization"`
	HQRole       string `json:"hq_role"`
	// Person is a stable identifier of the synthetic person across
	// meetings (the same person may hold different titles over time).
	Person int `json:"person"`
}

// TruthAgenda is one agenda item.
type TruthAgenda struct {
	Kind     string   `json:"kind"`
	Title    string   `json:"title"`
	Concepts []string `json:"concepts,omitempty"`
}

// TruthTurn is one speech turn.
type TruthTurn struct {
	// Speaker is the Name of the attendee speaking.
	Speaker string `json:"speaker"`
	// As is the title or role the marker gives the speaker.
	As string `json:"as"`
	// Marker is the marker line without surrounding spaces:
	// ○（村井本部員） or （１）本部長冒頭挨拶.
	Marker string `json:"marker"`
	// Section is the heading the turn stands under, e.g. （２）討議.
	Section string `json:"section"`
	// Concepts are the ids of the concepts inserted into the speech, in
	// order of first insertion.
	Concepts []string `json:"concepts,omitempty"`
	// RefersTo are the Names of attendees the speech refers to.
	RefersTo []string `json:"refers_to,omitempty"`
	// Text is the speech, paragraphs separated by "\n".
	Text string `json:"text"`
}

// TruthDecision is a decision item and its outcome.
type TruthDecision struct {
	Title   string `json:"title"`
	Outcome string `json:"outcome"` // 案のとおり決定 or 異議なし
}

// A Generator generates the meetings of one corpus. It is safe for
// concurrent use.
type Generator struct {
	opts     Options
	concepts []ConceptSurface
	surfaces []surfaceSet
	typed    map[string]bool // the concept types that occur

	mu sync.Mutex
	w  *world
}

// New returns a Generator for opts.
func New(opts Options) *Generator {
	if opts.StartNumber == 0 {
		opts.StartNumber = 1
	}
	if opts.Body == "" {
		opts.Body = DefaultBody
	}
	if opts.BodySlug == "" {
		opts.BodySlug = DefaultBodySlug
	}
	cs := usableConcepts(opts.Concepts)
	if len(cs) == 0 {
		cs = usableConcepts(BuiltinConcepts())
	}
	g := &Generator{opts: opts, concepts: cs, typed: map[string]bool{}}
	for _, c := range cs {
		g.surfaces = append(g.surfaces, newSurfaceSet(c))
		g.typed[c.Type] = true
	}
	g.w = newWorld(opts.Seed, len(cs))
	return g
}

// Generate generates meeting i (0-based) of the corpus opts describes. It
// is a shorthand for New(opts).Meeting(i); use a Generator to generate
// many meetings.
func Generate(opts Options, i int) (name string, text []byte, truth Truth) {
	return New(opts).Meeting(i)
}

// Meeting generates meeting i (0-based): its file name, its text (UTF-8)
// and its ground truth.
func (g *Generator) Meeting(i int) (name string, text []byte, truth Truth) {
	if i < 0 {
		panic(fmt.Sprintf("synth: negative meeting index %d", i))
	}
	g.mu.Lock()
	g.w.extend(i + 1)
	snap := g.w.meetings[i]
	g.mu.Unlock()

	rng := rand.New(rand.NewPCG(g.opts.Seed^0x5eed5eed5eed5eed, uint64(i)*0x9e3779b97f4a7c15+1))
	m := &meetingGen{
		g:     g,
		w:     g.w,
		i:     i,
		snap:  snap,
		rng:   rng,
		style: StylePDF,
	}
	if i%2 == 1 {
		m.style = StyleHTML
	}
	m.build()
	name = g.FileName(i)
	m.truth.File = name
	return name, m.render(), m.truth
}

// FileName is the file name of meeting i: NNNN_<slug>_<number>.txt.
func (g *Generator) FileName(i int) string {
	width := len(fmt.Sprint(max(g.opts.Meetings, i+1)))
	width = max(width, 4)
	return fmt.Sprintf("%0*d_%s_%d.txt", width, i+1, g.opts.BodySlug, g.opts.StartNumber+i)
}
