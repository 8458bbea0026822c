package suggest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/annotator/app/anchor"
)

// paragraph is a line of the text with its tokens.
type paragraph struct {
	start, end int // byte offsets of the line, its line end excluded
	t0, t1     int // its tokens: toks[t0:t1]
}

// quote is a top-level quotation: from its opening mark to its closing mark, over
// one or more paragraphs.
type quote struct {
	open, close     int // byte offsets of the opening and the closing mark
	openEnd, after  int // byte offsets just past the opening and the closing mark
	start, end      int // the quoted words: between the marks, white space trimmed
	para, lastPara  int // the paragraphs of the opening and the closing mark
	t0, t1          int // tokens inside the marks, marks included
	words           int // the number of quoted words
	secondary       bool
	speaker         int     // index of the speaking mention, or -1
	pronoun         int     // token of a pronoun speaker still to resolve, or -1
	conf            float64 // how sure the engine is of the quote and its speaker
	drop            bool    // not a quotation after all (a title, a name)
	attributedAfter bool    // the speaker follows the quote
	how             string  // the evidence for the speaker, for the editor ("named after the quote")
}

// opener is an opening quotation mark waiting for its closing mark.
type opener struct {
	pos, size int
	r         rune
}

// closes reports whether r closes a quotation opened by open.
func closes(open, r rune) bool {
	switch open {
	case '"', '\'':
		return r == open
	case '“':
		return r == '”'
	case '„':
		return r == '“' || r == '”'
	case '«':
		return r == '»'
	case '»':
		return r == '«'
	case '「':
		return r == '」'
	case '『':
		return r == '』'
	case '‘':
		return r == '’'
	case '‚':
		return r == '‘' || r == '’'
	case '‹':
		return r == '›'
	case '›':
		return r == '‹'
	}
	return false
}

// isSecondary reports whether r is a single quotation mark, which quotes at the
// top level only when it is clearly not an apostrophe.
func isSecondary(r rune) bool { return strings.ContainsRune("'‘’‚‹›『』", r) }

// britishStyle reports whether the text quotes in single marks (‘…’), as
// British papers do, with double marks for a quotation inside a quotation.
func britishStyle(text string) bool {
	single := strings.Count(text, "‘")
	return single >= 2 && single > strings.Count(text, "“")
}

// secondaryMark reports whether r quotes inside a quotation in a text of that
// style: single marks, or in British style double marks.
func secondaryMark(r rune, british bool) bool {
	if british {
		return strings.ContainsRune("\"“”„", r)
	}
	return isSecondary(r)
}

// markLead holds the bytes that can begin the UTF-8 encoding of a quotation mark,
// so that scanning skips every other byte at once.
var markLead = func() (t [256]bool) {
	for _, r := range "\"“”„«»「」『』'‘’‚‹›" {
		var b [4]byte
		utf8.EncodeRune(b[:], r)
		t[b[0]] = true
	}
	return t
}()

// isOpeningMark reports whether r is a mark that only ever opens.
func isOpeningMark(r rune) bool { return strings.ContainsRune("“„«‘‚‹「『", r) }

// roles tells whether a mark at text[i] (rune r, between prev and next) can open
// and can close a quotation, from the characters around it.
func roles(text string, i int, r, prev, next rune, lineStart int) (canOpen, canClose bool) {
	prevSolid := prev != 0 && !isSpace(prev)
	nextSolid := next != 0 && !isSpace(next)
	openCtx := prev == 0 || isSpace(prev) || strings.ContainsRune("—–-/", prev) || isOpeningMark(prev) || prev == '"' || prev == '\''
	if strings.ContainsRune("([{", prev) {
		// "(" opens a quote's context in prose ("(said "no")"), not in code ("print(").
		p2, _ := utf8.DecodeLastRuneInString(text[lineStart : i-1])
		openCtx = i-1 == lineStart || isSpace(p2)
	}
	closeCtx := next == 0 || isSpace(next) || strings.ContainsRune(",.;:!?)]}—–-…", next) || anchor.IsQuoteMark(next)
	switch r {
	case '"':
		return openCtx && nextSolid, prevSolid && closeCtx
	case '“':
		return nextSolid, prevSolid && closeCtx
	case '”', '」', '』':
		return false, prevSolid || r != '”'
	case '„', '「', '『':
		return nextSolid || r != '„', false
	case '«', '‹':
		return !(prevSolid && !nextSolid), prevSolid && !nextSolid
	case '»', '›':
		// Closing in French style (« … »,) and reversed opening in German style (»…«).
		return openCtx && nextSolid && unicode.IsLetter(next), prevSolid || closeCtx
	case '‚':
		return openCtx && unicode.IsLetter(next), false
	case '‘', '\'', '’':
		canOpen = r != '’' && openCtx && nextSolid && !elision(text[i+utf8.RuneLen(r):])
		canClose = r != '‘' && prevSolid && closeCtx && !unicode.IsDigit(prev) && !possessive(text, i+utf8.RuneLen(r), prev, next)
		if r == '‘' {
			canClose = prevSolid && closeCtx // German ‚…‘
		}
		return canOpen, canClose
	}
	return false, false
}

