//go:build !wasm

// Package dirstore implements store.Store on a local folder for a single server
// process: the store keeps an index of the folder in memory, so only one
// process may use a folder at a time (for several replicas, see s3store).
package dirstore

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/store"
	"github.com/newsroom/annotator/app/store/internal/backend"
)

// Store is a store.Store on a local folder, laid out as
//
//	documents/UUID/00000007.json     the versions kept of a document; the highest is current
//	documents/UUID/saved-by          who saved each version: lines "7 Jane Smith"
//	trash/UUID.UNIXNANO/…            a deleted document with its versions, deleted at UNIXNANO
//
// Every write goes to a temporary file in the same folder, is synced, renamed into
// place and the folder synced, so a crash leaves the old state or the new, never a
// torn file. File names come only from validated UUIDs and version numbers.
//
// Who saved a version is appended to saved-by once the version is in place,
// without a sync of its own (the next write's sync carries it): a crash may
// forget who saved the last version, never the version. A version saved by
// no known user, or stored before saved-by existed, has no line.
type Store struct {
	docs, trash string
	noSync      bool
	log         *slog.Logger
	locks       [256]sync.Mutex // per-document locks, striped by id

	mu     sync.RWMutex
	index  map[annotation.ID]store.Summary // every live document's current version
	sorted []store.Summary                 // index newest first; nil when stale
}

const tempPrefix = ".tmp-"

var _ store.Store = (*Store)(nil)

// Open opens (creating it if missing) the store in folder root: it removes
// temporary files left by a crash and indexes every document.
func Open(root string, opt store.Options) (*Store, error) {
	d := &Store{
		docs:   filepath.Join(root, "documents"),
		trash:  filepath.Join(root, "trash"),
		noSync: opt.NoSync,
		log:    cmp.Or(opt.Log, slog.New(slog.DiscardHandler)),
		index:  map[annotation.ID]store.Summary{},
	}
	for _, dir := range []string{d.docs, d.trash} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("opening the store: %w", err)
		}
	}
	entries, err := os.ReadDir(d.docs)
	if err != nil {
		return nil, fmt.Errorf("opening the store: %w", err)
	}
	// Index in parallel: reading 10,000 small files is bound by system calls.
	work := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) * 2 {
		wg.Go(func() {
			for name := range work {
				d.load(name)
			}
		})
	}
	for _, e := range entries {
		work <- e.Name()
	}
	close(work)
	wg.Wait()
	if trashed, err := os.ReadDir(d.trash); err == nil {
		for _, e := range trashed {
			d.removeTemps(filepath.Join(d.trash, e.Name()))
		}
	}
	return d, nil
}

// load indexes the document in folder documents/name, after removing its temporary files.
func (d *Store) load(name string) {
	path := filepath.Join(d.docs, name)
	if strings.HasPrefix(name, tempPrefix) {
		os.RemoveAll(path)
		return
	}
	id, err := backend.ParseUUID(name)
	if err != nil {
		d.log.Warn("store: not a document folder; leaving it alone", "path", path)
		return
	}
	d.removeTemps(path)
	ns, err := versionsIn(path)
	if err != nil {
		d.log.Warn("store: cannot read a document folder", "path", path, "err", err)
		return
	}
	if len(ns) == 0 { // a crash after creating the folder, before its first version
		os.Remove(path)
		return
	}
	for _, old := range ns[min(len(ns), store.Keep+1):] {
		d.removeVersion(path, versionName(old))
	}
	s, _, err := readVersion(path, ns[0])
	if err == nil && s.ID != id {
		err = fmt.Errorf("the file holds document %s", s.ID)
	}
	if err != nil {
		d.log.Warn("store: cannot index a document", "path", path, "err", err)
		return
	}
	s.SavedBy = savers(path)[s.Version]
	d.mu.Lock()
	d.index[id] = s
	d.mu.Unlock()
}

// removeTemps removes the temporary files a crash left in dir.
func (d *Store) removeTemps(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tempPrefix) {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				d.log.Warn("store: cannot remove a temporary file", "err", err)
			}
		}
	}
}

func versionName(n int) string { return fmt.Sprintf("%08d.json", n) }

// saversName is the file, in a document's folder, of who saved each version.
const saversName = "saved-by"

// saversMax is the size past which Put rewrites the saved-by file with the
// kept versions' lines only.
const saversMax = 16 << 10

