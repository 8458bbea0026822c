package docsync

import "github.com/newsroom/annotator/app/annotation"

// SaveHistory keeps the undo history of a document's annotations (as
// annotation.History writes it), so that it outlives a reload of the page.
func (l *Library) SaveHistory(id annotation.ID, history []byte) error {
	return l.store.Set(keyHistPrefix+id.UUID(), string(history))
}

// History returns the undo history kept for a document; ok is false when there is none.
func (l *Library) History(id annotation.ID) (history []byte, ok bool) {
	s, ok := l.store.Get(keyHistPrefix + id.UUID())
	return []byte(s), ok
}
