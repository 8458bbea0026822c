package readerview

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzExtract checks that Extract never panics and that what it returns
// follows the text rules, with blocks over whole paragraphs, or is one of its
// errors.
func FuzzExtract(f *testing.F) {
	f.Add([]byte(`<html><head><title>T - Site</title></head><body><article><h1>T</h1>`+fillerHTML()+`<figure><figcaption><span>Cap.</span><span class="credit">Credit A/B</span></figcaption></figure></article></body></html>`), "", "https://example.com/a")
	f.Add([]byte(`<p>one<br><br>two<br>three</p><pre> a  b
	c</pre><ul><li>x<ul><li>y</li></ul>z</li></ul><blockquote>q<p>r</p></blockquote>`), "text/html", "")
	f.Add([]byte("<html><body><p>\x93caf\xe9\x94</p></body></html>"), "text/html; charset=windows-1252", "")
	f.Add([]byte("%PDF-1.4"), "", "")
	f.Add([]byte{0xff, 0xfe, '<', 0, 'p', 0, '>', 0, 'x', 0}, "", "")
	f.Add([]byte(`<table><tr><td>a</td><td>b</td></tr></table><q>in<q>ner</q></q>`), "application/xhtml+xml", "file:///x")
	// A few small test pages, when the module cache has them (small, as the
	// fuzzer minimises every new input it finds interesting).
	if out, err := goListReadabilityDir(); err == nil {
		for _, name := range []string{"001", "daringfireball-1", "keep-images-2", "replace-brs", "normalize-spaces", "title-en-dash"} {
			if data, err := os.ReadFile(filepath.Join(out, "test-pages", name, "source.html")); err == nil {
				f.Add(data, "", "http://fakehost/test/page.html")
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, contentType, pageURL string) {
		doc, err := Extract(data, contentType, pageURL)
		if err != nil {
			if !errors.Is(err, ErrNotHTML) && !errors.Is(err, ErrUndecodable) && !errors.Is(err, ErrNoArticle) {
				t.Fatalf("error %v is none of ErrNotHTML, ErrUndecodable, ErrNoArticle", err)
			}
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		for _, p := range textProblems(doc.Text) {
			t.Error(p)
		}
		for _, p := range blockProblems(doc.Text, doc.Blocks) {
			t.Error(p)
		}
		if doc.Title == "" {
			t.Error("no title")
		}
	})
}
