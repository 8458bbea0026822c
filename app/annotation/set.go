package annotation

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/newsroom/annotator/app/anchor"
)

// Set is a document's annotations, kept in text order, with the text they mark.
// Edits are computed by its methods as values and applied with Apply, so that a
// History can undo and redo them.
type Set struct {
	text  *anchor.Text
	items []Annotation
}

// NewSet returns a set of anns (copied) over text. The annotations should be valid
// for text (see File.Validate).
func NewSet(text *anchor.Text, anns []Annotation) *Set {
	items := slices.Clone(anns)
	SortTextOrder(items)
	return &Set{text: text, items: items}
}

// Text returns the text the annotations mark.
func (s *Set) Text() *anchor.Text { return s.text }

// All returns the annotations in text order. The slice is the set's own: do not modify it.
func (s *Set) All() []Annotation { return s.items }

// Len returns the number of annotations.
func (s *Set) Len() int { return len(s.items) }

// Get returns the annotation with the id.
func (s *Set) Get(id ID) (Annotation, bool) {
	i := s.index(id)
	if i < 0 {
		return Annotation{}, false
	}
	return s.items[i], true
}

func (s *Set) index(id ID) int {
	return slices.IndexFunc(s.items, func(a Annotation) bool { return a.ID == id })
}

// Change replaces one annotation: Before nil adds After, After nil removes Before.
type Change struct {
	Before *Annotation `json:"before,omitempty"`
	After  *Annotation `json:"after,omitempty"`
}

// Edit is one undoable step: the changes it makes, and a label for an editor ("Add quote").
type Edit struct {
	Label   string   `json:"label"`
	Changes []Change `json:"changes"`
}

// Inverse returns the edit that undoes e.
func (e Edit) Inverse() Edit {
	inv := Edit{Label: e.Label, Changes: make([]Change, len(e.Changes))}
	for i, c := range e.Changes {
		inv.Changes[len(e.Changes)-1-i] = Change{Before: c.After, After: c.Before}
	}
	return inv
}

// Apply makes the edit's changes. It fails, changing nothing, when the set does not
// hold what the edit expects to replace.
func (s *Set) Apply(e Edit) error {
	items := slices.Clone(s.items)
	for _, c := range e.Changes {
		switch {
		case c.Before == nil && c.After == nil:
			continue
		case c.Before == nil:
			if slices.ContainsFunc(items, func(a Annotation) bool { return a.ID == c.After.ID }) {
				return fmt.Errorf("%s: annotation %s already exists", e.Label, c.After.ID)
			}
			items = append(items, *c.After)
		default:
			i := slices.IndexFunc(items, func(a Annotation) bool { return a.ID == c.Before.ID })
			if i < 0 || !sameAnnotation(items[i], *c.Before) {
				return fmt.Errorf("%s: annotation %s is not as the edit expects", e.Label, c.Before.ID)
			}
			if c.After == nil {
				items = slices.Delete(items, i, i+1)
			} else {
				items[i] = *c.After
			}
		}
	}
	SortTextOrder(items)
	s.items = items
	return nil
}

// sameAnnotation reports whether a and b are equal in every field.
func sameAnnotation(a, b Annotation) bool { return reflect.DeepEqual(a, b) }

// New returns a new annotation of kind over [start, end) with its text and context
// filled in; a photo credit gets its credit parsed. It does not add it to the set.
func (s *Set) New(kind Kind, start, end int, origin Origin, now time.Time) (Annotation, error) {
	if !kind.Valid() {
		return Annotation{}, fmt.Errorf("%q is not a kind (quote, source or photo-credit)", kind)
	}
	if start < 0 || end > s.text.Len() || end <= start {
		return Annotation{}, fmt.Errorf("span %d–%d is not inside the text (%d code points)", start, end, s.text.Len())
	}
	exact, prefix, suffix := s.text.Context(start, end)
	if strings.TrimSpace(exact) == "" {
		return Annotation{}, fmt.Errorf("span %d–%d holds only white space", start, end)
	}
	a := Annotation{
		ID: NewID(), Kind: kind, Start: start, End: end,
		Exact: exact, Prefix: prefix, Suffix: suffix,
		Origin: origin, Created: now, Modified: now,
	}
	if kind == PhotoCredit {
		c := ParseCredit(exact)
		a.Credit = &c
	}
	return a, nil
}

// Add returns the edit that adds a.
func (s *Set) Add(a Annotation) (Edit, error) {
	if _, err := ParseID(string(a.ID)); err != nil {
		return Edit{}, err
	}
	if s.index(a.ID) >= 0 {
		return Edit{}, fmt.Errorf("annotation %s already exists", a.ID)
	}
	if ps := validateAnnotation(a, s.text, s.text.Len()).under("annotation"); len(ps) > 0 {
		return Edit{}, ps.err()
	}
	if a.Speaker != "" {
		if err := s.checkSource(a.Speaker); err != nil {
			return Edit{}, err
		}
	}
	return Edit{Label: "Add " + KindLabel(a.Kind), Changes: []Change{{After: &a}}}, nil
}

// Replace returns the edit that replaces every annotation with anns, which
// must be valid for the set's text (an import, or another tab's changes).
func (s *Set) Replace(label string, anns []Annotation) Edit {
	e := Edit{Label: label}
	for _, a := range s.items {
		e.Changes = append(e.Changes, Change{Before: &a})
	}
	for _, a := range anns {
		e.Changes = append(e.Changes, Change{After: &a})
	}
	return e
}

