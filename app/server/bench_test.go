//go:build !wasm

package server

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

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
