package suggest

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// analyzer finds the quotations, speakers and photo credits of one text, in byte
// offsets; Suggest turns them into annotations.
type analyzer struct {
	text       string
	toks       []token
	paras      []paragraph
	quotes     []quote
	mentions   []mention
	byTokens   map[[2]int]int
	surnames   map[string][]fullName // full personal names by lower-case surname
	firstNames map[string][]fullName // and by lower-case first name
	entities   [][2]int              // every run of capitalised words, as tokens [t0, t1), in text order
	described  []mention             // what describe says of each entity, once asked (t1 == 0 until then)
	used       []bool                // by token: speech verbs already attributed to a quotation
	verbs      []int32               // the tokens that may report speech: speech verbs and "according"
	marks      []int32               // the tokens that may be quotation marks
	buf        *buffers
	credits    []credit
	spoke      []uint8 // by mention: the speaker of a quotation (spokeAfter: named after it)
}

// Confidences of the engine's findings, by how they were found.
const (
	confAfter         = 0.95 // "…," Kerry said
	confPronoun       = 0.9  // "…," he said
	confResolved      = 0.7  // a pronoun's antecedent with a rival as likely (more as its lead grows)
	confIntro         = 0.92 // Kerry said: "…"
	confActor         = 0.8  // "…," she read; "…," Adeyemi grinned
	confInSentence    = 0.85 // Lavrov said the talks were "constructive"
	confContinuation  = 0.85 // "…," said Wazne. "…"
	confCarried       = 0.65 // a quoted paragraph after one with a speaker
	confNextParagraph = 0.7  // a quoted paragraph after a sentence about its speaker
	confUnattributed  = 0.6  // a full quotation with no speaker found
	confScare         = 0.35 // a few quoted words with no speaker
	confSource        = 0.9  // a speaker of a quotation
	confIndirect      = 0.7  // a named speaker of reported speech
	confDescribed     = 0.55 // a described speaker of reported speech ("officials said")
)

// How a mention spoke, in analyzer.spoke.
const (
	spokeBefore = 1 + iota // the speaker of a quotation
	spokeAfter             // named right after one ("“…,” Tim Kaine told reporters")
)

// buffers are the analyzer's per-token slices, pooled so that suggesting for
// one article after another (a batch, a server, an editor pressing Suggest
// again) does not allocate and clear them each time.
type buffers struct {
	toks         []token
	used         []bool
	verbs, marks []int32
}

var bufferPool = sync.Pool{New: func() any { return new(buffers) }}

// analyze analyzes text, whose photo captions are the byte spans captions (in
// text order); call release when done with the analyzer.
func analyze(text string, captions [][2]int) *analyzer {
	a := &analyzer{text: text, byTokens: map[[2]int]int{}, surnames: map[string][]fullName{}, firstNames: map[string][]fullName{}}
	a.buf = bufferPool.Get().(*buffers)
	a.toks, a.verbs, a.marks = a.buf.toks[:0], a.buf.verbs[:0], a.buf.marks[:0]
	if want := len(text)/5 + 16; cap(a.toks) < want { // news text has about one token in 5.5 bytes
		a.toks = make([]token, 0, want)
	}
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if strings.TrimSpace(text[start:end]) != "" {
			t0 := len(a.toks)
			a.toks, a.verbs, a.marks = tokenize(a.toks, a.verbs, a.marks, text, start, end)
			a.paras = append(a.paras, paragraph{start: start, end: end, t0: t0, t1: len(a.toks)})
		}
		start = end + 1
	}
	a.used = a.buf.used[:0]
	if cap(a.used) < len(a.toks) {
		a.used = make([]bool, len(a.toks))
	} else {
		a.used = a.used[:len(a.toks)]
		clear(a.used)
	}
	a.quotes = scanQuotes(text, a.paras, a.toks, a.marks)
	a.markQuoteTokens()
	for i := range a.quotes {
		q := &a.quotes[i]
		q.words = wordCount(a.text[q.start:q.end])
		q.drop = q.words == 0 || a.isTitle(q, a.text[q.start:q.end])
	}
	a.credits = findCredits(text, a.paras, captions)
	a.registerNames()
	for i := range a.quotes {
		a.attribute(i)
	}
	a.reportedSpeech()
	a.resolveAndScore()
	return a
}

// release gives the analyzer's buffers back to the pool; it must not be used after.
func (a *analyzer) release() {
	a.buf.toks, a.buf.used, a.buf.verbs, a.buf.marks = a.toks[:0], a.used[:0], a.verbs[:0], a.marks[:0]
	bufferPool.Put(a.buf)
	*a = analyzer{}
}

