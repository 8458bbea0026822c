package ui

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/docsync"
	"github.com/newsroom/annotator/app/editor"
)

// renderDialog draws the open dialog, if any.
func (e *Editor) renderDialog() app.UI {
	var title string
	var body app.UI
	switch e.dialog {
	case helpDialog:
		title, body = "Keyboard shortcuts", e.renderHelp()
	case pasteDialog:
		title, body = "Paste an article or a link", e.renderPaste()
	case docsDialog:
		title, body = "Documents in this browser", e.renderDocs()
	case importDialog:
		title, body = "This file is for another text", e.renderImportChoice()
	case exportDialog:
		title, body = "Export the annotations", e.renderExport()
	case serverDialog:
		title, body = "Documents on the server", e.renderServerDocs()
	case conflictDialog:
		title, body = "Someone else saved this document", e.renderConflict()
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
	return app.Div().Body(
		app.Ul().Class("shortcuts").Body(app.Range(shortcuts).Slice(func(i int) app.UI {
			return app.Li().Body(
				app.Span().Class("kbd").Text(strings.ReplaceAll(shortcuts[i].keys, "Ctrl", mod)),
				app.Span().Text(shortcuts[i].does),
			)
		})),
		app.P().Class("hint").Text("Annotator build "+Build),
	)
}

func (e *Editor) renderPaste() app.UI {
	return app.Div().Class("paste").Body(
		app.Label().For("paste-title").Text("Title"),
		app.Input().ID("paste-title").Type("text").Placeholder("The article's headline (optional)"),
		app.Label().For("paste-text").Text("Text, or a link to the article"),
		app.Textarea().ID("paste-text").Attr("rows", 12).Text(e.pasted).
			OnInput(func(ctx app.Context, ev app.Event) { e.pasted = ctx.JSSrc().Get("value").String(); ctx.PreventUpdate() }),
		app.Button().Type("button").ID("paste-open").Class("primary").Text("Open").OnClick(func(ctx app.Context, ev app.Event) {
			title := strings.TrimSpace(document().Call("getElementById", "paste-title").Get("value").String())
			text := document().Call("getElementById", "paste-text").Get("value").String()
			if strings.TrimSpace(text) == "" {
				e.fail(fmt.Errorf("paste some text first"))
				return
			}
			if link, ok := isLink(text); ok {
				e.dialog = noDialog
				e.openURL(link)
				return
			}
			e.dialog = noDialog
			e.readArticle("", []byte(text), title)
		}),
	)
}

func (e *Editor) renderDocs() app.UI {
	var undo app.UI
	if e.removed != nil {
		undo = app.P().Class("removed").Body(
			app.Text("Removed “"+e.removed.file.Document.Title+"”. "),
			button("Undo remove", "Bring it back into this browser", func(ctx app.Context, ev app.Event) { e.undoRemove() }).ID("undo-remove-dialog"),
		)
	}
	if len(e.docs) == 0 {
		return app.Div().Body(undo, app.P().Text("No documents yet."))
	}
	return app.Div().Body(undo, e.renderDocList())
}

// renderDocList lists the documents in this browser, to open or remove.
func (e *Editor) renderDocList() app.UI {
	return docList(e.docs, e.st.Doc.ID, func(d docsync.Entry) []app.UI {
		cur := d.ID == e.st.Doc.ID
		return []app.UI{
			button("Open", "Open "+d.Title, func(ctx app.Context, ev app.Event) {
				f, err := e.sync.Load(d.ID)
				if err != nil {
					e.fail(err)
					return
				}
				e.dialog = noDialog
				e.openStored(f, true)
			}).Disabled(cur),
			button("Remove", "Remove "+d.Title+" from this browser (Undo remove brings it back)", func(ctx app.Context, ev app.Event) {
				e.removeDocument(d)
			}).Disabled(cur).Class("danger"),
		}
	})
}

// docList lists documents with their counts and times, each with its actions;
// the one open now says so.
func docList(docs []docsync.Entry, open annotation.ID, actions func(docsync.Entry) []app.UI) app.UI {
	return app.Ul().Class("docs").Body(app.Range(docs).Slice(func(i int) app.UI {
		d := docs[i]
		return app.Li().Body(append([]app.UI{
			app.Div().Class("doc-info").Body(
				app.Span().Class("doc-name").Text(d.Title),
				app.If(d.ID == open, func() app.UI { return app.Span().Class("badge").Text("open now") }),
				app.Span().Class("hint").Text(fmt.Sprintf(" %s · %s · %s · saved %s",
					plural(d.Counts.Quote, "quote"), plural(d.Counts.Source, "source"), plural(d.Counts.PhotoCredit, "photo credit"),
					d.Modified.Local().Format("2 Jan 15:04"))),
			),
		}, actions(d)...)...)
	}))
}

// firstLine returns the first non-blank line of text, shortened, as a title.
func firstLine(text string) string {
	for line := range strings.SplitSeq(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			return editor.Excerpt(line, 80)
		}
	}
	return "Untitled"
}

