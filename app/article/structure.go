package article

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/annotator/app/annotation"
)

// Paragraph is a paragraph of a text: the code points [Start, End) between
// blank lines, without the line breaks around it.
type Paragraph struct{ Start, End int }

// Paragraphs returns the text's paragraphs: blocks separated by one or more
// blank lines ("\n\n"); a single line break stays inside a paragraph (a caption
// and its credit). A block of white space only is no paragraph. Offsets are
// Unicode code points, an invalid byte counting as one.
func Paragraphs(text string) []Paragraph {
	var ps []Paragraph
	eachParagraph(text, func(p Paragraph, _ string) { ps = append(ps, p) })
	return ps
}

// eachParagraph calls fn with each paragraph of text and the paragraph's text.
func eachParagraph(text string, fn func(p Paragraph, s string)) {
	pos := 0 // code points
	for s := text; len(s) > 0; {
		block, rest, found := strings.Cut(s, "\n\n")
		trimmed := strings.Trim(block, "\n")
		if strings.TrimSpace(trimmed) != "" {
			lead := len(block) - len(strings.TrimLeft(block, "\n")) // line breaks, one code point each
			fn(Paragraph{Start: pos + lead, End: pos + lead + utf8.RuneCountInString(trimmed)}, trimmed)
		}
		pos += utf8.RuneCountInString(block)
		if found {
			pos += 2
		}
		s = rest
	}
}

// Structure returns the roles of the parts of a plain text that are not body
// paragraphs, one block per paragraph, in text order, with code-point offsets
// (see [Paragraphs]):
//
//   - Chrome: page furniture in runs at the start of the text (menus, "Skip to
//     content", "Advertisement", share bars) and at its end ("Related News",
//     "Topics" with the list under it, "Sign up for our weekly newsletter",
//     "© 2016 …"); in the middle only what is furniture on its own
//     ("Advertisement", "Continue reading the main story", a share bar,
//     "Related: …");
//   - Kicker: a section label of one to three words just above the headline;
//   - Headline: the first paragraph after the page chrome, a single short line
//     with no final stop;
//   - Standfirst: the one-line summary under the headline, with no final stop
//     and no dateline;
//   - Byline: "By Jane Smith", "Jane Smith in Paris", "Jane Smith, Political
//     Correspondent" and date lines above the story, and a sign-off after it
//     ("Reporting by …; Editing by …", "Al Jazeera with wire services");
//   - Caption: a paragraph whose last line is a photo credit ("Larry
//     Downing/AFP/Getty Images", "Photograph: …", "(AP Photo/…)", "…Credit …")
//     or made of "Image copyright"/"Image caption" lines;
//   - Heading: a short line with no final stop between two body paragraphs.
//
// Precision comes first: what is not clearly one of these stays body text. It
// runs in time linear in the length of the text. A text with none gets an
// empty list, not nil, so that a document records that its structure is known.
func Structure(text string) []annotation.Block {
	var ps []para
	eachParagraph(text, func(p Paragraph, s string) { ps = append(ps, newPara(p, s)) })
	roles := make([]annotation.Role, len(ps))
	n := len(ps)

	// Page chrome at the start: furniture, and menus of many short lines.
	i := 0
	for i < n {
		if edgeChrome(&ps[i], false) {
			roles[i] = annotation.Chrome
			i++
			continue
		}
		j, lines, chrome := i, 0, 0
		for j < n {
			l, c, ok := menu(&ps[j])
			if !ok {
				break
			}
			lines, chrome = lines+l, chrome+c
			j++
		}
		if lines < 6 && (lines < 3 || chrome == 0) {
			break
		}
		for k := i; k < j; k++ {
			roles[k] = annotation.Chrome
		}
		// A one-line paragraph closing the menu is the kicker when the headline
		// follows it, and a short headline when the story does.
		if last := &ps[j-1]; j-1 > i && last.single && j < n && (j+1 < n && headline(&ps[j]) ||
			headline(last) && (storyParagraph(&ps[j]) || standfirstLine(&ps[j]) || bylines(&ps[j]) || caption(&ps[j]))) {
			roles[j-1] = ""
			j--
		}
		i = j
	}

	// Kicker and headline, then the standfirst, bylines, captions and furniture above the story.
	hasHeadline := false
	if i+2 < n && kicker(&ps[i]) && headline(&ps[i+1]) {
		roles[i], roles[i+1] = annotation.Kicker, annotation.Headline
		i += 2
		hasHeadline = true
	} else if i+1 < n && headline(&ps[i]) {
		roles[i] = annotation.Headline
		i++
		hasHeadline = true
	}
	standfirst, byline := false, false
top:
	for head := 0; i < n && head < 12; i, head = i+1, head+1 {
		p := &ps[i]
		switch {
		case caption(p):
			roles[i] = annotation.Caption
		case !hasHeadline && !byline && i+1 < n && headline(p):
			roles[i] = annotation.Headline // under a photo at the top of the page
			hasHeadline = true
		case bylines(p):
			roles[i] = annotation.Byline
			byline = true
		case edgeChrome(p, false) || inlineChrome(p):
			roles[i] = annotation.Chrome
		case hasHeadline && !standfirst && i+1 < n && standfirstLine(p):
			roles[i] = annotation.Standfirst
			standfirst = true
		default:
			break top
		}
	}
	first := i // the first body paragraph

	// Page chrome at the end: furniture, and the short lines of lists after it.
	end := n
	for k := n - 1; k >= first; k-- {
		p := &ps[k]
		if signoff(p) || caption(p) {
			break
		}
		if edgeChrome(p, true) {
			end = k
		} else if !listLines(p) {
			break
		}
	}
	for k := end; k < n; k++ {
		roles[k] = annotation.Chrome
	}
	// The sign-off just after the story says who wrote it.
	for k := end - 1; k >= first && signoff(&ps[k]); k-- {
		roles[k] = annotation.Byline
		end = k
	}

	// Inside the story: captions, furniture standing alone, then headings.
	for k := first; k < end; k++ {
		p := &ps[k]
		switch {
		case caption(p):
			roles[k] = annotation.Caption
		case inlineChrome(p):
			roles[k] = annotation.Chrome
		case shareButtons(p) && (k > first && roles[k-1] == annotation.Chrome ||
			k+2 < end && shareButtons(&ps[k+1]) && shareButtons(&ps[k+2])):
			roles[k] = annotation.Chrome // "Facebook", "Twitter", "Email" as paragraphs of their own
		}
	}
	for k := first + 1; k+1 < end; k++ {
		if roles[k] == "" && heading(&ps[k]) && roles[k+1] == "" && storyParagraph(&ps[k+1]) &&
			(roles[k-1] == "" && endsSentence(ps[k-1].last) || roles[k-1] == annotation.Chrome || roles[k-1] == annotation.Caption) {
			roles[k] = annotation.Heading
		}
	}

	blocks := []annotation.Block{} // known, even when there are none
	for k, r := range roles {
		if r != "" {
			blocks = append(blocks, annotation.Block{Start: ps[k].Start, End: ps[k].End, Role: r})
		}
	}
	return blocks
}

