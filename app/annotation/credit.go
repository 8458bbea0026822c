package annotation

import (
	"slices"
	"strings"
	"unicode"
)

// creditLabels are the words that introduce a credit line, lower case; they are
// not part of it ("Credit" alone is the New York Times's label). Longer labels
// come first, so that "photo courtesy of" wins over "courtesy of".
var creditLabels = func() []string {
	ls := []string{
		"photo by", "photos by", "photograph by", "photography by", "image by", "illustration by",
		"photo:", "photos:", "photograph:", "photography:", "image:", "images:", "picture:", "pictures:",
		"illustration:", "credit:", "credits:", "photo credit:", "image credit:", "credit", "screenshot",
		"photo courtesy of", "image courtesy of", "courtesy of", "courtesy:",
	}
	slices.SortStableFunc(ls, func(a, b string) int { return len(b) - len(a) })
	return ls
}()

// CutCreditLabel returns line without the label that introduces it ("Photo:",
// "Photo credit:", "Courtesy of", …), white space trimmed, and whether it had
// one. A label ending in a word ("Photo by") must be followed by white space.
func CutCreditLabel(line string) (rest string, found bool) {
	line = strings.TrimSpace(line)
	for _, l := range creditLabels {
		if len(line) < len(l) || !strings.EqualFold(line[:len(l)], l) {
			continue
		}
		rest = line[len(l):]
		if !strings.HasSuffix(l, ":") && rest != "" && !unicode.IsSpace(rune(rest[0])) {
			continue // "Courtesy offices", not "Courtesy of …"
		}
		return strings.TrimSpace(rest), true
	}
	return line, false
}

// knownAgencies are photo agencies and outlets named in credit lines, lower case.
var knownAgencies = map[string]bool{
	"afp": true, "ap": true, "ap photo": true, "associated press": true, "reuters": true,
	"getty": true, "getty images": true, "epa": true, "epa-efe": true, "efe": true, "dpa": true,
	"ansa": true, "xinhua": true, "tass": true, "sipa": true, "anadolu": true, "anadolu agency": true,
	"shutterstock": true, "alamy": true, "corbis": true, "magnum photos": true, "bloomberg": true,
	"pool": true, "sputnik": true, "ria novosti": true, "kyodo": true, "yonhap": true, "upi": true,
	"agence france-presse": true, "nasa": true, "esa": true, "jpl-caltech": true,
	"unsplash": true, "istock": true, "pexels": true, "flickr": true,
}

// agencyWords mark a credit part as an organisation rather than a person.
var agencyWords = []string{"images", "photos", "press", "news", "agency", "agence", "pictures", "media", "times", "post", "pool", "wire",
	"gazette", "herald", "tribune", "journal", "chronicle", "courier", "observer", "guardian", "telegraph", "ledger", "daily",
	"network", "studios", "archive", "archives", "library", "museum", "university", "institute", "foundation", "council",
	"department", "ministry", "office", "police", "service", "government", "club", "team", "photography"}

