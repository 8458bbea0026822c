//go:build !wasm

package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
	"github.com/newsroom/annotator/app/s3test"
	"github.com/newsroom/annotator/app/store"
	"github.com/newsroom/annotator/app/store/storetest"
	"github.com/newsroom/annotator/app/store/storeurl"
)

// BenchmarkVoices measures GET /api/voices over 2,000 and 10,000 stored
// articles (about 5 KB of text, 4 sources and 6 quotes each, names shared
// across articles) in a folder and in S3-compatible object storage (the
// Versity gateway; skipped without it). warm is a request after one has
// read every article (the contributions are cached by ETag); cold is the
// first request of a server on a store just opened; list, for comparison,
// is GET /api/documents, the store's listing that every report starts with.
func BenchmarkVoices(b *testing.B) {
	backends := []struct {
		name string
		open func(b *testing.B) (url string)
	}{
		{"dirstore", func(b *testing.B) string { return b.TempDir() }},
		{"s3store", func(b *testing.B) string {
			srv := s3test.Start(b)
			srv.SetEnv(b)
			return srv.URL(srv.NewBucket(b))
		}},
	}
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			for _, n := range []int{2000, 10000} {
				b.Run(fmt.Sprint(n), func(b *testing.B) {
					url := be.open(b)
					seedVoices(b, url, n)
					b.Run("warm", func(b *testing.B) {
						srv := voicesServer(b, url)
						getVoices(b, srv.URL, n)
						for b.Loop() {
							getVoices(b, srv.URL, n)
						}
					})
					b.Run("list", func(b *testing.B) { // for comparison: GET /api/documents, the store's listing alone
						srv := voicesServer(b, url)
						getList(b, srv.URL, n)
						for b.Loop() {
							getList(b, srv.URL, n)
						}
					})
					b.Run("cold", func(b *testing.B) {
						for b.Loop() {
							b.StopTimer()
							srv := voicesServer(b, url)
							b.StartTimer()
							getVoices(b, srv.URL, n)
							b.StopTimer()
							srv.Close()
							b.StartTimer()
						}
					})
				})
			}
		})
	}
}

// voicesServer serves a store opened afresh at url.
func voicesServer(b *testing.B, url string) *httptest.Server {
	st, err := storeurl.Open(context.Background(), url, store.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	srv, _ := newTestServer(b, Config{Store: st})
	return srv
}

// getVoices asks for the report and checks that it covers n articles.
func getVoices(b *testing.B, base string, n int) {
	resp, err := http.Get(base + api.Voices)
	if err != nil {
		b.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || !strings.HasPrefix(string(body), fmt.Sprintf(`{"documents":%d,`, n)) {
		b.Fatalf("GET %s = %d %.200s %v", api.Voices, resp.StatusCode, body, err)
	}
}

// getList asks for the list of documents and checks that it has n.
func getList(b *testing.B, base string, n int) {
	resp, err := http.Get(base + api.Documents)
	if err != nil {
		b.Fatal(err)
	}
	var list []api.Summary
	err = json.NewDecoder(resp.Body).Decode(&list)
	resp.Body.Close()
	if err != nil || len(list) != n {
		b.Fatalf("GET %s = %d, %d documents, %v", api.Documents, resp.StatusCode, len(list), err)
	}
}

// seedVoices stores n generated articles at url, 16 at a time.
func seedVoices(b *testing.B, url string, n int) {
	st, err := storeurl.Open(context.Background(), url, store.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	work := make(chan int)
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for i := range work {
				f := benchArticle(b, i)
				if _, _, err := st.Put(context.Background(), f, storetest.MustEncode(b, f), store.Condition{}, ""); err != nil {
					b.Error(err)
				}
			}
		})
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
}

// benchFirst and benchLast make 3,000 source names.
var (
	benchFirst = strings.Fields("Jane Omar Ana Li Maria John Aisha Peter Sofia Ahmed Emma David Fatima Lucas Olivia James Mei Carlos Grace Ivan Nora Samuel Leila Hugo Chloe Daniel Yara Tomas Ruth Felix Ines Marco Hana Victor Alice Noah Zara Leo Clara Adam Eva Oscar Nina Paul Rosa Ali Lena Kofi Ada Mateo Iris Ravi Lucy Sean Amara Jonas Elif Diego Maya Ethan")
	benchLast  = strings.Fields("Holt Reyes Costa Wei Silva Smith Khan Novak Rossi Haddad Berg Okafor Tanaka Dubois Moreau Fischer Kowalski Garcia Larsen Ivanova Murphy Sato Mendes Nakamura Olsen Petrov Quinn Richter Santos Turner Umar Varga Weber Young Zhang Abbott Baker Chen Duarte Evans Ford Gomez Hughes Ito Jensen Kim Lopez Meyer Nolan Ortiz")
	benchFill  = "The council met on Tuesday evening to debate the proposal, which has divided residents for months. Figures released last week show the gap widening, and several members asked for more time to study the numbers before any vote. "
)

// benchArticle is article i of the benchmark: four sources (one named with a
// confirmed voice, one with a proposed gender, one anonymous, one without a
// voice), six quotes, and a published date except for one article in ten.
func benchArticle(b *testing.B, i int) annotation.File {
	var text strings.Builder
	type span struct{ start, end int }
	var sources, quotes []span
	var speakers []int
	runes := 0
	write := func(s string) span {
		start := runes
		text.WriteString(s)
		runes += utf8.RuneCountInString(s)
		return span{start, runes}
	}
	names := make([]string, 4)
	first := 0
	for k := range 3 {
		j := (i*31 + k*997) % (len(benchFirst) * len(benchLast))
		names[k] = benchFirst[j%len(benchFirst)] + " " + benchLast[j/len(benchFirst)]
		if k == 0 {
			first = j
		}
	}
	names[3] = "officials"
	for q := range 6 {
		k := q % 4
		write(benchFill + benchFill)
		write("“")
		quotes = append(quotes, write(fmt.Sprintf("Point %d of article %d is that the plan will cost more than anyone says,", q, i)))
		write("” said ")
		if q < 4 {
			sources = append(sources, write(names[k]))
		} else {
			write(names[k])
		}
		speakers = append(speakers, k)
		write(".\n\n")
	}
	doc := annotation.NewDocument(fmt.Sprintf("Article %d", i), text.String(), "")
	if i%10 != 0 {
		doc.Published = time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC).AddDate(0, 0, i%730)
	}
	set := annotation.NewSet(anchor.NewText(doc.Text), nil)
	var anns []annotation.Annotation
	voices := []*annotation.Voice{
		{Type: "person", Gender: []string{"woman", "man"}[first%2], Role: "official"},
		{Type: "person", Gender: "woman", Proposed: []string{"gender"}},
		nil,
		{Type: "anonymous"},
	}
	for k, sp := range sources {
		a, err := set.New(annotation.Source, sp.start, sp.end, annotation.Human, testTime)
		if err != nil {
			b.Fatal(err)
		}
		a.Name, a.Voice = names[k], voices[k]
		anns = append(anns, a)
	}
	for q, sp := range quotes {
		a, err := set.New(annotation.Quote, sp.start, sp.end, annotation.Human, testTime)
		if err != nil {
			b.Fatal(err)
		}
		a.Speaker = anns[speakers[q]].ID
		anns = append(anns, a)
	}
	return annotation.NewFile(doc, anns)
}
