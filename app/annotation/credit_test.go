package annotation

import (
	"slices"
	"strings"
	"testing"
)

func TestParseCredit(t *testing.T) {
	cases := []struct {
		in                 string
		creators, agencies []string
	}{
		// The sample article's own credit: IPTC Creator and Credit Line.
		{"Larry Downing/AFP/Getty Images", []string{"Larry Downing"}, []string{"AFP", "Getty Images"}},
		// A name in capitals is a photographer's, an acronym an agency's; a
		// newspaper's name in capitals is an agency by its word (the Telegraph's style).
		{"Credit: DESMOND KWANDE/ AFP", []string{"DESMOND KWANDE"}, []string{"AFP"}},
		{"Credit: HARARE HERALD", []string{}, []string{"HARARE HERALD"}},
		// AP's bracketed credit at a caption's end; "AP Photo" is the agency AP.
		{"(AP Photo/Evan Vucci)", []string{"Evan Vucci"}, []string{"AP"}},
		// AP marks an archive photo with ", File": not part of the name.
		{"AP Photo/Susan Walsh, File", []string{"Susan Walsh"}, []string{"AP"}},
		// The same in brackets, as it closes a caption.
		{"(AP Photo/Susan Walsh, File)", []string{"Susan Walsh"}, []string{"AP"}},
		// A label, and a photographer working for an outlet.
		{"Photo: Jane Doe for The New York Times", []string{"Jane Doe"}, []string{"The New York Times"}},
		// An agency working for a client is one agency: " for " splits only after a person.
		{"Name/Getty Images for Netflix", []string{"Name"}, []string{"Getty Images for Netflix"}},
		// An acronym agency working for a client, too.
		{"AFP for Netflix", []string{}, []string{"AFP for Netflix"}},
		// A photographer distributed by an agency.
		{"X via Getty Images", []string{"X"}, []string{"Getty Images"}},
		// A photographer's agency distributed by another: both are agencies.
		{"Larry Downing/AFP via Getty Images", []string{"Larry Downing"}, []string{"AFP", "Getty Images"}},
		// The agency first.
		{"Reuters/Kevin Lamarque", []string{"Kevin Lamarque"}, []string{"Reuters"}},
		// A "Credit:" label and a "|" separator.
		{"Credit: Mark Smith | EPA", []string{"Mark Smith"}, []string{"EPA"}},
		// A family is no agency; its "the" stays, as the credit wrote it.
		{"Courtesy of the Smith family", []string{"the Smith family"}, []string{}},
		// An acronym after a lower-case "the" is an agency, named without the "the".
		{"Courtesy of the RNLI", []string{}, []string{"RNLI"}},
		// A bare acronym after "Courtesy of".
		{"Courtesy of NASA", []string{}, []string{"NASA"}},
		// A capitalised "The" belongs to an outlet's name.
		{"Photo: Sam Lee for The Guardian", []string{"Sam Lee"}, []string{"The Guardian"}},
		// "Photo courtesy of" is one label, not "Photo" then "courtesy of".
		{"Photo courtesy of the RNLI", []string{}, []string{"RNLI"}},
		// "Photo credit:" and "Image credit:" are labels.
		{"Photo credit: Mark Smith/EPA", []string{"Mark Smith"}, []string{"EPA"}},
		{"Image credit: NASA/ESA", []string{}, []string{"NASA", "ESA"}},
		// "Photos:" and "Illustration:" are labels.
		{"Photos: Ana Ruiz/Reuters", []string{"Ana Ruiz"}, []string{"Reuters"}},
		{"Illustration: Tom Park", []string{"Tom Park"}, []string{}},
		// Labels in any case.
		{"PHOTO BY Jane Doe/AP", []string{"Jane Doe"}, []string{"AP"}},
		// An agency named with an agency word.
		{"Sam Jones | Press Association", []string{"Sam Jones"}, []string{"Press Association"}},
		// The New York Times's "Credit" label, with no colon.
		{"Credit Chang W. Lee/The New York Times", []string{"Chang W. Lee"}, []string{"The New York Times"}},
		{"Credit Kirsten Luce for The New York Times", []string{"Kirsten Luce"}, []string{"The New York Times"}},
		// An agency's photo distributed by another, after a comma.
		{"Credit Jeon Heon-Kyun/EPA, via Shutterstock", []string{"Jeon Heon-Kyun"}, []string{"EPA", "Shutterstock"}},
		// Two agencies joined by a spaced dash.
		{"Credit Ashraf Shazly/Agence France-Presse — Getty Images", []string{"Ashraf Shazly"}, []string{"Agence France-Presse", "Getty Images"}},
		// An outlet with no agency word closes a photographer's credit.
		{"Photo by Jane Smith/Riverton Gazette", []string{"Jane Smith"}, []string{"Riverton Gazette"}},
		{"Mira Hale/Northfield Daily", []string{"Mira Hale"}, []string{"Northfield Daily"}},
		// An agency's own "Photo", as AP writes "AP Photo".
		{"Wire Photo/Grant Ellison", []string{"Grant Ellison"}, []string{"Wire"}},
		// A photographer's outlet, distributed by an agency.
		{"Credit: Marcus Tillery/Cascade Daily via Northstar Images", []string{"Marcus Tillery"}, []string{"Cascade Daily", "Northstar Images"}},
		// A photographer and an outlet after a comma.
		{"Photo: Dana Whitcombe, Midland Today Network", []string{"Dana Whitcombe"}, []string{"Midland Today Network"}},
		// A screenshot's source.
		{"Screenshot via MBN News", []string{}, []string{"MBN News"}},
		// Only a label: nothing to credit.
		{"Photo:", []string{}, []string{}},
		// Nothing at all.
		{"", []string{}, []string{}},
	}
	for _, c := range cases {
		got := ParseCredit(c.in)
		if !slices.Equal(got.Creators, c.creators) || !slices.Equal(got.Agencies, c.agencies) {
			t.Errorf("ParseCredit(%q)\ngot  creators %q agencies %q\nwant creators %q agencies %q", c.in, got.Creators, got.Agencies, c.creators, c.agencies)
		}
		if got.Creators == nil || got.Agencies == nil {
			t.Errorf("ParseCredit(%q) = %#v: creators and agencies must be empty lists, not nil", c.in, got)
		}
	}
}

