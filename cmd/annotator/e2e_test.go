//go:build !wasm

package main

import (
	"os"
	"strings"
	"testing"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/browsertest"
)

func TestMain(m *testing.M) { browsertest.Main(m) }

// TestServesSampleArticle runs the real server and opens the app in Chromium:
// the built-in sample article shows, no-break spaces and curly quotes intact.
func TestServesSampleArticle(t *testing.T) {
	ctx := browsertest.NewBrowser(t)
	srv := browsertest.Start(t, browsertest.BuildApp(t))
	browsertest.Open(t, ctx, srv.URL+"/")

	text := browsertest.Eval[string](t, ctx, `document.querySelector("article").innerText`)
	for _, want := range []string{
		"US and Russia discuss cease-fire in Syria",
		"Larry Downing/AFP/Getty Images",
		"\u201con the sidelines\u201d", // curly quotes survive the trip to the browser
		"trying to\u00a0encourage",     // and so do no-break spaces
		"organizers\u2019 best chance", // and apostrophes
	} {
		if !strings.Contains(text, want) {
			t.Errorf("article does not show %q", want)
		}
	}
	if got := browsertest.Eval[int](t, ctx, `document.querySelectorAll("article p").length`); got < 10 {
		t.Errorf("article has %d paragraphs, want at least 10", got)
	}
	path := browsertest.Screenshot(t, ctx, "sample-article")
	if fi, err := os.Stat(path); err != nil || fi.Size() < 10_000 {
		t.Errorf("screenshot %s is missing or blank: %v", path, err)
	}
}

// encode encodes f or fails the test.
func encode(tb testing.TB, f annotation.File) []byte {
	tb.Helper()
	data, err := annotation.Encode(f)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}
