package annotation

import (
	"crypto/sha256"
	"encoding/hex"
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
}

// DisplayName is a source's name, or its text when it has none.
func (a Annotation) DisplayName() string {
	if a.Name != "" {
		return a.Name
	}
	return a.Exact
}
