package editor

import (
	"strings"
	"unicode"

	"github.com/newsroom/annotator/app/anchor"
)

// shed are the characters a selection drops at its ends besides quotation marks.
const shed = ",;:"

// snapSelection turns a raw selection [start, end) into the span an editor means:
// widened to whole words, then without surrounding white space, quotation marks
// and clause punctuation (selecting `"constructive,"` gives `constructive`).
// ok is false when nothing but such characters was selected.
func snapSelection(t *anchor.Text, start, end int) (int, int, bool) {
	n := t.Len()
	start, end = max(0, min(start, n)), max(0, min(end, n))
	if start > end {
		start, end = end, start
	}
	r := func(i int) rune { return []rune(t.Slice(i, i+1))[0] }
	// Shed first, so that a selection starting on a quotation mark does not widen past it.
	for {
		s0, e0 := start, end
		for start < end && isShed(r(start)) {
			start++
		}
		for end > start && isShed(r(end-1)) && !isApostrophe(t, end-1) {
			end--
		}
		if s0 == start && e0 == end {
			break
		}
	}
	if start == end {
		return 0, 0, false
	}
	for start > 0 && isWordRune(t, start-1) && isWordRune(t, start) {
		start--
	}
	for end < n && isWordRune(t, end-1) && isWordRune(t, end) {
		end++
	}
	return start, end, true
}

func isShed(c rune) bool {
	return unicode.IsSpace(c) || anchor.IsQuoteMark(c) || strings.ContainsRune(shed, c)
}

// isWordRune reports whether the code point at i belongs to a word: a letter,
// digit or mark, or an apostrophe or hyphen between two of them ("it’s", "cease-fire").
func isWordRune(t *anchor.Text, i int) bool {
	c := []rune(t.Slice(i, i+1))[0]
	if anchor.IsWord(c) {
		return true
	}
	if c == '\'' || c == '’' || c == '-' || c == '‐' {
		return i > 0 && i+1 < t.Len() && isLetterAt(t, i-1) && isLetterAt(t, i+1)
	}
	return false
}

func isLetterAt(t *anchor.Text, i int) bool {
	c := []rune(t.Slice(i, i+1))[0]
	return unicode.IsLetter(c) || unicode.IsDigit(c)
}

// isApostrophe reports whether the quotation-like mark at i is an apostrophe
// ending a word ("organizers’"), which a selection keeps.
func isApostrophe(t *anchor.Text, i int) bool {
	c := []rune(t.Slice(i, i+1))[0]
	if c != '’' && c != '\'' {
		return false
	}
	return i > 0 && isLetterAt(t, i-1) && (i+1 >= t.Len() || !isLetterAt(t, i+1)) && !opensWith(t, i)
}

// opensWith reports whether the word ending before i was opened by a single
// quotation mark, so the mark at i closes a quotation rather than being an apostrophe.
func opensWith(t *anchor.Text, i int) bool {
	for j := i - 1; j >= 0 && i-j < 200; j-- {
		c := []rune(t.Slice(j, j+1))[0]
		if c == '‘' {
			return true
		}
		if c == '\n' || c == '’' {
			return false
		}
	}
	return false
}