// markQuoteTokens notes on each token the quotation it is inside, and on each
// quotation its tokens.
func (a *analyzer) markQuoteTokens() {
	k := 0
	for qi := range a.quotes {
		q := &a.quotes[qi]
		for k < len(a.toks) && int(a.toks[k].start) < q.open {
			k++
		}
		q.t0 = k
		for k < len(a.toks) && int(a.toks[k].start) < q.after {
			a.toks[k].quote = int32(qi)
			k++
		}
		q.t1 = k
	}
}

// maxSentence is the most tokens a sentence is taken to have: news sentences
// are far shorter, and text with no full stops (a transcript, a caption dump)
// must not make every look-back walk to the start of its paragraph.
const maxSentence = 150

// sentenceStart returns the first token of the sentence holding toks[k], looking
// no further back than lo, nor than maxSentence tokens. A quotation is one piece
// of its sentence, ending it when its words end a sentence.
func (a *analyzer) sentenceStart(k, lo int) int {
	lo = max(lo, k-maxSentence)
	for j := k - 1; j >= lo; j-- {
		t := a.toks[j]
		if t.quote >= 0 && int(t.quote) != int(a.toks[k].quote) {
			q := a.quotes[t.quote]
			if endsWithStop(a.text[q.start:q.end]) {
				return j + 1
			}
			j = q.t0
			continue
		}
		if a.endsSentence(t) {
			return j + 1
		}
	}
	return lo
}

// startsLower reports whether s begins with a lower-case letter.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func endsWithStop(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == '…'
}

// attribute finds the speaker of quotation qi and how sure it is of both.
func (a *analyzer) attribute(qi int) {
	q := &a.quotes[qi]
	content := a.text[q.start:q.end]
	words := q.words
	first := a.paras[q.para]
	last := a.paras[q.lastPara]
	if q.drop {
		return
	}
	last1, _ := utf8.DecodeLastRuneInString(content)
	clauseEnds := strings.ContainsRune(",?!…—–-", last1)
	i := q.t1
	if i < last.t1 && a.isAt(i, ",") {
		clauseEnds = true
		i++
	}
	// “We will win.” Reyes said. — a stop inside the marks, then a sentence
	// that is only its speaker and a speech verb.
	if !clauseEnds && endsWithStop(content) && i < last.t1 {
		end := i
		for end < last.t1 && end-i < 6 && !a.endsSentence(a.toks[end]) && a.toks[end].quote < 0 {
			end++
		}
		if end < last.t1 && a.endsSentence(a.toks[end]) && end-i <= 5 {
			if n := a.afterQuote(i, end); n.ok() {
				a.setSpeaker(q, n, confAfter-0.05, "named in the sentence after the quote")
				q.attributedAfter = true
				return
			}
		}
	}
	// "…," Kerry said / "…," said Kerry / "…," he said.
	if clauseEnds {
		if n := a.afterQuote(i, last.t1); n.ok() {
			a.setSpeaker(q, n, confAfter, "named right after the quote")
			q.attributedAfter = true
			return
		}
		// "…," she read. / "…," Adeyemi grinned. — another verb than a
		// reporting one.
		if n := a.actorAfter(i, last.t1); n.ok() {
			a.setSpeaker(q, n, confActor, "named right after the quote, with another verb")
			q.attributedAfter = true
			return
		}
	}
	// Kerry said: "…" / He added, "…" / a colon closing the paragraph before.
	j, lo := q.t0-1, first.t0
	if q.t0 == first.t0 && q.para > 0 {
		prev := a.paras[q.para-1]
		j, lo = prev.t1-1, prev.t0
	}
	if j >= lo && (a.isAt(j, ":") || a.isAt(j, ",")) {
		if n := a.introBefore(j, lo); n.ok() {
			a.setSpeaker(q, n, confIntro, "introduces the quote")
			return
		}
	}
	// Lavrov said the talks had been "constructive".
	if q.t0 > first.t0 {
		lo := first.t0
		if a.isAt(q.t0-1, ":") {
			// After a colon, only the clause before it: "The recording, which the
			// committee said it could not trace, begins: “…”" names no speaker.
			for k := q.t0 - 2; k > lo && a.toks[k].quote < 0 && !a.endsSentence(a.toks[k]); k-- {
				if a.isAt(k, ",") {
					lo = k + 1
					break
				}
			}
		}
		if n := a.inSentence(q.t0, lo); n.ok() {
			a.setSpeaker(q, n, confInSentence, "the subject of the quote's sentence")
			return
		}
	}
	// "… “the top issue by far” for likely voters, according to a survey":
	// "according to" later in the quotation's sentence.
	end := q.t1
	for end < last.t1 && !a.endsSentence(a.toks[end]) && a.toks[end].quote < 0 && end-q.t1 < 25 {
		end++
	}
	if n := a.accordingTo(q.t1, end, end); n.ok() {
		a.setSpeaker(q, n, confInSentence, "“according to” after the quote")
		return
	}
	// A paragraph that opens with the quotation, after one that ends with a
	// sentence about someone and no quotation: "Asked why, she shrugs." ¶ "…".
	if q.t0 == first.t0 && q.para > 0 && !a.hasSpeechVerb(first) {
		prev := a.paras[q.para-1]
		if end := prev.t1 - 1; end > prev.t0 && a.toks[end].quote < 0 {
			start := a.sentenceStart(end, prev.t0)
			hasQuote := false
			for _, t := range a.toks[start:prev.t1] {
				hasQuote = hasQuote || t.quote >= 0
			}
			if !hasQuote {
				if n := a.sentenceSubject(start, end); n.ok() {
					a.setSpeaker(q, n, confNextParagraph, "the subject of the paragraph before")
					return
				}
			}
		}
	}
	// "Asked what she planned to do with her medal, Adeyemi grinned. ‘Give it
	// to my nan.’" — a quotation that is a sentence of its own and closes its
	// paragraph, after a sentence about someone with no quotation.
	if p := q.t0 - 1; q.t0 > first.t0 && q.t1 >= last.t1-1 && a.endsSentence(a.toks[p]) && a.toks[p].quote < 0 {
		start := a.sentenceStart(p, first.t0)
		if s := a.toks[start]; s.quote < 0 && (start == first.t0 || a.toks[start-1].quote < 0) {
			if n := a.sentenceSubject(start, p); n.ok() {
				a.setSpeaker(q, n, confNextParagraph, "the subject of the sentence before")
				return
			}
		}
	}
	q.conf = confUnattributed
	if words <= 4 && !endsWithStop(content) {
		q.conf = confScare
	}
}

