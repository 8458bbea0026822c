package ui

import (
	"errors"
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/newsroom/annotator/app/annotation"
)

// The converter is a Web Worker built apart from app.wasm (cmd/convertworker):
// the reader view of web pages when no server answers (the server runs the
// same code, and fetches links), and the W3C Web Annotation and CSV
// conversions. The worker and its wasm are cached once the app is idle, so
// that the first visit never loads them, and they work offline after it.

// converterFiles are what the worker needs, cached for offline use.
var converterFiles = []string{"/web/convert-worker.js", "/web/convert.wasm", "/wasm_exec.js"}

// converterCache is the Cache Storage cache that keeps them.
const converterCache = "annotator-converter"

// openHTML opens the article of the HTML page data, the file name: read on
// the server, or in the worker when no server answers.
func (e *Editor) openHTML(name string, data []byte) {
	e.info(fmt.Sprintf("Reading %s…", name))
	e.sync.Extract(name, data, func(f annotation.File, reachable bool, err error) {
		if !reachable {
			convert("extract", name, data, "", func(file, _ string, err error) {
				e.ctx.Dispatch(func(ctx app.Context) { e.openExtracted(name, file, err) })
			})
			return
		}
		e.ctx.Dispatch(func(ctx app.Context) { e.openArticle(name, f, err) })
	})
}

// openURL asks the server to fetch the page at link and opens its article.
func (e *Editor) openURL(link string) {
	e.info(fmt.Sprintf("Fetching %s…", link))
	e.sync.FetchLink(link, func(f annotation.File, err error) {
		e.ctx.Dispatch(func(ctx app.Context) { e.openArticle(link, f, err) })
	})
}

// openArticle opens the article the reader view made of name, or shows why it could not.
func (e *Editor) openArticle(name string, f annotation.File, err error) {
	if err != nil {
		e.fail(err)
		return
	}
	e.open(f, true)
	e.info(fmt.Sprintf("Opened %s", name))
}

// openExtracted opens the annotation file the worker made of name.
func (e *Editor) openExtracted(name, file string, err error) {
	if err != nil {
		e.fail(fmt.Errorf("%s cannot be opened: %w", name, err))
		return
	}
	f, err := annotation.Decode([]byte(file))
	if err != nil {
		err = fmt.Errorf("%s: the reader view gave a file that is not valid (a bug): %w", name, err)
	}
	e.openArticle(name, f, err)
}

// errNoConverter is convert's error when the worker cannot start: offline
// before it was ever cached.
var errNoConverter = errors.New("the converter is not available offline yet: use the app once while online")

// requests counts the requests sent to the worker, so that each answer is
// matched to its request.
var requests int

// nextRequest returns the id of a new request to the worker.
func nextRequest() int {
	requests++
	return requests
}

// convert runs the conversion op (see cmd/convertworker) of data, named name,
// onto text, in the converter worker, started on first use, and calls done
// with its output and report, or an error.
func convert(op, name string, data []byte, text string, done func(out, report string, err error)) {
	w := app.Window().Get("annotatorConverter")
	if !w.Truthy() {
		w = app.Window().Get("Worker").New("/web/convert-worker.js")
		app.Window().Set("annotatorConverter", w)
	}
	id := nextRequest()
	var onMessage, onError app.Func
	release := func() {
		w.Call("removeEventListener", "message", onMessage)
		w.Call("removeEventListener", "error", onError)
		onMessage.Release()
		onError.Release()
	}
	onMessage = app.FuncOf(func(this app.Value, args []app.Value) any {
		msg := args[0].Get("data")
		if msg.Get("id").Int() != id {
			return nil // another request's answer
		}
		release()
		if errMsg := msg.Get("error"); errMsg.Truthy() {
			done("", "", fmt.Errorf("%s", errMsg.String()))
		} else {
			done(msg.Get("out").String(), msg.Get("report").String(), nil)
		}
		return nil
	})
	onError = app.FuncOf(func(this app.Value, args []app.Value) any {
		release()
		app.Window().Set("annotatorConverter", nil) // start afresh next time
		done("", "", errNoConverter)
		return nil
	})
	w.Call("addEventListener", "message", onMessage)
	w.Call("addEventListener", "error", onError)
	msg := app.Window().Get("Object").New()
	msg.Set("id", id)
	msg.Set("op", op)
	msg.Set("name", name)
	msg.Set("bytes", uint8Array(data))
	msg.Set("text", text)
	w.Call("postMessage", msg)
}

// whenOfflineReady calls f once the service worker is active: its activation
// clears every cache but its own, so what the app caches itself waits for it
// (and for a moment more, as the clearing runs on after activation).
func whenOfflineReady(f func()) {
	sw := app.Window().Get("navigator").Get("serviceWorker")
	if !sw.Truthy() {
		return
	}
	var onReady app.Func
	onReady = app.FuncOf(func(this app.Value, args []app.Value) any {
		onReady.Release()
		f()
		return nil
	})
	sw.Get("ready").Call("then", onReady)
}

// cacheConverter keeps the converter for offline use; it does nothing when
// it is cached already or the browser has no Cache Storage.
func cacheConverter() {
	caches := app.Window().Get("caches")
	if !caches.Truthy() {
		return
	}
	var onOpen, onMatch app.Func
	onOpen = app.FuncOf(func(this app.Value, args []app.Value) any {
		onOpen.Release()
		cache := args[0]
		onMatch = app.FuncOf(func(this app.Value, args []app.Value) any {
			onMatch.Release()
			if !args[0].Truthy() {
				files := make([]any, len(converterFiles))
				for i, f := range converterFiles {
					files[i] = f
				}
				var onFail app.Func
				onFail = app.FuncOf(func(this app.Value, args []app.Value) any {
					onFail.Release()
					app.Logf("caching the converter for offline use: %s", args[0].Call("toString").String())
					return nil
				})
				cache.Call("addAll", files).Call("catch", onFail)
			}
			return nil
		})
		cache.Call("match", converterFiles[1]).Call("then", onMatch)
		return nil
	})
	caches.Call("open", converterCache).Call("then", onOpen)
}
