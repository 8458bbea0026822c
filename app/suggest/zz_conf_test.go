package suggest

import (
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/annotation"
)

func TestZZConf(t *testing.T) {
	names, texts, golds := corpus(t)
	type b struct{ right, wrong int }
	buckets := map[float64]*b{}
	for _, name := range names {
		text := texts[name]
		doc := annotation.NewDocument(name, text, name)
		anns := Suggest(doc, Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
		byID := map[annotation.ID]annotation.Annotation{}
		for _, a := range anns {
			byID[a.ID] = a
		}
		for _, gq := range golds[name].Quotes {
			g := locate(t, text, gq)
			for _, a := range anns {
				if a.Kind == annotation.Quote && a.Start < g.end && g.start < a.End && a.Speaker != "" {
					p := span{speakers: []string{byID[a.Speaker].DisplayName()}}
					k := a.Confidence
					if buckets[k] == nil {
						buckets[k] = &b{}
					}
					if speakerOK(g, p) {
						buckets[k].right++
					} else {
						buckets[k].wrong++
					}
					break
				}
			}
		}
	}
	var ks []float64
	for k := range buckets {
		ks = append(ks, k)
	}
	sort.Float64s(ks)
	out := ""
	for _, k := range ks {
		out += fmt.Sprintf("\n%.2f right %d wrong %d", k, buckets[k].right, buckets[k].wrong)
	}
	t.Log(out)
}

func TestZZHigh(t *testing.T) {
	names, texts, golds := corpus(t)
	for _, name := range names {
		text := texts[name]
		doc := annotation.NewDocument(name, text, name)
		anns := Suggest(doc, Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
		byID := map[annotation.ID]annotation.Annotation{}
		for _, a := range anns {
			byID[a.ID] = a
		}
		for _, gq := range golds[name].Quotes {
			g := locate(t, text, gq)
			for _, a := range anns {
				if a.Kind == annotation.Quote && a.Start < g.end && g.start < a.End && a.Speaker != "" {
					p := span{speakers: []string{byID[a.Speaker].DisplayName()}}
					if a.Confidence >= 0.95 && !speakerOK(g, p) {
						sp := byID[a.Speaker]
						ctx := []rune(text)
						end := min(len(ctx), a.End+70)
						t.Logf("%s [%s] gold %v got %q: ...%s", name, gq.Pattern, g.speakers, sp.DisplayName(), string(ctx[a.End:end]))
					}
					break
				}
			}
		}
	}
}