// elision reports whether the text after an apostrophe makes it part of a word
// ("'90s", "'em", "'tis") rather than an opening quotation mark.
func elision(after string) bool {
	n := 0
	for n < len(after) && (after[n] >= 'a' && after[n] <= 'z' || after[n] >= '0' && after[n] <= '9') {
		n++
	}
	if n == 0 {
		return false
	}
	if after[0] >= '0' && after[0] <= '9' {
		return true
	}
	r, _ := utf8.DecodeRuneInString(after[n:])
	return elisions[after[:n]] && !unicode.IsLetter(r)
}

// possessive reports whether a single closing mark after an "s" and before a
// lower-case word is a plural possessive ("the organizers’ best chance").
func possessive(text string, after int, prev, next rune) bool {
	if prev != 's' || next != ' ' || after+1 >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[after+1:])
	return unicode.IsLower(r)
}

// scanQuotes finds the top-level quotations of the text's paragraphs. A
// quotation left open at a paragraph's end goes on when the next paragraph
// opens with the same mark, as news style writes quotations of several
// paragraphs.
func scanQuotes(text string, paras []paragraph, toks []token, marks []int32) []quote {
	quotes := make([]quote, 0, len(marks)/4)
	british := britishStyle(text)
	m := 0            // the first mark of the paragraph
	var carry *opener // a quotation open at the end of the previous paragraph
	carryPara := 0
	var stack []opener
	for pi, p := range paras {
		line := text[p.start:p.end]
		from, openPara := p.start, pi
		stack = stack[:0]
		if carry != nil {
			trimmed := strings.TrimLeft(line, " \t\u00a0")
			first, n := utf8.DecodeRuneInString(trimmed)
			if first == carry.r && n > 0 && pi-carryPara < 10 {
				stack = append(stack, *carry)
				from, openPara = p.start+len(line)-len(trimmed)+n, carryPara // the reopening mark is not a new quotation
			}
			carry = nil
		}
		m0 := m
		for m < len(marks) && int(marks[m]) < p.t1 {
			m++
		}
		quotes, stack = scanLine(text, toks, marks[m0:m], p.start, from, p.end, pi, openPara, british, stack, quotes)
		if len(stack) > 0 && !secondaryMark(stack[0].r, british) {
			c := stack[0]
			carry = &c
			if c.pos >= p.start {
				carryPara = pi
			}
		}
	}
	return quotes
}

