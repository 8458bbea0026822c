package suggest

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/sample"
)

var testNow = time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)

// TestMinConfidence checks the filter: scare quotes go at 0.5, and a kept
// quote keeps its speaker even when the speaker's own score is lower.
func TestMinConfidence(t *testing.T) {
	doc := annotation.NewDocument(sample.Title, sample.Text(), sample.Source)
	all := Suggest(doc, Options{Now: testNow})
	high := Suggest(doc, Options{Now: testNow, MinConfidence: 0.8})
	if len(high) >= len(all) {
		t.Fatalf("MinConfidence 0.8 kept %d of %d suggestions", len(high), len(all))
	}
	byID := map[annotation.ID]annotation.Annotation{}
	for _, a := range high {
		byID[a.ID] = a
	}
	for _, a := range high {
		if a.Confidence < 0.8 && a.Kind != annotation.Source {
			t.Errorf("%s %q has confidence %v below the minimum", a.Kind, a.Exact, a.Confidence)
		}
		if a.Speaker != "" {
			if _, ok := byID[a.Speaker]; !ok {
				t.Errorf("quote %q lost its speaker", a.Exact)
			}
		}
		if !a.Created.Equal(testNow) || a.Origin != annotation.Suggested {
			t.Errorf("%q: created %v origin %q, want %v suggested", a.Exact, a.Created, a.Origin, testNow)
		}
	}
	if err := annotation.NewFile(doc, high).Validate(); err != nil {
		t.Fatal(err)
	}
}

