package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/sample"
)

// Editor is the annotator's page: the article and, beside it, its annotations.
type Editor struct {
	app.Compo
	doc annotation.Document
}

// OnInit opens the built-in sample article.
func (e *Editor) OnInit() {
	e.doc = annotation.NewDocument(sample.Title, sample.Text(), sample.Source)
}

// OnMount marks the page as running in the browser, so tests can tell the live
// app from the server's prerendered page.
func (e *Editor) OnMount(ctx app.Context) {
	app.Window().Get("document").Get("body").Call("setAttribute", "data-app-ready", "true")
}

// Render draws the page.
func (e *Editor) Render() app.UI {
	return app.Div().Class("layout").Body(
		app.Header().Class("topbar").Body(
			app.H1().Text("Article Annotator"),
			app.Span().Class("doc-title").Text(e.doc.Title),
		),
		app.Main().Body(
			app.Article().Class("article").Body(
				app.Range(paragraphs(e.doc.Text)).Slice(func(i int) app.UI {
					return app.P().Text(paragraphs(e.doc.Text)[i])
				}),
			),
		),
	)
}

// paragraphs splits text into its non-blank lines.
func paragraphs(text string) []string {
	var ps []string
	for line := range strings.SplitSeq(text, "\n") {
		if strings.TrimSpace(line) != "" {
			ps = append(ps, line)
		}
	}
	return ps
}
