// Package docsync is the one owner of what the editor keeps in the browser —
// the documents, their index and undo histories, the outbox of saves waiting for the server, the
// server's version tags (ETags) and the base each save starts from — and of
// the conversation with the server about them. It is pure Go: the browser's
// local storage and fetch sit behind the small Storage and Transport
// interfaces (app/ui implements them), so that the package is tested natively
// against the real server on 127.0.0.1:0.
//
// A save the server refuses because its copy changed meanwhile (412) is
// merged with that copy (annotation.Merge, from the base) and sent again.
// Every failure comes back as an error or an Outcome for the editor to see;
// nothing queued is dropped without a word.
package docsync

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
)

// Storage is the browser's local storage: string values by key.
type Storage interface {
	// Get returns the value under key; ok is false when there is none.
	Get(key string) (value string, ok bool)
	// Set stores value under key; it fails when the storage is full.
	Set(key, value string) error
	// Delete removes key.
	Delete(key string)
	// Keys lists the keys that start with prefix.
	Keys(prefix string) []string
}

// The keys of local storage. They are those of earlier versions, so that
// what a browser kept stays readable.
const (
	keyIndex      = "annotator.index"    // the list of stored documents
	keyDocPrefix  = "annotator.doc."     // + document UUID: its annotation file
	keyCurrent    = "annotator.current"  // the id of the document last open
	keyOutbox     = "annotator.outbox"   // the ids of documents waiting to be saved
	keyETagPrefix = "annotator.etag."    // + UUID: the server version the local copy is based on
	keyBasePrefix = "annotator.base."    // + UUID: that server version's file, the base of the next save
	keyToken      = "annotator.token"    // the server's API token, if it needs one
	keyHistPrefix = "annotator.history." // + UUID: the undo history of the document's annotations
)

// DocKey is the storage key of a document's file: another tab's change to it
// is a change to the document.
func DocKey(id annotation.ID) string { return keyDocPrefix + id.UUID() }

// Entry describes a document in the index of those stored in the browser (and
// one in the server's list): the API's summary, of which the index keeps the
// id, title, time and counts.
type Entry = api.Summary

// Library keeps documents in a Storage.
type Library struct {
	store Storage
}

// NewLibrary returns the library kept in s.
func NewLibrary(s Storage) *Library { return &Library{store: s} }

// Index returns the stored documents, newest first. An unreadable index
// (damaged, or written by another version) is rebuilt from the documents.
func (l *Library) Index() ([]Entry, error) {
	s, ok := l.store.Get(keyIndex)
	if !ok {
		return nil, nil
	}
	var idx []Entry
	if json.Unmarshal([]byte(s), &idx) != nil {
		return l.rebuildIndex()
	}
	return idx, nil
}

// rebuildIndex lists every stored document that can be read and stores the list.
func (l *Library) rebuildIndex() ([]Entry, error) {
	var idx []Entry
	for _, key := range l.store.Keys(keyDocPrefix) {
		s, _ := l.store.Get(key)
		f, err := annotation.Decode([]byte(s))
		if err != nil {
			continue // kept as it is: it cannot be opened, but nothing deletes it
		}
		var modified time.Time
		for _, a := range f.Annotations {
			if a.Modified.After(modified) {
				modified = a.Modified
			}
		}
		idx = append(idx, entry(f, modified))
	}
	slices.SortFunc(idx, func(a, b Entry) int { return b.Modified.Compare(a.Modified) })
	return idx, l.setJSON(keyIndex, idx)
}

// entry is f's index entry, modified at modified.
func entry(f annotation.File, modified time.Time) Entry {
	return Entry{ID: f.Document.ID, Title: f.Document.Title, Modified: modified, Counts: api.CountsOf(f.Annotations)}
}

// Save stores f, records it first in the index and makes it the current
// document. On failure what was stored before stays as it was.
func (l *Library) Save(f annotation.File, now time.Time) ([]Entry, error) {
	idx, err := l.keep(f, now)
	if err != nil {
		return nil, err
	}
	return idx, l.store.Set(keyCurrent, string(f.Document.ID))
}

// keep stores f and records it first in the index, as Save does, leaving
// the current document as it is.
func (l *Library) keep(f annotation.File, now time.Time) ([]Entry, error) {
	data, err := annotation.Encode(f)
	if err != nil {
		return nil, err
	}
	idx, err := l.Index()
	if err != nil {
		return nil, err
	}
	if err := l.store.Set(DocKey(f.Document.ID), string(data)); err != nil {
		return nil, err
	}
	idx = slices.DeleteFunc(idx, func(e Entry) bool { return e.ID == f.Document.ID })
	idx = append([]Entry{entry(f, now)}, idx...)
	return idx, l.setJSON(keyIndex, idx)
}

