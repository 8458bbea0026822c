package anchor

import (
	"strings"
	"testing"
)

// TestConversions checks each conversion on hand-computed values.
func TestConversions(t *testing.T) {
	longE := strings.Repeat("é", 200)
	tests := []struct {
		why       string
		s         string
		cp        int // code point offset to convert
		wantByte  int
		wantUTF16 int
		b         int // byte offset to convert back
		wantFromB int
		u         int // UTF-16 offset to convert back
		wantFromU int
		wantLen   int
		wantSlice string // Slice(cp, cp+1)
	}{
		{why: "ASCII: all offsets coincide (fast path)", s: "abc", cp: 2, wantByte: 2, wantUTF16: 2, b: 1, wantFromB: 1, u: 3, wantFromU: 3, wantLen: 3, wantSlice: "c"},
		{why: "é is 2 bytes but 1 code point and 1 UTF-16 unit; byte 4 is inside é", s: "café!", cp: 4, wantByte: 5, wantUTF16: 4, b: 4, wantFromB: 3, u: 4, wantFromU: 4, wantLen: 5, wantSlice: "!"},
		{why: "a combining acute accent is its own code point (2 bytes)", s: "cafe\u0301!", cp: 5, wantByte: 6, wantUTF16: 5, b: 5, wantFromB: 4, u: 5, wantFromU: 5, wantLen: 6, wantSlice: "!"},
		{why: "an emoji is 4 bytes and a surrogate pair in UTF-16", s: "a😀b", cp: 2, wantByte: 5, wantUTF16: 3, b: 3, wantFromB: 1, u: 3, wantFromU: 2, wantLen: 3, wantSlice: "b"},
		{why: "a UTF-16 offset between the two surrogates gives the pair's start", s: "a😀b", cp: 1, wantByte: 1, wantUTF16: 1, b: 5, wantFromB: 2, u: 2, wantFromU: 1, wantLen: 3, wantSlice: "😀"},
		{why: "a no-break space (U+00A0) is 2 bytes, 1 code point, not a plain space", s: "to\u00a0Kerry", cp: 3, wantByte: 4, wantUTF16: 3, b: 3, wantFromB: 2, u: 3, wantFromU: 3, wantLen: 8, wantSlice: "K"},
		{why: "each invalid byte counts as one code point and one UTF-16 unit", s: "a\xffb\xe2\x82c", cp: 4, wantByte: 4, wantUTF16: 4, b: 5, wantFromB: 5, u: 2, wantFromU: 2, wantLen: 6, wantSlice: "\x82"},
		{why: "long non-ASCII text uses the sampled index beyond the first sample", s: longE, cp: 150, wantByte: 300, wantUTF16: 150, b: 301, wantFromB: 150, u: 199, wantFromU: 199, wantLen: 200, wantSlice: "é"},
		{why: "offsets past the end clamp to the end", s: "héllo", cp: 99, wantByte: 6, wantUTF16: 5, b: 99, wantFromB: 5, u: 99, wantFromU: 5, wantLen: 5, wantSlice: ""},
		{why: "negative offsets clamp to zero", s: "héllo", cp: -3, wantByte: 0, wantUTF16: 0, b: -1, wantFromB: 0, u: -7, wantFromU: 0, wantLen: 5, wantSlice: ""},
		{why: "the empty text has only offset 0", s: "", cp: 1, wantByte: 0, wantUTF16: 0, b: 1, wantFromB: 0, u: 1, wantFromU: 0, wantLen: 0, wantSlice: ""},
	}
	for _, tc := range tests {
		tx := NewText(tc.s)
		if got := tx.Len(); got != tc.wantLen {
			t.Errorf("%s: Len = %d, want %d", tc.why, got, tc.wantLen)
		}
		if got := CodePointLen(tc.s); got != tc.wantLen {
			t.Errorf("%s: CodePointLen = %d, want %d", tc.why, got, tc.wantLen)
		}
		if got := tx.Byte(tc.cp); got != tc.wantByte {
			t.Errorf("%s: Byte(%d) = %d, want %d", tc.why, tc.cp, got, tc.wantByte)
		}
		if got := tx.UTF16(tc.cp); got != tc.wantUTF16 {
			t.Errorf("%s: UTF16(%d) = %d, want %d", tc.why, tc.cp, got, tc.wantUTF16)
		}
		if got := tx.CodePoint(tc.b); got != tc.wantFromB {
			t.Errorf("%s: CodePoint(%d) = %d, want %d", tc.why, tc.b, got, tc.wantFromB)
		}
		if got := tx.FromUTF16(tc.u); got != tc.wantFromU {
			t.Errorf("%s: FromUTF16(%d) = %d, want %d", tc.why, tc.u, got, tc.wantFromU)
		}
		if got := tx.Slice(tc.cp, tc.cp+1); got != tc.wantSlice {
			t.Errorf("%s: Slice(%d, %d) = %q, want %q", tc.why, tc.cp, tc.cp+1, got, tc.wantSlice)
		}
		if got := Slice(tc.s, tc.cp, tc.cp+1); got != tc.wantSlice {
			t.Errorf("%s: package Slice(%d, %d) = %q, want %q", tc.why, tc.cp, tc.cp+1, got, tc.wantSlice)
		}
		if tx.String() != tc.s {
			t.Errorf("%s: String() = %q", tc.why, tx.String())
		}
	}
}

// TestContext checks the prefix/suffix lengths and clamping of Context.
func TestContext(t *testing.T) {
	s := strings.Repeat("é", 40) + "QUOTE" + strings.Repeat("ü", 40)
	tests := []struct {
		why                   string
		start, end            int
		exact, prefix, suffix string
	}{
		{"context is ContextLen code points, not bytes, on each side", 40, 45, "QUOTE", strings.Repeat("é", ContextLen), strings.Repeat("ü", ContextLen)},
		{"near the start the prefix is shorter", 2, 3, "é", "éé", strings.Repeat("é", ContextLen)},
		{"end before start is an empty span at start", 45, 40, "", strings.Repeat("é", 27) + "QUOTE", strings.Repeat("ü", ContextLen)},
		{"offsets past the end clamp", 200, 300, "", strings.Repeat("ü", ContextLen), ""},
	}
	for _, tc := range tests {
		exact, prefix, suffix := NewText(s).Context(tc.start, tc.end)
		if exact != tc.exact || prefix != tc.prefix || suffix != tc.suffix {
			t.Errorf("%s: Context(%d, %d) = %q, %q, %q; want %q, %q, %q", tc.why, tc.start, tc.end, exact, prefix, suffix, tc.exact, tc.prefix, tc.suffix)
		}
	}
}