// isTitle reports whether a quoted phrase is the title or name of something
// (the book "The Art of the Deal", a group called "Friends of Syria",
// Dwayne "The Rock" Johnson) rather than a quotation.
func (a *analyzer) isTitle(q *quote, content string) bool {
	tc := titleCase(content) && q.words <= 12
	// The words before the marks in their paragraph: a headline's last word
	// ("… bridge headline") names nothing in the paragraph after it.
	from := max(a.paras[a.paraOf(q.t0)].t0, q.t0-3)
	for k := q.t0 - 1; k >= from; k-- {
		t := a.toks[k]
		if !t.word || t.quote >= 0 {
			break
		}
		if t.cls&workNoun != 0 && !endsWithStop(content) && q.words <= 12 && !startsLower(content) || tc && t.cls&naming != 0 {
			return true // the book "The Art of the Deal", not the bill "the moment it reaches his desk"
		}
	}
	if tc && (q.words >= 2 || q.t1 < len(a.toks) && isName(a.toks[q.t1])) {
		return true
	}
	// A programme's or a work's name with the sentence's stop inside the
	// marks, after "on" or "in": told Jake Tapper on “State of the Union.”
	if trimmed := strings.TrimRight(content, ".,"); trimmed != content && q.words <= 6 && titleCase(trimmed) && q.t0 > 0 {
		if p := a.toks[q.t0-1]; a.is(p, "on") || a.is(p, "in") {
			return true
		}
	}
	return false
}