// scanLine pairs the marks of a paragraph text[lineStart:end], from the byte
// offset from on; marks holds the indexes in toks of its tokens that may be
// quotation marks. Marks are punctuation tokens: an apostrophe inside a word
// ("it’s") never opens or closes. It pushes
// opening marks on stack and appends each completed top-level quotation to
// quotes; openPara is the paragraph where the bottom of the stack opened.
func scanLine(text string, toks []token, marks []int32, lineStart, from, end, pi, openPara int, british bool, stack []opener, quotes []quote) ([]quote, []opener) {
	var excluded [][2]int // code and addresses, found at the first mark
	found := false
	for _, k := range marks {
		i := int(toks[k].start)
		if i < from {
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if !anchor.IsQuoteMark(r) {
			continue
		}
		if !found {
			excluded, found = codeRanges(text[lineStart:end]), true
		}
		if inRanges(excluded, i-lineStart) {
			continue
		}
		var prev, next rune
		if i > lineStart {
			prev, _ = utf8.DecodeLastRuneInString(text[lineStart:i])
		}
		if i+n < end {
			next, _ = utf8.DecodeRuneInString(text[i+n : end])
		}
		canOpen, canClose := roles(text, i, r, prev, next, lineStart)
		if r == '"' && unicode.IsDigit(prev) && (!openIn(stack, '"') || measure(text[lineStart:i])) {
			canOpen, canClose = false, false // an inch mark: 5'10"
		}
		at := -1
		if canClose {
			for k := len(stack) - 1; k >= 0; k-- {
				if closes(stack[k].r, r) {
					at = k
					break
				}
			}
		}
		switch {
		case at >= 0:
			o := stack[at]
			stack = stack[:at]
			if at == 0 {
				q := quote{open: o.pos, openEnd: o.pos + o.size, close: i, after: i + n, para: openPara, lastPara: pi, secondary: secondaryMark(o.r, british), speaker: -1, pronoun: -1}
				q.start, q.end = trimSpan(text, q.openEnd, q.close)
				if q.start < q.end {
					quotes = append(quotes, q)
				}
				openPara = pi
			}
		case canOpen:
			if len(stack) == 0 {
				openPara = pi
			}
			if !isSecondary(r) {
				// A second opening of the same kind: the first was never closed.
				for k := range stack {
					if stack[k].r == r {
						stack = stack[:k]
						if k == 0 {
							openPara = pi
						}
						break
					}
				}
			}
			stack = append(stack, opener{pos: i, size: n, r: r})
		}
	}
	return quotes, stack
}

func openIn(stack []opener, r rune) bool {
	for _, o := range stack {
		if o.r == r {
			return true
		}
	}
	return false
}

// measure reports whether the text before a double mark ends in feet and inches
// (5'10, 6′2), making the mark an inch mark.
func measure(before string) bool {
	s := strings.TrimRight(before, "0123456789")
	for _, foot := range []string{"'", "′", "’"} {
		if t, ok := strings.CutSuffix(s, foot); ok && t != "" && t[len(t)-1] >= '0' && t[len(t)-1] <= '9' {
			return true
		}
	}
	return false
}

// trimSpan returns [start, end) without white space at either end.
func trimSpan(text string, start, end int) (int, int) {
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:end])
		if !isSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if !isSpace(r) {
			break
		}
		end -= n
	}
	return start, end
}

// codeRanges returns the byte ranges of a line where quotation marks are code or
// part of an address, not prose: URLs, backtick code spans, and the whole line
// when it reads as source code.
func codeRanges(line string) [][2]int {
	if !strings.ContainsAny(line, "`/{};=<") {
		return nil
	}
	signals := 0
	for _, s := range []string{");", "{", "}", "==", "=>", ":=", "!=", "</", "/>", "&&", "||", "();"} {
		if strings.Contains(line, s) {
			signals++
		}
	}
	if signals >= 2 {
		return [][2]int{{0, len(line)}}
	}
	var rs [][2]int
	for i := 0; i < len(line); {
		j := strings.IndexByte(line[i:], '`')
		if j < 0 {
			break
		}
		k := strings.IndexByte(line[i+j+1:], '`')
		if k < 0 {
			break
		}
		rs = append(rs, [2]int{i + j, i + j + 1 + k + 1})
		i += j + 1 + k + 1
	}
	for _, marker := range []string{"://", "www."} {
		for i := 0; ; {
			j := strings.Index(line[i:], marker)
			if j < 0 {
				break
			}
			s := strings.LastIndexAny(line[:i+j], " \t\n") + 1
			e := strings.IndexAny(line[i+j:], " \t\n")
			if e < 0 {
				e = len(line)
			} else {
				e += i + j
			}
			rs = append(rs, [2]int{s, e})
			i = e
			if i >= len(line) {
				break
			}
		}
	}
	return rs
}

func inRanges(rs [][2]int, i int) bool {
	for _, r := range rs {
		if i >= r[0] && i < r[1] {
			return true
		}
	}
	return false
}
