//go:build !wasm

// Package storetest checks implementations of store.Store, as testing/fstest
// checks those of fs.FS: Run is the conformance suite every backend passes
// unchanged, and the helpers make the files the suite stores, for a backend's
// own tests too.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/store"
)

// Run runs the conformance suite, each check as a subtest on storage of its
// own. newStorage makes empty storage for one check (cleaned up when t ends)
// and returns how to open a store on it; each call of open opens another
// store over the same storage, as a restarted server or another replica
// would, and fails t if it cannot.
//
// A backend's test runs it as
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) func() store.Store {
//			root := t.TempDir()
//			return func() store.Store { return mustOpen(t, root) }
//		})
//	}
func Run(t *testing.T, newStorage func(t *testing.T) (open func() store.Store)) {
	for _, c := range []struct {
		name string
		run  func(*testing.T, func() store.Store)
	}{
		{"PutGetVersions", testPutGetVersions},
		{"DeleteRestore", testDeleteRestore},
		{"SavedBy", testSavedBy},
		{"ListAfterReopen", testListAfterReopen},
		{"InvalidIDs", func(t *testing.T, open func() store.Store) { CheckInvalidIDs(t, open()) }},
		{"ConcurrentEdits", testConcurrentEdits},
		{"ReadVersionsWhileWriting", testReadVersionsWhileWriting},
	} {
		t.Run(c.name, func(t *testing.T) { c.run(t, newStorage(t)) })
	}
}

// Article is the text of the documents the suite and MustFile store.
const Article = "“We are on the sidelines,” said John Kerry. Photo: Larry Downing/AFP/Getty Images. Another line of text follows here.\n"

// MustFile returns a valid file for doc (whose text is Article) with a quote,
// a source and, when credit is set, a photo credit; it fails tb if it cannot.
func MustFile(tb testing.TB, doc annotation.Document, credit bool) annotation.File {
	tb.Helper()
	set := annotation.NewSet(anchor.NewText(doc.Text), nil)
	now := time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)
	spans := []struct {
		kind       annotation.Kind
		start, end int
	}{{annotation.Quote, 1, 25}, {annotation.Source, 32, 42}}
	if credit {
		spans = append(spans, struct {
			kind       annotation.Kind
			start, end int
		}{annotation.PhotoCredit, 51, 81})
	}
	for _, sp := range spans {
		a, err := set.New(sp.kind, sp.start, sp.end, annotation.Human, now)
		if err != nil {
			tb.Fatal(err)
		}
		e, err := set.Add(a)
		if err != nil {
			tb.Fatal(err)
		}
		if err := set.Apply(e); err != nil {
			tb.Fatal(err)
		}
	}
	return annotation.NewFile(doc, set.All())
}

