package ui

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/article"
	"github.com/newsroom/annotator/app/docsync"
	"github.com/newsroom/annotator/app/editor"
	"github.com/newsroom/annotator/app/sample"
)

// dialog names the dialog open over the editor.
type dialog int

const (
	noDialog       dialog = iota
	helpDialog            // the keyboard shortcuts
	pasteDialog           // paste an article's text
	docsDialog            // the documents stored in this browser
	serverDialog          // the documents on the server
	conflictDialog        // a save the server refused: choose a version
	exportDialog          // the export formats
	importDialog          // an annotation file for another text: open it or place it
)

// saveState is where autosave stands.
type saveState int

const (
	saved saveState = iota
	saving
	saveFailed
)

// Editor is the annotator's page: the article, the tagging toolbar, the side
// panel of annotations and the status line, over the editor's state
// (app/editor), which only its actions change. The article's paragraphs are
// written straight into the DOM (see render.go and dom.go) so that tagging
// re-renders one paragraph, not the page; go-app renders everything else.
type Editor struct {
	app.Compo

	st *editor.State // the document, its annotations and history, the selection

	dialog   dialog
	pasted   string // the paste dialog's text
	docs     []docsync.Entry
	expanded map[annotation.Kind]bool // panel groups listed in full

	status    string // the last message for the editor
	statusErr bool
	save      saveState
	saveGen   int // counts changes, so a pending autosave knows whether it is the latest

	sync          *docsync.Sync         // what is kept in the browser, and the server (in the browser only)
	server        serverState           // where the last save to the server stands
	waiting       int                   // saves in the outbox
	retrying      bool                  // the outbox will be tried again
	conflict      *conflict             // a refused save waiting for the editor's choice
	pending       *pendingImport        // an import waiting for the editor's choice
	serverDocs    []docsync.Entry       // the server's documents, for the open dialog
	serverErr     string                // why they could not be listed
	removed       *removedDoc           // the document last removed from this browser, to bring back
	exportPending bool                  // exports include the suggestions not yet reviewed
	conflicts     []annotation.Conflict // merge conflicts waiting for the editor's choice
	live          live                  // colleagues on the open document
	me            string                // whom the server token signs in as
	lastStored    annotation.File       // the open document as this tab last kept it, the base of another tab's changes
	panelView     bool                  // on a narrow screen, the panel is shown instead of the article
	pendingCaret  *int                  // where the caret goes once the page is painted
	menuOpen      bool                  // on a narrow screen, the document actions are unfolded
	update        bool                  // a new version of the app is ready

	release []func()    // removes the document-level listeners
	ctx     app.Context // the editor's own context, for work that outlives an event
}

// OnInit starts on the sample article, so the page the server prerenders shows it.
func (e *Editor) OnInit() {
	mark("annotator:start")
	e.load(sampleFile())
}

// sampleFile returns the built-in sample article as a new document.
func sampleFile() annotation.File {
	doc := annotation.NewDocument(sample.Title, sample.Text(), sample.Source)
	doc.Blocks = slices.Clone(sampleBlocks)
	return annotation.NewFile(doc, nil)
}

// openSample opens the editor's copy of the sample, the latest one kept in
// this browser, or a new one when there is none: pressing Sample twice does
// not make a second copy.
func (e *Editor) openSample() {
	text := sample.Text()
	for _, d := range e.docs { // latest first
		if d.Title != sample.Title {
			continue
		}
		if f, err := e.sync.Load(d.ID); err == nil && f.Document.Text == text {
			if d.ID != e.st.Doc.ID {
				e.openStored(f, true)
			}
			e.info("Opened your copy of the sample, saved " + d.Modified.Local().Format("2 Jan 15:04"))
			return
		}
	}
	e.open(sampleFile(), true)
	e.info("Opened the sample article")
}

