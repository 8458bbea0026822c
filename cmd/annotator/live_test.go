//go:build !wasm

package main

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/newsroom/annotator/app/annotation"
	bt "github.com/newsroom/annotator/app/browsertest"
	"github.com/newsroom/annotator/app/users"
)

// serverCopy reads the server's copy of document id, with the token when there is one.
func serverCopy(t *testing.T, base string, id annotation.ID, token string) annotation.File {
	t.Helper()
	req, _ := http.NewRequest("GET", base+"/api/documents/"+id.UUID(), nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	f, err := annotation.Decode(body)
	if err != nil {
		t.Fatalf("the server's copy: %v\n%s", err, body)
	}
	return f
}

// TestTwoEditorsLive: Alice and Bob, each in their own browser with their own
// token, work on one article: Bob's tag appears in Alice's page without a
// reload, each sees the other has it open, the server stamps who made what;
// with the server down both save (queued), and when it is back both outboxes
// drain, the second by merging, with no dialog on either side.
func TestTwoEditorsLive(t *testing.T) {
	build := bt.BuildApp(t)
	usersFile := filepath.Join(t.TempDir(), "users")
	aliceToken, err := users.Add(usersFile, "Alice")
	if err != nil {
		t.Fatal(err)
	}
	bobToken, err := users.Add(usersFile, "Bob")
	if err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	srv := bt.Start(t, build, "-data", data, "-users", usersFile)
	addr := strings.TrimPrefix(srv.URL, "http://")
	alice, bob := bt.NewBrowser(t), bt.NewBrowser(t)

	bt.Open(t, alice, srv.URL+"/")
	waitOfflineReady(t, alice)
	bt.SignIn(t, alice, aliceToken, "Alice")
	bt.Press(t, alice, keyEscape)
	bt.SelectText(t, alice, "constructive", 0)
	bt.Press(t, alice, "q")
	bt.Press(t, alice, "s", chromedp.ModifierCtrl)
	bt.WaitFor(t, alice, `document.getElementById("status").textContent.startsWith("Saved “US and Russia")`)
	docID := annotation.ID(bt.Eval[string](t, alice, `localStorage.getItem("annotator.current")`))

	bt.Open(t, bob, srv.URL+"/")
	waitOfflineReady(t, bob)
	bt.SignIn(t, bob, bobToken, "Bob")
	bt.Click(t, bob, `.docs button[title^="Open US and Russia"]`)
	bt.WaitFor(t, bob, `document.getElementById("status").textContent.startsWith("Opened “US and Russia")`)
	bt.WaitFor(t, bob, `document.querySelectorAll('#article mark[data-kind="quote"]').length === 1`)
	bt.WaitFor(t, alice, `document.getElementById("others")?.textContent === "Also open: Bob"`)
	bt.WaitFor(t, bob, `document.getElementById("others")?.textContent === "Also open: Alice"`)

	bt.SelectText(t, bob, "Lavrov", 0)
	bt.Press(t, bob, "s")
	bt.Press(t, bob, "s", chromedp.ModifierCtrl)
	saved := time.Now()
	bt.WaitFor(t, bob, `document.getElementById("status").textContent.startsWith("Saved “US and Russia")`)
	bt.WaitFor(t, alice, `document.querySelectorAll('#article mark[data-kind="source"]').length === 1`)
	t.Logf("Bob's save reached Alice's page in %v", time.Since(saved).Round(time.Millisecond))
	bt.WaitFor(t, alice, `document.querySelector(".group-source .item-creator")?.textContent === "by Bob"`)
	stored := func() annotation.File { return serverCopy(t, srv.URL, docID, aliceToken) }
	creators := func(f annotation.File) string {
		var out []string
		for _, a := range f.Annotations {
			out = append(out, a.Exact+"="+a.Creator)
		}
		return strings.Join(out, ", ")
	}
	if got := creators(stored()); got != "Lavrov=Bob, constructive=Alice" {
		t.Errorf("the server's creators: %s", got)
	}

	// While Alice types a note, Bob's next save waits behind a line until she asks for it.
	bt.Click(t, alice, ".group-quote .item-button")
	bt.Click(t, alice, ".group-quote textarea")
	bt.SelectText(t, bob, "Kerry", 0)
	bt.Press(t, bob, "s")
	bt.Press(t, bob, "s", chromedp.ModifierCtrl)
	bt.WaitFor(t, alice, `document.getElementById("incoming")?.textContent.startsWith("1 save by Bob")`)
	if n := bt.Eval[int](t, alice, `document.querySelectorAll('#article mark[data-kind="source"]').length`); n != 1 {
		t.Errorf("Bob's save moved Alice's page while she typed: %d sources", n)
	}
	bt.Click(t, alice, "#show-incoming")
	bt.WaitFor(t, alice, `document.querySelectorAll('#article mark[data-kind="source"]').length === 2`)
	bt.WaitFor(t, alice, `document.getElementById("incoming") === null`)

	// The server goes down; both tag and save; it comes back.
	srv.Stop()
	bt.SelectText(t, alice, "welcome", 0)
	bt.Press(t, alice, "q")
	bt.Press(t, alice, "s", chromedp.ModifierCtrl)
	bt.SelectText(t, bob, "Iran", 0)
	bt.Press(t, bob, "s")
	bt.Press(t, bob, "s", chromedp.ModifierCtrl)
	for _, ctx := range []context.Context{alice, bob} {
		bt.WaitFor(t, ctx, `document.getElementById("outbox")?.textContent.endsWith("1 waiting")`)
	}
	srv = bt.Start(t, build, "-addr", addr, "-data", data, "-users", usersFile)
	for _, ctx := range []context.Context{alice, bob} {
		bt.WaitFor(t, ctx, `document.getElementById("outbox") === null`)
		if bt.Eval[bool](t, ctx, `document.getElementById("dialog") !== null`) {
			t.Error("a dialog asks an editor to choose")
		}
	}
	if got := creators(stored()); got != "Iran=Bob, Kerry=Bob, Lavrov=Bob, constructive=Alice, welcome=Alice" {
		t.Errorf("after both queued saves the server's creators: %s", got)
	}
	// And both pages end up with all five.
	for _, ctx := range []context.Context{alice, bob} {
		bt.WaitFor(t, ctx, `document.querySelectorAll('#article mark[data-first]').length === 5`)
	}
	bt.Screenshot(t, alice, "two-editors-alice")
}
