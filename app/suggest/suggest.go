// Package suggest proposes annotations for an article: its direct quotations,
// the sources who speak them and its photo credits. It is pure Go with no model
// and no network, so the same code runs in the browser (wasm) and natively.
//
// The engine reads the text as a reporter writes it. Quotation marks are paired
// by their shape and the characters around them, so apostrophes ("it’s",
// "organizers’", "’90s"), inch marks (5'10") and marks in code or addresses are
// left alone; quotations may run over several paragraphs. Each quotation's
// speaker is looked for next to it ("…," Kerry said; said Wazne; Kerry said:
// "…"), then in its sentence (Lavrov said the talks were "constructive";
// Ferrell vetoed the bill, calling it "…"), then in the quotation before it
// or the sentence or paragraph before. Pronouns resolve to the candidate a
// small scored model of the text before them prefers (subject, speaker,
// gender, distance), descriptions to the body or person the text gave their
// word or kind ("the newspaper" for The Daily Ledger, "the board president"
// for Board President Evelyn Craddock), and a surname to the full name the
// text gave in its paragraph or first. Precision comes before recall: what
// the engine doubts it leaves out or scores low, and a speaker link's
// confidence and reason say how it was found.
package suggest

import (
	"cmp"
	"math"
	"slices"
	"time"
	"unicode/utf8"

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
// annotation.Suggested and a Confidence between 0 and 1; a source has the
// voice the engine proposes for it (Voice.Proposed lists its fields). Together with doc they
// form a valid annotation.File. Nothing is suggested in the document's blocks
// of page furniture (annotation.Chrome). A text of 2 GiB or more gets none.
func Suggest(doc annotation.Document, opts Options) []annotation.Annotation {
	if len(doc.Text) > math.MaxInt32 {
		return nil // beyond the analyzer's int32 offsets
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	now = now.UTC().Truncate(time.Second)
	text := anchor.NewText(doc.Text)
	a := analyze(withoutChrome(text, doc.Blocks), captions(text, doc.Blocks))
	defer a.release()

	// What to suggest, in byte offsets; a quote's speaker is the index of its
	// source in items.
	items := make([]item, 0, len(a.mentions)+len(a.quotes)+len(a.credits))
	keep := make([]bool, len(a.mentions))
	for i, m := range a.mentions {
		keep[i] = m.conf > 0 && m.conf >= opts.MinConfidence
	}
	for _, q := range a.quotes {
		if !q.drop && q.speaker >= 0 && q.conf >= opts.MinConfidence {
			keep[q.speaker] = true
		}
	}
	at := make([]int, len(a.mentions)) // a mention's item, or -1
	voices := a.voices(keep)
	for i, m := range a.mentions {
		at[i] = -1
		if keep[i] {
			at[i] = len(items)
			items = append(items, item{kind: annotation.Source, start: int(a.toks[m.t0].start), end: int(a.toks[m.t1-1].end), conf: m.conf, name: m.name, speaker: -1, voice: voices[i]})
		}
	}
	for _, q := range a.quotes {
		if !q.drop && q.conf >= opts.MinConfidence {
			it := item{kind: annotation.Quote, start: q.start, end: q.end, conf: q.conf, speaker: -1, how: q.how}
			if q.speaker >= 0 {
				it.speaker = at[q.speaker]
			}
			items = append(items, it)
		}
	}
	for _, c := range a.credits {
		if c.conf >= opts.MinConfidence {
			items = append(items, item{kind: annotation.PhotoCredit, start: c.start, end: c.end, conf: c.conf, speaker: -1})
		}
	}

	// Make the annotations in text order (byte order is code-point order), so
	// that the final sort has nothing to move.
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int {
		p, q := &items[x], &items[y]
		switch {
		case p.start != q.start:
			return p.start - q.start
		case p.end != q.end:
			return q.end - p.end
		}
		return cmp.Compare(p.kind, q.kind)
	})
	set := annotation.NewSet(text, nil)
	cps := codePoints{text: text}
	out := make([]annotation.Annotation, 0, len(items))
	ids := make([]annotation.ID, len(items))
	for _, i := range order {
		it := &items[i]
		ann, err := set.New(it.kind, cps.at(it.start), cps.at(it.end), annotation.Suggested, now)
		if err != nil {
			continue // an empty or white-space span: nothing to suggest
		}
		ann.Confidence = round(it.conf)
		if it.name != "" && it.name != ann.Exact {
			ann.Name = it.name
		}
		ann.Voice = it.voice
		ids[i] = ann.ID
		out = append(out, ann)
	}
	k := 0
	for _, i := range order {
		if ids[i] == "" {
			continue
		}
		if sp := items[i].speaker; sp >= 0 && ids[sp] != "" { // none when the source made no annotation
			out[k].Speaker = ids[sp]
			out[k].SpeakerConfidence, out[k].SpeakerReason = round(items[i].conf), items[i].how
		}
		k++
	}
	if !slices.IsSortedFunc(out, annotation.CompareTextOrder) {
		annotation.SortTextOrder(out) // spans alike but for their IDs
	}
	return out
}

// withoutChrome returns the text with the blocks of page furniture (menus,
// share bars, related links) blanked, byte for byte, so that nothing is
// suggested in them and every other offset stays where it is.
func withoutChrome(text *anchor.Text, blocks []annotation.Block) string {
	var b []byte
	for _, bl := range blocks {
		if bl.Role != annotation.Chrome {
			continue
		}
		if b == nil {
			b = []byte(text.String())
		}
		for i := text.Byte(bl.Start); i < text.Byte(bl.End); i++ {
			if b[i] != '\n' {
				b[i] = ' '
			}
		}
	}
	if b == nil {
		return text.String()
	}
	return string(b)
}

// captions returns the byte spans of the document's photo captions.
func captions(text *anchor.Text, blocks []annotation.Block) [][2]int {
	var cs [][2]int
	for _, b := range blocks {
		if b.Role == annotation.Caption {
			cs = append(cs, [2]int{text.Byte(b.Start), text.Byte(b.End)})
		}
	}
	return cs
}

// item is an annotation to make, in byte offsets.
type item struct {
	kind       annotation.Kind
	start, end int
	conf       float64
	name       string            // a source's full name
	speaker    int               // a quote's source, as an index in the items, or -1
	how        string            // the evidence for a quote's speaker
	voice      *annotation.Voice // a source's proposed voice, or nil
}

// codePoints converts byte offsets to code points, counting forward from the
// last offset converted when it is near.
type codePoints struct {
	text  *anchor.Text
	b, cp int
}

func (c *codePoints) at(b int) int {
	if b >= c.b && b-c.b < 256 {
		c.cp += utf8.RuneCountInString(c.text.String()[c.b:b])
	} else {
		c.cp = c.text.CodePoint(b)
	}
	c.b = b
	return c.cp
}

// round keeps two decimals of a confidence, so files stay readable.
func round(c float64) float64 { return float64(int(c*100+0.5)) / 100 }