// savers returns who saved each version in dir, by version number, from its
// saved-by file: the last line for a number counts, and a line that does
// not read is skipped (a crash may have cut the last one short).
func savers(dir string) map[int]string {
	data, err := os.ReadFile(filepath.Join(dir, saversName))
	if err != nil {
		return nil
	}
	by := map[int]string{}
	for line := range strings.Lines(string(data)) {
		num, name, ok := strings.Cut(strings.TrimSuffix(line, "\n"), " ")
		n, err := strconv.Atoi(num)
		if ok && err == nil && strings.HasSuffix(line, "\n") {
			by[n] = name
		}
	}
	return by
}

// noteSaver appends "n savedBy" to dir's saved-by file, first rewriting it
// with only the lines of versions after oldest when it has grown past saversMax.
func (d *Store) noteSaver(dir string, n int, savedBy string, oldest int) error {
	path := filepath.Join(dir, saversName)
	if fi, err := os.Stat(path); err == nil && fi.Size() > saversMax {
		var buf strings.Builder
		for v, name := range savers(dir) {
			if v > oldest && v < n {
				fmt.Fprintf(&buf, "%d %s\n", v, name)
			}
		}
		if err := d.writeFile(dir, saversName, []byte(buf.String()), time.Now(), ""); err != nil {
			return err
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "%d %s\n", n, savedBy)
	return errors.Join(err, f.Close())
}

// versionsIn returns the version numbers held in dir, highest first.
func versionsIn(dir string) ([]int, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var ns []int
	for _, e := range entries {
		num, ok := strings.CutSuffix(e.Name(), ".json")
		if n, err := strconv.Atoi(num); ok && err == nil && n > 0 && versionName(n) == e.Name() {
			ns = append(ns, n)
		}
	}
	slices.Sort(ns)
	slices.Reverse(ns)
	return ns, nil
}

// readVersion reads version n in dir and summarises it from a light decoding:
// the file was validated when it was stored.
func readVersion(dir string, n int) (store.Summary, []byte, error) {
	path := filepath.Join(dir, versionName(n))
	data, fi, err := readFile(path)
	if err != nil {
		return store.Summary{}, nil, err
	}
	s, err := backend.SummarizeStored(data, n, fi.ModTime().UTC())
	if err != nil {
		return store.Summary{}, nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, data, nil
}

// readFile reads the file at path, provided path still names it once read:
// a Put may meanwhile turn a version that falls out of the kept ones into its
// temporary file (see writeFile), and that version then no longer exists.
func readFile(path string) ([]byte, fs.FileInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, nil, err
	}
	opened, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	named, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if !os.SameFile(opened, named) {
		return nil, nil, fmt.Errorf("%s: %w", path, fs.ErrNotExist)
	}
	return data, named, nil
}

// lock locks the document id's stripe and returns its unlock.
func (d *Store) lock(id annotation.ID) func() {
	h := fnv.New32a()
	h.Write([]byte(id))
	m := &d.locks[h.Sum32()%uint32(len(d.locks))]
	m.Lock()
	return m.Unlock
}

func (d *Store) current(id annotation.ID) (store.Summary, bool) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	s, ok := d.index[id]
	return s, ok
}

func (d *Store) setCurrent(id annotation.ID, s *store.Summary) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if s == nil {
		delete(d.index, id)
	} else {
		d.index[id] = *s
	}
	d.sorted = nil
}

