package ui

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/newsroom/annotator/app/annotation"
)

// The browser's local storage keeps every document the editor has open, so a
// reload or a crashed tab loses nothing.
const (
	keyIndex     = "annotator.index"   // the list of stored documents
	keyDocPrefix = "annotator.doc."    // + document UUID: its annotation file
	keyCurrent   = "annotator.current" // the id of the document last open
)

// docEntry describes a stored document in the library's index.
type docEntry struct {
	ID       annotation.ID           `json:"id"`
	Title    string                  `json:"title"`
	Modified time.Time               `json:"modified"`
	Counts   map[annotation.Kind]int `json:"counts"`
}

// loadIndex returns the stored documents, newest first. An unreadable index
// (damaged, or written by another version) is rebuilt from the documents.
func loadIndex() []docEntry {
	var idx []docEntry
	if s := storageGet(keyIndex); s != "" {
		if json.Unmarshal([]byte(s), &idx) != nil {
			return rebuildIndex()
		}
	}
	return idx
}

// rebuildIndex lists every document stored in this browser that can be read.
func rebuildIndex() []docEntry {
	var idx []docEntry
	for _, key := range storageKeys(keyDocPrefix) {
		f, err := annotation.Decode([]byte(storageGet(key)))
		if err != nil {
			continue // kept as it is: Documents cannot open it, but nothing deletes it
		}
		var modified time.Time
		for _, a := range f.Annotations {
			if a.Modified.After(modified) {
				modified = a.Modified
			}
		}
		idx = append(idx, docEntry{ID: f.Document.ID, Title: f.Document.Title, Modified: modified, Counts: countKinds(f.Annotations)})
	}
	slices.SortFunc(idx, func(a, b docEntry) int { return b.Modified.Compare(a.Modified) })
	buf, _ := json.Marshal(idx)
	storageSet(keyIndex, string(buf))
	return idx
}

// saveDoc stores f and records it in the index. On failure nothing already
// stored is dropped.
func saveDoc(f annotation.File, now time.Time) ([]docEntry, error) {
	data, err := annotation.Encode(f)
	if err != nil {
		return nil, err
	}
	if err := storageSet(keyDocPrefix+f.Document.ID.UUID(), string(data)); err != nil {
		return nil, err
	}
	entry := docEntry{ID: f.Document.ID, Title: f.Document.Title, Modified: now, Counts: countKinds(f.Annotations)}
	idx := slices.DeleteFunc(loadIndex(), func(e docEntry) bool { return e.ID == entry.ID })
	idx = append([]docEntry{entry}, idx...)
	buf, _ := json.Marshal(idx)
	if err := storageSet(keyIndex, string(buf)); err != nil {
		return nil, err
	}
	storageSet(keyCurrent, string(f.Document.ID))
	return idx, nil
}

// loadDoc reads and validates a stored document.
func loadDoc(id annotation.ID) (annotation.File, error) {
	s := storageGet(keyDocPrefix + id.UUID())
	if s == "" {
		return annotation.File{}, fmt.Errorf("document %s is not stored in this browser", id)
	}
	f, err := annotation.Decode([]byte(s))
	if err != nil {
		return annotation.File{}, fmt.Errorf("the stored copy of document %s cannot be read:\n%w", id, err)
	}
	return f, nil
}

// removeDoc deletes a stored document and its index entry.
func removeDoc(id annotation.ID) []docEntry {
	storageDel(keyDocPrefix + id.UUID())
	idx := slices.DeleteFunc(loadIndex(), func(e docEntry) bool { return e.ID == id })
	buf, _ := json.Marshal(idx)
	storageSet(keyIndex, string(buf))
	return idx
}

// countKinds counts annotations by kind.
func countKinds(anns []annotation.Annotation) map[annotation.Kind]int {
	c := map[annotation.Kind]int{}
	for _, a := range anns {
		c[a.Kind]++
	}
	return c
}
