package anchor

import (
	"strings"
	"testing"
)

// BenchmarkLocate1000 indexes an edited ~1 MB article and locates 1,000
// annotations made on the original (inserted and deleted paragraphs, 5% of
// the quotes reworded). NewText is part of every iteration.
func BenchmarkLocate1000(b *testing.B) {
	c := newCorpus(1<<20, 1000)
	counts := make(map[Status]int)
	for b.Loop() {
		clear(counts)
		nt := NewText(c.new)
		for _, a := range c.anns {
			counts[nt.Locate(a.sel).Status]++
		}
	}
	for _, s := range []Status{Anchored, Moved, Changed, Orphaned} {
		b.ReportMetric(float64(counts[s]), string(s)+"/op")
	}
}

// BenchmarkIndexBaseline is the floor to compare BenchmarkLocate1000 with:
// one strings.Index of each quote in the same edited text.
func BenchmarkIndexBaseline(b *testing.B) {
	c := newCorpus(1<<20, 1000)
	found := 0
	for b.Loop() {
		found = 0
		for _, a := range c.anns {
			if strings.Index(c.new, a.sel.Exact) >= 0 {
				found++
			}
		}
	}
	b.ReportMetric(float64(found), "found/op")
}

// BenchmarkNewText measures indexing alone, for the same text.
func BenchmarkNewText(b *testing.B) {
	c := newCorpus(1<<20, 1000)
	for b.Loop() {
		NewText(c.new).index()
	}
}
