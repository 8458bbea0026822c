//go:build !wasm

package s3test_test

import (
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/browsertest"
	"github.com/newsroom/annotator/app/s3test"
	"github.com/newsroom/annotator/app/store/storetest"
	"github.com/newsroom/annotator/app/users"
)

// TestCreatorsAcrossReplicas: Alice saves through one replica and Bob
// through the other, at once, each adding annotations (and claiming them to
// be the other's) to one document with If-Match, taking the stored version
// again on 412. Every annotation ends in the document with its maker as
// creator, whatever either replica remembered of the document.
func TestCreatorsAcrossReplicas(t *testing.T) {
	const adds = 10
	file := filepath.Join(t.TempDir(), "users")
	tokens := map[string]string{}
	for _, name := range []string{"Alice", "Bob"} {
		tok, err := users.Add(file, name)
		if err != nil {
			t.Fatal(err)
		}
		tokens[name] = tok
	}
	srv := s3test.Start(t)
	bucket := srv.NewBucket(t)
	b := browsertest.BuildApp(t)
	reps := map[string]*replica{"Alice": startReplica(t, b, srv, bucket, "-users", file), "Bob": startReplica(t, b, srv, bucket, "-users", file)}
	doc := annotation.NewDocument("Two editors", storetest.Article, "")
	if r, err := do("PUT", docURL(reps["Alice"].url, doc.ID), storetest.MustEncode(t, annotation.NewFile(doc, nil)), "Authorization", "Bearer "+tokens["Alice"]); err != nil || r.status != http.StatusCreated {
		t.Fatalf("creating: %v %d %s", err, r.status, r.body)
	}
	other := map[string]string{"Alice": "Bob", "Bob": "Alice"}
	start := time.Now()
	errs := make(chan error, 2)
	var wg sync.WaitGroup
	for name, rep := range reps {
		auth := []string{"Authorization", "Bearer " + tokens[name]}
		wg.Go(func() {
			for i := range adds {
				for {
					r, err := do("GET", docURL(rep.url, doc.ID), nil, auth...)
					if err != nil || r.status != http.StatusOK {
						errs <- fmt.Errorf("%s: GET: %v %d", name, err, r.status)
						return
					}
					cur, err := annotation.Decode(r.body)
					if err != nil {
						errs <- err
						return
					}
					set := annotation.NewSet(anchor.NewText(cur.Document.Text), cur.Annotations)
					a, err := set.New(annotation.Quote, 1, 25, annotation.Human, time.Now().UTC().Truncate(time.Second))
					if err != nil {
						errs <- err
						return
					}
					a.Note, a.Creator = fmt.Sprintf("%s %d", name, i), other[name]
					body, err := annotation.Encode(annotation.NewFile(cur.Document, append(cur.Annotations, a)))
					if err != nil {
						errs <- err
						return
					}
					w, err := do("PUT", docURL(rep.url, doc.ID), body, append(auth, "If-Match", r.etag)...)
					if err == nil && w.status == http.StatusPreconditionFailed {
						continue
					}
					if err != nil || w.status != http.StatusOK {
						errs <- fmt.Errorf("%s: PUT: %v %d %s", name, err, w.status, w.body)
						return
					}
					break
				}
			}
		})
	}
	wg.Wait()
	t.Logf("%d saves by two editors through two replicas in %v", 2*adds, time.Since(start).Round(time.Millisecond))
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for _, rep := range reps {
		r, err := do("GET", docURL(rep.url, doc.ID), nil, "Authorization", "Bearer "+tokens["Alice"])
		if err != nil {
			t.Fatal(err)
		}
		final, err := annotation.Decode(r.body)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, a := range final.Annotations {
			seen[a.Note] = true
			if maker, _, _ := strings.Cut(a.Note, " "); a.Creator != maker {
				t.Errorf("%q is %q's", a.Note, a.Creator)
			}
		}
		if len(seen) != 2*adds {
			t.Errorf("through %s: %d annotations, want %d", rep.url, len(seen), 2*adds)
		}
	}
}
