package ui

import (
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/docsync"
	"github.com/newsroom/annotator/app/editor"
)

// guard runs f and turns a panic into an error shown to the editor, so that a
// fault in one handler never stops the app and loses the editor's work.
func guard(report func(error), f func()) {
	defer func() {
		if r := recover(); r != nil {
			app.Logf("recovered: %v\n%s", r, debug.Stack())
			report(fmt.Errorf("something went wrong (%v); your work is kept — please export it and report this", r))
		}
	}()
	f()
}

// This file is the DOM boundary: selections to code-point offsets, writing the
// article's paragraphs, scrolling, downloads and local storage. Everything else
// in the package works on the model.

func document() app.Value { return app.Window().Get("document") }

func articleElement() app.Value { return document().Call("getElementById", "article") }

// setArticleHTML replaces the whole article's content.
func setArticleHTML(html string) {
	if el := articleElement(); el.Truthy() {
		el.Set("innerHTML", html)
	}
}

// setParagraphHTML replaces the content of the i-th paragraph.
func setParagraphHTML(i int, html string) {
	el := articleElement()
	if !el.Truthy() {
		return
	}
	if p := el.Get("children").Index(i); p.Truthy() {
		p.Set("innerHTML", html)
	}
}

// selectionOffsets returns the current selection in the article as code-point
// offsets of t; ok is false when there is no non-empty selection inside it.
func selectionOffsets(t *anchor.Text) (start, end int, ok bool) {
	sel := app.Window().Call("getSelection")
	if !sel.Truthy() || sel.Get("rangeCount").Int() == 0 || sel.Get("isCollapsed").Bool() {
		return 0, 0, false
	}
	r := sel.Call("getRangeAt", 0)
	start, ok1 := pointOffset(t, r.Get("startContainer"), r.Get("startOffset").Int(), false)
	end, ok2 := pointOffset(t, r.Get("endContainer"), r.Get("endOffset").Int(), true)
	if !ok1 || !ok2 || end <= start {
		return 0, 0, false
	}
	return start, end, true
}

// pointOffset converts a DOM boundary point (node, UTF-16 offset) inside the
// article into a code-point offset of t. A point between paragraphs counts as the
// end of the one before (isEnd) or the start of the one after.
func pointOffset(t *anchor.Text, node app.Value, offset int, isEnd bool) (int, bool) {
	article := articleElement()
	if !article.Truthy() || !article.Call("contains", node).Bool() {
		return 0, false
	}
	if node.Equal(article) {
		children := article.Get("children")
		n := children.Get("length").Int()
		switch {
		case n == 0:
			return 0, false
		case offset >= n:
			return dataInt(children.Index(n-1), "end"), true
		case isEnd && offset > 0:
			return dataInt(children.Index(offset-1), "end"), true
		default:
			return dataInt(children.Index(offset), "start"), true
		}
	}
	el := node
	if node.Get("nodeType").Int() != 1 {
		el = node.Get("parentElement")
	}
	p := el.Call("closest", "p[data-start]")
	if !p.Truthy() {
		return 0, false
	}
	r := document().Call("createRange")
	r.Call("setStart", p, 0)
	r.Call("setEnd", node, offset)
	u16 := utf16Len(r.Call("toString").String())
	pStart := dataInt(p, "start")
	return t.FromUTF16(t.UTF16(pStart) + u16), true
}

// utf16Len returns the length of s in UTF-16 code units, as JavaScript counts.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func dataInt(el app.Value, key string) int {
	n, _ := strconv.Atoi(el.Get("dataset").Get(key).String())
	return n
}

// afterPaint calls f once the browser has painted what the page holds now: in
// a task after the next animation frame.
func afterPaint(f func()) {
	var frame, task app.Func
	frame = app.FuncOf(func(app.Value, []app.Value) any {
		frame.Release()
		task = app.FuncOf(func(app.Value, []app.Value) any {
			task.Release()
			f()
			return nil
		})
		app.Window().Call("setTimeout", task, 0)
		return nil
	})
	app.Window().Call("requestAnimationFrame", frame)
}

// clearSelection removes the browser's text selection.
func clearSelection() {
	if sel := app.Window().Call("getSelection"); sel.Truthy() {
		sel.Call("removeAllRanges")
	}
}

// selectionRect returns the viewport rectangle of the current selection.
func selectionRect() (x, y, bottom float64, ok bool) {
	sel := app.Window().Call("getSelection")
	if !sel.Truthy() || sel.Get("rangeCount").Int() == 0 {
		return 0, 0, 0, false
	}
	rect := sel.Call("getRangeAt", 0).Call("getBoundingClientRect")
	return rect.Get("left").Float(), rect.Get("top").Float(), rect.Get("bottom").Float(), true
}

// markElement returns the first highlight of the annotation.
func markElement(id string) app.Value {
	return document().Call("querySelector", `mark[data-annotation-id="`+id+`"]`)
}

