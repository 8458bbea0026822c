package ui

import (
	"html"
	"slices"
	"strconv"
	"strings"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/editor"
)

// markClass is the CSS class of each kind's highlight.
func markClass(a annotation.Annotation) string {
	c := "mark-" + string(a.Kind)
	if a.Origin == annotation.Suggested {
		c += " suggested"
	}
	return c
}

// paragraphHTML renders the paragraph's text with a <mark> for each annotation
// over it. Overlapping annotations nest; where one crosses another's end it is
// split into several marks with the same id. Every piece of article text goes
// through html.EscapeString; every tag and attribute is the program's own.
func paragraphHTML(t *anchor.Text, p editor.Paragraph, anns []annotation.Annotation, selected annotation.ID) string {
	// Boundaries where the set of covering annotations changes.
	cuts := []int{p.Start, p.End}
	var over []annotation.Annotation
	for _, a := range anns {
		if a.End <= p.Start || a.Start >= p.End {
			continue
		}
		over = append(over, a)
		cuts = append(cuts, max(a.Start, p.Start), min(a.End, p.End))
	}
	var b strings.Builder
	if len(over) == 0 {
		b.WriteString(html.EscapeString(t.Slice(p.Start, p.End)))
		return b.String()
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	var open []annotation.Annotation // the marks open now, outermost first
	for i := 0; i+1 < len(cuts); i++ {
		from, to := cuts[i], cuts[i+1]
		var want []annotation.Annotation // over is in text order: outer spans first
		for _, a := range over {
			if a.Start <= from && a.End >= to {
				want = append(want, a)
			}
		}
		keep := 0
		for keep < len(open) && keep < len(want) && open[keep].ID == want[keep].ID {
			keep++
		}
		for range open[keep:] {
			b.WriteString("</mark>")
		}
		for _, a := range want[keep:] {
			writeMarkOpen(&b, a, a.Start >= from, selected)
		}
		open = want
		b.WriteString(html.EscapeString(t.Slice(from, to)))
	}
	for range open {
		b.WriteString("</mark>")
	}
	return b.String()
}

func writeMarkOpen(b *strings.Builder, a annotation.Annotation, first bool, selected annotation.ID) {
	b.WriteString(`<mark data-annotation-id="`)
	b.WriteString(html.EscapeString(string(a.ID)))
	b.WriteString(`" data-kind="`)
	b.WriteString(string(a.Kind))
	b.WriteString(`" class="`)
	b.WriteString(markClass(a))
	if a.ID == selected {
		b.WriteString(" selected")
	}
	b.WriteString(`"`)
	if first {
		b.WriteString(` data-first="true"`)
	}
	b.WriteString(`>`)
}

// articleHTML renders every paragraph as <p data-start data-end>.
func articleHTML(t *anchor.Text, ps []editor.Paragraph, anns []annotation.Annotation, selected annotation.ID) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(paragraphElement(t, p, anns, selected))
	}
	return b.String()
}

// paragraphElement renders one paragraph as <p data-start data-end>, its role
// as its class: a headline or heading is a heading to assistive technology
// (the page's h1 is the document's title), page furniture is described as such.
func paragraphElement(t *anchor.Text, p editor.Paragraph, anns []annotation.Annotation, selected annotation.ID) string {
	attrs := ""
	switch p.Role {
	case annotation.Headline:
		attrs = ` role="heading" aria-level="2"`
	case annotation.Heading:
		attrs = ` role="heading" aria-level="3"`
	case annotation.Chrome:
		attrs = ` title="Page furniture, not part of the article: suggestions skip it"`
	}
	if p.Role != "" {
		attrs += ` class="` + string(p.Role) + `"`
	}
	return `<p data-start="` + strconv.Itoa(p.Start) + `" data-end="` + strconv.Itoa(p.End) + `"` + attrs + `>` +
		paragraphHTML(t, p, anns, selected) + "</p>"
}