// Remove returns the edit that removes the annotation and, for a source, unlinks
// the quotes it speaks.
func (s *Set) Remove(id ID, now time.Time) (Edit, error) {
	a, ok := s.Get(id)
	if !ok {
		return Edit{}, notFound(id)
	}
	e := Edit{Label: "Delete " + KindLabel(a.Kind), Changes: []Change{{Before: &a}}}
	e.Changes = append(e.Changes, s.unlinkQuotesOf(id, now)...)
	return e, nil
}

// SetKind returns the edit that changes the annotation's kind, dropping what only
// the old kind has: a quote's speaker, a source's name and the quotes' links to it,
// a photo credit's credit.
func (s *Set) SetKind(id ID, kind Kind, now time.Time) (Edit, error) {
	if !kind.Valid() {
		return Edit{}, fmt.Errorf("%q is not a kind (quote, source or photo-credit)", kind)
	}
	return s.modify(id, "Change to "+KindLabel(kind), now, func(a *Annotation) ([]Change, error) {
		if a.Kind == kind {
			return nil, nil
		}
		var more []Change
		if a.Kind == Source {
			more = s.unlinkQuotesOf(id, now)
		}
		a.SetSpeaker("")
		a.Kind, a.Name, a.Credit = kind, "", nil
		if kind == PhotoCredit {
			c := ParseCredit(a.Exact)
			a.Credit = &c
		}
		return more, nil
	})
}

// Link returns the edit that makes source the speaker of quote.
func (s *Set) Link(quote, source ID, now time.Time) (Edit, error) {
	if err := s.checkSource(source); err != nil {
		return Edit{}, err
	}
	return s.modify(quote, "Link speaker", now, func(a *Annotation) ([]Change, error) {
		if a.Kind != Quote {
			return nil, fmt.Errorf("annotation %s is a %s, not a quote", quote, a.Kind)
		}
		a.SetSpeaker(source)
		return nil, nil
	})
}

// Unlink returns the edit that removes the quote's speaker.
func (s *Set) Unlink(quote ID, now time.Time) (Edit, error) {
	return s.modify(quote, "Unlink speaker", now, func(a *Annotation) ([]Change, error) {
		a.SetSpeaker("")
		return nil, nil
	})
}

// SetNote returns the edit that sets the annotation's note.
func (s *Set) SetNote(id ID, note string, now time.Time) (Edit, error) {
	return s.modify(id, "Edit note", now, func(a *Annotation) ([]Change, error) {
		a.Note = note
		return nil, nil
	})
}

// SetName returns the edit that sets a source's display name; an empty name means
// the source's own text.
func (s *Set) SetName(id ID, name string, now time.Time) (Edit, error) {
	name = strings.TrimSpace(name)
	return s.modify(id, "Rename source", now, func(a *Annotation) ([]Change, error) {
		if a.Kind != Source {
			return nil, fmt.Errorf("annotation %s is a %s, not a source", id, a.Kind)
		}
		if name == a.Exact {
			name = ""
		}
		a.Name = name
		return nil, nil
	})
}

// SetCredit returns the edit that sets a photo credit's creators and agencies.
func (s *Set) SetCredit(id ID, c Credit, now time.Time) (Edit, error) {
	return s.modify(id, "Edit credit", now, func(a *Annotation) ([]Change, error) {
		if a.Kind != PhotoCredit {
			return nil, fmt.Errorf("annotation %s is a %s, not a photo credit", id, a.Kind)
		}
		a.Credit = &c
		return nil, nil
	})
}

// modify builds an edit that changes one annotation with change, which may return
// further changes to other annotations. An edit that changes nothing has no changes.
func (s *Set) modify(id ID, label string, now time.Time, change func(*Annotation) ([]Change, error)) (Edit, error) {
	before, ok := s.Get(id)
	if !ok {
		return Edit{}, notFound(id)
	}
	after := before
	if before.Credit != nil {
		c := *before.Credit
		after.Credit = &c
	}
	more, err := change(&after)
	if err != nil {
		return Edit{}, err
	}
	e := Edit{Label: label}
	if !sameAnnotation(before, after) {
		after.Modified = now
		e.Changes = append(e.Changes, Change{Before: &before, After: &after})
	}
	e.Changes = append(e.Changes, more...)
	return e, nil
}

// unlinkQuotesOf returns the changes that unlink every quote spoken by source.
func (s *Set) unlinkQuotesOf(source ID, now time.Time) []Change {
	var cs []Change
	for _, q := range s.items {
		if q.Speaker == source {
			before, after := q, q
			after.SetSpeaker("")
			after.Modified = now
			cs = append(cs, Change{Before: &before, After: &after})
		}
	}
	return cs
}

func (s *Set) checkSource(id ID) error {
	a, ok := s.Get(id)
	if !ok {
		return notFound(id)
	}
	if a.Kind != Source {
		return fmt.Errorf("annotation %s is a %s, not a source", id, a.Kind)
	}
	return nil
}

func notFound(id ID) error { return fmt.Errorf("no annotation %s", id) }

// KindLabel names a kind in a sentence: "quote", "source", "photo credit".
func KindLabel(k Kind) string { return strings.ReplaceAll(string(k), "-", " ") }
