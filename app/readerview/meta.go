package readerview

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/newsroom/annotator/app/annotation"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// titleSeparators are what sites put between an article's headline and their
// name in a page title.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " // ", " -- ", " ~ "}

// pickTitle returns the article's own headline from t, the title readability
// found, without the site's name where the page title adds it ("… - The New
// York Times"): the part before a separator is kept when it is the page's
// headline (its <h1> or itemprop=headline) or the part after it names the
// site (or the author, which some sites put there).
func pickTitle(t string, pg *page, site, byline string) string {
	if t == "" {
		t = cleanText(pg.titleTag)
	}
	if t == "" && len(pg.h1s) > 0 {
		t = cleanText(pg.h1s[0])
	}
	if t == "" {
		return ""
	}
	heads := append(append([]string{}, pg.h1s...), pg.headlines...)
	// Readability cuts titles at the first dash it finds ("Self-Driving Cars
	// - …" becomes "Driving Cars - …"): a heading of the page that holds the
	// cut title and is in the <title> is the whole headline.
	for _, h := range heads {
		if len(h) > len(t) && strings.Contains(h, t) && strings.Contains(pg.titleTag, h) {
			t = h
			break
		}
	}
	isHead := func(s string) bool {
		return slices.ContainsFunc(heads, func(h string) bool { return sameText(h, s) })
	}
	if isHead(t) {
		return t
	}
	names := []string{site, pg.siteName, byline}
	isSite := func(s string) bool {
		w := strings.Join(words(s), " ")
		if w == "" {
			return false
		}
		for _, n := range names {
			if n := strings.Join(words(n), " "); n != "" && (n == w || strings.Contains(n, w) || strings.Contains(w, n)) {
				return true
			}
		}
		return false
	}
	// The last separator first: "Headline - Section - Site".
	cuts := separatorCuts(t)
	for i := len(cuts) - 1; i >= 0; i-- {
		head, tail := strings.TrimSpace(t[:cuts[i].start]), strings.TrimSpace(t[cuts[i].end:])
		if head == "" {
			continue
		}
		if isHead(head) || isSite(tail) {
			return head
		}
	}
	return t
}

type cut struct{ start, end int }

// separatorCuts returns where the title separators are in t, in order.
func separatorCuts(t string) []cut {
	var cuts []cut
	for _, sep := range titleSeparators {
		for i := 0; ; {
			j := strings.Index(t[i:], sep)
			if j < 0 {
				break
			}
			cuts = append(cuts, cut{i + j, i + j + len(sep)})
			i += j + len(sep)
		}
	}
	slices.SortFunc(cuts, func(a, b cut) int { return a.start - b.start })
	return cuts
}

// words returns the words of s: its runs of letters and digits, lower case.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// pickLanguage returns the page's language as a BCP 47 tag, from <html lang>
// or else a <meta>, or "".
func pickLanguage(pg *page) string {
	if l := normalizeLang(pg.htmlLang); l != "" {
		return l
	}
	return normalizeLang(pg.metaLang)
}

// normalizeLang returns the language tag s (such as "en_us" or "EN-gb") in
// BCP 47's usual case ("en-US", "en-GB"), or "" when s is not one.
func normalizeLang(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ", ;"); i >= 0 {
		s = s[:i] // Content-Language may list several
	}
	s = strings.ReplaceAll(s, "_", "-")
	if s == "" {
		return ""
	}
	parts := strings.Split(s, "-")
	singleton := false
	for i, p := range parts {
		if len(p) < 1 || len(p) > 8 {
			return ""
		}
		for _, c := range p {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				return ""
			}
		}
		lower := strings.ToLower(p)
		switch {
		case i == 0:
			if len(p) < 2 || !isAlpha(p) {
				return ""
			}
			parts[i] = lower
		case singleton:
			parts[i] = lower
		case len(p) == 1:
			singleton = true
			parts[i] = lower
		case len(p) == 4 && isAlpha(p) && i == 1:
			parts[i] = strings.ToUpper(lower[:1]) + lower[1:] // script
		case len(p) == 2 && isAlpha(p) || len(p) == 3 && !isAlpha(p) && isDigits(p):
			parts[i] = strings.ToUpper(p) // region
		default:
			parts[i] = lower
		}
	}
	return strings.Join(parts, "-")
}