// List implements store.Store.
func (d *Store) List(context.Context) ([]store.Summary, error) {
	d.mu.RLock()
	sorted := d.sorted
	d.mu.RUnlock()
	if sorted != nil {
		return sorted, nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.sorted == nil {
		d.sorted = make([]store.Summary, 0, len(d.index))
		for _, s := range d.index {
			d.sorted = append(d.sorted, s)
		}
		store.SortNewestFirst(d.sorted)
	}
	return d.sorted, nil
}

// Get implements store.Store.
func (d *Store) Get(_ context.Context, id annotation.ID) (store.Object, error) {
	name, err := backend.UUID(id)
	if err != nil {
		return store.Object{}, err
	}
	for try := 0; ; try++ {
		s, ok := d.current(id)
		if !ok {
			return store.Object{}, fmt.Errorf("document %s: %w", id, store.ErrNotFound)
		}
		data, _, err := readFile(filepath.Join(d.docs, name, versionName(s.Version)))
		if errors.Is(err, fs.ErrNotExist) && try == 0 {
			continue // deleted or pruned since the index was read: look again
		}
		if err != nil {
			return store.Object{}, err
		}
		return store.Object{Summary: s, Data: data}, nil
	}
}

// Put implements store.Store.
func (d *Store) Put(_ context.Context, f annotation.File, data []byte, cond store.Condition, savedBy string) (store.Summary, bool, error) {
	id := f.Document.ID
	name, err := backend.UUID(id)
	if err != nil {
		return store.Summary{}, false, err
	}
	if err := backend.CheckSaver(savedBy); err != nil {
		return store.Summary{}, false, err
	}
	defer d.lock(id)()
	cur, exists := d.current(id)
	if !cond.Holds(cur.ETag) {
		return store.Summary{}, false, fmt.Errorf("document %s: %w", id, store.ErrPrecondition)
	}
	etag := store.ETag(data)
	if exists && etag == cur.ETag {
		return cur, false, nil
	}
	dir := filepath.Join(d.docs, name)
	n := cur.Version + 1
	if !exists {
		if err := os.Mkdir(dir, 0o755); err == nil {
			if err := d.syncDir(d.docs); err != nil {
				return store.Summary{}, false, err
			}
		} else if !errors.Is(err, fs.ErrExist) {
			return store.Summary{}, false, err
		}
		// A folder the index lacks (its file could not be read) keeps its numbers.
		if ns, err := versionsIn(dir); err == nil && len(ns) > 0 {
			n = ns[0] + 1
		}
	}
	now := time.Now().UTC().Truncate(time.Millisecond)
	// Versions are numbered without gaps, so one falls out of the kept ones:
	// its file becomes the new version's. (Open removes any left behind.)
	recycle := ""
	if old := n - store.Keep - 1; old > 0 {
		recycle = versionName(old)
	}
	if err := d.writeFile(dir, versionName(n), data, now, recycle); err != nil {
		return store.Summary{}, false, err
	}
	if savedBy != "" {
		if err := d.noteSaver(dir, n, savedBy, n-store.Keep-1); err != nil {
			d.log.Warn("store: cannot note who saved a version", "path", dir, "err", err)
		}
	}
	s := store.Summarize(f, etag, len(data), n, now)
	s.SavedBy = savedBy
	d.setCurrent(id, &s)
	return s, !exists, nil
}

// writeFile writes data to dir/name atomically and durably, with modification
// time mtime. The caller holds the folder's document lock.
//
// When recycle names a file in dir that the write makes redundant (if any), that
// file is renamed and emptied to be the temporary one: the file system then
// allocates no inode and frees none. (On ext4 the search for a free inode,
// which passes over recently freed ones, took a sixth of the server's CPU
// when every PUT created a file and removed one.)
func (d *Store) writeFile(dir, name string, data []byte, mtime time.Time, recycle string) (err error) {
	tmp, err := d.tempFile(dir, recycle)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := os.Chtimes(tmp.Name(), mtime, mtime); err != nil {
		return err
	}
	if !d.noSync {
		if err := tmp.Sync(); err != nil {
			return err
		}
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, name)); err != nil {
		return err
	}
	return d.syncDir(dir)
}

// tempFile returns a new temporary file in dir: the file named recycle,
// renamed and emptied, when there is one (see writeFile).
func (d *Store) tempFile(dir, recycle string) (*os.File, error) {
	if recycle != "" {
		reused := filepath.Join(dir, tempPrefix+"recycled")
		err := os.Rename(filepath.Join(dir, recycle), reused)
		if err == nil {
			return os.OpenFile(reused, os.O_WRONLY|os.O_TRUNC, 0)
		}
		if !errors.Is(err, fs.ErrNotExist) {
			d.log.Warn("store: cannot reuse an old version; opening the store again removes it", "err", err)
		}
	}
	return os.CreateTemp(dir, tempPrefix+"*")
}

// syncDir makes a folder's entries durable.
func (d *Store) syncDir(dir string) error {
	if d.noSync {
		return nil
	}
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// removeVersion removes the version file name from dir, if it is there.
func (d *Store) removeVersion(dir, name string) {
	if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		d.log.Warn("store: cannot remove an old version", "err", err)
	}
}

// Delete implements store.Store.
func (d *Store) Delete(_ context.Context, id annotation.ID, cond store.Condition) error {
	name, err := backend.UUID(id)
	if err != nil {
		return err
	}
	defer d.lock(id)()
	cur, exists := d.current(id)
	switch {
	case !exists:
		return fmt.Errorf("document %s: %w", id, store.ErrNotFound)
	case !cond.Holds(cur.ETag):
		return fmt.Errorf("document %s: %w", id, store.ErrPrecondition)
	}
	dst := filepath.Join(d.trash, fmt.Sprintf("%s.%d", name, time.Now().UnixNano()))
	if err := os.Rename(filepath.Join(d.docs, name), dst); err != nil {
		return err
	}
	d.setCurrent(id, nil)
	return errors.Join(d.syncDir(d.trash), d.syncDir(d.docs))
}

