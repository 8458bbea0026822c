package annotation

import (
	"strings"
	"unicode"
)

// creditLabels are the words that introduce a credit line; they are not part of it.
var creditLabels = []string{"photo by", "photograph by", "photo:", "photograph:", "credit:", "image:", "picture:", "courtesy of", "courtesy:"}

// knownAgencies are photo agencies and outlets named in credit lines, lower case.
var knownAgencies = map[string]bool{
	"afp": true, "ap": true, "ap photo": true, "associated press": true, "reuters": true,
	"getty": true, "getty images": true, "epa": true, "epa-efe": true, "efe": true, "dpa": true,
	"ansa": true, "xinhua": true, "tass": true, "sipa": true, "anadolu": true, "anadolu agency": true,
	"shutterstock": true, "alamy": true, "corbis": true, "magnum photos": true, "bloomberg": true,
	"pool": true, "sputnik": true, "ria novosti": true, "kyodo": true, "yonhap": true, "upi": true,
}

// agencyWords mark a credit part as an organisation rather than a person.
var agencyWords = []string{"images", "photos", "press", "news", "agency", "pictures", "media", "times", "post", "pool", "wire"}

// ParseCredit splits a photo credit line into its creators and agencies:
// "Larry Downing/AFP/Getty Images" gives creators ["Larry Downing"] and agencies
// ["AFP", "Getty Images"]; "(AP Photo/Evan Vucci)" gives ["Evan Vucci"] and ["AP"].
func ParseCredit(line string) Credit {
	line = strings.TrimSpace(strings.Trim(strings.TrimSpace(line), "()[]"))
	lower := strings.ToLower(line)
	for _, l := range creditLabels {
		if strings.HasPrefix(lower, l) {
			line = strings.TrimSpace(line[len(l):])
			break
		}
	}
	c := Credit{Creators: []string{}, Agencies: []string{}}
	for _, part := range strings.FieldsFunc(line, func(r rune) bool { return r == '/' || r == '|' || r == ';' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		// "Name for Outlet": a creator working for an outlet.
		if name, outlet, ok := strings.Cut(part, " for "); ok {
			c.Creators = append(c.Creators, strings.TrimSpace(name))
			c.Agencies = append(c.Agencies, strings.TrimSpace(outlet))
			continue
		}
		if strings.EqualFold(part, "AP Photo") {
			part = "AP"
		}
		if isAgency(part) {
			c.Agencies = append(c.Agencies, part)
		} else {
			c.Creators = append(c.Creators, part)
		}
	}
	return c
}

// isAgency reports whether a credit part names an organisation.
func isAgency(part string) bool {
	lower := strings.ToLower(part)
	if knownAgencies[lower] {
		return true
	}
	for _, w := range strings.Fields(lower) {
		for _, a := range agencyWords {
			if w == a {
				return true
			}
		}
	}
	// An acronym ("AFP", "EPA") is an agency.
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
