//go:build !wasm

package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/newsroom/annotator/app/annotation"
	bt "github.com/newsroom/annotator/app/browsertest"
	"github.com/newsroom/annotator/app/store/storetest"
)

// waitOfflineReady waits until the service worker controls the page and has
// precached the app.
func waitOfflineReady(t *testing.T, ctx context.Context) {
	t.Helper()
	bt.WaitFor(t, ctx, `navigator.serviceWorker.controller !== null`)
	ok := bt.Eval[bool](t, ctx, `(async () => {
		for (let i = 0; i < 100; i++) {
			const keys = await caches.keys();
			if (keys.length) {
				const urls = (await (await caches.open(keys[0])).keys()).map(r => new URL(r.url).pathname);
				if (urls.includes("/web/app.wasm") && urls.includes("/")) return true;
			}
			await new Promise(r => setTimeout(r, 100));
		}
		return false; })()`)
	if !ok {
		t.Fatal("the service worker did not precache the app")
	}
}

// TestOfflineOutbox: after one visit the app works with the server stopped for
// real; a save made offline waits in the outbox across a reload and is sent
// when the server is back, which then holds the file.
func TestOfflineOutbox(t *testing.T) {
	build := bt.BuildApp(t)
	data := t.TempDir()
	ctx := bt.NewBrowser(t)
	srv := bt.Start(t, build, "-data", data)
	addr := strings.TrimPrefix(srv.URL, "http://")
	bt.Open(t, ctx, srv.URL+"/")
	waitOfflineReady(t, ctx)

	srv.Stop() // the listener is closed: nothing answers on the port
	bt.Open(t, ctx, srv.URL+"/")

	// Paste an article and tag a quote, offline.
	paste(t, ctx, "Written on a train", "The minister said: “We will not resign.”\n\nMore follows.\n")
	bt.WaitFor(t, ctx, `document.querySelector(".doc-title").textContent === "Written on a train"`)
	bt.SelectText(t, ctx, "We will not resign.", 0)
	bt.Press(t, ctx, "q")
	bt.Press(t, ctx, "s", chromedp.ModifierCtrl)
	bt.WaitFor(t, ctx, `document.getElementById("outbox")?.textContent === "offline — 1 waiting"`)
	docID := bt.Eval[string](t, ctx, `localStorage.getItem("annotator.current")`)

	// The queue survives a reload, still offline.
	bt.Open(t, ctx, srv.URL+"/")
	bt.WaitFor(t, ctx, `document.getElementById("outbox")?.textContent === "offline — 1 waiting"`)
	if got := marks(t, ctx); len(got) != 1 || got[0] != "quote:We will not resign." {
		t.Errorf("after an offline reload the highlights are %q", got)
	}

	// The server comes back on the same address: the outbox drains on its own.
	srv = bt.Start(t, build, "-addr", addr, "-data", data)
	bt.WaitFor(t, ctx, `document.getElementById("outbox") === null`)
	resp, err := http.Get(srv.URL + "/api/documents/" + annotation.ID(docID).UUID())
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("the server does not hold the document: %d %s", resp.StatusCode, body)
	}
	f, err := annotation.Decode(body)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Annotations) != 1 || f.Annotations[0].Exact != "We will not resign." {
		t.Errorf("the server's copy holds %+v", f.Annotations)
	}
}

