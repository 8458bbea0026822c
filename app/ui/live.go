package ui

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
	"github.com/newsroom/annotator/app/docsync"
)

// Colleagues' work appears live: while a document the server holds is open,
// the server's event stream of it (Server-Sent Events, kept out of the
// service worker, see app/pwa) says when someone saved it and who has it
// open, and a conditional GET every few seconds covers what a stream cannot
// (another replica, a stream cut). A new version is merged into the open
// document as one undoable edit — unless the editor is typing, selecting or
// linking: then it waits behind a "2 saves by Bob — show" line.

// pullEvery is how often the open document is checked for colleagues' saves
// when no event says so.
const pullEvery = 5 * time.Second

// live is what the editor knows of colleagues on the open document.
type live struct {
	doc     annotation.ID // the document the stream is of
	stream  app.Value     // the EventSource, or nil
	release []func()      // removes the stream's listeners
	others  []string      // who else has it open
	waiting int           // colleagues' saves waiting for the editor to be done
	by      []string      // who made them
}

// watch follows the open document on the server: its event stream, and the
// periodic check. It does nothing for a document the server does not hold.
func (e *Editor) watch() {
	id := e.st.Doc.ID
	if e.live.doc == id && e.live.stream != nil {
		return
	}
	e.unwatch()
	if e.sync.ETag(id) == "" {
		return
	}
	url := api.EventsPath(id)
	if tok := e.sync.Token(); tok != "" {
		url += "?" + api.TokenParam + "=" + tok
	}
	src := app.Window().Get("EventSource")
	if !src.Truthy() {
		return
	}
	e.live = live{doc: id, stream: src.New(url)}
	on := func(event string, h func(data string)) {
		f := app.FuncOf(func(this app.Value, args []app.Value) any {
			data := args[0].Get("data").String()
			e.ctx.Dispatch(func(app.Context) { guard(e.fail, func() { h(data) }) })
			return nil
		})
		e.live.stream.Call("addEventListener", event, f)
		e.live.release = append(e.live.release, f.Release)
	}
	on(api.EventVersion, func(data string) {
		var s api.Summary
		if json.Unmarshal([]byte(data), &s) != nil || s.ID != e.live.doc || s.ETag == e.sync.ETag(s.ID) {
			return // this copy's own version, or not a summary
		}
		if e.busy() {
			e.live.waiting++
			if s.SavedBy != "" && !slices.Contains(e.live.by, s.SavedBy) {
				e.live.by = append(e.live.by, s.SavedBy)
			}
			return
		}
		e.pull()
	})
	on(api.EventPresence, func(data string) {
		var p api.Presence
		if json.Unmarshal([]byte(data), &p) != nil {
			return
		}
		e.live.others = nil
		for _, u := range p.Users {
			if u != e.me {
				e.live.others = append(e.live.others, u)
			}
		}
	})
}

// unwatch closes the open document's event stream.
func (e *Editor) unwatch() {
	if e.live.stream != nil {
		e.live.stream.Call("close")
	}
	for _, r := range e.live.release {
		r()
	}
	e.live = live{}
}

// busy reports whether the editor is in the middle of something a change
// under them would disturb: typing in a field, selecting words, linking, a dialog.
func (e *Editor) busy() bool {
	return typing(document().Get("activeElement")) || hasTextSelection() || e.st.Linking || e.dialog != noDialog
}

// pull brings colleagues' saves of the open document in now.
func (e *Editor) pull() {
	id := e.st.Doc.ID
	e.live.waiting, e.live.by = 0, nil
	e.flushSave() // the merge starts from what the editor has done
	e.sync.Pull(id, func(o docsync.Outcome) {
		e.ctx.Dispatch(func(app.Context) {
			switch {
			case o.Kind == docsync.Merged && o.File.Document.ID == e.st.Doc.ID:
				e.takeMerge(o)
			case o.Kind == docsync.Failed || o.Kind == docsync.Conflict:
				e.fail(o.Err)
			}
		})
	})
}

// checkForSaves checks the open document for colleagues' saves now and then,
// for what the event stream cannot tell.
func (e *Editor) checkForSaves(ctx app.Context) {
	ctx.After(pullEvery, func(ctx app.Context) {
		e.watch()
		if e.live.doc != "" && !e.busy() && e.live.waiting == 0 {
			e.pull()
		}
		e.checkForSaves(ctx)
	})
}

// askWhoIAm asks the server whose token the editor entered, for the
// annotations they make and the status line.
func (e *Editor) askWhoIAm() {
	e.sync.Me(func(name string, reachable bool, err error) {
		e.ctx.Dispatch(func(app.Context) {
			if reachable && err == nil {
				e.me = name
				e.st.Creator = name
			}
		})
	})
}

// renderLive is the status line's part about colleagues: who else has the
// document open, and their saves waiting for the editor.
func (e *Editor) renderLive() app.UI {
	return app.Span().Class("live").Body(
		app.If(len(e.live.others) > 0, func() app.UI {
			return app.Span().ID("others").Class("others").Text("Also open: " + strings.Join(e.live.others, ", "))
		}),
		app.If(e.live.waiting > 0, func() app.UI {
			who := "a colleague"
			if len(e.live.by) > 0 {
				who = strings.Join(e.live.by, " and ")
			}
			return app.Span().ID("incoming").Class("incoming").Body(
				app.Text(fmt.Sprintf("%s by %s ", plural(e.live.waiting, "save"), who)),
				button("show", "Bring their changes into the article now", func(ctx app.Context, ev app.Event) { e.pull() }).ID("show-incoming"),
			)
		}),
	)
}
