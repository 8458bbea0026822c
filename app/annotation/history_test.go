package annotation

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/newsroom/annotator/app/anchor"
)

// TestHistoryOutlivesReload: a history written as JSON and read back, with the
// annotations reloaded from their file, still undoes and redoes; one that no
// longer fits the annotations is refused and cleared.
func TestHistoryOutlivesReload(t *testing.T) {
	s, h := newSampleSet(t)
	before := snapshot(s)
	e, err := s.SetNote(testID(10), "check the date", testTime.Add(1))
	mustDo(t, s, h, e, err)
	e, err = s.Remove(testID(11), testTime.Add(2))
	mustDo(t, s, h, e, err)
	h.Undo(s) // one edit to redo, one to undo

	data, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	file, err := Encode(NewFile(sampleFile(t).Document, s.All()))
	if err != nil {
		t.Fatal(err)
	}
	reloaded, err := Decode(file)
	if err != nil {
		t.Fatal(err)
	}
	s2 := NewSet(anchor.NewText(reloaded.Document.Text), reloaded.Annotations)
	var h2 History
	if err := json.Unmarshal(data, &h2); err != nil {
		t.Fatal(err)
	}
	if edit, ok := h2.Redo(s2); !ok || edit.Label != "Delete source" {
		t.Fatalf("redo after reload: %q %v", edit.Label, ok)
	}
	if _, ok := s2.Get(testID(11)); ok {
		t.Error("the redone removal left the source")
	}
	h2.Undo(s2)
	if edit, ok := h2.Undo(s2); !ok || edit.Label != "Edit note" {
		t.Fatalf("undo after reload: %q %v", edit.Label, ok)
	}
	if got := snapshot(s2); !reflect.DeepEqual(got, before) {
		t.Errorf("undoing everything after reload does not give the first state:\ngot  %+v\nwant %+v", got, before)
	}

	// A history for other annotations is refused at its first step, then empty.
	var stale History
	if err := json.Unmarshal(data, &stale); err != nil {
		t.Fatal(err)
	}
	fresh, _ := newSampleSet(t)
	if _, ok := stale.Undo(fresh); ok || stale.CanUndo() || stale.CanRedo() {
		t.Error("a history that does not fit was applied or kept")
	}
	if err := json.Unmarshal([]byte(`{"undo": 3}`), &stale); err == nil {
		t.Error("a damaged history was read without an error")
	}
}
