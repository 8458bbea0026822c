//go:build !wasm

package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	bt "github.com/newsroom/annotator/app/browsertest"
)

// newsPage is a news page with its menus, share bar, related links and footer.
func newsPage(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "app", "server", "testdata", "news.html"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// checkNewsArticle checks that the open document is the story of newsPage,
// its headline shown as a headline, without the page's menus and footer.
func checkNewsArticle(t *testing.T, ctx context.Context) {
	t.Helper()
	bt.WaitFor(t, ctx, `document.querySelector(".doc-title").textContent === "Council approves new bridge"`)
	text := bt.Eval[string](t, ctx, `document.getElementById("article").textContent`)
	if !strings.Contains(text, "“This is the day we have waited for,” said Mayor Maria Okafor") {
		t.Errorf("the article lacks its quote: %q", text)
	}
	for _, chrome := range []string{"Sport", "Share Tweet", "Traffic plan unveiled", "newsletter"} {
		if strings.Contains(text, chrome) {
			t.Errorf("the article keeps the page's %q", chrome)
		}
	}
	if h := bt.Eval[string](t, ctx, `document.querySelector('#article p[role="heading"]')?.textContent ?? ""`); h != "Council approves new bridge" {
		t.Errorf("the headline paragraph is %q", h)
	}
	if c := bt.Eval[string](t, ctx, `document.querySelector("#article p.caption")?.textContent ?? ""`); !strings.Contains(c, "Paul Brandt/Riverton Gazette") {
		t.Errorf("the caption is %q, want it with its credit", c)
	}
}

// TestOpenLink: a link pasted into the paste dialog is fetched by the server
// (here allowed to reach a local site with -fetch-private) and opens as its
// article, with the page's metadata kept; a server that fetches only public
// pages refuses it with a message and the open document stays.
func TestOpenLink(t *testing.T) {
	page := newsPage(t)
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	t.Cleanup(site.Close)
	build := bt.BuildApp(t)

	ctx := bt.NewBrowser(t)
	srv := bt.Start(t, build, "-fetch-private")
	bt.Open(t, ctx, srv.URL+"/")
	paste(t, ctx, "", site.URL+"/news/bridge")
	checkNewsArticle(t, ctx)
	bt.WaitFor(t, ctx, `(() => {
		const f = JSON.parse(localStorage.getItem("annotator.doc." + localStorage.getItem("annotator.current").replace("urn:uuid:", "")));
		return f.document.url === "https://gazette.example/news/bridge" && f.document.site === "The Riverton Gazette" && f.document.source.endsWith("/news/bridge");
	})()`)
	if m := bt.Eval[string](t, ctx, `document.getElementById("doc-meta")?.textContent ?? ""`); m != "The Riverton Gazette · Jane Smith · 30 November 2026gazette.example" {
		t.Errorf("the page's metadata shows as %q", m)
	}
	bt.Screenshot(t, ctx, "opened-link")

	public := bt.NewBrowser(t)
	srv2 := bt.Start(t, build)
	bt.Open(t, public, srv2.URL+"/")
	bt.WaitFor(t, public, `document.querySelector(".doc-title").textContent !== ""`)
	before := bt.Eval[string](t, public, `document.querySelector(".doc-title").textContent`)
	paste(t, public, "", site.URL+"/news/bridge")
	bt.WaitFor(t, public, `document.querySelector("#status.error")?.textContent.includes("-fetch-private") === true`)
	if after := bt.Eval[string](t, public, `document.querySelector(".doc-title").textContent`); after != before {
		t.Errorf("a refused link replaced %q with %q", before, after)
	}
}

// TestOfflineHTML: after one visit the converter is cached, and an HTML file
// opened with the server stopped is read by it, as the server would; a W3C
// export works offline too.
func TestOfflineHTML(t *testing.T) {
	ctx := bt.NewBrowser(t)
	srv := bt.Start(t, bt.BuildApp(t))
	bt.Open(t, ctx, srv.URL+"/")
	waitOfflineReady(t, ctx)
	cached := bt.Eval[bool](t, ctx, `(async () => {
		for (let i = 0; i < 150; i++) {
			const c = await caches.open("annotator-converter");
			if (await c.match("/web/convert.wasm") && await c.match("/web/convert-worker.js")) return true;
			await new Promise(r => setTimeout(r, 100));
		}
		return false; })()`)
	if !cached {
		t.Fatal("the converter was not cached within 15 s of the service worker's activation")
	}
	srv.Stop()
	bt.Open(t, ctx, srv.URL+"/")
	upload(t, ctx, "bridge.html", newsPage(t))
	checkNewsArticle(t, ctx)
	bt.WaitFor(t, ctx, `document.getElementById("status").textContent === "Opened bridge.html"`)
	downloads := bt.Downloads(t, ctx)
	bt.Click(t, ctx, `.actions button[title^="Download the annotations"]`)
	bt.Click(t, ctx, "#export-w3c")
	if data := bt.WaitFile(t, downloads, "council-approves-new-bridge.annotations.jsonld"); !strings.Contains(string(data), `"type": "AnnotationCollection"`) || !strings.Contains(string(data), `"label": "Council approves new bridge"`) {
		t.Errorf("the offline W3C export: %.300s", data)
	}
}

// TestSampleStructure: the sample shows its kicker, headline, standfirst and
// caption as such, and the page's furniture at its end dimmed, set apart and
// left out of the suggestions.
func TestSampleStructure(t *testing.T) {
	ctx := bt.NewBrowser(t)
	srv := bt.Start(t, bt.BuildApp(t))
	bt.Open(t, ctx, srv.URL+"/")
	bt.WaitFor(t, ctx, `document.querySelector("#article p.headline") !== null`)
	roles := bt.Eval[[]string](t, ctx, `[...document.querySelectorAll("#article p")].map(p => (p.className || "body") + ":" + p.textContent.slice(0, 20))`)
	want := []string{"kicker:International", "headline:US and Russia discus", "standfirst:At Paris meeting, wo", "caption:U.S. Secretary of St"}
	if len(roles) < len(want) || strings.Join(roles[:len(want)], "|") != strings.Join(want, "|") {
		t.Errorf("the sample's first paragraphs are %q, want %q", roles[:min(len(roles), len(want))], want)
	}
	chrome := 0
	for _, r := range roles {
		if strings.HasPrefix(r, "chrome:") {
			chrome++
		}
	}
	if first := slices.IndexFunc(roles, func(r string) bool { return strings.HasPrefix(r, "chrome:") }); first < 0 || roles[first] != "chrome:Related News" || chrome != len(roles)-first {
		t.Errorf("page furniture: %d paragraphs from %d of %q, want every paragraph from Related News to the end", chrome, first, roles)
	}
	if c := bt.Eval[string](t, ctx, `getComputedStyle(document.querySelector("#article p.chrome")).fontSize`); c == bt.Eval[string](t, ctx, `getComputedStyle(document.querySelector("#article p:not([class])")).fontSize`) {
		t.Errorf("page furniture is set like body text (%s)", c)
	}
	// Suggestions skip the furniture: nothing is proposed in "Find Al Jazeera America on your TV".
	bt.Press(t, ctx, "f")
	bt.WaitFor(t, ctx, `document.querySelectorAll("#article mark.suggested").length > 5`)
	if n := bt.Eval[int](t, ctx, `document.querySelectorAll("#article p.chrome mark").length`); n != 0 {
		t.Errorf("%d highlights in the page furniture", n)
	}
	bt.Eval[any](t, ctx, `document.querySelector("#article p.chrome").scrollIntoView({block: "center"}), null`)
	bt.Screenshot(t, ctx, "sample-furniture")
}
