package editor

import (
	"cmp"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/newsroom/annotator/app/annotation"
)

// Tagging from the caret: with no text selected, q, s and p tag what the
// editor most likely means at the caret — the quotation, the name or the photo
// credit it is in, or else the next one after it not yet tagged as that kind —
// so that tagging by keyboard needs no selecting.

// SpanAt returns the span TagAt would tag for kind at the caret offset, and
// false when there is none at or after it.
func (s *State) SpanAt(kind annotation.Kind, caret int) (start, end int, ok bool) {
	caret = max(0, min(caret, s.Text.Len()))
	var find func(p Paragraph, from int) (int, int, bool)
	switch kind {
	case annotation.Quote:
		find = s.quotationAfter
	case annotation.Source:
		find = s.nameAfter
	case annotation.PhotoCredit:
		find = s.creditAfter
	default:
		return 0, 0, false
	}
	for _, i := range s.parasFrom(caret) {
		p := s.Paras[i]
		from := max(p.Start, caret)
		for {
			start, end, ok := find(p, from)
			if !ok {
				break
			}
			from = end
			// As Tag will snap it: a quotation's closing comma is not the quote's.
			if start, end, ok = snapSelection(s.Text, start, end); ok && !s.tagged(kind, start, end) {
				return start, end, true
			}
		}
	}
	return 0, 0, false
}

// TagAt tags, as kind, the span SpanAt finds at the caret, like Tag.
func (s *State) TagAt(kind annotation.Kind, caret int, now time.Time) (annotation.Edit, []int, error) {
	start, end, ok := s.SpanAt(kind, caret)
	if !ok {
		return annotation.Edit{}, nil, ErrNothingAfterCaret
	}
	return s.Tag(kind, start, end, now)
}

// ErrNothingAfterCaret is TagAt's error when nothing of the kind follows the caret.
var ErrNothingAfterCaret = errors.New("nothing of that kind after the caret: select the words to tag")

// parasFrom returns the indexes of the paragraphs from the one holding offset
// (or the next one) to the end, skipping page furniture.
func (s *State) parasFrom(offset int) []int {
	var out []int
	for i, p := range s.Paras {
		if p.End > offset && p.Role != annotation.Chrome {
			out = append(out, i)
		}
	}
	return out
}

// tagged reports whether an annotation of kind already covers [start, end).
func (s *State) tagged(kind annotation.Kind, start, end int) bool {
	for _, a := range s.Set.All() {
		if a.Kind == kind && a.Start <= start && a.End >= end {
			return true
		}
	}
	return false
}

// runes returns the code points of paragraph p.
func (s *State) runes(p Paragraph) []rune { return []rune(s.Text.Slice(p.Start, p.End)) }

// quotationAfter returns the inside of the first quotation of p that ends
// after from: quotation marks paired by their shape (a straight mark opens
// and closes in turn), a quotation left open ending with the paragraph.
func (s *State) quotationAfter(p Paragraph, from int) (int, int, bool) {
	rs := s.runes(p)
	open := -1
	var closer rune
	for i, c := range rs {
		if open < 0 {
			if cl, ok := opens(rs, i); ok {
				open, closer = i, cl
			}
			continue
		}
		if c == closer || closer == '”' && c == '"' {
			if start, end := p.Start+open+1, p.Start+i; end > from && end > start {
				return start, end, true
			}
			open = -1
		}
	}
	if open >= 0 && p.Start+open+1 < p.End && p.End > from {
		return p.Start + open + 1, p.End, true
	}
	return 0, 0, false
}

// opens reports whether the mark at i opens a quotation, and the mark that closes it.
func opens(rs []rune, i int) (rune, bool) {
	atWordStart := i == 0 || unicode.IsSpace(rs[i-1]) || strings.ContainsRune("([—–-", rs[i-1])
	switch rs[i] {
	case '“', '„':
		return '”', true
	case '«':
		return '»', true
	case '"':
		return '"', true
	case '‘', '‚':
		return '’', atWordStart
	}
	return 0, false
}

