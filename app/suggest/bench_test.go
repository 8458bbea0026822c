package suggest

import (
	"strings"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/sample"
)

// words returns about n words of news text: the sample article repeated.
func words(n int) string {
	var b strings.Builder
	for have, each := 0, wordCount(sample.Text()); have < n; have += each {
		b.WriteString(sample.Text())
		b.WriteString("\n\n")
	}
	return b.String()
}

func benchSuggest(b *testing.B, text string) {
	doc := annotation.NewDocument("bench", text, "")
	opts := Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if len(Suggest(doc, opts)) == 0 {
			b.Fatal("no suggestions")
		}
	}
}

// BenchmarkSuggestSample is one real article (about 700 words).
func BenchmarkSuggestSample(b *testing.B) { benchSuggest(b, sample.Text()) }

// BenchmarkSuggest1000Words is the size of article the issue times in the browser.
func BenchmarkSuggest1000Words(b *testing.B) { benchSuggest(b, words(1000)) }

// BenchmarkSuggest1MB is a long text, for throughput.
func BenchmarkSuggest1MB(b *testing.B) { benchSuggest(b, words(170000)) }

// BenchmarkBaselineScan is the floor to compare with: one pass over the same
// 1 MB finding every quotation mark, with no pairing or attribution.
func BenchmarkBaselineScan(b *testing.B) {
	text := words(170000)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		n := 0
		for i := 0; ; {
			j := strings.IndexAny(text[i:], "\"“”«»„")
			if j < 0 {
				break
			}
			n++
			i += j + 1
		}
		if n == 0 {
			b.Fatal("no marks")
		}
	}
}
