package ui

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/editor"
)

// Render draws the page around the article.
func (e *Editor) Render() app.UI {
	layout := "layout"
	if e.panelView {
		layout += " panel-view"
	}
	if e.menuOpen {
		layout += " menu-open"
	}
	return app.Div().Class(layout).
		On("dragover", func(ctx app.Context, ev app.Event) { ev.PreventDefault() }).
		On("drop", e.onDrop).
		Body(
			app.Button().Type("button").Class("skip").Text("Skip to the article").OnClick(func(ctx app.Context, ev app.Event) {
				articleElement().Call("focus")
			}),
			e.renderTopbar(),
			app.Main().Class("workspace").Body(
				app.Article().
					ID("article").
					Class("article").
					Attr("contenteditable", "true").
					Attr("spellcheck", "false").
					Attr("aria-label", "Article text: select words, then press q, s or p to tag them").
					Attr("role", "document").
					On("beforeinput", func(ctx app.Context, ev app.Event) { ev.PreventDefault(); ctx.PreventUpdate() }).
					On("drop", func(ctx app.Context, ev app.Event) { ev.PreventDefault() }).
					OnClick(e.onArticleClick).
					Body(e.prerenderedParagraphs()...),
				e.renderPanel(),
			),
			e.renderToolbar(),
			e.renderLinkBar(),
			e.renderStatus(),
			app.Input().
				Type("file").
				ID("file-input").
				Class("visually-hidden").
				Attr("tabindex", "-1").
				Attr("aria-hidden", "true").
				Accept(".txt,.md,.markdown,.html,.htm,.json,.jsonld").
				OnChange(e.onFileChosen),
			e.renderDialog(),
		)
}

// prerenderedParagraphs are the article's paragraphs in the page the server
// prerenders, so that a browser paints the text before app.wasm has arrived. In
// the browser the article has no go-app children: its paragraphs are written
// straight into the DOM (see open).
func (e *Editor) prerenderedParagraphs() []app.UI {
	if app.IsClient {
		return nil
	}
	ps := make([]app.UI, len(e.st.Paras))
	m := newMarkup(e.st)
	for i, p := range e.st.Paras {
		ps[i] = app.Raw(m.element(p))
	}
	return ps
}

func (e *Editor) renderTopbar() app.UI {
	n := len(e.st.Set.All())
	tab := func(label string, panel bool) app.UI {
		return app.Button().Type("button").Attr("role", "tab").Attr("aria-selected", e.panelView == panel).Text(label).
			OnClick(func(ctx app.Context, ev app.Event) { e.panelView = panel })
	}
	return app.Div().Class("topbar").Attr("role", "banner").Body(
		app.Span().Class("brand").Text("Annotator"),
		app.H1().Class("doc-title").Text(e.st.Doc.Title),
		app.Div().Class("view-tabs").Attr("role", "tablist").Attr("aria-label", "View").Body(
			tab("Article", false), tab(fmt.Sprintf("Annotations (%d)", n), true),
		),
		app.Button().Type("button").Class("menu-button").ID("menu-button").Attr("aria-expanded", e.menuOpen).
			Attr("aria-controls", "actions").Text("Menu").
			OnClick(func(ctx app.Context, ev app.Event) { e.menuOpen = !e.menuOpen }),
		app.Div().ID("actions").Class("actions").Attr("role", "group").Attr("aria-label", "Document actions").
			// A choice in the menu closes it.
			OnClick(func(ctx app.Context, ev app.Event) { e.menuOpen = false }).Body(
			button("Open…", "Open an article (.txt, .md, .html) or an annotation file (.json) — o", func(ctx app.Context, ev app.Event) { clickFileInput() }),
			button("Paste…", "Paste an article's text, or a link to it", func(ctx app.Context, ev app.Event) {
				e.dialog = pasteDialog
				e.pasted = ""
				focusSoon(ctx, "paste-text")
			}),
			button("Documents", "Documents kept in this browser", func(ctx app.Context, ev app.Event) {
				docs, err := e.sync.Index()
				if err != nil {
					e.fail(err)
				}
				e.docs, e.dialog = docs, docsDialog
			}),
			button("Sample", "Open the built-in sample article (your copy of it, if you have one)", func(ctx app.Context, ev app.Event) {
				e.openSample()
			}),
			button("Export…", "Download the annotations: JSON (e), W3C Web Annotation or CSV", func(ctx app.Context, ev app.Event) { e.dialog = exportDialog; focusSoon(ctx, "export-json") }),
			button("Save to server", "Save to the server — Ctrl+S (queued while offline)", func(ctx app.Context, ev app.Event) { e.saveToServer() }),
			button("From server", "Open a document from the server", func(ctx app.Context, ev app.Event) { e.openFromServer() }),
			app.A().Href("/voices").Class("action-link").Title("Who the newsroom quotes, across its articles").Text("Voices"),
			button("Undo", "Undo — Ctrl+Z", func(ctx app.Context, ev app.Event) { e.undo() }).Disabled(!e.st.History.CanUndo()),
			button("Redo", "Redo — Ctrl+Shift+Z", func(ctx app.Context, ev app.Event) { e.redo() }).Disabled(!e.st.History.CanRedo()),
			button("?", "Keyboard shortcuts — ?", func(ctx app.Context, ev app.Event) { e.dialog = helpDialog }).Aria("label", "Keyboard shortcuts"),
		),
	)
}

