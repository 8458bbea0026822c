package annotation

import (
	"testing"

	"github.com/newsroom/annotator/app/anchor"
)

// reviewSet is a text with a hand-tagged quote without a speaker, and the
// engine's proposals for it: that quote again with its speaker, a second
// quote by the same speaker, a source the editor tagged already, and one the
// engine proposes.
func reviewSet(t *testing.T) (*Set, []Annotation) {
	t.Helper()
	text := "Maria Okafor disagreed. “It cannot work,” she said. “Not now,” Okafor added. Paul Brandt nodded."
	set := NewSet(anchor.NewText(text), nil)
	span := func(s string) (int, int) {
		start, end := mustSpan(t, text, s)
		return start, end
	}
	mk := func(n int, kind Kind, s string, origin Origin, conf float64) Annotation {
		start, end := span(s)
		a, err := set.New(kind, start, end, origin, testTime)
		if err != nil {
			t.Fatal(err)
		}
		a.ID, a.Confidence = testID(n), conf
		return a
	}
	for _, a := range []Annotation{mk(1, Quote, "It cannot work", Human, 0), mk(2, Source, "Paul Brandt", Human, 0)} {
		e, err := set.Add(a)
		if err != nil {
			t.Fatal(err)
		}
		if err := set.Apply(e); err != nil {
			t.Fatal(err)
		}
	}
	okafor := mk(10, Source, "Maria Okafor", Suggested, 0.9)
	q1 := mk(11, Quote, "It cannot work,", Suggested, 0.9)
	q1.Speaker, q1.SpeakerConfidence, q1.SpeakerReason = okafor.ID, 0.9, "“she”, named right after the quote"
	q2 := mk(12, Quote, "Not now,", Suggested, 0.6)
	q2.Speaker, q2.SpeakerConfidence, q2.SpeakerReason = okafor.ID, 0.95, "named right after the quote"
	brandt := mk(13, Source, "Paul Brandt", Suggested, 0.7)
	return set, []Annotation{okafor, q1, q2, brandt}
}

func TestAddSuggestions(t *testing.T) {
	set, proposed := reviewSet(t)
	edit, added := set.AddSuggestions(proposed, testTime)
	var h History
	if err := h.Do(set, edit); err != nil {
		t.Fatal(err)
	}
	// The proposed quote over the hand-tagged one and the proposed Brandt over
	// the tagged one are left out: two added, Okafor and the second quote.
	if added != 2 || set.Len() != 4 || set.Suggestions() != 2 {
		t.Fatalf("added %d, %d annotations, %d suggestions; want 2, 4, 2", added, set.Len(), set.Suggestions())
	}
	q, _ := set.Get(testID(1))
	if q.Origin != Human || q.Speaker != testID(10) || q.SpeakerReason != "“she”, named right after the quote" || q.SpeakerConfidence != 0.9 {
		t.Errorf("the hand-tagged quote: %+v; want it linked to the suggested Okafor with the engine's evidence", q)
	}
	if err := NewFile(NewDocument("t", set.Text().String(), ""), set.All()).Validate(); err != nil {
		t.Error(err)
	}
	h.Undo(set)
	if set.Len() != 2 {
		t.Errorf("undo left %d annotations, want the 2 tagged", set.Len())
	}
}

func TestAcceptAndReject(t *testing.T) {
	fresh := func() *Set {
		set, proposed := reviewSet(t)
		edit, _ := set.AddSuggestions(proposed, testTime)
		if err := set.Apply(edit); err != nil {
			t.Fatal(err)
		}
		return set
	}
	var set *Set
	apply := func(e Edit, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		if err := set.Apply(e); err != nil {
			t.Fatal(err)
		}
	}

	// Accepting a quote accepts its speaker.
	set = fresh()
	apply(set.Accept([]ID{testID(12)}, "Accept", testTime))
	for _, id := range []ID{testID(12), testID(10)} {
		if a, _ := set.Get(id); a.Origin != Human || a.Confidence != 0 {
			t.Errorf("after accepting the quote, %s is %s at %v", id, a.Origin, a.Confidence)
		}
	}

	// Without its speaker: the link goes; the source stays while another quote is linked to it.
	set = fresh()
	apply(set.AcceptWithoutSpeaker(testID(12), testTime))
	if q, _ := set.Get(testID(12)); q.Speaker != "" || q.SpeakerReason != "" || q.Origin != Human {
		t.Errorf("accepted without speaker: %+v", q)
	}
	if _, ok := set.Get(testID(10)); !ok {
		t.Error("the suggested source went, though the hand-tagged quote is linked to it")
	}
	if _, err := set.AcceptWithoutSpeaker(testID(1), testTime); err == nil {
		t.Error("accepted an editor's quote as a suggestion")
	}

	// Above a confidence: the 0.9 source only, not the 0.6 quote.
	set = fresh()
	apply(set.AcceptAbove(0.8, testTime))
	if a, _ := set.Get(testID(12)); a.Origin != Suggested {
		t.Error("accepted a suggestion below the confidence")
	}
	if set.Suggestions() != 1 {
		t.Errorf("%d suggestions left, want 1", set.Suggestions())
	}

	// Rejecting all removes the suggestions and unlinks the editor's quote from the suggested source.
	set = fresh()
	apply(set.RejectAll(testTime), nil)
	if set.Len() != 2 || set.Suggestions() != 0 {
		t.Errorf("after rejecting all: %d annotations, %d suggestions; want the 2 tagged", set.Len(), set.Suggestions())
	}
	if q, _ := set.Get(testID(1)); q.Speaker != "" || q.SpeakerReason != "" {
		t.Errorf("the editor's quote is still linked: %+v", q)
	}
}
