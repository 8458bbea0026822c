package suggest

import (
	"strings"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/annotation"
)

// pathological are inputs that once made the engine slower than linear, each
// a function of a repeat count: text with no sentence breaks, only quotation
// marks, only capitalised names, and news text with no paragraph breaks.
var pathological = []struct {
	name string
	text func(n int) string
}{
	{"no-punctuation", func(n int) string { return strings.Repeat("Kerry said ", n) }},
	{"only-marks", func(n int) string { return strings.Repeat(`" `, n) }},
	{"only-curly-marks", func(n int) string { return strings.Repeat("“ ” ", n) }},
	{"quotes-no-stop", func(n int) string { return strings.Repeat("“we will” he said and ", n) }},
	{"only-names", func(n int) string { return strings.Repeat("John Kerry Sergei Lavrov ", n) }},
	{"one-paragraph", func(n int) string {
		return strings.Repeat(`Kerry said the talks were "constructive," and Lavrov said: "We agree." `, n/6)
	}},
}

// suggestTime returns the fastest of three runs of Suggest on text.
func suggestTime(text string) time.Duration {
	doc := annotation.NewDocument("p", text, "")
	best := time.Duration(1<<63 - 1)
	for range 3 {
		start := time.Now()
		Suggest(doc, Options{Now: testNow})
		best = min(best, time.Since(start))
	}
	return best
}

// TestLinearTime is the guard against quadratic steps: on each pathological
// input, the time per byte at 16 times the size stays within 3 times the time
// per byte at the small size (a quadratic step makes it 16 times).
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("times inputs of a few hundred KB")
	}
	for _, p := range pathological {
		small, large := p.text(10000), p.text(160000)
		ts, tl := suggestTime(small), suggestTime(large)
		perSmall := float64(ts) / float64(len(small))
		perLarge := float64(tl) / float64(len(large))
		t.Logf("%-16s %7d B in %8v, %8d B in %8v: %.2f× the time per byte", p.name, len(small), ts, len(large), tl, perLarge/perSmall)
		if perLarge > 3*perSmall {
			t.Errorf("%s: %.1f× the time per byte at 16× the size (%v for %d bytes, %v for %d): a step is worse than linear",
				p.name, perLarge/perSmall, ts, len(small), tl, len(large))
		}
	}
}

// BenchmarkSuggestPathological runs the pathological inputs at about 1 MB.
func BenchmarkSuggestPathological(b *testing.B) {
	for _, p := range pathological {
		text := p.text(1)
		text = p.text((1 << 20) / max(len(text), 1))
		b.Run(p.name, func(b *testing.B) { benchSuggestAny(b, text) })
	}
}

func benchSuggestAny(b *testing.B, text string) {
	doc := annotation.NewDocument("bench", text, "")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Suggest(doc, Options{Now: testNow})
	}
}