// button is a toolbar button with a tooltip.
func button(label, title string, onClick app.EventHandler) app.HTMLButton {
	return app.Button().Type("button").Text(label).Title(title).OnClick(onClick)
}

// renderToolbar is the small toolbar that appears by a selection in the article.
// Its position and visibility are set by placeToolbar, outside go-app's updates.
func (e *Editor) renderToolbar() app.UI {
	tagButton := func(kind annotation.Kind, label, key string) app.UI {
		return app.Button().Type("button").Class("tag-"+string(kind)).
			Title(label+" ("+key+")").
			Body(app.Span().Class("swatch mark-"+string(kind)).Text(key), app.Text(" "+label)).
			OnClick(func(ctx app.Context, ev app.Event) { e.tag(kind) })
	}
	return app.Div().ID("tag-toolbar").Class("tag-toolbar").Attr("role", "toolbar").Attr("aria-label", "Tag the selection").
		Attr("hidden", true).
		// Keep the article's selection when a button is pressed.
		On("mousedown", func(ctx app.Context, ev app.Event) { ev.PreventDefault(); ctx.PreventUpdate() }).
		Body(
			tagButton(annotation.Quote, "Quote", "q"),
			tagButton(annotation.Source, "Source", "s"),
			tagButton(annotation.PhotoCredit, "Photo credit", "p"),
		)
}

// placeToolbar shows the tagging toolbar under a selection in the article, or hides it.
func (e *Editor) placeToolbar() {
	bar := document().Call("getElementById", "tag-toolbar")
	if !bar.Truthy() || e.st.Text == nil {
		return
	}
	if _, _, ok := selectionOffsets(e.st.Text); !ok {
		bar.Set("hidden", true)
		return
	}
	x, _, bottom, ok := selectionRect()
	if !ok {
		return
	}
	scrollY := app.Window().Get("scrollY").Float()
	bar.Get("style").Set("left", fmt.Sprintf("%.0fpx", max(8, x)))
	bar.Get("style").Set("top", fmt.Sprintf("%.0fpx", bottom+scrollY+8))
	bar.Set("hidden", false)
}

func hideToolbar() {
	if bar := document().Call("getElementById", "tag-toolbar"); bar.Truthy() {
		bar.Set("hidden", true)
	}
}

func clickFileInput() {
	if in := document().Call("getElementById", "file-input"); in.Truthy() {
		in.Set("value", "")
		in.Call("click")
	}
}

// focusSoon focuses the element with the id once the page has been updated.
func focusSoon(ctx app.Context, id string) {
	ctx.Defer(func(app.Context) {
		if el := document().Call("getElementById", id); el.Truthy() {
			el.Call("focus")
		}
	})
}

func (e *Editor) renderStatus() app.UI {
	save := map[saveState]string{saved: "Saved in this browser", saving: "Saving…", saveFailed: "Not saved"}[e.save]
	msgClass := "message"
	if e.statusErr {
		msgClass += " error"
	}
	counts := countsText(e.st.Set.All())
	return app.Div().Class("statusbar").Body(
		app.Span().Class("counts").Title(counts).Text(counts),
		app.Span().Class("save-state").Text(save),
		app.If(e.waiting > 0, func() app.UI {
			state := "saving to server"
			if e.server == serverOffline {
				state = "offline"
			}
			return app.Span().ID("outbox").Class("outbox").Text(fmt.Sprintf("%s — %d waiting", state, e.waiting))
		}),
		app.If(e.update, func() app.UI {
			return button("Reload to update", "A new version of the annotator is ready", func(ctx app.Context, ev app.Event) { ctx.Reload() }).ID("update").Class("primary")
		}),
		app.If(e.removed != nil, func() app.UI {
			return button("Undo remove", "Bring the removed document back into this browser", func(ctx app.Context, ev app.Event) { e.undoRemove() }).ID("undo-remove")
		}),
		e.renderLive(),
		app.Span().ID("status").Class(msgClass).Attr("role", "status").Attr("aria-live", "polite").Title(e.status).Text(e.status),
	)
}

