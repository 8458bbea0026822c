package anchor

import (
	"os"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// offsetSeeds are strings that exercise every kind of code point.
var offsetSeeds = []string{
	"", "abc", "café", "cafe\u0301", "a😀b", "to\u00a0Kerry", "a\xffb\xe2\x82c",
	"“quoted” – dash’s", "\xed\xa0\x80 surrogate half", "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀x",
}

// FuzzOffsets compares every conversion with a plain reference loop.
func FuzzOffsets(f *testing.F) {
	for _, s := range offsetSeeds {
		f.Add(s)
	}
	f.Fuzz(checkOffsets)
}

// TestArticleOffsets runs the FuzzOffsets check on the real article.
func TestArticleOffsets(t *testing.T) {
	b, err := os.ReadFile(articlePath)
	if err != nil {
		t.Skipf("fixture article not available: %v", err)
	}
	checkOffsets(t, string(b))
}

// checkOffsets compares every conversion of s with a reference loop over
// utf8.DecodeRuneInString and utf16.RuneLen.
func checkOffsets(t *testing.T, s string) {
	tx := NewText(s)
	cp, u := 0, 0
	for b := 0; b < len(s); cp++ {
		r, size := utf8.DecodeRuneInString(s[b:])
		w := utf16.RuneLen(r)
		if got := tx.Byte(cp); got != b {
			t.Fatalf("Byte(%d) = %d, want %d", cp, got, b)
		}
		if got := tx.UTF16(cp); got != u {
			t.Fatalf("UTF16(%d) = %d, want %d", cp, got, u)
		}
		for i := b; i < b+size; i++ {
			if got := tx.CodePoint(i); got != cp {
				t.Fatalf("CodePoint(%d) = %d, want %d", i, got, cp)
			}
		}
		for i := u; i < u+w; i++ {
			if got := tx.FromUTF16(i); got != cp {
				t.Fatalf("FromUTF16(%d) = %d, want %d", i, got, cp)
			}
		}
		if got, want := tx.Slice(cp, cp+1), s[b:b+size]; got != want {
			t.Fatalf("Slice(%d, %d) = %q, want %q", cp, cp+1, got, want)
		}
		if got, want := Slice(s, cp, cp+2), tx.Slice(cp, cp+2); got != want {
			t.Fatalf("package Slice(%d, %d) = %q, Text.Slice %q", cp, cp+2, got, want)
		}
		exact, prefix, suffix := tx.Context(cp, cp+3)
		if exact != Slice(s, cp, cp+3) || prefix != Slice(s, cp-ContextLen, cp) || suffix != Slice(s, cp+3, cp+3+ContextLen) {
			t.Fatalf("Context(%d, %d) = %q, %q, %q; package Slice gives %q, %q, %q", cp, cp+3, exact, prefix, suffix,
				Slice(s, cp, cp+3), Slice(s, cp-ContextLen, cp), Slice(s, cp+3, cp+3+ContextLen))
		}
		b += size
		u += w
	}
	if tx.Len() != cp || CodePointLen(s) != cp {
		t.Fatalf("Len = %d, CodePointLen = %d, want %d", tx.Len(), CodePointLen(s), cp)
	}
	if tx.Byte(cp) != len(s) || tx.UTF16(cp) != u || tx.CodePoint(len(s)) != cp || tx.FromUTF16(u) != cp {
		t.Fatalf("end offsets: Byte %d UTF16 %d CodePoint %d FromUTF16 %d; want %d %d %d %d",
			tx.Byte(cp), tx.UTF16(cp), tx.CodePoint(len(s)), tx.FromUTF16(u), len(s), u, cp, cp)
	}
}

// FuzzExactAnchorsToItself: a span of a text, with its own context, is
// found in place in the same text.
func FuzzExactAnchorsToItself(f *testing.F) {
	for i, s := range offsetSeeds {
		f.Add(s, uint16(i), uint16(3))
	}
	f.Add("the art of the start of the art", uint16(4), uint16(2))
	f.Fuzz(func(t *testing.T, s string, i, j uint16) {
		tx := NewText(s)
		n := tx.Len()
		if n == 0 {
			return
		}
		start := int(i) % n
		end := start + 1 + int(j)%(n-start)
		exact, prefix, suffix := tx.Context(start, end)
		got := tx.Locate(Selector{Start: start, End: end, Exact: exact, Prefix: prefix, Suffix: suffix})
		if got.Status != Anchored || got.Start != start || got.End != end || got.Score != 1 {
			t.Fatalf("Locate(%d, %d, %q) = %+v, want anchored in place", start, end, exact, got)
		}
	})
}

// FuzzLocateInEditedText: locating a span after an arbitrary edit never
// panics and returns a span of the new text that is consistent with its
// status.
func FuzzLocateInEditedText(f *testing.F) {
	f.Add("The talks will resume in Geneva next month, officials said.", uint16(4), uint16(20), uint16(10), "Vienna")
	f.Add("a😀b c\xffd é e\u0301 f", uint16(1), uint16(5), uint16(2), "")
	f.Fuzz(func(t *testing.T, s string, i, j, at uint16, insert string) {
		old := NewText(s)
		n := old.Len()
		if n == 0 {
			return
		}
		start := int(i) % n
		end := start + 1 + int(j)%(n-start)
		exact, prefix, suffix := old.Context(start, end)
		cut := old.Byte(int(at) % (n + 1))
		nt := NewText(s[:cut] + insert + s[cut:])
		got := nt.Locate(Selector{Start: start, End: end, Exact: exact, Prefix: prefix, Suffix: suffix})
		switch got.Status {
		case Orphaned:
			if got.Start != 0 || got.End != 0 || got.Score != 0 {
				t.Fatalf("orphan with a span: %+v", got)
			}
		case Anchored, Moved:
			if nt.Slice(got.Start, got.End) != exact {
				t.Fatalf("%s at %d..%d holds %q, want %q", got.Status, got.Start, got.End, nt.Slice(got.Start, got.End), exact)
			}
		case Changed:
			if got.Start < 0 || got.End > nt.Len() || got.Start >= got.End {
				t.Fatalf("changed span out of range: %+v (len %d)", got, nt.Len())
			}
		default:
			t.Fatalf("unknown status %q", got.Status)
		}
		if got.Score < 0 || got.Score > 1 {
			t.Fatalf("score out of range: %+v", got)
		}
	})
}
