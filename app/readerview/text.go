package readerview

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/annotator/app/annotation"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// paragraph is one paragraph of the text.
type paragraph struct {
	text string
	role annotation.Role // "" for body text
	// owner is the element whose role the paragraph has: consecutive
	// paragraphs with the same owner make one block.
	owner any
	// key is the number of the page element the paragraph comes from, or -1.
	key int
}

// skipTags are elements whose content is never article text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true, atom.Math: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Input: true, atom.Iframe: true, atom.Object: true,
	atom.Embed: true, atom.Canvas: true, atom.Audio: true, atom.Video: true, atom.Head: true, atom.Title: true,
	atom.Nav: true, atom.Form: true, atom.Dialog: true, atom.Img: true, atom.Picture: true, atom.Source: true,
	atom.Track: true, atom.Map: true, atom.Area: true, atom.Meta: true, atom.Link: true, atom.Base: true,
}

// skipElement reports whether n's content is never article text.
func skipElement(n *html.Node) bool {
	return n.Type == html.ElementNode && (skipTags[n.DataAtom] || n.Namespace != "")
}

// blockTags are the elements that start and end a paragraph.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Body: true,
	atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Details: true, atom.Div: true, atom.Dl: true,
	atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true,
	atom.Hgroup: true, atom.Hr: true, atom.Html: true, atom.Legend: true, atom.Li: true, atom.Main: true,
	atom.Menu: true, atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true,
	atom.Table: true, atom.Tbody: true, atom.Tfoot: true, atom.Thead: true, atom.Tr: true, atom.Ul: true,
	atom.Listing: true, atom.Xmp: true, atom.Plaintext: true,
}

// roleOf returns the role the element n gives the paragraphs in it, or "".
func roleOf(n *html.Node) annotation.Role {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return annotation.Heading
	case atom.Li:
		return annotation.ListItem
	case atom.Blockquote:
		return annotation.BlockQuote
	}
	return ""
}

// textBuilder turns readability's article into paragraphs.
type textBuilder struct {
	page  *page
	paras []paragraph
	line  strings.Builder // the paragraph being built
	space bool            // white space is pending before the next word
	brs   int             // <br> elements pending: one is a line break, two a new paragraph
	role  annotation.Role
	owner any
	key   int
	pre   int // how many <pre> elements are open
	quote int // how many <q> elements are open
}

// build walks the article node n.
func (b *textBuilder) build(n *html.Node) {
	b.key = -1
	b.walk(n)
	b.flush()
}

func (b *textBuilder) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.text(n.Data)
		return
	case html.ElementNode:
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			b.walk(c)
		}
		return
	default:
		return
	}
	if skipElement(n) || hidden(n) {
		return
	}
	switch n.DataAtom {
	case atom.Br:
		if b.pre > 0 {
			b.line.WriteByte('\n')
		} else {
			b.brs++
		}
		return
	case atom.Hr:
		b.flush()
		return
	case atom.Figcaption:
		b.flush()
		b.caption(n, mark(n))
		return
	case atom.Figure:
		b.figure(n)
		return
	case atom.Td, atom.Th:
		b.space = true
		b.children(n)
		b.space = true
		return
	case atom.Q:
		b.quote++
		b.write(quoteMark(b.quote, true))
		b.children(n)
		b.write(quoteMark(b.quote, false))
		b.quote--
		return
	}
	if !blockTags[n.DataAtom] {
		b.children(n)
		return
	}
	b.flush()
	role, owner, key := b.role, b.owner, b.key
	if r := roleOf(n); r != "" {
		b.role, b.owner = r, n
	}
	if k := mark(n); k >= 0 {
		b.key = k
	}
	if n.DataAtom == atom.Pre || n.DataAtom == atom.Listing || n.DataAtom == atom.Xmp || n.DataAtom == atom.Plaintext {
		b.pre++
		b.children(n)
		b.flush()
		b.pre--
	} else {
		b.children(n)
		b.flush()
	}
	b.role, b.owner, b.key = role, owner, key
}

func (b *textBuilder) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.walk(c)
	}
}