// MustEncode returns the encoding of f, failing tb if f does not encode.
func MustEncode(tb testing.TB, f annotation.File) []byte {
	tb.Helper()
	data, err := annotation.Encode(f)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// testPutGetVersions stores, reads, refuses stale writes and keeps
// store.Keep versions besides the current one.
func testPutGetVersions(t *testing.T, open func() store.Store) {
	ctx := context.Background()
	d := open()
	doc := annotation.NewDocument("Kerry on Syria", Article, "")
	f := MustFile(t, doc, false)

	s, created, err := d.Put(ctx, f, MustEncode(t, f), store.Condition{IfNoneMatch: []string{"*"}}, "")
	if err != nil || !created || s.Version != 1 || s.Counts != (store.Counts{Quote: 1, Source: 1}) || s.Title != "Kerry on Syria" {
		t.Fatalf("first Put = %+v, %v, %v; want version 1, created, 1 quote and 1 source", s, created, err)
	}
	obj, err := d.Get(ctx, doc.ID)
	if err != nil || obj.ETag != s.ETag || obj.ETag != store.ETag(obj.Data) {
		t.Fatalf("Get = %+v, %v; want store.ETag %s", obj.Summary, err, s.ETag)
	}
	if back, err := annotation.Decode(obj.Data); err != nil || len(back.Annotations) != 2 {
		t.Fatalf("stored file does not decode: %v", err)
	}

	// The same bytes again change nothing, not even the version number.
	if again, created, err := d.Put(ctx, f, MustEncode(t, f), store.Condition{IfMatch: []string{s.ETag}}, ""); err != nil || created || again != s {
		t.Errorf("Put of the same file = %+v, %v, %v; want %+v unchanged", again, created, err, s)
	}

	// A stale If-Match is refused and writes nothing.
	f2 := MustFile(t, doc, true)
	s2, _, err := d.Put(ctx, f2, MustEncode(t, f2), store.Condition{IfMatch: []string{s.ETag}}, "")
	if err != nil || s2.Version != 2 || s2.Counts.PhotoCredit != 1 {
		t.Fatalf("second Put = %+v, %v", s2, err)
	}
	if _, _, err := d.Put(ctx, f, MustEncode(t, f), store.Condition{IfMatch: []string{s.ETag}}, ""); !errors.Is(err, store.ErrPrecondition) {
		t.Errorf("Put with a stale If-Match: err = %v, want store.ErrPrecondition", err)
	}
	if _, _, err := d.Put(ctx, f, MustEncode(t, f), store.Condition{IfNoneMatch: []string{"*"}}, ""); !errors.Is(err, store.ErrPrecondition) {
		t.Errorf("Put with If-None-Match: * on an existing document: err = %v, want store.ErrPrecondition", err)
	}
	if cur, _ := d.Get(ctx, doc.ID); cur.ETag != s2.ETag {
		t.Errorf("after refused Puts the current store.ETag is %s, want %s", cur.ETag, s2.ETag)
	}

	// Alternate two contents to make many versions: only the last store.Keep+1 stay.
	files := []annotation.File{f, f2}
	for i := 3; i <= 15; i++ {
		if _, _, err := d.Put(ctx, files[(i+1)%2], MustEncode(t, files[(i+1)%2]), store.Condition{}, ""); err != nil {
			t.Fatal(err)
		}
	}
	vs, err := d.Versions(ctx, doc.ID)
	if err != nil || len(vs) != store.Keep+1 || vs[0].Version != 15 || !vs[0].Current || vs[store.Keep].Version != 5 || vs[1].Current {
		t.Fatalf("Versions = %+v, %v; want 15 (current) down to 5", vs, err)
	}
	old, err := d.Version(ctx, doc.ID, 5)
	if err != nil || old.ETag != vs[store.Keep].ETag || store.ETag(old.Data) != old.ETag {
		t.Errorf("Version 5 = %+v, %v", old.Summary, err)
	}
	if _, err := d.Version(ctx, doc.ID, 4); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("pruned version 4: err = %v, want store.ErrNotFound", err)
	}
}