// afterQuote finds the speaker right after a quotation, from toks[i].
func (a *analyzer) afterQuote(i, hi int) np {
	if i >= hi {
		return np{}
	}
	if a.speechVerb(i, false) {
		if strings.HasSuffix(a.low(a.toks[i]), "ing") {
			return np{} // "…", saying the office had warned: the sentence's subject speaks
		}
		if k, e, ok := a.phraseAt(i+1, hi); ok {
			a.used[i] = true
			if n0, n1, ok := a.appositiveName(e, hi); ok && !a.hasName(k, e) {
				k, e = n0, n1 // "said the campaign’s communications director, Jenna Holt"
			}
			return a.speakerAt(k, e, confSource)
		}
		if i+1 < hi && (a.isAt(i+1, "he") || a.isAt(i+1, "she")) {
			a.used[i] = true
			return np{pronoun: a.low(a.toks[i+1]), at: i + 1}
		}
		return np{}
	}
	// "…," according to the survey.
	if n := a.accordingTo(i, min(hi, i+3), hi); n.ok() {
		return n
	}
	// Sen. Tom Reyes (R-Iowa) said: a parenthesis between the name and the verb.
	for v := i + 1; v < hi && v <= i+8; v++ {
		if a.isAt(v, "(") {
			c := v
			for c < hi && c <= v+6 && !a.isAt(c, ")") {
				c++
			}
			if c < hi-1 && a.isAt(c, ")") && a.speechVerb(c+1, false) && a.describes(i, v) && a.hasName(i, v) {
				a.used[c+1] = true
				k := i
				for k < v && !isName(a.toks[k]) {
					k++
				}
				return a.speakerAt(k, v, confSource)
			}
			break
		}
	}
	for v := i + 1; v < hi && v <= i+24; v++ {
		t := a.toks[v]
		if t.quote >= 0 || a.endsSentence(t) {
			break
		}
		if a.speechVerb(v, false) {
			n := a.subjectBefore(v, i, confSource)
			if n.pronoun != "" && n.at == i {
				a.used[v] = true
				return n
			}
			if len(n.ms) > 0 {
				m := &a.mentions[n.ms[0]]
				if m.t0 == i {
					a.used[v] = true
					return n
				}
				if a.describes(i, m.t0) || m.t0-1 > i && a.isAt(m.t0-1, ",") && a.describes(i, m.t0-1) {
					// "…," vice presidential candidate Tom Reyes said; "…," a smiling
					// Reyes said; "…," the newspaper wrote: the words before the name
					// or role describe it.
					a.used[v] = true
					if m.t0-1 > i && a.isAt(m.t0-1, ",") {
						return n // "…," the host, Dana Whitfield, asked: the name is the speaker
					}
					return a.speakerAt(i, m.t1, confSource)
				}
			}
			break
		}
	}
	return np{}
}

// actorAfter finds the speaker of a quotation closed by a comma when a
// pronoun or a person's name and a verb the lexicon does not know as
// reporting come right after it ("…," she read. "…," Adeyemi grinned, "…,"
// she reads aloud): the verb must end the clause, so that a name that begins
// a phrase ("…," Clinton campaign officials said) does not count.
func (a *analyzer) actorAfter(i, hi int) np {
	if i >= hi || a.toks[i].quote >= 0 {
		return np{}
	}
	var n np
	v := i + 1
	if t := a.toks[i]; a.is(t, "he") || a.is(t, "she") {
		n = np{pronoun: a.low(t), at: i}
	} else {
		e := a.entityFrom(i)
		if e == len(a.entities) || a.entities[e][0] != i {
			return np{}
		}
		if c := a.entity(e); c.kind != person || c.name == "" {
			return np{}
		}
		v = a.entities[e][1]
		n = np{ms: []int{-1}}
	}
	if v >= hi {
		return np{}
	}
	t := a.toks[v]
	w := a.low(t)
	if !t.word || t.upper || t.quote >= 0 || t.cls&(notName|be|precede|role|modifier|title|partial) != 0 || a.adverb(t) ||
		!(strings.HasSuffix(w, "ed") || len(w) >= 4 && strings.HasSuffix(w, "s") || w == "read") {
		return np{}
	}
	if v+1 < hi {
		if next := a.toks[v+1]; next.word && !a.adverb(next) && !a.preposition(next) && !inList(" and aloud back again ", a.low(next)) {
			return np{}
		}
	}
	if n.pronoun == "" {
		n.ms[0] = a.newMention(i, v, confSource)
	}
	return n
}

// hasName reports whether toks[t0:t1] hold a capitalised name.
//
//go:noinline
func (a *analyzer) hasName(t0, t1 int) bool {
	for _, t := range a.toks[t0:t1] {
		if isName(t) && t.cls&title == 0 {
			return true
		}
	}
	return false
}

// describes reports whether toks[from:to] are a few words that may stand
// before a speaker's name or role: articles, adjectives, titles and roles,
// possessives ("the campaign’s"), but no verb and no punctuation.
func (a *analyzer) describes(from, to int) bool {
	if to-from > 5 || to <= from {
		return false
	}
	for _, t := range a.toks[from:to] {
		if !t.word || t.quote >= 0 || t.cls&(speech|be|partial) != 0 {
			return false
		}
		if t.cls&notName != 0 && !a.is(t, "the") && !a.is(t, "a") && !a.is(t, "an") && !a.is(t, "his") && !a.is(t, "her") && !a.is(t, "their") && !a.isCount(t) && !a.is(t, "another") {
			return false // "…," in Paris, Kerry said: not a description
		}
	}
	return true
}