// sampleBlocks are the sample's blocks as article.Structure finds them
// (TestSampleBlocks checks that they still are). They are kept here because
// the app opens the sample at its start, and the first run of Structure in
// the browser (its code compiled on first use) costs the first visit 10–30 ms.
var sampleBlocks = []annotation.Block{
	{Start: 0, End: 13, Role: annotation.Kicker},
	{Start: 15, End: 56, Role: annotation.Headline},
	{Start: 58, End: 172, Role: annotation.Standfirst},
	{Start: 174, End: 355, Role: annotation.Caption},
	{Start: 3221, End: 3250, Role: annotation.Byline},
	{Start: 3252, End: 3264, Role: annotation.Chrome},
	{Start: 3266, End: 3303, Role: annotation.Chrome},
	{Start: 3305, End: 3339, Role: annotation.Chrome},
	{Start: 3341, End: 3382, Role: annotation.Chrome},
	{Start: 3384, End: 3417, Role: annotation.Chrome},
	{Start: 3419, End: 3426, Role: annotation.Chrome},
	{Start: 3428, End: 3465, Role: annotation.Chrome},
	{Start: 3467, End: 3508, Role: annotation.Chrome},
	{Start: 3510, End: 3543, Role: annotation.Chrome},
}

// OnMount restores the document last open in this browser (or opens the sample)
// and starts listening to the keyboard and the selection.
func (e *Editor) OnMount(ctx app.Context) {
	e.ctx = ctx
	e.sync = docsync.New(localStorage{}, browserFetch{})
	var err error
	if e.docs, err = e.sync.Index(); err != nil {
		e.fail(err)
	}
	opened := false
	if cur := e.sync.Current(); cur != "" {
		if f, err := e.sync.Load(cur); err != nil {
			e.fail(err)
		} else {
			e.openStored(f, false)
			opened = true
		}
	}
	if !opened {
		e.open(sampleFile(), true)
	}
	e.listen("keydown", func(ev app.Value) { e.onKey(ctx, ev) })
	e.listen("selectionchange", func(app.Value) { e.placeToolbar() })
	e.listen("mousedown", func(app.Value) {
		ctx.Dispatch(func(ctx app.Context) { e.pendingCaret = nil; ctx.PreventUpdate() }) // the click places the caret
	})
	e.listen("paste", func(ev app.Value) { e.onPaste(ctx, ev) })
	e.listenWindow("online", func(app.Value) { ctx.Dispatch(func(app.Context) { e.sendOutbox() }); app.TryUpdate() })
	e.listen("visibilitychange", func(app.Value) {
		if document().Get("visibilityState").String() == "visible" {
			app.TryUpdate()
		} else {
			e.flushSave()
		}
	})
	e.listenWindow("pagehide", func(app.Value) { e.flushSave() })
	e.listenWindow("storage", func(ev app.Value) {
		if ev.Get("key").String() == docsync.DocKey(e.st.Doc.ID) && ev.Get("newValue").Truthy() {
			data := ev.Get("newValue").String()
			ctx.Dispatch(func(ctx app.Context) { e.fromOtherTab(data) })
		}
	})
	e.checkForUpdates(ctx)
	e.sendOutbox()
	e.askWhoIAm()
	e.watch()
	e.checkForSaves(ctx)
	whenOfflineReady(func() { ctx.After(2*time.Second, func(app.Context) { cacheConverter() }) })
}

// fromOtherTab takes the changes another tab saved to the document being
// edited: merged with this tab's since what it last kept (annotation.Merge,
// as for colleagues' saves), as one undoable edit, so that neither tab's
// autosave undoes the other's.
func (e *Editor) fromOtherTab(data string) {
	if mine, err := annotation.Encode(e.file()); err == nil && string(mine) == data {
		return // the same state: the tabs agree
	}
	f, err := annotation.Decode([]byte(data))
	if err != nil || f.Document.ID != e.st.Doc.ID || f.Document.SHA256 != e.st.Doc.SHA256 {
		return
	}
	edit, r, err := e.st.MergeIn("Changes made in another tab", e.lastStored, f)
	if err != nil {
		e.fail(fmt.Errorf("the changes made in another tab could not be merged: %w", err))
		return
	}
	e.lastStored = f
	e.conflicts = append(e.conflicts, r.Conflicts...)
	if len(edit.Changes) > 0 {
		e.apply(edit, nil)
	}
}

