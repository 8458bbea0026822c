//go:build !wasm

package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/store"
)

// bigFile returns a file of about size bytes encoded: a long article with a
// quote every few sentences. note tells two versions apart.
func bigFile(b *testing.B, size int, note string) annotation.File {
	b.Helper()
	var text strings.Builder
	for text.Len() < size/2 {
		text.WriteString(article)
	}
	f := annotation.NewFile(annotation.NewDocument("Big", text.String(), ""), []annotation.Annotation{})
	one := len(mustEncode(b, addNote(b, f, note))) - len(mustEncode(b, f))
	for range (size - len(mustEncode(b, f))) / one {
		f = addNote(b, f, note)
	}
	return f
}

// BenchmarkPut100KB measures PUTs of a 100 KB file by 50 concurrent clients, each
// on its own document, alternating two versions so every PUT writes. It reports
// the throughput as a ratio to the floor measured in the same run on the same
// disk (a plain loop of write + fsync + rename of the same bytes) and the p50
// and p99 latencies.
func BenchmarkPut100KB(b *testing.B) {
	const clients = 50
	data := b.TempDir()
	st, err := store.Open(data, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	srv, _ := newTestServer(b, Config{Store: st})
	http.DefaultTransport.(*http.Transport).MaxIdleConnsPerHost = clients
	bodies := make([][2][]byte, clients)
	for c := range bodies {
		a := bigFile(b, 100<<10, "A")
		v := addNote(b, a, "B")
		bodies[c] = [2][]byte{mustEncode(b, a), mustEncode(b, v)}
	}
	floor := fsyncFloor(b, filepath.Join(data, "floor"), bodies[0][0], 200)

	var mu sync.Mutex
	var lat []time.Duration
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for c := range clients {
		n := b.N/clients + min(1, b.N%clients/(c+1)) // spread b.N over the clients
		wg.Go(func() {
			url := srv.URL + "/api/documents/" + bodyID(bodies[c][0])
			var mine []time.Duration
			for i := range n {
				t0 := time.Now()
				req, _ := http.NewRequest("PUT", url, bytes.NewReader(bodies[c][i%2]))
				req.Header.Set("Content-Type", "application/json")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode >= 300 {
					b.Errorf("PUT = %d", resp.StatusCode)
					return
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	perSec := float64(len(lat)) / elapsed.Seconds()
	b.ReportMetric(perSec, "puts/s")
	b.ReportMetric(floor, "floor-writes/s")
	b.ReportMetric(perSec/floor, "ratio-to-floor")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}

// bodyID returns the UUID of the document in an encoded file.
func bodyID(data []byte) string {
	f, err := annotation.Decode(data)
	if err != nil {
		panic(err)
	}
	return f.Document.ID.UUID()
}

// fsyncFloor returns how many times a second a plain loop writes data to a
// temporary file in dir, syncs it and renames it over the same name.
func fsyncFloor(b *testing.B, dir string, data []byte, n int) float64 {
	b.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	for range n {
		f, err := os.CreateTemp(dir, ".tmp-*")
		if err != nil {
			b.Fatal(err)
		}
		f.Write(data)
		f.Sync()
		f.Close()
		if err := os.Rename(f.Name(), filepath.Join(dir, "file.json")); err != nil {
			b.Fatal(err)
		}
	}
	return float64(n) / time.Since(start).Seconds()
}

// BenchmarkListDocuments measures GET /api/documents with 10,000 documents
// stored, after a restart (the index is read from disk when the store opens).
func BenchmarkListDocuments(b *testing.B) {
	const docs = 10000
	data := b.TempDir()
	seed, err := store.Open(data, store.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for i := range docs {
		f := newFile(b, fmt.Sprintf("Article %d", i), "x")
		if _, _, err := seed.Put(ctx, f, mustEncode(b, f), store.Condition{}); err != nil {
			b.Fatal(err)
		}
	}
	start := time.Now()
	st, err := store.Open(data, store.Options{})
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