// figure adds a figure: its caption and any text blocks in it (a quotation,
// a table), but not the loose words around its image ("Image", "Enlarge").
func (b *textBuilder) figure(n *html.Node) {
	b.flush()
	key := b.key
	k := mark(n)
	if k >= 0 {
		b.key = k
	}
	hadCaption := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skipElement(c) || hidden(c) {
				continue // loose words around the image are not article text
			}
			switch {
			case c.DataAtom == atom.Figcaption:
				b.flush()
				b.caption(c, mark(c))
				hadCaption = true
			case c.DataAtom == atom.Figure:
				b.figure(c)
			case blockTags[c.DataAtom] && c.DataAtom != atom.Div && c.DataAtom != atom.Section:
				b.walk(c)
			default:
				walk(c)
			}
		}
	}
	walk(n)
	b.flush()
	// Readability may keep a figure but drop its caption.
	if c := b.page.byKey[k]; k >= 0 && c != nil && !c.used && !hadCaption {
		b.addCaption(c)
	}
	b.key = key
}

// caption adds the figcaption n (numbered k): as the page gives it where it is
// known, which keeps the credit apart, or else as readability left it.
func (b *textBuilder) caption(n *html.Node, k int) {
	if c := b.page.byKey[k]; k >= 0 && c != nil && c.key == k {
		if !c.used {
			b.addCaption(c)
		}
		return
	}
	if c := readCaption(n); c != nil {
		b.addCaption(c)
	}
}

// addCaption adds c as a caption paragraph.
func (b *textBuilder) addCaption(c *caption) {
	c.used = true
	key := c.figureKey
	if key < 0 {
		key = b.key
	}
	b.paras = append(b.paras, paragraph{text: c.text, role: annotation.Caption, owner: c, key: key})
}

// text adds the text of a text node: white space collapses outside <pre>.
func (b *textBuilder) text(s string) {
	if b.pre > 0 {
		b.breakLines()
		b.line.WriteString(s)
		return
	}
	start := 0
	for i := 0; i < len(s); i++ {
		if isHTMLSpace(s[i]) {
			b.write(s[start:i])
			b.space = true
			start = i + 1
		}
	}
	b.write(s[start:])
}

// breakLines writes the pending <br> elements: one breaks the line, two or
// more end the paragraph.
func (b *textBuilder) breakLines() {
	switch {
	case b.brs == 0:
		return
	case b.brs >= 2:
		b.flush()
	case b.line.Len() > 0:
		b.line.WriteByte('\n')
		b.space = false
	}
	b.brs = 0
}

// write adds s to the paragraph, after a space if white space is pending.
func (b *textBuilder) write(s string) {
	if s == "" {
		return
	}
	b.breakLines()
	if b.space && b.line.Len() > 0 {
		b.line.WriteByte(' ')
	}
	b.space = false
	b.line.WriteString(s)
}

// flush ends the paragraph being built.
func (b *textBuilder) flush() {
	var t string
	if b.pre > 0 {
		t = cleanPre(b.line.String())
	} else {
		t = cleanLines(b.line.String())
	}
	if t != "" {
		b.paras = append(b.paras, paragraph{text: t, role: b.role, owner: b.owner, key: b.key})
	}
	b.line.Reset()
	b.space = false
	b.brs = 0
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

// isHTMLSpace reports whether c is ASCII white space as HTML defines it.
func isHTMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// collapse trims s and collapses its HTML white space to single spaces.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r < utf8.RuneSelf && isHTMLSpace(byte(r)) }), " ")
}

// cleanText makes one line of s: HTML white space collapsed, invisible
// characters (soft hyphens, control characters) removed and white space
// (no-break spaces too) trimmed from its ends.
func cleanText(s string) string {
	s = collapse(dropInvisible(s))
	return strings.TrimFunc(s, unicode.IsSpace)
}

// cleanLines cleans every line of s as cleanText does, dropping empty lines.
func cleanLines(s string) string {
	if !strings.Contains(s, "\n") {
		return cleanText(s)
	}
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = cleanText(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// cleanPre cleans preformatted text: its lines keep their breaks, each with
// its white space collapsed, and empty lines go (so that it stays one paragraph).
func cleanPre(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	return cleanLines(s)
}

// dropInvisible removes soft hyphens, byte order marks and control characters
// other than white space from s.
func dropInvisible(s string) string {
	clean := true
	for _, r := range s {
		if invisible(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if invisible(r) {
			return -1
		}
		return r
	}, s)
}

// invisible reports whether r is a character a reader does not see and that
// does not separate words: a soft hyphen, a byte order mark or a control character.
func invisible(r rune) bool {
	switch {
	case r == '\u00AD' || r == '\uFEFF':
		return true
	case r < 0x20:
		return r != '\n' && r != '\t' && r != '\f' && r != '\r'
	case r >= 0x7F && r < 0xA0:
		return true
	}
	return false
}
