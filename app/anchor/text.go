package anchor

import (
	"sort"
	"sync"
	"unicode/utf8"
)

// ContextLen is the number of code points of prefix and suffix context that
// [Text.Context] returns and that [Text.Locate] compares.
const ContextLen = 32

// sampleEvery is the distance in code points between two samples of the
// offset index of a non-ASCII Text.
const sampleEvery = 64

// Text is a document text indexed for fast conversion between code-point,
// byte and UTF-16 offsets. Build it once per text with [NewText] (O(n));
// conversions are then O(1) for ASCII text and O(log n) otherwise. A Text is
// safe for concurrent use and must not be copied.
type Text struct {
	s      string
	n      int  // length in code points
	n16    int  // length in UTF-16 units
	ascii  bool // every byte < 0x80: all three offsets coincide
	valid  bool // valid UTF-8: a code point starts at every byte but a continuation byte
	byteAt []int
	u16At  []int

	once sync.Once
	idx  *wordIndex // built lazily by Locate
}

// NewText indexes s for offset conversion.
func NewText(s string) *Text {
	t := &Text{s: s}
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		t.ascii, t.valid, t.n, t.n16 = true, true, len(s), len(s)
		return t
	}
	t.byteAt = make([]int, 0, len(s)/sampleEvery+2)
	t.u16At = make([]int, 0, len(s)/sampleEvery+2)
	cp, u := 0, 0
	if t.valid = utf8.ValidString(s); t.valid {
		// A code point takes two UTF-16 units when it takes four bytes.
		for i := 0; i < len(s); i++ {
			c := s[i]
			if continuation(c) {
				continue
			}
			if cp%sampleEvery == 0 {
				t.byteAt = append(t.byteAt, i)
				t.u16At = append(t.u16At, u)
			}
			cp++
			u++
			if c >= 0xF0 {
				u++
			}
		}
	} else {
		for i := 0; i < len(s); cp++ {
			if cp%sampleEvery == 0 {
				t.byteAt = append(t.byteAt, i)
				t.u16At = append(t.u16At, u)
			}
			r, size := decode(s, i)
			i += size
			u += units(r)
		}
	}
	if cp%sampleEvery == 0 {
		t.byteAt = append(t.byteAt, len(s))
		t.u16At = append(t.u16At, u)
	}
	t.n, t.n16 = cp, u
	return t
}

