//go:build !wasm

package s3test_test

import (
	"context"
	"math/rand/v2"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/browsertest"
	"github.com/newsroom/annotator/app/s3test"
	"github.com/newsroom/annotator/app/store/storetest"
	"github.com/newsroom/annotator/app/users"
)

// livePage opens the app on a replica in a browser, saves the sample to the
// server and returns the page and the document's id.
func livePage(tb testing.TB, url string) (context.Context, annotation.ID) {
	tb.Helper()
	ctx := browsertest.NewBrowser(tb)
	browsertest.Open(tb, ctx, url+"/")
	browsertest.Press(tb, ctx, "s", chromedp.ModifierCtrl)
	browsertest.WaitFor(tb, ctx, `document.getElementById("status").textContent.startsWith("Saved “")`)
	return ctx, annotation.ID(browsertest.Eval[string](tb, ctx, `localStorage.getItem("annotator.current")`))
}

// words are the words of a text.
var words = regexp.MustCompile(`\pL+`)

// colleagueTags saves, through the replica at url, the document with one more
// source: the (100+n)-th word of the text, as another editor's tool would.
func colleagueTags(tb testing.TB, url string, id annotation.ID, n int) {
	tb.Helper()
	r, err := do("GET", docURL(url, id), nil)
	if err != nil || r.status != http.StatusOK {
		tb.Fatalf("GET: %v %d %s", err, r.status, r.body)
	}
	f, err := annotation.Decode(r.body)
	if err != nil {
		tb.Fatal(err)
	}
	text := anchor.NewText(f.Document.Text)
	word := words.FindAllStringIndex(f.Document.Text, -1)[100+n]
	start, end := anchor.CodePointLen(f.Document.Text[:word[0]]), anchor.CodePointLen(f.Document.Text[:word[1]])
	set := annotation.NewSet(text, f.Annotations)
	a, err := set.New(annotation.Source, start, end, annotation.Human, time.Now().UTC())
	if err != nil {
		tb.Fatal(err)
	}
	f.Annotations = append(slices.Clone(f.Annotations), a)
	annotation.SortTextOrder(f.Annotations)
	if r, err := do("PUT", docURL(url, id), storetest.MustEncode(tb, f), "If-Match", r.etag); err != nil || r.status != http.StatusOK {
		tb.Fatalf("PUT: %v %d %s", err, r.status, r.body)
	}
}

// TestLiveAcrossReplicas: an editor's page on one replica shows a colleague's
// save made through the other replica (no event crosses replicas: the page's
// conditional GETs bring it), within 10 seconds.
func TestLiveAcrossReplicas(t *testing.T) {
	srv := s3test.Start(t)
	bucket := srv.NewBucket(t)
	b := browsertest.BuildApp(t)
	reps := []*replica{startReplica(t, b, srv, bucket), startReplica(t, b, srv, bucket)}
	ctx, id := livePage(t, reps[0].url)
	start := time.Now()
	colleagueTags(t, reps[1].url, id, 0)
	browsertest.WaitFor(t, ctx, `document.querySelectorAll('#article mark[data-kind="source"]').length === 1`)
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("the colleague's save took %v to show, want at most 10 s", took)
	} else {
		t.Logf("the colleague's save through the other replica showed in %v", took.Round(time.Millisecond))
	}
}

