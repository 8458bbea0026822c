package ui

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/newsroom/annotator/app/annotation"
)

// shortcut is one keyboard shortcut, for the help dialog.
type shortcut struct{ keys, does string }

// shortcuts lists every shortcut, as the help dialog shows them.
var shortcuts = []shortcut{
	{"q", "tag the selected words as a quote; with the caret alone, the quotation it is in or the next one"},
	{"s", "tag the selected words as a source; with the caret alone, the name it is in or the next one"},
	{"p", "tag the selected words as a photo credit; with the caret alone, the next credit line"},
	{"l", "link the selected quote to its speaker (or the selected source to a quote): then a number, or a click"},
	{"j / k", "next / previous annotation"},
	{"Ctrl+↓ / Ctrl+↑", "caret to the next / previous paragraph"},
	{"Delete / Backspace", "delete the selected annotation, when it is in view"},
	{"Ctrl+S", "save to the server (queued while offline)"},
	{"Ctrl+Z", "undo"},
	{"Ctrl+Shift+Z / Ctrl+Y", "redo"},
	{"Ctrl+V", "open the pasted text as a new article"},
	{"f", "suggest quotes, speakers and photo credits"},
	{"a / Enter", "accept the selected suggestion (a quote with its suggested speaker)"},
	{"u", "accept the selected suggested quote without its suggested speaker"},
	{"x", "reject the selected suggestion"},
	{"o", "open an article or annotation file"},
	{"e", "export the annotation file"},
	{"?", "show this help"},
	{"Escape", "close a dialog, cancel linking, clear the selection"},
}

// onKey handles a keydown anywhere on the page: it decides at once whether the
// key is a shortcut (so the browser's default can be stopped), then runs the
// shortcut on the UI goroutine.
func (e *Editor) onKey(ctx app.Context, ev app.Value) {
	act := e.keyAction(ev)
	if act == nil {
		return
	}
	ev.Call("preventDefault")
	ctx.Dispatch(func(ctx app.Context) { guard(e.fail, func() { act(ctx) }) })
}

// keyAction returns what a keydown does, or nil when it is not a shortcut here.
func (e *Editor) keyAction(ev app.Value) func(app.Context) {
	key := ev.Get("key").String()
	mod := ev.Get("ctrlKey").Bool() || ev.Get("metaKey").Bool()
	shift := ev.Get("shiftKey").Bool()
	target := ev.Get("target")

	if key == "Escape" {
		return func(app.Context) { e.escape(target) }
	}
	if mod {
		switch {
		case key == "s":
			return func(app.Context) { e.saveToServer() }
		case typing(target):
			return nil // in a field, editing keys (undo among them) are the field's
		case (key == "ArrowDown" || key == "ArrowUp") && !shift && inArticle(target):
			dir := 1
			if key == "ArrowUp" {
				dir = -1
			}
			return func(app.Context) { e.caretToParagraph(dir) }
		case (key == "z" || key == "Z") && shift, key == "y" && !isMac():
			return func(app.Context) { e.redo() }
		case key == "z":
			return func(app.Context) { e.undo() }
		}
		return nil
	}
	if ev.Get("altKey").Bool() || typing(target) || e.dialog != noDialog {
		return nil
	}
	if e.st.Linking && len(key) == 1 && '1' <= key[0] && key[0] <= '9' {
		return func(app.Context) { e.pickLink(int(key[0] - '0')) }
	}
	now := func() time.Time { return time.Now().UTC() }
	switch key {
	case "q":
		return func(app.Context) { e.tag(annotation.Quote) }
	case "s":
		return func(app.Context) { e.tag(annotation.Source) }
	case "p":
		return func(app.Context) { e.tag(annotation.PhotoCredit) }
	case "l":
		return func(app.Context) { e.startLink() }
	case "j":
		return func(app.Context) { e.step(1) }
	case "k":
		return func(app.Context) { e.step(-1) }
	case "Delete", "Backspace":
		// Only what is visibly selected is deleted: never while words are
		// selected, nor an annotation scrolled out of view.
		return func(app.Context) {
			switch {
			case e.st.Selected == "" || hasTextSelection():
			case !onScreen(e.st.Selected):
				e.selectAnnotation(e.st.Selected, true)
				e.info("The selected annotation is shown now: press " + key + " again to delete it")
			default:
				e.apply(e.st.Set.Remove(e.st.Selected, now()))
			}
		}
	case "?":
		return func(ctx app.Context) { e.dialog = helpDialog; focusSoon(ctx, "dialog-close") }
	case "f":
		return func(app.Context) { e.suggest() }
	case "a":
		return func(app.Context) { e.acceptSelected() }
	case "Enter":
		if a, ok := e.st.Set.Get(e.st.Selected); ok && a.Origin == annotation.Suggested && !typing(target) {
			return func(app.Context) { e.acceptSelected() }
		}
	case "u":
		return func(app.Context) { e.acceptWithoutSpeaker() }
	case "x":
		return func(app.Context) { e.rejectSelected() }
	case "o":
		return func(app.Context) { clickFileInput() }
	case "e":
		return func(app.Context) { e.exportFile() }
	default:
		// Typing into the article would change it: it is read-only, and says so.
		if inArticle(target) && len([]rune(key)) == 1 {
			return func(app.Context) {
				e.info("The article's text cannot be changed here: select words (Shift+arrows) or put the caret by them, then press q, s or p. ? lists every key.")
			}
		}
	}
	return nil
}

// escape closes a dialog, or cancels linking, or clears the selection.
func (e *Editor) escape(target app.Value) {
	switch {
	case e.dialog != noDialog:
		e.dialog = noDialog
	case e.st.Linking:
		e.st.Linking = false
		e.info("Linking cancelled")
	default:
		if typing(target) {
			target.Call("blur")
		}
		clearSelection()
		hideToolbar()
		e.selectAnnotation("", false)
	}
}

// typing reports whether el is a field the editor types into, where shortcuts
// must not fire.
func typing(el app.Value) bool {
	if !el.Truthy() || el.Get("tagName").IsUndefined() {
		return false
	}
	switch el.Get("tagName").String() {
	case "INPUT", "TEXTAREA", "SELECT":
		return true
	}
	return el.Get("isContentEditable").Bool() && !inArticle(el)
}

// inArticle reports whether el is the article or inside it.
func inArticle(el app.Value) bool {
	a := articleElement()
	return a.Truthy() && el.Truthy() && !el.Get("nodeType").IsUndefined() && a.Call("contains", el).Bool()
}
