package readerview

import (
	"fmt"
	nurl "net/url"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/newsroom/annotator/app/annotation"
	"golang.org/x/net/html"
)

// Extract reads the article of an HTML page: data is the page's bytes, contentType its Content-Type
// header ("" when unknown: a file), pageURL the address it was fetched from ("" for a file).
//
// The document's text starts with the headline (block role annotation.Headline)
// and the byline (annotation.Byline) when the page gives one, then holds the
// article as readability finds it, one paragraph per block of the page; see the
// package documentation. Its Source is pageURL; Byline, Published, Site,
// Language and URL come from the page's metadata where it gives them.
//
// Extract fails with an error wrapping ErrNotHTML, ErrUndecodable or
// ErrNoArticle, saying what is wrong in words for an editor.
func Extract(data []byte, contentType, pageURL string) (annotation.Document, error) {
	doc, _, err := extract(data, contentType, pageURL)
	return doc, err
}

// extract is Extract, also returning the captions it recovered from the page
// where readability had dropped them (for the tests).
func extract(data []byte, contentType, pageURL string) (annotation.Document, []string, error) {
	s, err := decode(data, contentType)
	if err != nil {
		return annotation.Document{}, nil, err
	}
	root, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return annotation.Document{}, nil, fmt.Errorf("%w: the HTML cannot be read: %v", ErrNotHTML, err)
	}
	base := absoluteURL(pageURL)
	pg := readPage(root)
	art, err := parse(root, base)
	if err != nil {
		return annotation.Document{}, nil, err
	}
	if art.Node == nil {
		return annotation.Document{}, nil, fmt.Errorf("%w: the page holds no paragraphs of text that read as an article (is it a front page, a gallery, or a page that needs a login or cookie consent before it shows the story?)", ErrNoArticle)
	}
	b := &textBuilder{page: pg}
	b.build(art.Node)
	byline := cleanText(art.Byline())
	title := pickTitle(cleanText(art.Title()), pg, cleanText(art.SiteName()), byline)
	byline = cleanByline(byline, title)
	body := recoverCaptions(pg, b.paras, title)
	body = dropDuplicates(body, title, byline)
	if !hasBodyText(body) {
		return annotation.Document{}, nil, fmt.Errorf("%w: the page holds no paragraphs of text that read as an article (is it a front page, a gallery, or a page that needs a login or cookie consent before it shows the story?)", ErrNoArticle)
	}

	var paras []paragraph
	if title != "" {
		paras = append(paras, paragraph{text: title, role: annotation.Headline, owner: "headline", key: -1})
	}
	if byline != "" {
		paras = append(paras, paragraph{text: byline, role: annotation.Byline, owner: "byline", key: -1})
	}
	paras = append(paras, body...)
	text, blocks := assemble(paras)

	docTitle := title
	if docTitle == "" {
		docTitle = fallbackTitle(pg, body, base)
	}
	doc := annotation.NewDocument(docTitle, text, pageURL)
	doc.Byline = byline
	doc.Published = published(art, pg)
	doc.Site = cleanText(art.SiteName())
	if doc.Site == "" {
		doc.Site = cleanText(pg.siteName)
	}
	doc.Language = pickLanguage(pg)
	doc.URL = canonicalURL(pg, base)
	doc.Blocks = blocks
	var recovered []string
	for _, p := range body {
		if c, ok := p.owner.(*caption); ok && c.recovered {
			recovered = append(recovered, c.text)
		}
	}
	return doc, recovered, nil
}

// parse runs readability on the document at root, which it changes.
func parse(root *html.Node, base *nurl.URL) (art readability.Article, err error) {
	defer func() {
		// Readability is a large port of JavaScript: a page it trips on must
		// give the editor an error, not bring the program down.
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: reading the page failed (%v)", ErrNoArticle, r)
		}
	}()
	p := readability.NewParser()
	art, err = p.ParseAndMutate(root, base)
	if err != nil {
		return art, fmt.Errorf("%w: %v", ErrNoArticle, err)
	}
	return art, nil
}

