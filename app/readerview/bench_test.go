package readerview

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
)

// benchPage is the test page the benchmarks read: nytimes-1, about 300 KB.
const benchPage = "nytimes-1"

func loadBenchPage(b *testing.B) []byte {
	b.Helper()
	data, err := os.ReadFile(filepath.Join(testPagesDir(b), benchPage, "source.html"))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

func reportMS(b *testing.B, start time.Time) {
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/op")
}

// BenchmarkExtract measures Extract on a page of about 300 KB.
func BenchmarkExtract(b *testing.B) {
	data := loadBenchPage(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		if _, err := Extract(data, "text/html; charset=utf-8", pageURL); err != nil {
			b.Fatal(err)
		}
	}
	reportMS(b, start)
}

// BenchmarkReadabilityOnly measures go-readability's own parse of the same
// page (readability.FromReader), for comparison with BenchmarkExtract.
func BenchmarkReadabilityOnly(b *testing.B) {
	data := loadBenchPage(b)
	u, _ := url.Parse(pageURL)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		if _, err := readability.FromReader(bytes.NewReader(data), u); err != nil {
			b.Fatal(err)
		}
	}
	reportMS(b, start)
}