func TestCutCreditLabel(t *testing.T) {
	cases := []struct {
		in, rest string
		found    bool
	}{
		// The longest label wins.
		{"Photo courtesy of the RNLI", "the RNLI", true},
		// A label ending in a word needs a space after it.
		{"Courtesy offices are closed", "Courtesy offices are closed", false},
		// A label ending in a colon does not.
		{"Photo:Jane Doe", "Jane Doe", true},
		// No label.
		{"Reuters/Kevin Lamarque", "Reuters/Kevin Lamarque", false},
		// White space around is trimmed.
		{"  Credit:  Mark Smith  ", "Mark Smith", true},
	}
	for _, c := range cases {
		rest, found := CutCreditLabel(c.in)
		if rest != c.rest || found != c.found {
			t.Errorf("CutCreditLabel(%q) = %q, %v; want %q, %v", c.in, rest, found, c.rest, c.found)
		}
	}
}

// FuzzParseCredit checks that any line parses without panicking into names
// that are non-empty and trimmed.
func FuzzParseCredit(f *testing.F) {
	f.Add("Larry Downing/AFP via Getty Images for Netflix")
	f.Add("(AP Photo/Susan Walsh, File)")
	f.Add("Photo courtesy of the RNLI")
	f.Fuzz(func(t *testing.T, line string) {
		c := ParseCredit(line)
		for _, n := range append(slices.Clone(c.Creators), c.Agencies...) {
			if n == "" || n != strings.TrimSpace(n) {
				t.Fatalf("ParseCredit(%q) = %q: empty or untrimmed name %q", line, c, n)
			}
		}
	})
}