// ParseCredit splits a photo credit line into its creators and agencies:
//
//   - "Larry Downing/AFP/Getty Images": creators ["Larry Downing"], agencies ["AFP", "Getty Images"];
//   - "(AP Photo/Evan Vucci)": ["Evan Vucci"] and ["AP"]; AP's ", File" (an archive photo) is dropped;
//   - "Photo: Jane Doe for The New York Times": a creator working for an outlet, while
//     "Getty Images for Netflix" is one agency working for a client;
//   - "Name via Getty Images": the creator, and the agency that distributes the photo;
//   - "Courtesy of the RNLI": the agency "RNLI"; "Courtesy of the Smith family": the
//     creator "the Smith family";
//   - "Jeon Heon-Kyun/EPA, via Shutterstock": the creator, the agency and its
//     distributor; "Ashraf Shazly/Agence France-Presse — Getty Images": two agencies;
//   - "Jane Smith/Riverton Gazette": after a photographer's name, the last part
//     is the outlet, whatever its name.
//
// Parts are separated by "/", "|", ";" or a spaced dash; a label ("Photo:",
// "Credit", "Photo courtesy of", …) is not part of the credit.
func ParseCredit(line string) Credit {
	line = strings.TrimSpace(strings.Trim(strings.TrimSpace(line), "()[]"))
	line, _ = CutCreditLabel(line)
	line = dashes.Replace(line)
	c := Credit{Creators: []string{}, Agencies: []string{}}
	parts := strings.FieldsFunc(line, func(r rune) bool { return r == '/' || r == '|' || r == ';' })
	for i, part := range parts {
		part = strings.TrimSpace(part)
		if i == len(parts)-1 && len(c.Agencies) == 0 && len(c.Creators) == 1 && PersonName(c.Creators[0]) && len(strings.Fields(part)) >= 2 && capitalised(part) &&
			!strings.Contains(part, " for ") && !strings.Contains(part, " via ") {
			// "Jane Smith/Riverton Gazette": the outlet closes a photographer's credit.
			c.Agencies = append(c.Agencies, agencyName(part))
			continue
		}
		// "Dana Whitcombe, Midland Today Network": a photographer and an outlet.
		if name, outlet, ok := strings.Cut(part, ", "); ok && PersonName(name) && IsAgency(outlet) {
			c.Creators = append(c.Creators, name)
			c.Agencies = append(c.Agencies, agencyName(outlet))
			continue
		}
		// "Name on Unsplash": a photographer on a picture library.
		if name, library, ok := strings.Cut(part, " on "); ok && knownAgencies[strings.ToLower(strings.TrimSpace(library))] {
			c.add(strings.TrimSpace(name))
			c.Agencies = append(c.Agencies, strings.TrimSpace(library))
			continue
		}
		if p, ok := cutSuffixFold(part, ", file"); ok {
			part = strings.TrimSpace(p) // "Susan Walsh, File": AP's mark of an archive photo
		}
		if part == "" {
			continue
		}
		// "Screenshot via MBN News": a distributor alone.
		if after, ok := cutPrefixFold(part, "via "); ok {
			c.Agencies = append(c.Agencies, agencyName(strings.TrimSpace(after)))
			continue
		}
		// "Name via Getty Images": what follows "via" distributes the photo;
		// after a photographer, what comes before it is their outlet.
		if before, after, ok := strings.Cut(part, " via "); ok {
			before = strings.TrimSuffix(strings.TrimSpace(before), ",")
			if len(c.Creators) > 0 && len(c.Agencies) == 0 {
				c.Agencies = append(c.Agencies, agencyName(before))
			} else {
				c.add(before)
			}
			if a := agencyName(strings.TrimSpace(after)); a != "" {
				c.Agencies = append(c.Agencies, a)
			}
			continue
		}
		// "Name for Outlet": a creator working for an outlet; but "Getty Images for
		// Netflix" is an agency working for a client, one agency.
		if name, outlet, ok := strings.Cut(part, " for "); ok {
			name = strings.TrimSpace(name)
			if IsAgency(name) {
				c.Agencies = append(c.Agencies, agencyName(part))
				continue
			}
			c.add(name)
			if a := agencyName(strings.TrimSpace(outlet)); a != "" {
				c.Agencies = append(c.Agencies, a)
			}
			continue
		}
		c.add(part)
	}
	return c
}

// dashes turns a spaced dash between two agencies into a separator.
var dashes = strings.NewReplacer(" — ", "/", " – ", "/", " - ", "/")

// PersonName reports whether a credit part reads as a person's name: two to
// four words, each capitalised ("Jane Smith", "Chang W. Lee").
func PersonName(part string) bool {
	n := len(strings.Fields(part))
	return n >= 2 && n <= 4 && capitalised(part) && !IsAgency(part)
}

// capitalised reports whether every word of s starts with an upper-case letter.
func capitalised(s string) bool {
	for _, w := range strings.Fields(s) {
		if r := []rune(w)[0]; !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// add appends a credit part to the agencies or the creators, as it reads.
func (c *Credit) add(part string) {
	switch {
	case part == "":
	case strings.EqualFold(part, "AP Photo"):
		c.Agencies = append(c.Agencies, "AP")
	case len(part) > len(" Photo") && strings.HasSuffix(part, " Photo") && capitalised(part):
		c.Agencies = append(c.Agencies, strings.TrimSuffix(part, " Photo")) // "Wire Photo/…", as AP writes its own
	case IsAgency(part):
		c.Agencies = append(c.Agencies, agencyName(part))
	default:
		c.Creators = append(c.Creators, part)
	}
}

// agencyName returns an agency's name without a lower-case "the" before it
// ("the RNLI" of "Courtesy of the RNLI"); a capitalised "The" is part of the
// name as written ("The New York Times").
func agencyName(part string) string {
	if rest, ok := strings.CutPrefix(part, "the "); ok {
		return strings.TrimSpace(rest)
	}
	return part
}

// IsAgency reports whether a credit part names an organisation: a known agency,
// a name with an agency word ("Press Association") or an acronym ("AFP", "the
// RNLI"). Words in capitals are a name written in capitals ("DESMOND
// KWANDE"), not an acronym.
func IsAgency(part string) bool {
	if rest, ok := cutPrefixFold(part, "the "); ok {
		part = strings.TrimSpace(rest)
	}
	lower := strings.ToLower(part)
	if knownAgencies[lower] {
		return true
	}
	for _, w := range strings.Fields(lower) {
		if slices.Contains(agencyWords, w) {
			return true
		}
	}
	if strings.ContainsAny(part, " \u00a0") {
		return false
	}
	letters := 0
	for _, r := range part {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// cutPrefixFold is strings.CutPrefix ignoring case, for an ASCII prefix.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// cutSuffixFold is strings.CutSuffix ignoring case, for an ASCII suffix.
func cutSuffixFold(s, suffix string) (string, bool) {
	if len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix) {
		return s[:len(s)-len(suffix)], true
	}
	return s, false
}