// checkForUpdates asks now and then whether a new version was deployed; go-app
// then calls OnAppUpdate.
func (e *Editor) checkForUpdates(ctx app.Context) {
	ctx.After(updateEvery, func(ctx app.Context) {
		app.TryUpdate()
		e.checkForUpdates(ctx)
	})
}

// OnAppUpdate offers to reload when a new version of the app has been downloaded.
func (e *Editor) OnAppUpdate(ctx app.Context) { e.update = ctx.AppUpdateAvailable() }

// OnDismount removes the document-level listeners.
func (e *Editor) OnDismount() {
	e.unwatch()
	for _, r := range e.release {
		r()
	}
	e.release = nil
}

// listen adds a document-level event listener, removed on dismount.
func (e *Editor) listen(event string, h func(app.Value)) { e.listenOn(document(), event, h) }

// listenWindow adds a window-level event listener, removed on dismount.
func (e *Editor) listenWindow(event string, h func(app.Value)) { e.listenOn(app.Window(), event, h) }

func (e *Editor) listenOn(target app.Value, event string, h func(app.Value)) {
	f := app.FuncOf(func(this app.Value, args []app.Value) any {
		guard(e.fail, func() { h(args[0]) })
		return nil
	})
	target.Call("addEventListener", event, f)
	e.release = append(e.release, func() {
		target.Call("removeEventListener", event, f)
		f.Release()
	})
}

// open makes f the document being edited and shows it, once any change to the
// document it replaces is saved; store saves f to the library with the next
// autosave (in a task of its own: encoding a long document takes a while).
func (e *Editor) open(f annotation.File, store bool) {
	e.flushSave()
	e.load(f)
	e.lastStored = f
	setArticleHTML(newMarkup(e.st).article(e.st.Paras))
	document().Get("body").Call("setAttribute", "data-build", Build)
	document().Get("body").Call("setAttribute", "data-ready", "true")
	mark("annotator:rendered")
	e.watch()
	e.addStructure()
	if store {
		e.autosave()
	}
}

// load makes f the document being edited.
func (e *Editor) load(f annotation.File) {
	e.st = editor.New(f)
	e.st.Creator = e.me
	e.conflicts = nil
	e.expanded = map[annotation.Kind]bool{}
}

// file returns the document and its annotations as an annotation file.
func (e *Editor) file() annotation.File { return e.st.File() }

// apply runs an edit through the state, re-renders what it touched and saves.
// It takes an edit method's results as they are: e.apply(e.st.Set.Remove(id, now)).
func (e *Editor) apply(edit annotation.Edit, err error) bool {
	touched, err := e.st.Apply(edit, err)
	if err != nil {
		e.fail(err)
		return false
	}
	e.changed(touched, edit.Label)
	return true
}

// changed re-renders the touched paragraphs and schedules an autosave; a
// caret in the article stays where it was.
func (e *Editor) changed(touched []int, label string) {
	caret, hadCaret := 0, false
	if articleElement().Equal(document().Get("activeElement")) { // else no caret to keep, and no need to ask
		caret, hadCaret = e.caret()
	}
	e.rewrite(touched, label, caret, hadCaret)
}

// rewrite re-renders the touched paragraphs, puts the caret at offset when
// place is true (rewriting its paragraph would lose it) and schedules an autosave.
func (e *Editor) rewrite(touched []int, label string, caret int, place bool) {
	ctx := e.ctx
	m := newMarkup(e.st)
	for _, i := range touched {
		setParagraphHTML(i, m.paragraph(e.st.Paras[i]))
	}
	showSelection(e.st.Selected, m.lit)
	e.info(label)
	e.autosave()
	// Placing the caret now would make the browser lay the article out at
	// once: it waits for the paint (and caret() answers for it meanwhile); a
	// click meanwhile puts the caret where the editor clicked instead.
	if place {
		e.pendingCaret = &caret
	}
	// The highlight is in the page now: let the browser paint it before go-app
	// renders the side panel and the status line, in a task of their own.
	ctx.PreventUpdate()
	afterPaint(func() { ctx.Dispatch(func(app.Context) { e.placePendingCaret() }) })
}

