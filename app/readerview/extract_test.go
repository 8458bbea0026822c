package readerview

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/annotation"
)

// filler are paragraphs long enough for readability to take the text around
// them for an article.
var filler = []string{
	"The city council voted on Tuesday to approve a new budget for the coming year, after months of debate over how to pay for repairs to the aging water system and the roads that run above it.",
	"Officials said the plan would raise fees for most households by a few dollars a month, a change they described as modest but necessary to avoid far larger costs in the years ahead.",
	"Residents who spoke at the meeting were divided, with some praising the council for acting at last and others warning that the increase would fall hardest on those least able to pay it.",
	"The mayor is expected to sign the measure later this week, and the first of the new fees would appear on bills in the spring, according to a schedule released by the city’s finance office.",
}

func fillerHTML() string {
	var b strings.Builder
	for _, p := range filler {
		b.WriteString("<p>" + p + "</p>\n")
	}
	return b.String()
}

// blockTexts returns the text of each block of doc with its role.
func blockTexts(doc annotation.Document) []string {
	runes := []rune(doc.Text)
	var out []string
	for _, b := range doc.Blocks {
		out = append(out, string(b.Role)+": "+string(runes[b.Start:b.End]))
	}
	return out
}

func mustExtract(t *testing.T, page, contentType, url string) annotation.Document {
	t.Helper()
	doc, err := Extract([]byte(page), contentType, url)
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	checkDocument(t, doc)
	return doc
}

func TestExtractTextAndBlocks(t *testing.T) {
	page := `<!DOCTYPE html><html lang="en_us"><head><meta charset="utf-8">
<title>Council Approves Budget - The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-05T09:30:00-05:00">
<link rel="canonical" href="/2024/03/05/budget.html">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article>
<h1>Council Approves Budget</h1>
<div class="story">
<p>` + filler[0] + `</p>
<p>  “It is    a\u00a0start,” said the mayor — who
   spoke last.  Co\u00adoperation   matters. </p>
<h2>What changes</h2>
<ul><li>Water fees rise.</li><li>Road repairs begin in <b>April</b>.</li></ul>
<blockquote><p>We waited long enough.</p><p>Now we pay.</p></blockquote>
<p>` + filler[1] + `</p>
<figure><img src="a.jpg" alt="A pipe"><figcaption><span>Workers fix a pipe.</span><span class="credit">Credit Chang W. Lee/The New York Times</span></figcaption></figure>
<p>` + filler[2] + `</p>
<pre>line one
    line   two

line three</pre>
<p>` + filler[3] + `</p>
</div>
</article>
<footer><p>Copyright The Daily Example</p></footer>
</body></html>`
	page = strings.ReplaceAll(page, `\u00a0`, "\u00a0")
	page = strings.ReplaceAll(page, `\u00ad`, "\u00ad")
	doc := mustExtract(t, page, "text/html; charset=utf-8", "https://example.com/news/budget?x=1")

	want := strings.Join([]string{
		"Council Approves Budget",
		"Jane Doe",
		filler[0],
		"“It is a\u00a0start,” said the mayor — who spoke last. Cooperation matters.",
		"What changes",
		"Water fees rise.",
		"Road repairs begin in April.",
		"We waited long enough.",
		"Now we pay.",
		filler[1],
		"Workers fix a pipe.\nCredit Chang W. Lee/The New York Times",
		filler[2],
		"line one\nline two\nline three",
		filler[3],
	}, "\n\n")
	if doc.Text != want {
		t.Errorf("text:\n%s\n\nwant:\n%s", doc.Text, want)
	}
	wantBlocks := []string{
		"headline: Council Approves Budget",
		"byline: Jane Doe",
		"heading: What changes",
		"item: Water fees rise.",
		"item: Road repairs begin in April.",
		"blockquote: We waited long enough.\n\nNow we pay.",
		"caption: Workers fix a pipe.\nCredit Chang W. Lee/The New York Times",
	}
	if got := blockTexts(doc); !slices.Equal(got, wantBlocks) {
		t.Errorf("blocks:\n%q\nwant:\n%q", got, wantBlocks)
	}
	if doc.Title != "Council Approves Budget" {
		t.Errorf("title %q", doc.Title)
	}
	if doc.Byline != "Jane Doe" || doc.Site != "The Daily Example" || doc.Language != "en-US" {
		t.Errorf("byline %q, site %q, language %q", doc.Byline, doc.Site, doc.Language)
	}
	if want := time.Date(2024, 3, 5, 14, 30, 0, 0, time.UTC); !doc.Published.Equal(want) {
		t.Errorf("published %v, want %v", doc.Published, want)
	}
	if doc.URL != "https://example.com/2024/03/05/budget.html" {
		t.Errorf("url %q", doc.URL)
	}
	if doc.Source != "https://example.com/news/budget?x=1" {
		t.Errorf("source %q", doc.Source)
	}
	if doc.SHA256 != annotation.TextHash(doc.Text) {
		t.Error("SHA256 is not the text's")
	}
}

