//go:build !wasm

package users

import (
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"sync"
)

// Watch is a users file that a server reads again whenever it changes, so
// that users added or removed take effect without a restart. Each Lookup
// checks the file's modification time, size and inode (one stat call) and
// reads it again when any differs. Every method is safe for concurrent use.
type Watch struct {
	path string
	log  *slog.Logger

	mu   sync.Mutex
	seen fs.FileInfo // the file as last read; nil when it could not be
	list *List       // nil when the file could not be read
	err  error       // why it could not, reported once
}

// NewWatch reads the users file at path and watches it; log (which may be
// nil) hears of every reading and of every damaged or missing file. It is an
// error if the file cannot be read now.
func NewWatch(path string, log *slog.Logger) (*Watch, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	w := &Watch{path: path, log: log}
	if _, err := w.current(); err != nil {
		return nil, err
	}
	return w, nil
}

// Path returns the watched file's path.
func (w *Watch) Path() string { return w.path }

// Lookup returns the name of the user whose token is token, from the file as
// it is now (see List.Lookup). err is set when the file cannot be read or is
// damaged: then no token is taken, until it is mended.
func (w *Watch) Lookup(token string) (name string, ok bool, err error) {
	l, err := w.current()
	if err != nil {
		return "", false, err
	}
	name, ok = l.Lookup(token)
	return name, ok, nil
}

// current returns the file's users, reading it again if it changed.
func (w *Watch) current() (*List, error) {
	fi, statErr := os.Stat(w.path)
	w.mu.Lock()
	defer w.mu.Unlock()
	if statErr == nil && w.seen != nil && os.SameFile(fi, w.seen) && fi.ModTime().Equal(w.seen.ModTime()) && fi.Size() == w.seen.Size() {
		return w.list, w.err
	}
	var l *List
	err := statErr
	if err == nil {
		var data []byte
		if data, err = os.ReadFile(w.path); err == nil {
			l, err = parse(w.path, data)
		}
	}
	if err != nil {
		err = fmt.Errorf("users file: %w", err)
		if w.err == nil || w.err.Error() != err.Error() {
			w.log.Error("the users file cannot be used: no token is taken until it is mended", "err", err)
		}
		w.seen, w.list, w.err = nil, nil, err
		if statErr == nil {
			w.seen = fi // not read again until it changes
		}
		return nil, err
	}
	w.log.Info("users file read", "path", w.path, "users", len(l.users))
	w.seen, w.list, w.err = fi, l, nil
	return l, nil
}
