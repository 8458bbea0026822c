package anchor

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// corpusWords is the vocabulary of the generated articles; some words are
// non-ASCII, as in real copy.
var corpusWords = strings.Fields(`minister officials said talks would resume Geneva after both sides
agreed framework humanitarian access besieged cities including Aleppo Homs rebels remained divided
whether attend government shelling convoys food medicine blocked checkpoints weeks Kerry Lavrov’s
“localized” cease-fire transition power Damascus Iran sidelines negotiations sticking point opposition
faction diplomats reported Monday Tuesday Paris conference press agency foreign counterpart
possibility encourage devastated areas open aid willing President council résumé naïve café
Security United Nations envoy Brahimi coalition fighters border Turkey Lebanon Jordan refugees camps
winter supplies fuel shortages hospitals doctors wounded evacuated civilians trapped neighborhoods`)

// corpusAnnotation is an annotation made on a generated article.
type corpusAnnotation struct {
	para    int // paragraph id
	off     int // byte offset of the quote in its paragraph
	quote   string
	altered string // the quote's new wording, "" when unchanged
	sel     Selector
}

// corpus is a generated article, an edited version of it and annotations
// made on the original.
type corpus struct {
	old, new string
	anns     []corpusAnnotation
	want     []Result // expected status and span of each annotation in new
}

// sentence returns a numbered sentence of random words.
func sentence(r *rand.Rand, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "In report %d the", n)
	for range 10 + r.IntN(10) {
		b.WriteByte(' ')
		if r.IntN(25) == 0 {
			b.WriteString("\u00a0–")
		}
		b.WriteString(corpusWords[r.IntN(len(corpusWords))])
	}
	b.WriteString(". ")
	return b.String()
}

// paragraph returns a paragraph of numbered sentences.
func paragraph(r *rand.Rand, n *int) string {
	var b strings.Builder
	for range 4 + r.IntN(4) {
		b.WriteString(sentence(r, *n))
		*n++
	}
	b.WriteString("\n\n")
	return b.String()
}

// newCorpus generates an article of about size bytes with nAnn
// annotations, then edits it: it deletes about 1% of the paragraphs, inserts
// new ones, and rewords one word in about 5% of the quotes.
func newCorpus(size, nAnn int) *corpus {
	r := rand.New(rand.NewPCG(1, 2))
	n := 0
	var paras []string
	for total := 0; total < size; {
		p := paragraph(r, &n)
		paras = append(paras, p)
		total += len(p)
	}
	c := &corpus{}
	// One annotation in each of nAnn paragraphs, spread evenly.
	starts := make([]int, len(paras)+1)
	for i, p := range paras {
		starts[i+1] = starts[i] + len(p)
	}
	c.old = strings.Join(paras, "")
	ot := NewText(c.old)
	for i := range nAnn {
		pi := i * len(paras) / nAnn
		words := strings.SplitAfter(paras[pi], " ")
		w0 := r.IntN(len(words) - 20)
		w1 := w0 + 8 + r.IntN(12)
		off := len(strings.Join(words[:w0], ""))
		quote := strings.TrimSpace(strings.Join(words[w0:w1], ""))
		start := ot.CodePoint(starts[pi] + off)
		end := start + CodePointLen(quote)
		exact, prefix, suffix := ot.Context(start, end)
		c.anns = append(c.anns, corpusAnnotation{para: pi, off: off, quote: quote,
			sel: Selector{Start: start, End: end, Exact: exact, Prefix: prefix, Suffix: suffix}})
	}
	// Reword a middle word of every 20th quote.
	for i := range c.anns {
		a := &c.anns[i]
		if i%20 != 7 {
			continue
		}
		qw := strings.Split(a.quote, " ")
		j := 1 + r.IntN(len(qw)-2)
		qw[j] = "Xenophon" + strings.Repeat("s", r.IntN(2))
		a.altered = strings.Join(qw, " ")
		p := paras[a.para]
		paras[a.para] = p[:a.off] + a.altered + p[a.off+len(a.quote):]
	}
	// Delete every 100th paragraph and insert a new one after every 50th.
	deleted := make(map[int]bool)
	var out []string
	newStart := make(map[int]int) // paragraph id -> byte offset in new
	total := 0
	for i, p := range paras {
		if i%100 == 50 {
			deleted[i] = true
			continue
		}
		newStart[i] = total
		out = append(out, p)
		total += len(p)
		if i%50 == 0 {
			q := paragraph(r, &n)
			out = append(out, q)
			total += len(q)
		}
	}
	c.new = strings.Join(out, "")
	nt := NewText(c.new)
	for _, a := range c.anns {
		switch {
		case deleted[a.para]:
			c.want = append(c.want, Result{Status: Orphaned})
		case a.altered != "":
			s := nt.CodePoint(newStart[a.para] + a.off)
			c.want = append(c.want, Result{Start: s, End: s + CodePointLen(a.altered), Status: Changed})
		default:
			s := nt.CodePoint(newStart[a.para] + a.off)
			c.want = append(c.want, Result{Start: s, End: s + CodePointLen(a.quote), Status: Moved})
		}
	}
	return c
}

// TestEditedCorpus anchors the benchmark's 1,000 annotations and checks
// each one: deleted quotes are orphaned, reworded quotes found as changed at
// their place, all others found exactly. A wrong place is never acceptable;
// an orphan instead of a match is tolerated for at most 1%.
func TestEditedCorpus(t *testing.T) {
	c := newCorpus(1<<20, 1000)
	nt := NewText(c.new)
	wrong, missed := 0, 0
	for i, a := range c.anns {
		got, want := nt.Locate(a.sel), c.want[i]
		switch {
		case got.Status == Orphaned && want.Status != Orphaned:
			missed++
		case got.Status != want.Status && !(want.Status == Moved && got.Status == Anchored),
			got.Status != Orphaned && (got.Start != want.Start || got.End != want.End):
			wrong++
			t.Errorf("annotation %d %q: got %+v, want %+v", i, a.quote, got, want)
		}
	}
	if missed > len(c.anns)/100 {
		t.Errorf("%d of %d findable annotations orphaned", missed, len(c.anns))
	}
	t.Logf("%d annotations, %d wrong, %d missed", len(c.anns), wrong, missed)
}