// TestCaptionRecovered checks that the caption of a lead photo beside the
// headline, which readability leaves out of the article, is recovered, and
// that the captions of related-story thumbnails are not.
func TestCaptionRecovered(t *testing.T) {
	page := `<html><head><title>Storm Floods the Coast | Example News</title>
<meta property="og:site_name" content="Example News"></head><body>
<div class="header">
<h1>Storm Floods the Coast</h1>
<figure class="lead"><img src="lead.jpg"><figcaption>Waves break over the sea wall on Monday. Photograph: Jane Roe/Reuters</figcaption></figure>
</div>
<div class="body">` + fillerHTML() + `</div>
<aside class="related"><figure><img src="x.jpg"><figcaption><a href="/other">Another story you may like</a></figcaption></figure></aside>
</body></html>`
	doc := mustExtract(t, page, "", "")
	if doc.Title != "Storm Floods the Coast" {
		t.Errorf("title %q, want it without the site name", doc.Title)
	}
	want := []string{
		"headline: Storm Floods the Coast",
		"caption: Waves break over the sea wall on Monday.\nPhotograph: Jane Roe/Reuters",
	}
	if got := blockTexts(doc); !slices.Equal(got, want) {
		t.Errorf("blocks %q, want %q", got, want)
	}
	if strings.Contains(doc.Text, "Another story") {
		t.Error("a related story's caption is in the text")
	}
	if !strings.HasPrefix(doc.Text, "Storm Floods the Coast\n\nWaves break") {
		t.Errorf("the lead caption is not right after the headline:\n%s", doc.Text)
	}
}

func TestSplitCredit(t *testing.T) {
	for _, c := range []struct{ in, text, credit string }{
		{"Whale expert Hori Parata. Photograph: Adrian Malloch for the Guardian", "Whale expert Hori Parata.", "Photograph: Adrian Malloch for the Guardian"},
		{"A boat in port. (Ellen M. Banner / The Seattle Times)", "A boat in port.", "(Ellen M. Banner / The Seattle Times)"},
		{"Workers remove a sign in 1989. (AP)", "Workers remove a sign in 1989.", "(AP)"},
		{"The mayor (left) speaks.", "The mayor (left) speaks.", ""},
		{"He said photo: none of it.", "He said photo: none of it.", ""},
		{"A river at dawn (2019)", "A river at dawn (2019)", ""},
		{"Photo: Jane Doe", "Photo: Jane Doe", ""},
	} {
		text, credit := splitCredit(c.in)
		if text != c.text || credit != c.credit {
			t.Errorf("splitCredit(%q) = %q, %q; want %q, %q", c.in, text, credit, c.text, c.credit)
		}
	}
	if got := dropRepeatedLabel("Credit Credit Chang W. Lee"); got != "Credit Chang W. Lee" {
		t.Errorf("dropRepeatedLabel = %q", got)
	}
	if got := dropRepeatedLabel("Ann Ann Lee"); got != "Ann Lee" {
		t.Errorf("dropRepeatedLabel = %q", got)
	}
}

