package annotation

import (
	"encoding/json"
	"fmt"
)

// History is the undo and redo history of the edits made to a Set.
type History struct {
	undo, redo []Edit
}

// Do applies e to s and records it; it clears the redo history. An edit with no
// changes is neither applied nor recorded.
func (h *History) Do(s *Set, e Edit) error {
	if len(e.Changes) == 0 {
		return nil
	}
	if err := s.Apply(e); err != nil {
		return err
	}
	h.undo = append(h.undo, e)
	h.redo = nil
	return nil
}

// Undo reverts the last edit done and returns it; false when there is none.
func (h *History) Undo(s *Set) (Edit, bool) {
	return h.move(s, &h.undo, &h.redo, Edit.Inverse)
}

// Redo applies again the last edit undone and returns it; false when there is none.
func (h *History) Redo(s *Set) (Edit, bool) {
	return h.move(s, &h.redo, &h.undo, func(e Edit) Edit { return e })
}

func (h *History) move(s *Set, from, to *[]Edit, apply func(Edit) Edit) (Edit, bool) {
	if len(*from) == 0 {
		return Edit{}, false
	}
	e := (*from)[len(*from)-1]
	if err := s.Apply(apply(e)); err != nil {
		// The set was changed outside the history: its past no longer applies.
		h.undo, h.redo = nil, nil
		return Edit{}, false
	}
	*from = (*from)[:len(*from)-1]
	*to = append(*to, e)
	return e, true
}

// CanUndo reports whether there is an edit to undo.
func (h *History) CanUndo() bool { return len(h.undo) > 0 }

// CanRedo reports whether there is an edit to redo.
func (h *History) CanRedo() bool { return len(h.redo) > 0 }

// maxKeptEdits bounds the edits MarshalJSON keeps of each side of a history.
const maxKeptEdits = 100

// historyJSON is a History as JSON: the edits to undo and to redo, oldest first.
type historyJSON struct {
	Undo []Edit `json:"undo"`
	Redo []Edit `json:"redo"`
}

// MarshalJSON writes the history, its latest 100 edits each way, so that it can
// outlive a reload of the page.
func (h History) MarshalJSON() ([]byte, error) {
	return json.Marshal(historyJSON{Undo: lastEdits(h.undo), Redo: lastEdits(h.redo)})
}

// UnmarshalJSON reads a history MarshalJSON wrote. Edits that no longer fit
// the set they are applied to are refused when undone or redone (see Set.Apply),
// and then the history is cleared.
func (h *History) UnmarshalJSON(data []byte) error {
	var j historyJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return fmt.Errorf("the undo history is damaged: %w", err)
	}
	h.undo, h.redo = j.Undo, j.Redo
	return nil
}

func lastEdits(es []Edit) []Edit {
	if es == nil {
		return []Edit{}
	}
	return es[max(0, len(es)-maxKeptEdits):]
}