// introBefore finds the speaker of a clause ending at the colon or comma
// toks[j] that introduces a quotation: "Kerry said:", "He added,", "According
// to Kerry,".
func (a *analyzer) introBefore(j, lo int) np {
	reach := 8
	if a.isAt(j, ",") {
		reach = 3
	}
	start := a.sentenceStart(j, lo)
	if n := a.accordingTo(start, j, j); n.ok() {
		return n
	}
	for v := j - 1; v >= start && v >= j-reach; v-- {
		if a.toks[v].quote >= 0 || v < j-1 && a.isAt(v, ",") {
			break // "The recording, which the committee said it could not trace, begins:"
		}
		if a.speechVerb(v, false) {
			if n := a.subjectBefore(v, start, confSource); n.ok() {
				a.used[v] = true
				return n
			}
			return np{}
		}
	}
	// "Senator Lee Park put it bluntly:", "Its president, Gary Lutz, put it
	// this way:", "Walking to his car, he offered a warning:" — a sentence
	// with no speech verb that names a person and ends in a colon before the
	// quotation.
	if a.isAt(j, ":") {
		if j-2 >= start && (a.isAt(j-2, "that") || a.isAt(j-2, "which")) {
			return np{} // "a text message … that read:": a thing speaks
		}
		return a.sentenceSubject(start, j)
	}
	return np{}
}

// sentenceSubject returns the person or body toks[start:end] is about: the
// subject of the sentence ("Senator Lee Park put it bluntly:", "Asked whether
// he expected to keep his job, Ferris shrugged."), or the owner of an answer
// ("Her answer was brief:"). A sentence about a thing ("A poster still hangs
// in the front office at Westbrook High:") names no speaker.
func (a *analyzer) sentenceSubject(start, end int) np {
	if end-start > 45 {
		return np{}
	}
	if n := a.mainSubject(start, end, confSource); n.ok() {
		if n.pronoun == "it" {
			return np{} // "It read:": a thing, not who wrote it
		}
		if n.pronoun == "" {
			m := a.mentions[n.ms[0]]
			if head := a.toks[m.t1-1]; m.kind == place || m.t1 > end || m.name == "" && (head.upper || head.cls&role == 0 || docNouns[a.low(a.toks[a.firstWord(m.t0, m.t1)])]) {
				return np{} // "a notice on the departures board read:"
			}
		}
		return n
	}
	// "Her answer was brief:", "His reply came by email:".
	k := start
	if t := a.toks[k]; a.is(t, "his") || a.is(t, "her") {
		for n := k + 1; n < end && n <= k+3 && a.toks[n].word && !a.toks[n].upper; n++ {
			if speechNouns[a.low(a.toks[n])] { // "Her final words were brief:"
				p := "he"
				if a.is(t, "her") {
					p = "she"
				}
				return np{pronoun: p, at: k}
			}
		}
	}
	return np{}
}

// speechNouns are what a person's words may be called ("Her answer was brief:").
var speechNouns = set(
	"answer reply response message verdict advice words statement explanation reaction retort warning " +
		"comment assessment",
)

// inSentence finds the speaker of a quotation inside a sentence: the subject of
// the nearest speech verb before it ("Kerry had said Iran was "welcome""), or
// the source named by "according to".
func (a *analyzer) inSentence(t0, lo int) np {
	start := a.sentenceStart(t0, lo)
	var inner np // "…said it showed the senator “slightly ahead”": it, unless someone said so
	innerAt := -1
	for v := t0 - 1; v >= start; v-- {
		if a.toks[v].quote >= 0 {
			v = a.quotes[a.toks[v].quote].t0
			continue
		}
		if !a.speechVerb(v, true) {
			continue
		}
		if a.participleAside(v) || a.coordinated(v) {
			// "Ferrell vetoed the bill, calling it “…”", "Okoye sustained the
			// objection and told Gaines to “…”": the sentence's subject speaks.
			if n := a.mainSubject(start, v, confSource); n.ok() {
				a.used[v] = true
				return n
			}
		}
		n := a.subjectBefore(v, start, confSource)
		if n.pronoun == "" && len(n.ms) == 1 && strings.HasSuffix(a.low(a.toks[v]), "ing") && docNouns[a.low(a.toks[a.mentions[n.ms[0]].t1-1])] {
			// "The committee released a statement calling …": who made it speaks.
			if m := a.mainSubject(start, v, confSource); m.ok() && (m.pronoun != "" || a.mentions[m.ms[0]].t1 <= a.mentions[n.ms[0]].t0) {
				n = m
			}
		}
		if !n.ok() {
			if v == start || a.isAt(v-1, "that") || a.isAt(v-1, "which") || a.isAt(v-1, "who") {
				continue // "a note that said": not the sentence's subject
			}
			if a.isAt(start, "according") {
				if n := a.accordingTo(start, start+1, t0); n.ok() {
					return n // "According to the trust’s poll, … one in five described it as “…”"
				}
			}
			if n = a.mainSubject(start, v, confSource); !n.ok() || n.pronoun == "" && a.mentions[n.ms[0]].t1 > v {
				continue
			}
		}
		if inner.ok() {
			if n.pronoun == "" {
				a.used[v] = true
				return n
			}
			break
		}
		if n.pronoun == "it" || n.pronoun == "they" || n.pronoun == "" && docNouns[a.low(a.toks[a.mentions[n.ms[0]].t1-1])] {
			inner, innerAt = n, v // "Grady said in a statement that the report showed “…”": Grady's words
			continue
		}
		a.used[v] = true
		return n
	}
	if inner.ok() {
		a.used[innerAt] = true
		return inner
	}
	return a.accordingTo(start, t0, t0)
}