// para is a paragraph with its text and its first and last lines.
type para struct {
	Paragraph
	s           string // the paragraph's text
	first, last string // its first and last lines that are not blank, white space trimmed
	single      bool   // it has one line that is not blank
}

func newPara(p Paragraph, s string) para {
	first, rest, _ := strings.Cut(strings.TrimLeftFunc(s, unicode.IsSpace), "\n")
	t := strings.TrimRightFunc(s, unicode.IsSpace)
	last := t[strings.LastIndexByte(t, '\n')+1:]
	return para{Paragraph: p, s: s, first: strings.TrimSpace(first), last: strings.TrimSpace(last),
		single: strings.TrimSpace(rest) == ""}
}

// eachLine calls fn with each line of s that is not blank, white space
// trimmed, until fn returns false; it reports whether fn never did.
func eachLine(s string, fn func(line string) bool) bool {
	for s != "" {
		line, rest, _ := strings.Cut(s, "\n")
		if line = strings.TrimSpace(line); line != "" && !fn(line) {
			return false
		}
		s = rest
	}
	return true
}

// words counts the words of s (runs of characters between white space), up
// to max+1: enough to tell whether there are more than max.
func words(s string, max int) int {
	n, in := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			if n++; n > max {
				break
			}
		}
	}
	return n
}

// closers are the characters that may follow a sentence's final stop: the
// closing quotation marks of English, German ("„…“"), French and Japanese, and
// brackets.
const closers = `"'”’“‘»«›‹」』)]`

// lastMark returns the last character of s before any closing quotes or
// brackets, or 0.
func lastMark(s string) rune {
	s = strings.TrimRight(s, closers)
	r, _ := utf8.DecodeLastRuneInString(s)
	if s == "" {
		return 0
	}
	return r
}

// endsSentence reports whether s ends as a sentence does: a stop, a question
// or exclamation mark, perhaps inside quotes or brackets.
func endsSentence(s string) bool {
	r := lastMark(s)
	return r == '.' || r == '?' || r == '!' || r == '…'
}

// firstRune returns the first character of s, or 0.
func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	if s == "" {
		return 0
	}
	return r
}