// caret returns the caret's offset in the article: where it is about to be
// placed, or where the browser has it.
func (e *Editor) caret() (int, bool) {
	if e.pendingCaret != nil {
		return *e.pendingCaret, true
	}
	return caretOffset(e.st.Text)
}

// placePendingCaret places the caret rewrite left for after the paint, unless
// the editor selected words meanwhile.
func (e *Editor) placePendingCaret() {
	if at := e.pendingCaret; at != nil {
		e.pendingCaret = nil
		if !hasTextSelection() {
			e.placeCaret(*at)
		}
	}
}

// autosave saves the document to the browser's storage shortly after the last
// change. Delayed work runs on the editor's own context: a dialog's button that
// started it may be gone by then, and its context with it.
func (e *Editor) autosave() {
	e.saveGen++
	gen := e.saveGen
	e.save = saving
	e.ctx.After(300*time.Millisecond, func(app.Context) {
		if gen == e.saveGen { // else a later change will save
			e.saveNow()
		}
	})
}

// flushSave saves at once a change still waiting for its autosave: before
// another document replaces this one, and when the page is hidden or unloaded.
func (e *Editor) flushSave() {
	if e.save == saving {
		e.saveGen++ // the pending autosave has nothing left to do
		e.saveNow()
	}
}

// saveNow stores the document in the browser.
// The undo history is kept beside it, so that it outlives a reload; when it
// cannot be, the document is still saved and the editor told.
func (e *Editor) saveNow() {
	docs, err := e.sync.Save(e.file(), time.Now().UTC())
	if err != nil {
		e.save = saveFailed
		e.fail(fmt.Errorf("not saved in this browser: %w. Export the file to keep your work", err))
		return
	}
	e.docs, e.save, e.lastStored = docs, saved, e.file()
	history, err := json.Marshal(e.st.History)
	if err == nil {
		err = e.sync.SaveHistory(e.st.Doc.ID, history)
	}
	if err != nil {
		e.fail(fmt.Errorf("saved, but the undo history could not be kept for after a reload: %w", err))
	}
}

// openStored opens a document kept in this browser with its undo history;
// current makes it the one a reload opens.
func (e *Editor) openStored(f annotation.File, current bool) {
	e.open(f, current)
	if data, ok := e.sync.History(f.Document.ID); ok {
		if err := json.Unmarshal(data, &e.st.History); err != nil {
			e.st.History = annotation.History{}
			e.fail(fmt.Errorf("the undo history of “%s” could not be read (its annotations are all there): %w", f.Document.Title, err))
		}
	}
}

// tag annotates the selected text as kind; with the caret alone, the
// quotation, name or credit at or after it (see editor.State.SpanAt), or the
// kind of the selected annotation the caret is in. The caret is left at the
// end of the new annotation, so that keyboard work goes on from there.
func (e *Editor) tag(kind annotation.Kind) {
	now := time.Now().UTC()
	var edit annotation.Edit
	var touched []int
	var err error
	if start, end, ok := selectionOffsets(e.st.Text); ok {
		edit, touched, err = e.st.Tag(kind, start, end, now)
	} else if caret, ok := e.caret(); ok {
		if a, ok := e.st.Set.Get(e.st.Selected); ok && a.Start < caret && caret < a.End {
			e.apply(e.st.Set.SetKind(a.ID, kind, now))
			return
		}
		edit, touched, err = e.st.TagAt(kind, caret, now)
	} else if e.st.Selected != "" {
		e.apply(e.st.Set.SetKind(e.st.Selected, kind, now))
		return
	} else {
		e.fail(errors.New("select some words in the article first (or put the caret by them), then press q, s or p"))
		return
	}
	var dup editor.AlreadyTagged
	if errors.As(err, &dup) {
		e.selectAnnotation(dup.Annotation.ID, true)
		e.info(dup.Error() + ": selected it")
		return
	}
	if err != nil {
		e.fail(err)
		return
	}
	// The selection goes first, so the browser need not keep it up to date
	// while the paragraph under it is rewritten; the caret then goes to the
	// new annotation's end.
	clearSelection()
	hideToolbar()
	a := *edit.Changes[0].After
	e.rewrite(touched, edit.Label, a.End, true)
	msg := fmt.Sprintf("Tagged the %s “%s”", annotation.KindLabel(kind), editor.Excerpt(a.Exact, 60))
	if o := e.st.Overlapping(a.ID); len(o) > 0 {
		msg += fmt.Sprintf(" — it overlaps the %s “%s” (Ctrl+Z undoes)", annotation.KindLabel(kind), editor.Excerpt(o[0].Exact, 40))
	}
	e.info(msg)
}

