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

// TestDirConformance runs the conformance suite on folders.
func TestDirConformance(t *testing.T) {
	runConformance(t, func(t *testing.T) func() Store {
		root := t.TempDir()
		return func() Store { return mustOpen(t, root) }
	})
}

// TestInvalidIDsWriteNothing: refused ids leave no trace in the folder.
func TestInvalidIDsWriteNothing(t *testing.T) {
	root := t.TempDir()
	testInvalidIDs(t, func() Store { return mustOpen(t, root) })
	entries, _ := os.ReadDir(filepath.Join(root, "documents"))
	if len(entries) != 0 {
		t.Errorf("invalid ids left %d entries in documents/", len(entries))
	}
}

// TestReopen: opening a folder removes what a crash leaves and indexes the documents.
func TestReopen(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	d := mustOpen(t, root)
	want := putDocs(t, d, 5)
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

// TestOpenPrunesLeftVersions: a version that Put failed to remove when it fell
// out of the kept ones is removed when the folder is opened again.
func TestOpenPrunesLeftVersions(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	d := mustOpen(t, root)
	doc := annotation.NewDocument("Versions", article, "")
	files := []annotation.File{mustFile(t, doc, false), mustFile(t, doc, true)}
	for i := range Keep + 5 {
		if _, _, err := d.Put(ctx, files[i%2], enc(t, files[i%2]), Condition{}); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(root, "documents", doc.ID.UUID())
	if ns, _ := versionsIn(dir); len(ns) != Keep+1 || ns[0] != Keep+5 {
		t.Fatalf("after %d Puts the folder holds versions %v", Keep+5, ns)
	}
	left := filepath.Join(dir, versionName(2))
	if err := os.WriteFile(left, enc(t, files[0]), 0o644); err != nil {
		t.Fatal(err)
	}
	mustOpen(t, root)
	if ns, _ := versionsIn(dir); len(ns) != Keep+1 || ns[Keep] != 5 {
		t.Errorf("after reopening the folder holds versions %v, want %d down to 5", ns, Keep+5)
	}
}