// TestQuoteMarks checks the pairing of quotation marks case by case.
func TestQuoteMarks(t *testing.T) {
	tests := []struct {
		name string // why the case exists
		text string
		want []string // the quoted words suggested, in order
	}{
		{"straight marks", `"Yes," he said.`, []string{"Yes,"}},
		{"apostrophes inside a quote do not end it", `“It’s the organizers’ best chance,” she said.`, []string{"It’s the organizers’ best chance,"}},
		{"apostrophes alone are no quote", `It’s the ’90s and the organizers’ plan, rock 'n' roll.`, nil},
		{"an inch mark is no quote", `He is 5'10" tall and 6'2" wide, officials said.`, nil},
		{"an inch mark inside a quote", `"He is 5'10" tall," she said.`, []string{`He is 5'10" tall,`}},
		{"single quotes with a speaker", `‘We will win,’ Kerry said.`, []string{"We will win,"}},
		{"single quotes with no speaker are left out", `the so-called ‘peace plan’ failed`, nil},
		{"code call", `Type print("hello") and press enter.`, nil},
		{"url", `See https://example.com/?q="x" now.`, nil},
		{"unclosed quote is dropped", `"This never closes, he said.`, nil},
		{"multi-paragraph", "\"First part.\n\n\"Second part,\" she said.", []string{"First part.\n\n\"Second part,"}},
		{"paragraph not reopened ends nothing", "\"First part.\n\nThen prose.", nil},
		{"guillemets", `« Bonjour », dit-il. Kerry said «merci».`, []string{"Bonjour", "merci"}},
		{"corner brackets", `Kishida said: 「We must remain calm.」`, []string{"We must remain calm."}},
		{"book title", `Her book "The Art of Peace" sold well.`, nil},
		{"song title in single quotes", `The song 'Blue Moon' closes the show.`, nil},
		{"title case after a naming verb", `a group called "Friends of Syria" met`, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, a := range Suggest(annotation.NewDocument("t", tc.text, ""), Options{Now: testNow}) {
				if a.Kind == annotation.Quote {
					got = append(got, a.Exact)
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("text %q\ngot  %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

// TestCredits checks the finding of photo credit lines case by case; their
// parsing is annotation.ParseCredit's, tested there.
func TestCredits(t *testing.T) {
	tests := []struct {
		name string // why the case exists
		text string
		want []string // the credits suggested, in order
	}{
		{"slashes", "Larry Downing/AFP/Getty Images", []string{"Larry Downing/AFP/Getty Images"}},
		{"bracketed at a caption's end", "Kerry arrives. (AP Photo/Evan Vucci)", []string{"AP Photo/Evan Vucci"}},
		{"AP's archive mark", "Kerry arrives. (AP Photo/Susan Walsh, File)", []string{"AP Photo/Susan Walsh, File"}},
		{"an agency for a client", "Jane Doe/Getty Images for Netflix", []string{"Jane Doe/Getty Images for Netflix"}},
		{"via a distributor", "Larry Downing/AFP via Getty Images", []string{"Larry Downing/AFP via Getty Images"}},
		{"photo courtesy of", "Photo courtesy of the RNLI", []string{"Photo courtesy of the RNLI"}},
		{"image credit", "Image credit: NASA", []string{"Image credit: NASA"}},
		{"illustration", "Illustration: Tom Park", []string{"Illustration: Tom Park"}},
		{"the New York Times's label", "Credit Chang W. Lee/The New York Times", []string{"Credit Chang W. Lee/The New York Times"}},
		{"a photographer for an outlet", "Credit Kirsten Luce for The New York Times", []string{"Credit Kirsten Luce for The New York Times"}},
		{"a distributor after a comma", "Credit Jeon Heon-Kyun/EPA, via Shutterstock", []string{"Credit Jeon Heon-Kyun/EPA, via Shutterstock"}},
		{"two agencies and a dash", "Credit Ashraf Shazly/Agence France-Presse — Getty Images", []string{"Credit Ashraf Shazly/Agence France-Presse — Getty Images"}},
		{"photo by, with an outlet", "Photo by Jane Smith/Riverton Gazette", []string{"Photo by Jane Smith/Riverton Gazette"}},
		{"closing a caption", "Workers clear debris in Paris on Sunday. Benoit Tessier/Reuters", []string{"Benoit Tessier/Reuters"}},
		{"labelled, closing a caption", "Mayor Okafor at City Hall. Photo by Jane Smith/Riverton Gazette", []string{"Photo by Jane Smith/Riverton Gazette"}},
		{"glued to a caption, as a page's text runs", "Protesters in Cairo on Friday.Credit Chang W. Lee/The New York Times", []string{"Credit Chang W. Lee/The New York Times"}},
		{"after a caption with initials", "Sen. J. Park speaks. Credit Ana Ruiz/The Daily Ledger", []string{"Credit Ana Ruiz/The Daily Ledger"}},
		{"Credit with no colon before a company is no credit", "Credit Suisse Chief Executive Thomas Gottstein", nil},
		{"a sentence that ends in a slash is no credit", "He said it was a 50/50 call. The rest is history/politics", nil},
		{"lower-case slashes are no credit", "The 24/7 hotline and/or the website", nil},
		{"a sentence after a label is no credit", "Photo: the crowd gathered outside the court on Monday.", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, a := range Suggest(annotation.NewDocument("t", tc.text, ""), Options{Now: testNow}) {
				if a.Kind == annotation.PhotoCredit {
					got = append(got, a.Exact)
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("text %q\ngot  %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

// TestConcurrentAndRepeated checks that calls at once and one after another,
// on texts long and short, find the same: the analyzer's pooled buffers carry
// nothing from one call to the next.
func TestConcurrentAndRepeated(t *testing.T) {
	texts := []string{words(3000), sample.Text(), "\"Yes,\" he said.", words(1000)}
	spans := func(anns []annotation.Annotation) string {
		var b strings.Builder
		for _, a := range anns {
			fmt.Fprintf(&b, "%s %d %d %v %q|", a.Kind, a.Start, a.End, a.Confidence, a.Name)
		}
		return b.String()
	}
	want := make([]string, len(texts))
	for i, text := range texts {
		want[i] = spans(Suggest(annotation.NewDocument("t", text, ""), Options{Now: testNow}))
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Go(func() {
			for k := range 3 * len(texts) {
				i := (g + k) % len(texts)
				if got := spans(Suggest(annotation.NewDocument("t", texts[i], ""), Options{Now: testNow})); got != want[i] {
					t.Errorf("text %d: call %d of goroutine %d differs from the first call", i, k, g)
				}
			}
		})
	}
	wg.Wait()
}

// FuzzSuggest checks that any text gives suggestions that form a valid file.
func FuzzSuggest(f *testing.F) {
	f.Add(sample.Text())
	f.Add("\"a\n\n\"b\" «c» „d“ ‚e‘ 「f」 5'10\" '90s")
	f.Add("(AP Photo/X Y)\nPhoto: A for B\n\"x,\" he said")
	for _, p := range pathological { // the inputs that were once slower than linear
		f.Add(p.text(50))
	}
	f.Fuzz(func(t *testing.T, text string) {
		doc := annotation.NewDocument("f", text, "")
		anns := Suggest(doc, Options{Now: testNow})
		if err := annotation.NewFile(doc, anns).Validate(); err != nil {
			t.Fatalf("text %q: %v", text, err)
		}
	})
}

// TestFirstNameGender checks the first-name table: names only one list has,
// a name on both (unknown), case, and names on neither.
func TestFirstNameGender(t *testing.T) {
	for name, want := range map[string]byte{
		"Maria": 'f', "jenna": 'f', "AMARA": 'f', "Tom": 'm', "Paul": 'm', "Sergei": 'm',
		"Lee": 0, "Dana": 0, "Jordan": 0, // on both lists
		"Priya": 0, "Xq": 0, "": 0, "Aaren": 'f', "Zolly": 'm',
	} {
		if got := firstNameGender(name); got != want {
			t.Errorf("firstNameGender(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestSpeakerPatterns checks, case by case, the ways news text gives a
// quote's speaker (the patterns of testdata/corpus/README.md, with the issue's
// own examples): each quote's suggested speaker, "" for none.
func TestSpeakerPatterns(t *testing.T) {
	for _, tc := range []struct {
		text string
		want map[string]string // quote → speaker's name
	}{
		{"The Daily Ledger endorsed the mayor on Sunday.\n\n“She has earned a second term,” the newspaper wrote.",
			map[string]string{"She has earned a second term,": "Daily Ledger"}},
		{"“The rates will rise,” a spokeswoman for the bank said.", map[string]string{"The rates will rise,": "a spokeswoman for the bank"}},
		{"Maria Okafor disagreed with Paul Brandt. “It cannot work this way,” she told reporters.",
			map[string]string{"It cannot work this way,": "Maria Okafor"}},
		{"“Our secret weapon is the voters,” vice presidential candidate Tom Reyes said on Sunday.",
			map[string]string{"Our secret weapon is the voters,": "Tom Reyes"}},
		{"“We will win,” said the campaign’s communications director, Jenna Holt, adding that the polls were wrong.",
			map[string]string{"We will win,": "Jenna Holt"}},
		{"Tom Reyes is running.\n\n“We will win,” a smiling Reyes said before boarding.", map[string]string{"We will win,": "Tom Reyes"}},
		{"Labor markets remained “tight,” according to the survey.", map[string]string{"tight,": "survey"}},
		{"Senator Lee Park put it bluntly:\n\n“We have run out of time.”", map[string]string{"We have run out of time.": "Lee Park"}},
		{"“We talked today,” Kerry said. “Maybe in Aleppo. Maybe elsewhere.”",
			map[string]string{"We talked today,": "Kerry", "Maybe in Aleppo. Maybe elsewhere.": "Kerry"}},
		{"Priya Natarajan has fought for the park for a decade. “We have waited years for this,” she said.\n\nJohn Miller, the city engineer, said work would start in May.",
			map[string]string{"We have waited years for this,": "Priya Natarajan"}},
		{"Tom Reyes is running.\n\n“We will win.” Reyes said.", map[string]string{"We will win.": "Tom Reyes"}},
		{"“We will win,” Sen. Tom Reyes (R-Iowa) said.", map[string]string{"We will win,": "Tom Reyes"}},
		{"Tom Reyes is running. Reyes, speaking to reporters, said the campaign was “in great shape.”",
			map[string]string{"in great shape.": "Tom Reyes"}},
		{"“We will win,” Reyes told Jake Tapper on “State of the Union.”", map[string]string{"We will win,": "Reyes"}},
		{"Mr. Hale and Ms. Park met on Monday. “I like him,” she said.", map[string]string{"I like him,": "Park"}},
		{"Its president, Gary Lutz, put it this way:\n\n“Somebody will wait 20 minutes for a car.”",
			map[string]string{"Somebody will wait 20 minutes for a car.": "Gary Lutz"}},
		{"Harold Crane’s plan was debated. Asked why, she shrugs.\n\n‘I would have been terrible at it,’ he admits. ‘Ask anyone.’",
			map[string]string{"I would have been terrible at it,": "Harold Crane", "Ask anyone.": "Harold Crane"}},
		// A party and state after the name, an appositive, then a partial quote.
		{"Sen. Maria Estrada, D-Calif., the top Democrat on the panel, called the plan “a cruel bargaining chip.”",
			map[string]string{"a cruel bargaining chip.": "Maria Estrada"}},
		// A participle after the clause: the sentence's subject speaks.
		{"PHOENIX (Wire) — Gov. Nadia Ferrell on Friday vetoed the bill, calling it “a giveaway.”",
			map[string]string{"a giveaway.": "Nadia Ferrell"}},
		// The name set off after the source of "according to".
		{"The race is “a coin flip,” according to the poll’s director, Ann Sheffield.",
			map[string]string{"a coin flip,": "Ann Sheffield"}},
		// A description resolved by its kind of body, and named in the reason.
		{"Kestrel Wireless said Tuesday that hackers had stolen data.\n\nThe company said it had found “no evidence of misuse.”",
			map[string]string{"no evidence of misuse.": "Kestrel Wireless"}},
		// An answer to a question is not the questioner's.
		{"Prosecutor Rebecca Lowell questioned Jillian Sato on Tuesday.\n\n“Did you have a choice?” Lowell asked.\n\n“I had a mortgage,” the witness replied.",
			map[string]string{"Did you have a choice?": "Rebecca Lowell", "I had a mortgage,": "Jillian Sato"}},
		// A speaker the engine cannot name ("I said") is not the one before.
		{"“We talked,” Walt Kessler said. I said, “Walt, it is late.”",
			map[string]string{"We talked,": "Walt Kessler", "Walt, it is late.": ""}},
		// A pronoun and a verb that is not a reporting one, resolved by gender.
		{"Maya Thornton stepped up to the microphone. Her father, Kevin Thornton, held the paper.\n\n“Jefferson is where I learned math,” she read.",
			map[string]string{"Jefferson is where I learned math,": "Maya Thornton"}},
		// Someone says what a report showed: the words are theirs.
		{"The House speaker, Thomas Grady, said in a statement that the report showed “an economy running on fumes.”",
			map[string]string{"an economy running on fumes.": "Thomas Grady"}},
		// A quotation that is a sentence of its own after a sentence about someone.
		{"Asked about her medal, Ruth Adeyemi grinned. ‘Give it to my nan.’",
			map[string]string{"Give it to my nan.": "Ruth Adeyemi"}},
		// A politician called by state and party.
		{"Sen. Ted Cruz, R-Texas, spoke on Monday. The Texas Republican told reporters: “I will vote my conscience.”",
			map[string]string{"I will vote my conscience.": "Ted Cruz"}},
	} {
		anns := Suggest(annotation.NewDocument("t", tc.text, ""), Options{Now: testNow})
		byID := map[annotation.ID]annotation.Annotation{}
		for _, a := range anns {
			byID[a.ID] = a
		}
		got := map[string]string{}
		for _, a := range anns {
			if a.Kind == annotation.Quote {
				got[a.Exact] = ""
				if sp, ok := byID[a.Speaker]; ok && a.Speaker != "" {
					got[a.Exact] = sp.DisplayName()
				}
			}
		}
		if !maps.Equal(got, tc.want) {
			t.Errorf("%q\ngot  %q\nwant %q", tc.text, got, tc.want)
		}
	}
}

// TestChromeSkipped checks that nothing is suggested in page furniture, and
// that what follows it keeps its offsets.
func TestChromeSkipped(t *testing.T) {
	body := "“We will win,” Maria Okafor said on Monday."
	furniture := "Most popular\n“I was stunned,” said Paul Brandt. Photo: Jane Smith/Reuters"
	doc := annotation.NewDocument("t", body+"\n\n"+furniture+"\n\n"+body, "")
	all := Suggest(doc, Options{Now: testNow})
	start := anchor.CodePointLen(body) + 2
	end := start + anchor.CodePointLen(furniture)
	inside := func(anns []annotation.Annotation) (n int) {
		for _, a := range anns {
			if a.Start < end && a.End > start {
				n++
			}
		}
		return n
	}
	if inside(all) == 0 {
		t.Fatal("without blocks, nothing was suggested in the furniture: the test proves nothing")
	}
	doc.Blocks = []annotation.Block{{Start: start, End: end, Role: annotation.Chrome}}
	got := Suggest(doc, Options{Now: testNow})
	if n := inside(got); n != 0 {
		t.Errorf("%d suggestions inside the chrome block", n)
	}
	var after []string
	for _, a := range got {
		if a.Start >= end {
			after = append(after, fmt.Sprintf("%s %d-%d %s", a.Kind, a.Start, a.End, a.Exact))
		}
	}
	var want []string
	for _, a := range all {
		if a.Start >= end {
			want = append(want, fmt.Sprintf("%s %d-%d %s", a.Kind, a.Start, a.End, a.Exact))
		}
	}
	if len(want) < 2 || !slices.Equal(after, want) {
		t.Errorf("after the chrome: %q, want %q", after, want)
	}
	if err := annotation.NewFile(doc, got).Validate(); err != nil {
		t.Error(err)
	}
}

// TestQuoteAfterHeadline checks that a headline's last word does not make the
// quote opening the next paragraph a title ("… headline" / “…”): the reader
// view puts the headline first.
func TestQuoteAfterHeadline(t *testing.T) {
	for _, text := range []string{"Paper hails new headline\n\n“We are ready,” said Jane Doe.", "Council approves bridge\n\n“We are ready,” said Jane Doe."} {
		var quotes []string
		for _, a := range Suggest(annotation.NewDocument("t", text, ""), Options{Now: testNow}) {
			if a.Kind == annotation.Quote && a.Speaker != "" {
				quotes = append(quotes, a.Exact)
			}
		}
		if !slices.Equal(quotes, []string{"We are ready,"}) {
			t.Errorf("%q: quotes with a speaker %q, want the one", text, quotes)
		}
	}
}

// TestCaptionAgency checks that inside a photo's caption an agency's name
// alone is a credit ("Getty Images" under it, "(AP)" closing it), and that
// outside captions it is not.
func TestCaptionAgency(t *testing.T) {
	text := "Crowds at the rally on Sunday.\nGetty Images\n\nThe mayor arrives at City Hall. (AP)\n\nShares of Getty Images fell.\n\nReuters"
	doc := annotation.NewDocument("t", text, "")
	credits := func() (got []string) {
		for _, a := range Suggest(doc, Options{Now: testNow}) {
			if a.Kind == annotation.PhotoCredit {
				got = append(got, a.Exact+" "+strings.Join(a.Credit.Agencies, ","))
			}
		}
		return got
	}
	if got := credits(); len(got) != 0 {
		t.Errorf("without captions, credits %q", got)
	}
	first, second := anchor.CodePointLen("Crowds at the rally on Sunday.\nGetty Images"), anchor.CodePointLen("The mayor arrives at City Hall. (AP)")
	doc.Blocks = []annotation.Block{{Start: 0, End: first, Role: annotation.Caption}, {Start: first + 2, End: first + 2 + second, Role: annotation.Caption}}
	if got, want := credits(), []string{"Getty Images Getty Images", "AP AP"}; !slices.Equal(got, want) {
		t.Errorf("credits %q, want %q", got, want)
	}
}

// TestSpeakerReasons checks that a speaker link says how it was found, and
// that its confidence falls with the evidence: a name next to the quote, a
// pronoun with one person it can stand for, a description given a body by
// its kind, a description given a person by being the only one near.
func TestSpeakerReasons(t *testing.T) {
	text := "Kestrel Wireless said Tuesday that hackers had stolen data. “We are sorry,” said Dana Ruiz, a spokeswoman.\n\n" +
		"“It will not happen again,” she said.\n\n" +
		"The company said it had found “no evidence of misuse.”"
	anns := Suggest(annotation.NewDocument("t", text, ""), Options{Now: testNow})
	byID := map[annotation.ID]annotation.Annotation{}
	for _, a := range anns {
		byID[a.ID] = a
	}
	got := map[string]annotation.Annotation{}
	for _, a := range anns {
		if a.Kind == annotation.Quote {
			got[a.Exact] = a
		}
	}
	for _, want := range []struct {
		quote, speaker, reason string
		max                    float64
	}{
		{"We are sorry,", "Dana Ruiz", "named right after the quote", 0.95},
		{"It will not happen again,", "Dana Ruiz", "“she”, named right after the quote", 0.9},
		{"no evidence of misuse.", "Kestrel Wireless", "“company”, the subject of the quote's sentence", 0.85},
	} {
		a, ok := got[want.quote]
		if !ok {
			t.Errorf("quote %q not suggested", want.quote)
			continue
		}
		if sp := byID[a.Speaker].DisplayName(); sp != want.speaker || a.SpeakerReason != want.reason || a.SpeakerConfidence > want.max || a.SpeakerConfidence < 0.6 {
			t.Errorf("%q: speaker %q (%q, %v), want %q (%q, at most %v)", want.quote, sp, a.SpeakerReason, a.SpeakerConfidence, want.speaker, want.reason, want.max)
		}
	}
}