// decode returns the rune at byte offset i of s and its width; an invalid
// byte is U+FFFD of width 1.
func decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// units is the number of UTF-16 units that encode r.
func units(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// String returns the text.
func (t *Text) String() string { return t.s }

// Len returns the length of the text in code points.
func (t *Text) Len() int { return t.n }

// clamp limits x to [0, hi].
func clamp(x, hi int) int {
	return max(0, min(x, hi))
}

// Byte converts a code-point offset to a byte offset; cp is clamped to
// [0, Len].
func (t *Text) Byte(cp int) int {
	cp = clamp(cp, t.n)
	if t.ascii {
		return cp
	}
	k := cp / sampleEvery
	return t.forward(t.byteAt[k], cp-k*sampleEvery)
}

// forward returns the byte offset k code points after byte offset b, which
// starts a code point, or len(String()) when the text ends first.
func (t *Text) forward(b, k int) int {
	if t.valid {
		for ; k > 0 && b < len(t.s); k-- {
			for b++; b < len(t.s) && continuation(t.s[b]); b++ {
			}
		}
		return b
	}
	for ; k > 0 && b < len(t.s); k-- {
		_, size := decode(t.s, b)
		b += size
	}
	return b
}

// continuation reports whether c continues a code point in valid UTF-8.
func continuation(c byte) bool { return c&0xC0 == 0x80 }

// CodePoint converts a byte offset to a code-point offset. A byte offset
// inside a multi-byte rune gives the offset of that rune's start; b is
// clamped to [0, len(String())].
func (t *Text) CodePoint(b int) int {
	b = clamp(b, len(t.s))
	if t.ascii {
		return b
	}
	k := sort.SearchInts(t.byteAt, b+1) - 1
	cp, p := k*sampleEvery, t.byteAt[k]
	for p < b {
		_, size := decode(t.s, p)
		if p+size > b {
			break
		}
		p += size
		cp++
	}
	return cp
}

// UTF16 converts a code-point offset to a UTF-16 offset; cp is clamped to
// [0, Len].
func (t *Text) UTF16(cp int) int {
	cp = clamp(cp, t.n)
	if t.ascii {
		return cp
	}
	k := cp / sampleEvery
	b, u := t.byteAt[k], t.u16At[k]
	for j := k * sampleEvery; j < cp; j++ {
		r, size := decode(t.s, b)
		b += size
		u += units(r)
	}
	return u
}

// FromUTF16 converts a UTF-16 offset to a code-point offset. An offset
// between the two halves of a surrogate pair gives the pair's start; u is
// clamped to the text's UTF-16 length.
func (t *Text) FromUTF16(u int) int {
	u = clamp(u, t.n16)
	if t.ascii {
		return u
	}
	k := sort.SearchInts(t.u16At, u+1) - 1
	cp, uu, b := k*sampleEvery, t.u16At[k], t.byteAt[k]
	for uu < u {
		r, size := decode(t.s, b)
		w := units(r)
		if uu+w > u {
			break
		}
		uu += w
		b += size
		cp++
	}
	return cp
}

// Slice returns the text between code-point offsets start and end, both
// clamped to [0, Len]; it is empty when end <= start.
func (t *Text) Slice(start, end int) string {
	start, end = clamp(start, t.n), clamp(end, t.n)
	if end <= start {
		return ""
	}
	return t.s[t.Byte(start):t.Byte(end)]
}

// Context returns the text of the span [start, end) in code points and up to
// ContextLen code points before (prefix) and after (suffix) it. Offsets are
// clamped to [0, Len] and an end before start is treated as start.
func (t *Text) Context(start, end int) (exact, prefix, suffix string) {
	start = clamp(start, t.n)
	end = max(clamp(end, t.n), start)
	if !t.valid {
		return t.Slice(start, end), t.Slice(start-ContextLen, start), t.Slice(end, end+ContextLen)
	}
	b0, b1 := t.Byte(start), t.Byte(end)
	p := b0 // back ContextLen code points from b0
	for k := 0; k < ContextLen && p > 0; k++ {
		for p--; p > 0 && continuation(t.s[p]); p-- {
		}
	}
	return t.s[b0:b1], t.s[p:b0], t.s[b1:t.forward(b1, ContextLen)]
}

// runes returns the code points of the span [start, end), clamped.
func (t *Text) runes(start, end int) []rune {
	return []rune(t.Slice(start, end))
}

// IsQuoteMark reports whether r is a quotation mark of a language the
// annotator reads: straight, curly, low, guillemets and corner brackets. It is
// the one set of the editor's snapping and the suggestion engine.
func IsQuoteMark(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '"' || r == '\''
	}
	switch r {
	case '"', '\'', '“', '”', '„', '«', '»', '「', '」', '『', '』', '‘', '’', '‚', '‹', '›':
		return true
	}
	return false
}

// CodePointLen returns the length of s in code points, counting each
// invalid byte as one.
func CodePointLen(s string) int {
	return utf8.RuneCountInString(s)
}

// Slice returns the part of s between code-point offsets start and end
// (clamped to [0, CodePointLen(s)]); it is empty when end <= start.
func Slice(s string, start, end int) string {
	start = max(start, 0)
	if end <= start {
		return ""
	}
	b0, b1 := len(s), len(s)
	cp := 0
	for i := range s {
		if cp == start {
			b0 = i
		}
		if cp == end {
			b1 = i
			break
		}
		cp++
	}
	return s[b0:b1]
}