// selectAnnotation makes id the annotation being worked on and shows it, in
// the article (scrolled to when scroll is true) and in the panel.
func (e *Editor) selectAnnotation(id annotation.ID, scroll bool) {
	e.st.Selected = id
	showSelection(id, linked(e.st.Set.All(), id))
	if id == "" {
		return
	}
	if scroll {
		scrollToMark(string(id))
	}
	e.ctx.Defer(func(app.Context) { revealInPanel(id) })
}

// step selects the next (dir 1) or previous (dir -1) annotation in text order.
func (e *Editor) step(dir int) bool {
	id, ok := e.st.Step(dir)
	if ok {
		e.selectAnnotation(id, true)
	}
	return ok
}

// placeCaret puts the caret at a code-point offset of the article.
func (e *Editor) placeCaret(offset int) {
	for i, p := range e.st.Paras {
		if offset <= p.End {
			placeCaret(e.st.Text, i, p, max(offset, p.Start))
			return
		}
	}
}

// caretToParagraph moves the caret to the start of the next (dir 1) or
// previous (dir -1) paragraph, as word processors do with Ctrl+↓ and Ctrl+↑.
func (e *Editor) caretToParagraph(dir int) {
	at, ok := e.caret()
	if !ok {
		at, _, ok = selectionOffsets(e.st.Text)
	}
	i := 0
	if ok {
		i = len(e.st.Paras) - 1
		for j, p := range e.st.Paras {
			if at <= p.End || j == len(e.st.Paras)-1 {
				i = j
				break
			}
		}
		if dir < 0 && at > e.st.Paras[i].Start {
			dir = 0 // up from inside a paragraph: to its own start
		}
		i = max(0, min(i+dir, len(e.st.Paras)-1))
	}
	e.pendingCaret = nil
	e.placeCaret(e.st.Paras[i].Start)
	scrollToCaret()
}

// undo reverts the last edit.
func (e *Editor) undo() {
	if edit, touched, ok := e.st.Undo(); ok {
		e.changed(touched, "Undid: "+edit.Label)
		e.ctx.Defer(func(app.Context) { e.refreshFields() })
	} else {
		e.info("Nothing to undo")
	}
}

// redo applies the last undone edit again.
func (e *Editor) redo() {
	if edit, touched, ok := e.st.Redo(); ok {
		e.changed(touched, "Redid: "+edit.Label)
		e.ctx.Defer(func(app.Context) { e.refreshFields() })
	} else {
		e.info("Nothing to redo")
	}
}

// linkChoices is how many nearby annotations link mode offers by number.
const linkChoices = 9

// startLink waits for the selected quote's speaker, or the selected source's
// quote: picked by number among the nearest, or by a click in the article.
func (e *Editor) startLink() {
	a, ok := e.st.Set.Get(e.st.Selected)
	if !ok || a.Kind == annotation.PhotoCredit {
		e.fail(errors.New("select a quote or a source first (click it, or step with j/k), then press l"))
		return
	}
	if len(e.st.LinkChoices(linkChoices)) == 0 {
		want := "source"
		if a.Kind == annotation.Source {
			want = "quote"
		}
		e.fail(fmt.Errorf("there is no %s to link to yet: tag one first", want))
		return
	}
	e.st.Linking = true
	e.info("Press the number of the one to link, or click it in the article (Escape cancels)")
}

