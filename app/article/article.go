// Package article loads an article's plain text from the file an editor brings in:
// plain text, Markdown or HTML. It builds for the browser (GOOS=js GOARCH=wasm) as
// well as natively, and uses only the standard library, the annotation model and
// golang.org/x/net/html's tokenizer.
package article

import (
	"errors"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/newsroom/annotator/app/annotation"
)

// Extensions lists the file name extensions Load reads, in the order to offer them.
var Extensions = []string{".txt", ".md", ".html", ".htm"}

// Load returns the title and plain text of the article in data, read by the
// extension of name: ".txt" is taken as it is, ".md" loses its Markdown syntax
// and ".html"/".htm" become blocks of text separated by blank lines. Line ends are
// normalised to LF; nothing else in the words changes (no-break spaces, curly
// quotes and dashes stay). The title is the HTML <title> or first <h1>, the first
// Markdown heading, or else the file name without its extension.
//
// Load fails, naming what is wrong, when data is not UTF-8, holds no text, or
// name has an extension it does not read.
func Load(name string, data []byte) (title, text string, err error) {
	ext := strings.ToLower(path.Ext(name))
	var read func(string) (string, string)
	switch ext {
	case ".txt":
		read = func(s string) (string, string) { return "", s }
	case ".md", ".markdown":
		read = markdown
	case ".html", ".htm":
		read = htmlText
	case "":
		return "", "", fmt.Errorf("%s: no file name extension: want one of %s", name, strings.Join(Extensions, ", "))
	default:
		return "", "", fmt.Errorf("%s: %q is not an article format this program reads (%s)", name, ext, strings.Join(Extensions, ", "))
	}
	if err := checkUTF8(data); err != nil {
		return "", "", fmt.Errorf("%s: %w", name, err)
	}
	s := strings.TrimPrefix(string(data), "\uFEFF") // a byte order mark is not text
	title, text = read(annotation.NormalizeText(s))
	if strings.TrimSpace(text) == "" {
		return "", "", fmt.Errorf("%s: holds no article text (empty or only white space)", name)
	}
	if title == "" {
		title = strings.TrimSuffix(path.Base(name), path.Ext(name))
	}
	return title, text, nil
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
