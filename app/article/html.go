package article

import (
	"strings"

	"golang.org/x/net/html"
)

// blockTags are the elements that start and end a block of text.
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "body": true, "caption": true,
	"center": true, "dd": true, "details": true, "dialog": true, "div": true, "dl": true, "dt": true,
	"fieldset": true, "figcaption": true, "figure": true, "footer": true, "h1": true, "h2": true,
	"h3": true, "h4": true, "h5": true, "h6": true, "header": true, "hgroup": true, "hr": true,
	"html": true, "legend": true, "li": true, "main": true, "menu": true, "ol": true, "p": true,
	"pre": true, "section": true, "summary": true, "table": true, "tbody": true, "tfoot": true,
	"thead": true, "tr": true, "ul": true,
}

// skipTags are elements whose content is never article text: code, styling,
// embedded documents, graphics and page chrome.
var skipTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "svg": true, "math": true,
	"nav": true, "form": true, "button": true, "iframe": true, "select": true, "textarea": true,
	"object": true, "canvas": true, "audio": true, "video": true,
}

// chromeTags are page chrome when they are not inside an <article>.
var chromeTags = map[string]bool{"header": true, "footer": true, "aside": true}

// htmlReader accumulates the text of an HTML page block by block.
type htmlReader struct {
	blocks   []string
	block    strings.Builder
	space    bool   // white space is pending before the next character
	skip     string // the element being skipped, or ""
	skipping int    // how many of skip are open
	article  int    // how many <article> elements are open
	pre      int    // how many <pre> elements are open
	quotes   int    // how many <q> elements are open
	title    strings.Builder
	inTitle  bool
	h1       strings.Builder
	inH1     bool
	h1Done   bool
}

// htmlText returns the title and the text of an HTML page: one block of text per
// paragraph, heading, list item and the like, separated by blank lines.
func htmlText(s string) (title, text string) {
	r := &htmlReader{}
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break // io.EOF: the reader is a string, so there is no other error
		}
		switch tt {
		case html.TextToken:
			r.text(string(z.Text()))
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			r.start(string(name), tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			name, _ := z.TagName()
			r.end(string(name))
		}
	}
	r.flush()
	title = collapse(r.title.String())
	if title == "" {
		title = collapse(r.h1.String())
	}
	return title, strings.Join(r.blocks, "\n\n")
}

func (r *htmlReader) start(name string, selfClosing bool) {
	if r.skip != "" {
		if name == r.skip && !selfClosing {
			r.skipping++
		}
		return
	}
	if selfClosing && (skipTags[name] || chromeTags[name]) {
		return // an empty element: nothing to skip
	}
	if skipTags[name] || chromeTags[name] && r.article == 0 {
		r.skip, r.skipping = name, 1
		return
	}
	switch name {
	case "title":
		r.inTitle = true
		return
	case "article":
		r.article++
	case "pre":
		r.pre++
	case "br":
		r.block.WriteByte('\n')
		r.space = false
		return
	case "td", "th":
		r.space = true
	case "q":
		r.quotes++
		r.write(quoteMark(r.quotes, true))
	case "h1":
		r.inH1 = !r.h1Done
	}
	if blockTags[name] {
		r.flush()
	}
}

func (r *htmlReader) end(name string) {
	if r.skip != "" {
		if name == r.skip {
			r.skipping--
			if r.skipping == 0 {
				r.skip = ""
			}
		}
		return
	}
	switch name {
	case "title":
		r.inTitle = false
		return
	case "article":
		r.article = max(r.article-1, 0)
	case "pre":
		r.pre = max(r.pre-1, 0)
	case "q":
		if r.quotes > 0 {
			r.write(quoteMark(r.quotes, false))
			r.quotes--
		}
	case "h1":
		if r.inH1 {
			r.inH1, r.h1Done = false, true
		}
	}
	if blockTags[name] {
		r.flush()
	}
}

// quoteMark is the mark a browser shows at the start or end of a <q> element
// nested depth deep: double quotation marks outside, single ones inside.
func quoteMark(depth int, open bool) string {
	switch {
	case depth%2 == 1 && open:
		return "\u201C"
	case depth%2 == 1:
		return "\u201D"
	case open:
		return "\u2018"
	}
	return "\u2019"
}

// text adds the text of a text token: white space collapses outside <pre>;
// no-break spaces are not white space here and stay.
func (r *htmlReader) text(s string) {
	switch {
	case r.skip != "":
		return
	case r.inTitle:
		r.title.WriteString(s)
		return
	case r.inH1:
		r.h1.WriteString(s)
	}
	if r.pre > 0 {
		r.block.WriteString(s)
		return
	}
	start := 0
	for i := 0; i < len(s); i++ {
		if isHTMLSpace(s[i]) {
			r.write(s[start:i])
			r.space = true
			start = i + 1
		}
	}
	r.write(s[start:])
}

// write adds s to the block, after one space if white space is pending.
func (r *htmlReader) write(s string) {
	if s == "" {
		return
	}
	if r.space && r.block.Len() > 0 && !strings.HasSuffix(r.block.String(), "\n") {
		r.block.WriteByte(' ')
	}
	r.space = false
	r.block.WriteString(s)
}

// flush ends the current block.
func (r *htmlReader) flush() {
	b := strings.Trim(r.block.String(), " \t\n\f\r")
	if b != "" {
		r.blocks = append(r.blocks, b)
	}
	r.block.Reset()
	r.space = false
}

// isHTMLSpace reports whether c is ASCII white space as HTML defines it.
func isHTMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// collapse trims and collapses HTML white space in s.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r < 0x80 && isHTMLSpace(byte(r)) }), " ")
}
