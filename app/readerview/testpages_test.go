package readerview

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/newsroom/annotator/app/annotation"
	"golang.org/x/net/html"
)

// pageURL is the address the test pages are read as coming from, as in
// go-readability's own tests.
const pageURL = "http://fakehost/test/page.html"

// newsPages are the English news pages among Mozilla Readability's test pages.
var newsPages = []string{
	"ars-1", "bbc-1", "breitbart", "bug-1255978", "buzzfeed-1", "citylab-1", "cnet", "cnn",
	"engadget", "guardian-1", "herald-sun-1", "lazy-image-2", "medicalnewstoday", "msn",
	"noscript-img-1", "noscript-img-2", "nytimes-1", "nytimes-2", "nytimes-3", "nytimes-4",
	"quanta-1", "salon-1", "schema-org-context-object", "seattletimes-1", "telegraph", "theverge",
	"tmz-1", "videos-1", "wapo-1", "wapo-2", "webmd-1", "webmd-2", "wikia", "yahoo-1", "yahoo-3",
}

// leftOut are the English news pages not tested, and why.
var leftOut = map[string]string{
	"nytimes-5": "the New York Times en Español: the article is in Spanish",
	"yahoo-2":   "Yahoo News's front page, a list of stories rather than an article (expected.html is one teaser)",
}

// creditsInFigures are the photo credits the source pages show in the
// captions of their article's figures, read off source.html by hand. Each must
// be on a line of a caption block.
var creditsInFigures = map[string][]string{
	"nytimes-1": {"Credit Ashraf Shazly/Agence France-Presse — Getty Images"},
	"nytimes-2": {"Credit Harry Campbell"},
	"nytimes-3": {
		"Credit Chang W. Lee/The New York Times",
		"Credit Kirsten Luce for The New York Times",
		"Credit Michael Appleton for The New York Times",
		"Credit Fred R. Conrad/The New York Times",
		"Credit Hiroko Masuike/The New York Times",
		"Credit Ãngel Franco/The New York Times", // the source's own mojibake
	},
	"nytimes-4": {"Credit Jeon Heon-Kyun/EPA, via Shutterstock"},
	"citylab-1": {"Benoit Tessier/Reuters", "(AP)", "(John Minchillo / AP)"},
	"ars-1":     {"Kevin"},
	"engadget":  {"Devindra Hardawar/AOL"},
	"quanta-1":  {"Olena Shmahalo/Quanta Magazine", "5W Infographics for Quanta Magazine; sources: Wikimedia Commons, Mathematical Association of America, MIT Museum"},
	"telegraph": {"Credit: HARARE HERALD", "Credit: DESMOND KWANDE/ AFP", "Credit: STR/AFP"},
	"guardian-1": {
		"Photograph: Adrian Malloch for the Guardian",
	},
	"bug-1255978":               {"Getty Images"},
	"cnet":                      {"Photo by James Martin/CNET"},
	"schema-org-context-object": {"Anthony Wallace / AFP - Getty Images", "Ezra Acayan / Getty Images"},
	"seattletimes-1":            {"(Ellen M. Banner / The Seattle Times)"},
	"theverge":                  {"Image: Vjeran Pavic / The Verge"},
}

var (
	pagesOnce sync.Once
	pagesDir  string
	pagesErr  error
)

// goListReadabilityDir returns go-readability's directory in the module cache.
func goListReadabilityDir() (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "codeberg.org/readeck/go-readability/v2").Output()
	if err != nil {
		return "", fmt.Errorf("go list -m codeberg.org/readeck/go-readability/v2: %v", err)
	}
	if dir := strings.TrimSpace(string(out)); dir != "" {
		return dir, nil
	}
	return "", fmt.Errorf("go list -m codeberg.org/readeck/go-readability/v2: the module is not downloaded")
}

// testPagesDir returns the directory of go-readability's test pages in the
// module cache, or skips the test.
func testPagesDir(t testing.TB) string {
	t.Helper()
	pagesOnce.Do(func() {
		dir, err := goListReadabilityDir()
		if err != nil {
			pagesErr = err
			return
		}
		pagesDir = filepath.Join(dir, "test-pages")
		if _, err := os.Stat(pagesDir); err != nil {
			pagesErr = err
		}
	})
	if pagesErr != nil {
		t.Skipf("go-readability's test pages are not in the module cache (run go mod download codeberg.org/readeck/go-readability/v2): %v", pagesErr)
	}
	return pagesDir
}

