package ui

import (
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
)

// The reader view turns a web page into an article: the server runs it when it
// can be reached (it also fetches links), and a Web Worker built apart from
// app.wasm (cmd/extractworker) runs the same code offline. The worker and its
// wasm are cached once the app is idle, so that the first visit never loads them.

// readerViewFiles are what the worker needs, cached for offline use.
var readerViewFiles = []string{"/web/extract-worker.js", "/web/extract.wasm", "/wasm_exec.js"}

// readerViewCache is the Cache Storage cache that keeps them.
const readerViewCache = "annotator-reader-view"

// openHTML opens the article of the HTML page data, the file name: read on
// the server, or in the worker when the server cannot be reached.
func (e *Editor) openHTML(name string, data []byte) {
	e.info(fmt.Sprintf("Reading %s…", name))
	headers := e.apiHeaders()
	headers["Content-Type"] = "text/html"
	fetch("POST", api.Extract+"?name="+url.QueryEscape(name), headers, data, func(r response, err error) {
		e.ctx.Dispatch(func(ctx app.Context) {
			switch {
			case err != nil || r.Status == 404 || r.Status == 401 || r.Status >= 500:
				// No server (offline, a static host) or none that lets us in: read it here.
				extractInWorker(name, data, func(file string, err error) {
					e.ctx.Dispatch(func(ctx app.Context) { e.openExtracted(name, file, err) })
				})
			case r.Status == 200:
				e.openExtracted(name, r.Body, nil)
			default:
				e.fail(fmt.Errorf("%s cannot be opened: %s", name, apiError(r)))
			}
		})
	})
}

// openURL asks the server to fetch the page at link and opens its article.
func (e *Editor) openURL(link string) {
	body, err := json.Marshal(api.FetchRequest{URL: link})
	if err != nil {
		e.fail(err)
		return
	}
	e.info(fmt.Sprintf("Fetching %s…", link))
	headers := e.apiHeaders()
	headers["Content-Type"] = "application/json"
	fetch("POST", api.Fetch, headers, body, func(r response, err error) {
		e.ctx.Dispatch(func(ctx app.Context) {
			switch {
			case err != nil:
				e.fail(fmt.Errorf("opening a link needs the server, which cannot be reached: save the page as .html and open the file instead"))
			case r.Status == 200:
				e.openExtracted(link, r.Body, nil)
			default:
				e.fail(fmt.Errorf("%s cannot be opened: %s", link, apiError(r)))
			}
		})
	})
}

// openExtracted opens the annotation file the reader view made of name.
func (e *Editor) openExtracted(name, file string, err error) {
	if err != nil {
		e.fail(fmt.Errorf("%s cannot be opened: %w", name, err))
		return
	}
	f, err := annotation.Decode([]byte(file))
	if err != nil {
		e.fail(fmt.Errorf("%s: the reader view gave a file that is not valid (a bug): %w", name, err))
		return
	}
	e.open(f, true)
	e.info(fmt.Sprintf("Opened %s", name))
}

// requests counts the requests sent to the worker, so that each answer is
// matched to its request.
var requests int

// nextRequest returns the id of a new request to the worker.
func nextRequest() int {
	requests++
	return requests
}

// uint8Array copies data into a new JavaScript Uint8Array.
func uint8Array(data []byte) app.Value {
	a := app.Window().Get("Uint8Array").New(len(data))
	app.CopyBytesToJS(a, data)
	return a
}

// extractInWorker reads the HTML page data in the reader-view worker, started
// on first use, and calls done with the encoded annotation file or an error.
func extractInWorker(name string, data []byte, done func(file string, err error)) {
	w := app.Window().Get("annotatorReaderView")
	if !w.Truthy() {
		w = app.Window().Get("Worker").New("/web/extract-worker.js")
		app.Window().Set("annotatorReaderView", w)
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
			done("", fmt.Errorf("%s", errMsg.String()))
		} else {
			done(msg.Get("file").String(), nil)
		}
		return nil
	})
	onError = app.FuncOf(func(this app.Value, args []app.Value) any {
		release()
		app.Window().Set("annotatorReaderView", nil) // start afresh next time
		done("", fmt.Errorf("the reader view is not available offline yet: open this page once while online, or paste its text"))
		return nil
	})
	w.Call("addEventListener", "message", onMessage)
	w.Call("addEventListener", "error", onError)
	msg := app.Window().Get("Object").New()
	msg.Set("id", id)
	msg.Set("name", name)
	msg.Set("bytes", uint8Array(data))
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

// cacheReaderView keeps the reader-view worker for offline use; it does
// nothing when it is cached already or the browser has no Cache Storage.
func cacheReaderView() {
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
				files := make([]any, len(readerViewFiles))
				for i, f := range readerViewFiles {
					files[i] = f
				}
				var onFail app.Func
				onFail = app.FuncOf(func(this app.Value, args []app.Value) any {
					onFail.Release()
					app.Logf("caching the reader view for offline use: %s", args[0].Call("toString").String())
					return nil
				})
				cache.Call("addAll", files).Call("catch", onFail)
			}
			return nil
		})
		cache.Call("match", readerViewFiles[1]).Call("then", onMatch)
		return nil
	})
	caches.Call("open", readerViewCache).Call("then", onOpen)
}
