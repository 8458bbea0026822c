// Package editor is the editor's state — the open document, its annotations
// and their history, the selection, the quote waiting to be linked and what an
// import asks to review — and the named actions that are the only way to change
// it. It knows nothing of the DOM: app/ui renders the state, sends it actions
// and writes the paragraphs an action touched; it is tested natively.
package editor

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/article"
)

// Paragraph is a paragraph of the article: the code points [Start, End) of the
// text, between blank lines, and what it is ("" for body text).
type Paragraph struct {
	Start, End int
	Role       annotation.Role
}

// State is what the editor is working on.
type State struct {
	// Doc is the open document, with the blocks its text shows.
	Doc annotation.Document
	// Text is its text, for offsets.
	Text *anchor.Text
	// Paras are its paragraphs, in text order.
	Paras []Paragraph
	// Set holds its annotations; History, the edits made to them.
	Set     *annotation.Set
	History annotation.History
	// Selected is the annotation being worked on, or "".
	Selected annotation.ID
	// Linking says that a click on a source is to become the selected quote's speaker.
	Linking bool
	// Review holds the annotations an import moved or changed, for the editor to check.
	Review map[annotation.ID]anchor.Status
	// Creator names the editor, as the server signs them in: the creator of what they tag.
	Creator string
}

// New returns the state of editing f. A document without blocks (from a
// version 1 file) shows plain paragraphs until SetBlocks gives it those its
// text shows (article.Structure finds them: in the browser, in the converter,
// so that its code stays out of app.wasm).
func New(f annotation.File) *State {
	text := anchor.NewText(f.Document.Text)
	ps := article.Paragraphs(f.Document.Text)
	s := &State{Doc: f.Document, Text: text, Paras: make([]Paragraph, len(ps)), Set: annotation.NewSet(text, f.Annotations)}
	for i, p := range ps {
		s.Paras[i] = Paragraph{Start: p.Start, End: p.End}
	}
	s.SetBlocks(f.Document.Blocks)
	return s
}

// SetBlocks gives the document its blocks, and each paragraph its role.
func (s *State) SetBlocks(blocks []annotation.Block) {
	s.Doc.Blocks = blocks
	for i, p := range s.Paras {
		s.Paras[i].Role = annotation.RoleAt(blocks, p.Start)
	}
}

// File returns the document and its annotations as an annotation file.
func (s *State) File() annotation.File { return annotation.NewFile(s.Doc, s.Set.All()) }

// Reviewed returns the document with what an editor accepted only: the
// suggestions not yet reviewed left out, and links to them cleared, as
// rejecting them all at now would (the editor's state is untouched).
func (s *State) Reviewed(now time.Time) (annotation.File, error) {
	set := annotation.NewSet(s.Text, s.Set.All())
	if err := set.Apply(set.RejectAll(now)); err != nil {
		return annotation.File{}, err
	}
	return annotation.NewFile(s.Doc, set.All()), nil
}

// Apply runs an edit, as an edit method returns it, through the history and
// returns the paragraphs it touched. A selected annotation the edit removed is
// no longer selected.
func (s *State) Apply(edit annotation.Edit, err error) ([]int, error) {
	if err != nil {
		return nil, err
	}
	if err := s.History.Do(s.Set, edit); err != nil {
		return nil, err
	}
	return s.touched(edit), nil
}

// Undo reverts the last edit; ok is false when there is none.
func (s *State) Undo() (edit annotation.Edit, touched []int, ok bool) {
	if edit, ok = s.History.Undo(s.Set); ok {
		touched = s.touched(edit)
	}
	return edit, touched, ok
}

// Redo applies the last undone edit again; ok is false when there is none.
func (s *State) Redo() (edit annotation.Edit, touched []int, ok bool) {
	if edit, ok = s.History.Redo(s.Set); ok {
		touched = s.touched(edit)
	}
	return edit, touched, ok
}

// touched returns the paragraphs an edit changed, in order, and drops a
// selection the edit removed.
func (s *State) touched(edit annotation.Edit) []int {
	var idx []int
	sources := map[annotation.ID]bool{}
	for _, c := range edit.Changes {
		for _, a := range []*annotation.Annotation{c.Before, c.After} {
			if a != nil {
				idx = append(idx, ParagraphsTouching(s.Paras, a.Start, a.End)...)
				if a.Kind == annotation.Source {
					sources[a.ID] = true
				}
			}
		}
	}
	// A quote shows its speaker's name: a changed source changes its quotes' paragraphs too.
	for _, q := range s.Set.All() {
		if q.Speaker != "" && sources[q.Speaker] {
			idx = append(idx, ParagraphsTouching(s.Paras, q.Start, q.End)...)
		}
	}
	if _, ok := s.Set.Get(s.Selected); !ok {
		s.Selected = ""
	}
	slices.Sort(idx)
	return slices.Compact(idx)
}

// ErrNothingToTag is Tag's error for a selection that holds no words.
var ErrNothingToTag = errors.New("the selection holds no words to tag")

// AlreadyTagged is Tag's error for a span already tagged as the same kind.
type AlreadyTagged struct{ Annotation annotation.Annotation }

func (e AlreadyTagged) Error() string {
	return "“" + Excerpt(e.Annotation.Exact, 40) + "” is already tagged as a " + annotation.KindLabel(e.Annotation.Kind)
}

