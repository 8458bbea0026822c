package editor

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/article"
	"github.com/newsroom/annotator/app/sample"
)

var now = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// span returns the code-point span of the first s in the sample.
func span(t *testing.T, s string) (int, int) {
	t.Helper()
	text := sample.Text()
	i := strings.Index(text, s)
	if i < 0 {
		t.Fatalf("%q is not in the sample", s)
	}
	return anchor.CodePointLen(text[:i]), anchor.CodePointLen(text[:i]) + anchor.CodePointLen(s)
}

func sampleState() *State {
	s := New(annotation.NewFile(annotation.NewDocument(sample.Title, sample.Text(), sample.Source), nil))
	s.SetBlocks(article.Structure(s.Doc.Text))
	return s
}

// TestNew: a document with no blocks (a version 1 file) shows plain
// paragraphs; given the blocks of its text, each paragraph has its role.
func TestNew(t *testing.T) {
	s := New(annotation.NewFile(annotation.NewDocument(sample.Title, sample.Text(), sample.Source), nil))
	if s.Doc.Blocks != nil || s.Paras[1].Role != "" {
		t.Errorf("without blocks: %v, roles %v", s.Doc.Blocks, s.Paras[:2])
	}
	s.SetBlocks(article.Structure(s.Doc.Text))
	if len(s.Doc.Blocks) == 0 || s.Paras[0].Role != annotation.Kicker || s.Paras[1].Role != annotation.Headline || s.Paras[len(s.Paras)-1].Role != annotation.Chrome {
		t.Errorf("paragraph roles %v … %v, want kicker, headline … chrome", s.Paras[:2], s.Paras[len(s.Paras)-1])
	}
}

// TestTagUndoRedo: tagging snaps the selection, selects the new annotation and
// touches its paragraph; undo and redo touch it again; removing the selected
// annotation leaves nothing selected.
func TestTagUndoRedo(t *testing.T) {
	s := sampleState()
	start, end := span(t, `"constructive,"`)
	edit, touched, err := s.Tag(annotation.Quote, start, end, now)
	if err != nil {
		t.Fatal(err)
	}
	a, ok := s.Set.Get(s.Selected)
	if !ok || a.Exact != "constructive" || edit.Label != "Add quote" {
		t.Fatalf("tagged %+v (%q), want the snapped quote selected", a, edit.Label)
	}
	para := ParagraphsTouching(s.Paras, a.Start, a.End)
	if !slices.Equal(touched, para) || len(para) != 1 {
		t.Errorf("touched %v, want the quote's paragraph %v", touched, para)
	}
	if _, touched, ok := s.Undo(); !ok || !slices.Equal(touched, para) || s.Set.Len() != 0 || s.Selected != "" {
		t.Errorf("undo: ok %v, touched %v, %d annotations, selected %q", ok, touched, s.Set.Len(), s.Selected)
	}
	if _, touched, ok := s.Redo(); !ok || !slices.Equal(touched, para) || s.Set.Len() != 1 {
		t.Errorf("redo: ok %v, touched %v, %d annotations", ok, touched, s.Set.Len())
	}
	if _, _, err := s.Tag(annotation.Quote, start, start+1, now); err != ErrNothingToTag {
		t.Errorf("tagging a quotation mark alone: %v, want ErrNothingToTag", err)
	}
	s.Selected = a.ID
	if _, err := s.Apply(s.Set.Remove(a.ID, now)); err != nil || s.Selected != "" {
		t.Errorf("after removing the selected annotation: %v, selected %q", err, s.Selected)
	}
}

// TestStep: stepping goes through the annotations in text order and stops at
// either end; the suggestions go round.
func TestStep(t *testing.T) {
	s := sampleState()
	for _, w := range []string{"Kerry said at a press", "localized cease-fires", "Larry Downing/AFP/Getty Images"} {
		start, end := span(t, w)
		kind := annotation.Quote
		if strings.Contains(w, "Larry") {
			kind = annotation.PhotoCredit
		}
		if _, _, err := s.Tag(kind, start, end, now); err != nil {
			t.Fatal(err)
		}
	}
	s.Selected = ""
	var order []string
	for {
		id, ok := s.Step(1)
		if !ok {
			break
		}
		s.Selected = id
		a, _ := s.Set.Get(id)
		order = append(order, a.Exact)
	}
	if want := []string{"localized cease-fires", "Larry Downing/AFP/Getty Images", "Kerry said at a press"}; !slices.Equal(order, want) {
		t.Errorf("stepping: %q, want text order %q", order, want)
	}
	if id := s.NextSuggestion(0); id != "" {
		t.Errorf("no suggestions, yet NextSuggestion gave %s", id)
	}
}

