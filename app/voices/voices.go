// Package voices counts whom a newsroom's articles quote: per source name
// across the articles, its quotes and their words, its voice (type, gender,
// role) and the articles that have it; the people quoted by gender; and per
// ISO week the share of women and of anonymous sources. The server
// (GET /api/voices) and the app in the browser share it.
//
// Only what an editor accepted counts: suggestions waiting for review, quotes
// linked to them, and voice fields the engine proposed and no editor confirmed
// are left out. A document is read once into a Contribution (the server keeps
// them by ETag); Combine joins contributions into an api.VoicesReport.
//
// The package imports only the standard library, the model and the API's types.
package voices

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
)

// dateLayout is how dates are written: YYYY-MM-DD.
const dateLayout = "2006-01-02"

// Contribution is what one version of a document adds to the report.
type Contribution struct {
	// ID and Title are the document's.
	ID    annotation.ID `json:"id"`
	Title string        `json:"title"`
	// Date is the document's published date (in the offset it was given in),
	// or where it has none its first save's (UTC), YYYY-MM-DD; empty when
	// neither is known.
	Date string `json:"date"`
	// Sources are the document's accepted sources, one per name, in text order.
	Sources []Use `json:"sources"`
}

// Use is a source name's part in one document: the accepted source
// annotations that share the name, and the accepted quotes linked to them.
type Use struct {
	// Name is the source's name as the document's first mention gives it.
	Name string `json:"name"`
	// Types, Genders and Roles are the distinct confirmed values its mentions
	// give each field of the voice: usually none or one.
	Types   []string `json:"types,omitempty"`
	Genders []string `json:"genders,omitempty"`
	Roles   []string `json:"roles,omitempty"`
	// Quotes counts the quotes linked to it, and Words their words.
	Quotes int `json:"quotes"`
	Words  int `json:"words"`
}

// fields names the fields of a voice, in the order of Use's value lists.
var fields = [3]string{"type", "gender", "role"}

// values returns the values u gives field i of fields.
func (u *Use) values(i int) *[]string {
	return [3]*[]string{&u.Types, &u.Genders, &u.Roles}[i]
}

// Contribute reads a document into its contribution. firstSaved is when the
// document was first stored, which dates it when it has no published date
// (zero when unknown).
func Contribute(f annotation.File, firstSaved time.Time) Contribution {
	c := Contribution{ID: f.Document.ID, Title: f.Document.Title, Sources: Sources(f.Annotations)}
	switch {
	case !f.Document.Published.IsZero():
		c.Date = f.Document.Published.Format(dateLayout)
	case !firstSaved.IsZero():
		c.Date = firstSaved.UTC().Format(dateLayout)
	}
	return c
}

// Sources returns the accepted sources of a document's annotations, one per
// name (as annotation.NameKey joins them), in the order of their first mention, with the
// words of the accepted quotes linked to them.
func Sources(anns []annotation.Annotation) []Use {
	var uses []Use
	byKey := map[string]int{}           // a name's key → its use
	bySource := map[annotation.ID]int{} // an accepted source → its use
	for _, a := range anns {
		if a.Kind != annotation.Source || a.Origin != annotation.Human {
			continue
		}
		name := a.SourceName()
		key := annotation.NameKey(name)
		i, ok := byKey[key]
		if !ok {
			i = len(uses)
			byKey[key] = i
			uses = append(uses, Use{Name: name})
		}
		bySource[a.ID] = i
		if a.Voice != nil {
			u := &uses[i]
			for f, v := range [3]string{a.Voice.Type, a.Voice.Gender, a.Voice.Role} {
				vs := u.values(f)
				known := v != "" && v != "unknown" // a gender set to unknown is as none
				if known && !slices.Contains(a.Voice.Proposed, fields[f]) && !slices.Contains(*vs, v) {
					*vs = append(*vs, v)
				}
			}
		}
	}
	for _, a := range anns {
		if a.Kind != annotation.Quote || a.Origin != annotation.Human || a.Speaker == "" {
			continue
		}
		if i, ok := bySource[a.Speaker]; ok {
			uses[i].Quotes++
			uses[i].Words += len(strings.Fields(a.Exact))
		}
	}
	return uses
}