// testDeleteRestore moves documents to the trash and back, newest deletion first.
func testDeleteRestore(t *testing.T, open func() store.Store) {
	ctx := context.Background()
	d := open()
	doc := annotation.NewDocument("Trashed", Article, "")
	s, _, err := d.Put(ctx, MustFile(t, doc, false), MustEncode(t, MustFile(t, doc, false)), store.Condition{}, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Delete(ctx, doc.ID, store.Condition{IfMatch: []string{`"stale"`}}); !errors.Is(err, store.ErrPrecondition) {
		t.Errorf("Delete with a stale If-Match: err = %v, want store.ErrPrecondition", err)
	}
	if err := d.Delete(ctx, doc.ID, store.Condition{IfMatch: []string{s.ETag}}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Get(ctx, doc.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Get after Delete: err = %v, want store.ErrNotFound", err)
	}
	if list, _ := d.List(ctx); len(list) != 0 {
		t.Errorf("List after Delete = %+v, want none", list)
	}
	if err := d.Delete(ctx, doc.ID, store.Condition{}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second Delete: err = %v, want store.ErrNotFound", err)
	}
	trash, err := d.Trash(ctx)
	if err != nil || len(trash) != 1 || trash[0].ID != doc.ID || trash[0].ETag != s.ETag {
		t.Fatalf("Trash = %+v, %v", trash, err)
	}

	// A new document under the same id blocks the restore until it is deleted too.
	if _, _, err := d.Put(ctx, MustFile(t, doc, true), MustEncode(t, MustFile(t, doc, true)), store.Condition{}, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Restore(ctx, doc.ID); !errors.Is(err, store.ErrConflict) {
		t.Errorf("Restore over a live document: err = %v, want store.ErrConflict", err)
	}
	if err := d.Delete(ctx, doc.ID, store.Condition{}); err != nil {
		t.Fatal(err)
	}
	// The most recent deletion comes back first, then the older one.
	back, err := d.Restore(ctx, doc.ID)
	if err != nil || back.Counts.PhotoCredit != 1 {
		t.Fatalf("Restore = %+v, %v; want the version with a photo credit", back, err)
	}
	d.Delete(ctx, doc.ID, store.Condition{})
	d.Delete(ctx, doc.ID, store.Condition{}) // nothing live: ErrNotFound, ignored
	if trash, _ := d.Trash(ctx); len(trash) != 2 {
		t.Errorf("Trash holds %d entries, want 2", len(trash))
	}
	if _, err := d.Restore(ctx, annotation.NewID()); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Restore of an unknown id: err = %v, want store.ErrNotFound", err)
	}
}

// testSavedBy checks that each version says who saved it, in every answer
// that describes it, after the store is opened again and through the trash.
func testSavedBy(t *testing.T, open func() store.Store) {
	ctx := context.Background()
	d := open()
	doc := annotation.NewDocument("Who saved", Article, "")
	f1, f2, f3 := MustFile(t, doc, false), MustFile(t, doc, true), MustFile(t, doc, false)
	f3.Document.Title = "Saved by nobody known"
	savers := []string{"Alice", "José Müller-Ortiz", ""}
	var last store.Summary
	for i, f := range []annotation.File{f1, f2, f3} {
		s, _, err := d.Put(ctx, f, MustEncode(t, f), store.Condition{}, savers[i])
		if err != nil || s.SavedBy != savers[i] {
			t.Fatalf("Put by %q = %+v, %v", savers[i], s, err)
		}
		last = s
	}
	// The same bytes again change nothing, not who saved them.
	if s, _, err := d.Put(ctx, f3, MustEncode(t, f3), store.Condition{}, "Bob"); err != nil || s != last {
		t.Errorf("Put of the same bytes by another = %+v, %v; want %+v", s, err, last)
	}
	if _, _, err := d.Put(ctx, f1, MustEncode(t, f1), store.Condition{}, "Eve\nAlice"); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("Put by a name with a line break: err = %v, want store.ErrInvalid", err)
	}
	check := func(st store.Store, when string) {
		t.Helper()
		vs, err := st.Versions(ctx, doc.ID)
		if err != nil || len(vs) != 3 {
			t.Fatalf("%s: Versions = %+v, %v", when, vs, err)
		}
		for i, v := range vs {
			if want := savers[2-i]; v.SavedBy != want {
				t.Errorf("%s: version %d saved by %q, want %q", when, v.Version, v.SavedBy, want)
			}
		}
		for n, want := range map[int]string{1: "Alice", 2: "José Müller-Ortiz", 3: ""} {
			if obj, err := st.Version(ctx, doc.ID, n); err != nil || obj.SavedBy != want {
				t.Errorf("%s: Version %d = %+v, %v; want saved by %q", when, n, obj.Summary, err, want)
			}
		}
		if list, err := st.List(ctx); err != nil || len(list) != 1 || list[0] != last {
			t.Errorf("%s: List = %+v, %v; want %+v", when, list, err, last)
		}
	}
	check(d, "after the Puts")
	check(open(), "opened again")
	s4, _, err := d.Put(ctx, f1, MustEncode(t, f1), store.Condition{}, "Bob")
	if err != nil {
		t.Fatal(err)
	}
	if obj, err := open().Get(ctx, doc.ID); err != nil || obj.SavedBy != "Bob" || obj.Summary != s4 {
		t.Errorf("Get = %+v, %v; want %+v", obj.Summary, err, s4)
	}
	if err := d.Delete(ctx, doc.ID, store.Condition{}); err != nil {
		t.Fatal(err)
	}
	if trash, err := d.Trash(ctx); err != nil || len(trash) != 1 || trash[0].SavedBy != "Bob" {
		t.Errorf("Trash = %+v, %v; want the version Bob saved", trash, err)
	}
	if back, err := d.Restore(ctx, doc.ID); err != nil || back.SavedBy != "Bob" {
		t.Errorf("Restore = %+v, %v; want the version Bob saved", back, err)
	}
	if vs, err := open().Versions(ctx, doc.ID); err != nil || len(vs) != 4 || vs[0].SavedBy != "Bob" || vs[3].SavedBy != "Alice" {
		t.Errorf("Versions after the restore = %+v, %v", vs, err)
	}
}

// PutDocs stores n documents in d, one at a time a few milliseconds apart, and
// returns their summaries newest first, as List gives them.
func PutDocs(t testing.TB, d store.Store, n int) []store.Summary {
	t.Helper()
	ctx := context.Background()
	var want []store.Summary
	for i := range n {
		doc := annotation.NewDocument("Doc "+string(rune('A'+i)), Article, "")
		s, _, err := d.Put(ctx, MustFile(t, doc, i%2 == 0), MustEncode(t, MustFile(t, doc, i%2 == 0)), store.Condition{}, "")
		if err != nil {
			t.Fatal(err)
		}
		want = append([]store.Summary{s}, want...)
		time.Sleep(2 * time.Millisecond) // distinct modification times
	}
	return want
}

// testListAfterReopen lists documents newest first, the same from a store opened again.
func testListAfterReopen(t *testing.T, open func() store.Store) {
	ctx := context.Background()
	d := open()
	want := PutDocs(t, d, 5)
	for _, st := range []store.Store{d, open()} {
		got, err := st.List(ctx)
		if err != nil || len(got) != len(want) {
			t.Fatalf("List has %d documents, %v; want %d", len(got), err, len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("List[%d] = %+v\nwant %+v", i, got[i], want[i])
			}
		}
	}
}

// CheckInvalidIDs checks that d refuses ids that are not canonical lower-case
// UUID URNs with store.ErrInvalid, and then lists nothing. (Run runs it on a
// fresh store; a backend's test may run it too and then check that the
// storage holds nothing.)
func CheckInvalidIDs(t *testing.T, d store.Store) {
	t.Helper()
	ctx := context.Background()
	for _, id := range invalidIDs {
		if _, err := d.Get(ctx, id); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("Get(%q): err = %v, want store.ErrInvalid", id, err)
		}
		if err := d.Delete(ctx, id, store.Condition{}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("Delete(%q): err = %v, want store.ErrInvalid", id, err)
		}
		f := annotation.File{Document: annotation.Document{ID: id}}
		if _, _, err := d.Put(ctx, f, MustEncode(t, f), store.Condition{}, ""); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("Put(%q): err = %v, want store.ErrInvalid", id, err)
		}
	}
	if list, err := d.List(ctx); err != nil || len(list) != 0 {
		t.Errorf("after invalid ids List = %+v, %v; want none", list, err)
	}
}