// link links the selected annotation and choice, ending link mode.
func (e *Editor) link(choice annotation.Annotation) {
	e.st.Linking = false
	if e.apply(e.st.LinkTo(choice.ID, time.Now().UTC())) {
		e.selectAnnotation(e.st.Selected, false)
	}
}

// pickLink links the n-th (from 1) of the link choices.
func (e *Editor) pickLink(n int) {
	choices := e.st.LinkChoices(linkChoices)
	if n < 1 || n > len(choices) {
		e.fail(fmt.Errorf("there is no choice %d: press 1 to %d, or Escape", n, len(choices)))
		return
	}
	e.link(choices[n-1])
}

// onArticleClick selects the clicked highlight, or links it when linking.
func (e *Editor) onArticleClick(ctx app.Context, ev app.Event) {
	mark := ev.Get("target").Call("closest", "mark[data-annotation-id]")
	if !mark.Truthy() {
		if e.st.Linking {
			e.st.Linking = false
			e.info("Linking cancelled")
		}
		return
	}
	id := annotation.ID(mark.Get("dataset").Get("annotationId").String())
	if e.st.Linking {
		// The innermost mark under the pointer wins, but a link wants the other
		// kind: look outwards for one.
		for _, c := range e.st.LinkChoices(len(e.st.Set.All())) {
			for m := mark; m.Truthy(); m = m.Get("parentElement").Call("closest", "mark[data-annotation-id]") {
				if annotation.ID(m.Get("dataset").Get("annotationId").String()) == c.ID {
					e.link(c)
					return
				}
			}
		}
		e.fail(errors.New("that is not something to link to: click a source for a quote, a quote for a source, or press a number (Escape cancels)"))
		return
	}
	if sel := app.Window().Call("getSelection"); sel.Truthy() && !sel.Get("isCollapsed").Bool() {
		return // the editor is selecting text, not clicking a highlight
	}
	e.selectAnnotation(id, false)
}

// removedDoc is a document removed from this browser, kept until the next removal.
type removedDoc struct {
	file     annotation.File
	modified time.Time
}

// removeDocument removes a document from this browser, keeping it so that
// "Undo remove" can bring it back.
func (e *Editor) removeDocument(d docsync.Entry) {
	f, err := e.sync.Load(d.ID)
	if err != nil {
		e.fail(fmt.Errorf("“%s” was not removed: %w", d.Title, err))
		return
	}
	docs, err := e.sync.Remove(d.ID)
	if err != nil {
		e.fail(fmt.Errorf("“%s” was not removed: %w", d.Title, err))
		return
	}
	e.docs, e.removed = docs, &removedDoc{file: f, modified: d.Modified}
	e.info(fmt.Sprintf("Removed “%s” from this browser: Undo remove brings it back", d.Title))
}

// undoRemove brings the last removed document back into this browser.
func (e *Editor) undoRemove() {
	r := e.removed
	if r == nil {
		return
	}
	docs, err := e.sync.Save(r.file, r.modified)
	if err != nil {
		e.fail(fmt.Errorf("“%s” could not be brought back: %w", r.file.Document.Title, err))
		return
	}
	e.docs, e.removed = docs, nil
	e.info(fmt.Sprintf("“%s” is back in this browser's documents", r.file.Document.Title))
}

// loadArticle opens an article's file as a new document: an HTML page through
// the reader view, text and Markdown read in the converter.
func (e *Editor) loadArticle(name string, data []byte) {
	if article.IsHTML(name) {
		e.openHTML(name, data)
		return
	}
	e.readArticle(name, data, "")
}

