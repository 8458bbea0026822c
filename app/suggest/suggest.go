// Package suggest proposes annotations for an article: its direct quotations,
// the sources who speak them and its photo credits. It is pure Go with no model
// and no network, so the same code runs in the browser (wasm) and natively.
//
// The engine reads the text as a reporter writes it. Quotation marks are paired
// by their shape and the characters around them, so apostrophes ("it’s",
// "organizers’", "’90s"), inch marks (5'10") and marks in code or addresses are
// left alone; quotations may run over several paragraphs. Each quotation's
// speaker is looked for next to it ("…," Kerry said; said Wazne; Kerry said:
// "…"), then in its sentence (Lavrov said the talks were "constructive"), then
// in the quotation before it. Pronouns resolve to the nearest fitting source
// before them, and a surname to the full name the text gave first. Precision
// comes before recall: what the engine doubts it leaves out or scores low.
package suggest

import (
	"time"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
)

// Options tune Suggest.
type Options struct {
	// MinConfidence drops suggestions scored below it (0 keeps all). A source is
	// kept, whatever its score, while a kept quotation names it as speaker.
	MinConfidence float64
	// Now is the time the suggestions are made (zero means time.Now()).
	Now time.Time
}

// Suggest returns suggested annotations for doc's text, in text order: quotes
// (with their speakers), sources and photo credits, each with Origin
// annotation.Suggested and a Confidence between 0 and 1. Together with doc they
// form a valid annotation.File.
func Suggest(doc annotation.Document, opts Options) []annotation.Annotation {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	now = now.UTC().Truncate(time.Second)
	a := analyze(doc.Text)
	text := anchor.NewText(doc.Text)
	set := annotation.NewSet(text, nil)
	var out []annotation.Annotation
	add := func(kind annotation.Kind, start, end int, conf float64) *annotation.Annotation {
		ann, err := set.New(kind, text.CodePoint(start), text.CodePoint(end), annotation.Suggested, now)
		if err != nil {
			return nil // an empty or white-space span: nothing to suggest
		}
		ann.Confidence = round(conf)
		out = append(out, ann)
		return &out[len(out)-1]
	}

	// Sources first, so that quotations can name them.
	keep := make([]bool, len(a.mentions))
	for i, m := range a.mentions {
		keep[i] = m.conf > 0 && m.conf >= opts.MinConfidence
	}
	for _, q := range a.quotes {
		if !q.drop && q.speaker >= 0 && q.conf >= opts.MinConfidence {
			keep[q.speaker] = true
		}
	}
	ids := make([]annotation.ID, len(a.mentions))
	for i, m := range a.mentions {
		if !keep[i] {
			continue
		}
		ann := add(annotation.Source, a.toks[m.t0].start, a.toks[m.t1-1].end, m.conf)
		if ann == nil {
			continue
		}
		if m.name != "" && m.name != ann.Exact {
			ann.Name = m.name
		}
		ids[i] = ann.ID
	}
	for _, q := range a.quotes {
		if q.drop || q.conf < opts.MinConfidence {
			continue
		}
		ann := add(annotation.Quote, q.start, q.end, q.conf)
		if ann != nil && q.speaker >= 0 {
			ann.Speaker = ids[q.speaker]
		}
	}
	for _, c := range a.credits {
		if c.conf >= opts.MinConfidence {
			add(annotation.PhotoCredit, c.start, c.end, c.conf)
		}
	}
	annotation.SortTextOrder(out)
	return out
}

// round keeps two decimals of a confidence, so files stay readable.
func round(c float64) float64 { return float64(int(c*100+0.5)) / 100 }
