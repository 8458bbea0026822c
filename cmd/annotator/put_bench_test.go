//go:build !wasm

package main

import (
	"bytes"
	"flag"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/annotation"
	bt "github.com/newsroom/annotator/app/browsertest"
	"github.com/newsroom/annotator/app/store/storetest"
)

var putLoad = flag.Float64("putload", 0.5, "the load BenchmarkPut100KB/paced offers, as a fraction of the fsync floor")

// BenchmarkPut100KB measures PUTs of a 100 KB file to the real server process
// by 50 concurrent clients, each on its own document, alternating two versions
// so every PUT writes. Both modes report the throughput as a ratio to the
// floor measured in the same run on the same disk (a plain loop of write +
// fsync + rename of the same bytes) and the p50 and p99 latencies.
//
//   - saturated: each client sends its next PUT as soon as the last is
//     answered, so the throughput is the server's capacity. Its latencies are
//     only queueing: 50 clients at X PUTs a second wait 50/X s on average,
//     whatever the server does.
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

// benchPut runs b.N PUTs from 50 clients, back to back when load is 0, else
// offering load × the fsync floor in PUTs a second.
func benchPut(b *testing.B, load float64) {
	const clients = 50
	data := b.TempDir()
	srv := bt.Start(b, bt.BuildApp(b), "-data", filepath.Join(data, "store"))
	waitCompressed(b, srv.URL+"/app.wasm")
	base := annotatedArticle(b, 7500, 125)
	next := slices.Clone(base.Annotations)
	next[0].Note = "edited"
	type document struct {
		url      string
		versions [2][]byte
	}
	docs := make([]document, clients)
	for c := range docs {
		doc := annotation.NewDocument(base.Document.Title, base.Document.Text, "")
		docs[c] = document{srv.URL + "/api/documents/" + doc.ID.UUID(), [2][]byte{
			storetest.MustEncode(b, annotation.NewFile(doc, base.Annotations)),
			storetest.MustEncode(b, annotation.NewFile(doc, next)),
		}}
	}
	if n := len(docs[0].versions[0]); n < 95<<10 || n > 105<<10 {
		b.Fatalf("the file is %d bytes, not about 100 KB", n)
	}
	floorDir := filepath.Join(data, "floor")
	floor := fsyncFloor(b, floorDir, docs[0].versions[0])
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
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	defer client.CloseIdleConnections()

	var mu sync.Mutex
	var lat []time.Duration
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			var mine []time.Duration
			for i := c; i < b.N; i += clients {
				at := time.Now()
				if due != nil {
					at = start.Add(due[i])
					time.Sleep(time.Until(at))
				}
				req, _ := http.NewRequest("PUT", docs[c].url, bytes.NewReader(docs[c].versions[i/clients%2]))
				req.Header.Set("Content-Type", "application/json")
				resp, err := client.Do(req)
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
	if len(lat) == 0 {
		return
	}
	floor = max(floor, fsyncFloor(b, floorDir, docs[0].versions[0]))
	slices.Sort(lat)
	perSec := float64(len(lat)) / elapsed.Seconds()
	b.ReportMetric(perSec, "puts/s")
	b.ReportMetric(floor, "floor-writes/s")
	b.ReportMetric(perSec/floor, "ratio-to-floor")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}

// waitCompressed waits until the server serves url brotli-compressed: it
// compresses its assets in the background after it starts, which would slow
// whatever runs beside it.
func waitCompressed(tb testing.TB, url string) {
	tb.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		req, _ := http.NewRequest("HEAD", url, nil)
		req.Header.Set("Accept-Encoding", "br")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			tb.Fatal(err)
		}
		resp.Body.Close()
		if resp.Header.Get("Content-Encoding") == "br" {
			return
		}
	}
	tb.Fatalf("%s is still not served compressed after a minute", url)
}

// fsyncFloor returns how many times a second a plain loop writes data to a
// temporary file in dir, syncs it and renames it over the same name. This
// disk's rate drifts by half within a minute, and only ever down from what it
// can do, so the floor is the best of three loops of 200; benchPut takes the
// best of the loops before and after its PUTs.
func fsyncFloor(tb testing.TB, dir string, data []byte) float64 {
	tb.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	best := 0.0
	for range 3 {
		start := time.Now()
		for range 200 {
			f, err := os.CreateTemp(dir, ".tmp-*")
			if err != nil {
				tb.Fatal(err)
			}
			f.Write(data)
			f.Sync()
			f.Close()
			if err := os.Rename(f.Name(), filepath.Join(dir, "file.json")); err != nil {
				tb.Fatal(err)
			}
		}
		best = max(best, 200/time.Since(start).Seconds())
	}
	return best
}
