package annotation

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/anchor"
)

// bigFile returns a file of n annotations over a text made of the sample article
// repeated copies times (one copy is 3,543 code points, about 560 words).
func bigFile(b *testing.B, n, copies int) File {
	b.Helper()
	base := sampleFile(b)
	text := strings.Repeat(base.Document.Text+"\n\n", copies)
	doc := Document{ID: testID(1), Title: "big", Text: text, SHA256: TextHash(text)}
	set := NewSet(anchor.NewText(text), nil)
	period := anchor.CodePointLen(base.Document.Text) + 2
	var anns []Annotation
	for i := 0; len(anns) < n; i++ {
		a := base.Annotations[i%len(base.Annotations)]
		shift := (i / len(base.Annotations) % copies) * period
		na, err := set.New(a.Kind, a.Start+shift, a.End+shift, Human, testTime)
		if err != nil {
			b.Fatal(err)
		}
		na.ID, na.Note = testID(10000+i), a.Note
		anns = append(anns, na)
	}
	return NewFile(doc, anns)
}

// texts are the article sizes the codec is measured on: a long feature of
// 20,000 words (the editor's performance case) and a 1 MB text.
var texts = []struct {
	name   string
	copies int
}{{"words=20000", 36}, {"text=1MB", 250}}

// BenchmarkDecode1000 decodes and validates a file of 1,000 annotations (target ≤ 20 ms).
func BenchmarkDecode1000(b *testing.B) {
	for _, tx := range texts {
		b.Run(tx.name, func(b *testing.B) {
			data, err := Encode(bigFile(b, 1000, tx.copies))
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Decode(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEncode1000 encodes a file of 1,000 annotations (target ≤ 20 ms).
func BenchmarkEncode1000(b *testing.B) {
	for _, tx := range texts {
		b.Run(tx.name, func(b *testing.B) {
			f := bigFile(b, 1000, tx.copies)
			for b.Loop() {
				if _, err := Encode(f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMerge merges two edits of a 20,000-word article's 1,000
// annotations (target ≤ 5 ms): each side changes the notes of a tenth (ten
// of them both, differently), deletes 20 and tags 20 more, ten of them on
// the same words as the other side.
func BenchmarkMerge(b *testing.B) {
	base := bigFile(b, 1000, 36)
	text := anchor.NewText(base.Document.Text)
	side := func(first, noted, deleted, shift int) File {
		f := NewFile(base.Document, slices.Clone(base.Annotations))
		for i := range f.Annotations {
			if i%10 == noted || i%100 == 0 {
				f.Annotations[i].Note, f.Annotations[i].Modified = fmt.Sprintf("checked by %d", first), testTime.Add(time.Hour)
			}
		}
		f.Annotations = slices.Delete(f.Annotations, deleted, deleted+20)
		set := NewSet(text, nil)
		for i := range 20 {
			start := 5000*i + 3 + shift*(i%2)
			a, err := set.New(Quote, start, start+40, Human, testTime)
			if err != nil {
				b.Fatal(err)
			}
			a.ID = testID(first + i)
			f.Annotations = append(f.Annotations, a)
		}
		return f
	}
	mine, theirs := side(30000, 1, 300, 0), side(40000, 2, 400, 2)
	m, err := Merge(base, mine, theirs)
	// Of the 40 deleted, 6 were changed on the other side and stay; 10 of
	// the 40 tagged are made one; 2 of the 10 notes both changed are deleted
	// on one side.
	if err != nil || m.File.Validate() != nil || len(m.File.Annotations) != 1000-40+6+30 || len(m.Conflicts) != 8 {
		b.Fatalf("%v, %v: %d annotations, %d conflicts; want 996 and 8", err, m.File.Validate(), len(m.File.Annotations), len(m.Conflicts))
	}
	for b.Loop() {
		if _, err := Merge(base, mine, theirs); err != nil {
			b.Fatal(err)
		}
	}
}