func (e *Editor) renderServerDocs() app.UI {
	var list app.UI
	switch {
	case e.serverErr != "":
		list = app.P().Class("error").Text(e.serverErr)
	case e.serverDocs == nil:
		list = app.P().Text("Asking the server…")
	case len(e.serverDocs) == 0:
		list = app.P().Text("The server holds no documents yet.")
	default:
		list = docList(e.serverDocs, e.st.Doc.ID, func(d docsync.Entry) []app.UI {
			return []app.UI{button("Open", "Open "+d.Title, func(ctx app.Context, ev app.Event) { e.openServerDoc(d.ID) })}
		})
	}
	return app.Div().Body(
		list,
		app.Label().For("server-token").Text("Your token (if the server asks for one)"),
		app.If(e.me != "", func() app.UI { return app.P().ID("signed-in").Class("hint").Text("Signed in as " + e.me) }),
		app.Input().ID("server-token").Type("password").Attr("autocomplete", "off").Value(e.sync.Token()).
			OnChange(func(ctx app.Context, ev app.Event) {
				if err := e.sync.SetToken(strings.TrimSpace(ctx.JSSrc().Get("value").String())); err != nil {
					e.fail(fmt.Errorf("the token could not be kept: %w", err))
				}
				e.openFromServer()
				e.askWhoIAm()
				e.unwatch()
				e.watch()
			}),
	)
}

func (e *Editor) renderConflict() app.UI {
	c := e.conflict
	if c == nil {
		return app.P()
	}
	describe := func(f annotation.File) string {
		n := annotation.CountKinds(f.Annotations)
		return fmt.Sprintf("%d quotes, %d sources, %d photo credits", n[annotation.Quote], n[annotation.Source], n[annotation.PhotoCredit])
	}
	return app.Div().Body(
		app.P().Text("The server's copy of “"+c.mine.Document.Title+"” changed since you last saved it. Nothing was overwritten; choose which to keep."),
		app.Ul().Body(
			app.Li().Text("Yours: "+describe(c.mine)),
			app.Li().Text("The server's: "+describe(c.theirs.File)),
		),
		app.Div().Class("choices").Body(
			button("Load the server's version", "Replace your copy with the server's", func(ctx app.Context, ev app.Event) { e.resolveConflict(false) }).ID("conflict-theirs").Class("primary"),
			button("Keep mine as a new document", "Keep your copy as a new document beside the server's", func(ctx app.Context, ev app.Event) { e.resolveConflict(true) }).ID("conflict-mine").Class("primary"),
		),
	)
}

func (e *Editor) renderExport() app.UI {
	choice := func(id, label, hint string, do func()) app.UI {
		return app.Li().Body(
			app.Button().Type("button").ID(id).Class("primary").Text(label).OnClick(func(ctx app.Context, ev app.Event) {
				e.dialog = noDialog
				do()
			}),
			app.P().Class("hint").Text(hint),
		)
	}
	var pending app.UI
	if n := e.st.Set.Suggestions(); n > 0 {
		pending = app.Div().Class("export-pending").Body(
			app.P().Class("warn").Text(fmt.Sprintf("%s not yet reviewed: accept or reject them first, or choose here.", plural(n, "suggestion"))),
			app.Label().Body(
				app.Input().Type("checkbox").ID("export-include-pending").Checked(e.exportPending).
					OnChange(func(ctx app.Context, ev app.Event) { e.exportPending = ctx.JSSrc().Get("checked").Bool() }),
				app.Text(" Include them in the export, marked as suggestions"),
			),
		)
	}
	return app.Div().Body(pending, app.Ul().Class("exports").Body(
		choice("export-json", "Annotation file (.json)", "The annotator's own format: open it again here, or check it with annotator validate.", e.exportFile),
		choice("export-w3c", "W3C Web Annotation (JSON-LD)", "For Hypothesis, Recogito, INCEpTION and research pipelines.", func() {
			e.exportConverted("export-w3c", "annotations.jsonld", "application/ld+json")
		}),
		choice("export-csv", "Spreadsheet (.csv)", "One row per annotation: kind, text, offsets, speaker, names, credits, note.", func() {
			e.exportConverted("export-csv", "annotations.csv", "text/csv")
		}),
	))
}

func (e *Editor) renderImportChoice() app.UI {
	p := e.pending
	if p == nil {
		return app.P()
	}
	return app.Div().Body(
		app.P().Text(fmt.Sprintf("%s holds %d annotations of “%s”, whose text differs from the article open here.",
			p.name, len(p.file.Annotations), p.file.Document.Title)),
		app.Div().Class("choices").Body(
			button("Place them on this article", "Find each annotation in this article's text; the ones not found are reported", func(ctx app.Context, ev app.Event) {
				e.dialog, e.pending = noDialog, nil
				e.placeAnnotations(p.name, p.file)
			}).ID("import-place").Class("primary"),
			button("Open it as its own document", "Open the file's article with its annotations", func(ctx app.Context, ev app.Event) {
				e.dialog, e.pending = noDialog, nil
				e.open(p.file, true)
				e.info(fmt.Sprintf("Opened %s: %d annotations", p.name, len(p.file.Annotations)))
			}).ID("import-open").Class("primary"),
		),
	)
}

// isLink reports whether the pasted text is only an http or https link, which
// the server then fetches.
func isLink(text string) (string, bool) {
	t := strings.TrimSpace(text)
	if strings.ContainsAny(t, " \t\n") || !strings.HasPrefix(t, "http://") && !strings.HasPrefix(t, "https://") {
		return "", false
	}
	return t, true
}
