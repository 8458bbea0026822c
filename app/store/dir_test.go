//go:build !wasm

package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
)

const article = "“We are on the sidelines,” said John Kerry. Photo: Larry Downing/AFP/Getty Images. Another line of text follows here.\n"

// mustFile returns a valid file for doc with a quote, a source and, when credit
// is set, a photo credit.
func mustFile(t testing.TB, doc annotation.Document, credit bool) annotation.File {
	t.Helper()
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
			t.Fatal(err)
		}
		e, err := set.Add(a)
		if err != nil {
			t.Fatal(err)
		}
		if err := set.Apply(e); err != nil {
			t.Fatal(err)
		}
	}
	return annotation.NewFile(doc, set.All())
}

func enc(t testing.TB, f annotation.File) []byte {
	t.Helper()
	data, err := annotation.Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func mustOpen(t testing.TB, root string) *Dir {
	t.Helper()
	d, err := Open(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestPutGetVersions(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, t.TempDir())
	doc := annotation.NewDocument("Kerry on Syria", article, "")
	f := mustFile(t, doc, false)

	s, created, err := d.Put(ctx, f, enc(t, f), Condition{IfNoneMatch: []string{"*"}})
	if err != nil || !created || s.Version != 1 || s.Counts != (Counts{Quote: 1, Source: 1}) || s.Title != "Kerry on Syria" {
		t.Fatalf("first Put = %+v, %v, %v; want version 1, created, 1 quote and 1 source", s, created, err)
	}
	obj, err := d.Get(ctx, doc.ID)
	if err != nil || obj.ETag != s.ETag || obj.ETag != ETag(obj.Data) {
		t.Fatalf("Get = %+v, %v; want ETag %s", obj.Summary, err, s.ETag)
	}
	if back, err := annotation.Decode(obj.Data); err != nil || len(back.Annotations) != 2 {
		t.Fatalf("stored file does not decode: %v", err)
	}

	// The same bytes again change nothing, not even the version number.
	if again, created, err := d.Put(ctx, f, enc(t, f), Condition{IfMatch: []string{s.ETag}}); err != nil || created || again != s {
		t.Errorf("Put of the same file = %+v, %v, %v; want %+v unchanged", again, created, err, s)
	}

	// A stale If-Match is refused and writes nothing.
	f2 := mustFile(t, doc, true)
	s2, _, err := d.Put(ctx, f2, enc(t, f2), Condition{IfMatch: []string{s.ETag}})
	if err != nil || s2.Version != 2 || s2.Counts.PhotoCredit != 1 {
		t.Fatalf("second Put = %+v, %v", s2, err)
	}
	if _, _, err := d.Put(ctx, f, enc(t, f), Condition{IfMatch: []string{s.ETag}}); !errors.Is(err, ErrPrecondition) {
		t.Errorf("Put with a stale If-Match: err = %v, want ErrPrecondition", err)
	}
	if _, _, err := d.Put(ctx, f, enc(t, f), Condition{IfNoneMatch: []string{"*"}}); !errors.Is(err, ErrPrecondition) {
		t.Errorf("Put with If-None-Match: * on an existing document: err = %v, want ErrPrecondition", err)
	}
	if cur, _ := d.Get(ctx, doc.ID); cur.ETag != s2.ETag {
		t.Errorf("after refused Puts the current ETag is %s, want %s", cur.ETag, s2.ETag)
	}

	// Alternate two contents to make many versions: only the last Keep+1 stay.
	files := []annotation.File{f, f2}
	for i := 3; i <= 15; i++ {
		if _, _, err := d.Put(ctx, files[(i+1)%2], enc(t, files[(i+1)%2]), Condition{}); err != nil {
			t.Fatal(err)
		}
	}
	vs, err := d.Versions(ctx, doc.ID)
	if err != nil || len(vs) != Keep+1 || vs[0].Version != 15 || !vs[0].Current || vs[Keep].Version != 5 || vs[1].Current {
		t.Fatalf("Versions = %+v, %v; want 15 (current) down to 5", vs, err)
	}
	old, err := d.Version(ctx, doc.ID, 5)
	if err != nil || old.ETag != vs[Keep].ETag || ETag(old.Data) != old.ETag {
		t.Errorf("Version 5 = %+v, %v", old.Summary, err)
	}
	if _, err := d.Version(ctx, doc.ID, 4); !errors.Is(err, ErrNotFound) {
		t.Errorf("pruned version 4: err = %v, want ErrNotFound", err)
	}
}

func TestDeleteRestore(t *testing.T) {
	ctx := context.Background()
	d := mustOpen(t, t.TempDir())
	doc := annotation.NewDocument("Trashed", article, "")
	s, _, err := d.Put(ctx, mustFile(t, doc, false), enc(t, mustFile(t, doc, false)), Condition{})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Delete(ctx, doc.ID, Condition{IfMatch: []string{`"stale"`}}); !errors.Is(err, ErrPrecondition) {
		t.Errorf("Delete with a stale If-Match: err = %v, want ErrPrecondition", err)
	}
	if err := d.Delete(ctx, doc.ID, Condition{IfMatch: []string{s.ETag}}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Get(ctx, doc.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after Delete: err = %v, want ErrNotFound", err)
	}
	if list, _ := d.List(ctx); len(list) != 0 {
		t.Errorf("List after Delete = %+v, want none", list)
	}
	if err := d.Delete(ctx, doc.ID, Condition{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Delete: err = %v, want ErrNotFound", err)
	}
	trash, err := d.Trash(ctx)
	if err != nil || len(trash) != 1 || trash[0].ID != doc.ID || trash[0].ETag != s.ETag {
		t.Fatalf("Trash = %+v, %v", trash, err)
	}

	// A new document under the same id blocks the restore until it is deleted too.
	if _, _, err := d.Put(ctx, mustFile(t, doc, true), enc(t, mustFile(t, doc, true)), Condition{}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Restore(ctx, doc.ID); !errors.Is(err, ErrConflict) {
		t.Errorf("Restore over a live document: err = %v, want ErrConflict", err)
	}
	if err := d.Delete(ctx, doc.ID, Condition{}); err != nil {
		t.Fatal(err)
	}
	// The most recent deletion comes back first, then the older one.
	back, err := d.Restore(ctx, doc.ID)
	if err != nil || back.Counts.PhotoCredit != 1 {
		t.Fatalf("Restore = %+v, %v; want the version with a photo credit", back, err)
	}
	d.Delete(ctx, doc.ID, Condition{})
	d.Delete(ctx, doc.ID, Condition{}) // nothing live: ErrNotFound, ignored
	if trash, _ := d.Trash(ctx); len(trash) != 2 {
		t.Errorf("Trash holds %d entries, want 2", len(trash))
	}
	if _, err := d.Restore(ctx, annotation.NewID()); !errors.Is(err, ErrNotFound) {
		t.Errorf("Restore of an unknown id: err = %v, want ErrNotFound", err)
	}
}

func TestReopen(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	d := mustOpen(t, root)
	var want []Summary
	for i := range 5 {
		doc := annotation.NewDocument("Doc "+string(rune('A'+i)), article, "")
		s, _, err := d.Put(ctx, mustFile(t, doc, i%2 == 0), enc(t, mustFile(t, doc, i%2 == 0)), Condition{})
		if err != nil {
			t.Fatal(err)
		}
		want = append([]Summary{s}, want...)
		time.Sleep(2 * time.Millisecond) // distinct modification times
	}
	// What a crash leaves: temporary files, a folder without a version, and a
	// foreign folder the store must leave alone.
	docDir := filepath.Join(root, "documents", want[0].ID.UUID())
	leftovers := []string{
		filepath.Join(docDir, tempPrefix+"123"),
		filepath.Join(root, "documents", tempPrefix+"456"),
	}
	for _, p := range leftovers {
		if err := os.WriteFile(p, []byte(`{"torn`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	empty := filepath.Join(root, "documents", annotation.NewID().UUID())
	foreign := filepath.Join(root, "documents", "notes")
	for _, p := range []string{empty, foreign} {
		if err := os.Mkdir(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}

	d2 := mustOpen(t, root)
	got, _ := d2.List(ctx)
	if len(got) != len(want) {
		t.Fatalf("reopened List has %d documents, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("reopened List[%d] = %+v\nwant %+v", i, got[i], want[i])
		}
	}
	for _, p := range append(leftovers, empty) {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s survived reopening: %v", p, err)
		}
	}
	if _, err := os.Stat(foreign); err != nil {
		t.Errorf("the foreign folder was removed: %v", err)
	}
}

func TestInvalidIDs(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	d := mustOpen(t, root)
	for _, id := range []annotation.ID{
		"urn:uuid:../../etc/passwd",                     // traversal
		"urn:uuid:3F2504E0-4F89-11D3-9A0C-0305E82C3301", // upper case: one spelling per file
		"3f2504e0-4f89-11d3-9a0c-0305e82c3301",          // no urn:uuid: prefix
		"",
	} {
		if _, err := d.Get(ctx, id); !errors.Is(err, ErrInvalid) {
			t.Errorf("Get(%q): err = %v, want ErrInvalid", id, err)
		}
		if err := d.Delete(ctx, id, Condition{}); !errors.Is(err, ErrInvalid) {
			t.Errorf("Delete(%q): err = %v, want ErrInvalid", id, err)
		}
		f := annotation.File{Document: annotation.Document{ID: id}}
		if _, _, err := d.Put(ctx, f, enc(t, f), Condition{}); !errors.Is(err, ErrInvalid) {
			t.Errorf("Put(%q): err = %v, want ErrInvalid", id, err)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(root, "documents"))
	if len(entries) != 0 {
		t.Errorf("invalid ids left %d entries in documents/", len(entries))
	}
}

func TestConditionHolds(t *testing.T) {
	for _, c := range []struct {
		why  string
		cond Condition
		etag string
		want bool
	}{
		{"no condition holds for a new document", Condition{}, "", true},
		{"no condition holds for an existing one", Condition{}, `"a"`, true},
		{"If-Match the current tag", Condition{IfMatch: []string{`"b"`, `"a"`}}, `"a"`, true},
		{"If-Match a stale tag", Condition{IfMatch: []string{`"b"`}}, `"a"`, false},
		{"If-Match: * needs a document", Condition{IfMatch: []string{"*"}}, "", false},
		{"If-Match: * takes any", Condition{IfMatch: []string{"*"}}, `"a"`, true},
		{"If-None-Match: * creates only", Condition{IfNoneMatch: []string{"*"}}, `"a"`, false},
		{"If-None-Match: * on nothing", Condition{IfNoneMatch: []string{"*"}}, "", true},
		{"If-None-Match the current tag", Condition{IfNoneMatch: []string{`"a"`}}, `"a"`, false},
		{"a weak tag never matches strongly", Condition{IfMatch: []string{`W/"a"`}}, `"a"`, false},
	} {
		if got := c.cond.Holds(c.etag); got != c.want {
			t.Errorf("%s: %+v.Holds(%s) = %v, want %v", c.why, c.cond, c.etag, got, c.want)
		}
	}
	if !strings.HasPrefix(ETag([]byte("x")), `"`) {
		t.Error("ETag is not quoted")
	}
}