// hasBodyText reports whether paras hold a paragraph of body text or one that
// is neither a caption nor a heading.
func hasBodyText(paras []paragraph) bool {
	for _, p := range paras {
		if p.role != annotation.Caption && p.role != annotation.Heading {
			return true
		}
	}
	return false
}

// assemble joins the paragraphs into the text and gives the blocks of those
// with a role: consecutive paragraphs with the same role and owner make one.
func assemble(paras []paragraph) (string, []annotation.Block) {
	var b strings.Builder
	var blocks []annotation.Block
	pos := 0 // in code points
	var last any
	for i, p := range paras {
		if i > 0 {
			b.WriteString("\n\n")
			pos += 2
		}
		start := pos
		b.WriteString(p.text)
		pos += utf8.RuneCountInString(p.text)
		if p.role == "" {
			last = nil
			continue
		}
		if n := len(blocks); n > 0 && last != nil && last == p.owner && blocks[n-1].Role == p.role && blocks[n-1].End == start-2 {
			blocks[n-1].End = pos
			continue
		}
		blocks = append(blocks, annotation.Block{Start: start, End: pos, Role: p.role})
		last = p.owner
	}
	return b.String(), blocks
}

// dropDuplicates removes from the first paragraphs of the body the headline
// and byline ("Jane Smith" or "By Jane Smith"), which the text already starts with.
func dropDuplicates(body []paragraph, title, byline string) []paragraph {
	out := body[:0:0]
	for i, p := range body {
		isByline := byline != "" && (sameText(p.text, byline) || sameText(p.text, "By "+byline))
		if i < 6 && (sameText(p.text, title) || isByline) && p.role != annotation.Caption {
			continue
		}
		out = append(out, p)
	}
	return out
}

// sameText reports whether a and b are the same words, ignoring case and
// punctuation.
func sameText(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	return strings.Join(words(a), " ") == strings.Join(words(b), " ")
}

// cleanByline returns the byline readability found, on one line, or "" when
// it is not one (a web address, the headline, or too long to be a byline).
func cleanByline(s, title string) string {
	s = cleanText(s)
	switch {
	case s == "", utf8.RuneCountInString(s) > 200, sameText(s, title):
		return ""
	case strings.HasPrefix(s, "http://"), strings.HasPrefix(s, "https://"):
		return ""
	}
	return s
}

// fallbackTitle is the document's title for a page without a headline: its
// first heading, its <title>, or its address.
func fallbackTitle(pg *page, body []paragraph, base *nurl.URL) string {
	for _, p := range body {
		if p.role == annotation.Heading {
			return p.text
		}
	}
	if pg.titleTag != "" {
		return cleanText(pg.titleTag)
	}
	if base != nil {
		return base.String()
	}
	return "Untitled article"
}

// published returns when the article was published, or the zero time.
func published(art readability.Article, pg *page) time.Time {
	if t, err := art.PublishedTime(); err == nil && !t.IsZero() {
		if t.Location() == time.Local {
			// A date without a zone: read it as UTC, the same on every machine.
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
		}
		return t
	}
	for _, s := range pg.published {
		if t, ok := parseTime(s); ok {
			return t
		}
	}
	return time.Time{}
}

// timeLayouts are the forms of dates pages give in their metadata.
var timeLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05.000Z0700", "2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02",
	time.RFC1123Z, time.RFC1123, "20060102",
}

// parseTime parses a date in one of timeLayouts.
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// absoluteURL parses s when it is an absolute http or https address.
func absoluteURL(s string) *nurl.URL {
	u, err := nurl.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	return u
}

// canonicalURL returns the page's canonical address: its <link
// rel=canonical>, else og:url, else the address it was fetched from, each
// resolved against that address and only when an absolute http or https one.
func canonicalURL(pg *page, base *nurl.URL) string {
	for _, c := range append(append([]string{}, pg.canonical...), pg.ogURL) {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		u, err := nurl.Parse(c)
		if err != nil {
			continue
		}
		if base != nil {
			u = base.ResolveReference(u)
		}
		if (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return u.String()
		}
	}
	if base != nil {
		return base.String()
	}
	return ""
}
