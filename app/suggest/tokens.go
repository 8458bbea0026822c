package suggest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/annotator/app/anchor"
)

// token is a word or a punctuation mark of the text. It holds no pointer, so
// that the token slice of a long text costs the garbage collector nothing.
type token struct {
	start, end int32  // byte offsets in the text
	quote      int32  // index of the quote the token is inside, or -1
	lex        uint16 // the number of the word's lower-case form in lexWords, or 0
	cls        class  // the word's classes in the lexicon
	word       bool   // a word, not punctuation
	upper      bool   // a word beginning with an upper-case letter
	poss       bool   // a word ending in a possessive "'s"
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

// tokenize appends the tokens of text[start:end] to toks, the indexes of those
// that may report speech (speech verbs and "according") to verbs, and of those
// that may be quotation marks to marks. Words keep inner apostrophes, hyphens
// and full stops ("Assad's", "war-torn", "U.S.") and the full stop of a known
// abbreviation ("Jan."). Offsets are int32: Suggest takes no longer text.
func tokenize(toks []token, verbs, marks []int32, text string, start, end int) ([]token, []int32, []int32) {
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
				if markLead[c] {
					marks = append(marks, int32(len(toks)))
				}
				toks = append(toks, token{start: int32(i), end: int32(i + 1), quote: -1})
				i++
				continue
			}
		} else {
			r, n = utf8.DecodeRuneInString(text[i:])
			if isSpace(r) {
				i += n
				continue
			}
			if !anchor.IsWord(r) {
				if anchor.IsQuoteMark(r) {
					marks = append(marks, int32(len(toks)))
				}
				toks = append(toks, token{start: int32(i), end: int32(i + n), quote: -1})
				i += n
				continue
			}
		}
		j, ascii := wordEnd(text, i, i+n, end)
		w := text[i:j]
		e := lookupWord(w, ascii)
		if j < end && text[j] == '.' && (strings.IndexByte(w, '.') >= 0 || j-i == 1 && unicode.IsUpper(r) || e.cls&abbrev != 0 || stateAbbrev(text, w, j, end)) {
			j++ // "U.S.", "J.", "Jan."
			w = text[i:j]
			e = lookupWord(w, ascii)
		}
		t := token{start: int32(i), end: int32(j), lex: e.id, cls: e.cls &^ orgWord, word: true, upper: capitalised(w, r), quote: -1}
		if b := bare(w); len(b) < len(w) {
			t.poss = true
			e = lookup(b) // "Reuters's" is an organisation's name
		}
		t.cls |= e.cls & orgWord
		if t.cls&speech != 0 || t.lex == lexAccording {
			verbs = append(verbs, int32(len(toks)))
		}
		toks = append(toks, t)
		i = j
	}
	return toks, verbs, marks
}

// stateAbbrev reports whether w, before the full stop at text[j], is a
// state's abbreviation that the stop belongs to ("Calif." of "Sen. Maria
// Estrada, D-Calif., said", "Hillsboro, Ore., which"): when a comma, a
// parenthesis, a dash or a lower-case word follows, not a new sentence.
func stateAbbrev(text, w string, j, end int) bool {
	if h := strings.LastIndexByte(w, '-'); h >= 0 {
		w = w[h+1:] // "R-Okla."
	}
	if len(w) < 2 || len(w) > 5 || w[0] < 'A' || w[0] > 'Z' || !inList(stateAbbrevs, w) {
		return false
	}
	k := j + 1
	for k < end && text[k] == ' ' {
		k++
	}
	if k >= end {
		return false
	}
	c := text[k]
	return c == ',' || c == '(' || c == ')' || c >= 'a' && c <= 'z' || strings.HasPrefix(text[k:], "—") || strings.HasPrefix(text[k:], "–")
}

// stateAbbrevs are the states' abbreviations of news style (AP) that are not
// written with inner stops.
const stateAbbrevs = " Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev Okla Ore Pa Tenn Tex Vt Va Wash Wis Wyo "

// inList reports whether w is one of the words of list, each of which has a
// space before and after it: a set in one string, so that it costs the wasm
// build no code.
func inList(list, w string) bool {
	if w == "" {
		return false
	}
	for i := 0; ; {
		j := strings.Index(list[i:], w)
		if j < 0 {
			return false
		}
		j += i
		if list[j-1] == ' ' && list[j+len(w)] == ' ' {
			return true
		}
		i = j + 1
	}
}

// wordEnd returns the end of the word that starts at text[start] and goes on
// at text[j], and whether it is all ASCII.
func wordEnd(text string, start, j, end int) (int, bool) {
	ascii := j-start == 1
	for j < end {
		c := text[j]
		if c < utf8.RuneSelf {
			if asciiClass[c] == asciiWord {
				j++
				for j < end && asciiClass[text[j]&0x7f] == asciiWord && text[j] < utf8.RuneSelf {
					j++
				}
				continue
			}
		} else if r, n := utf8.DecodeRuneInString(text[j:]); anchor.IsWord(r) {
			ascii = false
			j += n
			continue
		}
		r, n := utf8.DecodeRuneInString(text[j:])
		if (r == ',' || r == '.') && j+1 < end && j > start && isDigit(text[j-1]) && isDigit(text[j+1]) {
			j++ // "1,100", "3.5": one number, no comma or stop
			continue
		}
		if (r == '\'' || r == '’' || r == '-' || r == '‐' || r == '.') && j+n < end {
			r3, _ := utf8.DecodeRuneInString(text[j+n:])
			if anchor.IsWord(r3) && (r != '.' || unicode.IsLetter(r3) && dotted(text[start:j])) {
				ascii = ascii && n == 1
				j += n
				continue
			}
		}
		break
	}
	return j, ascii
}

