package suggest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/annotator/app/annotation"
)

// credit is a photo credit line found in the text.
type credit struct {
	start, end int // byte offsets
	conf       float64
}

// findCredits finds photo credit lines: a line that is labelled ("Photo: Name
// for Outlet", "Courtesy of …", "Credit Name/Outlet"), a line of names and
// agencies separated by "/" or "|" ("Larry Downing/AFP/Getty Images", "Name |
// Agency"), such a credit in brackets at a line's end ("(AP Photo/Evan Vucci)"),
// or one closing a caption's last sentence ("… on Sunday. Benoit Tessier/Reuters",
// "… on Sunday.Credit Chang W. Lee/The New York Times"). Inside a photo's
// caption (the byte spans captions) an agency's name alone is a credit too:
// "Getty Images" as its last line, "(AP)" closing it.
func findCredits(text string, paras []paragraph, captions [][2]int) []credit {
	var cs []credit
	for _, p := range paras {
		start, end := trimSpan(text, p.start, p.end)
		line := text[start:end]
		for len(captions) > 0 && captions[0][1] <= start {
			captions = captions[1:]
		}
		if len(captions) > 0 && captions[0][0] <= start {
			if at, ok := captionAgency(line); ok {
				cs = append(cs, credit{start: start + at, end: end - len(line) + len(strings.TrimRight(line, ")")), conf: 0.8})
				continue
			}
		}
		if !strings.ContainsAny(line, ":/|") && !hasAnyPrefix(line, creditStarts...) && !strings.Contains(line, "Credit") {
			continue // nothing that a credit line holds
		}
		if len(line) <= 200 {
			if c, ok := creditLine(line); ok {
				cs = append(cs, credit{start: start + gluedLabel(line), end: end, conf: c})
				continue
			}
		}
		// A bracketed credit closing a caption.
		if strings.HasSuffix(line, ")") {
			if o := strings.LastIndexByte(line, '('); o >= 0 && len(line)-o <= 200 {
				if c, ok := creditLine(line[o+1 : len(line)-1]); ok {
					cs = append(cs, credit{start: start + o + 1, end: end - 1, conf: c})
					continue
				}
			}
		}
		// A credit after a caption's last sentence: the first sentence end
		// after which the rest of the line is a credit.
		found := false
		for i := max(1, len(line)-200); i < len(line)-1; i++ {
			if c := line[i]; c != '.' && c != '!' && c != '?' && c != '"' && c != ')' && !strings.HasSuffix(line[:i+1], "”") {
				continue
			}
			j := i + 1
			for j < len(line) && line[j] == ' ' {
				j++
			}
			if glued := j == i+1; glued && !strings.HasPrefix(line[j:], "Credit") && !(isLowerOrDigit(line[i-1]) && isUpper(line[j])) {
				continue // "W.Lee": a stop inside a name, not a sentence's end
			}
			rest := line[j:]
			if !strings.ContainsAny(rest, "/|") && !hasAnyPrefix(rest, creditStarts...) {
				continue // no credit can follow this stop: spare creditLine the work
			}
			if c, ok := creditLine(rest); ok {
				cs = append(cs, credit{start: start + j + gluedLabel(rest), end: end, conf: c - 0.05})
				found = true
				break
			}
		}
		// A credit run into a caption with no stop: "… in Paris Benoit Tessier/Reuters".
		if !found {
			if at, ok := trailingCredit(line); ok {
				cs = append(cs, credit{start: start + at, end: end, conf: 0.75})
			}
		}
	}
	return cs
}

// captionAgency finds, in a line of a photo's caption, an agency's name that
// is the whole line ("Getty Images") or the bracket closing it ("… (AP)"), and
// returns where it starts.
func captionAgency(line string) (int, bool) {
	at := 0
	if strings.HasSuffix(line, ")") {
		o := strings.LastIndexByte(line, '(')
		if o < 0 {
			return 0, false
		}
		at = o + 1
	}
	name := strings.TrimSuffix(line[at:], ")")
	if n := len(strings.Fields(name)); n == 0 || n > 4 || strings.ContainsAny(name, ".,;:!?/|") || !annotation.IsAgency(name) {
		return 0, false
	}
	return at, true
}

// creditStarts are the words a credit with no slash begins with.
var creditStarts = []string{"Courtesy", "Photo", "Image", "Illustration", "Screenshot", "Credit"}

// trailingCredit finds a photographer's credit closing a line that has no stop
// before it ("The Moulin Rouge in Paris Benoit Tessier/Reuters"): a two-word
// name (three with a middle initial), a slash and an agency. It returns where
// the credit starts.
func trailingCredit(line string) (int, bool) {
	words := strings.Fields(line)
	k := len(words) - 1
	for k >= 0 && !strings.Contains(words[k], "/") {
		k--
	}
	if k < 1 || len(words)-k > 4 || strings.HasPrefix(words[k], "/") {
		return 0, false
	}
	first := k - 1
	if first > 0 && len(words[first]) == 2 && words[first][1] == '.' {
		first-- // "Chang W. Lee/…"
	}
	at := 0
	for i := 0; i <= first; i++ {
		at = strings.Index(line[at:], words[i]) + at
		if i < first {
			at += len(words[i])
		}
	}
	rest := line[at:]
	if _, ok := slashed(rest); !ok || !annotation.IsAgency(rest[strings.LastIndexAny(rest, "/|")+1:]) {
		return 0, false
	}
	return at, true
}

