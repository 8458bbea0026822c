package readerview

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/annotator/app/annotation"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// caption is a figure's caption as the page gives it, before readability
// strips the class names that tell its credit apart.
type caption struct {
	node   *html.Node // the figcaption
	figure *html.Node // the <figure> holding it, or nil
	// key is the number of the figcaption; figureKey that of its figure, or key.
	key, figureKey int
	// text is the caption paragraph: the caption, then its credit on a line of
	// its own, either alone when the page gives only one.
	text string
	// links is the share of the caption's characters inside links.
	links float64
	// used is set once the caption is in the text.
	used bool
	// recovered is set when readability dropped the caption and it was
	// recovered from the page.
	recovered bool
}

// rxCreditClass matches the class, id or itemprop of an element holding a
// photo's credit.
var rxCreditClass = regexp.MustCompile(`(?i)credit|copyright|attribution|creator|photographer|byline|author|courtesy|source|provider|rights`)

// wordInline are elements inside a word's run of text: their edges are not word
// boundaries. The edges of other elements in a caption are ("<span>Credit</span>
// <span>Jane Doe</span>" is "Credit Jane Doe", not "CreditJane Doe").
var wordInline = map[atom.Atom]bool{
	atom.A: true, atom.Em: true, atom.I: true, atom.B: true, atom.Strong: true, atom.U: true, atom.S: true,
	atom.Sup: true, atom.Sub: true, atom.Abbr: true, atom.Mark: true, atom.Q: true, atom.Font: true,
	atom.Wbr: true, atom.Bdi: true, atom.Bdo: true, atom.Ins: true, atom.Del: true, atom.Dfn: true, atom.Var: true,
}

// readCaption reads the caption of the figcaption fc, or returns nil when it
// holds no text.
func readCaption(fc *html.Node) *caption {
	c := &caption{node: fc, figure: figureOf(fc)}
	var capt, credit strings.Builder
	inCredit := false
	linkChars, allChars := 0, 0
	var walk func(n *html.Node, inLink bool)
	walk = func(n *html.Node, inLink bool) {
		switch n.Type {
		case html.TextNode:
			if inCredit {
				credit.WriteString(n.Data)
			} else {
				capt.WriteString(n.Data)
			}
			k := utf8.RuneCountInString(strings.TrimSpace(n.Data))
			allChars += k
			if inLink {
				linkChars += k
			}
			return
		case html.ElementNode:
			if skipElement(n) || hidden(n) && n != fc {
				return
			}
			if n != fc && isCreditElement(n) && !hasCaptionPart(n) {
				inCredit = true
			}
			if n.DataAtom == atom.A {
				inLink = true
			}
		}
		boundary := n.Type == html.ElementNode && !wordInline[n.DataAtom]
		if boundary {
			capt.WriteByte(' ')
			credit.WriteByte(' ')
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch, inLink)
		}
		if boundary {
			capt.WriteByte(' ')
			credit.WriteByte(' ')
		}
	}
	walk(fc, false)
	// A credit can also sit in the figure beside the caption (The Verge's <cite>).
	if c.figure != nil {
		var outside func(n *html.Node)
		outside = func(n *html.Node) {
			for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
				if ch.Type != html.ElementNode || ch == fc || skipElement(ch) || hidden(ch) {
					continue
				}
				if contains(ch, fc) {
					outside(ch)
					continue
				}
				if isCreditElement(ch) && !hasDescendant(ch, atom.Figcaption) {
					credit.WriteByte(' ')
					credit.WriteString(textContent(ch))
					continue
				}
				outside(ch)
			}
		}
		outside(c.figure)
	}
	text, cred := cleanText(capt.String()), cleanText(credit.String())
	if cred == "" {
		text, cred = splitCredit(text)
	}
	cred = dropRepeatedLabel(cred)
	switch {
	case text != "" && cred != "":
		c.text = text + "\n" + cred
	case text != "":
		c.text = text
	default:
		c.text = cred
	}
	if c.text == "" {
		return nil
	}
	if allChars > 0 {
		c.links = float64(linkChars) / float64(allChars)
	}
	return c
}

// figureOf returns the <figure> element holding the figcaption fc, or nil.
func figureOf(fc *html.Node) *html.Node {
	for n, depth := fc.Parent, 0; n != nil && depth < 4; n, depth = n.Parent, depth+1 {
		if n.Type == html.ElementNode && n.DataAtom == atom.Figure {
			return n
		}
	}
	return nil
}