var invalidIDs = []annotation.ID{
	"urn:uuid:../../etc/passwd",                     // traversal
	"urn:uuid:3F2504E0-4F89-11D3-9A0C-0305E82C3301", // upper case: one spelling per file
	"3f2504e0-4f89-11d3-9a0c-0305e82c3301",          // no urn:uuid: prefix
	"",
}

// testConcurrentEdits has writers on one store increment counters kept in
// documents' titles with If-Match, retrying on ErrPrecondition: no
// acknowledged increment may be lost. (A backend that several replicas share
// runs EditCounters on several stores in its own tests.)
func testConcurrentEdits(t *testing.T, open func() store.Store) {
	EditCounters(t, []store.Store{open()}, 8, 15, 3)
}

// EditCounters has writers, spread over stores (on the same storage), make
// edits each over docs documents: read, add one to the counter in the title,
// Put with If-Match, and on store.ErrPrecondition read again. It checks that
// each document ends at the number of edits acknowledged for it, and that no
// counter value is acknowledged twice.
func EditCounters(t *testing.T, stores []store.Store, writers, edits, docs int) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	files := make([]annotation.File, docs)
	for i := range files {
		files[i] = MustFile(t, annotation.NewDocument("0", Article, ""), false)
		if _, _, err := stores[0].Put(ctx, files[i], MustEncode(t, files[i]), store.Condition{IfNoneMatch: []string{"*"}}, ""); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	acked := make([]map[int]int, docs)
	for i := range acked {
		acked[i] = map[int]int{}
	}
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		st := stores[w%len(stores)]
		wg.Go(func() {
			for i := range edits {
				d := (w*3 + i) % docs
				for {
					obj, err := st.Get(ctx, files[d].Document.ID)
					if err != nil {
						errs <- err
						return
					}
					f, err := annotation.Decode(obj.Data)
					if err != nil {
						errs <- err
						return
					}
					n, _ := strconv.Atoi(f.Document.Title)
					f.Document.Title = strconv.Itoa(n + 1)
					data, err := annotation.Encode(f) // not MustEncode: t.Fatal belongs to the test's goroutine
					if err != nil {
						errs <- err
						return
					}
					_, _, err = st.Put(ctx, f, data, store.Condition{IfMatch: []string{obj.ETag}}, "")
					if errors.Is(err, store.ErrPrecondition) {
						continue
					}
					if err != nil {
						errs <- err
						return
					}
					mu.Lock()
					acked[d][n+1]++
					mu.Unlock()
					break
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for d := range docs {
		obj, err := stores[len(stores)-1].Get(ctx, files[d].Document.ID)
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for v, times := range acked[d] {
			total += times
			if times > 1 {
				t.Errorf("doc %d: counter value %d acknowledged %d times: an update was lost", d, v, times)
			}
		}
		if want := fmt.Sprint(total); obj.Title != want {
			t.Errorf("doc %d: counter is %s, want %s acknowledged edits", d, obj.Title, want)
		}
	}
}

// testReadVersionsWhileWriting reads every kept version while new ones push
// the oldest out: each read gives that version's bytes whole, or not found.
func testReadVersionsWhileWriting(t *testing.T, open func() store.Store) {
	ctx := context.Background()
	d := open()
	doc := annotation.NewDocument("Busy", Article, "")
	// Version n holds files[(n-1)%2].
	files := [][]byte{MustEncode(t, MustFile(t, doc, false)), MustEncode(t, MustFile(t, doc, true))}
	put := func(n int) {
		f, err := annotation.Decode(files[(n-1)%2])
		if err != nil {
			t.Error(err) // not Fatal: put also runs on another goroutine
			return
		}
		if _, _, err := d.Put(ctx, f, files[(n-1)%2], store.Condition{}, ""); err != nil {
			t.Error(err)
		}
	}
	put(1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for n := 2; n <= 3*store.Keep; n++ {
			put(n)
		}
	}()
	reads := 0
	for busy := true; busy; {
		select {
		case <-done:
			busy = false
		default:
		}
		vs, err := d.Versions(ctx, doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			obj, err := d.Version(ctx, doc.ID, v.Version)
			if errors.Is(err, store.ErrNotFound) {
				continue // pushed out since the listing
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := files[(v.Version-1)%2]; string(obj.Data) != string(want) || obj.Version != v.Version {
				t.Fatalf("version %d read as version %d with %d bytes, not its own %d", v.Version, obj.Version, len(obj.Data), len(want))
			}
			reads++
		}
	}
	if reads < store.Keep {
		t.Errorf("only %d versions read while writing", reads)
	}
}