// creditLine reports whether line, all of it, is a photo credit, and how sure that is.
func creditLine(line string) (float64, bool) {
	if n := gluedLabel(line); n > 0 {
		// "CreditChang W. Lee/The New York Times": a page's label run into
		// the name (twice, where the page has one for screen readers).
		if !creditAfterLabel(line[n:]) {
			return 0, false
		}
		return 0.85, true
	}
	if c, ok := labelled(line); ok {
		return c, true
	}
	return slashed(line)
}

// gluedLabel returns the length of the "Credit" labels that start line run into
// the name after them ("CreditCreditChang W. Lee"), or 0.
func gluedLabel(line string) int {
	n := 0
	for strings.HasPrefix(line[n:], "Credit") && len(line) > n+6 {
		r, _ := utf8.DecodeRuneInString(line[n+6:])
		if !unicode.IsUpper(r) {
			break
		}
		n += 6
	}
	return n
}

func isLowerOrDigit(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

// labelled reports whether a line is a labelled credit ("Photo: …", "Courtesy
// of …", the labels of annotation.CutCreditLabel), and how sure that is.
func labelled(line string) (float64, bool) {
	rest, ok := annotation.CutCreditLabel(line)
	if !ok {
		return 0, false
	}
	if len(line) > len("Credit ") && strings.EqualFold(line[:len("Credit ")], "Credit ") && !strings.ContainsAny(rest, "/|") &&
		!strings.Contains(rest, " for ") && !strings.Contains(rest, " via ") && !annotation.PersonName(rest) {
		return 0, false // "Credit" with no colon labels a credit only before a name or an outlet: not "Credit Suisse Chief Executive …"
	}
	if !creditAfterLabel(rest) {
		return 0, false
	}
	return 0.9, true
}

// creditAfterLabel reports whether what follows a credit label reads as a
// credit: a short capitalised name ("the" or "via" may lead), not a sentence.
func creditAfterLabel(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	return rest != "" && (unicode.IsUpper(r) || strings.HasPrefix(rest, "the ") || strings.HasPrefix(rest, "via ")) &&
		wordCount(rest) <= 12 && (!endsWithStop(rest) || abbreviated(rest))
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// abbreviated reports whether a line ends in an abbreviation's stop ("Inc.").
func abbreviated(s string) bool {
	i := strings.LastIndexAny(s, " /|")
	return abbreviations[strings.ToLower(strings.TrimSuffix(s[i+1:], "."))]
}

// slashed reports whether a line is a credit of names and agencies separated by
// "/" or "|", each part capitalised and short, one of them an agency.
func slashed(line string) (float64, bool) {
	if !strings.ContainsAny(line, "/|") || strings.Contains(line, "://") {
		return 0, false
	}
	parts := strings.FieldsFunc(line, func(r rune) bool { return r == '/' || r == '|' })
	if len(parts) < 2 {
		return 0, false
	}
	for _, part := range parts {
		part = strings.TrimSuffix(strings.TrimSpace(part), ", File") // AP's archive photo
		if before, after, ok := strings.Cut(part, ", via "); ok && wordCount(after) <= 3 {
			part = before // "EPA, via Shutterstock": a distributor
		}
		for _, dash := range []string{" — ", " – ", " - "} {
			if before, after, ok := strings.Cut(part, dash); ok && wordCount(before) <= 3 && wordCount(after) <= 3 {
				part = before // "Agence France-Presse — Getty Images": two agencies
			}
		}
		n := wordCount(part)
		r, _ := utf8.DecodeRuneInString(part)
		if n == 0 || n > 5 || !unicode.IsUpper(r) || strings.ContainsAny(part, ".,;:!?\"“”") && !initials(part) {
			return 0, false
		}
	}
	c := annotation.ParseCredit(line)
	if len(c.Agencies) == 0 {
		return 0, false
	}
	return 0.85, true
}

// initials reports whether the only stops of a credit part are those of initials
// or known abbreviations ("J. Scott Applewhite", "AP Photo/Susan Walsh, File" is not).
func initials(part string) bool {
	if strings.ContainsAny(part, ",;:!?\"“”") {
		return false
	}
	for _, w := range strings.Fields(part) {
		if i := strings.IndexByte(w, '.'); i >= 0 {
			b := strings.TrimSuffix(w, ".")
			if utf8.RuneCountInString(b) > 1 && !strings.Contains(b, ".") && !abbreviations[strings.ToLower(b)] {
				return false
			}
		}
	}
	return true
}
