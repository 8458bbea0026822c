package anchor

import (
	"sort"
	"strings"
)

// Selector is what an annotation remembers of its place in the text it was
// made on: its code-point span, the quoted text and the context around it,
// as produced by [Text.Context].
type Selector struct {
	Start, End int    // code points, end exclusive
	Exact      string // the quoted text
	Prefix     string // up to ContextLen code points before
	Suffix     string // up to ContextLen code points after
}

// Status says how an annotation was anchored in the current text.
type Status string

// The outcomes of [Text.Locate].
const (
	Anchored Status = "anchored" // same place, same text
	Moved    Status = "moved"    // same text, new place
	Changed  Status = "changed"  // approximate match: wording differs (a misquote risk for a quote)
	Orphaned Status = "orphaned" // not found, or ambiguous/weak match: never guessed
)

// Result is where [Text.Locate] anchored a selector.
type Result struct {
	Start, End int     // code points in the new text (0,0 when orphaned)
	Status     Status  // how the selector was anchored
	Score      float64 // 0..1, 1 = certain
}

// Scoring weights, as in the Hypothesis client: the quote counts most, then
// the context on either side, then nearness to the old position.
const (
	weightQuote  = 50
	weightPrefix = 20
	weightSuffix = 20
	weightPos    = 2
	weightTotal  = weightQuote + weightPrefix + weightSuffix + weightPos
)

// Thresholds of the decisions of Locate.
const (
	// contextMargin is how much better (as the mean of prefix and suffix
	// similarity) one exact occurrence's context must be than the next
	// one's to be chosen: about two code points of context.
	contextMargin = 0.06
	// maxExactScored bounds how many exact occurrences get a full context
	// comparison; the rest are ranked by a cheap common-affix measure.
	maxExactScored = 64
	// minFuzzyLen and minFuzzyWords: shorter quotes never fuzzy-match.
	minFuzzyLen   = 12
	minFuzzyWords = 3
	// maxFuzzyLen bounds the quadratic work of approximate matching.
	maxFuzzyLen = 4096
	// maxErrors caps the edit distance of an approximate match; it is
	// also at most a quarter of the quote's length.
	maxErrors = 32
	// minChangedScore is the lowest total score of an approximate match.
	minChangedScore = 0.75
	// minContextSupport: an approximate match needs the prefix or the
	// suffix to be at least this similar, so that a look-alike sentence
	// elsewhere is not taken for an edited quote.
	minContextSupport = 0.6
	// ambiguityMargin: an approximate match whose total score is within
	// this of a rival at another place is ambiguous.
	ambiguityMargin = 0.02
	// snapReach is how far (code points) an end of an approximate match
	// may be moved to reach a word boundary.
	snapReach = 3
)

// query is a selector prepared for matching.
type query struct {
	sel            Selector
	q              []rune
	prefix, suffix []rune // at most ContextLen code points each
	// prefixStr and suffixStr are prefix and suffix as bytes.
	prefixStr, suffixStr string
	startB, endB         bool // the quote starts/ends at a word boundary
}

func newQuery(sel Selector) *query {
	n := CodePointLen(sel.Prefix)
	q := &query{
		sel:       sel,
		q:         []rune(sel.Exact),
		prefixStr: Slice(sel.Prefix, n-ContextLen, n),
		suffixStr: Slice(sel.Suffix, 0, ContextLen),
	}
	q.prefix, q.suffix = []rune(q.prefixStr), []rune(q.suffixStr)
	q.startB = len(q.prefix) == 0 || !IsWord(q.prefix[len(q.prefix)-1]) || !IsWord(q.q[0])
	q.endB = len(q.suffix) == 0 || !IsWord(q.q[len(q.q)-1]) || !IsWord(q.suffix[0])
	return q
}

// candidate is a possible place of a quote with its similarity measures.
type candidate struct {
	start, end             int
	qsim, psim, ssim, near float64
}

func (c candidate) context() float64 { return (c.psim + c.ssim) / 2 }