// participleAside reports whether the speech verb toks[v] is a participle
// set off after its clause ("…, calling it", "…, saying only that").
func (a *analyzer) participleAside(v int) bool {
	return v > 0 && a.isAt(v-1, ",") && strings.HasSuffix(a.low(a.toks[v]), "ing")
}

// coordinated reports whether the speech verb toks[v] follows "and" or
// "but", sharing the subject of the verb before ("rejected the claims and
// insisted").
func (a *analyzer) coordinated(v int) bool {
	j := v - 1
	for j >= 0 && a.toks[j].word && (a.toks[j].cls&precede != 0 || a.adverb(a.toks[j])) {
		j--
	}
	return j >= 0 && (a.isAt(j, "and") || a.isAt(j, "but"))
}

// accordingTo finds "according to X" starting in toks[start:end], X ending
// before toks[hi].
func (a *analyzer) accordingTo(start, end, hi int) np {
	for k := start; k < end && k+2 < hi; k++ {
		if a.isAt(k, "according") && a.isAt(k+1, "to") && a.toks[k].quote < 0 {
			if s, e, ok := a.phraseAt(k+2, hi); ok {
				a.used[k] = true
				if n0, n1, ok := a.appositiveName(e, hi); ok && !a.hasName(s, e) {
					s, e = n0, n1 // "according to the poll’s director, Ann Sheffield,"
				}
				return a.speakerAt(s, e, confSource)
			}
		}
	}
	return np{}
}

// setSpeaker gives quotation q the speaker n at confidence conf, found as how says.
//
//go:noinline
func (a *analyzer) setSpeaker(q *quote, n np, conf float64, how string) {
	q.conf, q.how = conf, how
	if n.pronoun != "" {
		q.how = "“" + n.pronoun + "”, " + how
		q.conf = min(conf, confPronoun)
		q.pronoun = n.at // resolved once every source is known
		return
	}
	q.speaker = n.ms[0]
	if len(n.ms) > 1 {
		q.conf -= 0.1 // one of several speakers
	}
}

// reportedSpeech records the named speakers of reported speech ("Kerry told
// reporters that…"): sources that speak without a quotation.
func (a *analyzer) reportedSpeech() {
	pi := 0
	for _, v32 := range a.verbs {
		v := int(v32)
		for a.paras[pi].t1 <= v {
			pi++
		}
		p := a.paras[pi]
		if a.used[v] {
			continue
		}
		if a.isAt(v, "according") {
			if v+1 < p.t1 && a.isAt(v+1, "to") && a.toks[v].quote < 0 {
				if s, e, ok := a.phraseAt(v+2, p.t1); ok {
					a.newMention(s, e, a.reportedConf(s, e))
				}
			}
			continue
		}
		if !a.speechVerb(v, false) {
			continue
		}
		start := a.sentenceStart(v, p.t0)
		n := a.subjectBefore(v, start, 0)
		for _, mi := range n.ms {
			m := &a.mentions[mi]
			m.conf = max(m.conf, a.reportedConf(m.t0, m.t1))
		}
	}
}

// reportedConf is the confidence of a reported-speech source: higher when it is named.
func (a *analyzer) reportedConf(t0, t1 int) float64 {
	for _, t := range a.toks[t0:t1] {
		if isName(t) {
			return confIndirect
		}
	}
	return confDescribed
}