// readArticle has the converter read an article — the file name, or with no
// name pasted text titled title — with its structure, and opens it.
func (e *Editor) readArticle(name string, data []byte, title string) {
	e.info("Reading the article…")
	convert("article", name, data, title, func(out, _ string, err error) {
		e.ctx.Dispatch(func(app.Context) {
			shown := cmp.Or(name, "the pasted text")
			if errors.Is(err, errNoConverter) && (name == "" || strings.HasSuffix(strings.ToLower(name), ".txt")) && utf8.Valid(data) {
				// Plain text opens without the converter; its structure comes when the converter does.
				doc := annotation.NewDocument(title, annotation.NormalizeText(string(data)), name)
				doc.Title = cmp.Or(doc.Title, firstLine(doc.Text))
				e.open(annotation.NewFile(doc, nil), true)
				e.info("Opened " + shown + " (its headline, captions and page furniture are shown once the app has been online)")
				return
			}
			if err != nil {
				e.fail(fmt.Errorf("%s cannot be opened: %w", shown, err))
				return
			}
			f, err := annotation.Decode([]byte(out))
			if err != nil {
				e.fail(fmt.Errorf("%s: the converter's answer is not valid (a bug): %w", shown, err))
				return
			}
			if f.Document.Title == "" {
				f.Document.Title = firstLine(f.Document.Text)
			}
			e.open(f, true)
			e.info("Opened " + shown)
		})
	})
}

// addStructure has the converter find the blocks of a document that has none
// (a version 1 file) and shows them once they come.
func (e *Editor) addStructure() {
	if e.st.Doc.Blocks != nil {
		return
	}
	data, err := annotation.Encode(annotation.NewFile(e.st.Doc, []annotation.Annotation{}))
	if err != nil {
		return // the document is shown without its structure
	}
	id := e.st.Doc.ID
	convert("structure", "", data, "", func(out, _ string, err error) {
		e.ctx.Dispatch(func(app.Context) {
			f, derr := annotation.Decode([]byte(out))
			if err != nil || derr != nil || e.st.Doc.ID != id || e.st.Doc.Blocks != nil {
				return // offline before the converter was cached, or another document: plain paragraphs
			}
			e.st.SetBlocks(f.Document.Blocks)
			setArticleHTML(newMarkup(e.st).article(e.st.Paras))
			e.autosave()
		})
	})
}

// importFile opens an annotation file. A file for the document being edited, or
// for the same text, replaces its annotations (undoably); if the text has been
// revised since, they are re-anchored on it and the outcome is shown. A file
// for another text asks whether to open it as its own document or to place its
// annotations on the article being edited.
func (e *Editor) importFile(name string, data []byte) {
	f, err := annotation.Decode(data)
	if err != nil {
		e.fail(fmt.Errorf("%s is not an annotation file the annotator can open, so nothing was changed. "+
			"To annotate an article, open the article itself (.txt, .md or .html); to bring back your work, "+
			"open a .json file exported from the annotator. What is wrong in it:\n%w", name, err))
		return
	}
	if f.Document.ID != e.st.Doc.ID && f.Document.SHA256 != e.st.Doc.SHA256 {
		e.pending = &pendingImport{name: name, file: f}
		e.dialog = importDialog
		return
	}
	e.placeAnnotations(name, f)
}

// pendingImport is an annotation file for another text, waiting for the editor's choice.
type pendingImport struct {
	name string
	file annotation.File
}

// placeAnnotations replaces the annotations of the article being edited with
// f's, re-anchored on its text, in one undoable edit.
func (e *Editor) placeAnnotations(name string, f annotation.File) {
	touched, report, err := e.st.Place(name, f)
	if err != nil {
		e.fail(err)
		return
	}
	e.changed(touched, report)
}

// openBytes opens what the editor brought in: an annotation file, W3C Web
// Annotations for the article being edited, or an article.
func (e *Editor) openBytes(name string, data []byte) {
	switch ext := strings.ToLower(path.Ext(name)); {
	case ext == ".jsonld" || ext == ".json" && bytes.Contains(data[:min(len(data), 4096)], []byte(`"@context"`)):
		e.importW3C(name, data)
	case ext == ".json":
		e.importFile(name, data)
	default:
		e.loadArticle(name, data)
	}
}

