package ui

import (
	"reflect"
	"strings"
	"testing"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/editor"
	"github.com/newsroom/annotator/app/voices"
)

func ann(id string, kind annotation.Kind, start, end int) annotation.Annotation {
	return annotation.Annotation{ID: annotation.ID(id), Kind: kind, Start: start, End: end, Origin: annotation.Human}
}

func TestParagraphHTML(t *testing.T) {
	text := anchor.NewText(`Kerry said "<b>peace & quiet</b>" today`)
	p := editor.Paragraph{Start: 0, End: text.Len()}
	cases := []struct {
		name string
		anns []annotation.Annotation
		want string
	}{
		// Article text is always escaped: markup in it stays inert text.
		{"escaped", nil, `Kerry said &#34;&lt;b&gt;peace &amp; quiet&lt;/b&gt;&#34; today`},
		// A source inside a quote nests.
		{"nested", []annotation.Annotation{ann("q", annotation.Quote, 0, 15), ann("s", annotation.Source, 0, 5)},
			`<mark data-annotation-id="q" data-kind="quote" class="mark-quote" data-first="true">` +
				`<mark data-annotation-id="s" data-kind="source" class="mark-source" data-first="true">Kerry</mark>` +
				` said &#34;&lt;b&gt;</mark>peace &amp; quiet&lt;/b&gt;&#34; today`},
		// Overlapping spans split the second into two marks with one id; only the first piece is data-first.
		{"overlap", []annotation.Annotation{ann("a", annotation.Quote, 0, 10), ann("b", annotation.Source, 6, 15)},
			`<mark data-annotation-id="a" data-kind="quote" class="mark-quote" data-first="true">Kerry ` +
				`<mark data-annotation-id="b" data-kind="source" class="mark-source" data-first="true">said</mark></mark>` +
				`<mark data-annotation-id="b" data-kind="source" class="mark-source"> &#34;&lt;b&gt;</mark>peace &amp; quiet&lt;/b&gt;&#34; today`},
	}
	for _, c := range cases {
		got := newMarkupOf(text, c.anns, "").paragraph(p)
		if got != c.want {
			t.Errorf("%s:\ngot  %s\nwant %s", c.name, got, c.want)
		}
	}
}

// The selected annotation's marks carry the class that outlines them, and a
// suggestion its lighter style.
func TestParagraphHTMLClasses(t *testing.T) {
	text := anchor.NewText("one two three")
	s := ann("s", annotation.Source, 4, 7)
	s.Origin = annotation.Suggested
	got := newMarkupOf(text, []annotation.Annotation{ann("q", annotation.Quote, 0, 3), s}, "q").paragraph(editor.Paragraph{Start: 0, End: 13})
	if !strings.Contains(got, `class="mark-quote selected"`) || !strings.Contains(got, `class="mark-source suggested"`) {
		t.Errorf("classes missing: %s", got)
	}
}

// A quote across two paragraphs is highlighted in both.
func TestAnnotationAcrossParagraphs(t *testing.T) {
	text := anchor.NewText("first para\n\nsecond para")
	ps := editor.New(annotation.NewFile(annotation.Document{Text: text.String()}, nil)).Paras
	q := ann("q", annotation.Quote, 6, 18)
	html := newMarkupOf(text, []annotation.Annotation{q}, "").article(ps)
	if strings.Count(html, `data-annotation-id="q"`) != 2 {
		t.Errorf("want the quote in both paragraphs: %s", html)
	}
	if got := editor.ParagraphsTouching(ps, q.Start, q.End); len(got) != 2 {
		t.Errorf("paragraphsTouching = %v, want both", got)
	}
	if got := editor.ParagraphsTouching(ps, 0, 3); len(got) != 1 || got[0] != 0 {
		t.Errorf("editor.ParagraphsTouching(0,3) = %v, want [0]", got)
	}
}