// scrollToMark scrolls the annotation's highlight into view and flashes it.
func scrollToMark(id string) {
	m := markElement(id)
	if !m.Truthy() {
		return
	}
	opts := app.Window().Get("Object").New()
	opts.Set("block", "center")
	opts.Set("behavior", "smooth")
	m.Call("scrollIntoView", opts)
	for _, el := range marksOf(id) {
		el.Get("classList").Call("remove", "flash")
		el.Get("offsetWidth") // restart the animation
		el.Get("classList").Call("add", "flash")
	}
}

func marksOf(id string) []app.Value {
	list := document().Call("querySelectorAll", `mark[data-annotation-id="`+id+`"]`)
	out := make([]app.Value, list.Get("length").Int())
	for i := range out {
		out[i] = list.Index(i)
	}
	return out
}

// showSelection outlines the marks of the selected annotation and lights
// those linked to it (a quote's speaker, a source's quotes, and the speaker
// labels of those quotes), clearing the previous ones.
func showSelection(selected annotation.ID, lit map[annotation.ID]bool) {
	art := articleElement()
	if !art.Truthy() {
		return
	}
	old := art.Call("querySelectorAll", ".selected, .lit")
	for i := range old.Get("length").Int() {
		old.Index(i).Get("classList").Call("remove", "selected", "lit")
	}
	if selected == "" {
		return
	}
	for _, el := range marksOf(string(selected)) {
		el.Get("classList").Call("add", "selected")
	}
	litLabel := func(id annotation.ID) {
		if label := art.Call("querySelector", `.speaker-label[data-quote="`+string(id)+`"]`); label.Truthy() {
			label.Get("classList").Call("add", "lit")
		}
	}
	litLabel(selected) // a selected quote's own label
	for id := range lit {
		for _, el := range marksOf(string(id)) {
			el.Get("classList").Call("add", "lit")
		}
		litLabel(id)
	}
}

// placeCaret puts the caret at the code-point offset of t in the article's
// i-th paragraph, p, without scrolling, so that keyboard work goes on from there.
func placeCaret(t *anchor.Text, i int, p editor.Paragraph, offset int) {
	art := articleElement()
	el := art.Get("children").Index(i)
	if !el.Truthy() {
		return
	}
	left := t.UTF16(offset) - t.UTF16(p.Start)
	walker := document().Call("createTreeWalker", el, 4) // NodeFilter.SHOW_TEXT
	for walker.Call("nextNode").Truthy() {
		node := walker.Get("currentNode")
		n := node.Get("length").Int()
		if left > n {
			left -= n
			continue
		}
		opts := app.Window().Get("Object").New()
		opts.Set("preventScroll", true)
		art.Call("focus", opts)
		r := document().Call("createRange")
		r.Call("setStart", node, left)
		r.Call("collapse", true)
		sel := app.Window().Call("getSelection")
		sel.Call("removeAllRanges")
		sel.Call("addRange", r)
		return
	}
}

// scrollToCaret brings the caret's paragraph into view.
func scrollToCaret() {
	sel := app.Window().Call("getSelection")
	if !sel.Truthy() || sel.Get("rangeCount").Int() == 0 {
		return
	}
	el := sel.Get("anchorNode")
	if el.Get("nodeType").Int() != 1 {
		el = el.Get("parentElement")
	}
	opts := app.Window().Get("Object").New()
	opts.Set("block", "nearest")
	el.Call("scrollIntoView", opts)
}

// caretOffset returns the caret's code-point offset of t when the selection
// is collapsed inside the article.
func caretOffset(t *anchor.Text) (int, bool) {
	sel := app.Window().Call("getSelection")
	if !sel.Truthy() || sel.Get("rangeCount").Int() == 0 || !sel.Get("isCollapsed").Bool() {
		return 0, false
	}
	return pointOffset(t, sel.Get("anchorNode"), sel.Get("anchorOffset").Int(), false)
}

// hasTextSelection reports whether text is selected in the article.
func hasTextSelection() bool {
	sel := app.Window().Call("getSelection")
	return sel.Truthy() && sel.Get("rangeCount").Int() > 0 && !sel.Get("isCollapsed").Bool() &&
		inArticle(sel.Get("anchorNode"))
}

// onScreen reports whether an element of the annotation — a highlight, or
// its entry in the panel — is in view.
func onScreen(id annotation.ID) bool {
	height := app.Window().Get("innerHeight").Float()
	els := marksOf(string(id))
	if item := document().Call("querySelector", `.panel .item-button[data-id="`+string(id)+`"]`); item.Truthy() {
		els = append(els, item)
	}
	for _, el := range els {
		r := el.Call("getBoundingClientRect")
		if r.Get("bottom").Float() > 0 && r.Get("top").Float() < height && r.Get("width").Float() > 0 {
			return true
		}
	}
	return false
}

// revealInPanel scrolls the panel, not the page, to the annotation's entry.
func revealInPanel(id annotation.ID) {
	item := document().Call("querySelector", `.panel .item-button[data-id="`+string(id)+`"]`)
	panel := document().Call("querySelector", ".panel")
	if !item.Truthy() || !panel.Truthy() {
		return
	}
	ir, pr := item.Call("getBoundingClientRect"), panel.Call("getBoundingClientRect")
	top, bottom := ir.Get("top").Float()-pr.Get("top").Float(), ir.Get("bottom").Float()-pr.Get("top").Float()
	if top < 0 || bottom > pr.Get("height").Float() {
		panel.Set("scrollTop", panel.Get("scrollTop").Float()+top-pr.Get("height").Float()/3)
	}
}

