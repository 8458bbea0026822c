package annotation

import (
	"reflect"
	"slices"
	"testing"

	"github.com/newsroom/annotator/app/anchor"
)

// newSampleSet returns the sample file's annotations as a set with an empty history.
func newSampleSet(t *testing.T) (*Set, *History) {
	t.Helper()
	f := sampleFile(t)
	return NewSet(anchor.NewText(f.Document.Text), f.Annotations), &History{}
}

func mustDo(t *testing.T, s *Set, h *History, e Edit, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Do(s, e); err != nil {
		t.Fatal(err)
	}
}

func snapshot(s *Set) []Annotation { return slices.Clone(s.All()) }

// Removing a source unlinks the quotes it speaks; one undo restores both.
func TestRemoveSourceUnlinksAndUndoRestores(t *testing.T) {
	s, h := newSampleSet(t)
	before := snapshot(s)
	e, err := s.Remove(testID(11), testTime.Add(1))
	mustDo(t, s, h, e, err)
	if _, ok := s.Get(testID(11)); ok {
		t.Fatal("source still there after Remove")
	}
	if q, _ := s.Get(testID(10)); q.Speaker != "" {
		t.Errorf("quote still names removed source %s", q.Speaker)
	}
	if err := NewFile(sampleFile(t).Document, s.All()).Validate(); err != nil {
		t.Errorf("set is invalid after Remove: %v", err)
	}
	if _, ok := h.Undo(s); !ok {
		t.Fatal("nothing to undo")
	}
	if got := snapshot(s); !reflect.DeepEqual(got, before) {
		t.Errorf("undo did not restore the set:\ngot  %+v\nwant %+v", got, before)
	}
	if _, ok := h.Redo(s); !ok {
		t.Fatal("nothing to redo")
	}
	if _, ok := s.Get(testID(11)); ok {
		t.Error("redo did not remove the source again")
	}
}

