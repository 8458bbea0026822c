package ui

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/newsroom/annotator/app/annotation"
)

// renderDialog draws the open dialog, if any.
func (e *Editor) renderDialog() app.UI {
	var title string
	var body app.UI
	switch e.dialog {
	case helpDialog:
		title, body = "Keyboard shortcuts", e.renderHelp()
	case pasteDialog:
		title, body = "Paste an article", e.renderPaste()
	case docsDialog:
		title, body = "Documents in this browser", e.renderDocs()
	default:
		return app.Div().Class("no-dialog")
	}
	return app.Div().Class("backdrop").
		OnClick(func(ctx app.Context, ev app.Event) {
			if ev.Get("target").Equal(ev.Get("currentTarget")) {
				e.dialog = noDialog
			}
		}).
		Body(app.Div().ID("dialog").Class("dialog").Attr("role", "dialog").Attr("aria-modal", "true").Attr("aria-labelledby", "dialog-title").Body(
			app.H2().ID("dialog-title").Text(title),
			body,
			app.Div().Class("dialog-actions").Body(
				button("Close", "Close (Escape)", func(ctx app.Context, ev app.Event) { e.dialog = noDialog }).ID("dialog-close"),
			),
		))
}

func (e *Editor) renderHelp() app.UI {
	mod := "Ctrl"
	if isMac() {
		mod = "⌘"
	}
	return app.Dl().Class("shortcuts").Body(app.Range(shortcuts).Slice(func(i int) app.UI {
		return app.Div().Body(
			app.Dt().Body(app.Kbd().Text(strings.ReplaceAll(shortcuts[i].keys, "Ctrl", mod))),
			app.Dd().Text(shortcuts[i].does),
		)
	}))
}

func (e *Editor) renderPaste() app.UI {
	return app.Div().Class("paste").Body(
		app.Label().For("paste-title").Text("Title"),
		app.Input().ID("paste-title").Type("text").Placeholder("The article's headline (optional)"),
		app.Label().For("paste-text").Text("Text"),
		app.Textarea().ID("paste-text").Attr("rows", 12).Text(e.pasted).
			OnInput(func(ctx app.Context, ev app.Event) { e.pasted = ctx.JSSrc().Get("value").String(); ctx.PreventUpdate() }),
		app.Button().Type("button").ID("paste-open").Class("primary").Text("Open this text").OnClick(func(ctx app.Context, ev app.Event) {
			title := strings.TrimSpace(document().Call("getElementById", "paste-title").Get("value").String())
			text := document().Call("getElementById", "paste-text").Get("value").String()
			if strings.TrimSpace(text) == "" {
				e.fail(fmt.Errorf("paste some text first"))
				return
			}
			if title == "" {
				title = firstLine(text)
			}
			e.dialog = noDialog
			e.open(ctx, annotation.NewFile(annotation.NewDocument(title, text, ""), nil), true)
			e.info("Opened the pasted text")
		}),
	)
}

func (e *Editor) renderDocs() app.UI {
	if len(e.docs) == 0 {
		return app.P().Text("No documents yet.")
	}
	return app.Ul().Class("docs").Body(app.Range(e.docs).Slice(func(i int) app.UI {
		d := e.docs[i]
		cur := d.ID == e.doc.ID
		return app.Li().Body(
			app.Div().Class("doc-info").Body(
				app.Strong().Text(d.Title),
				app.Span().Class("hint").Text(fmt.Sprintf(" %d quotes · %d sources · %d credits · %s",
					d.Counts[annotation.Quote], d.Counts[annotation.Source], d.Counts[annotation.PhotoCredit],
					d.Modified.Local().Format("2 Jan 15:04"))),
			),
			button("Open", "Open "+d.Title, func(ctx app.Context, ev app.Event) {
				f, err := loadDoc(d.ID)
				if err != nil {
					e.fail(err)
					return
				}
				e.dialog = noDialog
				e.open(ctx, f, true)
			}).Disabled(cur),
			button("Remove", "Remove "+d.Title+" from this browser", func(ctx app.Context, ev app.Event) {
				e.docs = removeDoc(d.ID)
			}).Disabled(cur).Class("danger"),
		)
	}))
}

// firstLine returns the first non-blank line of text, shortened, as a title.
func firstLine(text string) string {
	for line := range strings.SplitSeq(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			return excerpt(line, 80)
		}
	}
	return "Untitled"
}
