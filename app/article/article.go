// Package article reads an article's plain text from the file an editor brings
// in, plain text or Markdown, and recognises its structure: headline,
// standfirst, byline, captions and the page furniture around the story
// (Structure). HTML pages are read by the reader view (app/readerview), on
// the server or in its own worker, so that its parser stays out of app.wasm.
// The package builds for the browser (GOOS=js GOARCH=wasm) as well as
// natively, and uses only the standard library and the annotation model.
package article

import (
	"errors"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
)

// Extensions lists the file name extensions of articles, in the order to offer
// them: Load reads the first three, the reader view HTML (see IsHTML).
var Extensions = []string{".txt", ".md", ".html", ".htm"}

// IsHTML reports whether the file name is an HTML page's, for the reader view.
func IsHTML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// Load returns the article in data as a document whose source is name, read by
// the extension of name: ".txt" is taken as it is, ".md" loses its Markdown
// syntax. Line ends are normalised to LF; nothing else in the words changes
// (no-break spaces, curly quotes and dashes stay). The title is the first
// Markdown heading, the headline Structure finds, or else the file name
// without its extension.
//
// Load fails, naming what is wrong, when data is not UTF-8, holds no text, or
// name has an extension it does not read (HTML included: see IsHTML).
func Load(name string, data []byte) (annotation.Document, error) {
	ext := strings.ToLower(path.Ext(name))
	var read func(string) (string, string)
	switch {
	case ext == ".txt":
		read = func(s string) (string, string) { return "", s }
	case ext == ".md" || ext == ".markdown":
		read = markdown
	case IsHTML(name):
		return annotation.Document{}, fmt.Errorf("%s: an HTML page is read by the reader view, not as plain text", name)
	case ext == "":
		return annotation.Document{}, fmt.Errorf("%s: no file name extension: want one of %s", name, strings.Join(Extensions, ", "))
	default:
		return annotation.Document{}, fmt.Errorf("%s: %q is not an article format this program reads (%s)", name, ext, strings.Join(Extensions, ", "))
	}
	if err := checkUTF8(data); err != nil {
		return annotation.Document{}, fmt.Errorf("%s: %w", name, err)
	}
	s := strings.TrimPrefix(string(data), "\uFEFF") // a byte order mark is not text
	title, text := read(annotation.NormalizeText(s))
	if strings.TrimSpace(text) == "" {
		return annotation.Document{}, fmt.Errorf("%s: holds no article text (empty or only white space)", name)
	}
	doc := New(title, text, name)
	if doc.Title == "" {
		doc.Title = strings.TrimSuffix(path.Base(name), path.Ext(name))
	}
	return doc, nil
}

// New returns a new document for a plain text, with the blocks Structure
// finds in it. An empty title becomes the headline it finds, if any.
func New(title, text, source string) annotation.Document {
	doc := annotation.NewDocument(title, text, source)
	doc.Blocks = Structure(doc.Text)
	if doc.Title == "" {
		for _, b := range doc.Blocks {
			if b.Role == annotation.Headline {
				doc.Title = anchor.Slice(doc.Text, b.Start, b.End)
				break
			}
		}
	}
	return doc
}

// WithStructure gives a document that has no blocks (from a version 1 file,
// or a tool that writes none) the blocks Structure finds in its text.
func WithStructure(doc annotation.Document) annotation.Document {
	if doc.Blocks == nil {
		doc.Blocks = Structure(doc.Text)
	}
	return doc
}

// checkUTF8 reports the first byte of data that is not valid UTF-8.
func checkUTF8(data []byte) error {
	if utf8.Valid(data) {
		return nil
	}
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return fmt.Errorf("not UTF-8: byte %d (0x%02x) is not valid UTF-8; save the file as UTF-8", i, data[i])
		}
		i += n
	}
	return errors.New("not UTF-8")
}
