package suggest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word or a punctuation mark of the text.
type token struct {
	start, end int    // byte offsets in the text
	low        string // the word in lower case; the mark itself for punctuation
	word       bool   // a word, not punctuation
	upper      bool   // a word beginning with an upper-case letter
	cls        class  // the word's classes in the lexicon
	quote      int32  // index of the quote the token is inside, or -1
}

// ASCII character classes for tokenizing.
const (
	asciiPunct = iota
	asciiSpace
	asciiWord
)

var asciiClass = func() (t [128]uint8) {
	for c := 0; c < 128; c++ {
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
			t[c] = asciiWord
		case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			t[c] = asciiSpace
		}
	}
	return t
}()

// tokenize appends the tokens of text[start:end] to toks. Words keep inner
// apostrophes, hyphens and full stops ("Assad's", "war-torn", "U.S.") and the
// full stop of a known abbreviation ("Jan.").
func tokenize(toks []token, text string, start, end int) []token {
	for i := start; i < end; {
		c := text[i]
		var r rune = rune(c)
		n := 1
		if c < 0x80 {
			switch asciiClass[c] {
			case asciiSpace:
				i++
				continue
			case asciiPunct:
				toks = append(toks, token{start: i, end: i + 1, low: text[i : i+1], quote: -1})
				i++
				continue
			}
		} else {
			r, n = utf8.DecodeRuneInString(text[i:])
			if isSpace(r) {
				i += n
				continue
			}
			if !isWordRune(r) {
				toks = append(toks, token{start: i, end: i + n, low: text[i : i+n], quote: -1})
				i += n
				continue
			}
		}
		j := wordEnd(text, i+n, end, i)
		w := text[i:j]
		if j < end && text[j] == '.' && (strings.IndexByte(w, '.') >= 0 || j-i == 1 && unicode.IsUpper(r) || abbreviations[lower(w)]) {
			j++ // "U.S.", "J.", "Jan."
			w = text[i:j]
		}
		low, cls := lookup(w)
		toks = append(toks, token{start: i, end: j, low: low, word: true, upper: capitalised(w, r), cls: cls, quote: -1})
		i = j
	}
	return toks
}

// wordEnd returns the end of the word that starts at text[start] and goes on at text[j].
func wordEnd(text string, j, end, start int) int {
	for j < end {
		c := text[j]
		r, n := rune(c), 1
		if c < 0x80 {
			if asciiClass[c] == asciiWord {
				j++
				continue
			}
		} else {
			r, n = utf8.DecodeRuneInString(text[j:])
			if isWordRune(r) {
				j += n
				continue
			}
		}
		if (r == '\'' || r == '’' || r == '-' || r == '‐' || r == '.') && j+n < end {
			r3, _ := utf8.DecodeRuneInString(text[j+n:])
			if isWordRune(r3) && (r != '.' || unicode.IsLetter(r3) && dotted(text[start:j])) {
				j += n
				continue
			}
		}
		break
	}
	return j
}

// lookup returns w in lower case and its classes, allocating only for a
// capitalised word the lexicon does not hold.
func lookup(w string) (string, class) {
	var buf [32]byte
	if len(w) >= len(buf) {
		return strings.ToLower(w), 0
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 0x80:
			low := strings.ToLower(w)
			return low, lexicon[low].cls
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	b := buf[:len(w)]
	if lexShape[len(b)][b[0]] {
		if e, ok := lexicon[string(b)]; ok {
			return e.low, e.cls
		}
	}
	if string(b) == w {
		return w, 0
	}
	return string(b), 0
}

// lower returns w in lower case.
func lower(w string) string {
	low, _ := lookup(w)
	return low
}

// dotted reports whether w may go on with a full stop and a letter: an initial
// or an abbreviation written with stops ("U" of "U.S.", "U.S" of "U.S.A.").
func dotted(w string) bool {
	return utf8.RuneCountInString(w) == 1 || strings.Contains(w, ".") && len(w) <= 8
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// isSpace reports white space, the no-break space included.
func isSpace(r rune) bool {
	return r == ' ' || r == '\n' || r == '\t' || r == '\u00a0' || unicode.IsSpace(r)
}

// endsSentence reports whether a punctuation token ends a sentence.
func endsSentence(t token) bool {
	return !t.word && (t.low == "." || t.low == "!" || t.low == "?" || t.low == "…")
}

// isName reports whether a word may be part of a name: capitalised and not a
// function word, day or month.
func isName(t token) bool { return t.word && t.upper && t.cls&notName == 0 }

// bare returns the word without a possessive "'s".
func bare(low string) string {
	if s, ok := strings.CutSuffix(low, "'s"); ok {
		return s
	}
	if s, ok := strings.CutSuffix(low, "’s"); ok {
		return s
	}
	return low
}

// capitalised reports whether a word starting with r begins with a capital, or
// is a particle joined to a capitalised name ("al-Assad").
func capitalised(w string, r rune) bool {
	if unicode.IsUpper(r) {
		return true
	}
	h := strings.LastIndexByte(w, '-')
	if h <= 0 || h+1 >= len(w) || !nameParticles[w[:h]] {
		return false
	}
	r2, _ := utf8.DecodeRuneInString(w[h+1:])
	return unicode.IsUpper(r2)
}
