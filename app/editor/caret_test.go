package editor

import (
	"errors"
	"slices"
	"testing"

	"github.com/newsroom/annotator/app/annotation"
)

// TestTagAt: with the caret alone, q, s and p tag the quotation, the name and
// the credit the caret is in, or the next ones not yet tagged; pressed again,
// they move on.
func TestTagAt(t *testing.T) {
	s := sampleState()
	exact := func(kind annotation.Kind, caret int) string {
		t.Helper()
		edit, _, err := s.TagAt(kind, caret, now)
		if err != nil {
			t.Fatalf("TagAt(%s, %d): %v", kind, caret, err)
		}
		return edit.Changes[0].After.Exact
	}
	if got := exact(annotation.PhotoCredit, 0); got != "Larry Downing/AFP/Getty Images" {
		t.Errorf("credit from the start: %q", got)
	}
	// From the start, the first quotation is the caption's; then the body's, in turn.
	if got := exact(annotation.Quote, 0); got != "localized cease-fires" {
		t.Errorf("first quotation: %q", got)
	}
	if got := exact(annotation.Quote, 0); got != "localized cease-fires" {
		t.Errorf("second quotation (the body's, same words): %q", got)
	}
	inside, _ := span(t, "Maybe a localized")
	if got := exact(annotation.Quote, inside); got != "We talked today about the possibility of trying to\u00a0encourage a cease-fire. Maybe a localized cease-fire in Aleppo" {
		t.Errorf("quotation around the caret: %q", got)
	}
	_, end := span(t, `in Aleppo,"`)
	if got := exact(annotation.Source, end); got != "Kerry" {
		t.Errorf("name after the quotation: %q", got)
	}
	analyst, _ := span(t, "Kamel Wazne told")
	if got := exact(annotation.Source, analyst+2); got != "Kamel Wazne" {
		t.Errorf("name around the caret: %q", got)
	}
	if got := exact(annotation.Quote, analyst); got != "There's a lot of positive things to come out of this. Finally, the Americans and Russians are on one page, they both want the end of the war in the Middle East, but Russia and the U.S. alone is not enough" {
		t.Errorf("quotation after the name: %q", got)
	}
	// Past the last credit there is none; the state is unchanged.
	n := len(s.Set.All())
	if _, _, err := s.TagAt(annotation.PhotoCredit, end, now); !errors.Is(err, ErrNothingAfterCaret) {
		t.Errorf("credit after the body: err %v", err)
	}
	if len(s.Set.All()) != n {
		t.Error("a failed TagAt changed the annotations")
	}
}

// TestNameAfterParticles: names carry on over particles and stop at lower-case words.
func TestNameAfterParticles(t *testing.T) {
	s := New(annotation.NewFile(annotation.NewDocument("t", "The envoy Charles de Gaulle met officials and Bashar al-Assad said so.", ""), nil))
	var got []string
	for caret := 0; ; {
		start, end, ok := s.SpanAt(annotation.Source, caret)
		if !ok {
			break
		}
		got = append(got, s.Text.Slice(start, end))
		caret = end
	}
	want := []string{"The", "Charles de Gaulle", "Bashar al-Assad"}
	if !slices.Equal(got, want) {
		t.Errorf("names: %q, want %q", got, want)
	}
}

// TestLinkChoices: a quote is offered the sources nearest it, one per name; a
// source, the quotes without a speaker first; LinkTo links either way round.
func TestLinkChoices(t *testing.T) {
	s := sampleState()
	// tag tags the first n code points of the first text in the sample (all of it when n is 0).
	tag := func(kind annotation.Kind, text string, n int) annotation.ID {
		t.Helper()
		start, end := span(t, text)
		if n > 0 {
			end = start + n
		}
		if _, _, err := s.Tag(kind, start, end, now); err != nil {
			t.Fatal(err)
		}
		return s.Selected
	}
	kerry := tag(annotation.Source, "Kerry said at a press", 5)
	tag(annotation.Source, "Kerry told reporters", 5)
	wazne := tag(annotation.Source, "Kamel Wazne", 0)
	quote := tag(annotation.Quote, "There's a lot of positive", 0)
	var names []string
	for _, a := range s.LinkChoices(9) {
		names = append(names, a.Exact)
	}
	if want := []string{"Kamel Wazne", "Kerry"}; !slices.Equal(names, want) {
		t.Errorf("choices for the quote: %q, want %q", names, want)
	}
	if _, err := s.Apply(s.LinkTo(wazne, now)); err != nil {
		t.Fatal(err)
	}
	if q, _ := s.Set.Get(quote); q.Speaker != wazne {
		t.Errorf("speaker %q, want Wazne", q.Speaker)
	}
	other := tag(annotation.Quote, "constructive", 0)
	s.Selected = kerry
	choices := s.LinkChoices(9)
	if len(choices) != 2 || choices[0].ID != other || choices[1].ID != quote {
		t.Errorf("choices for Kerry: %v, want the unlinked quote first", choices)
	}
	if _, err := s.Apply(s.LinkTo(other, now)); err != nil {
		t.Fatal(err)
	}
	if q, _ := s.Set.Get(other); q.Speaker != kerry || s.Selected != kerry {
		t.Errorf("linked from the source: speaker %q, selected %q", q.Speaker, s.Selected)
	}
}
