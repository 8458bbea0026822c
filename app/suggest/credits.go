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
// for Outlet", "Courtesy of …"), a line of names and agencies separated by "/" or
// "|" ("Larry Downing/AFP/Getty Images", "Name | Agency"), or such a credit in
// brackets at a line's end ("(AP Photo/Evan Vucci)").
func findCredits(text string, paras []paragraph) []credit {
	var cs []credit
	for _, p := range paras {
		start, end := trimSpan(text, p.start, p.end)
		line := text[start:end]
		if len(line) > 200 || !strings.ContainsAny(line, ":/|") && !hasAnyPrefix(line, "Courtesy", "Photo", "Image", "Illustration") {
			continue // too long, or nothing that a credit line holds
		}
		if c, ok := labelled(line); ok {
			cs = append(cs, credit{start: start, end: start + len(line), conf: c})
			continue
		}
		if c, ok := slashed(line); ok {
			cs = append(cs, credit{start: start, end: end, conf: c})
			continue
		}
		// A bracketed credit closing a caption.
		if strings.HasSuffix(line, ")") {
			if o := strings.LastIndexByte(line, '('); o >= 0 {
				inner := line[o+1 : len(line)-1]
				c, ok := labelled(inner)
				if !ok {
					c, ok = slashed(inner)
				}
				if ok {
					cs = append(cs, credit{start: start + o + 1, end: end - 1, conf: c})
				}
			}
		}
	}
	return cs
}

// labelled reports whether a line is a labelled credit ("Photo: …", "Courtesy
// of …", the labels of annotation.CutCreditLabel), and how sure that is.
func labelled(line string) (float64, bool) {
	rest, ok := annotation.CutCreditLabel(line)
	if !ok {
		return 0, false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if rest == "" || !unicode.IsUpper(r) && !strings.HasPrefix(rest, "the ") || wordCount(rest) > 12 || endsWithStop(rest) && !abbreviated(rest) {
		return 0, false
	}
	return 0.9, true
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