func isAlpha(s string) bool {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// rxNotArticle matches the class or id of page parts around an article that
// are not part of it: related links, promotions, sidebars.
var rxNotArticle = regexp.MustCompile(`(?i)related|promo|sidebar|recommend|outbrain|taboola|more-stories|newsletter|trending|popular|carousel|gallery-thumb|teaser|footer|comment|widget`)

// recoverCaptions adds to the paragraphs of the article the captions of the
// figures of the article that readability dropped, each where its figure is
// in the page.
func recoverCaptions(pg *page, paras []paragraph, title string) []paragraph {
	var lca *html.Node
	first, last := -1, -1
	for _, p := range paras {
		if p.key < 0 || p.key >= len(pg.nodes) || p.role == annotation.Caption {
			continue
		}
		lca = commonAncestor(lca, pg.nodes[p.key])
		if first < 0 || p.key < first {
			first = p.key
		}
		last = max(last, p.key)
	}
	if lca == nil {
		return paras
	}
	// The article is the <article> (or <main>) around the readable text, so
	// that a lead photo above the text is part of it; else the element that
	// holds all the text.
	scope := lca
	for a := lca; a != nil; a = a.Parent {
		if a.Type == html.ElementNode && (a.DataAtom == atom.Article || a.DataAtom == atom.Main ||
			strings.Contains(attr(a, "itemtype"), "Article")) {
			scope = a
			break
		}
	}
	wholePage := isPage(scope)
	var headline *html.Node // the page's <h1> with the headline
	for i, h := range pg.h1s {
		if sameText(h, title) {
			headline = pg.h1Nodes[i]
			break
		}
	}
	var emitted []string
	for _, p := range paras {
		if p.role == annotation.Caption {
			emitted = append(emitted, strings.Join(words(p.text), " "))
		}
	}
	for _, c := range pg.captions {
		if c.used {
			continue
		}
		fig := c.figure
		if fig == nil {
			fig = c.node
		}
		in := contains(scope, fig) && !(wholePage && (c.figureKey < first || c.figureKey > last))
		within := scope
		if !in && headline != nil {
			// A lead photo in a header beside the headline, apart from the text.
			if h := commonAncestor(headline, fig); !isPage(h) && !contains(h, lca) {
				in, within = true, h
			}
		}
		if !in || c.links > 0.5 || !readable(c.node, within) {
			continue
		}
		w := strings.Join(words(c.text), " ")
		if w == "" || slices.ContainsFunc(emitted, func(e string) bool { return strings.Contains(e, w) || strings.Contains(w, e) }) {
			continue
		}
		emitted = append(emitted, w)
		c.used, c.recovered = true, true
		at := len(paras)
		for i, p := range paras {
			if p.key > c.figureKey {
				at = i
				break
			}
		}
		paras = slices.Insert(paras, at, paragraph{text: c.text, role: annotation.Caption, owner: c, key: c.figureKey})
	}
	return paras
}

// readable reports whether n, inside scope, is neither hidden nor in a part of
// the page that is not the article (an aside, a list of related links).
func readable(n, scope *html.Node) bool {
	for a := n; a != nil && a != scope; a = a.Parent {
		if a.Type != html.ElementNode {
			continue
		}
		if hidden(a) {
			return false
		}
		switch a.DataAtom {
		case atom.Aside, atom.Nav, atom.Footer, atom.Form, atom.Template, atom.Noscript:
			return false
		}
		if rxNotArticle.MatchString(attr(a, "class") + " " + attr(a, "id")) {
			return false
		}
	}
	return true
}

// isPage reports whether n is the whole page: the document, <html> or <body>.
func isPage(n *html.Node) bool {
	return n == nil || n.Type != html.ElementNode || n.DataAtom == atom.Body || n.DataAtom == atom.Html
}

// commonAncestor returns the nearest element holding both a and b; a may be nil.
func commonAncestor(a, b *html.Node) *html.Node {
	if a == nil {
		return b
	}
	for x := a; x != nil; x = x.Parent {
		if contains(x, b) {
			return x
		}
	}
	return nil
}
