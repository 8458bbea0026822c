package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/docsync"
	"github.com/newsroom/annotator/app/editor"
)

// Saving to the server goes through the outbox the sync engine (app/docsync)
// keeps in local storage: a save made offline, or while the server is down,
// waits there across reloads and browser restarts and is sent on its own when
// the server answers again. This file turns the engine's outcomes into what
// the editor sees.

// retryEvery is how often a waiting outbox is tried again.
const retryEvery = 5 * time.Second

// serverState is where the conversation with the server stands.
type serverState int

const (
	serverIdle    serverState = iota // nothing waiting, or the last save got an answer
	serverOffline                    // the server did not answer the last save
)

// conflict is a save the server refused because its copy changed meanwhile.
type conflict struct {
	mine   annotation.File
	theirs docsync.Theirs
}

// saveToServer queues the document for the server and sends the outbox.
func (e *Editor) saveToServer() {
	if _, err := e.sync.Save(e.file(), time.Now().UTC()); err != nil {
		e.fail(err)
		return
	}
	if err := e.sync.Queue(e.st.Doc.ID); err != nil {
		e.fail(err)
	}
	e.sendOutbox()
}

// sendOutbox sends the first waiting save; on success it goes on with the next.
// When the server cannot be reached the outbox waits and is retried later.
func (e *Editor) sendOutbox() {
	e.sync.SendNext(func(o docsync.Outcome) {
		e.ctx.Dispatch(func(ctx app.Context) { e.onSaved(o) })
	})
}

// onSaved shows how a save went and goes on.
func (e *Editor) onSaved(o docsync.Outcome) {
	e.waiting = o.Waiting
	if o.Kind == docsync.Idle { // nothing waiting, or a save on its way: its answer will tell
		if o.Waiting == 0 {
			e.server = serverIdle
		}
		return
	}
	e.server = serverIdle
	if o.Merge != nil {
		e.takeMerge(o)
	}
	switch o.Kind {
	case docsync.Offline:
		e.server = serverOffline
		e.info(fmt.Sprintf("Offline — %d waiting. The save will be sent when the server answers.", o.Waiting))
		e.retry()
		return
	case docsync.NeedsToken:
		e.fail(fmt.Errorf("the server needs a token to save: set it under From server"))
		e.retry()
		return
	case docsync.Conflict:
		e.sync.FetchTheirs(o.File, func(th *docsync.Theirs, err error) {
			e.ctx.Dispatch(func(ctx app.Context) {
				if err != nil {
					e.fail(err)
					return
				}
				e.conflict = &conflict{mine: o.File, theirs: *th}
				e.dialog = conflictDialog
			})
		})
		return
	case docsync.Saved:
		e.info(fmt.Sprintf("Saved “%s” to the server", o.File.Document.Title))
	}
	if o.Kind == docsync.Saved || o.Kind == docsync.Merged {
		e.watch() // a document new on the server has its stream from now on
	}
	if o.Err != nil {
		e.fail(o.Err)
	}
	if (o.Kind == docsync.Saved || o.Kind == docsync.Merged) && o.Waiting > 0 {
		e.sendOutbox()
	}
}

// takeMerge brings the merge the outbox made of the editor's copy and the
// server's into the open document, as one undoable edit (merged again with
// what the editor changed since the save left), and says what it did; its
// conflicts wait on their annotations in the panel for the editor's choice.
func (e *Editor) takeMerge(o docsync.Outcome) {
	title := o.File.Document.Title
	if o.File.Document.ID != e.st.Doc.ID {
		e.info(fmt.Sprintf("Merged colleagues' changes into “%s”", title))
		return // not open: the stored copy is the merge
	}
	edit, r, err := e.st.MergeIn("Merge colleagues' changes", o.Merge.Mine, o.Merge.File)
	if err != nil {
		e.fail(fmt.Errorf("colleagues' changes to “%s” could not be merged into it: %w", title, err))
		return
	}
	if len(edit.Changes) > 0 && !e.apply(edit, nil) {
		return
	}
	e.conflicts = append(slices.Clone(o.Merge.Conflicts), r.Conflicts...)
	msg := fmt.Sprintf("Merged colleagues' changes into “%s”", title)
	if n := len(e.conflicts); n > 0 {
		msg += fmt.Sprintf(": %s kept the server's value — see the annotations marked “changed by both”", plural(n, "change made on both sides"))
	}
	for _, n := range append(o.Merge.Notices, r.Notices...) {
		if a, ok := e.st.Set.Get(n.ID); ok {
			msg += fmt.Sprintf("\n“%s”: %s", editor.Excerpt(a.Exact, 40), n)
		}
	}
	e.info(msg)
}