// Load reads and validates a stored document.
func (l *Library) Load(id annotation.ID) (annotation.File, error) {
	s, ok := l.store.Get(DocKey(id))
	if !ok {
		return annotation.File{}, fmt.Errorf("document %s is not stored in this browser", id)
	}
	f, err := annotation.Decode([]byte(s))
	if err != nil {
		return annotation.File{}, fmt.Errorf("the stored copy of document %s cannot be read:\n%w", id, err)
	}
	return f, nil
}

// Current returns the id of the document last open, or "" for none.
func (l *Library) Current() annotation.ID {
	s, _ := l.store.Get(keyCurrent)
	return annotation.ID(s)
}

// Remove deletes a stored document with its index entry and what is kept for
// the server about it; a save of it still waiting in the outbox makes it an error.
func (l *Library) Remove(id annotation.ID) ([]Entry, error) {
	waiting, err := l.Outbox()
	if err != nil {
		return nil, err
	}
	if slices.Contains(waiting, id) {
		return nil, errors.New("its save to the server is still waiting: send it first, or it would be lost")
	}
	idx, err := l.Index()
	if err != nil {
		return nil, err
	}
	idx = slices.DeleteFunc(idx, func(e Entry) bool { return e.ID == id })
	if err := l.setJSON(keyIndex, idx); err != nil {
		return nil, err
	}
	for _, k := range []string{DocKey(id), keyETagPrefix + id.UUID(), keyBasePrefix + id.UUID(), keyHistPrefix + id.UUID()} {
		l.store.Delete(k)
	}
	return idx, nil
}

// Outbox returns the ids of the documents waiting to be saved, oldest first.
// A damaged outbox is an error, never an empty one: the saves it held are
// still to be sent.
func (l *Library) Outbox() ([]annotation.ID, error) {
	s, ok := l.store.Get(keyOutbox)
	if !ok {
		return nil, nil
	}
	var ids []annotation.ID
	if err := json.Unmarshal([]byte(s), &ids); err != nil {
		return nil, fmt.Errorf("the list of saves waiting for the server is damaged (%v): save each open document to the server again", err)
	}
	return ids, nil
}

// Queue adds id to the outbox, if it is not waiting already. A damaged outbox
// is replaced by one holding id, and reported: the saves it held must be made again.
func (l *Library) Queue(id annotation.ID) error {
	ids, damaged := l.Outbox()
	if slices.Contains(ids, id) {
		return nil
	}
	if err := l.setJSON(keyOutbox, append(ids, id)); err != nil {
		return err
	}
	return damaged
}

// dequeue removes id from the outbox.
func (l *Library) dequeue(id annotation.ID) error {
	ids, err := l.Outbox()
	if err != nil {
		return err
	}
	return l.setJSON(keyOutbox, slices.DeleteFunc(ids, func(x annotation.ID) bool { return x == id }))
}

// Token returns the server's API token, or "".
func (l *Library) Token() string {
	s, _ := l.store.Get(keyToken)
	return s
}

// SetToken keeps the server's API token.
func (l *Library) SetToken(tok string) error { return l.store.Set(keyToken, tok) }

// ETag returns the server version the stored copy of id is based on, or "".
func (l *Library) ETag(id annotation.ID) string {
	s, _ := l.store.Get(keyETagPrefix + id.UUID())
	return s
}

// Base returns the server's version of id that the next save starts from;
// ok is false when there is none (never saved, or from an older version).
func (l *Library) Base(id annotation.ID) (f annotation.File, ok bool, err error) {
	s, ok := l.store.Get(keyBasePrefix + id.UUID())
	if !ok {
		return annotation.File{}, false, nil
	}
	f, err = annotation.Decode([]byte(s))
	return f, err == nil, err
}

// setServerVersion records that the server holds f at etag.
func (l *Library) setServerVersion(f annotation.File, etag string) error {
	data, err := annotation.Encode(f)
	if err != nil {
		return err
	}
	if err := l.store.Set(keyETagPrefix+f.Document.ID.UUID(), etag); err != nil {
		return err
	}
	if err := l.store.Set(keyBasePrefix+f.Document.ID.UUID(), string(data)); err != nil {
		l.store.Delete(keyBasePrefix + f.Document.ID.UUID()) // an older base would not match the tag
		return fmt.Errorf("the server's version could not be kept in this browser: %w", err)
	}
	return nil
}

// setJSON stores v as JSON under key.
func (l *Library) setJSON(key string, v any) error {
	buf, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return l.store.Set(key, string(buf))
}