// resolveAndScore resolves pronoun and description speakers (a link no
// surer than its resolution), carries speakers over to the quotations that
// continue a speaker's words, and drops doubtful single-quoted phrases.
func (a *analyzer) resolveAndScore() {
	byStart := make([]int, len(a.mentions))
	for i := range byStart {
		byStart[i] = i
	}
	slices.SortFunc(byStart, func(x, y int) int { return cmp.Compare(a.mentions[x].t0, a.mentions[y].t0) })
	a.spoke = make([]uint8, len(a.mentions))
	for _, q := range a.quotes {
		if q.speaker >= 0 && !q.drop {
			a.spoke[q.speaker] = max(a.spoke[q.speaker], spokeBefore)
			if q.attributedAfter {
				a.spoke[q.speaker] = spokeAfter
			}
		}
	}
	for i := range a.quotes {
		q := &a.quotes[i]
		if q.pronoun >= 0 {
			var lead float64
			p := a.low(a.toks[q.pronoun])
			switch p {
			case "his":
				p = "he" // "His reply was brief:"
			case "her":
				p = "she"
			}
			q.speaker, lead = a.resolve(p, q.pronoun, byStart)
			if q.speaker < 0 {
				q.conf = confUnattributed
				continue
			}
			// The surer the pronoun's antecedent, the surer the link: a
			// rival close behind makes it a guess.
			q.conf = min(q.conf, confResolved+0.05*min(lead, 4))
			if q.speaker < len(a.spoke) {
				a.spoke[q.speaker] = max(a.spoke[q.speaker], spokeBefore)
			}
		}
	}
	for i := range a.quotes {
		skip := "" // "“Did you believe you had a choice?” Lowell asked. ¶ “…,” the witness replied.": not the one who asked
		if p := &a.quotes[max(i-1, 0)]; i > 0 && p.speaker >= 0 && strings.HasSuffix(a.text[p.start:p.end], "?") {
			skip = a.mentions[p.speaker].name
		}
		q := &a.quotes[i]
		if q.speaker < 0 {
			continue
		}
		switch fit := a.resolveDescription(q.speaker, byStart, skip); {
		case fit == 0:
			q.speaker, q.conf = -1, confUnattributed // "the dean" of no dean the text named: better no speaker
		case fit < 1:
			// "the newspaper" taken for The Daily Ledger: as sure as the match.
			m := a.mentions[q.speaker]
			q.conf, q.how = min(q.conf, fit), "“"+a.span(m.t0, m.t1)+"”, "+q.how
		}
	}
	for i := 1; i < len(a.quotes); i++ {
		q, p := &a.quotes[i], &a.quotes[i-1]
		if q.drop || q.speaker >= 0 || p.speaker < 0 || q.pronoun >= 0 {
			continue // a quotation with a speaker, or one whose own ("I said") the engine cannot name
		}
		switch {
		case p.lastPara == q.para && a.sentenceStart(q.t0, a.paras[q.para].t0) >= p.t1:
			// "…," said Wazne. "…": the same speaker goes on.
			q.speaker, q.conf, q.how = p.speaker, min(confContinuation, p.conf), "goes on from the quote before"
		case p.lastPara == q.para-1 && q.t0 == a.paras[q.para].t0 && !a.hasSpeechVerb(a.paras[q.para]):
			// A paragraph that is all quotation, after one that ended quoting someone.
			q.speaker, q.conf, q.how = p.speaker, confCarried, "carried from the paragraph before"
		}
	}
	for i := range a.quotes {
		q := &a.quotes[i]
		if q.secondary && q.speaker < 0 {
			q.drop = true // single marks with no speaker are too often apostrophes or titles
		}
		if q.speaker >= 0 {
			m := &a.mentions[q.speaker]
			m.conf = max(m.conf, confSource)
		}
	}
}

