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

// markup renders the article's paragraphs with a <mark> for each annotation
// over them: the selected annotation's marks outlined, those linked to it
// lit, and after each quote with a speaker a label with the speaker's name
// (an empty element whose name CSS shows, so the text and its offsets in the
// page are the article's alone; the quote's mark describes it for screen readers).
type markup struct {
	text     *anchor.Text
	anns     []annotation.Annotation
	names    map[annotation.ID]string // each source's name
	selected annotation.ID
	lit      map[annotation.ID]bool // the annotations linked to the selected one
}

// newMarkup returns the markup of st's annotations.
func newMarkup(st *editor.State) markup {
	return newMarkupOf(st.Text, st.Set.All(), st.Selected)
}

// newMarkupOf returns the markup of anns over t, with selected outlined.
func newMarkupOf(t *anchor.Text, anns []annotation.Annotation, selected annotation.ID) markup {
	m := markup{text: t, anns: anns, names: map[annotation.ID]string{}, selected: selected}
	for _, a := range anns {
		if a.Kind == annotation.Source {
			m.names[a.ID] = a.DisplayName()
		}
	}
	m.lit = linked(anns, selected)
	return m
}

// linked returns the annotations linked to id: a quote's speaker, a source's quotes.
func linked(anns []annotation.Annotation, id annotation.ID) map[annotation.ID]bool {
	lit := map[annotation.ID]bool{}
	if id == "" {
		return lit
	}
	for _, a := range anns {
		switch {
		case a.ID == id && a.Speaker != "":
			lit[a.Speaker] = true
		case a.Speaker == id:
			lit[a.ID] = true
		}
	}
	return lit
}

// speaker returns the name of quote a's speaker, or "".
func (m markup) speaker(a annotation.Annotation) string {
	if a.Kind != annotation.Quote || a.Speaker == "" {
		return ""
	}
	return m.names[a.Speaker]
}

// paragraph renders the paragraph's text with its marks. Overlapping
// annotations nest; where one crosses another's end it is split into several
// marks with the same id. Every piece of article text goes through
// html.EscapeString; every tag and attribute is the program's own.
func (m markup) paragraph(p editor.Paragraph) string {
	// Boundaries where the set of covering annotations changes.
	cuts := []int{p.Start, p.End}
	var over []annotation.Annotation
	for _, a := range m.anns {
		if a.End <= p.Start || a.Start >= p.End {
			continue
		}
		over = append(over, a)
		cuts = append(cuts, max(a.Start, p.Start), min(a.End, p.End))
	}
	var b strings.Builder
	if len(over) == 0 {
		b.WriteString(html.EscapeString(m.text.Slice(p.Start, p.End)))
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
		m.writeLabels(&b, over, from)
		for _, a := range want[keep:] {
			m.writeMarkOpen(&b, a, a.Start >= from)
		}
		open = want
		b.WriteString(html.EscapeString(m.text.Slice(from, to)))
	}
	for range open {
		b.WriteString("</mark>")
	}
	m.writeLabels(&b, over, p.End)
	return b.String()
}

// writeLabels writes the speaker label of each quote of over that ends at end.
func (m markup) writeLabels(b *strings.Builder, over []annotation.Annotation, end int) {
	for _, a := range over {
		if name := m.speaker(a); name != "" && a.End == end {
			b.WriteString(`<span class="speaker-label`)
			if a.ID == m.selected || m.lit[a.ID] {
				b.WriteString(" lit")
			}
			b.WriteString(`" data-quote="`)
			b.WriteString(html.EscapeString(string(a.ID)))
			b.WriteString(`" data-speaker="`)
			b.WriteString(html.EscapeString(name))
			b.WriteString(`" contenteditable="false" aria-hidden="true"></span>`)
		}
	}
}

func (m markup) writeMarkOpen(b *strings.Builder, a annotation.Annotation, first bool) {
	b.WriteString(`<mark data-annotation-id="`)
	b.WriteString(html.EscapeString(string(a.ID)))
	b.WriteString(`" data-kind="`)
	b.WriteString(string(a.Kind))
	b.WriteString(`" class="`)
	b.WriteString(markClass(a))
	if a.ID == m.selected {
		b.WriteString(" selected")
	}
	if m.lit[a.ID] {
		b.WriteString(" lit")
	}
	b.WriteString(`"`)
	if first {
		b.WriteString(` data-first="true"`)
		if name := m.speaker(a); name != "" {
			b.WriteString(` aria-description="quote, said by `)
			b.WriteString(html.EscapeString(name))
			b.WriteString(`"`)
		}
	}
	b.WriteString(`>`)
}

// article renders every paragraph as <p data-start data-end>.
func (m markup) article(ps []editor.Paragraph) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(m.element(p))
	}
	return b.String()
}

// element renders one paragraph as <p data-start data-end>, its role as its
// class: a headline or heading is a heading to assistive technology (the
// page's h1 is the document's title), page furniture is described as such.
func (m markup) element(p editor.Paragraph) string {
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
		m.paragraph(p) + "</p>"
}
