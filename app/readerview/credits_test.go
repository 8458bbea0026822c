package readerview

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/suggest"
)

// photoCredits are the photo credits in the captions of the news test pages,
// with the creators and agencies each names, read off the pages by hand.
// ("Kevin" on ars-1 and Quanta's infographic sources are not photo credits.)
var photoCredits = []struct {
	page, line         string
	creators, agencies []string
}{
	{"nytimes-1", "Credit Ashraf Shazly/Agence France-Presse — Getty Images", []string{"Ashraf Shazly"}, []string{"Agence France-Presse", "Getty Images"}},
	{"nytimes-2", "Credit Harry Campbell", []string{"Harry Campbell"}, nil}, // an illustrator, no agency
	{"nytimes-3", "Credit Chang W. Lee/The New York Times", []string{"Chang W. Lee"}, []string{"The New York Times"}},
	{"nytimes-3", "Credit Kirsten Luce for The New York Times", []string{"Kirsten Luce"}, []string{"The New York Times"}},
	{"nytimes-3", "Credit Michael Appleton for The New York Times", []string{"Michael Appleton"}, []string{"The New York Times"}},
	{"nytimes-3", "Credit Fred R. Conrad/The New York Times", []string{"Fred R. Conrad"}, []string{"The New York Times"}},
	{"nytimes-3", "Credit Hiroko Masuike/The New York Times", []string{"Hiroko Masuike"}, []string{"The New York Times"}},
	{"nytimes-4", "Credit Jeon Heon-Kyun/EPA, via Shutterstock", []string{"Jeon Heon-Kyun"}, []string{"EPA", "Shutterstock"}},
	{"citylab-1", "Benoit Tessier/Reuters", []string{"Benoit Tessier"}, []string{"Reuters"}},
	{"citylab-1", "(AP)", nil, []string{"AP"}},
	{"citylab-1", "(John Minchillo / AP)", []string{"John Minchillo"}, []string{"AP"}},
	{"engadget", "Devindra Hardawar/AOL", []string{"Devindra Hardawar"}, []string{"AOL"}},
	{"quanta-1", "Olena Shmahalo/Quanta Magazine", []string{"Olena Shmahalo"}, []string{"Quanta Magazine"}},
	{"telegraph", "Credit: \u00a0DESMOND KWANDE/\u00a0AFP", []string{"DESMOND KWANDE"}, []string{"AFP"}}, // no-break spaces, as on the page
	{"guardian-1", "Photograph: Adrian Malloch for the Guardian", []string{"Adrian Malloch"}, []string{"the Guardian"}},
	{"bug-1255978", "Getty Images", nil, []string{"Getty Images"}},
	{"cnet", "Photo by James Martin/CNET", []string{"James Martin"}, []string{"CNET"}},
	{"schema-org-context-object", "Anthony Wallace / AFP - Getty Images", []string{"Anthony Wallace"}, []string{"AFP", "Getty Images"}},
	{"schema-org-context-object", "Ezra Acayan / Getty Images", []string{"Ezra Acayan"}, []string{"Getty Images"}},
	{"seattletimes-1", "(Ellen M. Banner / The Seattle Times)", []string{"Ellen M. Banner"}, []string{"The Seattle Times"}},
	{"theverge", "Image: Vjeran Pavic / The Verge", []string{"Vjeran Pavic"}, []string{"The Verge"}},
}

// TestPhotoCreditsOnRealPages runs the reader view and then the suggestion
// engine on the news test pages, as an editor opening them would, and checks
// that each photo credit of their captions is suggested, parsed into its
// creators and agencies.
func TestPhotoCreditsOnRealPages(t *testing.T) {
	suggested := map[string][]annotation.Annotation{}
	found, parsed := 0, 0
	for _, c := range photoCredits {
		anns, ok := suggested[c.page]
		if !ok {
			p := loadPage(t, c.page)
			doc, err := Extract(p.source, "", pageURL)
			if err != nil {
				t.Fatalf("%s: %v", c.page, err)
			}
			anns = suggest.Suggest(doc, suggest.Options{})
			suggested[c.page] = anns
		}
		// The suggestion covers the credit: all of its line but a label and brackets.
		i := slices.IndexFunc(anns, func(a annotation.Annotation) bool {
			parts := append(append([]string{}, c.creators...), c.agencies...)
			return a.Kind == annotation.PhotoCredit && strings.Contains(c.line, a.Exact) &&
				strings.Contains(a.Exact, parts[0]) && strings.Contains(a.Exact, parts[len(parts)-1])
		})
		if i < 0 {
			var got []string
			for _, a := range anns {
				if a.Kind == annotation.PhotoCredit {
					got = append(got, a.Exact)
				}
			}
			t.Errorf("%s: %q not suggested (credits suggested: %q)", c.page, c.line, got)
			continue
		}
		found++
		cr := anns[i].Credit
		if cr != nil && fmt.Sprint(cr.Creators) == fmt.Sprint(c.creators) && fmt.Sprint(names(cr.Agencies)) == fmt.Sprint(names(c.agencies)) {
			parsed++
		} else {
			t.Errorf("%s: %q parsed as %+v, want creators %q, agencies %q", c.page, anns[i].Exact, cr, c.creators, c.agencies)
		}
	}
	t.Logf("photo credits on the news test pages: %d of %d suggested, %d parsed right", found, len(photoCredits), parsed)
}

// names are agencies' names without a leading "the": "the Guardian" and
// "Guardian" are one agency.
func names(agencies []string) []string {
	out := make([]string, len(agencies))
	for i, a := range agencies {
		out[i] = strings.TrimPrefix(strings.TrimPrefix(a, "the "), "The ")
	}
	return out
}