// resolveDescription names the speaker of a description that stands for
// someone the text named before: "the newspaper" for the paper named before,
// "the board president" for the person the text gave those words ("Board
// President Evelyn Craddock", "Evelyn Craddock, the board president"), "a
// security researcher" set off after a name for that name. A description that
// names no one earlier ("a spokeswoman", "officials", "the report") is a
// source in its own right. It reports false for a definite description it
// could not give a name where a guess would more often be wrong than right:
// a word the lexicon does not know ("the dean"), a body when bodies of its
// kind were named but none fits, a role several people were given.
func (a *analyzer) resolveDescription(mi int, byStart []int, skip string) float64 {
	m := &a.mentions[mi]
	if m.fit > 0 {
		return m.fit // resolved for a quotation before
	}
	party := partyWords[a.low(a.toks[m.t1-1])] // "the Texas Republican"
	if m.name != "" || a.toks[m.t1-1].upper && !party || a.hasName(m.t0, m.t1) && !a.isAt(m.t0, "the") && (m.t0 == 0 || !a.isAt(m.t0-1, "the")) {
		return 1 // a name, or a description by a name ("a Northfield spokesman")
	}
	if c, ok := a.appositiveOf(m.t0); ok {
		m.name, m.gender, m.fit = c.name, c.gender, 0.95 // "Evan Marsh, a security researcher who says"
		return m.fit
	}
	definite := a.isAt(m.t0, "the") || m.t0 > 0 && (a.isAt(m.t0-1, "the") || a.isAt(m.t0-1, "its"))
	if !definite {
		return 1 // "a spokeswoman", "two people familiar with the talks", "my daughter"
	}
	hk := a.headOf(m.t0, m.t1)
	head := a.toks[hk]
	known := head.cls&(role|title) != 0
	headWord := a.low(head)
	if hk > m.t0 && isName(a.toks[hk-1]) && !head.upper {
		if e := a.entityFrom(hk) - 1; e >= 0 && a.entities[e][1] == hk && a.entity(e).kind == person {
			return 1 // "the Clinton campaign", "the Trump administration": a body by whose it is
		}
	}
	if docNouns[headWord] {
		return 1 // "the report found": the document speaks
	}
	if m.kind == org || head.cls&orgHead != 0 || bodyKinds[headWord] != 0 {
		name, named, fit := a.bodyFor(m.t0, m.t1, headWord)
		if name != "" {
			m.name, m.fit = name, fit
			return fit
		}
		if known && !named {
			return 1 // "the company" of no company the text named
		}
		return 0
	}
	name, fit := a.personFor(m.t0, m.t1, headWord)
	if name != "" {
		m.name, m.fit = name, fit
		return fit
	}
	for _, t := range a.toks[m.t0:m.t1] {
		if t.poss && !t.upper {
			return 1 // "the agency’s inspector general": a role of a body, as "a spokeswoman for the bank"
		}
	}
	// "the witness", "the researcher": the person last quoted by name, when
	// the text gave the role to no one by that word; "the billionaire", "the
	// 7-footer", a word the lexicon does not know, only for someone far
	// ahead of anyone else.
	if fit < 0 {
		return 0
	}
	if anonymousRoles[headWord] {
		return 1
	}
	k, lead := a.antecedent(person, m.gender, m.t0, byStart, skip)
	if k < 0 {
		if known {
			return 1 // no one it could stand for: a source in its own right
		}
		return 0
	}
	c := a.mentions[k]
	m = &a.mentions[mi] // antecedent may have grown the mentions
	if c.name == "" || lead < 1 || !known && lead < 2 {
		return 0
	}
	m.name, m.gender, m.fit = c.name, c.gender, confResolved+0.05*min(lead, 4)
	return m.fit
}

// wordNear reports whether the word w (lower case) is given to the name
// toks[t0:t1]: in it, in the words just before it ("board president Evelyn
// Craddock") or in the appositive after it ("Evelyn Craddock, the board
// president,"), a title's abbreviation counting as the title ("Gov. Nadia
// Ferrell" is "the governor").
func (a *analyzer) wordNear(t0, t1 int, w string) bool {
	is := func(k int) bool {
		low := a.low(a.toks[k])
		if a.toks[k].upper && a.partyTag(k) {
			low = partyTags[low[0]] // "Sen. Ted Cruz, R-Texas," is "the Texas Republican"
		}
		return low == w || titleWords[strings.TrimSuffix(low, ".")] == w
	}
	for k := t0; k < t1; k++ {
		if is(k) {
			return true
		}
	}
	for k := t0 - 1; k >= 0 && k >= t0-3 && a.toks[k].word && a.toks[k].quote < 0 && !a.preposition(a.toks[k]); k-- {
		if is(k) {
			return true // not "a veteran mediator for the Northern Concord"
		}
	}
	if t0 > 0 && a.isAt(t0-1, ",") {
		// "The committee's chairwoman, Sen. Alicia Moreno", "The network, MBN,".
		for k := t0 - 2; k >= 0 && k >= t0-5 && a.toks[k].word && !a.toks[k].upper && a.toks[k].quote < 0; k-- {
			if is(k) {
				return true
			}
		}
	}
	if t1 < len(a.toks) && a.isAt(t1, ",") {
		for k := t1 + 1; k < len(a.toks) && k <= t1+5 && a.toks[k].word; k++ {
			if is(k) {
				return true
			}
		}
	}
	return false
}

// anonymousRoles stand for a source in their own right when the text gave the
// role to no one by name ("the spokeswoman added").
var anonymousRoles = set(
	"spokeswoman spokesman spokesperson official officials aide aides source sources person people " +
		"man woman analyst analysts expert experts critic critics resident residents insider insiders " +
		"observer observers",
)

// titleWords are the words that abbreviated titles stand for.
var titleWords = map[string]string{
	"gov": "governor", "sen": "senator", "rep": "congressman", "dr": "doctor", "prof": "professor",
	"cllr": "councillor", "supt": "superintendent", "gen": "general", "capt": "captain",
	"lt": "lieutenant", "col": "colonel", "sgt": "sergeant", "insp": "inspector", "det": "detective",
}

// hasSpeechVerb reports whether a paragraph has a speech verb outside quotations.
func (a *analyzer) hasSpeechVerb(p paragraph) bool {
	for v := p.t0; v < p.t1; v++ {
		if a.speechVerb(v, false) {
			return true
		}
	}
	return false
}
