package annotation

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"time"
)

// Kind is what an annotation marks.
type Kind string

// The kinds of annotation.
const (
	Quote       Kind = "quote"        // a quotation of someone's words
	Source      Kind = "source"       // a person or organisation quoted
	PhotoCredit Kind = "photo-credit" // the credit line of a photo
)

// Kinds lists every kind in display order.
var Kinds = []Kind{Quote, Source, PhotoCredit}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return k == Quote || k == Source || k == PhotoCredit }

// Origin says who made an annotation.
type Origin string

// The origins of an annotation.
const (
	Human     Origin = "human"     // tagged by an editor
	Suggested Origin = "suggested" // proposed by the suggestion engine
)

// Document is an article's text and what identifies it.
type Document struct {
	// ID identifies the document.
	ID ID `json:"id"`
	// Title is the article's headline or file name.
	Title string `json:"title"`
	// Text is the article's plain text, UTF-8 with LF line ends.
	Text string `json:"text"`
	// Source is where the text came from: a file name or URL (optional).
	Source string `json:"source,omitempty"`
	// SHA256 is the hex SHA-256 of Text.
	SHA256 string `json:"sha256"`
	// Byline names the article's authors as the page gives them (version 2).
	Byline string `json:"byline,omitempty"`
	// Published is when the article was published, where the page says (version 2).
	Published time.Time `json:"published,omitzero"`
	// Site is the name of the site or publication (version 2).
	Site string `json:"site,omitempty"`
	// Language is the text's BCP 47 language tag, such as "en" or "en-GB" (version 2).
	Language string `json:"language,omitempty"`
	// URL is the article's canonical http or https address (version 2).
	URL string `json:"url,omitempty"`
	// Blocks give the parts of the text that are not body paragraphs their
	// role, in text order and not overlapping (version 2). Empty means the
	// text has none; nil (absent from the file) that they are not known.
	Blocks []Block `json:"blocks,omitzero"`
}

// Role is what a block of an article's text is, where it is not a body paragraph.
type Role string

// The roles of a block.
const (
	Kicker     Role = "kicker"     // the section or label above the headline
	Headline   Role = "headline"   // the article's headline
	Standfirst Role = "standfirst" // the summary under the headline
	Byline     Role = "byline"     // who wrote it, and when or where
	Heading    Role = "heading"    // a heading inside the story
	Caption    Role = "caption"    // a photo's caption, with its credit
	BlockQuote Role = "blockquote" // a passage set apart as a quotation
	ListItem   Role = "item"       // an item of a list
	Chrome     Role = "chrome"     // page furniture: menus, share bars, sign-up boxes, related links
)

// Roles lists every role.
var Roles = []Role{Kicker, Headline, Standfirst, Byline, Heading, Caption, BlockQuote, ListItem, Chrome}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, k := range Roles {
		if r == k {
			return true
		}
	}
	return false
}

// Block gives the code points [Start, End) of a document's text a role. A block
// covers whole paragraphs (text between blank lines).
type Block struct {
	// Start is the code-point offset of the block's first character.
	Start int `json:"start"`
	// End is the code-point offset just past the block (exclusive).
	End int `json:"end"`
	// Role is what the block is.
	Role Role `json:"role"`
}

// RoleAt returns the role of the block holding the code point at pos, or ""
// for body text. blocks are in text order.
func RoleAt(blocks []Block, pos int) Role {
	i, found := slices.BinarySearchFunc(blocks, pos, func(b Block, pos int) int {
		switch {
		case b.End <= pos:
			return -1
		case b.Start > pos:
			return 1
		}
		return 0
	})
	if !found {
		return ""
	}
	return blocks[i].Role
}

// NewDocument returns a document with a new id for text, its line ends normalised.
func NewDocument(title, text, source string) Document {
	text = NormalizeText(text)
	return Document{ID: NewID(), Title: title, Text: text, Source: source, SHA256: TextHash(text)}
}