func TestNormalizeLang(t *testing.T) {
	for in, want := range map[string]string{
		"en": "en", "EN": "en", "en_us": "en-US", "en-gb": "en-GB", "zh-hant-tw": "zh-Hant-TW",
		"es-419": "es-419", "en-US, fr": "en-US", " de ": "de", "": "", "x": "", "123": "",
		"en--us": "", "en-toolongsubtag": "", "sr-Latn-RS-x-private": "sr-Latn-RS-x-private",
	} {
		if got := normalizeLang(in); got != want {
			t.Errorf("normalizeLang(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCanonicalURL(t *testing.T) {
	head := func(links string) string {
		return `<html><head><title>A Long Enough Headline Here</title>` + links + `</head><body><article>` + fillerHTML() + `</article></body></html>`
	}
	for _, c := range []struct{ links, pageURL, want string }{
		{`<link rel="canonical" href="https://a.example/x">`, "", "https://a.example/x"},
		{`<link rel="canonical" href="/x">`, "http://b.example/y/z", "http://b.example/x"},
		{`<link rel="canonical" href="/x">`, "", ""},
		{`<link rel="canonical" href="/x"><meta property="og:url" content="https://c.example/og">`, "", "https://c.example/og"},
		{`<link rel="canonical" href="ftp://a.example/x"><meta property="og:url" content="//c.example/og">`, "https://d.example/", "https://c.example/og"},
		{`<link rel="Canonical Alternate" href="https://e.example/">`, "https://d.example/", "https://e.example/"},
		{``, "https://d.example/page", "https://d.example/page"},
		{``, "file:///tmp/a.html", ""},
	} {
		doc := mustExtract(t, head(c.links), "", c.pageURL)
		if doc.URL != c.want {
			t.Errorf("%s at %q: URL %q, want %q", c.links, c.pageURL, doc.URL, c.want)
		}
		if doc.Source != c.pageURL {
			t.Errorf("source %q, want %q", doc.Source, c.pageURL)
		}
	}
}

func TestTitleWithoutSiteName(t *testing.T) {
	for _, c := range []struct{ head, h1, want string }{
		{`<title>Sudan Sanctions Lifted - The New York Times</title>`, "Sudan Sanctions Lifted", "Sudan Sanctions Lifted"},
		{`<meta property="og:title" content="Floods Hit Town | Daily Planet"><meta property="og:site_name" content="Daily Planet">`, "", "Floods Hit Town"},
		{`<title>Self-Driving Cars - A Long Way Off</title>`, "Self-Driving Cars - A Long Way Off", "Self-Driving Cars - A Long Way Off"},
		{`<title>Budget: what it means for you</title>`, "Budget: what it means for you", "Budget: what it means for you"},
	} {
		h1 := ""
		if c.h1 != "" {
			h1 = "<h1>" + c.h1 + "</h1>"
		}
		page := `<html><head>` + c.head + `</head><body><header>` + h1 + `</header><article>` + fillerHTML() + `</article></body></html>`
		doc := mustExtract(t, page, "", "")
		if doc.Title != c.want {
			t.Errorf("%s: title %q, want %q", c.head, doc.Title, c.want)
		}
		if !strings.HasPrefix(doc.Text, c.want+"\n\n") {
			t.Errorf("%s: text does not start with the headline: %.80q", c.head, doc.Text)
		}
	}
}

func TestCharsets(t *testing.T) {
	body := `<body><article><h1>Quotes</h1>` + fillerHTML() + "<p>\x93Curly\x94 \x96 caf\xe9</p></article></body></html>"
	for _, c := range []struct {
		name, page, contentType string
	}{
		{"meta charset", `<html><head><meta charset="windows-1252"><title>Quotes</title></head>` + body, ""},
		{"header charset", `<html><head><title>Quotes</title></head>` + body, "text/html; charset=ISO-8859-1"},
		{"no declaration", `<html><head><title>Quotes</title></head>` + body, ""},
		{"header wrong, meta right", `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><title>Quotes</title></head>` + strings.Repeat(body[:len(body)-len("</article></body></html>")], 1) + strings.Repeat("<p>caf\xe9 na\xefve r\xe9sum\xe9 \x93x\x94</p>", 30) + "</article></body></html>", "text/html; charset=utf-8"},
	} {
		doc := mustExtract(t, c.page, c.contentType, "")
		if !strings.Contains(doc.Text, "“Curly” – café") {
			t.Errorf("%s: text %q, want the windows-1252 characters decoded", c.name, doc.Text[len(doc.Text)-40:])
		}
	}
	// UTF-8 whose first non-ASCII byte comes after the first kilobyte, and
	// no declaration: UTF-8, not windows-1252.
	late := `<html><head><title>Late</title></head><body><article><h1>Late</h1>` + strings.Repeat(fillerHTML(), 3) + "<p>Zoë says “hi”.</p></article></body></html>"
	if doc := mustExtract(t, late, "", ""); !strings.Contains(doc.Text, "Zoë says “hi”.") {
		t.Errorf("late UTF-8 misread: %q", doc.Text[len(doc.Text)-30:])
	}
	// UTF-16 with a byte order mark.
	u16 := []byte{0xff, 0xfe}
	for _, r := range "<html><head><title>Wide</title></head><body><article><h1>Wide</h1>" + fillerHTML() + "<p>Ünïcode “text”.</p></article></body></html>" {
		u16 = append(u16, byte(r), byte(r>>8))
	}
	doc, err := Extract(u16, "", "")
	if err != nil {
		t.Fatalf("UTF-16: %v", err)
	}
	if !strings.Contains(doc.Text, "Ünïcode “text”.") {
		t.Errorf("UTF-16 misread: %q", doc.Text)
	}
}

func TestErrors(t *testing.T) {
	article := `<html><body><article>` + fillerHTML() + `</article></body></html>`
	for _, c := range []struct {
		name        string
		data        string
		contentType string
		want        error
		says        string
	}{
		{"empty", "", "", ErrNotHTML, "empty"},
		{"pdf file", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "", ErrNotHTML, "PDF"},
		{"pdf type", article, "application/pdf", ErrNotHTML, "PDF"},
		{"pdf said to be html", "%PDF-1.7\n1 0 obj", "text/html", ErrNotHTML, "PDF"},
		{"image type", article, "image/jpeg", ErrNotHTML, "image"},
		{"json type", `{"a": 1}`, "application/json; charset=utf-8", ErrNotHTML, "JSON"},
		{"binary", "\x00\x01\x02\x03binary\x00data", "", ErrNotHTML, "binary"},
		{"png", "\x89PNG\r\n\x1a\n\x00\x00", "", ErrNotHTML, "PNG"},
		{"plain text", "Just some words.\nNo markup at all.", "", ErrNotHTML, "no HTML markup"},
		{"unknown charset", article, "text/html; charset=x-klingon", ErrUndecodable, "x-klingon"},
		{"not UTF-8", "<html><body><p>" + strings.Repeat("caf\xe9 \xff\xfe ", 100) + "</p></body></html>", "text/html; charset=utf-8", ErrUndecodable, "not UTF-8"},
		{"no text", `<html><head><title>Menu</title></head><body><nav><a href="/">Home</a></nav></body></html>`, "text/html", ErrNoArticle, "no paragraphs"},
		{"only markup", `<html><body><div><img src="a.png"></div></body></html>`, "", ErrNoArticle, "article"},
	} {
		_, err := Extract([]byte(c.data), c.contentType, "")
		if !errors.Is(err, c.want) {
			t.Errorf("%s: error %v, want %v", c.name, err, c.want)
			continue
		}
		if !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: error %q does not say %q", c.name, err, c.says)
		}
	}
	// A few stray bytes that are not UTF-8 are replaced, not refused.
	page := `<html><head><meta charset="utf-8"><title>Stray</title></head><body><article>` + fillerHTML() + "<p>One bad byte: \xff here.</p></article></body></html>"
	doc, err := Extract([]byte(page), "", "")
	if err != nil {
		t.Fatalf("stray byte: %v", err)
	}
	if !strings.Contains(doc.Text, "One bad byte: \uFFFD here.") {
		t.Errorf("stray byte: %q", doc.Text)
	}
}