// startsUpper reports whether s starts with a capital letter or a digit.
func startsUpper(s string) bool {
	r := firstRune(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// hasLetter reports whether s holds a letter.
func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// hasPrefixFold is strings.HasPrefix ignoring case, for an ASCII prefix.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// cutPrefixFold is strings.CutPrefix ignoring case, for an ASCII prefix.
func cutPrefixFold(s, prefix string) (string, bool) {
	if hasPrefixFold(s, prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// --- Page chrome ---

// What kind of furniture a line is.
const (
	notChrome  = iota
	linkLine   // a bare web address: furniture only beside other furniture
	shareLine  // a single sharing button: "Facebook", "Email"
	edgeLine   // furniture where a page starts or ends: "Related News", "Topics"
	chromeLine // furniture anywhere: "Advertisement", a share bar
)

// furniture are page furniture lines, lower case, stops and arrows trimmed.
var furniture = map[string]int8{
	// Anywhere.
	"advertisement": chromeLine, "advertisements": chromeLine, "skip advertisement": chromeLine,
	"continue reading the main story": chromeLine, "continue reading below": chromeLine,
	"story continues below": chromeLine, "story continues below advertisement": chromeLine,
	"article continues below": chromeLine, "article continues below advertisement": chromeLine,
	"media playback is unsupported on your device": chromeLine, "close share panel": chromeLine,
	"these are external links and will open in a new window": chromeLine, "copy this link": chromeLine,
	"###": chromeLine, "# # #": chromeLine, "-30-": chromeLine, // the end marks of a press release
	// Sharing buttons.
	"facebook": shareLine, "twitter": shareLine, "email": shareLine, "e-mail": shareLine, "whatsapp": shareLine,
	"linkedin": shareLine, "pinterest": shareLine, "messenger": shareLine, "reddit": shareLine, "tweet": shareLine,
	"print": shareLine, "save": shareLine, "flipboard": shareLine,
	// At the start or end of a page.
	"related": edgeLine, "related news": edgeLine, "related topics": edgeLine, "related stories": edgeLine,
	"related articles": edgeLine, "related content": edgeLine, "related links": edgeLine, "related coverage": edgeLine,
	"related internet links": edgeLine, "related video": edgeLine, "related videos": edgeLine,
	"more on this story": edgeLine, "more on this": edgeLine, "more stories": edgeLine, "more news": edgeLine,
	"places": edgeLine, "topics": edgeLine, "tags": edgeLine, "subjects": edgeLine,
	"subscribe": edgeLine, "subscribe now": edgeLine, "sign in": edgeLine, "sign up": edgeLine, "log in": edgeLine,
	"login": edgeLine, "register": edgeLine, "menu": edgeLine, "search": edgeLine,
	"skip to content": edgeLine, "skip to main content": edgeLine, "skip to navigation": edgeLine,
	"read more": edgeLine, "comments": edgeLine, "view comments": edgeLine, "show comments": edgeLine,
	"join the conversation": edgeLine, "most popular": edgeLine, "most read": edgeLine, "most viewed": edgeLine,
	"most shared": edgeLine, "recommended": edgeLine, "recommended for you": edgeLine, "trending": edgeLine,
	"trending now": edgeLine, "top stories": edgeLine, "you may also like": edgeLine, "you might also like": edgeLine,
	"around the web": edgeLine, "sponsored": edgeLine, "sponsored content": edgeLine, "paid content": edgeLine,
	"promoted stories": edgeLine, "copy link": edgeLine, "more": edgeLine, "newsletter": edgeLine,
	"newsletters": edgeLine, "follow us": edgeLine, "live tv": edgeLine, "edition": edgeLine, "back to top": edgeLine,
	"reuse this content": edgeLine, "order reprints": edgeLine, "today's paper": edgeLine, "about us": edgeLine,
	"contact us": edgeLine, "privacy policy": edgeLine, "terms of use": edgeLine, "terms of service": edgeLine,
	"cookie policy": edgeLine, "cookie settings": edgeLine, "site map": edgeLine, "sitemap": edgeLine,
	"all rights reserved": edgeLine, "supported by": edgeLine, "up next": edgeLine, "next story": edgeLine,
	"previous story": edgeLine, "advertise with us": edgeLine,
}

// edgePrefixes begin furniture lines at the start or end of a page (a short
// line with no final stop).
var edgePrefixes = []string{
	"get email updates from ", "get the latest ", "get our ", "sign up for ", "sign up to ", "subscribe to ",
	"subscribe for ", "follow us on ", "follow us at ", "more on ", "more from ", "more about ", "more in ",
	"read more about ", "see also ", "click here", "download the ", "download our ", "listen to this article",
	"share this with ", "share on ", "share via ", "most popular in ", "read next", "you may also like",
}

// edgeContains mark furniture lines at the start or end of a page wherever they are in the line.
var edgeContains = []string{
	"may not be published, broadcast, rewritten or redistributed", "a version of this article appears in print",
	"thomson reuters trust principles", "you can unsubscribe at any time", "by signing up, you agree",
}

// linkPrefixes begin a line that links to another story: furniture anywhere.
var linkPrefixes = []string{"read more:", "related:", "see also:", "more:"}

// shareWords are the words of a share bar; a bar needs one of shareAnchors.
var shareWords = map[string]bool{
	"share": true, "this": true, "with": true, "email": true, "e-mail": true, "facebook": true, "messenger": true,
	"twitter": true, "x": true, "pinterest": true, "whatsapp": true, "linkedin": true, "tweet": true, "more": true,
	"save": true, "print": true, "copy": true, "link": true, "reddit": true, "comments": true, "comment": true,
	"on": true, "flipboard": true, "pocket": true, "gift": true, "article": true, "story": true, "sms": true,
	"telegram": true, "tumblr": true, "threads": true, "bluesky": true, "via": true, "about": true,
	"sharing": true, "options": true, "page": true, "mail": true,
}

var shareAnchors = []string{"share", "tweet", "facebook", "twitter", "whatsapp", "email", "e-mail", "linkedin", "pinterest", "messenger", "reddit", "sharing"}

// normChrome returns a line lower case, without the bullet before it and the
// colon, arrow or ellipsis after it, with straight apostrophes.
func normChrome(line string) string {
	l := strings.ToLower(strings.TrimSpace(line))
	for _, b := range []string{"• ", "· ", "- ", "* ", "› ", "» ", "– ", "— "} {
		l = strings.TrimPrefix(l, b)
	}
	l = strings.ReplaceAll(l, "’", "'")
	return strings.TrimSpace(strings.TrimRight(l, " :›»>|…→"))
}

// chromeKind says what kind of page furniture a line is, if any.
func chromeKind(line string) int {
	if len(line) > 400 {
		return notChrome
	}
	line = strings.TrimSpace(line)
	if !strings.ContainsAny(line, " \t") && (hasPrefixFold(line, "http://") || hasPrefixFold(line, "https://") || hasPrefixFold(line, "www.")) {
		return linkLine
	}
	l := normChrome(line)
	if l == "" {
		return notChrome
	}
	if k, ok := furniture[l]; ok {
		return int(k)
	}
	if shareBar(l) {
		return chromeLine
	}
	n := words(l, 60)
	for _, p := range linkPrefixes {
		if strings.HasPrefix(l, p) && len(l) > len(p) && n <= 20 {
			return chromeLine
		}
	}
	if n <= 14 && !strings.HasSuffix(l, ".") {
		for _, p := range edgePrefixes {
			if strings.HasPrefix(l, p) {
				return edgeLine
			}
		}
		if strings.HasPrefix(l, "find ") && strings.HasSuffix(l, " on your tv") ||
			strings.HasPrefix(l, "follow ") && (strings.Contains(l, "twitter") || strings.Contains(l, "facebook") || strings.Contains(l, "instagram") || strings.Contains(l, "@")) {
			return edgeLine
		}
		if num, ok := strings.CutSuffix(l, " min read"); ok && num != "" && strings.Trim(num, "0123456789") == "" {
			return edgeLine // "4 Min Read"
		}
	}
	if n <= 60 {
		if strings.HasPrefix(l, "©") || strings.HasPrefix(l, "(c) ") || strings.HasPrefix(l, "copyright ©") || strings.HasPrefix(l, "copyright (c)") {
			return edgeLine
		}
		if rest, ok := strings.CutPrefix(l, "copyright "); ok && rest != "" && (rest[0] >= '0' && rest[0] <= '9' || n <= 8 && !strings.HasSuffix(l, ".")) {
			return edgeLine // "Copyright 2014 The Associated Press", "Copyright Al Jazeera America"
		}
		if at := strings.Index(l, "all rights reserved"); at >= 0 {
			if after := l[at+len("all rights reserved"):]; after == "" || after[0] == '.' {
				return edgeLine
			}
		}
		for _, c := range edgeContains {
			if strings.Contains(l, c) {
				return edgeLine
			}
		}
	}
	// "Order Reprints | Today's Paper | Subscribe"
	if strings.ContainsAny(l, "|•·") {
		parts := strings.FieldsFunc(l, func(r rune) bool { return r == '|' || r == '•' || r == '·' })
		for _, part := range parts {
			if _, ok := furniture[strings.TrimSpace(part)]; !ok {
				return notChrome
			}
		}
		if len(parts) >= 2 {
			return edgeLine
		}
	}
	return notChrome
}

// shareBar reports whether a line, lower case, is a bar of sharing buttons:
// "share tweet email more save", "share this with email facebook twitter".
func shareBar(l string) bool {
	n, anchored := 0, false
	for _, w := range strings.Fields(l) {
		w = strings.Trim(w, ":,|·•/")
		if w == "" {
			continue
		}
		if !shareWords[w] {
			return false
		}
		n++
		for _, a := range shareAnchors {
			anchored = anchored || w == a
		}
	}
	return n >= 2 && n <= 16 && anchored
}

// edgeChrome reports whether a paragraph is furniture where it is at the start
// or end of the page: a furniture line first, then furniture lines, and at the
// end of a page (tail) the lines of a list under them ("Topics" and "Iran,
// Syria"), or a sign-up box's sentence.
func edgeChrome(p *para, tail bool) bool {
	strong, first := false, true
	return eachLine(p.s, func(line string) bool {
		k := chromeKind(line)
		if first {
			first = false
			if k == notChrome || k == linkLine {
				return false
			}
		}
		if k > linkLine {
			strong = true
		}
		return k != notChrome || tail && words(line, 25) <= 25
	}) && strong
}

// inlineChrome reports whether a paragraph is furniture wherever it is: its
// lines are furniture of the kind found anywhere ("Advertisement", a share
// bar, "Related: …"), sharing buttons and web addresses.
func inlineChrome(p *para) bool {
	strong := false
	return eachLine(p.s, func(line string) bool {
		switch chromeKind(line) {
		case chromeLine:
			strong = true
			return true
		case shareLine, linkLine:
			return true
		}
		return false
	}) && strong
}

// shareButtons reports whether a paragraph is only sharing buttons and links.
func shareButtons(p *para) bool {
	return eachLine(p.s, func(line string) bool {
		k := chromeKind(line)
		return k == shareLine || k == linkLine
	})
}

// listLines reports whether a paragraph reads as the items of a list at a
// page's end (related headlines, topics): a few short lines, none ending with
// a stop.
func listLines(p *para) bool {
	n := 0
	return eachLine(p.s, func(line string) bool {
		n++
		r := lastMark(line)
		return n <= 8 && words(line, 15) <= 15 && r != '.' && r != '!'
	})
}

// menu reports whether a paragraph is part of a menu at the start of a page:
// every line an item of one to three words with no sentence punctuation, or
// furniture. It returns the paragraph's lines and how many are furniture.
func menu(p *para) (lines, chrome int, ok bool) {
	ok = eachLine(p.s, func(line string) bool {
		lines++
		if k := chromeKind(line); k > linkLine {
			chrome++
			return true
		}
		return menuItem(line)
	})
	return lines, chrome, ok
}

// menuItem reports whether a line reads as an item of a menu: "World", "Live
// TV", "U.S.".
func menuItem(line string) bool {
	if len(line) > 32 || !hasLetter(line) || strings.ContainsAny(line, `,"“”:;!?`) {
		return false
	}
	if n := words(line, 3); n > 3 {
		return false
	}
	if strings.HasSuffix(line, ".") && strings.Count(line, ".") < 2 {
		return false // a sentence's stop, not "U.S."
	}
	return true
}

// --- The head of the story ---

// kicker reports whether a paragraph reads as a section label: one to three
// capitalised words with no sentence punctuation ("International", "Middle
// East", "US politics").
func kicker(p *para) bool {
	l := p.first
	if !p.single || len(l) > 40 || !startsUpper(l) || !hasLetter(l) || strings.ContainsAny(lastChar(l), ".,;:!?") {
		return false
	}
	n := words(l, 3)
	if n > 3 || chromeKind(l) != notChrome || credit(l) || isDate(l) || byLine(l) {
		return false
	}
	if n == 3 {
		for _, w := range strings.Fields(l) {
			if !startsUpper(w) && w != "and" && w != "&" && w != "of" && w != "the" {
				return false // "Obama visits Cuba" is a headline
			}
		}
	}
	return true
}

// lastChar returns the last character of s as a string.
func lastChar(s string) string {
	_, n := utf8.DecodeLastRuneInString(s)
	return s[len(s)-n:]
}

// headline reports whether a paragraph reads as a headline: one line of two to
// twenty words that starts with a capital and has no final stop (a question or
// exclamation mark will do).
func headline(p *para) bool {
	l := p.first
	if !p.single || len(l) > 250 || !hasLetter(l) {
		return false
	}
	if n := words(l, 20); n < 2 || n > 20 {
		return false
	}
	if r := lastMark(l); r == '.' || r == ',' || r == ';' || r == ':' || r == '…' {
		return false
	}
	if w, _, _ := strings.Cut(l, " "); !strings.ContainsFunc(w, unicode.IsUpper) && !strings.ContainsFunc(w, unicode.IsDigit) &&
		!strings.ContainsRune(`"'“‘`, firstRune(w)) {
		return false // "the talks resume": a line of text cut short
	}
	return chromeKind(l) == notChrome && !credit(l) && !byLine(l) && !isDate(l) && !dateline(l) && !signoff(p)
}

// standfirstLine reports whether a paragraph reads as a standfirst: one line of
// four to fifty words that does not end with a stop, does not open with a
// quotation mark and does not start with a dateline, as a story's first
// paragraph would.
func standfirstLine(p *para) bool {
	l := p.first
	if !p.single || len(l) > 500 || !startsUpper(l) {
		return false
	}
	if n := words(l, 50); n < 4 || n > 50 {
		return false
	}
	if r := lastMark(l); r == '.' || r == ',' || r == ';' || r == ':' || r == '…' || strings.HasSuffix(l, "—") {
		return false
	}
	if strings.Contains(l, " said") || strings.Contains(l, " told ") {
		return false // reported speech: the story has begun
	}
	return chromeKind(l) == notChrome && !credit(l) && !trailingCredit(l) && !byLine(l) && !nameLine(l) && !isDate(l) && !dateline(l) && !signoff(p)
}

// dateline reports whether a line opens with a news dateline: "WASHINGTON —",
// "PARIS (Reuters) -", "BEIRUT, Lebanon —", "(CNN)".
func dateline(l string) bool {
	if strings.HasPrefix(l, "(") {
		if end := strings.IndexByte(l, ')'); end > 1 && end < 20 && !strings.Contains(l[:end], " ") {
			return true // "(CNN)"
		}
	}
	head := l[:min(len(l), 80)]
	cut := len(head)
	for _, m := range []string{" —", " –", " -", " (", "--", " /"} {
		if at := strings.Index(head, m); at >= 0 && at < cut {
			cut = at
		}
	}
	if cut == len(head) {
		return false
	}
	place, _, _ := strings.Cut(head[:cut], ",")
	letters := 0
	for _, r := range place {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 3 && words(head[:cut], 8) <= 8
}

// --- Bylines ---

// nameWords may stand in lower case in a person's name, or join two names.
var nameWords = map[string]bool{"and": true, "&": true, "de": true, "van": true, "von": true, "der": true, "den": true,
	"da": true, "di": true, "du": true, "del": true, "la": true, "le": true, "al": true, "el": true, "bin": true, "ibn": true, "y": true}

// roleWords name a journalist's job.
var roleWords = []string{"correspondent", "editor", "reporter", "writer", "columnist", "contributor", "journalist",
	"producer", "staff", "bureau", "critic"}

// byLine reports whether a line is a "By" byline: "By Jane Smith", "By Jane
// Smith and John Doe, Reuters", "BY MICHAEL R. GORDON".
func byLine(l string) bool {
	if len(l) > 200 {
		return false
	}
	rest, ok := cutPrefixFold(l, "by ")
	if !ok || words(l, 20) > 20 {
		return false
	}
	// The names: capitalised words up to a comma, a bar, a dash or "in"/"for";
	// what follows is short, a job, an agency, a place or a date.
	fields := strings.Fields(rest)
	names := 0
	for _, w := range fields {
		if w == "|" || w == "-" || w == "—" || w == "–" || w == "•" || w == "in" || w == "for" || w == "at" {
			break
		}
		if !startsUpper(w) && !nameWords[w] {
			return false // "By the end of the year"
		}
		names++
		if strings.HasSuffix(w, ",") {
			break
		}
	}
	if names == 0 || len(fields)-names > 8 {
		return false
	}
	lower := 0
	for _, w := range fields[names:] {
		if unicode.IsLower(firstRune(w)) {
			lower++
		}
	}
	if lower > 2 {
		return false // "By Monday, Kerry hopes to strike a deal"
	}
	if strings.HasSuffix(l, ".") {
		last := l[strings.LastIndexByte(l, ' ')+1:]
		return len(last) <= 3 || strings.Count(last, ".") > 1 // "Jr.", "R.", not a sentence
	}
	return true
}

// nameLine reports whether a line is only a person's name, or two joined by
// "and".
func nameLine(l string) bool {
	if len(l) > 80 {
		return false
	}
	for _, n := range strings.Split(l, " and ") {
		if !annotation.PersonName(strings.TrimSpace(n)) {
			return false
		}
	}
	return true
}

// placedName reports whether a line is a name where it was written: "Julian
// Borger in Paris".
func placedName(l string) bool {
	name, place, ok := strings.Cut(l, " in ")
	return ok && nameLine(name) && place != "" && words(place, 4) <= 3 && startsUpper(place) && !strings.HasSuffix(place, ".")
}

// roleLine reports whether a line names a journalist's job or an agency:
// "Political Correspondent", "Associated Press".
func roleLine(l string) bool {
	if len(l) > 60 || words(l, 5) > 5 || strings.HasSuffix(l, ".") || !startsUpper(l) {
		return false
	}
	lower := strings.ToLower(l)
	for _, w := range roleWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return annotation.IsAgency(l) && len(l) > 2
}

// namedRole reports whether a line is a name and a job or agency: "Jane Smith,
// Political Correspondent", "Elise Labott, CNN".
func namedRole(l string) bool {
	name, role, ok := strings.Cut(l, ", ")
	return ok && nameLine(name) && roleLine(role)
}

// dateWords are the names of months and days, lower case without their stops,
// and (false) the words of a time of day.
var dateWords = map[string]bool{
	"jan": true, "january": true, "feb": true, "february": true, "mar": true, "march": true, "apr": true, "april": true,
	"may": true, "jun": true, "june": true, "jul": true, "july": true, "aug": true, "august": true, "sep": true, "sept": true,
	"september": true, "oct": true, "october": true, "nov": true, "november": true, "dec": true, "december": true,
	"mon": true, "monday": true, "tue": true, "tues": true, "tuesday": true, "wed": true, "wednesday": true,
	"thu": true, "thur": true, "thurs": true, "thursday": true, "fri": true, "friday": true, "sat": true, "saturday": true,
	"sun": true, "sunday": true, "gmt": false, "bst": false, "utc": false, "et": false, "est": false, "edt": false, "pt": false,
	"pst": false, "pdt": false, "cet": false, "am": false, "pm": false, "a.m": false, "p.m": false,
}

// dateFillers are the lower-case words a date line may hold.
var dateFillers = map[string]bool{"on": true, "at": true, "of": true, "the": true, "updated": true, "published": true,
	"posted": true, "modified": true, "last": true, "first": true, "ago": true, "years": true, "year": true, "hours": true,
	"hour": true, "minutes": true, "minute": true, "mins": true, "days": true, "day": true, "am": true, "pm": true,
	"a.m.": true, "p.m.": true, "and": true, "local": true, "time": true}

// dateLine reports whether a line is a date or time of publication: "13
// January 2014", "Updated 1:33 PM ET, Mon January 13, 2014", "JAN. 13, 2014",
// "Mon 13 Jan 2014 18.42 GMT", "17:48 GMT"; dated, whether it gives a day
// (a live blog's "17:48 GMT" heads an entry, it does not date the story).
func dateLine(l string) (date, dated bool) {
	if len(l) > 120 || !strings.ContainsAny(l, "0123456789") || words(l, 14) > 14 {
		return false, false
	}
	if strings.HasSuffix(l, ".") && !strings.HasSuffix(l, "a.m.") && !strings.HasSuffix(l, "p.m.") {
		return false, false
	}
	dated = hasPrefixFold(l, "updated") || hasPrefixFold(l, "published") || hasPrefixFold(l, "posted") ||
		hasPrefixFold(l, "last modified") || hasPrefixFold(l, "last updated") || hasPrefixFold(l, "first published")
	for _, w := range strings.Fields(l) {
		w = strings.Trim(w, ",.|/()·•-–—")
		lw := strings.ToLower(w)
		day, ok := dateWords[lw]
		switch {
		case w == "":
		case ok:
			date = true
			dated = dated || day
		case strings.IndexFunc(w, unicode.IsLetter) < 0:
			if strings.Count(w, "/") == 2 || strings.Count(w, "-") == 2 {
				dated = true // "13/01/2014", "2014-01-13"
			}
		case unicode.IsLower(firstRune(w)) && !dateFillers[lw]:
			return false, false
		}
	}
	return date || dated, dated
}

// isDate reports whether a line is a date or a time (see dateLine).
func isDate(l string) bool {
	date, _ := dateLine(l)
	return date
}

// dated reports whether a line is a date (see dateLine).
func dated(l string) bool {
	_, d := dateLine(l)
	return d
}

// bylines reports whether a paragraph says who wrote the story, and when or
// where: its lines are bylines, names with a place or job, dates, jobs and
// handles, with at least a byline, a dated name or only dates.
func bylines(p *para) bool {
	if len(p.s) > 400 {
		return false
	}
	lines, by, names, dates, roles := 0, 0, 0, 0, 0
	ok := eachLine(p.s, func(l string) bool {
		lines++
		switch {
		case lines > 4:
			return false
		case byLine(l) || placedName(l) || namedRole(l):
			by++
		case dated(l):
			dates++
		case nameLine(l):
			names++
		case roleLine(l):
			roles++
		case strings.HasPrefix(l, "@") && !strings.Contains(l, " "):
		default:
			return false
		}
		return true
	})
	return ok && (by > 0 || names > 0 && dates+roles > 0 || dates > 0 && names+roles == 0 && lines == dates)
}

// signoffPrefixes begin a sign-off after the story, lower case.
var signoffPrefixes = []string{"reporting by ", "additional reporting by ", "writing by ", "editing by ", "compiled by ",
	"reported by ", "with reporting by ", "written by ", "edited by ", "research by "}

// signoffSuffixes end one.
var signoffSuffixes = []string{" with wire services", " and wire services", " with agencies", " and agencies",
	" contributed to this report", " contributed reporting", " contributed to this story", " contributed to this article"}

// signoff reports whether a paragraph is a story's sign-off, naming who
// reported, wrote or edited it: "(Reporting by Jane Smith; Editing by John
// Doe)", "Al Jazeera with wire services", "Jane Smith contributed to this
// report."
func signoff(p *para) bool {
	l := p.first
	if !p.single || len(l) > 400 || words(l, 45) > 45 {
		return false
	}
	l = strings.TrimPrefix(l, "(")
	for _, pre := range signoffPrefixes {
		if rest, ok := cutPrefixFold(l, pre); ok {
			return startsUpper(rest)
		}
	}
	t := strings.ToLower(strings.TrimRight(l, ".)"))
	for _, suf := range signoffSuffixes {
		if strings.HasSuffix(t, suf) {
			return startsUpper(l) && words(l, 20) <= 20
		}
	}
	return false
}

// --- Captions ---

// captionLabels begin a caption's lines on the BBC's pages, lower case.
var captionLabels = []string{"image caption", "media caption", "caption:", "image copyright", "image source", "picture copyright"}

// caption reports whether a paragraph is a photo's caption: its last line is a
// credit (the rest a description of at most 100 words), a credit closes its
// last line ("… on Monday. Photograph: Name/Agency", "… (AP Photo/Name)"), or
// its lines are all "Image copyright …", "Image caption …" and credits.
func caption(p *para) bool {
	if len(p.s) > 1500 || words(p.s, 100) > 100 {
		return false
	}
	lines, labelled, all := 0, 0, true
	eachLine(p.s, func(l string) bool {
		lines++
		switch {
		case hasLabel(l, captionLabels) || credit(l):
			labelled++
		case chromeKind(l) == chromeLine, l == "Image", l == "Photo", l == "Video":
		default:
			all = false
		}
		return lines <= 5
	})
	if lines > 5 {
		return false
	}
	if all && labelled > 0 {
		return true
	}
	if credit(p.last) || lines > 1 && (agencyLine(p.last) || copyrightCredit(p.last)) || trailingCredit(p.last) {
		return chromeKind(p.first) == notChrome
	}
	return false
}

// hasLabel reports whether a line starts with one of labels, ignoring case.
func hasLabel(l string, labels []string) bool {
	for _, lb := range labels {
		if hasPrefixFold(l, lb) {
			return true
		}
	}
	return false
}

// credit reports whether a whole line is a photo credit: labelled ("Photo:
// Jane Doe/Reuters", "Photograph: …", "Credit Name/The New York Times", "Photo
// by …", "Image copyright Getty Images"), or names and agencies separated by
// "/" or "|" ("Larry Downing/AFP/Getty Images"), perhaps in brackets.
func credit(l string) bool {
	l = strings.TrimSpace(l)
	if len(l) > 160 || words(l, 14) > 14 {
		return false
	}
	if strings.HasPrefix(l, "(") && strings.HasSuffix(l, ")") {
		l = strings.TrimSpace(l[1 : len(l)-1])
	}
	for _, lb := range []string{"image copyright ", "image source ", "picture copyright "} {
		if rest, ok := cutPrefixFold(l, lb); ok {
			rest = strings.TrimSpace(rest)
			return startsUpper(rest) && !strings.HasSuffix(rest, ".")
		}
	}
	if labelledCredit(l) {
		return true
	}
	return slashedCredit(l)
}

// labelledCredit reports whether a line is a credit after a label: "Photo:",
// "Photograph by", "Courtesy of", or "Credit" before a name or an outlet.
func labelledCredit(l string) bool {
	rest, ok := annotation.CutCreditLabel(l)
	if !ok || rest == "" || words(rest, 12) > 12 || strings.HasSuffix(rest, ".") {
		return false
	}
	if !startsUpper(rest) && !strings.HasPrefix(rest, "the ") && !strings.HasPrefix(rest, "via ") {
		return false
	}
	if hasPrefixFold(l, "credit ") || hasPrefixFold(l, "screenshot") {
		// "Credit Suisse said …" is no credit: "Credit" labels a name or an outlet.
		return strings.ContainsAny(rest, "/|") || strings.Contains(rest, " for ") || strings.Contains(rest, " via ") ||
			annotation.PersonName(rest) || annotation.IsAgency(rest)
	}
	return true
}

// slashedCredit reports whether a line is names and agencies separated by "/"
// or "|", each part short and capitalised, one of them an agency: "Larry
// Downing/AFP/Getty Images", "AP Photo/Jacquelyn Martin, Pool".
func slashedCredit(l string) bool {
	if !strings.ContainsAny(l, "/|") || strings.Contains(l, "://") {
		return false
	}
	parts := strings.FieldsFunc(l, func(r rune) bool { return r == '/' || r == '|' })
	if len(parts) < 2 || len(parts) > 5 {
		return false
	}
	for _, part := range parts {
		part = strings.TrimSpace(part)
		if part == "" || words(part, 6) > 6 || !startsUpper(part) {
			return false
		}
		for _, w := range strings.Fields(part) {
			if !startsUpper(w) && !nameWords[w] && w != "for" && w != "via" && w != "of" && w != "the" && w != "—" && w != "–" && w != "-" && w != "on" {
				return false
			}
		}
	}
	return len(annotation.ParseCredit(l).Agencies) > 0
}

// copyrightCredit reports whether a line is a credit in the form of a
// copyright: "© Getty Images", not "© 2016 Al Jazeera. All rights reserved."
// Alone it is the page's copyright; under a description, the photo's credit.
func copyrightCredit(l string) bool {
	rest, ok := strings.CutPrefix(l, "©")
	rest = strings.TrimSpace(rest)
	return ok && len(rest) <= 60 && words(rest, 6) <= 6 && startsUpper(rest) && !strings.ContainsAny(rest, "0123456789") &&
		!strings.Contains(strings.ToLower(rest), "rights")
}

// agencies are the names that make a credit line on their own, after a
// caption: "Reuters", "Getty Images".
var agencies = []string{"Reuters", "AFP", "AP", "EPA", "EPA-EFE", "Getty", "Alamy", "Shutterstock", "PA", "PA Media", "Xinhua"}

// agencyLine reports whether a line is only an agency's name.
func agencyLine(l string) bool {
	for _, a := range agencies {
		if l == a {
			return true
		}
	}
	return len(l) <= 40 && words(l, 4) <= 4 && startsUpper(l) &&
		(strings.HasSuffix(l, " Images") || strings.HasSuffix(l, " Photos") || strings.HasSuffix(l, " Pictures"))
}

// trailingLabels introduce a credit after a caption's last sentence.
var trailingLabels = []string{"Photograph:", "Photograph by", "Photo:", "Photos:", "Photo by", "Picture:", "Pictures:",
	"Image:", "Illustration:", "Photo credit:", "Credit"}

// trailingCredit reports whether a credit closes a line after its last
// sentence: "… on Monday. Photograph: Jacquelyn Martin/AP", "… on
// Monday.Credit Larry Downing/Reuters", "… in Paris. (AP Photo/Evan Vucci)".
func trailingCredit(l string) bool {
	if len(l) > 1000 {
		return false
	}
	if strings.HasSuffix(l, ")") {
		if o := strings.LastIndexByte(l, '('); o > 0 {
			inner := strings.TrimSpace(l[o+1 : len(l)-1])
			if slashedCredit(inner) || labelledCredit(inner) {
				return true
			}
		}
	}
	for _, lb := range trailingLabels {
		at := strings.LastIndex(l, lb)
		if at <= 0 {
			continue
		}
		before := strings.TrimRight(l[:at], " ")
		if before == "" || !strings.ContainsAny(lastChar(before), `.!?"”’)`) {
			continue
		}
		if credit(l[at:]) {
			return true
		}
	}
	return false
}

// --- Inside the story ---

// questionWords open a heading that asks: "What is Iran's role?"
var questionWords = []string{"What ", "Why ", "How ", "Who ", "Where ", "When ", "Which ", "Is ", "Are ", "Can ", "Will ", "Does ", "Do ", "Should "}

// heading reports whether a paragraph reads as a heading inside the story: one
// line of at most ten words that starts with a capital and has no final
// punctuation (a short question is one too), and is nothing else.
func heading(p *para) bool {
	l := p.first
	if !p.single || len(l) > 100 || !startsUpper(l) || !hasLetter(l) {
		return false
	}
	n := words(l, 10)
	if n > 10 {
		return false
	}
	switch r := lastMark(l); {
	case r == '?':
		if n > 8 || !hasLabel(l, questionWords) {
			return false
		}
	case !unicode.IsLetter(r) && !unicode.IsDigit(r):
		return false
	}
	if l != strings.TrimRight(l, closers) {
		return false // a quotation
	}
	return chromeKind(l) == notChrome && !credit(l) && !byLine(l) && !isDate(l) && !signoff(p)
}

// storyParagraph reports whether a paragraph reads as the story's text: at
// least ten words, ending as a sentence does.
func storyParagraph(p *para) bool {
	return words(p.s, 10) >= 10 && endsSentence(p.last)
}