// download offers data to the editor as a file called name.
func download(name, mime string, data []byte) {
	arr := app.Window().Get("Uint8Array").New(len(data))
	app.CopyBytesToJS(arr, data)
	opts := app.Window().Get("Object").New()
	opts.Set("type", mime)
	blob := app.Window().Get("Blob").New([]any{arr}, opts)
	url := app.Window().Get("URL").Call("createObjectURL", blob)
	a := document().Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	document().Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	app.Window().Get("URL").Call("revokeObjectURL", url)
}

// readFile reads a File object's bytes and calls done with them, or with an error.
func readFile(file app.Value, done func(name string, data []byte, err error)) {
	name := file.Get("name").String()
	var then, fail app.Func
	release := func() { then.Release(); fail.Release() }
	then = app.FuncOf(func(this app.Value, args []app.Value) any {
		defer release()
		arr := app.Window().Get("Uint8Array").New(args[0])
		data := make([]byte, arr.Get("length").Int())
		app.CopyBytesToGo(data, arr)
		done(name, data, nil)
		return nil
	})
	fail = app.FuncOf(func(this app.Value, args []app.Value) any {
		defer release()
		done(name, nil, fmt.Errorf("the browser could not read %s: %s", name, args[0].Call("toString").String()))
		return nil
	})
	file.Call("arrayBuffer").Call("then", then).Call("catch", fail)
}

// localStorage is the browser's local storage, for the sync engine.
type localStorage struct{}

func (localStorage) ls() app.Value { return app.Window().Get("localStorage") }

// Get returns the item k.
func (l localStorage) Get(k string) (string, bool) {
	v := l.ls().Call("getItem", k)
	if v.IsNull() || v.IsUndefined() {
		return "", false
	}
	return v.String(), true
}

// Set stores v under k; it reports a full storage as an error.
func (l localStorage) Set(k, v string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the browser's storage refused to save (%v): it may be full", r)
		}
	}()
	l.ls().Call("setItem", k, v)
	return nil
}

// Delete removes the item k.
func (l localStorage) Delete(k string) { l.ls().Call("removeItem", k) }

// Keys returns the keys that start with prefix.
func (l localStorage) Keys(prefix string) []string {
	ls := l.ls()
	var keys []string
	for i := range ls.Get("length").Int() {
		if k := ls.Call("key", i).String(); strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
	}
	return keys
}

// mark records a named instant on the browser's performance timeline, for the
// benchmarks; it does nothing outside the browser.
func mark(name string) {
	if app.IsClient {
		app.Window().Get("performance").Call("mark", name)
	}
}

// isMac reports whether the browser runs on macOS, where shortcuts use ⌘.
func isMac() bool {
	p := app.Window().Get("navigator").Get("platform")
	return p.Truthy() && len(p.String()) >= 3 && p.String()[:3] == "Mac"
}

// browserFetch is the browser's fetch, for the sync engine.
type browserFetch struct{}

// Send sends r with fetch and calls done with the answer, or with an error
// when the server could not be reached (offline, server down).
func (browserFetch) Send(r docsync.Request, done func(docsync.Response, error)) {
	opts := app.Window().Get("Object").New()
	opts.Set("method", r.Method)
	opts.Set("cache", "no-store")
	h := app.Window().Get("Object").New()
	for k, v := range r.Header {
		h.Set(k, v)
	}
	opts.Set("headers", h)
	if len(r.Body) > 0 {
		opts.Set("body", uint8Array(r.Body))
	}
	var onResponse, onBody, onError app.Func
	release := func() { onResponse.Release(); onBody.Release(); onError.Release() }
	var res docsync.Response
	onError = app.FuncOf(func(this app.Value, args []app.Value) any {
		release()
		done(docsync.Response{}, fmt.Errorf("the server cannot be reached (%s)", args[0].Call("toString").String()))
		return nil
	})
	onBody = app.FuncOf(func(this app.Value, args []app.Value) any {
		release()
		body := app.Window().Get("Uint8Array").New(args[0])
		res.Body = make([]byte, body.Get("length").Int())
		app.CopyBytesToGo(res.Body, body)
		done(res, nil)
		return nil
	})
	onResponse = app.FuncOf(func(this app.Value, args []app.Value) any {
		resp := args[0]
		res.Status = resp.Get("status").Int()
		if etag := resp.Get("headers").Call("get", "ETag"); etag.Truthy() {
			res.ETag = etag.String()
		}
		resp.Call("arrayBuffer").Call("then", onBody).Call("catch", onError)
		return nil
	})
	app.Window().Call("fetch", r.Path, opts).Call("then", onResponse).Call("catch", onError)
}

// uint8Array copies data into a new JavaScript Uint8Array.
func uint8Array(data []byte) app.Value {
	a := app.Window().Get("Uint8Array").New(len(data))
	app.CopyBytesToJS(a, data)
	return a
}
