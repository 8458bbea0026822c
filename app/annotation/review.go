package annotation

import (
	"fmt"
	"time"
)

// The edits of reviewing suggestions. A suggestion becomes the editor's own
// when accepted (origin human, no confidence); a suggested quote is accepted
// with its suggested speaker unless the editor says otherwise, so that
// accepting never leaves a quote linked to a source still to review.

// Accept returns the edit that accepts the suggestions ids and the suggested
// speakers of the quotes among them; what is not a suggestion is left alone.
func (s *Set) Accept(ids []ID, label string, now time.Time) (Edit, error) {
	e := Edit{Label: label}
	done := map[ID]bool{}
	accept := func(a Annotation) {
		if done[a.ID] || a.Origin != Suggested {
			return
		}
		done[a.ID] = true
		after := a
		after.Origin, after.Confidence, after.Modified = Human, 0, now
		e.Changes = append(e.Changes, Change{Before: &a, After: &after})
	}
	for _, id := range ids {
		a, ok := s.Get(id)
		if !ok {
			return Edit{}, notFound(id)
		}
		accept(a)
		if sp, ok := s.Get(a.Speaker); ok && a.Speaker != "" {
			accept(sp)
		}
	}
	return e, nil
}

// AcceptAbove returns the edit that accepts every suggestion at or above a
// confidence, with the speakers of its quotes.
func (s *Set) AcceptAbove(min float64, now time.Time) (Edit, error) {
	var ids []ID
	for _, a := range s.items {
		if a.Origin == Suggested && a.Confidence >= min {
			ids = append(ids, a.ID)
		}
	}
	return s.Accept(ids, fmt.Sprintf("Accept %d suggestions", len(ids)), now)
}

// AcceptWithoutSpeaker returns the edit that accepts a suggested quote
// without the speaker proposed for it: the link goes, and the suggested source
// too when no other quote is linked to it.
func (s *Set) AcceptWithoutSpeaker(id ID, now time.Time) (Edit, error) {
	q, ok := s.Get(id)
	switch {
	case !ok:
		return Edit{}, notFound(id)
	case q.Origin != Suggested || q.Kind != Quote:
		return Edit{}, fmt.Errorf("annotation %s is not a suggested quote", id)
	}
	e := Edit{Label: "Accept quote without its speaker"}
	after := q
	after.Origin, after.Confidence, after.Modified = Human, 0, now
	after.SetSpeaker("")
	e.Changes = append(e.Changes, Change{Before: &q, After: &after})
	if sp, ok := s.Get(q.Speaker); ok && q.Speaker != "" && sp.Origin == Suggested && !s.spokenElsewhere(sp.ID, q.ID) {
		e.Changes = append(e.Changes, Change{Before: &sp})
	}
	return e, nil
}

// spokenElsewhere reports whether a quote other than except is linked to source.
func (s *Set) spokenElsewhere(source, except ID) bool {
	for _, q := range s.items {
		if q.Speaker == source && q.ID != except {
			return true
		}
	}
	return false
}

// RejectAll returns the edit that removes every suggestion and unlinks the
// editor's quotes from suggested sources.
func (s *Set) RejectAll(now time.Time) Edit {
	e := Edit{Label: "Reject all suggestions"}
	for _, a := range s.items {
		if a.Origin == Suggested {
			e.Changes = append(e.Changes, Change{Before: &a})
		} else if sp, ok := s.Get(a.Speaker); ok && a.Speaker != "" && sp.Origin == Suggested {
			after := a
			after.SetSpeaker("")
			after.Modified = now
			e.Changes = append(e.Changes, Change{Before: &a, After: &after})
		}
	}
	return e
}

// AddSuggestions returns the edit that adds the proposals of the suggestion
// engine, and how many it adds. A proposal that overlaps an annotation of the
// same kind is left out, so suggestions never overwrite what is tagged; a
// proposed quote whose speaker was left out for a tagged source is linked to
// that source instead; and a tagged quote with no speaker gets the speaker
// proposed for it, with the engine's evidence, when that is a new (suggested)
// source — rejecting the source unlinks it.
func (s *Set) AddSuggestions(proposed []Annotation, now time.Time) (Edit, int) {
	replaced := map[ID]ID{}           // left-out source → the tagged one it matches
	speakerFor := map[ID]Annotation{} // tagged quote without a speaker → the proposed quote that has one
	var added []Annotation
	for _, p := range proposed {
		if other, ok := s.overlapping(p); ok {
			switch {
			case p.Kind == Source:
				replaced[p.ID] = other.ID
			case p.Kind == Quote && other.Speaker == "" && p.Speaker != "":
				speakerFor[other.ID] = p
			}
			continue
		}
		added = append(added, p)
	}
	e := Edit{Label: fmt.Sprintf("Suggest %d annotations", len(added))}
	proposedSource := map[ID]bool{}
	for i := range added {
		a := &added[i]
		if to, ok := replaced[a.Speaker]; ok {
			a.Speaker = to // the same person, tagged already: the engine's evidence holds
		}
		proposedSource[a.ID] = a.Kind == Source
		e.Changes = append(e.Changes, Change{After: a})
	}
	for _, q := range s.items {
		if p, ok := speakerFor[q.ID]; ok && proposedSource[p.Speaker] {
			before, after := q, q
			after.SetSpeaker(p.Speaker)
			after.SpeakerConfidence, after.SpeakerReason, after.Modified = p.SpeakerConfidence, p.SpeakerReason, now
			e.Changes = append(e.Changes, Change{Before: &before, After: &after})
		}
	}
	return e, len(added)
}

// overlapping returns an annotation of a's kind whose span overlaps a's.
func (s *Set) overlapping(a Annotation) (Annotation, bool) {
	for _, b := range s.items {
		if b.Kind == a.Kind && b.Start < a.End && a.Start < b.End {
			return b, true
		}
	}
	return Annotation{}, false
}

// Suggestions counts the suggestions waiting for review.
func (s *Set) Suggestions() int { return CountSuggestions(s.items) }
