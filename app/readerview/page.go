package readerview

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// markAttr is the attribute that numbers the elements of the page before
// readability reads it, so that the elements it keeps (which it copies) can be
// found in the page again.
const markAttr = "data-readerview-n"

// page is what is read from the page before readability changes it.
type page struct {
	// nodes are the page's elements in document order; an element's number
	// (its markAttr) is its index.
	nodes []*html.Node
	// captions are the page's figure captions, in document order.
	captions []*caption
	// byKey finds a caption by the number of its figcaption or figure element.
	byKey map[int]*caption

	htmlLang  string       // the lang attribute of <html>
	metaLang  string       // the language a <meta> gives
	canonical []string     // the hrefs of <link rel=canonical>
	ogURL     string       // og:url
	siteName  string       // og:site_name or application-name
	titleTag  string       // the text of <title>
	h1s       []string     // the text of every <h1>
	h1Nodes   []*html.Node // every <h1>
	headlines []string     // the texts marked itemprop=headline
	published []string     // dates the page gives outside readability's sources
}

// readPage numbers the elements of the document at root and reads its
// metadata and figure captions.
func readPage(root *html.Node) *page {
	p := &page{byKey: map[int]*caption{}}
	var figcaptions []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			n.Attr = append(n.Attr, html.Attribute{Key: markAttr, Val: strconv.Itoa(len(p.nodes))})
			p.nodes = append(p.nodes, n)
			switch n.DataAtom {
			case atom.Html:
				if p.htmlLang == "" {
					p.htmlLang = strings.TrimSpace(attr(n, "lang"))
				}
			case atom.Meta:
				p.readMeta(n)
			case atom.Link:
				if hasToken(attr(n, "rel"), "canonical") {
					if h := strings.TrimSpace(attr(n, "href")); h != "" {
						p.canonical = append(p.canonical, h)
					}
				}
			case atom.Title:
				if p.titleTag == "" && n.Namespace == "" {
					p.titleTag = collapse(textContent(n))
				}
				return
			case atom.H1:
				if t := collapse(textContent(n)); t != "" {
					p.h1s = append(p.h1s, t)
					p.h1Nodes = append(p.h1Nodes, n)
				}
			case atom.Time:
				if hasToken(attr(n, "itemprop"), "datePublished") || hasAttr(n, "pubdate") {
					if d := strings.TrimSpace(attr(n, "datetime")); d != "" {
						p.published = append(p.published, d)
					}
				}
			case atom.Figcaption:
				figcaptions = append(figcaptions, n)
			case atom.Script, atom.Style, atom.Template, atom.Noscript:
				return
			}
			if hasToken(attr(n, "itemprop"), "headline") && n.DataAtom != atom.Meta {
				if t := collapse(textContent(n)); t != "" {
					p.headlines = append(p.headlines, t)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	for _, fc := range figcaptions {
		c := readCaption(fc)
		if c == nil {
			continue
		}
		c.key = mark(fc)
		p.captions = append(p.captions, c)
		p.byKey[c.key] = c
		if c.figure != nil {
			c.figureKey = mark(c.figure)
			if _, taken := p.byKey[c.figureKey]; !taken {
				p.byKey[c.figureKey] = c
			}
		} else {
			c.figureKey = c.key
		}
	}
	return p
}

// readMeta reads a <meta> element.
func (p *page) readMeta(n *html.Node) {
	content := strings.TrimSpace(attr(n, "content"))
	if content == "" {
		return
	}
	name := strings.ToLower(strings.TrimSpace(attr(n, "name")))
	prop := strings.ToLower(strings.TrimSpace(attr(n, "property")))
	equiv := strings.ToLower(strings.TrimSpace(attr(n, "http-equiv")))
	item := strings.TrimSpace(attr(n, "itemprop"))
	switch {
	case equiv == "content-language", name == "language", name == "dc.language", name == "dcterms.language", prop == "dc:language":
		if p.metaLang == "" {
			p.metaLang = content
		}
	case prop == "og:locale" || name == "og:locale":
		if p.metaLang == "" {
			p.metaLang = content
		}
	case prop == "og:url" || name == "og:url":
		if p.ogURL == "" {
			p.ogURL = content
		}
	case prop == "og:site_name" || name == "og:site_name":
		p.siteName = content
	case name == "application-name":
		if p.siteName == "" {
			p.siteName = content
		}
	case item == "headline":
		p.headlines = append(p.headlines, collapse(content))
	case item == "datePublished", name == "date", name == "pubdate", name == "publishdate", name == "publish-date",
		name == "sailthru.date", name == "dc.date.issued", name == "dcterms.issued", name == "article.published",
		name == "datepublished", prop == "og:published_time":
		p.published = append(p.published, content)
	}
}

// mark returns the number readPage gave n, or -1.
func mark(n *html.Node) int {
	for i := len(n.Attr) - 1; i >= 0; i-- {
		if n.Attr[i].Key == markAttr {
			if k, err := strconv.Atoi(n.Attr[i].Val); err == nil {
				return k
			}
			return -1
		}
	}
	return -1
}

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasAttr reports whether n has the attribute key.
func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return true
		}
	}
	return false
}

// hasToken reports whether the space-separated list s holds tok, ignoring case.
func hasToken(s, tok string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// textContent returns the text of n and its descendants, without scripts and styles.
func textContent(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Template, atom.Noscript:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// hidden reports whether n is hidden from readers, as readability judges it.
func hidden(n *html.Node) bool {
	if hasAttr(n, "hidden") {
		return true
	}
	if attr(n, "aria-hidden") == "true" && !strings.Contains(attr(n, "class"), "fallback-image") {
		return true
	}
	style := strings.ToLower(attr(n, "style"))
	if style == "" {
		return false
	}
	style = strings.Join(strings.Fields(style), "")
	return strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden")
}
