//go:build js && wasm

// Command convertworker is the app's converter, built as web/convert.wasm
// and run in a Web Worker (web/convert-worker.js), apart from app.wasm so
// that the app's first visit pays for none of it: the reader view of HTML
// pages when the server cannot be reached (app/readerview, the code the
// server runs), plain text and Markdown read with their structure
// (app/article), the suggestion engine (app/suggest), and the W3C Web
// Annotation and CSV conversions (app/w3c).
package main

import (
	"encoding/json"
	"errors"
	"syscall/js"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/article"
	"github.com/newsroom/annotator/app/readerview"
	"github.com/newsroom/annotator/app/suggest"
	"github.com/newsroom/annotator/app/w3c"
)

func main() {
	// annotatorConvert(op, bytes Uint8Array, name, text) → {out: string, report?: string} or {error: string}
	js.Global().Set("annotatorConvert", js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) != 4 || args[1].Type() != js.TypeObject {
			return map[string]any{"error": "annotatorConvert wants an operation, bytes, a name and a text"}
		}
		data := make([]byte, args[1].Get("length").Int())
		js.CopyBytesToGo(data, args[1])
		out, report, err := convert(args[0].String(), data, args[2].String(), args[3].String())
		if err != nil {
			return map[string]any{"error": err.Error()}
		}
		return map[string]any{"out": string(out), "report": string(report)}
	}))
	select {}
}

// convert runs the operation op on data: "article" reads the plain text or
// Markdown file name (or, with no name, pasted text, titled text) into an
// annotation file, its structure found; "structure" gives the annotation file
// data's document the blocks of its text when it has none (a version 1 file);
// "extract" reads the HTML page name into an annotation file; "suggest" proposes annotations for the document of
// the annotation file data, given as an annotation file of that document and
// the proposals alone; "export-w3c" and "export-csv" write the annotation
// file data as W3C Web Annotations or CSV; "import-w3c" reads W3C Web
// Annotations onto text, with the report of how they anchored.
func convert(op string, data []byte, name, text string) (out, report []byte, err error) {
	switch op {
	case "article":
		var doc annotation.Document
		if name == "" {
			doc = article.New(text, string(data), "")
		} else if doc, err = article.Load(name, data); err != nil {
			return nil, nil, err
		}
		out, err := annotation.Encode(annotation.NewFile(doc, []annotation.Annotation{}))
		return out, nil, err
	case "structure":
		f, err := annotation.Decode(data)
		if err != nil {
			return nil, nil, err
		}
		f.Document = article.WithStructure(f.Document)
		out, err := annotation.Encode(f)
		return out, nil, err
	case "extract":
		doc, err := readerview.Extract(data, "", "")
		if err != nil {
			return nil, nil, err
		}
		doc.Source = name
		out, err := annotation.Encode(annotation.NewFile(doc, []annotation.Annotation{}))
		return out, nil, err
	case "suggest":
		f, err := annotation.Decode(data)
		if err != nil {
			return nil, nil, err
		}
		out, err := annotation.Encode(annotation.NewFile(f.Document, suggest.Suggest(f.Document, suggest.Options{})))
		return out, nil, err
	case "export-w3c", "export-csv":
		f, err := annotation.Decode(data)
		if err != nil {
			return nil, nil, err
		}
		if op == "export-csv" {
			out, err := w3c.CSV(f)
			return out, nil, err
		}
		out, err := w3c.Export(f)
		return out, nil, err
	case "import-w3c":
		f, rep, err := w3c.Import(data, text)
		if err != nil {
			return nil, nil, err
		}
		if out, err = annotation.Encode(f); err != nil {
			return nil, nil, err
		}
		report, err = json.Marshal(rep)
		return out, report, err
	}
	return nil, nil, errors.New("no such conversion: " + op)
}
