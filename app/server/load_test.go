//go:build !wasm

package server

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/store"
	"github.com/newsroom/annotator/app/store/dirstore"
	"github.com/newsroom/annotator/app/store/storetest"
)

// TestConcurrentEditors has 50 clients make 100 edits each over 20 documents:
// read, add one to a counter in the title, PUT with If-Match, and on 412 read
// again and retry. Every acknowledged edit must count: each document's counter
// ends at the number of edits acknowledged for it, no value is acknowledged
// twice (that would be a lost update), and every file on disk decodes.
func TestConcurrentEditors(t *testing.T) {
	const clients, edits, docs = 50, 100, 20
	data := t.TempDir()
	// Without fsync: this test is about lost updates, and 5,000 synced writes
	// would bind it to the disk's sync rate (10–40 s on a shared machine). The
	// crash and shutdown tests in app/cli write with fsync.
	st, err := dirstore.Open(data, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	srv, _ := newTestServer(t, Config{Store: st})
	files := make([]annotation.File, docs)
	for i := range files {
		files[i] = newFile(t, "0", "a")
		if r := do(t, "PUT", docURL(srv.URL, files[i]), storetest.MustEncode(t, files[i])); r.status != http.StatusCreated {
			t.Fatalf("creating doc %d: %d", i, r.status)
		}
	}
	var mu sync.Mutex
	acked := make([]map[int]int, docs) // per document: counter value → times acknowledged
	for i := range acked {
		acked[i] = map[int]int{}
	}
	var conflicts atomic.Int64
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for c := range clients {
		wg.Go(func() {
			for i := range edits {
				d := (c*7 + i) % docs
				for {
					if ctx.Err() != nil {
						errs <- ctx.Err()
						return
					}
					r := do(t, "GET", docURL(srv.URL, files[d]), nil)
					f, err := annotation.Decode(r.body)
					if err != nil {
						errs <- fmt.Errorf("GET doc %d: %d %v", d, r.status, err)
						return
					}
					n, _ := strconv.Atoi(f.Document.Title)
					f.Document.Title = strconv.Itoa(n + 1)
					r = do(t, "PUT", docURL(srv.URL, files[d]), storetest.MustEncode(t, f), "If-Match", r.header.Get("ETag"))
					if r.status == http.StatusPreconditionFailed {
						conflicts.Add(1)
						continue
					}
					if r.status != http.StatusOK {
						errs <- fmt.Errorf("PUT doc %d: %d %s", d, r.status, r.body)
						return
					}
					mu.Lock()
					acked[d][n+1]++
					mu.Unlock()
					break
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	t.Logf("%d edits, %d conflicts retried", clients*edits, conflicts.Load())

	// Read the files straight from disk, as a fresh store would.
	total := 0
	for d, f := range files {
		dir := filepath.Join(data, "documents", f.Document.ID.UUID())
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".") {
				t.Errorf("%s: leftover %s", dir, e.Name())
			}
			names = append(names, e.Name())
		}
		sort.Strings(names)
		for _, name := range names {
			if _, err := annotation.Decode(mustRead(t, filepath.Join(dir, name))); err != nil {
				t.Errorf("%s/%s does not decode: %v", dir, name, err)
			}
		}
		cur, _ := annotation.Decode(mustRead(t, filepath.Join(dir, names[len(names)-1])))
		final, _ := strconv.Atoi(cur.Document.Title)
		for v, times := range acked[d] {
			if times != 1 {
				t.Errorf("doc %d: counter value %d acknowledged %d times: an update was lost", d, v, times)
			}
		}
		if final != len(acked[d]) {
			t.Errorf("doc %d: counter on disk is %d, but %d edits were acknowledged", d, final, len(acked[d]))
		}
		total += len(acked[d])
	}
	if total != clients*edits {
		t.Errorf("%d edits acknowledged, want %d", total, clients*edits)
	}
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// FuzzDecodeFile checks the request decoding: it never panics, refuses with a
// status an editor can act on, and whatever it accepts is a valid file of the
// URL's document that re-encodes and decodes to itself.
func FuzzDecodeFile(f *testing.F) {
	valid := newFile(f, "Fuzz", "a", "b")
	id := valid.Document.ID
	body, _ := annotation.Encode(valid)
	f.Add("application/json", body)
	f.Add("application/json; charset=utf-8", body)
	f.Add("text/plain", body)
	f.Add("application/json", bytes.Replace(body, []byte("Fuzz"), []byte("F\xffz"), 1))
	f.Add("application/json", []byte(strings.Repeat("[", 1000)))
	f.Add("application/json", []byte(`{"format":"article-annotations","version":2}`))
	f.Add("application/json", body[:len(body)/2])
	f.Fuzz(func(t *testing.T, contentType string, data []byte) {
		file, _, rerr := decodeFile(contentType, bytes.NewReader(data), int64(len(data)), 1<<16, id)
		if rerr != nil {
			if !slices.Contains([]int{400, 413, 415}, rerr.status) || rerr.msg == "" {
				t.Fatalf("refusal %+v", rerr)
			}
			return
		}
		if file.Document.ID != id {
			t.Fatalf("accepted a file of document %s for %s", file.Document.ID, id)
		}
		if err := file.Validate(); err != nil {
			t.Fatalf("accepted an invalid file: %v", err)
		}
		again, err := annotation.Encode(file)
		if err != nil {
			t.Fatal(err)
		}
		back, err := annotation.Decode(again)
		if err != nil {
			t.Fatalf("re-encoded file does not decode: %v", err)
		}
		if again2, _ := annotation.Encode(back); !bytes.Equal(again, again2) {
			t.Fatal("encoding is not stable")
		}
	})
}