// TestTwoEditorsAcrossReplicas: Alice and Bob, each in their own browser with
// their own token, each on their own replica of one bucket: Bob's tag reaches
// Alice's page; with both replicas down both save (queued), and when they are
// back both outboxes drain, the second by merging, with no dialog; the
// stored file holds every tag with the right creator.
func TestTwoEditorsAcrossReplicas(t *testing.T) {
	srv := s3test.Start(t)
	bucket := srv.NewBucket(t)
	b := browsertest.BuildApp(t)
	usersFile := filepath.Join(t.TempDir(), "users")
	tokens := map[string]string{}
	for _, name := range []string{"Alice", "Bob"} {
		tok, err := users.Add(usersFile, name)
		if err != nil {
			t.Fatal(err)
		}
		tokens[name] = tok
	}
	reps := []*replica{startReplica(t, b, srv, bucket, "-users", usersFile), startReplica(t, b, srv, bucket, "-users", usersFile)}
	alice, bob := browsertest.NewBrowser(t), browsertest.NewBrowser(t)

	browsertest.Open(t, alice, reps[0].url+"/")
	browsertest.SignIn(t, alice, tokens["Alice"], "Alice")
	browsertest.Press(t, alice, "\u001b")
	browsertest.SelectText(t, alice, "constructive", 0)
	browsertest.Press(t, alice, "q")
	browsertest.Press(t, alice, "s", chromedp.ModifierCtrl)
	browsertest.WaitFor(t, alice, `document.getElementById("status").textContent.startsWith("Saved “US and Russia")`)
	id := annotation.ID(browsertest.Eval[string](t, alice, `localStorage.getItem("annotator.current")`))

	browsertest.Open(t, bob, reps[1].url+"/")
	browsertest.SignIn(t, bob, tokens["Bob"], "Bob")
	browsertest.Click(t, bob, `.docs button[title^="Open US and Russia"]`)
	browsertest.WaitFor(t, bob, `document.querySelectorAll('#article mark[data-kind="quote"]').length === 1`)
	browsertest.SelectText(t, bob, "Lavrov", 0)
	browsertest.Press(t, bob, "s")
	browsertest.Press(t, bob, "s", chromedp.ModifierCtrl)
	browsertest.WaitFor(t, bob, `document.getElementById("status").textContent.startsWith("Saved “US and Russia")`)
	waitLong(t, alice, `document.querySelectorAll('#article mark[data-kind="source"]').length === 1`)

	// Both replicas go down; both editors tag and save; the replicas come back.
	addrs := []string{}
	for _, r := range reps {
		addrs = append(addrs, strings.TrimPrefix(r.url, "http://"))
		r.stop()
	}
	browsertest.SelectText(t, alice, "welcome", 0)
	browsertest.Press(t, alice, "q")
	browsertest.Press(t, alice, "s", chromedp.ModifierCtrl)
	browsertest.SelectText(t, bob, "Iran", 0)
	browsertest.Press(t, bob, "s")
	browsertest.Press(t, bob, "s", chromedp.ModifierCtrl)
	for _, ctx := range []context.Context{alice, bob} {
		browsertest.WaitFor(t, ctx, `document.getElementById("outbox")?.textContent.endsWith("1 waiting")`)
	}
	for i := range reps {
		reps[i] = startReplica(t, b, srv, bucket, "-users", usersFile, "-addr", addrs[i])
	}
	for _, ctx := range []context.Context{alice, bob} {
		waitLong(t, ctx, `document.getElementById("outbox") === null`)
		if browsertest.Eval[bool](t, ctx, `document.getElementById("dialog") !== null`) {
			t.Error("a dialog asks an editor to choose")
		}
	}
	r, err := do("GET", docURL(reps[0].url, id), nil, "Authorization", "Bearer "+tokens["Alice"])
	if err != nil || r.status != http.StatusOK {
		t.Fatalf("GET: %v %d", err, r.status)
	}
	f, err := annotation.Decode(r.body)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range f.Annotations {
		got = append(got, a.Exact+"="+a.Creator)
	}
	if want := "Iran=Bob, Lavrov=Bob, constructive=Alice, welcome=Alice"; strings.Join(got, ", ") != want {
		t.Errorf("the stored file: %s, want %s", strings.Join(got, ", "), want)
	}
	for _, ctx := range []context.Context{alice, bob} {
		waitLong(t, ctx, `document.querySelectorAll('#article mark[data-first]').length === 4`)
	}
}

// waitLong waits for a condition across the replicas' conditional GETs and
// the outbox's retries, which take longer than browsertest.WaitFor's 10 s.
func waitLong(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !browsertest.Eval[bool](t, ctx, `(() => { try { return !!(`+cond+`) } catch (e) { return false } })()`) {
		if time.Now().After(deadline) {
			t.Fatalf("waited 30 s for %s", cond)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// BenchmarkLiveUpdate: the time from a colleague's save to the editor's page
// showing it, median of 20, through the replica the page talks to (its event
// stream) and through another one (its conditional GETs).
func BenchmarkLiveUpdate(b *testing.B) {
	srv := s3test.Start(b)
	bucket := srv.NewBucket(b)
	build := browsertest.BuildApp(b)
	reps := []*replica{startReplica(b, build, srv, bucket), startReplica(b, build, srv, bucket)}
	for _, c := range []struct {
		name string
		via  *replica
	}{{"same-server", reps[0]}, {"other-replica", reps[1]}} {
		b.Run(c.name, func(b *testing.B) {
			ctx, id := livePage(b, reps[0].url)
			var took []float64
			for n := range 20 {
				// Saves come at any moment, not in step with the page's checks.
				time.Sleep(rand.N(5 * time.Second))
				start := time.Now()
				colleagueTags(b, c.via.url, id, n)
				browsertest.WaitFor(b, ctx, `document.querySelectorAll('#article mark[data-kind="source"]').length === `+strconv.Itoa(n+1))
				took = append(took, float64(time.Since(start).Milliseconds()))
			}
			slices.Sort(took)
			b.ReportMetric(took[len(took)/2], "ms-median")
			b.ReportMetric(took[len(took)-1], "ms-max")
		})
	}
}