// importReport is what the converter reports of a W3C import: w3c.Report's
// counts and the ids of the annotations whose wording changed.
type importReport struct {
	Anchored, Moved, Changed, Orphaned, Links int
	ChangedItems                              []struct{ Annotation annotation.ID }
}

// importW3C anchors W3C Web Annotations on the article being edited, in the
// converter; they replace its annotations in one undoable edit.
func (e *Editor) importW3C(name string, data []byte) {
	text, id := e.st.Doc.Text, e.st.Doc.ID
	convert("import-w3c", name, data, text, func(out, rep string, err error) {
		e.ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				e.fail(fmt.Errorf("%s cannot be imported; nothing was changed:\n%w", name, err))
				return
			}
			if e.st.Doc.ID != id {
				e.fail(fmt.Errorf("%s was not imported: another document was opened meanwhile", name))
				return
			}
			f, err := annotation.Decode([]byte(out))
			var report importReport
			if err == nil {
				err = json.Unmarshal([]byte(rep), &report)
			}
			if err != nil {
				e.fail(fmt.Errorf("%s: the converter's answer is not valid (a bug): %w", name, err))
				return
			}
			e.placeImported(name, f, report)
		})
	})
}

// placeImported replaces the annotations with those a W3C import placed.
func (e *Editor) placeImported(name string, f annotation.File, report importReport) {
	review := map[annotation.ID]anchor.Status{}
	for _, it := range report.ChangedItems {
		review[it.Annotation] = anchor.Changed
	}
	touched, err := e.st.Replace("Import "+name, f.Annotations, review)
	if err != nil {
		e.fail(err)
		return
	}
	e.changed(touched, fmt.Sprintf("Imported %s: %d anchored, %d moved, %d changed (check them), %d orphaned, %d links",
		name, report.Anchored, report.Moved, report.Changed, report.Orphaned, report.Links))
}

// exported returns the file to export: without the suggestions not yet
// reviewed unless the editor chose to include them, and what to say of them.
func (e *Editor) exported() (annotation.File, string, error) {
	n := e.st.Set.Suggestions()
	switch {
	case n == 0:
		return e.file(), "", nil
	case e.exportPending:
		return e.file(), fmt.Sprintf(", with %s not yet reviewed", plural(n, "suggestion")), nil
	}
	f, err := e.st.Reviewed(time.Now().UTC())
	return f, fmt.Sprintf(": %s not yet reviewed left out (Export… can include them)", plural(n, "suggestion")), err
}

// exportFile downloads the annotation file.
func (e *Editor) exportFile() {
	f, note, err := e.exported()
	var data []byte
	if err == nil {
		data, err = annotation.Encode(f)
	}
	if err != nil {
		e.fail(err)
		return
	}
	e.download("annotations.json", "application/json", data, note)
}

// exportConverted downloads the document converted by the converter's op
// ("export-w3c", "export-csv").
func (e *Editor) exportConverted(op, suffix, mime string) {
	f, note, err := e.exported()
	var data []byte
	if err == nil {
		data, err = annotation.Encode(f)
	}
	if err != nil {
		e.fail(err)
		return
	}
	e.info("Converting…")
	convert(op, "", data, "", func(out, _ string, err error) {
		e.ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				e.fail(fmt.Errorf("not exported: %w", err))
				return
			}
			e.download(suffix, mime, []byte(out), note)
		})
	})
}

// download saves data as a file named from the document's title and suffix,
// and says so, with note.
func (e *Editor) download(suffix, mime string, data []byte, note string) {
	name := fileName(e.st.Doc.Title) + "." + suffix
	download(name, mime, data)
	e.info("Exported " + name + note)
}

// fileName makes a file name from a title: lower case words joined by hyphens.
func fileName(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') || r > 127 && (r >= 'à' && r <= 'ÿ') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	name := strings.Trim(b.String(), "-")
	if name == "" {
		return "article"
	}
	return name
}

func (e *Editor) info(msg string) { e.status, e.statusErr = msg, false }

func (e *Editor) fail(err error) { e.status, e.statusErr = err.Error(), true }
