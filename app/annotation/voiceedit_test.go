package annotation

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/newsroom/annotator/app/anchor"
)

func TestNameKey(t *testing.T) {
	for _, pair := range [][2]string{{"Jane Holt", "jane  holt"}, {"John Kerry", " john  KERRY "}, {" O’Brien ", "o'brien"}, {"Zoë Ólafsdóttir", "ZOË ÓLAFSDÓTTIR"}} {
		if NameKey(pair[0]) != NameKey(pair[1]) {
			t.Errorf("NameKey(%q) = %q, NameKey(%q) = %q: want them equal", pair[0], NameKey(pair[0]), pair[1], NameKey(pair[1]))
		}
	}
	if NameKey("Kerry") == NameKey("John Kerry") {
		t.Error("Kerry and John Kerry share a key")
	}
}

// voiceSet is a text with three sources: "Jane Holt", "Holt" named "jane
// holt", and "Bob Marr"; Holt's gender is proposed.
func voiceSet(t *testing.T) (*Set, [3]ID) {
	t.Helper()
	text := "Jane Holt said so. Later Holt said it again, and Bob Marr agreed.\n"
	s := NewSet(anchor.NewText(text), nil)
	var ids [3]ID
	for i, word := range []string{"Jane Holt", "Holt", "Bob Marr"} {
		start := len([]rune(text[:strings.Index(text, word+" ")]))
		if i == 1 {
			start = len([]rune(text[:strings.Index(text, "Later Holt")])) + 6
		}
		a, err := s.New(Source, start, start+len([]rune(word)), Human, testTime)
		if err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			a.Name = "jane  holt"
			a.Voice = &Voice{Gender: "woman", Role: "expert", Proposed: []string{"gender"}}
		}
		e, err := s.Add(a)
		if err == nil {
			err = s.Apply(e)
		}
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = a.ID
	}
	return s, ids
}

// Setting a voice sets it on every source of the name, confirmed, in one
// undoable edit, and leaves other names alone.
func TestSetVoiceAllMentions(t *testing.T) {
	s, ids := voiceSet(t)
	h := &History{}
	before := snapshot(s)
	e, err := s.SetVoice(ids[0], Voice{Type: "person", Gender: "woman", Role: "official"}, testTime.Add(1))
	mustDo(t, s, h, e, err)
	if len(e.Changes) != 2 {
		t.Errorf("the edit has %d changes, want 2 (both mentions of Jane Holt)", len(e.Changes))
	}
	want := &Voice{Type: "person", Gender: "woman", Role: "official"}
	for _, id := range ids[:2] {
		if a, _ := s.Get(id); !reflect.DeepEqual(a.Voice, want) || !a.Modified.Equal(testTime.Add(1)) {
			t.Errorf("source %s: voice %+v modified %v, want %+v at the edit's time", a.Exact, a.Voice, a.Modified, want)
		}
	}
	if a, _ := s.Get(ids[2]); a.Voice != nil {
		t.Errorf("Bob Marr got a voice: %+v", a.Voice)
	}
	if err := NewFile(NewDocument("t", s.Text().String(), ""), s.All()).Validate(); err != nil {
		t.Errorf("the set is not valid after SetVoice: %v", err)
	}
	if _, ok := h.Undo(s); !ok || !reflect.DeepEqual(snapshot(s), before) {
		t.Errorf("one undo does not restore the set: %+v", snapshot(s))
	}
}

// A field left proposed stays as each source has it; the others are
// confirmed; a voice left empty is removed.
func TestSetVoiceProposedAndCleared(t *testing.T) {
	s, ids := voiceSet(t)
	e, err := s.SetVoice(ids[1], Voice{Type: "person", Gender: "man", Proposed: []string{"gender"}}, testTime.Add(1))
	if err != nil || s.Apply(e) != nil {
		t.Fatal(err)
	}
	if a, _ := s.Get(ids[1]); !reflect.DeepEqual(a.Voice, &Voice{Type: "person", Gender: "woman", Proposed: []string{"gender"}}) {
		t.Errorf("Holt: %+v, want its proposed gender kept and its role cleared", a.Voice)
	}
	if a, _ := s.Get(ids[0]); !reflect.DeepEqual(a.Voice, &Voice{Type: "person"}) {
		t.Errorf("Jane Holt: %+v, want type person and no gender (it had none proposed)", a.Voice)
	}
	// Confirming: the same value, no longer proposed.
	e, err = s.SetVoice(ids[1], Voice{Type: "person", Gender: "woman"}, testTime.Add(2))
	if err != nil || s.Apply(e) != nil {
		t.Fatal(err)
	}
	if a, _ := s.Get(ids[1]); a.Voice == nil || a.Voice.Gender != "woman" || len(a.Voice.Proposed) != 0 {
		t.Errorf("Holt after confirming: %+v", a.Voice)
	}
	e, err = s.SetVoice(ids[0], Voice{}, testTime.Add(3))
	if err != nil || s.Apply(e) != nil {
		t.Fatal(err)
	}
	if slices.ContainsFunc(s.All(), func(a Annotation) bool { return a.Voice != nil }) {
		t.Error("a voice set to all unknown is still there")
	}
	e, err = s.SetVoice(ids[0], Voice{}, testTime.Add(4))
	if err != nil || len(e.Changes) != 0 {
		t.Errorf("setting the same voice again: %d changes, %v; want none", len(e.Changes), err)
	}
}

func TestSetVoiceErrors(t *testing.T) {
	s, ids := voiceSet(t)
	if _, err := s.SetVoice(ids[0], Voice{Gender: "female"}, testTime); err == nil || !strings.Contains(err.Error(), `"female" is not a gender`) {
		t.Errorf("a gender not in the list: %v", err)
	}
	if _, err := s.SetVoice(NewID(), Voice{Type: "person"}, testTime); err == nil {
		t.Error("an unknown source: no error")
	}
}
