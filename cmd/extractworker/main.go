//go:build js && wasm

// Command extractworker is the reader view of the browser app when the server
// cannot be reached: built as web/extract.wasm, it runs in a Web Worker
// (web/extract-worker.js) and turns an HTML page into an annotation file with
// the same code the server runs (app/readerview). It is built apart from
// app.wasm so that the app's first visit does not pay for the HTML parser.
package main

import (
	"syscall/js"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/readerview"
)

func main() {
	// annotatorExtract(bytes Uint8Array, name string) → {file: string} or {error: string}
	js.Global().Set("annotatorExtract", js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) != 2 || args[0].Type() != js.TypeObject || args[1].Type() != js.TypeString {
			return map[string]any{"error": "annotatorExtract wants the page's bytes and its file name"}
		}
		data := make([]byte, args[0].Get("length").Int())
		js.CopyBytesToGo(data, args[0])
		file, err := extract(data, args[1].String())
		if err != nil {
			return map[string]any{"error": err.Error()}
		}
		return map[string]any{"file": file}
	}))
	select {}
}

// extract reads the article of the HTML page data, the file name, as an
// encoded annotation file with no annotations.
func extract(data []byte, name string) (string, error) {
	doc, err := readerview.Extract(data, "", "")
	if err != nil {
		return "", err
	}
	doc.Source = name
	out, err := annotation.Encode(annotation.NewFile(doc, []annotation.Annotation{}))
	return string(out), err
}
