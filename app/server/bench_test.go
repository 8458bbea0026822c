//go:build !wasm

package server

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
	"github.com/newsroom/annotator/app/store"
	"github.com/newsroom/annotator/app/store/dirstore"
	"github.com/newsroom/annotator/app/store/storetest"
)

// BenchmarkListDocuments measures GET /api/documents with 10,000 documents
// stored, after a restart (the index is read from disk when the store opens).
func BenchmarkListDocuments(b *testing.B) {
	const docs = 10000
	data := b.TempDir()
	seed, err := dirstore.Open(data, store.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for i := range docs {
		f := newFile(b, fmt.Sprintf("Article %d", i), "x")
		if _, _, err := seed.Put(ctx, f, storetest.MustEncode(b, f), store.Condition{}, ""); err != nil {
			b.Fatal(err)
		}
	}
	start := time.Now()
	st, err := dirstore.Open(data, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	opened := time.Since(start)
	srv, _ := newTestServer(b, Config{Store: st})
	b.ResetTimer()
	for b.Loop() {
		resp, err := http.Get(srv.URL + "/api/documents")
		if err != nil {
			b.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || n < docs*100 {
			b.Fatalf("list = %d, %d bytes", resp.StatusCode, n)
		}
	}
	b.ReportMetric(float64(opened.Milliseconds()), "open-ms") // after the loop: ResetTimer drops metrics
}

// BenchmarkPutSigned measures PUTs of a 100 KB file with 125 annotations by
// a signed-in user, alternating two versions so that each PUT writes: the
// work of a save (decoding, stamping creators, storing) without the disk's
// syncs, which BenchmarkPut100KB in cmd/annotator measures. "as-stored"
// sends the creators the server keeps, as the app does (the stored file is
// then the bytes sent); "unnamed" sends none, so the server re-encodes the
// file with the creators it stamps.
func BenchmarkPutSigned(b *testing.B) {
	var text strings.Builder
	for text.Len() < 60<<10 {
		text.WriteString(article)
	}
	f := annotation.NewFile(annotation.NewDocument("Long", text.String(), ""), []annotation.Annotation{})
	for i := range 125 {
		f = addNote(b, f, fmt.Sprint("note ", i))
	}
	g := addNote(b, f, "one more")
	named := func(f annotation.File) annotation.File {
		f.Annotations = append([]annotation.Annotation{}, f.Annotations...)
		for i := range f.Annotations {
			f.Annotations[i].Creator = "Alice"
		}
		return f
	}
	b.Run("as-stored", func(b *testing.B) { benchPutSigned(b, named(f), named(g)) })
	b.Run("unnamed", func(b *testing.B) { benchPutSigned(b, f, g) })
}

// benchPutSigned PUTs f and g in turn as Alice.
func benchPutSigned(b *testing.B, f, g annotation.File) {
	st, err := dirstore.Open(b.TempDir(), store.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	list, tokens := newUsers(b, "Alice")
	srv, _ := newTestServer(b, Config{Store: st, Users: list})
	versions := [2][]byte{storetest.MustEncode(b, f), storetest.MustEncode(b, g)}
	b.SetBytes(int64(len(versions[0])))
	i := 0
	for b.Loop() {
		req, _ := http.NewRequest("PUT", docURL(srv.URL, f), bytes.NewReader(versions[i%2]))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+tokens["Alice"])
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 300 {
			b.Fatalf("PUT = %d", resp.StatusCode)
		}
		i++
	}
}

// BenchmarkSaveToStream measures, on a real server, the time from Bob's PUT
// being sent to its version event reaching Alice's open stream of the
// document; it reports the median and the 99th percentile.
func BenchmarkSaveToStream(b *testing.B) {
	list, tokens := newUsers(b, "Alice", "Bob")
	st, err := dirstore.Open(b.TempDir(), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	srv, err := Open(Config{Addr: "127.0.0.1:0", Store: st, Users: list})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	f := newFile(b, "Latency", "n")
	req, _ := http.NewRequest("GET", srv.URL()+api.EventsPath(f.Document.ID), nil)
	req.Header.Set("Authorization", "Bearer "+tokens["Alice"])
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		b.Fatal(resp, err)
	}
	defer resp.Body.Close()
	versions := make(chan struct{}, 1)
	go func() {
		lines := bufio.NewScanner(resp.Body)
		for lines.Scan() {
			if lines.Text() == "event: "+api.EventVersion {
				versions <- struct{}{}
			}
		}
	}()
	files := [2][]byte{storetest.MustEncode(b, f), storetest.MustEncode(b, addNote(b, f, "more"))}
	var lat []time.Duration
	i := 0
	for b.Loop() {
		req, _ := http.NewRequest("PUT", docURL(srv.URL(), f), bytes.NewReader(files[i%2]))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+tokens["Bob"])
		sent := time.Now()
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode >= 300 {
			b.Fatal(resp, err)
		}
		resp.Body.Close()
		select {
		case <-versions:
			lat = append(lat, time.Since(sent))
		case <-time.After(5 * time.Second):
			b.Fatal("no event within 5 s")
		}
		i++
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}
