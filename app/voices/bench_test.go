package voices

import (
	"fmt"
	"testing"

	"github.com/newsroom/annotator/app/annotation"
)

// benchContributions are n articles' contributions: four sources each, from a
// pool of 3,000 names, over two years.
func benchContributions(n int) []Contribution {
	cs := make([]Contribution, n)
	for i := range cs {
		c := Contribution{ID: annotation.ID(fmt.Sprintf("urn:uuid:%08d-0000-4000-8000-000000000000", i)), Title: fmt.Sprint("Article ", i),
			Date: fmt.Sprintf("%d-%02d-%02d", 2025+i%2, 1+i%12, 1+i%28)}
		for k := range 4 {
			u := Use{Name: fmt.Sprint("Source ", (i*31+k*997)%3000), Quotes: 1 + k%2, Words: 12}
			switch k {
			case 0:
				u.Types, u.Genders = []string{"person"}, []string{[]string{"woman", "man"}[i%2]}
			case 3:
				u.Types = []string{"anonymous"}
			}
			c.Sources = append(c.Sources, u)
		}
		cs[i] = c
	}
	return cs
}

// BenchmarkCombine measures the report from contributions already made, as
// the browser makes it over the documents it keeps (500) and the server over
// a newsroom's (10,000).
func BenchmarkCombine(b *testing.B) {
	for _, n := range []int{500, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			cs := benchContributions(n)
			for b.Loop() {
				if rep := Combine(cs, Range{}); rep.Documents != n {
					b.Fatalf("%d documents, want %d", rep.Documents, n)
				}
			}
		})
	}
}