// TestPlace: an annotation file for the same text replaces the annotations as
// they are; for a revised text they are re-anchored, and the moved ones are
// kept for review.
func TestPlace(t *testing.T) {
	s := sampleState()
	start, end := span(t, "Kerry said at a press")
	if _, _, err := s.Tag(annotation.Source, start, end, now); err != nil {
		t.Fatal(err)
	}
	f := s.File()
	revised := New(annotation.NewFile(annotation.NewDocument(sample.Title, "Updated with new reporting.\n\n"+sample.Text(), ""), nil))
	touched, report, err := revised.Place("old.json", f)
	if err != nil || revised.Set.Len() != 1 || !strings.HasPrefix(report, "Re-anchored on the revised text: 0 anchored, 1 moved") || len(touched) != 1 {
		t.Fatalf("placed on the revised text: %d annotations, %q, touched %v, %v", revised.Set.Len(), report, touched, err)
	}
	if st := revised.Review[f.Annotations[0].ID]; st != anchor.Moved {
		t.Errorf("review %v, want the source moved", revised.Review)
	}
	same := sampleState()
	if _, report, err := same.Place("same.json", f); err != nil || report != "Imported 1 annotations" || same.Review != nil {
		t.Errorf("placed on the same text: %q, review %v, %v", report, same.Review, err)
	}
}

// TestTagTwiceAndSpeakerNames: tagging a span already tagged as the kind
// selects it instead of adding a copy; renaming a source touches the
// paragraphs of the quotes it speaks, which show its name.
func TestTagTwiceAndSpeakerNames(t *testing.T) {
	s := sampleState()
	start, end := span(t, "Wazne")
	if _, _, err := s.Tag(annotation.Source, start, end, now); err != nil {
		t.Fatal(err)
	}
	wazne := s.Selected
	qs, qe := span(t, "I think it is very crucial")
	if _, _, err := s.Tag(annotation.Quote, qs, qe, now); err != nil {
		t.Fatal(err)
	}
	quote := s.Selected
	if _, err := s.Apply(s.Set.Link(quote, wazne, now)); err != nil {
		t.Fatal(err)
	}
	var dup AlreadyTagged
	if _, _, err := s.Tag(annotation.Source, start, end, now); !errors.As(err, &dup) || dup.Annotation.ID != wazne || s.Selected != wazne {
		t.Errorf("tagging Wazne again: err %v, selected %s", err, s.Selected)
	}
	if n := len(s.Set.All()); n != 2 {
		t.Errorf("%d annotations after tagging twice, want 2", n)
	}
	touched, err := s.Apply(s.Set.SetName(wazne, "Kamel Wazne", now))
	if err != nil {
		t.Fatal(err)
	}
	q, _ := s.Set.Get(quote)
	if want := ParagraphsTouching(s.Paras, q.Start, q.End); !slices.Contains(touched, want[0]) {
		t.Errorf("renaming the speaker touched %v, not the quote's paragraph %v", touched, want)
	}
}

// TestReviewed: the reviewed file leaves out pending suggestions and the
// links to them; the state keeps them.
func TestReviewed(t *testing.T) {
	s := sampleState()
	qs, qe := span(t, "I think it is very crucial")
	if _, _, err := s.Tag(annotation.Quote, qs, qe, now); err != nil {
		t.Fatal(err)
	}
	quote := s.Selected
	ws, we := span(t, "Wazne")
	sug, err := s.Set.New(annotation.Source, ws, we, annotation.Suggested, now)
	if err != nil {
		t.Fatal(err)
	}
	sug.Confidence = 0.9
	add, err := s.Set.Add(sug)
	if _, err := s.Apply(add, err); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(s.Set.Link(quote, sug.ID, now)); err != nil {
		t.Fatal(err)
	}
	f, err := s.Reviewed(now)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Annotations) != 1 || f.Annotations[0].ID != quote || f.Annotations[0].Speaker != "" {
		t.Errorf("reviewed file: %+v, want the quote alone, unlinked", f.Annotations)
	}
	if err := f.Validate(); err != nil {
		t.Error(err)
	}
	if len(s.Set.All()) != 2 {
		t.Error("Reviewed changed the state")
	}
}

// TestMergeIn: another copy's changes since a base come in as one edit that
// keeps the state's own; a copy with nothing new gives an edit with no changes.
func TestMergeIn(t *testing.T) {
	s := sampleState()
	base := s.File()
	start, end := span(t, "Wazne")
	if _, _, err := s.Tag(annotation.Source, start, end, now); err != nil {
		t.Fatal(err)
	}
	other := New(base)
	qs, qe := span(t, "I think it is very crucial")
	if _, _, err := other.Tag(annotation.Quote, qs, qe, now); err != nil {
		t.Fatal(err)
	}
	edit, r, err := s.MergeIn("Merge", base, other.File())
	if err != nil || len(r.Conflicts) != 0 {
		t.Fatalf("MergeIn: %v, conflicts %v", err, r.Conflicts)
	}
	if _, err := s.Apply(edit, nil); err != nil {
		t.Fatal(err)
	}
	if kinds := annotation.CountKinds(s.Set.All()); kinds[annotation.Quote] != 1 || kinds[annotation.Source] != 1 {
		t.Errorf("after the merge: %v, want the other's quote and this state's source", kinds)
	}
	if again, _, err := s.MergeIn("Merge", base, other.File()); err != nil || len(again.Changes) != 0 {
		t.Errorf("merging the same copy again: %d changes, %v; want none", len(again.Changes), err)
	}
}