// expectedMeta is a test page's expected-metadata.json.
type expectedMeta struct {
	Title         string  `json:"title"`
	Byline        *string `json:"byline"`
	SiteName      *string `json:"siteName"`
	PublishedTime *string `json:"publishedTime"`
	Language      *string `json:"language"`
	Lang          *string `json:"lang"`
}

// testPage is one of the test pages read.
type testPage struct {
	name     string
	source   []byte
	expected string // the text of expected.html
	meta     expectedMeta
}

func loadPage(t testing.TB, name string) testPage {
	t.Helper()
	dir := filepath.Join(testPagesDir(t), name)
	src, err := os.ReadFile(filepath.Join(dir, "source.html"))
	if err != nil {
		t.Fatal(err)
	}
	exp, err := os.ReadFile(filepath.Join(dir, "expected.html"))
	if err != nil {
		t.Fatal(err)
	}
	metaJSON, err := os.ReadFile(filepath.Join(dir, "expected-metadata.json"))
	if err != nil {
		t.Fatal(err)
	}
	p := testPage{name: name, source: src}
	if err := json.Unmarshal(metaJSON, &p.meta); err != nil {
		t.Fatalf("%s: expected-metadata.json: %v", name, err)
	}
	doc, err := html.Parse(strings.NewReader(string(exp)))
	if err != nil {
		t.Fatal(err)
	}
	p.expected = render.InnerText(doc)
	return p
}

// bodyText is the text of doc without its headline and byline blocks, and
// without the caption blocks whose text is in leave.
func bodyText(doc annotation.Document, leave []string) string {
	runes := []rune(doc.Text)
	var b strings.Builder
	at := 0
	for _, bl := range doc.Blocks {
		drop := bl.Role == annotation.Headline || bl.Role == annotation.Byline ||
			bl.Role == annotation.Caption && slices.Contains(leave, string(runes[bl.Start:bl.End]))
		if !drop {
			continue
		}
		b.WriteString(string(runes[at:bl.Start]))
		b.WriteString("\n\n")
		at = bl.End
	}
	b.WriteString(string(runes[at:]))
	return b.String()
}

// overlap returns the word precision and recall of got against want: the share
// of got's words (lower-case runs of letters and digits, counted with
// multiplicity) that are in want, and of want's that are in got.
func overlap(got, want string) (precision, recall float64, missing, extra []string) {
	gw, ww := words(got), words(want)
	count := map[string]int{}
	for _, w := range ww {
		count[w]++
	}
	common := 0
	for _, w := range gw {
		if count[w] > 0 {
			count[w]--
			common++
		} else {
			extra = append(extra, w)
		}
	}
	for w, n := range count {
		for range n {
			missing = append(missing, w)
		}
	}
	sort.Strings(missing)
	if len(gw) > 0 {
		precision = float64(common) / float64(len(gw))
	}
	if len(ww) > 0 {
		recall = float64(common) / float64(len(ww))
	}
	return precision, recall, missing, extra
}

// titleVerdict compares the extracted title with the expected one: "exact",
// "suffix dropped" when the expected title is ours with a site name after a
// separator, or "" when they differ.
func titleVerdict(got, want string) string {
	want = strings.Join(strings.Fields(want), " ")
	if got == want {
		return "exact"
	}
	if rest, ok := strings.CutPrefix(want, got); ok && got != "" {
		for _, sep := range titleSeparators {
			if strings.HasPrefix(rest, sep) {
				return "suffix dropped: " + strings.TrimSpace(rest)
			}
		}
	}
	return ""
}

// captionLines returns the lines of doc's caption blocks.
func captionLines(doc annotation.Document) (captions []string) {
	runes := []rune(doc.Text)
	for _, b := range doc.Blocks {
		if b.Role == annotation.Caption {
			captions = append(captions, string(runes[b.Start:b.End]))
		}
	}
	return captions
}