// lowerASCII maps each ASCII byte to its lower case.
var lowerASCII = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		t[c] = byte(c)
		if c >= 'A' && c <= 'Z' {
			t[c] = byte(c) + 'a' - 'A'
		}
	}
	return t
}()

// lookupASCII is lookup for a word that is all ASCII: it lowers no copy of
// the word.
func lookupASCII(w string) lexEntry {
	if len(w) >= 32 || !lexShape[len(w)][lowerASCII[w[0]]] {
		return lexEntry{}
	}
	mask := uint32(len(lexTable) - 1)
	for i := lexHash(w) & mask; ; i = (i + 1) & mask {
		s := lexTable[i]
		if s.n == 0 {
			return lexEntry{}
		}
		if int(s.n) == len(w) && equalLower(lexArena[s.off:int(s.off)+len(w)], w) {
			return s.e
		}
	}
}

// equalLower reports whether the ASCII word w in lower case is low.
func equalLower(low, w string) bool {
	for k := 0; k < len(w); k++ {
		if lowerASCII[w[k]] != low[k] {
			return false
		}
	}
	return true
}

// lookup returns the lexicon's entry for w in lower case (zero when it holds
// no such word).
func lookup(w string) lexEntry { return lookupWord(w, isASCII(w)) }

// lookupWord is lookup for a word known to be all ASCII or not.
func lookupWord(w string, ascii bool) lexEntry {
	if ascii {
		return lookupASCII(w)
	}
	if len(w) >= 32 {
		return lexEntry{}
	}
	return lexicon[strings.ToLower(w)]
}

// low returns the token in lower case: a mark itself, a word of the lexicon
// without allocating.
func (a *analyzer) low(t token) string {
	switch {
	case t.lex != 0:
		return lexWords[t.lex]
	case !t.word:
		return a.text[t.start:t.end]
	}
	return strings.ToLower(a.text[t.start:t.end])
}

// is reports whether the token, in lower case, is s: a mark or a word of the
// lexicon (any other word never is). It is called from hundreds of places:
// not inlined, it keeps the wasm build tens of kilobytes smaller, at no cost
// in speed that the benchmarks can see.
//
//go:noinline
func (a *analyzer) is(t token, s string) bool {
	if t.word {
		return lexWords[t.lex] == s
	}
	return a.text[t.start:t.end] == s
}

// isAt is is for toks[k] (not inlined either, for the same reason).
//
//go:noinline
func (a *analyzer) isAt(k int, s string) bool { return a.is(a.toks[k], s) }

// dotted reports whether w may go on with a full stop and a letter: an initial
// or an abbreviation written with stops ("U" of "U.S.", "U.S" of "U.S.A.").
func dotted(w string) bool {
	return utf8.RuneCountInString(w) == 1 || strings.Contains(w, ".") && len(w) <= 8
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isSpace reports white space, the no-break space included.
func isSpace(r rune) bool {
	return r == ' ' || r == '\n' || r == '\t' || r == '\u00a0' || unicode.IsSpace(r)
}

// endsSentence reports whether a punctuation token ends a sentence.
func (a *analyzer) endsSentence(t token) bool {
	if t.word {
		return false
	}
	switch a.text[t.start:t.end] {
	case ".", "!", "?", "…":
		return true
	}
	return false
}

// isName reports whether a word may be part of a name: capitalised and not a
// function word, day or month.
func isName(t token) bool { return t.word && t.upper && t.cls&notName == 0 }

// bare returns the word without a possessive "'s" (or "'S").
func bare(w string) string {
	n := len(w)
	if n < 2 || w[n-1] != 's' && w[n-1] != 'S' {
		return w
	}
	if w[n-2] == '\'' {
		return w[:n-2]
	}
	if strings.HasSuffix(w[:n-1], "’") {
		return w[:n-1-len("’")]
	}
	return w
}

// capitalised reports whether a word starting with r begins with a capital, or
// is a particle joined to a capitalised name ("al-Assad").
func capitalised(w string, r rune) bool {
	if r < utf8.RuneSelf {
		if r >= 'A' && r <= 'Z' {
			return true
		}
	} else if unicode.IsUpper(r) {
		return true
	}
	if len(w) < 4 {
		return false // no room for a particle, a hyphen and a name
	}
	h := strings.LastIndexByte(w, '-')
	if h <= 0 || h+1 >= len(w) || !nameParticles[w[:h]] {
		return false
	}
	r2, _ := utf8.DecodeRuneInString(w[h+1:])
	return unicode.IsUpper(r2)
}