// TestUpdateOffered: after a new build is deployed, an open page is offered the
// update, and reloading gets the new app, never a stale app.wasm.
func TestUpdateOffered(t *testing.T) {
	first := bt.BuildApp(t)
	second := bt.BuildVariant(t, "second")
	data := t.TempDir()
	ctx := bt.NewBrowser(t)
	srv := bt.Start(t, first, "-data", data)
	addr := strings.TrimPrefix(srv.URL, "http://")
	bt.Open(t, ctx, srv.URL+"/")
	waitOfflineReady(t, ctx)
	if got := bt.Eval[string](t, ctx, `document.body.dataset.build`); got != "dev" {
		t.Fatalf("first build says %q", got)
	}

	srv.Stop()
	bt.Start(t, second, "-addr", addr, "-data", data)
	bt.Eval[bool](t, ctx, `(goappTryUpdate(), true)`) // what the app does every 10 minutes and on focus
	bt.WaitFor(t, ctx, `document.getElementById("update") !== null`)
	if got := bt.Eval[string](t, ctx, `document.body.dataset.build`); got != "dev" {
		t.Errorf("the open page changed code before reloading: build %q", got)
	}
	bt.Click(t, ctx, "#update")
	bt.WaitFor(t, ctx, `document.body.dataset.build === "second" && document.body.dataset.ready === "true"`)
}

// TestStaticBuild: the static build, served by a plain file server, works
// online and, with the file server stopped, offline; the editor can still tag
// and export.
func TestStaticBuild(t *testing.T) {
	build := bt.BuildApp(t)
	out := filepath.Join(t.TempDir(), "site")
	cmd := exec.Command(build.Bin, "static", "-out", out, "-root", build.Root)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("annotator static: %v\n%s", err, msg)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	files := &http.Server{Handler: http.FileServer(http.Dir(out))}
	go files.Serve(ln)
	url := "http://" + ln.Addr().String()

	ctx := bt.NewBrowser(t)
	downloads := bt.Downloads(t, ctx)
	bt.Open(t, ctx, url+"/")
	waitOfflineReady(t, ctx)
	files.Close() // the host is gone

	bt.Open(t, ctx, url+"/")
	bt.SelectText(t, ctx, `"constructive,"`, 0)
	bt.Press(t, ctx, "q")
	bt.Press(t, ctx, "e")
	data := bt.WaitFile(t, downloads, "us-and-russia-discuss-cease-fire-in-syria.annotations.json")
	f, err := annotation.Decode(data)
	if err != nil || len(f.Annotations) != 1 || f.Annotations[0].Exact != "constructive" {
		t.Errorf("export from the offline static build: %v %+v", err, f.Annotations)
	}
}