func (c candidate) total() float64 {
	return (weightQuote*c.qsim + weightPrefix*c.psim + weightSuffix*c.ssim + weightPos*c.near) / weightTotal
}

func (c candidate) overlaps(d candidate) bool { return c.start < d.end && d.start < c.end }

// Locate finds where the annotation described by sel belongs in t:
//
//  1. if the text at [sel.Start, sel.End) is still sel.Exact: Anchored;
//  2. else the exact occurrences of the quote (never inside another word):
//     a single one, or one whose context is clearly the best: Moved;
//     several that context cannot tell apart: Orphaned;
//  3. else an approximate match with at most min(32, len/4) edits, never
//     for a quote shorter than 12 code points or 3 words, never inside
//     another word, and only where the prefix or suffix still matches:
//     Changed. A weak or ambiguous match is Orphaned.
//
// An empty quote or a span with Start < 0 or End < Start is Orphaned.
func (t *Text) Locate(sel Selector) Result {
	if sel.Exact == "" || sel.Start < 0 || sel.End < sel.Start {
		return Result{Status: Orphaned}
	}
	if t.Slice(sel.Start, sel.End) == sel.Exact {
		return Result{Start: sel.Start, End: sel.End, Status: Anchored, Score: 1}
	}
	q := newQuery(sel)
	if occ := t.occurrences(sel.Exact, q.startB, q.endB); len(occ) > 0 {
		return t.pickExact(q, occ)
	}
	if c, ok := t.fuzzy(q); ok {
		return Result{Start: c.start, End: c.end, Status: Changed, Score: c.total()}
	}
	return Result{Status: Orphaned}
}

// pickExact chooses among the exact occurrences (byte offsets) of the quote.
func (t *Text) pickExact(q *query, occ []int) Result {
	if len(occ) > maxExactScored {
		occ = t.rankCheaply(q, occ)[:maxExactScored]
	}
	cands := make([]candidate, 0, len(occ))
	for _, p := range occ {
		start := t.CodePoint(p)
		c := candidate{start: start, end: start + len(q.q), qsim: 1}
		t.measureContext(q, &c)
		cands = append(cands, c)
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if ci, cj := cands[i].context(), cands[j].context(); ci != cj {
			return ci > cj
		}
		return cands[i].near > cands[j].near
	})
	best := cands[0]
	if len(cands) > 1 {
		second := cands[1]
		fullWins := best.context() == 1 && second.context() < 1
		if !fullWins && best.context()-second.context() < contextMargin {
			return Result{Status: Orphaned}
		}
	}
	// A lone exact occurrence that its context does not support may be a
	// chance repeat of a quote that was edited in place.
	if len(cands) == 1 && max(best.psim, best.ssim) < minContextSupport {
		if c, ok := t.fuzzy(q); ok && c.total() > best.total() {
			return Result{Start: c.start, End: c.end, Status: Changed, Score: c.total()}
		}
	}
	return Result{Start: best.start, End: best.end, Status: Moved, Score: best.total()}
}

