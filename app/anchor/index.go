package anchor

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// keyLen is the number of bytes of the keys in a wordIndex.
const keyLen = 8

// wordIndex is a chained hash table of the keyLen-byte keys that start at
// every word boundary of a text. An exact quote that must start at a word
// boundary is found by walking one chain instead of scanning the text.
type wordIndex struct {
	bits uint
	head []int32 // 1 + entry number of a chain's first entry, 0 = empty
	size []int32 // number of entries in each chain
	next []int32 // 1 + entry number of the next entry in the chain
	pos  []int32 // byte offset of each entry
}

// IsWord reports whether r belongs to a word: a letter, a digit or a mark
// (so that a combining accent stays inside its word). It is the one word rule
// of the anchoring, the editor's snapping and the suggestion engine.
func IsWord(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// hashKey hashes the first keyLen bytes of s into bits bits.
func hashKey(s string, bits uint) uint32 {
	_ = s[keyLen-1]
	x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	return uint32((x * 0x9E3779B97F4A7C15) >> (64 - bits))
}

// index returns the word index of t, building it on first use; nil when the
// text is too short or too long to index.
func (t *Text) index() *wordIndex {
	t.once.Do(func() { t.idx = buildIndex(t.s) })
	return t.idx
}

// buildIndex indexes the keys at the word boundaries of s.
func buildIndex(s string) *wordIndex {
	if len(s) < keyLen || len(s) >= math.MaxInt32 {
		return nil
	}
	bits := uint(4)
	for 1<<bits < len(s)/2 {
		bits++
	}
	w := &wordIndex{
		bits: bits,
		head: make([]int32, 1<<bits),
		size: make([]int32, 1<<bits),
		next: make([]int32, 0, len(s)/3),
		pos:  make([]int32, 0, len(s)/3),
	}
	prevWord := false
	for i := 0; i <= len(s)-keyLen; {
		r, size := decode(s, i)
		word := IsWord(r)
		if !prevWord || !word {
			h := hashKey(s[i:], bits)
			w.pos = append(w.pos, int32(i))
			w.next = append(w.next, w.head[h])
			w.head[h] = int32(len(w.pos))
			w.size[h]++
		}
		prevWord = word
		i += size
	}
	return w
}

// lookup calls fn with the byte offset of every indexed word boundary of s
// where key (keyLen bytes) starts, until fn returns false.
func (w *wordIndex) lookup(s, key string, fn func(p int) bool) {
	for j := w.head[hashKey(key, w.bits)]; j != 0; j = w.next[j-1] {
		p := int(w.pos[j-1])
		if s[p:p+keyLen] == key[:keyLen] && !fn(p) {
			return
		}
	}
}

// chainLen returns the length of the chain that holds key: an upper bound
// of how often key occurs at a word boundary.
func (w *wordIndex) chainLen(key string) int {
	return int(w.size[hashKey(key, w.bits)])
}

// boundaryAt reports whether byte offset b of t (a rune start) is a word
// boundary: the text's ends, or a place not between two word runes.
func (t *Text) boundaryAt(b int) bool {
	if b <= 0 || b >= len(t.s) {
		return true
	}
	before, _ := utf8.DecodeLastRuneInString(t.s[:b])
	after, _ := decode(t.s, b)
	return !IsWord(before) || !IsWord(after)
}

// runeStart reports whether byte offset b of t starts a code point (or is
// the end of the text).
func (t *Text) runeStart(b int) bool {
	return b >= len(t.s) || utf8.RuneStart(t.s[b]) || t.Byte(t.CodePoint(b)) == b
}

// occurrences returns the byte offsets, ascending, of the exact occurrences
// of q in t. With startB (endB) an occurrence must start (end) at a word
// boundary, so that a quote is never found inside another word.
//
// When q holds a word boundary, the occurrences are found through the word
// index, walking the shortest chain among the keys at q's boundaries;
// otherwise the text is scanned.
func (t *Text) occurrences(q string, startB, endB bool) []int {
	var out []int
	ok := func(p int) bool {
		e := p + len(q)
		return t.runeStart(p) && t.runeStart(e) &&
			(!startB || t.boundaryAt(p)) && (!endB || t.boundaryAt(e))
	}
	idx := t.index()
	key, shortest := -1, 0
	if idx != nil {
		var prev rune
		for bo, r := range q {
			if bo+keyLen > len(q) {
				break
			}
			if bo == 0 && startB || bo > 0 && (!IsWord(prev) || !IsWord(r)) {
				if n := idx.chainLen(q[bo:]); key < 0 || n < shortest {
					key, shortest = bo, n
				}
			}
			prev = r
		}
	}
	if key >= 0 {
		idx.lookup(t.s, q[key:], func(p int) bool {
			if p -= key; p >= 0 && strings.HasPrefix(t.s[p:], q) && ok(p) {
				out = append(out, p)
			}
			return true
		})
		sort.Ints(out)
		return out
	}
	for from := 0; from <= len(t.s); {
		i := strings.Index(t.s[from:], q)
		if i < 0 {
			break
		}
		p := from + i
		if ok(p) {
			out = append(out, p)
		}
		_, size := decode(t.s, p)
		from = p + size
	}
	return out
}