// TestSaveMerges: when someone else saved the document on the server since,
// a save merges instead of overwriting or asking: both editors' work is kept,
// in the open document and on the server; a note both changed is a conflict
// shown on that annotation, settled by the editor's choice.
func TestSaveMerges(t *testing.T) {
	ctx := bt.NewBrowser(t)
	srv := bt.Start(t, bt.BuildApp(t), "-data", t.TempDir())
	bt.Open(t, ctx, srv.URL+"/")
	bt.SelectText(t, ctx, "constructive", 0)
	bt.Press(t, ctx, "q")
	bt.Press(t, ctx, "s", chromedp.ModifierCtrl)
	bt.WaitFor(t, ctx, `document.getElementById("status").textContent.startsWith("Saved “US and Russia")`)
	docID := annotation.ID(bt.Eval[string](t, ctx, `localStorage.getItem("annotator.current")`))
	docURL := srv.URL + "/api/documents/" + docID.UUID()
	server := func() annotation.File { return serverCopy(t, srv.URL, docID, "") }
	// Another editor saves a version with a note on the quote, without If-Match.
	otherSaves := func(note string) {
		t.Helper()
		theirs := server()
		for i, a := range theirs.Annotations {
			if a.Kind == annotation.Quote {
				theirs.Annotations[i].Note = note
			}
		}
		req, _ := http.NewRequest("PUT", docURL, strings.NewReader(string(storetest.MustEncode(t, theirs))))
		req.Header.Set("Content-Type", "application/json")
		if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 200 {
			t.Fatalf("the other editor's save: %v %v", err, resp)
		}
	}
	// While the editor selects words, the other editor's save waits behind a line…
	bt.SelectText(t, ctx, "Lavrov", 0)
	otherSaves("checked against the transcript")
	bt.WaitFor(t, ctx, `document.getElementById("incoming") !== null`)
	// …and the editor's own save, refused for it, merges.
	bt.Press(t, ctx, "s")
	bt.Press(t, ctx, "s", chromedp.ModifierCtrl)
	bt.WaitFor(t, ctx, `document.querySelector("#outbox") === null && document.getElementById("status").textContent.startsWith("Merged colleagues' changes")`)
	if bt.Eval[bool](t, ctx, `document.getElementById("dialog") !== null`) {
		t.Error("a dialog asks the editor to choose")
	}
	bt.Click(t, ctx, ".group-quote .item-button")
	bt.WaitFor(t, ctx, `document.querySelector(".group-quote textarea")?.value === "checked against the transcript"`)
	if f := server(); len(f.Annotations) != 2 {
		t.Errorf("the server holds %d annotations, want the quote with its note and the source", len(f.Annotations))
	}

	// Both change the note (the editor typing it while the other saves): a
	// conflict on the quote, the server's kept until the editor chooses.
	bt.Click(t, ctx, ".group-quote textarea")
	otherSaves("theirs: wrong date")
	bt.WaitFor(t, ctx, `document.getElementById("incoming") !== null`)
	bt.Eval[bool](t, ctx, `(() => { const n = document.querySelector(".group-quote textarea"); n.value = "mine: checked";
		n.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	bt.WaitFor(t, ctx, `document.getElementById("status").textContent === "Edit note"`)
	bt.Press(t, ctx, "s", chromedp.ModifierCtrl)
	bt.WaitFor(t, ctx, `document.querySelector(".group-quote .badge.warn")?.textContent === "changed by both: choose"`)
	if v := bt.Eval[string](t, ctx, `document.querySelector(".merge-conflict")?.textContent ?? ""`); !strings.Contains(v, "theirs: wrong date") || !strings.Contains(v, "mine: checked") {
		t.Errorf("the conflict does not show both values: %q", v)
	}
	bt.Screenshot(t, ctx, "merge-conflict")
	bt.Click(t, ctx, ".merge-conflict .use-mine")
	bt.WaitFor(t, ctx, `document.querySelector(".merge-conflict") === null`)
	bt.Press(t, ctx, "s", chromedp.ModifierCtrl)
	bt.WaitFor(t, ctx, `document.getElementById("status").textContent.startsWith("Saved “US and Russia")`)
	for _, a := range server().Annotations {
		if a.Kind == annotation.Quote && a.Note != "mine: checked" {
			t.Errorf("the server's note is %q, want the editor's choice", a.Note)
		}
	}
}

// TestOpenFromServer: "From server" lists the server's documents, and opening
// one shows its article and annotations in the editor.
func TestOpenFromServer(t *testing.T) {
	ctx := bt.NewBrowser(t)
	srv := bt.Start(t, bt.BuildApp(t), "-data", t.TempDir())
	stored := annotatedArticle(t, 600, 12)
	stored.Document.Title = "Filed by the desk"
	req, _ := http.NewRequest("PUT", srv.URL+"/api/documents/"+stored.Document.ID.UUID(), strings.NewReader(string(storetest.MustEncode(t, stored))))
	req.Header.Set("Content-Type", "application/json")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 201 {
		t.Fatalf("storing the document: %v %v", err, resp)
	}
	bt.Open(t, ctx, srv.URL+"/")
	bt.Click(t, ctx, `button[title="Open a document from the server"]`)
	bt.WaitFor(t, ctx, `document.querySelector('button[title="Open Filed by the desk"]') !== null`)
	bt.Click(t, ctx, `button[title="Open Filed by the desk"]`)
	bt.WaitFor(t, ctx, `document.querySelector(".doc-title").textContent === "Filed by the desk"`)
	if got := marks(t, ctx); len(got) != len(stored.Annotations) {
		t.Errorf("the opened document shows %d annotations, want %d", len(got), len(stored.Annotations))
	}
}
