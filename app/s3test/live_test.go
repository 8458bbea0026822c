//go:build !wasm

package s3test_test

import (
	"context"
	"math/rand/v2"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/browsertest"
	"github.com/newsroom/annotator/app/s3test"
	"github.com/newsroom/annotator/app/store/storetest"
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
