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
	{"descriptions", func(n int) string { return strings.Repeat("“We will,” the official said. ", n/2) }},
	{"title-case-lines", func(n int) string { return strings.Repeat("Talks Resume As Dam Stalls\n", n/3) }},
	{"pronouns-among-names", func(n int) string { return strings.Repeat("“No,” he said. John Kerry Sergei Lavrov ", n/4) }},
	{"bodies-by-description", func(n int) string { return strings.Repeat("“X,” the company said. Acme Corp. ", n/4) }},
	{"one-paragraph", func(n int) string {
		return strings.Repeat(`Kerry said the talks were "constructive," and Lavrov said: "We agree." `, n/6)
	}},
}

// suggestTimes returns the fastest of three runs of Suggest on each text, the
// runs interleaved so that a busy moment of the machine slows both alike.
func suggestTimes(small, large string) (ts, tl time.Duration) {
	ts, tl = time.Duration(1<<63-1), time.Duration(1<<63-1)
	run := func(doc annotation.Document) time.Duration {
		start := time.Now()
		Suggest(doc, Options{Now: testNow})
		return time.Since(start)
	}
	ds, dl := annotation.NewDocument("p", small, ""), annotation.NewDocument("p", large, "")
	for range 3 {
		ts = min(ts, run(ds))
		tl = min(tl, run(dl))
	}
	return ts, tl
}

// TestLinearTime is the guard against quadratic steps: on each pathological
// input, the time per byte at 64 times the size stays within 8 times the time
// per byte at the small size. A quadratic step makes it about 64 times; the
// margin is for a shared machine's noise.
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("times inputs of a few MB")
	}
	for _, p := range pathological {
		small, large := p.text(5000), p.text(320000)
		ts, tl := suggestTimes(small, large)
		perSmall := float64(ts) / float64(len(small))
		perLarge := float64(tl) / float64(len(large))
		t.Logf("%-16s %7d B in %8v, %8d B in %8v: %.2f× the time per byte", p.name, len(small), ts, len(large), tl, perLarge/perSmall)
		if perLarge > 8*perSmall {
			t.Errorf("%s: %.1f× the time per byte at 64× the size (%v for %d bytes, %v for %d): a step is worse than linear",
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