// isCreditElement reports whether the element n holds a photo's credit.
func isCreditElement(n *html.Node) bool {
	if n.DataAtom == atom.Cite {
		return true
	}
	for _, a := range n.Attr {
		if a.Namespace == "" && (a.Key == "class" || a.Key == "id" || a.Key == "itemprop") && rxCreditClass.MatchString(a.Val) {
			return true
		}
	}
	return false
}

// rxCaptionPart matches the class or itemprop of the part of a figure's
// caption that is not its credit.
var rxCaptionPart = regexp.MustCompile(`(?i)caption|desc|summary`)

// hasCaptionPart reports whether n holds an element that is the caption's
// text: n is then a wrapper of the whole caption, even when its class names a
// credit.
func hasCaptionPart(n *html.Node) bool {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != html.ElementNode {
			continue
		}
		if rxCaptionPart.MatchString(attr(ch, "class")+" "+attr(ch, "itemprop")) || hasCaptionPart(ch) {
			return true
		}
	}
	return false
}

// contains reports whether d is n or one of its descendants.
func contains(n, d *html.Node) bool {
	for ; d != nil; d = d.Parent {
		if d == n {
			return true
		}
	}
	return false
}

// hasDescendant reports whether n holds an element a.
func hasDescendant(n *html.Node, a atom.Atom) bool {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && (ch.DataAtom == a || hasDescendant(ch, a)) {
			return true
		}
	}
	return false
}

// sentenceEnds are the characters after which a credit label may start a
// credit inside a caption's text.
const sentenceEnds = ".!?)]”’\"'…"

// splitCredit splits a caption's text, given as one run, into the caption and
// the credit at its end: one introduced by a label after a sentence ("…
// strandings. Photograph: Jane Doe/Agency"), or a parenthesised credit ("…
// boat. (Jane Doe / The Seattle Times)"). It returns s and "" when it finds none.
func splitCredit(s string) (text, credit string) {
	for i := 1; i < len(s); i++ {
		if s[i] != ' ' {
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		if !strings.ContainsRune(sentenceEnds, prev) {
			continue
		}
		rest := s[i+1:]
		if after, found := annotation.CutCreditLabel(rest); found && after != "" && startsName(after) {
			return strings.TrimSpace(s[:i]), rest
		}
	}
	if strings.HasSuffix(s, ")") {
		if open := strings.LastIndex(s, " ("); open > 0 {
			inner := s[open+2 : len(s)-1]
			if !strings.ContainsAny(inner, "()") && utf8.RuneCountInString(inner) <= 80 && looksLikeCredit(inner) {
				return strings.TrimSpace(s[:open]), s[open+1:]
			}
		}
	}
	return s, ""
}

// startsName reports whether s starts as a name does: with an upper-case
// letter or a digit.
func startsName(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// agencies are names that make a parenthesised note a credit, lower case.
var agencies = []string{"ap", "afp", "epa", "reuters", "getty", "associated press", "shutterstock", "alamy", "bloomberg", "pool", "courtesy", "photo", "file", "handout", "upi", "xinhua", "dpa", "anadolu", "efe"}

// looksLikeCredit reports whether the note in brackets at the end of a caption
// is its credit: a "Name / Outlet" pair, a labelled credit or an agency.
func looksLikeCredit(inner string) bool {
	if strings.Contains(inner, "/") || strings.Contains(inner, " for ") {
		return startsName(inner)
	}
	if _, found := annotation.CutCreditLabel(inner); found {
		return true
	}
	lower := strings.ToLower(inner)
	for _, a := range agencies {
		if lower == a || strings.HasPrefix(lower, a+" ") || strings.HasSuffix(lower, " "+a) {
			return true
		}
	}
	return false
}

// dropRepeatedLabel removes the first word of a credit that says it twice
// ("Credit Credit Jane Doe", where the page has one label for screen readers
// and one on screen).
func dropRepeatedLabel(s string) string {
	first, rest, ok := strings.Cut(s, " ")
	if !ok {
		return s
	}
	second, _, _ := strings.Cut(rest, " ")
	if strings.EqualFold(strings.TrimSuffix(first, ":"), strings.TrimSuffix(second, ":")) && strings.IndexFunc(first, unicode.IsLetter) == 0 {
		return rest
	}
	return s
}
