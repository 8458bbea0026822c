//go:build !wasm

package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/article"
	"github.com/newsroom/annotator/app/readerview"
	"github.com/newsroom/annotator/app/suggest"
	"github.com/newsroom/annotator/app/w3c"
)

// stdinName is how messages name standard input.
const stdinName = "stdin"

// articleFormats are the values of suggest's -format flag, each the file name
// extension article.Load reads it by.
var articleFormats = []string{"txt", "md", "html"}

func suggestCmd(ctx context.Context, env Env, args []string) int {
	fs := newFlags(env, "suggest", "FILE", `
Suggests quotes, their speakers and photo credits for the article FILE (.txt,
.md or .html; "-" reads standard input, as plain text unless -format says
otherwise) and prints a complete annotation file to standard output.`)
	minConf := fs.Float64("min-confidence", 0, "leave out suggestions scored below this, from 0 to 1")
	format := fs.String("format", "", "read the article as "+strings.Join(articleFormats, ", ")+" (default: by FILE's extension, txt for -)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(env.Stderr, "annotator suggest: name one article file, or - for standard input")
		fs.Usage()
		return ExitUsage
	}
	if math.IsNaN(*minConf) || *minConf < 0 || *minConf > 1 {
		fmt.Fprintf(env.Stderr, "annotator suggest: -min-confidence %v: want a number from 0 to 1\n", *minConf)
		return ExitUsage
	}
	if *format != "" && !validFormat(*format) {
		fmt.Fprintf(env.Stderr, "annotator suggest: -format %q: want one of %s\n", *format, strings.Join(articleFormats, ", "))
		return ExitUsage
	}
	name := fs.Arg(0)
	doc, err := loadArticle(env, name, *format)
	if err != nil {
		fmt.Fprintf(env.Stderr, "annotator suggest: %v\n", err)
		return ExitFail
	}
	anns := suggest.Suggest(doc, suggest.Options{MinConfidence: *minConf})
	if anns == nil {
		anns = []annotation.Annotation{} // a file always has an array
	}
	return write(env, "suggest", annotation.NewFile(doc, anns), annotation.Encode)
}

func validFormat(f string) bool {
	for _, v := range articleFormats {
		if f == v {
			return true
		}
	}
	return false
}

// loadArticle reads the article name ("-" for standard input), as format when
// it is given: an HTML page with the reader view, text and Markdown with
// article.Load. The document's source is the file's base name (empty for
// standard input).
func loadArticle(env Env, name, format string) (annotation.Document, error) {
	data, err := readInput(env, name)
	if err != nil {
		return annotation.Document{}, err
	}
	loadName, source := name, filepath.Base(name)
	if name == "-" {
		if format == "" {
			format = "txt"
		}
		loadName, source = stdinName, ""
	}
	if format != "" {
		loadName = strings.TrimSuffix(loadName, filepath.Ext(loadName)) + "." + format
	}
	if !article.IsHTML(loadName) {
		doc, err := article.Load(loadName, data)
		doc.Source = source
		return doc, err
	}
	doc, err := readerview.Extract(data, "", "")
	if err != nil {
		return annotation.Document{}, fmt.Errorf("%s: %w", displayName(name), err)
	}
	doc.Source = source
	return doc, nil
}

// write encodes f with enc and prints it to standard output.
func write(env Env, cmd string, f annotation.File, enc func(annotation.File) ([]byte, error)) int {
	out, err := enc(f)
	if err != nil {
		fmt.Fprintf(env.Stderr, "annotator %s: %v\n", cmd, err)
		return ExitFail
	}
	if _, err := env.Stdout.Write(out); err != nil {
		fmt.Fprintf(env.Stderr, "annotator %s: writing the output: %v\n", cmd, err)
		return ExitFail
	}
	return ExitOK
}

func export(ctx context.Context, env Env, args []string) int {
	fs := newFlags(env, "export", "FILE", `
Prints the annotation file FILE ("-" for standard input) as a W3C Web
Annotation collection (JSON-LD) or as CSV, one row per annotation.`)
	format := fs.String("format", "w3c", "w3c (JSON-LD) or csv")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(env.Stderr, "annotator export: name one annotation file, or - for standard input")
		fs.Usage()
		return ExitUsage
	}
	enc := map[string]func(annotation.File) ([]byte, error){"w3c": w3c.Export, "csv": w3c.CSV}[*format]
	if enc == nil {
		fmt.Fprintf(env.Stderr, "annotator export: -format %q: want w3c or csv\n", *format)
		return ExitUsage
	}
	name := fs.Arg(0)
	f, ok := readFile(env, env.Stderr, name)
	if !ok {
		return ExitFail
	}
	return write(env, "export", f, enc)
}

func importCmd(ctx context.Context, env Env, args []string) int {
	fs := newFlags(env, "import", "-text ARTICLE FILE", `
Reads the W3C Web Annotations in FILE ("-" for standard input) — as this
program exports them or as other tools write them — and anchors them on the
article ARTICLE (.txt, .md or .html). Prints the annotation file to standard
output and a report (how many anchored, moved, changed or were orphaned) to
standard error. The document keeps the title FILE gives, else the article's.`)
	textName := fs.String("text", "", "the article the annotations belong to (required)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *textName == "" || fs.NArg() != 1 {
		fmt.Fprintln(env.Stderr, "annotator import: name the article with -text and one W3C annotation file, or - for standard input")
		fs.Usage()
		return ExitUsage
	}
	if *textName == "-" && fs.Arg(0) == "-" {
		fmt.Fprintln(env.Stderr, "annotator import: the article and the annotations cannot both come from standard input")
		return ExitUsage
	}
	doc, err := loadArticle(env, *textName, "")
	if err != nil {
		fmt.Fprintf(env.Stderr, "annotator import: %v\n", err)
		return ExitFail
	}
	name := fs.Arg(0)
	data, err := readInput(env, name)
	if err != nil {
		fmt.Fprintf(env.Stderr, "annotator import: %v\n", err)
		return ExitFail
	}
	f, rep, err := w3c.Import(data, doc.Text)
	if err != nil {
		var ie *w3c.ImportError
		if errors.As(err, &ie) && ie.Path != "" {
			fmt.Fprintf(env.Stderr, "annotator import: %s: at %s: %s\n", displayName(name), ie.Path, ie.Message)
		} else {
			fmt.Fprintf(env.Stderr, "annotator import: %s: %v\n", displayName(name), err)
		}
		return ExitFail
	}
	// The article's own document, with the id, title and source the
	// annotations name where they name them.
	doc.ID = f.Document.ID
	doc.Title = cmp.Or(f.Document.Title, doc.Title)
	doc.Source = cmp.Or(f.Document.Source, doc.Source)
	doc.URL = cmp.Or(doc.URL, f.Document.URL)
	f.Document = doc
	if code := write(env, "import", f, annotation.Encode); code != ExitOK {
		return code
	}
	fmt.Fprint(env.Stderr, rep.String())
	return ExitOK
}

// displayName is how messages name the input name.
func displayName(name string) string {
	if name == "-" {
		return stdinName
	}
	return name
}