// Range is the dates a report covers, both included, as YYYY-MM-DD; an empty
// bound leaves that side open.
type Range struct{ From, To string }

// ParseRange checks a report's from and to dates (YYYY-MM-DD, either empty).
func ParseRange(from, to string) (Range, error) {
	for _, d := range []struct{ name, value string }{{"from", from}, {"to", to}} {
		if d.value == "" {
			continue
		}
		if _, err := time.Parse(dateLayout, d.value); err != nil {
			return Range{}, fmt.Errorf("%s=%q is not a date: want YYYY-MM-DD, such as 2026-03-01", d.name, d.value)
		}
	}
	if from != "" && to != "" && from > to {
		return Range{}, fmt.Errorf("from=%s is after to=%s", from, to)
	}
	return Range{From: from, To: to}, nil
}

// Contains reports whether a document dated date is in the range. An undated
// document is only in a range open on both sides.
func (r Range) Contains(date string) bool {
	if date == "" {
		return r.From == "" && r.To == ""
	}
	return (r.From == "" || date >= r.From) && (r.To == "" || date <= r.To)
}

// row gathers a source name's uses across documents.
type row struct {
	out    api.VoiceRow
	names  []spelling          // its spellings
	values [3][]api.VoiceValue // for each field, the values given and by which documents
}

// spelling is a way a name is written and how many uses write it so.
type spelling struct {
	name string
	uses int
}

// Combine joins the contributions in r into the report.
func Combine(cs []Contribution, r Range) api.VoicesReport {
	in := make([]*Contribution, 0, len(cs))
	for i := range cs {
		if r.Contains(cs[i].Date) {
			in = append(in, &cs[i])
		}
	}
	slices.SortFunc(in, func(a, b *Contribution) int {
		return cmp.Or(cmp.Compare(b.Date, a.Date), cmp.Compare(a.ID, b.ID))
	})
	rep := api.VoicesReport{Documents: len(in), Sources: []api.VoiceRow{}, Weeks: []api.VoicesWeek{}, Articles: make([]api.VoicesArticle, len(in))}
	rows := map[string]*row{}
	var order []*row
	rowOf := make([][]*row, len(in)) // each contribution's sources' rows
	for i, c := range in {
		rep.Articles[i] = api.VoicesArticle{ID: c.ID, Title: c.Title, Date: c.Date}
		rowOf[i] = make([]*row, len(c.Sources))
		for j := range c.Sources {
			u := &c.Sources[j]
			k := annotation.NameKey(u.Name)
			rw := rows[k]
			if rw == nil {
				rw = &row{}
				rows[k] = rw
				order = append(order, rw)
			}
			rowOf[i][j] = rw
			if i := slices.IndexFunc(rw.names, func(s spelling) bool { return s.name == u.Name }); i >= 0 {
				rw.names[i].uses++
			} else {
				rw.names = append(rw.names, spelling{u.Name, 1})
			}
			rw.out.Quotes += u.Quotes
			rw.out.Words += u.Words
			if n := len(rw.out.Articles); n == 0 || rw.out.Articles[n-1] != c.ID {
				rw.out.Articles = append(rw.out.Articles, c.ID)
			}
			for f := range fields {
				for _, v := range *u.values(f) {
					vals := rw.values[f]
					k := slices.IndexFunc(vals, func(x api.VoiceValue) bool { return x.Value == v })
					if k < 0 {
						rw.values[f] = append(vals, api.VoiceValue{Value: v, Documents: []annotation.ID{c.ID}})
					} else if docs := vals[k].Documents; docs[len(docs)-1] != c.ID {
						vals[k].Documents = append(docs, c.ID)
					}
				}
			}
		}
	}
	for _, rw := range order {
		rw.resolve()
		rep.Sources = append(rep.Sources, rw.out)
		if rw.out.Type == "person" {
			rep.People.Add(rw.out.Gender)
		}
	}
	slices.SortFunc(rep.Sources, func(a, b api.VoiceRow) int {
		return cmp.Or(cmp.Compare(b.Quotes, a.Quotes), cmp.Compare(b.Words, a.Words), cmp.Compare(b.Documents, a.Documents), cmp.Compare(a.Name, b.Name))
	})
	rep.Weeks = weeks(in, rowOf)
	return rep
}