// NormalizeText turns CRLF and CR line ends into LF and alters nothing else:
// no-break spaces, curly quotes and dashes stay as they are.
func NormalizeText(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// TextHash returns the hex SHA-256 of text.
func TextHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// Credit holds the parsed parts of a photo credit (the IPTC Creator and Credit
// Line fields).
type Credit struct {
	// Creators are the photographers ("Larry Downing").
	Creators []string `json:"creators"`
	// Agencies are the agencies and outlets ("AFP", "Getty Images").
	Agencies []string `json:"agencies"`
}

// Annotation marks a span of a document's text.
type Annotation struct {
	// ID identifies the annotation.
	ID ID `json:"id"`
	// Kind is what the span is.
	Kind Kind `json:"kind"`
	// Start is the code-point offset of the span's first character.
	Start int `json:"start"`
	// End is the code-point offset just past the span (exclusive).
	End int `json:"end"`
	// Exact is the text the span covers.
	Exact string `json:"exact"`
	// Prefix is up to 32 code points of text before the span.
	Prefix string `json:"prefix"`
	// Suffix is up to 32 code points of text after the span.
	Suffix string `json:"suffix"`
	// Speaker is, for a quote, the id of the source annotation that says it.
	Speaker ID `json:"speaker,omitempty"`
	// Name is, for a source, its display name; "Kerry" and "John Kerry" may share one.
	Name string `json:"name,omitempty"`
	// Credit is, for a photo credit, its parsed creators and agencies.
	Credit *Credit `json:"credit,omitempty"`
	// Note is the editor's free-text note.
	Note string `json:"note,omitempty"`
	// Origin says whether an editor or the suggestion engine made it.
	Origin Origin `json:"origin"`
	// Confidence is, for a suggestion, how sure the engine is (0 to 1).
	Confidence float64 `json:"confidence,omitempty"`
	// Created is when the annotation was made.
	Created time.Time `json:"created"`
	// Modified is when it last changed.
	Modified time.Time `json:"modified"`
	// SpeakerConfidence is, for a quote whose speaker the engine proposed, how
	// sure it is of that link (0 to 1), apart from the quote's own (version 2).
	SpeakerConfidence float64 `json:"speakerConfidence,omitempty"`
	// SpeakerReason is, for such a quote, the engine's evidence for the link:
	// the reporting word, or whom a pronoun or description was resolved to (version 2).
	SpeakerReason string `json:"speakerReason,omitempty"`
	// Voice is, for a source, what kind of voice it is (version 2).
	Voice *Voice `json:"voice,omitempty"`
	// Creator names the editor who made the annotation, as the server knows them (version 2).
	Creator string `json:"creator,omitempty"`
}

// Voice describes a source for a newsroom's count of whom it quotes. Every
// field is optional: empty means unknown.
type Voice struct {
	// Type is one of VoiceTypes: "person", "organisation", "anonymous", "document".
	Type string `json:"type,omitempty"`
	// Gender is one of Genders: "woman", "man", "nonbinary", "unknown".
	Gender string `json:"gender,omitempty"`
	// Role is one of VoiceRoles: "official", "expert", "spokesperson", "witness", "public", "other".
	Role string `json:"role,omitempty"`
	// Proposed lists the fields ("type", "gender", "role") the suggestion engine
	// proposed and no editor has confirmed yet.
	Proposed []string `json:"proposed,omitempty"`
}

// The values each field of a Voice may take.
var (
	VoiceTypes = []string{"person", "organisation", "anonymous", "document"}
	Genders    = []string{"woman", "man", "nonbinary", "unknown"}
	VoiceRoles = []string{"official", "expert", "spokesperson", "witness", "public", "other"}
)

// CountKinds counts an editor's annotations by kind: suggestions not yet
// accepted are not counted (see CountSuggestions).
func CountKinds(anns []Annotation) map[Kind]int {
	c := map[Kind]int{}
	for _, a := range anns {
		if a.Origin != Suggested {
			c[a.Kind]++
		}
	}
	return c
}

// CountSuggestions counts the suggestions not yet accepted or rejected.
func CountSuggestions(anns []Annotation) int {
	n := 0
	for _, a := range anns {
		if a.Origin == Suggested {
			n++
		}
	}
	return n
}

// SetSpeaker makes source the quote's speaker ("" for none). The engine's
// evidence for the link it proposed goes with it: it is about that link only.
func (a *Annotation) SetSpeaker(source ID) {
	a.Speaker, a.SpeakerConfidence, a.SpeakerReason = source, 0, ""
}

// DisplayName is a source's name, or its text when it has none.
func (a Annotation) DisplayName() string {
	if a.Name != "" {
		return a.Name
	}
	return a.Exact
}
