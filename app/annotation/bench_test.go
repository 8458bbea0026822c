package annotation

import (
	"strings"
	"testing"

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