// TestSummaryRows: the article's Voices join the mentions of one name and put
// the most quoted first.
func TestSummaryRows(t *testing.T) {
	k1 := ann("k1", annotation.Source, 0, 5)
	k1.Exact, k1.Name = "Kerry", "John Kerry"
	k2 := ann("k2", annotation.Source, 50, 60)
	k2.Exact = "John Kerry"
	l := ann("l", annotation.Source, 70, 76)
	l.Exact = "Lavrov"
	q := func(id, speaker, exact string) annotation.Annotation {
		a := ann(id, annotation.Quote, 0, 1)
		a.Speaker, a.Exact = annotation.ID(speaker), exact
		return a
	}
	got := summaryRows([]annotation.Annotation{l, k1, k2, q("a", "k1", "one two"), q("b", "k2", "three"), q("c", "l", "four five six"), q("d", "", "x")})
	want := []voices.Use{{Name: "John Kerry", Quotes: 2, Words: 3}, {Name: "Lavrov", Quotes: 1, Words: 3}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("summaryRows = %+v, want %+v", got, want)
	}
}

func TestFileName(t *testing.T) {
	for in, want := range map[string]string{
		"US and Russia discuss cease-fire in Syria": "us-and-russia-discuss-cease-fire-in-syria",
		"  ":               "article",
		"Café: «Déjà vu»!": "café-déjà-vu",
		"a/b\\c:..":        "a-b-c",
	} {
		if got := fileName(in); got != want {
			t.Errorf("fileName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestParagraphRoles checks that each paragraph shows its block's role: the
// headline as a heading, page furniture described as such, body text plain.
func TestParagraphRoles(t *testing.T) {
	doc := annotation.Document{Text: "Bridge opens\n\nThe council voted.\n\nSign up for our newsletter",
		Blocks: []annotation.Block{{Start: 0, End: 12, Role: annotation.Headline}, {Start: 34, End: 60, Role: annotation.Chrome}}}
	text := anchor.NewText(doc.Text)
	ps := editor.New(annotation.NewFile(doc, nil)).Paras
	want := []string{
		`<p data-start="0" data-end="12" role="heading" aria-level="2" class="headline">Bridge opens</p>`,
		`<p data-start="14" data-end="32">The council voted.</p>`,
		`<p data-start="34" data-end="60" title="Page furniture, not part of the article: suggestions skip it" class="chrome">Sign up for our newsletter</p>`,
	}
	if len(ps) != len(want) {
		t.Fatalf("%d paragraphs, want %d", len(ps), len(want))
	}
	for i, p := range ps {
		if got := newMarkupOf(text, nil, "").element(p); got != want[i] {
			t.Errorf("paragraph %d:\ngot  %s\nwant %s", i, got, want[i])
		}
	}
}

// A quote with a speaker is followed by a label naming the speaker (no text of
// its own: offsets in the page stay the article's) and describes it to screen
// readers; with the quote selected, its speaker is lit, and the other way round.
func TestParagraphHTMLSpeaker(t *testing.T) {
	text := anchor.NewText("peace now, Kerry said")
	q, s := ann("q", annotation.Quote, 0, 9), ann("s", annotation.Source, 11, 16)
	s.Name = "John <Kerry>"
	q.Speaker = s.ID
	p := editor.Paragraph{Start: 0, End: text.Len()}
	got := newMarkupOf(text, []annotation.Annotation{q, s}, "q").paragraph(p)
	want := `<mark data-annotation-id="q" data-kind="quote" class="mark-quote selected" data-first="true" aria-description="quote, said by John &lt;Kerry&gt;">peace now</mark>` +
		`<span class="speaker-label lit" data-quote="q" data-speaker="John &lt;Kerry&gt;" contenteditable="false" aria-hidden="true"></span>, ` +
		`<mark data-annotation-id="s" data-kind="source" class="mark-source lit" data-first="true">Kerry</mark> said`
	if got != want {
		t.Errorf("quote selected:\ngot  %s\nwant %s", got, want)
	}
	got = newMarkupOf(text, []annotation.Annotation{q, s}, "s").paragraph(p)
	if !strings.Contains(got, `class="mark-quote lit"`) || !strings.Contains(got, `class="mark-source selected"`) {
		t.Errorf("source selected: its quote is not lit: %s", got)
	}
}