// nameAfter returns the first name of p that ends after from: a run of
// capitalised words ("Sergei Lavrov", "Bashar al-Assad"), starting with the
// word at from.
func (s *State) nameAfter(p Paragraph, from int) (int, int, bool) {
	rs := s.runes(p)
	i := from - p.Start
	for i > 0 && i < len(rs) && isWordRune(s.Text, p.Start+i-1) && isWordRune(s.Text, p.Start+i) { // back to the start of the word the caret is in
		i--
	}
	for ; i < len(rs); i++ {
		if (i > 0 && isWordRune(s.Text, p.Start+i-1)) || !unicode.IsUpper(rs[i]) {
			continue
		}
		end := i
		for {
			w := end
			for w < len(rs) && isWordRune(s.Text, p.Start+w) {
				w++
			}
			end = w
			// Another capitalised word, or a particle before one, carries the name on.
			next := end
			for next < len(rs) && rs[next] == ' ' {
				next++
			}
			n := next
			for n < len(rs) && isWordRune(s.Text, p.Start+n) {
				n++
			}
			word := string(rs[next:n])
			switch {
			case next > end && next < len(rs) && unicode.IsUpper(rs[next]):
				end = next
			case next > end && nameParticles[word] && n+1 < len(rs) && rs[n] == ' ' && unicode.IsUpper(rs[n+1]):
				end = n + 1
			case next > end && strings.Contains(word, "-") && nameParticles[strings.SplitN(word, "-", 2)[0]]:
				end = n // "al-Assad"
			default:
				return p.Start + i, p.Start + end, true
			}
		}
	}
	return 0, 0, false
}

// nameParticles are the lower-case words inside names ("Charles de Gaulle").
var nameParticles = map[string]bool{"de": true, "da": true, "van": true, "von": true, "der": true, "bin": true, "al": true, "la": true, "le": true, "du": true, "del": true, "di": true}

// creditAfter returns the first photo credit line of p that ends after from:
// a short line of names joined by slashes ("Larry Downing/AFP/Getty Images"),
// or one a credit label introduces ("Photo: Jane Doe/Reuters"), without its label.
func (s *State) creditAfter(p Paragraph, from int) (int, int, bool) {
	at := p.Start
	for line := range strings.SplitSeq(s.Text.Slice(p.Start, p.End), "\n") {
		n := len([]rune(line))
		start, end := at, at+n
		at = end + 1
		if end <= from {
			continue
		}
		rest, labelled := annotation.CutCreditLabel(line)
		words := len(strings.Fields(rest))
		if rest == "" || words > 12 || !labelled && !strings.Contains(rest, "/") && !strings.HasPrefix(rest, "©") {
			continue
		}
		// The credit is the line's last len(rest) code points, without the label.
		lead := n - len([]rune(strings.TrimRightFunc(line, unicode.IsSpace)))
		end -= lead
		start = end - len([]rune(rest))
		return start, end, true
	}
	return 0, 0, false
}

// LinkChoices are the annotations the selected one may be linked to, nearest
// first, at most n: for a quote, the sources (one per name); for a source,
// the quotes, those without a speaker first.
func (s *State) LinkChoices(n int) []annotation.Annotation {
	sel, ok := s.Set.Get(s.Selected)
	if !ok || sel.Kind == annotation.PhotoCredit {
		return nil
	}
	want := annotation.Source
	if sel.Kind == annotation.Source {
		want = annotation.Quote
	}
	dist := func(a annotation.Annotation) int {
		if a.End <= sel.Start {
			return sel.Start - a.End
		}
		return max(0, a.Start-sel.End)
	}
	var out []annotation.Annotation
	for _, a := range s.Set.All() {
		if a.Kind == want && a.Origin == annotation.Human {
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(a, b annotation.Annotation) int {
		if want == annotation.Quote {
			if c := cmp.Compare(boolInt(a.Speaker != ""), boolInt(b.Speaker != "")); c != 0 {
				return c
			}
		}
		return cmp.Compare(dist(a), dist(b))
	})
	if want == annotation.Source { // one choice per name: its nearest mention
		seen := map[string]bool{}
		out = slices.DeleteFunc(out, func(a annotation.Annotation) bool {
			n := strings.ToLower(a.DisplayName())
			dup := seen[n]
			seen[n] = true
			return dup
		})
	}
	return out[:min(len(out), n)]
}

// LinkTo links the selected annotation and choice, a quote and a source in
// either order, and keeps the selection where it was.
func (s *State) LinkTo(choice annotation.ID, now time.Time) (annotation.Edit, error) {
	quote, source := s.Selected, choice
	if a, ok := s.Set.Get(quote); ok && a.Kind == annotation.Source {
		quote, source = source, quote
	}
	return s.Set.Link(quote, source, now)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