func TestTestPages(t *testing.T) {
	dir := testPagesDir(t)
	for name, why := range leftOut {
		t.Logf("left out %s: %s", name, why)
	}
	dump := os.Getenv("READERVIEW_DUMP") // a directory to write each page's text to, for a reader to check
	var table []string
	table = append(table, fmt.Sprintf("%-26s %6s %6s %6s %6s %4s  %-5s %s", "page", "words", "P", "R", "P+rec", "rec", "title", "title extracted"))
	var allCredits, allRecovered []string
	for _, name := range newsPages {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s: not among the test pages: %v", name, err)
			continue
		}
		p := loadPage(t, name)
		t.Run(name, func(t *testing.T) {
			doc, recovered, err := extract(p.source, "text/html; charset=utf-8", pageURL)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if dump != "" {
				os.WriteFile(filepath.Join(dump, name+".txt"), []byte(doc.Text), 0o644)
			}
			// The captions recovered from the page are not in expected.html,
			// which is readability's output: precision is measured without
			// them (P) and with them (P+rec).
			body := bodyText(doc, recovered)
			prec, rec, missing, extra := overlap(body, p.expected)
			precAll, _, _, _ := overlap(bodyText(doc, nil), p.expected)
			for _, c := range recovered {
				allRecovered = append(allRecovered, name+": "+strings.ReplaceAll(c, "\n", " / "))
			}
			verdict := titleVerdict(doc.Title, p.meta.Title)
			ok := "ok"
			if verdict == "" {
				ok = "NO"
			}
			table = append(table, fmt.Sprintf("%-26s %6d %6.3f %6.3f %6.3f %4d  %-5s %q %s", name, len(words(body)), prec, rec, precAll, len(recovered), ok, doc.Title, strings.TrimPrefix(verdict, "exact")))
			if prec < 0.95 || rec < 0.95 {
				t.Errorf("precision %.3f, recall %.3f, want both ≥ 0.95\nmissing (%d): %s\nextra (%d): %s", prec, rec,
					len(missing), strings.Join(firstN(missing, 80), " "), len(extra), strings.Join(firstN(extra, 80), " "))
			}
			if verdict == "" {
				t.Errorf("title %q, want %q (or it without a site name)", doc.Title, p.meta.Title)
			}
			for _, name := range []string{doc.Site, doc.Byline} {
				for _, sep := range titleSeparators {
					if name != "" && strings.HasSuffix(doc.Title, sep+name) {
						t.Errorf("title %q ends with the name %q", doc.Title, name)
					}
				}
			}
			checkMeta(t, doc, p.meta)
			checkDocument(t, doc)
			if strings.ContainsRune(doc.Text, '\uFFFD') {
				t.Error("text holds U+FFFD: bytes were misdecoded")
			}
			captions := captionLines(doc)
			for _, c := range captions {
				if _, credit, ok := strings.Cut(c, "\n"); ok {
					allCredits = append(allCredits, name+": "+credit)
				} else if _, labelled := annotation.CutCreditLabel(c); labelled {
					allCredits = append(allCredits, name+": "+c+" (the whole caption)")
				}
			}
			for _, want := range creditsInFigures[name] {
				found := slices.ContainsFunc(captions, func(c string) bool {
					return slices.ContainsFunc(strings.Split(c, "\n"), func(l string) bool {
						return strings.Join(strings.Fields(strings.ReplaceAll(l, "\u00a0", " ")), " ") == want
					})
				})
				if !found {
					t.Errorf("credit %q is not a line of a caption block; captions: %q", want, captions)
				}
			}
		})
	}
	t.Logf("English news test pages (P, R: word precision and recall of the body text against expected.html):\n%s", strings.Join(table, "\n"))
	t.Logf("credit lines in captions (%d):\n%s", len(allCredits), strings.Join(allCredits, "\n"))
	t.Logf("captions recovered from the page where readability dropped them (%d):\n%s", len(allRecovered), strings.Join(allRecovered, "\n"))
}

func firstN(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// checkMeta compares the document's metadata with expected-metadata.json's,
// where it gives them.
func checkMeta(t *testing.T, doc annotation.Document, m expectedMeta) {
	t.Helper()
	if m.Byline != nil && *m.Byline != "" {
		got, want := strings.Join(words(doc.Byline), " "), strings.Join(words(*m.Byline), " ")
		if got == "" || !strings.Contains(want, got) && !strings.Contains(got, want) {
			t.Errorf("byline %q, want %q", doc.Byline, *m.Byline)
		}
	}
	if m.SiteName != nil && *m.SiteName != "" && doc.Site != strings.TrimSpace(*m.SiteName) {
		t.Errorf("site %q, want %q", doc.Site, *m.SiteName)
	}
	lang := m.Language
	if lang == nil {
		lang = m.Lang
	}
	if lang != nil && *lang != "" && !strings.EqualFold(doc.Language, *lang) {
		t.Errorf("language %q, want %q", doc.Language, *lang)
	}
	if m.PublishedTime != nil && *m.PublishedTime != "" {
		want, ok := parseTime(*m.PublishedTime)
		switch {
		case !ok:
			t.Errorf("expected publishedTime %q does not parse", *m.PublishedTime)
		case !doc.Published.Equal(want):
			t.Errorf("published %s, want %s", doc.Published.Format(time.RFC3339Nano), *m.PublishedTime)
		}
	}
}

// TestTestPagesBlocks checks the text and blocks of every test page that
// reads as an article, news or not: text rules, blocks within the text,
// ordered, not overlapping, covering whole paragraphs, and a file of the
// document that validates.
func TestTestPagesBlocks(t *testing.T) {
	dir := testPagesDir(t)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, e.Name(), "source.html"))
		if err != nil {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			doc, err := Extract(src, "", "")
			if err != nil {
				t.Logf("Extract: %v", err)
				return
			}
			n++
			checkDocument(t, doc)
		})
	}
	if n < 100 {
		t.Errorf("only %d test pages read as articles", n)
	}
}