// Excerpt shortens s to about n code points, on one line, for a message.
func Excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// MergeIn returns the edit, labelled label, that brings theirs — another copy
// of the document, changed since base — into the annotations (annotation.Merge,
// the state's own changes since base kept), and the merge; the edit has no
// changes when theirs brings nothing new.
func (s *State) MergeIn(label string, base, theirs annotation.File) (annotation.Edit, annotation.Merged, error) {
	r, err := annotation.Merge(base, s.File(), theirs)
	if err != nil || reflect.DeepEqual(r.File.Annotations, s.Set.All()) {
		return annotation.Edit{Label: label}, r, err
	}
	return s.Set.Replace(label, r.File.Annotations), r, nil
}

// Tag annotates the text [start, end) as kind, snapped to whole words without
// surrounding quotation marks and punctuation, and selects the new annotation.
// It returns the edit made and the paragraphs it touched. A span tagged as
// kind already is an AlreadyTagged error, and that annotation is selected.
func (s *State) Tag(kind annotation.Kind, start, end int, now time.Time) (annotation.Edit, []int, error) {
	start, end, ok := snapSelection(s.Text, start, end)
	if !ok {
		return annotation.Edit{}, nil, ErrNothingToTag
	}
	for _, a := range s.Set.All() {
		if a.Kind == kind && a.Start == start && a.End == end {
			s.Selected = a.ID
			return annotation.Edit{}, nil, AlreadyTagged{a}
		}
	}
	a, err := s.Set.New(kind, start, end, annotation.Human, now)
	if err != nil {
		return annotation.Edit{}, nil, err
	}
	a.Creator = s.Creator
	edit, err := s.Set.Add(a)
	if err != nil {
		return annotation.Edit{}, nil, err
	}
	old := s.Selected
	s.Selected = a.ID
	touched, err := s.Apply(edit, nil)
	if err != nil {
		s.Selected = old
	}
	return edit, touched, err
}

// Overlapping returns the other annotations of a's kind that overlap it.
func (s *State) Overlapping(id annotation.ID) []annotation.Annotation {
	a, ok := s.Set.Get(id)
	if !ok {
		return nil
	}
	var out []annotation.Annotation
	for _, b := range s.Set.All() {
		if b.ID != a.ID && b.Kind == a.Kind && b.Start < a.End && a.Start < b.End {
			out = append(out, b)
		}
	}
	return out
}

// Step returns the next (dir 1) or previous (dir -1) annotation in text order
// from the selected one (the first or last when none is); ok is false at
// either end.
func (s *State) Step(dir int) (annotation.ID, bool) {
	all := s.Set.All()
	if len(all) == 0 {
		return "", false
	}
	i := slices.IndexFunc(all, func(a annotation.Annotation) bool { return a.ID == s.Selected })
	switch {
	case i < 0 && dir > 0:
		i = 0
	case i < 0:
		i = len(all) - 1
	default:
		i += dir
	}
	if i < 0 || i >= len(all) {
		return "", false
	}
	return all[i].ID, true
}

// NextSuggestion returns the next suggestion after the selected annotation
// (dir 1), or the first one (dir 0), going round; "" when none is left.
func (s *State) NextSuggestion(dir int) annotation.ID {
	all := s.Set.All()
	from := 0
	if dir != 0 {
		from = slices.IndexFunc(all, func(a annotation.Annotation) bool { return a.ID == s.Selected }) + 1
	}
	for i := range all {
		if a := all[(from+i)%len(all)]; a.Origin == annotation.Suggested {
			return a.ID
		}
	}
	return ""
}

// Place replaces the annotations with f's, re-anchored on the text when it
// was revised since, in one undoable edit; the moved and changed ones are
// kept for review. It returns the touched paragraphs and what happened.
func (s *State) Place(name string, f annotation.File) ([]int, string, error) {
	anns, review := f.Annotations, map[annotation.ID]anchor.Status(nil)
	report := fmt.Sprintf("Imported %d annotations", len(anns))
	if f.Document.SHA256 != s.Doc.SHA256 {
		p := annotation.ReanchorAll(s.Text, f.Annotations)
		anns, review = p.Annotations, p.Review
		report = fmt.Sprintf("Re-anchored on the revised text: %d anchored, %d moved, %d changed (check them), %d orphaned",
			p.Counts[anchor.Anchored], p.Counts[anchor.Moved], p.Counts[anchor.Changed], p.Counts[anchor.Orphaned])
	}
	touched, err := s.Replace("Import "+name, anns, review)
	return touched, report, err
}

// Replace replaces the annotations with anns in one undoable edit, labelled
// label, and keeps review (the ones an import moved or changed) for the
// editor to check.
func (s *State) Replace(label string, anns []annotation.Annotation, review map[annotation.ID]anchor.Status) ([]int, error) {
	touched, err := s.Apply(s.Set.Replace(label, anns), nil)
	if err == nil {
		s.Review = review
	}
	return touched, err
}

// ParagraphsTouching returns the indexes of the paragraphs that [start, end) touches.
func ParagraphsTouching(ps []Paragraph, start, end int) []int {
	var idx []int
	i, _ := slices.BinarySearchFunc(ps, start, func(p Paragraph, pos int) int {
		if p.End <= pos {
			return -1
		}
		return 1
	})
	for ; i < len(ps) && ps[i].Start < max(end, start+1); i++ {
		idx = append(idx, i)
	}
	return idx
}