// countsText says what an editor has tagged, suggestions to review apart.
func countsText(anns []annotation.Annotation) string {
	counts := annotation.CountKinds(anns)
	text := fmt.Sprintf("%s · %s · %s", plural(counts[annotation.Quote], "quote"),
		plural(counts[annotation.Source], "source"), plural(counts[annotation.PhotoCredit], "photo credit"))
	if n := annotation.CountSuggestions(anns); n > 0 {
		text += " · " + plural(n, "suggestion") + " to review"
	}
	return text
}

// plural writes n things: "1 quote", "2 quotes".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// renderLinkBar offers, in link mode, the nearest annotations to link by
// number. Its slot is always there, so that the page's other parts keep their
// places (and go-app its elements) when link mode starts and ends.
func (e *Editor) renderLinkBar() app.UI {
	if !e.st.Linking {
		return app.Div().Class("link-slot")
	}
	sel, _ := e.st.Set.Get(e.st.Selected)
	choices := e.st.LinkChoices(linkChoices)
	what := "Who said “" + editor.Excerpt(sel.Exact, 50) + "”?"
	if sel.Kind == annotation.Source {
		what = "Which quote did " + sel.DisplayName() + " say?"
	}
	return app.Div().Class("link-slot").Body(app.Div().ID("link-bar").Class("link-bar").Attr("role", "group").Attr("aria-label", "Link to").Body(
		app.Span().Class("link-question").Text(what),
		app.Range(choices).Slice(func(i int) app.UI {
			c := choices[i]
			label := c.DisplayName()
			if c.Kind == annotation.Quote {
				label = "“" + editor.Excerpt(c.Exact, 40) + "”"
			}
			return app.Button().Type("button").Class("link-choice").Attr("data-id", string(c.ID)).
				Body(app.Span().Class("kbd").Text(i+1), app.Text(" "+label)).
				OnClick(func(ctx app.Context, ev app.Event) { e.link(c) })
		}),
		app.Span().Class("hint").Text("or click it in the article · Escape cancels"),
	))
}

func (e *Editor) onFileChosen(ctx app.Context, ev app.Event) {
	input := ev.Get("target")
	if files := input.Get("files"); files.Get("length").Int() > 0 {
		e.readAndOpen(files.Index(0))
	}
	input.Set("value", "") // so that choosing the same file again opens it again
}

// onDrop opens a file, or text, dropped anywhere on the page.
func (e *Editor) onDrop(ctx app.Context, ev app.Event) {
	ev.PreventDefault()
	dt := ev.Get("dataTransfer")
	if files := dt.Get("files"); files.Get("length").Int() > 0 {
		e.readAndOpen(files.Index(0))
		return
	}
	text := dt.Call("getData", "text/plain").String()
	if link, ok := isLink(text); ok {
		e.openURL(link) // a link dragged from another tab
		return
	}
	if strings.TrimSpace(text) != "" {
		e.loadArticle("dropped.txt", []byte(text))
	}
}

// readAndOpen reads a browser File and opens it.
func (e *Editor) readAndOpen(file app.Value) {
	readFile(file, func(name string, data []byte, err error) {
		e.ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				e.fail(err)
				return
			}
			e.openBytes(name, data)
		})
	})
}

// onPaste opens the paste dialog with text pasted outside any field. The
// listener is the document's, outside go-app's event handling: the change is
// dispatched, so the dialog shows at once.
func (e *Editor) onPaste(ctx app.Context, ev app.Value) {
	if typing(ev.Get("target")) || e.dialog != noDialog {
		return
	}
	text := ev.Get("clipboardData").Call("getData", "text/plain").String()
	if strings.TrimSpace(text) == "" {
		return
	}
	ev.Call("preventDefault")
	ctx.Dispatch(func(ctx app.Context) {
		e.pasted, e.dialog = text, pasteDialog
		focusSoon(ctx, "paste-title")
	})
}