// checkDocument checks the text rules and the blocks of doc, and validates a
// file of it.
func checkDocument(t *testing.T, doc annotation.Document) {
	t.Helper()
	for _, p := range textProblems(doc.Text) {
		t.Error(p)
	}
	for _, p := range blockProblems(doc.Text, doc.Blocks) {
		t.Error(p)
	}
	if doc.Title == "" {
		t.Error("no title")
	}
	if err := annotation.NewFile(doc, nil).Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
}

// textProblems lists where text breaks the text rules.
func textProblems(text string) []string {
	var ps []string
	if text == "" {
		return []string{"empty text"}
	}
	if strings.ContainsRune(text, '\r') {
		ps = append(ps, "text holds a carriage return")
	}
	if strings.Contains(text, "\n\n\n") {
		ps = append(ps, "text holds two blank lines in a row")
	}
	for i, para := range strings.Split(text, "\n\n") {
		for _, line := range strings.Split(para, "\n") {
			switch {
			case line == "":
				ps = append(ps, fmt.Sprintf("paragraph %d holds an empty line or is empty: %q", i, para))
			case strings.TrimSpace(line) != line:
				ps = append(ps, fmt.Sprintf("paragraph %d: line %q has white space at an end", i, line))
			case strings.Contains(line, "  ") || strings.ContainsAny(line, "\t\f\v"):
				ps = append(ps, fmt.Sprintf("paragraph %d: line %q has uncollapsed white space", i, line))
			}
		}
	}
	return ps
}

// blockProblems lists what is wrong with blocks over text.
func blockProblems(text string, blocks []annotation.Block) []string {
	var ps []string
	runes := []rune(text)
	n := len(runes)
	prevEnd := 0
	for i, b := range blocks {
		switch {
		case !b.Role.Valid():
			ps = append(ps, fmt.Sprintf("block %d: role %q", i, b.Role))
		case b.Start < 0 || b.End > n || b.Start >= b.End:
			ps = append(ps, fmt.Sprintf("block %d: [%d, %d) is not a span of the text (%d code points)", i, b.Start, b.End, n))
			continue
		case b.Start < prevEnd:
			ps = append(ps, fmt.Sprintf("block %d: starts at %d, before the end of block %d (%d)", i, b.Start, i-1, prevEnd))
		}
		if b.Start > 0 && (b.Start < 2 || string(runes[b.Start-2:b.Start]) != "\n\n") {
			ps = append(ps, fmt.Sprintf("block %d (%s) does not start a paragraph: %q", i, b.Role, string(runes[max(0, b.Start-10):b.Start+min(10, b.End-b.Start)])))
		}
		if b.End < n && (b.End+2 > n || string(runes[b.End:b.End+2]) != "\n\n") {
			ps = append(ps, fmt.Sprintf("block %d (%s) does not end a paragraph: %q", i, b.Role, string(runes[max(b.Start, b.End-10):min(n, b.End+10)])))
		}
		prevEnd = b.End
	}
	return ps
}

// TestMarksLeaveReadabilityAlone checks that numbering the page's elements
// (readPage) changes nothing readability finds on any test page.
func TestMarksLeaveReadabilityAlone(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every test page twice")
	}
	dir := testPagesDir(t)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		src, err := os.ReadFile(filepath.Join(dir, e.Name(), "source.html"))
		if err != nil {
			continue
		}
		plain, err := html.Parse(strings.NewReader(string(src)))
		if err != nil {
			t.Fatal(err)
		}
		marked, _ := html.Parse(strings.NewReader(string(src)))
		readPage(marked)
		a, _ := parse(plain, nil)
		b, _ := parse(marked, nil)
		var ta, tb strings.Builder
		if a.Node != nil {
			a.RenderText(&ta)
		}
		if b.Node != nil {
			b.RenderText(&tb)
		}
		if ta.String() != tb.String() || a.Title() != b.Title() || a.Byline() != b.Byline() {
			t.Errorf("%s: numbering the elements changes what readability finds", e.Name())
		}
	}
}