// rankCheaply orders occurrences by how many bytes of prefix and suffix
// they share with the text around them, best first.
func (t *Text) rankCheaply(q *query, occ []int) []int {
	n := len(q.sel.Exact)
	shared := make(map[int]int, len(occ))
	for _, p := range occ {
		shared[p] = commonSuffix(q.sel.Prefix, t.s[:p]) + commonPrefix(q.sel.Suffix, t.s[p+n:])
	}
	sort.SliceStable(occ, func(i, j int) bool { return shared[occ[i]] > shared[occ[j]] })
	return occ
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func commonSuffix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

// measureContext fills in the context and position similarities of c.
func (t *Text) measureContext(q *query, c *candidate) {
	c.psim = similarity(q.prefix, t.runes(c.start-ContextLen, c.start))
	c.ssim = similarity(q.suffix, t.runes(c.end, c.end+ContextLen))
	c.near = 1 - float64(abs(c.start-q.sel.Start))/float64(max(t.n, 1))
	c.near = max(c.near, 0)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// wordCount counts the runs of word runes in r.
func wordCount(r []rune) int {
	n, in := 0, false
	for _, c := range r {
		w := IsWord(c)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// fuzzy finds the best acceptable approximate match of the quote, searching
// around the old position and around places where words of the quote occur.
func (t *Text) fuzzy(q *query) (candidate, bool) {
	m := len(q.q)
	if m < minFuzzyLen || m > maxFuzzyLen || wordCount(q.q) < minFuzzyWords {
		return candidate{}, false
	}
	k := min(maxErrors, m/4)
	windows := append([][2]int{{q.sel.Start - k, q.sel.Start + m + k}}, t.voteWindows(q, k)...)
	var cands []candidate
	seen := make(map[[2]int]bool)
	for _, w := range windows {
		lo, hi := clamp(w[0], t.n), clamp(w[1], t.n)
		if hi-lo < m-k {
			continue
		}
		for _, mt := range approxSearch(q.q, t.runes(lo, hi), k) {
			c, ok := t.refine(q, lo+mt.start, lo+mt.end, mt.err, k)
			if !ok || seen[[2]int{c.start, c.end}] {
				continue
			}
			seen[[2]int{c.start, c.end}] = true
			cands = append(cands, c)
		}
	}
	if len(cands) == 0 {
		return candidate{}, false
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].total() > cands[j].total() })
	best := cands[0]
	if best.total() < minChangedScore || max(best.psim, best.ssim) < minContextSupport {
		return candidate{}, false
	}
	for _, c := range cands[1:] {
		if !c.overlaps(best) {
			if c.total() > best.total()-ambiguityMargin {
				return candidate{}, false
			}
			break
		}
	}
	return best, true
}

// refine turns an approximate match [start, end) with err edits into the
// best-scoring candidate near it. Besides the match itself it tries the
// places within k code points where the prefix's tail ends and the suffix's
// head begins (an edit at the quote's edge can shift the match), and it
// moves an end by up to snapReach code points to reach a word boundary where
// the quote has one. It fails when no variant stays within k edits.
func (t *Text) refine(q *query, start, end, err, k int) (candidate, bool) {
	m := float64(len(q.q))
	var best candidate
	found := false
	for _, s0 := range t.contextEdges(q.prefixStr, false, start, k) {
		for _, e0 := range t.contextEdges(q.suffixStr, true, end, k) {
			for _, s := range t.snap(q.startB, s0) {
				for _, e := range t.snap(q.endB, e0) {
					if e <= s {
						continue
					}
					d := err
					if s != start || e != end {
						d = levenshtein(q.q, t.runes(s, e))
					}
					if d > k {
						continue
					}
					c := candidate{start: s, end: e, qsim: 1 - float64(d)/m}
					t.measureContext(q, &c)
					if !found || c.total() > best.total() {
						best, found = c, true
					}
				}
			}
		}
	}
	return best, found
}

// contextEdges returns at, followed by the code-point offsets within k of at
// where the last (or, for a suffix, first) few code points of ctx are found
// next to them.
func (t *Text) contextEdges(ctx string, suffix bool, at, k int) []int {
	out := []int{at}
	n := CodePointLen(ctx)
	edge := Slice(ctx, n-8, n)
	if suffix {
		edge = Slice(ctx, 0, 8)
	}
	if edge == "" {
		return out
	}
	lo, hi := t.Byte(at-k), t.Byte(at+k)
	if suffix {
		hi = min(hi+len(edge), len(t.s))
	} else {
		lo = max(lo-len(edge), 0)
	}
	for from := lo; len(out) < 4; {
		i := strings.Index(t.s[from:hi], edge)
		if i < 0 {
			break
		}
		p := from + i
		if suffix {
			out = append(out, t.CodePoint(p))
		} else {
			out = append(out, t.CodePoint(p+len(edge)))
		}
		from = p + 1
	}
	return out
}

// snap returns c if it is a word boundary or need not be one, else the
// nearest word boundaries on either side within snapReach.
func (t *Text) snap(need bool, c int) []int {
	if !need || t.boundaryAt(t.Byte(c)) {
		return []int{c}
	}
	return t.nearBoundaries(c)
}

// nearBoundaries returns the nearest word boundaries left and right of
// code point c, within snapReach.
func (t *Text) nearBoundaries(c int) []int {
	var out []int
	for d := 1; d <= snapReach; d++ {
		if c-d >= 0 && t.boundaryAt(t.Byte(c-d)) {
			out = append(out, c-d)
			break
		}
	}
	for d := 1; d <= snapReach; d++ {
		if c+d <= t.n && t.boundaryAt(t.Byte(c+d)) {
			out = append(out, c+d)
			break
		}
	}
	return out
}

// Bounds of the search for places where words of the quote occur.
const (
	pieceLen     = 16   // bytes of a piece of the quote or its context
	maxPieces    = 16   // pieces looked up for one selector
	maxChainWalk = 4096 // longest index chain walked for a piece
	maxPieceHits = 64   // a piece found more often says nothing and is skipped
	maxVoteAreas = 8    // areas searched approximately
)

// voteWindows returns code-point windows of t worth searching approximately
// for the quote: places where pieces of the prefix, quote and suffix (each
// starting at a word boundary) occur at the offsets they have around the
// quote.
func (t *Text) voteWindows(q *query, k int) [][2]int {
	idx := t.index()
	if idx == nil {
		return nil
	}
	ext := q.prefixStr + q.sel.Exact + q.suffixStr
	qStart := len(q.prefixStr) // byte offset of the quote in ext
	var pieces []int           // byte offsets in ext
	var prev rune
	for bo, r := range ext {
		atBoundary := bo == qStart && q.startB || bo > 0 && (!IsWord(prev) || !IsWord(r))
		if atBoundary && (bo == qStart || IsWord(r)) && bo+keyLen <= len(ext) {
			pieces = append(pieces, bo)
		}
		prev = r
	}
	// The rarest pieces first: they are quick to look up and telling.
	sort.SliceStable(pieces, func(i, j int) bool {
		return idx.chainLen(ext[pieces[i]:]) < idx.chainLen(ext[pieces[j]:])
	})
	var starts []int // byte offsets where the quote would start
	usable := 0
	for _, bo := range pieces {
		if usable == maxPieces || idx.chainLen(ext[bo:]) > maxChainWalk {
			break
		}
		piece := ext[bo:min(bo+pieceLen, len(ext))]
		var hits []int
		idx.lookup(t.s, piece, func(p int) bool {
			if strings.HasPrefix(t.s[p:], piece) {
				hits = append(hits, p-bo+qStart)
			}
			return len(hits) <= maxPieceHits
		})
		if len(hits) <= maxPieceHits {
			starts = append(starts, hits...)
			usable++
		}
	}
	sort.Ints(starts)
	type area struct{ lo, hi, votes int }
	var areas []area
	tol := 4 * (k + 1) // bytes: k edits of up to 4 bytes each
	for _, s := range starts {
		if n := len(areas); n > 0 && s-areas[n-1].lo <= tol {
			areas[n-1].hi = s
			areas[n-1].votes++
			continue
		}
		areas = append(areas, area{s, s, 1})
	}
	minVotes := max(1, (usable+2)/3)
	sort.SliceStable(areas, func(i, j int) bool { return areas[i].votes > areas[j].votes })
	var out [][2]int
	for _, a := range areas {
		if a.votes < minVotes || len(out) == maxVoteAreas {
			break
		}
		lo, hi := t.CodePoint(max(a.lo, 0)), t.CodePoint(max(a.hi, 0))
		out = append(out, [2]int{lo - k, hi + len(q.q) + k})
	}
	return out
}
