package api

import "github.com/newsroom/annotator/app/annotation"

// The paths of the voices report (GET, with optional from and to dates as
// YYYY-MM-DD): as a VoicesReport, and its rows as RFC 4180 CSV.
const (
	Voices    = "/api/voices"
	VoicesCSV = "/api/voices.csv"
)

// VoicesReport is the body of GET Voices: whom the articles quote, from what
// editors accepted (pending suggestions and unconfirmed proposals do not count).
type VoicesReport struct {
	// Documents is how many articles the report covers.
	Documents int `json:"documents"`
	// Sources has one row per source name across the articles, most quoted first.
	Sources []VoiceRow `json:"sources"`
	// People counts the distinct sources of type person by gender; a gender not
	// confirmed, or on which articles disagree, is unknown.
	People People `json:"people"`
	// Weeks are the ISO weeks that have articles, oldest first.
	Weeks []VoicesWeek `json:"weeks"`
	// Articles are the articles covered, newest first.
	Articles []VoicesArticle `json:"articles"`
}

// VoiceRow is one source name's line of the report.
type VoiceRow struct {
	// Name is the source's name as editors set it (its most used spelling).
	Name string `json:"name"`
	// Type, Gender and Role are the source's confirmed voice, empty when no
	// article confirms one or when articles disagree (see Conflicts).
	Type   string `json:"type"`
	Gender string `json:"gender"`
	Role   string `json:"role"`
	// Quotes counts the quotes linked to the source, and Words their words.
	Quotes int `json:"quotes"`
	Words  int `json:"words"`
	// Documents counts the articles that have the source.
	Documents int `json:"documents"`
	// Articles are those articles' ids, newest first.
	Articles []annotation.ID `json:"articles"`
	// Conflicts lists the fields on which articles disagree; empty when none.
	Conflicts []VoiceConflict `json:"conflicts,omitempty"`
}

// VoiceConflict is a field of a source's voice given different values by
// different articles (or by mentions in one).
type VoiceConflict struct {
	// Field is "type", "gender" or "role".
	Field string `json:"field"`
	// Values are the values given, each with the articles that give it.
	Values []VoiceValue `json:"values"`
}

// VoiceValue is one value of a conflicting field and the articles giving it.
type VoiceValue struct {
	Value     string          `json:"value"`
	Documents []annotation.ID `json:"documents"`
}

// People counts people by gender.
type People struct {
	Woman     int `json:"woman"`
	Man       int `json:"man"`
	Nonbinary int `json:"nonbinary"`
	Unknown   int `json:"unknown"`
}

// Total is the number of people counted.
func (p People) Total() int { return p.Woman + p.Man + p.Nonbinary + p.Unknown }

// Add counts one person of gender g ("" or any value not a known gender is unknown).
func (p *People) Add(g string) {
	switch g {
	case "woman":
		p.Woman++
	case "man":
		p.Man++
	case "nonbinary":
		p.Nonbinary++
	default:
		p.Unknown++
	}
}

// VoicesWeek is one ISO week of the report. Its counts are of appearances: a
// source counts once in each article of the week that has it.
type VoicesWeek struct {
	// Week is the ISO week, e.g. "2026-W05"; Start its Monday, YYYY-MM-DD.
	Week  string `json:"week"`
	Start string `json:"start"`
	// Documents counts the week's articles.
	Documents int `json:"documents"`
	// Sources counts the sources in the week's articles, and Anonymous those of type anonymous.
	Sources   int `json:"sources"`
	Anonymous int `json:"anonymous"`
	// People counts the people (sources of type person) by gender.
	People People `json:"people"`
}

// WomenShare is the share of women among the week's people whose gender is
// known; false when there are none.
func (w VoicesWeek) WomenShare() (float64, bool) {
	known := w.People.Woman + w.People.Man + w.People.Nonbinary
	if known == 0 {
		return 0, false
	}
	return float64(w.People.Woman) / float64(known), true
}

// AnonymousShare is the share of anonymous sources among the week's sources;
// false when there are none.
func (w VoicesWeek) AnonymousShare() (float64, bool) {
	if w.Sources == 0 {
		return 0, false
	}
	return float64(w.Anonymous) / float64(w.Sources), true
}

// VoicesArticle is an article the report covers.
type VoicesArticle struct {
	ID    annotation.ID `json:"id"`
	Title string        `json:"title"`
	// Date is its published date, or where it has none the date of its first
	// save (YYYY-MM-DD); empty when neither is known.
	Date string `json:"date"`
}