// Versions implements store.Store.
func (d *Store) Versions(_ context.Context, id annotation.ID) ([]store.Version, error) {
	name, err := backend.UUID(id)
	if err != nil {
		return nil, err
	}
	if _, ok := d.current(id); !ok {
		return nil, fmt.Errorf("document %s: %w", id, store.ErrNotFound)
	}
	dir := filepath.Join(d.docs, name)
	ns, err := versionsIn(dir)
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", id, store.ErrNotFound)
	}
	vs := []store.Version{}
	by := savers(dir)
	for _, n := range ns {
		s, _, err := readVersion(dir, n)
		if err != nil {
			continue // pruned meanwhile
		}
		vs = append(vs, store.Version{Version: n, ETag: s.ETag, Modified: s.Modified, Size: s.Size, Current: len(vs) == 0, SavedBy: by[n]})
	}
	return vs, nil
}

// Version implements store.Store.
func (d *Store) Version(_ context.Context, id annotation.ID, n int) (store.Object, error) {
	name, err := backend.UUID(id)
	if err != nil {
		return store.Object{}, err
	}
	if _, ok := d.current(id); !ok || n < 1 {
		return store.Object{}, fmt.Errorf("document %s version %d: %w", id, n, store.ErrNotFound)
	}
	dir := filepath.Join(d.docs, name)
	s, data, err := readVersion(dir, n)
	if errors.Is(err, fs.ErrNotExist) {
		return store.Object{}, fmt.Errorf("document %s version %d: %w", id, n, store.ErrNotFound)
	}
	if err != nil {
		return store.Object{}, err
	}
	s.SavedBy = savers(dir)[n]
	return store.Object{Summary: s, Data: data}, nil
}

// Trash implements store.Store.
func (d *Store) Trash(context.Context) ([]store.Trashed, error) {
	entries, err := os.ReadDir(d.trash)
	if err != nil {
		return nil, err
	}
	ts := []store.Trashed{}
	for _, e := range entries {
		s, deleted, err := d.readTrashed(e.Name())
		if err != nil {
			continue
		}
		ts = append(ts, store.Trashed{Summary: s, Deleted: deleted})
	}
	slices.SortFunc(ts, func(a, b store.Trashed) int { return b.Deleted.Compare(a.Deleted) })
	return ts, nil
}

// readTrashed summarises the current version of trash entry name ("UUID.UNIXNANO").
func (d *Store) readTrashed(name string) (store.Summary, time.Time, error) {
	uuid, nanos, ok := strings.Cut(name, ".")
	ns, err := strconv.ParseInt(nanos, 10, 64)
	if !ok || err != nil {
		return store.Summary{}, time.Time{}, fmt.Errorf("%q is not a trash entry", name)
	}
	if _, err := backend.ParseUUID(uuid); err != nil {
		return store.Summary{}, time.Time{}, err
	}
	dir := filepath.Join(d.trash, name)
	vs, err := versionsIn(dir)
	if err != nil || len(vs) == 0 {
		return store.Summary{}, time.Time{}, fmt.Errorf("trash entry %q holds no version", name)
	}
	s, _, err := readVersion(dir, vs[0])
	s.SavedBy = savers(dir)[vs[0]]
	return s, time.Unix(0, ns).UTC(), err
}

// Restore implements store.Store.
func (d *Store) Restore(_ context.Context, id annotation.ID) (store.Summary, error) {
	name, err := backend.UUID(id)
	if err != nil {
		return store.Summary{}, err
	}
	defer d.lock(id)()
	if _, exists := d.current(id); exists {
		return store.Summary{}, fmt.Errorf("document %s is not deleted: %w", id, store.ErrConflict)
	}
	entries, err := os.ReadDir(d.trash)
	if err != nil {
		return store.Summary{}, err
	}
	var newest string
	var newestAt time.Time
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), name+".") {
			continue
		}
		if _, at, err := d.readTrashed(e.Name()); err == nil && at.After(newestAt) {
			newest, newestAt = e.Name(), at
		}
	}
	if newest == "" {
		return store.Summary{}, fmt.Errorf("document %s in the trash: %w", id, store.ErrNotFound)
	}
	dir := filepath.Join(d.docs, name)
	if err := os.Rename(filepath.Join(d.trash, newest), dir); err != nil {
		return store.Summary{}, err
	}
	if err := errors.Join(d.syncDir(d.docs), d.syncDir(d.trash)); err != nil {
		return store.Summary{}, err
	}
	vs, err := versionsIn(dir)
	if err != nil || len(vs) == 0 {
		return store.Summary{}, fmt.Errorf("restored document %s holds no version", id)
	}
	s, _, err := readVersion(dir, vs[0])
	if err != nil {
		return store.Summary{}, err
	}
	s.SavedBy = savers(dir)[vs[0]]
	d.setCurrent(id, &s)
	return s, nil
}