// resolve sets the row's name, its count of documents, and each field of its
// voice: the one value its articles give, or none and a conflict when they
// give several.
func (rw *row) resolve() {
	best := -1
	for _, s := range rw.names {
		if s.uses > best || s.uses == best && s.name < rw.out.Name {
			rw.out.Name, best = s.name, s.uses
		}
	}
	rw.out.Documents = len(rw.out.Articles)
	for f, field := range fields {
		switch vals := rw.values[f]; len(vals) {
		case 0:
			continue
		case 1:
			*[3]*string{&rw.out.Type, &rw.out.Gender, &rw.out.Role}[f] = vals[0].Value
			continue
		}
		c := api.VoiceConflict{Field: field, Values: rw.values[f]}
		slices.SortFunc(c.Values, func(a, b api.VoiceValue) int {
			return cmp.Or(cmp.Compare(len(b.Documents), len(a.Documents)), cmp.Compare(a.Value, b.Value))
		})
		rw.out.Conflicts = append(rw.out.Conflicts, c)
	}
}

// weeks counts the dated contributions (newest first) by ISO week, oldest
// week first, with the sources' voices as their rows (rowOf) resolved them.
func weeks(in []*Contribution, rowOf [][]*row) []api.VoicesWeek {
	out := []api.VoicesWeek{}
	for i := len(in) - 1; i >= 0; i-- {
		c := in[i]
		day, err := time.Parse(dateLayout, c.Date)
		if err != nil {
			continue // undated
		}
		y, n := day.ISOWeek()
		label := fmt.Sprintf("%04d-W%02d", y, n)
		if len(out) == 0 || out[len(out)-1].Week != label {
			monday := day.AddDate(0, 0, -(int(day.Weekday())+6)%7)
			out = append(out, api.VoicesWeek{Week: label, Start: monday.Format(dateLayout)})
		}
		w := &out[len(out)-1]
		w.Documents++
		for _, r := range rowOf[i] {
			rw := &r.out
			w.Sources++
			switch rw.Type {
			case "anonymous":
				w.Anonymous++
			case "person":
				w.People.Add(rw.Gender)
			}
		}
	}
	return out
}

// CSVHeader is the first row of WriteCSV's table.
var CSVHeader = []string{"name", "type", "gender", "role", "quotes", "words", "documents", "conflicts"}

// WriteCSV writes the report's source rows as RFC 4180 CSV, with CSVHeader
// first. A row's conflicts read "gender: woman (2 articles), man (1 article)",
// fields apart by "; ".
func WriteCSV(w io.Writer, rep api.VoicesReport) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, r := range rep.Sources {
		var conflicts []string
		for _, c := range r.Conflicts {
			vals := make([]string, len(c.Values))
			for i, v := range c.Values {
				vals[i] = fmt.Sprintf("%s (%s)", v.Value, articles(len(v.Documents)))
			}
			conflicts = append(conflicts, c.Field+": "+strings.Join(vals, ", "))
		}
		rec := []string{r.Name, r.Type, r.Gender, r.Role, strconv.Itoa(r.Quotes), strconv.Itoa(r.Words), strconv.Itoa(r.Documents), strings.Join(conflicts, "; ")}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// articles is "1 article" or "n articles".
func articles(n int) string {
	if n == 1 {
		return "1 article"
	}
	return strconv.Itoa(n) + " articles"
}
