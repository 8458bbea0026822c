//go:build !wasm

package server

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
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
func bigFile(b testing.TB, size int, note string) annotation.File {
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

// BenchmarkPut100KB measures PUTs of a 100 KB file by 50 concurrent clients,
// each on its own document, alternating two versions so every PUT writes. Both
// modes report the throughput as a ratio to the floor measured in the same run
// on the same disk (a plain loop of write + fsync + rename of the same bytes)
// and the p50 and p99 latencies.
//
//   - saturated: each client sends its next PUT as soon as the last is
//     answered, so the throughput is the server's capacity. Its latencies are
//     only queueing: 50 clients at X puts/s wait 50/X s on average, whatever
//     the server does.
//   - paced: the clients together offer half the floor, as 50 editors saving
//     independently would (random, exponentially spaced times). A PUT's
//     latency counts from when it was due, not from when it was sent, so a
//     server that falls behind is charged for the wait (wrk2's correction for
//     coordinated omission). This is the target: 0.5 × the floor
//     served with p99 ≤ 50 ms. Another load: -args -putload 0.25.
func BenchmarkPut100KB(b *testing.B) {
	b.Run("saturated", func(b *testing.B) { benchPut(b, 0) })
	b.Run("paced", func(b *testing.B) { benchPut(b, *putLoad) })
}

var putLoad = flag.Float64("putload", 0.5, "the load BenchmarkPut100KB/paced offers, as a fraction of the fsync floor")

// benchPut runs b.N PUTs from 50 clients, back to back when load is 0, else
// offering load × the fsync floor in PUTs a second.
func benchPut(b *testing.B, load float64) {
	const clients = 50
	data := b.TempDir()
	st, err := store.Open(data, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	srv, _ := newTestServer(b, Config{Store: st})
	http.DefaultTransport.(*http.Transport).MaxIdleConnsPerHost = clients
	base := bigFile(b, 100<<10, "A")
	next := addNote(b, base, "B")
	bodies := make([][2][]byte, clients)
	for c := range bodies {
		doc := annotation.NewDocument(base.Document.Title, base.Document.Text, "")
		bodies[c] = [2][]byte{
			mustEncode(b, annotation.NewFile(doc, base.Annotations)),
			mustEncode(b, annotation.NewFile(doc, next.Annotations)),
		}
	}
	floorDir := filepath.Join(data, "floor")
	floor := fsyncFloor(b, floorDir, bodies[0][0], 500)
	// due[i] is when PUT i is due, its client being i % clients; paced
	// arrivals are a Poisson process of rate load × floor.
	var due []time.Duration
	if load > 0 {
		rng := rand.New(rand.NewPCG(1, 2))
		mean := float64(time.Second) / (load * floor)
		due = make([]time.Duration, b.N)
		for i, t := 0, 0.0; i < b.N; i++ {
			t += rng.ExpFloat64() * mean
			due[i] = time.Duration(t)
		}
	}

	var mu sync.Mutex
	var lat []time.Duration
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			url := srv.URL + "/api/documents/" + bodyID(bodies[c][0])
			var mine []time.Duration
			for i := c; i < b.N; i += clients {
				at := time.Now()
				if due != nil {
					at = start.Add(due[i])
					time.Sleep(time.Until(at))
				}
				req, _ := http.NewRequest("PUT", url, bytes.NewReader(bodies[c][i/clients%2]))
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
				mine = append(mine, time.Since(at))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	// This disk's fsync rate drifts by half within a minute: the floor is the
	// mean of one loop before the PUTs and one after.
	floor = (floor + fsyncFloor(b, floorDir, bodies[0][0], 500)) / 2
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
