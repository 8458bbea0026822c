//go:build !wasm

package main

import (
	"os"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

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

// TestPrerenderedArticleStays: the server's page carries the article, so a
// phone on a slow network shows it before app.wasm arrives; the loading note
// leaves it readable, and the app, once it runs, paints nothing larger: the
// article's largest paint is the prerendered one.
func TestPrerenderedArticleStays(t *testing.T) {
	ctx := browsertest.NewBrowser(t)
	srv := browsertest.Start(t, browsertest.BuildApp(t))
	// A phone, and a slow network for app.wasm alone: about two seconds to download it.
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: 412, Height: 823, DeviceScaleFactor: 1.75, Mobile: true,
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{URLPattern: srv.URL + "/web/app.wasm", DownloadThroughput: 1 << 20, UploadThroughput: -1}},
	}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	// Before the app runs: the article is there and on top at its centre.
	visible := browsertest.Eval[string](t, ctx, `(() => {
		if (document.body.dataset.ready === "true") return "the app already runs";
		const p = document.querySelector('#article p[data-start="357"]');
		if (!p) return "no prerendered paragraph";
		if (!document.getElementById("app-wasm-loader")) return "no loading note";
		const r = p.getBoundingClientRect(), top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
		return p.contains(top) ? "" : "covered by " + (top ? top.outerHTML.slice(0, 80) : "nothing");
	})()`)
	if visible != "" {
		t.Errorf("before app.wasm arrives, the article's paragraph is not readable: %s", visible)
	}
	browsertest.Screenshot(t, ctx, "loading")
	browsertest.WaitFor(t, ctx, `document.body.dataset.ready === "true"`)
	lcp := browsertest.Eval[[]float64](t, ctx, `new Promise(r => new PerformanceObserver(l => r(l.getEntries().map(e => e.startTime))).observe({type: "largest-contentful-paint", buffered: true}))`)
	start := browsertest.Eval[float64](t, ctx, `performance.getEntriesByName("annotator:start")[0].startTime`)
	if len(lcp) == 0 || lcp[len(lcp)-1] >= start {
		t.Errorf("largest contentful paints at %v ms, the app started at %.0f ms: the app painted a larger element than the prerendered page", lcp, start)
	}
}
