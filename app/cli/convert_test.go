//go:build !wasm

package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/article"
	"github.com/newsroom/annotator/app/sample"
	"github.com/newsroom/annotator/app/w3c"
)

// runStdin runs the command line with stdin as its standard input.
func runStdin(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}
	code = Main(context.Background(), env, args)
	return code, out.String(), errOut.String()
}

// fixtures writes the inputs the table tests read into a new folder and returns
// their paths by name.
func fixtures(t *testing.T) map[string]string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"article.txt": sample.Text(),
		"article.md":  "# A Markdown headline\n\nThe council met on Monday.\n\n\"We will *rebuild* the bridge,\" Mayor Jane Doe said.\n",
		"article.html": "<html><head><title>An HTML headline</title><script>var s = \"not text\";</script></head>" +
			"<body><p>\u201cWe are ready,\u201d said Jane Doe.</p></body></html>",
		"empty.txt":  " \n\n\t\n",
		"latin1.txt": "caf\xe9 \"quoted,\" he said",
		"notes.json": "{}",
		// Hypothesis writes TextQuoteSelectors with context and no
		// position for an article it saw elsewhere.
		"hypothesis.jsonld": `[{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
			"id": "https://hypothes.is/a/abc", "body": [{"type": "TextualBody", "value": "quote", "purpose": "tagging"}],
			"target": {"source": "https://example.com/syria", "selector": [{"type": "TextQuoteSelector",
			"exact": "constructive", "prefix": "the talks with Kerry had been \"", "suffix": ",\" he once"}]}}]`,
		"badjson.json":  `{"type": "Annotation", "target": `,
		"badstart.json": `{"type": "Annotation", "body": {"type": "TextualBody", "value": "quote", "purpose": "tagging"}, "target": {"selector": {"type": "TextPositionSelector", "start": "ten", "end": 20}}}`,
		"notanno.json":  `{"type": "Person", "name": "Kerry"}`,
	}
	paths := map[string]string{}
	for name, content := range files {
		paths[name] = filepath.Join(dir, name)
		if err := os.WriteFile(paths[name], []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// An annotation file for the sample (the suggestions) and its W3C export.
	doc := annotation.Document{ID: "urn:uuid:00000000-0000-4000-8000-000000000001", Title: sample.Title, Text: sample.Text(), Source: sample.Source, SHA256: annotation.TextHash(sample.Text()),
		Blocks: article.Structure(sample.Text())}
	f := annotation.NewFile(doc, suggestFor(t, doc))
	for name, enc := range map[string]func(annotation.File) ([]byte, error){"sample.json": annotation.Encode, "sample.w3c.json": w3c.Export} {
		data, err := enc(f)
		if err != nil {
			t.Fatal(err)
		}
		paths[name] = filepath.Join(dir, name)
		if err := os.WriteFile(paths[name], data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, _ := os.ReadFile(paths["sample.json"])
	paths["v0.json"] = filepath.Join(dir, "v0.json")
	os.WriteFile(paths["v0.json"], bytes.Replace(data, []byte(`"version": 2`), []byte(`"version": 0`), 1), 0o644)
	// The sample revised: a paragraph inserted at the top moves every annotation.
	paths["revised.txt"] = filepath.Join(dir, "revised.txt")
	os.WriteFile(paths["revised.txt"], []byte("Updated at 10:00 with new reporting.\n\n"+sample.Text()), 0o644)
	return paths
}

// decodeOut decodes stdout as an annotation file.
func decodeOut(t *testing.T, stdout string) annotation.File {
	t.Helper()
	f, err := annotation.Decode([]byte(stdout))
	if err != nil {
		t.Fatalf("stdout is not a valid annotation file: %v\n%s", err, stdout)
	}
	return f
}

// countKinds counts f's annotations by kind.
func countKinds(f annotation.File) map[annotation.Kind]int {
	n := map[annotation.Kind]int{}
	for _, a := range f.Annotations {
		n[a.Kind]++
	}
	return n
}

func TestConvertCommands(t *testing.T) {
	p := fixtures(t)
	sampleJSON, sampleW3C, hypothesis := read(t, p["sample.json"]), read(t, p["sample.w3c.json"]), read(t, p["hypothesis.jsonld"])
	sampleFile := decodeOut(t, sampleJSON)
	for _, c := range []struct {
		why    string
		args   []string
		stdin  string
		code   int
		stdout string // must contain
		stderr string // must contain
		check  func(t *testing.T, stdout, stderr string)
	}{
		// suggest
		{why: "suggest's usage names its flags", args: []string{"suggest", "-h"}, stderr: "-min-confidence"},
		{why: "the sample gets quotes with speakers, sources and its photo credit", args: []string{"suggest", p["article.txt"]},
			check: func(t *testing.T, stdout, _ string) {
				f := decodeOut(t, stdout)
				n := countKinds(f)
				if n[annotation.Quote] < 5 || n[annotation.Source] < 3 || n[annotation.PhotoCredit] != 1 {
					t.Errorf("kinds %v: want at least 5 quotes, 3 sources and the photo credit", n)
				}
				if f.Document.Title != sample.Title || f.Document.Source != "article.txt" || f.Document.Text != sample.Text() {
					t.Errorf("document %q from %q: want the headline as title, the file's name as source, and the text as it is", f.Document.Title, f.Document.Source)
				}
				if last := f.Document.Blocks[len(f.Document.Blocks)-1]; last.Role != annotation.Chrome || last.End != anchor.CodePointLen(sample.Text()) {
					t.Errorf("the last block is %+v, want the page's furniture at the end", last)
				}
				for _, a := range f.Annotations {
					if a.Origin != annotation.Suggested || a.Confidence <= 0 {
						t.Errorf("%s %q: origin %q, confidence %v; want suggested with a confidence", a.Kind, a.Exact, a.Origin, a.Confidence)
					}
				}
			}},
		{why: "-min-confidence drops what scores below it, but keeps a source a kept quote names", args: []string{"suggest", "-min-confidence", "0.9", p["article.txt"]},
			check: func(t *testing.T, stdout, _ string) {
				f := decodeOut(t, stdout)
				if len(f.Annotations) == 0 || len(f.Annotations) >= len(sampleFile.Annotations) {
					t.Errorf("%d annotations kept of %d: the filter should keep some and drop some", len(f.Annotations), len(sampleFile.Annotations))
				}
				speakers := map[annotation.ID]bool{}
				for _, a := range f.Annotations {
					speakers[a.Speaker] = true
				}
				for _, a := range f.Annotations {
					if a.Confidence < 0.9 && !speakers[a.ID] {
						t.Errorf("%s %q scored %v kept under -min-confidence 0.9", a.Kind, a.Exact, a.Confidence)
					}
				}
			}},
		{why: "Markdown: the title is the heading and the syntax is gone", args: []string{"suggest", p["article.md"]},
			check: func(t *testing.T, stdout, _ string) {
				f := decodeOut(t, stdout)
				if f.Document.Title != "A Markdown headline" || strings.Contains(f.Document.Text, "*") || countKinds(f)[annotation.Quote] != 1 {
					t.Errorf("title %q, text %q, kinds %v", f.Document.Title, f.Document.Text, countKinds(f))
				}
			}},
		{why: "HTML: the title element, no script text", args: []string{"suggest", p["article.html"]},
			check: func(t *testing.T, stdout, _ string) {
				f := decodeOut(t, stdout)
				if f.Document.Title != "An HTML headline" || strings.Contains(f.Document.Text, "not text") || countKinds(f)[annotation.Quote] != 1 {
					t.Errorf("title %q, text %q, kinds %v", f.Document.Title, f.Document.Text, countKinds(f))
				}
			}},
		{why: "standard input is plain text by default", args: []string{"suggest", "-"}, stdin: "<p>\"Fine,\" she said.</p>",
			check: func(t *testing.T, stdout, _ string) {
				if f := decodeOut(t, stdout); f.Document.Text != "<p>\"Fine,\" she said.</p>" || f.Document.Source != "" {
					t.Errorf("text %q from %q: want the input as it is, no source", f.Document.Text, f.Document.Source)
				}
			}},
		{why: "-format html reads standard input as HTML", args: []string{"suggest", "-format", "html", "-"}, stdin: "<h1>Head</h1><p>\"Fine,\" she said.</p>",
			check: func(t *testing.T, stdout, _ string) {
				if f := decodeOut(t, stdout); f.Document.Title != "Head" || strings.Contains(f.Document.Text, "<p>") {
					t.Errorf("title %q, text %q: want the HTML read", f.Document.Title, f.Document.Text)
				}
			}},
		{why: "an article with no quotes still gives a complete file", args: []string{"suggest", "-"}, stdin: "Nothing here.",
			stdout: `"annotations": []`},
		{why: "no file", args: []string{"suggest"}, code: 2, stderr: "name one article file"},
		{why: "two files", args: []string{"suggest", p["article.txt"], p["article.md"]}, code: 2, stderr: "name one article file"},
		{why: "a confidence out of range", args: []string{"suggest", "-min-confidence", "1.5", p["article.txt"]}, code: 2, stderr: "-min-confidence 1.5: want a number from 0 to 1"},
		{why: "a confidence that is not a number", args: []string{"suggest", "-min-confidence", "high", p["article.txt"]}, code: 2, stderr: "-min-confidence"},
		{why: "an unknown format", args: []string{"suggest", "-format", "pdf", "-"}, code: 2, stderr: `-format "pdf": want one of txt, md, html`},
		{why: "a missing file", args: []string{"suggest", "none.txt"}, code: 1, stderr: "none.txt: no such file"},
		{why: "an extension it does not read", args: []string{"suggest", p["notes.json"]}, code: 1, stderr: `".json" is not an article format`},
		{why: "not UTF-8, with the byte's place", args: []string{"suggest", p["latin1.txt"]}, code: 1, stderr: "latin1.txt: not UTF-8: byte 3 (0xe9)"},
		{why: "an empty article", args: []string{"suggest", p["empty.txt"]}, code: 1, stderr: "empty.txt: holds no article text"},
		{why: "empty standard input", args: []string{"suggest", "-"}, code: 1, stderr: "stdin.txt: holds no article text"},

		// export
		{why: "export's usage names its formats", args: []string{"export", "-h"}, stderr: "w3c (JSON-LD) or csv"},
		{why: "W3C is the default format and gives the library's own export", args: []string{"export", p["sample.json"]},
			stdout: sampleW3C},
		{why: "CSV: a header and a row per annotation", args: []string{"export", "-format", "csv", p["sample.json"]},
			check: func(t *testing.T, stdout, _ string) {
				rows, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
				if err != nil || len(rows) != 1+len(sampleFile.Annotations) || strings.Join(rows[0], ",") != strings.Join(w3c.CSVHeader, ",") {
					t.Errorf("%d rows, %v: want the header and %d rows", len(rows), err, len(sampleFile.Annotations))
				}
			}},
		{why: "standard input", args: []string{"export", "-format", "csv", "-"}, stdin: sampleJSON, stdout: "kind,text,start,end"},
		{why: "no file", args: []string{"export"}, code: 2, stderr: "name one annotation file"},
		{why: "an unknown format", args: []string{"export", "-format", "xml", p["sample.json"]}, code: 2, stderr: `-format "xml": want w3c or csv`},
		{why: "a bad file: every problem with the file name and JSON path, nothing on stdout", args: []string{"export", p["v0.json"]}, code: 1,
			stderr: p["v0.json"] + ": version: 0 is not a version",
			check: func(t *testing.T, stdout, _ string) {
				if stdout != "" {
					t.Errorf("stdout %q: want nothing", stdout)
				}
			}},
		{why: "not an annotation file, from standard input", args: []string{"export", "-"}, stdin: "[]", code: 1, stderr: "stdin: want an object"},
		{why: "a missing file", args: []string{"export", "none.json"}, code: 1, stderr: "none.json: open none.json: no such file"},

		// import
		{why: "import's usage names -text", args: []string{"import", "-h"}, stderr: "-text string"},
		{why: "our own export comes back as it was", args: []string{"import", "-text", p["article.txt"], p["sample.w3c.json"]},
			stdout: sampleJSON, stderr: "0 moved, 0 changed, 0 orphaned"},
		{why: "on a revised article every annotation moves, and the report says so", args: []string{"import", "-text", p["revised.txt"], p["sample.w3c.json"]},
			stderr: "0 anchored, " + strconv.Itoa(len(sampleFile.Annotations)) + " moved, 0 changed, 0 orphaned",
			check: func(t *testing.T, stdout, _ string) {
				f := decodeOut(t, stdout)
				if len(f.Annotations) != len(sampleFile.Annotations) || f.Document.Title != sample.Title {
					t.Errorf("%d annotations titled %q: want %d, the title the export carried", len(f.Annotations), f.Document.Title, len(sampleFile.Annotations))
				}
			}},
		{why: "Hypothesis-shaped input: found by its quote; no title in it, so the article's", args: []string{"import", "-text", p["article.txt"], p["hypothesis.jsonld"]},
			stderr: "1 anchored",
			check: func(t *testing.T, stdout, _ string) {
				f := decodeOut(t, stdout)
				if len(f.Annotations) != 1 || f.Annotations[0].Exact != "constructive" || f.Document.Title != sample.Title || f.Document.Source != "https://example.com/syria" {
					t.Errorf("got %+v; want one quote \"constructive\" in a document titled by the article's headline from the page's address", f)
				}
			}},
		{why: "standard input", args: []string{"import", "-text", p["article.txt"], "-"}, stdin: hypothesis, stdout: `"exact": "constructive"`},
		{why: "no -text", args: []string{"import", p["sample.w3c.json"]}, code: 2, stderr: "name the article with -text"},
		{why: "no file", args: []string{"import", "-text", p["article.txt"]}, code: 2, stderr: "name the article with -text"},
		{why: "both from standard input", args: []string{"import", "-text", "-", "-"}, code: 2, stderr: "cannot both come from standard input"},
		{why: "a missing article", args: []string{"import", "-text", "none.txt", p["sample.w3c.json"]}, code: 1, stderr: "none.txt: no such file"},
		{why: "a bad article", args: []string{"import", "-text", p["latin1.txt"], p["sample.w3c.json"]}, code: 1, stderr: "latin1.txt: not UTF-8"},
		{why: "a missing annotation file", args: []string{"import", "-text", p["article.txt"], "none.json"}, code: 1, stderr: "none.json: no such file"},
		{why: "malformed JSON names the file", args: []string{"import", "-text", p["article.txt"], p["badjson.json"]}, code: 1, stderr: "badjson.json: malformed JSON"},
		{why: "a wrong value names the file and the JSON path", args: []string{"import", "-text", p["article.txt"], p["badstart.json"]}, code: 1,
			stderr: "badstart.json: at target.selector.start: want a number"},
		{why: "JSON that is no annotation", args: []string{"import", "-text", p["article.txt"], p["notanno.json"]}, code: 1, stderr: "notanno.json: "},
		{why: "our own annotation format is not W3C", args: []string{"import", "-text", p["article.txt"], p["sample.json"]}, code: 1, stderr: "sample.json: "},
	} {
		t.Run(c.why, func(t *testing.T) {
			code, out, errOut := runStdin(t, c.stdin, c.args...)
			if code != c.code || !strings.Contains(out, c.stdout) || !strings.Contains(errOut, c.stderr) {
				t.Fatalf("annotator %q = %d\nstdout: %.2000s\nstderr: %s\nwant %d, stdout with %.200q, stderr with %q", c.args, code, out, errOut, c.code, c.stdout, c.stderr)
			}
			if c.code != ExitOK && out != "" {
				t.Errorf("a failed command wrote to stdout: %.500s", out)
			}
			if c.check != nil {
				c.check(t, out, errOut)
			}
		})
	}
}

// suggestFor runs the suggestions for doc as the suggest command does.
func suggestFor(t *testing.T, doc annotation.Document) []annotation.Annotation {
	t.Helper()
	code, out, errOut := runStdin(t, doc.Text, "suggest", "-")
	if code != ExitOK {
		t.Fatalf("suggest: %d %s", code, errOut)
	}
	return decodeOut(t, out).Annotations
}

// read returns the content of the file at path.
func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