// conflictsOf returns the merge conflicts waiting on annotation id.
func (e *Editor) conflictsOf(id annotation.ID) []annotation.Conflict {
	var out []annotation.Conflict
	for _, c := range e.conflicts {
		if c.ID == id {
			out = append(out, c)
		}
	}
	return out
}

// settleConflict applies the editor's choice for a merge conflict: mine, or
// the server's value the merge kept.
func (e *Editor) settleConflict(c annotation.Conflict, useMine bool) {
	e.conflicts = slices.DeleteFunc(e.conflicts, func(d annotation.Conflict) bool { return d.ID == c.ID && d.Group == c.Group })
	if useMine {
		e.apply(e.st.Set.Resolve(c, true, time.Now().UTC()))
	} else {
		e.info("Kept the server's value")
	}
}

// conflictValue says what an annotation holds in a group of fields.
func (e *Editor) conflictValue(g annotation.Group, a annotation.Annotation) string {
	switch g {
	case annotation.GroupNote:
		return "“" + a.Note + "”"
	case annotation.GroupName:
		return a.DisplayName()
	case annotation.GroupSpeaker:
		if sp, ok := e.st.Set.Get(a.Speaker); ok {
			return sp.DisplayName()
		}
		return "no speaker"
	case annotation.GroupSpan:
		return "“" + editor.Excerpt(a.Exact, 50) + "”"
	case annotation.GroupKind:
		return annotation.KindLabel(a.Kind)
	case annotation.GroupCredit:
		if a.Credit != nil {
			return strings.Join(append(slices.Clone(a.Credit.Creators), a.Credit.Agencies...), " / ")
		}
	}
	return fmt.Sprintf("%v", g)
}

// retry tries the outbox again after a while.
func (e *Editor) retry() {
	if e.retrying {
		return
	}
	e.retrying = true
	e.ctx.After(retryEvery, func(ctx app.Context) {
		e.retrying = false
		e.sendOutbox()
	})
}

// resolveConflict applies the editor's choice: the server's version replaces the
// local one, or the local one is kept as a new document beside it.
func (e *Editor) resolveConflict(keepMine bool) {
	c := e.conflict
	e.conflict, e.dialog = nil, noDialog
	if c == nil {
		return
	}
	f, err := e.sync.Resolve(c.mine, c.theirs, keepMine, time.Now().UTC())
	if err != nil {
		e.fail(err)
		return
	}
	e.open(f, true)
	if keepMine {
		e.info("Kept your version as a new document; the server's is under its old title")
	} else {
		e.info("Loaded the server's version")
	}
}

// openFromServer lists the server's documents.
func (e *Editor) openFromServer() {
	e.dialog, e.serverDocs, e.serverErr = serverDialog, nil, ""
	e.sync.List(func(docs []docsync.Entry, err error) {
		e.ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				e.serverErr = fmt.Sprintf("The server's documents cannot be listed: %v", err)
				return
			}
			e.serverDocs, e.serverErr = docs, ""
		})
	})
}

// openServerDoc reads a document from the server and opens it.
func (e *Editor) openServerDoc(id annotation.ID) {
	e.sync.Open(id, time.Now().UTC(), func(f annotation.File, err error) {
		e.ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				e.fail(fmt.Errorf("could not open the document from the server: %w", err))
				return
			}
			e.dialog = noDialog
			e.open(f, true)
			e.info(fmt.Sprintf("Opened “%s” from the server", f.Document.Title))
		})
	})
}