// Every kind of edit is undone exactly, and redone exactly.
func TestEditsUndoRedo(t *testing.T) {
	now := testTime.Add(60e9)
	steps := []struct {
		name  string
		edit  func(s *Set) (Edit, error)
		check func(t *testing.T, s *Set)
	}{
		{"add", func(s *Set) (Edit, error) {
			a, err := s.New(Source, 0, 13, Human, now)
			if err != nil {
				return Edit{}, err
			}
			a.ID = testID(20)
			return s.Add(a)
		}, func(t *testing.T, s *Set) {
			if a, ok := s.Get(testID(20)); !ok || a.Exact != "International" {
				t.Errorf("added annotation: %+v, %v", a, ok)
			}
		}},
		{"kind source→quote unlinks", func(s *Set) (Edit, error) { return s.SetKind(testID(11), Quote, now) }, func(t *testing.T, s *Set) {
			if q, _ := s.Get(testID(10)); q.Speaker != "" {
				t.Error("quote still linked to a former source")
			}
			if a, _ := s.Get(testID(11)); a.Kind != Quote || a.Name != "" {
				t.Errorf("changed annotation: %+v", a)
			}
		}},
		{"kind quote→photo-credit parses credit", func(s *Set) (Edit, error) { return s.SetKind(testID(13), PhotoCredit, now) }, func(t *testing.T, s *Set) {
			if a, _ := s.Get(testID(13)); a.Credit == nil || a.Kind != PhotoCredit {
				t.Errorf("changed annotation: %+v", a)
			}
		}},
		{"note", func(s *Set) (Edit, error) { return s.SetNote(testID(12), "check spelling", now) }, func(t *testing.T, s *Set) {
			if a, _ := s.Get(testID(12)); a.Note != "check spelling" || !a.Modified.Equal(now) {
				t.Errorf("note edit: %+v", a)
			}
		}},
		{"link", func(s *Set) (Edit, error) { return s.Link(testID(10), testID(20), now) }, func(t *testing.T, s *Set) {
			if a, _ := s.Get(testID(10)); a.Speaker != testID(20) {
				t.Errorf("speaker %s", a.Speaker)
			}
		}},
		{"unlink", func(s *Set) (Edit, error) { return s.Unlink(testID(10), now) }, func(t *testing.T, s *Set) {
			if a, _ := s.Get(testID(10)); a.Speaker != "" {
				t.Errorf("speaker %s", a.Speaker)
			}
		}},
		{"rename", func(s *Set) (Edit, error) { return s.SetName(testID(20), " Al Jazeera ", now) }, func(t *testing.T, s *Set) {
			if a, _ := s.Get(testID(20)); a.Name != "Al Jazeera" || a.DisplayName() != "Al Jazeera" {
				t.Errorf("name %q", a.Name)
			}
		}},
		{"add suggestion", func(s *Set) (Edit, error) {
			a, err := s.New(Quote, 2, 13, Suggested, now)
			if err != nil {
				return Edit{}, err
			}
			a.ID, a.Confidence = testID(21), 0.7
			return s.Add(a)
		}, func(t *testing.T, s *Set) {
			if a, _ := s.Get(testID(21)); a.Origin != Suggested {
				t.Errorf("suggestion: origin %s", a.Origin)
			}
		}},
		{"accept", func(s *Set) (Edit, error) { return s.Accept([]ID{testID(21)}, "Accept suggestion", now) }, func(t *testing.T, s *Set) {
			if a, _ := s.Get(testID(21)); a.Origin != Human || a.Confidence != 0 {
				t.Errorf("accepted suggestion: origin %s, confidence %v", a.Origin, a.Confidence)
			}
		}},
		{"replace all (an import)", func(s *Set) (Edit, error) {
			return s.Replace("Import", sampleFile(t).Annotations[:3]), nil
		}, func(t *testing.T, s *Set) {
			if s.Len() != 3 {
				t.Errorf("%d annotations after replacing with 3", s.Len())
			}
		}},
		{"credit", func(s *Set) (Edit, error) {
			return s.SetCredit(testID(12), Credit{Creators: []string{"L. Downing"}, Agencies: []string{"AFP"}}, now)
		}, func(t *testing.T, s *Set) {
			if a, _ := s.Get(testID(12)); a.Credit.Creators[0] != "L. Downing" {
				t.Errorf("credit %+v", a.Credit)
			}
		}},
	}
	s, h := newSampleSet(t)
	var states [][]Annotation
	for _, st := range steps {
		states = append(states, snapshot(s))
		e, err := st.edit(s)
		mustDo(t, s, h, e, err)
		st.check(t, s)
		if err := NewFile(sampleFile(t).Document, s.All()).Validate(); err != nil {
			t.Errorf("%s: set is invalid: %v", st.name, err)
		}
	}
	final := snapshot(s)
	for i := len(steps) - 1; i >= 0; i-- {
		if _, ok := h.Undo(s); !ok {
			t.Fatalf("undo %s: nothing to undo", steps[i].name)
		}
		if got := snapshot(s); !reflect.DeepEqual(got, states[i]) {
			t.Errorf("undo %s did not restore the state before it", steps[i].name)
		}
	}
	if h.CanUndo() {
		t.Error("history has more to undo than was done")
	}
	for range steps {
		if _, ok := h.Redo(s); !ok {
			t.Fatal("redo: nothing to redo")
		}
	}
	if got := snapshot(s); !reflect.DeepEqual(got, final) {
		t.Error("redoing every edit did not give the final state")
	}
}

// Bad edits are refused with an error and change nothing.
func TestBadEditsChangeNothing(t *testing.T) {
	s, h := newSampleSet(t)
	before := snapshot(s)
	bad := map[string]func() (Edit, error){
		"link to a quote":       func() (Edit, error) { return s.Link(testID(10), testID(13), testTime) },
		"link from a source":    func() (Edit, error) { return s.Link(testID(11), testID(11), testTime) },
		"unknown id":            func() (Edit, error) { return s.Remove(testID(99), testTime) },
		"name on a quote":       func() (Edit, error) { return s.SetName(testID(10), "x", testTime) },
		"unknown kind":          func() (Edit, error) { return s.SetKind(testID(10), "caption", testTime) },
		"duplicate id":          func() (Edit, error) { a, _ := s.Get(testID(10)); return s.Add(a) },
		"credit on a source":    func() (Edit, error) { return s.SetCredit(testID(11), Credit{}, testTime) },
		"span outside the text": func() (Edit, error) { _, err := s.New(Quote, 10, 99999, Human, testTime); return Edit{}, err },
		"white space only":      func() (Edit, error) { _, err := s.New(Quote, 13, 15, Human, testTime); return Edit{}, err },
	}
	for name, f := range bad {
		if _, err := f(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// An edit computed against an older state does not apply.
	e, _ := s.SetNote(testID(10), "one", testTime.Add(1))
	mustDo(t, s, h, e, nil)
	if err := s.Apply(e); err == nil {
		t.Error("a stale edit applied twice")
	}
	h.Undo(s)
	if got := snapshot(s); !reflect.DeepEqual(got, before) {
		t.Error("refused edits changed the set")
	}
}
