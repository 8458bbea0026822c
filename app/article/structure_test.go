package article

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/sample"
)

func TestParagraphs(t *testing.T) {
	cases := []struct {
		text string
		want []Paragraph
	}{
		// Blank lines separate paragraphs; a single line break stays inside one (a caption and its credit).
		{"ab\n\ncd\nef\n\n\n\ngh", []Paragraph{{0, 2}, {4, 9}, {13, 15}}},
		// Leading and trailing line breaks are not part of a paragraph.
		{"\n\nab\n", []Paragraph{{2, 4}}},
		{"\nab\n\n\ncd\n", []Paragraph{{1, 3}, {6, 8}}},
		// Runs of three line breaks: the odd one stays outside both paragraphs.
		{"ab\n\n\ncd\n\n\nef", []Paragraph{{0, 2}, {5, 7}, {10, 12}}},
		// White space only is no paragraph; spaces around the text stay in it.
		{"ab\n\n  \t \n\n cd ", []Paragraph{{0, 2}, {10, 14}}},
		{" \n\n\n\n", nil},
		// A line of spaces inside a paragraph does not split it.
		{"ab\n \ncd", []Paragraph{{0, 7}}},
		// Offsets count code points, not bytes: the emoji is one, and so is an invalid byte.
		{"😀é\n\nx", []Paragraph{{0, 2}, {4, 5}}},
		{"\xff\xfe\n\n\nab", []Paragraph{{0, 2}, {5, 7}}},
		{"", nil},
		{"\n", nil},
		{"\n\n", nil},
	}
	for _, c := range cases {
		got := Paragraphs(c.text)
		if !slices.Equal(got, c.want) {
			t.Errorf("Paragraphs(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// roles returns the role Structure gives each paragraph of text ("" for body
// text), failing the test if a block does not cover exactly one paragraph.
func roles(t *testing.T, text string) ([]Paragraph, []annotation.Role) {
	t.Helper()
	ps := Paragraphs(text)
	rs := make([]annotation.Role, len(ps))
	for _, b := range Structure(text) {
		i := slices.IndexFunc(ps, func(p Paragraph) bool { return p.Start == b.Start })
		if i < 0 || ps[i].End != b.End {
			t.Fatalf("block %+v is not one paragraph", b)
		}
		rs[i] = b.Role
	}
	return ps, rs
}

// dump lists the paragraphs of text with their roles, for a failure message.
func dump(text string, ps []Paragraph, rs []annotation.Role) string {
	var b strings.Builder
	for i, p := range ps {
		s := anchor.Slice(text, p.Start, p.End)
		if len(s) > 70 {
			s = s[:70] + "…"
		}
		fmt.Fprintf(&b, "  %-10s %q\n", rs[i], s)
	}
	return b.String()
}

// role is what a paragraph starting with prefix must be.
type role struct {
	prefix string
	role   annotation.Role
}

// fixtures give, for each text in testdata/structure, the paragraphs that are
// not body text, in order, written by hand: each entry is the next paragraph
// that starts with its prefix, and every paragraph not listed is body text.
var fixtures = map[string][]role{
	// BBC: a date under the headline, a share bar, "Image copyright"/"Image
	// caption" lines, subheads (one a question), a video caption, "Share this
	// story" and "More on this story" with its links.
	"bbc.txt": {
		{"Syria conflict: US and Russia discuss", annotation.Headline},
		{"13 January 2014", annotation.Byline},
		{"Share this with", annotation.Chrome},
		{"Image copyright Reuters", annotation.Caption},
		{"Geneva talks", annotation.Heading},
		{"Media playback is unsupported", annotation.Caption},
		{"What is Iran's role?", annotation.Heading},
		{"Share this story", annotation.Chrome},
		{"More on this story", annotation.Chrome},
	},
	// Guardian: a kicker, a standfirst, a byline with a place and dates, a
	// caption with "Photograph:" after share buttons, an inline "Related:"
	// link, and the "Topics" footer with its share buttons.
	"guardian.txt": {
		{"Syria", annotation.Kicker},
		{"US and Russia back local ceasefires", annotation.Headline},
		{"John Kerry and Sergei Lavrov say", annotation.Standfirst},
		{"Julian Marsh in Paris", annotation.Byline},
		{"Facebook Twitter Pinterest John Kerry", annotation.Caption},
		{"Related: Syria peace talks", annotation.Chrome},
		{"Topics", annotation.Chrome},
	},
	// New York Times: "Advertisement" and "Supported by" above the kicker, a
	// byline with its date, "Continue reading the main story" and
	// "Advertisement" inside the story, captions with "Credit" glued to the
	// sentence and on a line of its own, the print note and related links.
	"nyt.txt": {
		{"Advertisement", annotation.Chrome},
		{"Supported by", annotation.Chrome},
		{"Middle East", annotation.Kicker},
		{"U.S. and Russia Discuss", annotation.Headline},
		{"By MICHAEL R. GARDNER", annotation.Byline},
		{"Continue reading the main story", annotation.Chrome},
		{"Image\nSecretary of State", annotation.Caption},
		{"Advertisement", annotation.Chrome},
		{"Continue reading the main story", annotation.Chrome},
		{"A Syrian refugee camp", annotation.Caption},
		{"A version of this article appears", annotation.Chrome},
		{"Related Coverage", annotation.Chrome},
	},
	// Reuters: a kicker, "By" byline, "4 Min Read", a "(Reuters) -" dateline
	// story, the "Reporting by …; Editing by …" sign-off (a byline: it says who
	// wrote the story) and the trust principles line.
	"reuters.txt": {
		{"World News", annotation.Kicker},
		{"Kerry and Lavrov discuss", annotation.Headline},
		{"By Lesley Warren", annotation.Byline},
		{"4 Min Read", annotation.Chrome},
		{"(Reporting by", annotation.Byline},
		{"Our Standards", annotation.Chrome},
	},
	// CNN: the edition and section menus, a byline with "Updated", story
	// highlights (body: they are the story's own summary, not furniture), a
	// "contributed to this report" sign-off and "Paid Content".
	"cnn.txt": {
		{"Menu\nEdition", annotation.Chrome},
		{"Search CNN", annotation.Chrome},
		{"World\nPolitics", annotation.Chrome},
		{"US and Russia push for Syria", annotation.Headline},
		{"By Elise Laborde, CNN", annotation.Byline},
		{"CNN's Jane Arraf contributed", annotation.Byline},
		{"Paid Content", annotation.Chrome},
		{"Around the web", annotation.Chrome},
	},
	// A press release: "FOR IMMEDIATE RELEASE" is the label above the headline;
	// "###" is its end mark; the "About" boilerplate and the contact are the
	// release's own text, so body, under the "About" heading.
	"pressrelease.txt": {
		{"FOR IMMEDIATE RELEASE", annotation.Kicker},
		{"Acme Robotics Opens", annotation.Headline},
		{"New facility will employ", annotation.Standfirst},
		{"###", annotation.Chrome},
		{"About Acme Robotics", annotation.Heading},
	},
	// A plain local story: a headline and body text, nothing else.
	"plain.txt": {
		{"Council approves new cycle lanes", annotation.Headline},
	},
	// Body text full of furniture words: "Related projects", "Share prices",
	// "Topics discussed", "sign up for", "Comments from the public", "Most
	// popular", "Find out more … on your TV", "Read more about …" at the end.
	"sentences.txt": {
		{"Share of renewable power", annotation.Headline},
		{"Subscribers and the cost", annotation.Heading},
	},
	// A feature: kicker, headline, standfirst with a dash, a byline with a job,
	// a date line, "Photo by" and "(Photo: …)" captions, subheads, a sign-up box
	// and the copyright line.
	"feature.txt": {
		{"Science", annotation.Kicker},
		{"The quiet return of the Atlantic salmon", annotation.Headline},
		{"After decades of decline", annotation.Standfirst},
		{"By Ruth Calder", annotation.Byline},
		{"Published 4 June 2016", annotation.Byline},
		{"A salmon leaps", annotation.Caption},
		{"Counting the fish", annotation.Heading},
		{"A change in the sea", annotation.Heading},
		{"Juvenile salmon tagged", annotation.Caption},
		{"Sign up for our weekly newsletter", annotation.Chrome},
		{"© 2016", annotation.Chrome},
	},
	// Associated Press: a byline with the agency on its own line, an "(AP
	// Photo/…)" caption, the "contributed to this report" sign-off and the
	// copyright notice.
	"ap.txt": {
		{"Kerry, Lavrov discuss", annotation.Headline},
		{"By MATTHEW LEAHY", annotation.Byline},
		{"In this photo taken Monday", annotation.Caption},
		{"Associated Press writer", annotation.Byline},
		{"Copyright 2014 The Associated Press", annotation.Chrome},
	},
}

// checkRoles fails the test where a paragraph of text has another role than
// want gives it.
func checkRoles(t *testing.T, name, text string, want []role) {
	t.Helper()
	ps, rs := roles(t, text)
	w, bad := 0, false
	for i, p := range ps {
		s := anchor.Slice(text, p.Start, p.End)
		var exp annotation.Role
		if w < len(want) && strings.HasPrefix(s, want[w].prefix) {
			exp = want[w].role
			w++
		}
		if rs[i] != exp {
			t.Errorf("%s: paragraph %d %.50q is %q, want %q", name, i, s, rs[i], exp)
			bad = true
		}
	}
	for ; w < len(want); w++ {
		t.Errorf("%s: no paragraph starting %q (want %s) in order", name, want[w].prefix, want[w].role)
		bad = true
	}
	if bad {
		t.Logf("%s as Structure reads it:\n%s", name, dump(text, ps, rs))
	}
}

func TestStructureFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "structure", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 8 {
		t.Fatalf("%d fixtures, want at least 8", len(files))
	}
	for _, f := range files {
		name := filepath.Base(f)
		want, ok := fixtures[name]
		if !ok {
			t.Errorf("%s has no expectations", name)
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkRoles(t, name, string(data), want)
	}
	for name := range fixtures {
		if !slices.Contains(files, filepath.Join("testdata", "structure", name)) {
			t.Errorf("no fixture %s", name)
		}
	}
}

// A story with no page furniture has no chrome block, whatever words it uses.
func TestStructureNoChrome(t *testing.T) {
	for _, name := range []string{"plain.txt", "sentences.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", "structure", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range Structure(string(data)) {
			if b.Role == annotation.Chrome {
				t.Errorf("%s: chrome block %q", name, anchor.Slice(string(data), b.Start, b.End))
			}
		}
	}
}

// The sample: kicker, headline, standfirst, the caption with its credit, the
// sign-off "Al Jazeera with wire services" as a byline (it says who wrote the
// story: no furniture, and no text for the suggestion engine to find sources
// in), and everything from "Related News" to the end as chrome.
func TestStructureSample(t *testing.T) {
	text := sample.Text()
	ps, rs := roles(t, text)
	at := func(prefix string) int {
		i := slices.IndexFunc(ps, func(p Paragraph) bool { return strings.HasPrefix(anchor.Slice(text, p.Start, p.End), prefix) })
		if i < 0 {
			t.Fatalf("no paragraph starts %q", prefix)
		}
		return i
	}
	for _, c := range []role{
		{"International", annotation.Kicker},
		{"US and Russia discuss cease-fire in Syria", annotation.Headline},
		{"At Paris meeting, ", annotation.Standfirst},
		{"U.S. Secretary of State John Kerry, left,", annotation.Caption},
		{"Al Jazeera with wire services", annotation.Byline},
	} {
		if i := at(c.prefix); rs[i] != c.role {
			t.Errorf("%q is %q, want %q", c.prefix, rs[i], c.role)
		}
	}
	if s := anchor.Slice(text, ps[at("U.S. Secretary of State John Kerry, left,")].Start, ps[at("U.S. Secretary of State John Kerry, left,")].End); !strings.HasSuffix(s, "Larry Downing/AFP/Getty Images") {
		t.Errorf("the caption paragraph %q does not hold its credit", s)
	}
	signoff, related := at("Al Jazeera with wire services"), at("Related News")
	for i := range ps {
		s := anchor.Slice(text, ps[i].Start, ps[i].End)
		switch {
		case i < signoff && rs[i] == annotation.Chrome:
			t.Errorf("story paragraph %d %.50q is chrome", i, s)
		case i >= related && rs[i] != annotation.Chrome:
			t.Errorf("page furniture %d %.50q is %q, want chrome", i, s, rs[i])
		case i > at("U.S. Secretary of State John Kerry, left,") && i < signoff && rs[i] != "":
			t.Errorf("story paragraph %d %.50q is %q, want body", i, s, rs[i])
		}
	}
	if t.Failed() {
		t.Logf("the sample as Structure reads it:\n%s", dump(text, ps, rs))
	}
}

// Short cases of each rule, and of what it must leave alone.
func TestStructureRules(t *testing.T) {
	body := "Kerry said the talks in Paris had been constructive and that both sides wanted an end to the war."
	body2 := "Lavrov said the Syrian government would open some besieged areas to humanitarian convoys this week."
	cases := []struct {
		name string
		text string
		want []role
	}{
		{"one paragraph is body", body, nil},
		{"a headline needs text after it", "US and Russia discuss cease-fire", nil},
		{"a question is a headline", "Can Kerry and Lavrov end the war?\n\n" + body, []role{{"Can Kerry", annotation.Headline}}},
		{"a first line with a stop is no headline", "Kerry and Lavrov met in Paris.\n\n" + body, nil},
		{"a 'By' that opens a sentence is no byline", "By Monday, Kerry hopes to strike a deal\n\n" + body,
			[]role{{"By Monday", annotation.Headline}}},
		{"a byline alone at the top", "By Jane Smith and John Doe, Reuters\n\n" + body, []role{{"By Jane", annotation.Byline}}},
		{"a byline with a job", "Talks resume in Paris\n\nJane Smith, Diplomatic Correspondent\n\n" + body,
			[]role{{"Talks", annotation.Headline}, {"Jane Smith", annotation.Byline}}},
		{"a standfirst ending with a stop stays body", "Talks resume in Paris\n\nWorld powers meet to discuss the war in Syria.\n\n" + body,
			[]role{{"Talks", annotation.Headline}}},
		{"a dateline opens the story, not a standfirst", "Talks resume in Paris\n\nWASHINGTON — Officials said the talks would resume\n\n" + body,
			[]role{{"Talks", annotation.Headline}}},
		{"a quotation opens the story, not a standfirst", "Talks resume in Paris\n\n“We will talk again,” Kerry said on Monday\n\n" + body,
			[]role{{"Talks", annotation.Headline}}},
		{"furniture glued to a sentence stays body", body + "\n\nAdvertisement\n" + body2 + "\n\n" + body, nil},
		{"furniture of the page's edges stays body in the middle", body + "\n\nRelated News\n\n" + body2 + "\n\nTopics\n\n" + body, nil},
		{"Advertisement alone in the middle is chrome", body + "\n\nAdvertisement\n\n" + body2, []role{{"Advertisement", annotation.Chrome}}},
		{"a share bar in the middle is chrome", body + "\n\nShare Tweet Email More Save\n\n" + body2, []role{{"Share", annotation.Chrome}}},
		{"sharing buttons as paragraphs after a bar", body + "\n\nShare this article\n\nFacebook\n\nTwitter\n\n" + body2,
			[]role{{"Share", annotation.Chrome}, {"Facebook", annotation.Chrome}, {"Twitter", annotation.Chrome}}},
		{"a subhead named after a site stays body", body + "\n\nFacebook\n\n" + body2, nil},
		{"a story's last sentence ends the furniture run", body + "\n\nRelated News\n\n" + body2, nil},
		{"list lines before the furniture are not furniture", body + "\n\nKerry meets Lavrov\n\nRelated News\n\nKerry meets Lavrov",
			[]role{{"Related News", annotation.Chrome}, {"Kerry meets Lavrov", annotation.Chrome}}},
		{"a sentence mixing a sign-up prompt stays body", body + "\n\nSign up for our newsletter to get the news every morning, the editor said.", nil},
		{"'Credit Suisse' opens no credit", "Credit Suisse Chief Executive Tidjane Thiam\n\n" + body,
			[]role{{"Credit Suisse", annotation.Headline}}},
		{"a credit alone is a caption", body + "\n\nLarry Downing/AFP/Getty Images\n\n" + body2, []role{{"Larry", annotation.Caption}}},
		{"a caption with an agency line", body + "\n\nKerry and Lavrov in Paris on Monday\nReuters\n\n" + body2, []role{{"Kerry and Lavrov in", annotation.Caption}}},
		{"'and/or' and '24/7' are no credits", body + "\n\nStudents and/or parents may attend\nOpen 24/7\n\n" + body2, nil},
		{"a short line between story paragraphs is a heading", body + "\n\nA new round of talks\n\n" + body2, []role{{"A new", annotation.Heading}}},
		{"a short line after a colon is no heading", "Kerry said the talks had three aims:\n\nA new round of talks\n\n" + body2, nil},
		{"a menu at the start", "Home\nWorld\nPolitics\nBusiness\nTech\nScience\n\nKerry meets Lavrov in Paris for Syria talks\n\n" + body,
			[]role{{"Home", annotation.Chrome}, {"Kerry meets", annotation.Headline}}},
		{"the last menu item above the headline is its kicker", "Home\n\nWorld\n\nPolitics\n\nBusiness\n\nTech\n\nScience\n\nMiddle East\n\nKerry meets Lavrov in Paris for Syria talks\n\n" + body,
			[]role{{"Home", annotation.Chrome}, {"World", annotation.Chrome}, {"Politics", annotation.Chrome}, {"Business", annotation.Chrome},
				{"Tech", annotation.Chrome}, {"Science", annotation.Chrome}, {"Middle East", annotation.Kicker}, {"Kerry meets", annotation.Headline}}},
		{"a short headline after a menu is no menu item", "Home\nWorld\nPolitics\nBusiness\nTech\nScience\n\nKerry meets Lavrov\n\n" + body,
			[]role{{"Home", annotation.Chrome}, {"Kerry meets", annotation.Headline}}},
		{"a few short lines at the start are no menu", "Syria\n\nIran\n\n" + body, nil},
		{"skip links at the start", "Skip to content\n\nSign in\n\nUS and Russia discuss cease-fire in Syria\n\n" + body,
			[]role{{"Skip", annotation.Chrome}, {"Sign in", annotation.Chrome}, {"US and", annotation.Headline}}},
		{"copyright footer", body + "\n\n© 2016 Al Jazeera America, LLC. All rights reserved.", []role{{"©", annotation.Chrome}}},
		{"a sentence about rights stays body", body + "\n\nThe union said all rights reserved under the contract would be honoured.", nil},
		{"furniture glued to the headline at the start stays body", "Advertisement\nUS and Russia discuss cease-fire in Syria\n\n" + body, nil},
		{"a sign-off between furniture is a byline", body + "\n\nShare this article\n\nAl Jazeera with wire services\n\nRelated News",
			[]role{{"Share", annotation.Chrome}, {"Al Jazeera", annotation.Byline}, {"Related", annotation.Chrome}}},
		{"no standfirst without a headline", "By Jane Smith\n\nWorld powers meet to discuss the war in Syria\n\n" + body,
			[]role{{"By Jane", annotation.Byline}}},
		{"a copyright credit under a description is a caption", body + "\n\nKerry and Lavrov in Paris on Monday\n© Getty Images\n\n" + body2,
			[]role{{"Kerry and Lavrov in", annotation.Caption}}},
		{"a copyright alone at the end is chrome", body + "\n\n© Al Jazeera America", []role{{"©", annotation.Chrome}}},
		{"a German quotation closes a sentence: no standfirst", "European leaders react to the deal\n\nGerman Chancellor Olaf Scholz said: „We will not leave Ukraine alone.“\n\n" + body,
			[]role{{"European", annotation.Headline}}},
		{"reported speech is the story, not a standfirst", "European leaders react to the deal\n\nThe chancellor told the Bundestag the deal was a turning point for Europe\n\n" + body,
			[]role{{"European", annotation.Headline}}},
		{"a live blog's entry times are no bylines or headings", "Storm live: flood warnings for the coast\n\n17:48 GMT\n\n" + body + "\n\n17:21 GMT\n\n" + body2,
			[]role{{"Storm live", annotation.Headline}}},
		{"'By' and a time of day opens a sentence", "Storm closes the coast road\n\nBy Monday evening a banner had been tied to the gates.\n\n" + body,
			[]role{{"Storm closes", annotation.Headline}}},
		{"a headline under a photo at the top", "Kerry and Lavrov in Paris on Monday.\nLarry Downing/Reuters\n\nUS and Russia discuss cease-fire in Syria\n\n" + body,
			[]role{{"Kerry and Lavrov", annotation.Caption}, {"US and Russia", annotation.Headline}}},
		{"a copyright line without a year", body + "\n\nCopyright Al Jazeera America", []role{{"Copyright", annotation.Chrome}}},
		{"a sentence about copyright stays body", body + "\n\nCopyright holders will be paid from the fund, the minister said.", nil},
		{"a sign-off in the middle is body", "Reporting by Jane Smith showed the ministry had lied, officials said\n\n" + body, nil},
	}
	for _, c := range cases {
		checkRoles(t, c.name, c.text, c.want)
	}
}

// structureTexts are inputs that could make Structure slower than linear, at
// their large size: one long line of 1 MB with no line break, 100,000 short
// lines with no blank line between them (one paragraph) of several kinds, and
// 100,000 small paragraphs.
var structureTexts = []struct {
	name string
	text string
}{
	{"one-line", strings.Repeat("Kerry said the talks were constructive and ", 1<<20/43)},
	{"one-line-slashes", strings.Repeat("x/Reuters/", 1<<20/10)},
	{"short-lines", strings.Repeat("Talks Resume As Dam Stalls\n", 100000)},
	{"menu-lines", strings.Repeat("World\n", 100000)},
	{"furniture-lines", strings.Repeat("Related News\nIran, Syria\n", 50000)},
	{"credit-lines", strings.Repeat("Larry Downing/AFP/Getty Images\n", 100000)},
	{"short-paragraphs", strings.Repeat("World\n\n", 100000)},
	{"furniture-paragraphs", strings.Repeat("Related News\n\n", 100000)},
	{"headings", strings.Repeat("Talks resume\n\nKerry said the talks were constructive and would resume on Monday in Paris.\n\n", 50000)},
}

// TestStructureLinearTime is the guard against steps worse than linear: on
// each input the time per byte stays within 8 times that at a 32nd of the
// size. A quadratic step makes it about 32 times; the margin is for a shared
// machine's noise.
func TestStructureLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("times inputs of 1 MB")
	}
	for _, c := range structureTexts {
		large := c.text
		small := large[:len(large)/32]
		ts, tl := time.Duration(1<<63-1), time.Duration(1<<63-1)
		for range 5 { // the fastest of five runs, interleaved so that a busy moment slows both alike
			start := time.Now()
			Structure(small)
			ts = min(ts, time.Since(start))
			start = time.Now()
			Structure(large)
			tl = min(tl, time.Since(start))
		}
		perSmall := float64(ts) / float64(len(small))
		perLarge := float64(tl) / float64(len(large))
		t.Logf("%-20s %8d B in %10v, %8d B in %10v: %.2f× the time per byte", c.name, len(small), ts, len(large), tl, perLarge/perSmall)
		if perLarge > 8*perSmall {
			t.Errorf("%s: %.1f× the time per byte at 32× the size (%v for %d bytes, %v for %d): a step is worse than linear",
				c.name, perLarge/perSmall, ts, len(small), tl, len(large))
		}
	}
}

// FuzzStructure: Structure never panics, and its blocks are in text order,
// inside the text, not overlapping, each whole paragraphs, with valid roles.
func FuzzStructure(f *testing.F) {
	f.Add(sample.Text())
	files, _ := filepath.Glob(filepath.Join("testdata", "structure", "*.txt"))
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	for _, s := range []string{"", "\n\n\n", "By \n\n(", "Image copyright\n\n", "Credit\n\n/", "( )\n\n\xff/\xfe", "Photo:\n\n©", "\n\n\n a \n\n\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		blocks := Structure(text)
		ps := Paragraphs(text)
		n := anchor.CodePointLen(text)
		for i, b := range blocks {
			if !b.Role.Valid() {
				t.Fatalf("block %d %+v: invalid role", i, b)
			}
			if b.Start < 0 || b.End > n || b.Start >= b.End {
				t.Fatalf("block %d %+v: outside the text of %d code points or empty", i, b, n)
			}
			if i > 0 && blocks[i-1].End > b.Start {
				t.Fatalf("block %d %+v: before or over block %d %+v", i, b, i-1, blocks[i-1])
			}
			first := slices.IndexFunc(ps, func(p Paragraph) bool { return p.Start == b.Start })
			last := slices.IndexFunc(ps, func(p Paragraph) bool { return p.End == b.End })
			if first < 0 || last < first {
				t.Fatalf("block %d %+v: not whole paragraphs of %v", i, b, ps)
			}
		}
		if again := Structure(text); !slices.Equal(again, blocks) {
			t.Fatalf("Structure gave %v, then %v", blocks, again)
		}
	})
}
