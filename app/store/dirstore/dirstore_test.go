//go:build !wasm

package dirstore

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/store"
	"github.com/newsroom/annotator/app/store/storetest"
)

func mustOpen(t testing.TB, root string) *Store {
	t.Helper()
	d, err := Open(root, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestConformance runs the conformance suite on folders.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) func() store.Store {
		root := t.TempDir()
		return func() store.Store { return mustOpen(t, root) }
	})
}

// TestInvalidIDsWriteNothing: refused ids leave no trace in the folder.
func TestInvalidIDsWriteNothing(t *testing.T) {
	root := t.TempDir()
	storetest.CheckInvalidIDs(t, mustOpen(t, root))
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
	want := storetest.PutDocs(t, d, 5)
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

// TestOpenPrunesLeftVersions: a version that Put failed to remove when it fell
// out of the kept ones is removed when the folder is opened again.
func TestOpenPrunesLeftVersions(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	d := mustOpen(t, root)
	doc := annotation.NewDocument("Versions", storetest.Article, "")
	files := []annotation.File{storetest.MustFile(t, doc, false), storetest.MustFile(t, doc, true)}
	for i := range store.Keep + 5 {
		if _, _, err := d.Put(ctx, files[i%2], storetest.MustEncode(t, files[i%2]), store.Condition{}, ""); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(root, "documents", doc.ID.UUID())
	if ns, _ := versionsIn(dir); len(ns) != store.Keep+1 || ns[0] != store.Keep+5 {
		t.Fatalf("after %d Puts the folder holds versions %v", store.Keep+5, ns)
	}
	left := filepath.Join(dir, versionName(2))
	if err := os.WriteFile(left, storetest.MustEncode(t, files[0]), 0o644); err != nil {
		t.Fatal(err)
	}
	mustOpen(t, root)
	if ns, _ := versionsIn(dir); len(ns) != store.Keep+1 || ns[store.Keep] != 5 {
		t.Errorf("after reopening the folder holds versions %v, want %d down to 5", ns, store.Keep+5)
	}
}

// TestSaversBounded: the saved-by file is rewritten with the kept versions'
// lines once it grows past saversMax, and what it says stays right; a line
// cut short by a crash is skipped.
func TestSaversBounded(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	d := mustOpen(t, root)
	doc := annotation.NewDocument("Savers", storetest.Article, "")
	files := []annotation.File{storetest.MustFile(t, doc, false), storetest.MustFile(t, doc, true)}
	name := func(i int) string { return fmt.Sprintf("%s %d", strings.Repeat("x", 60), i) }
	const saves = 600 // about 40 KiB of lines
	for i := 1; i <= saves; i++ {
		if _, _, err := d.Put(ctx, files[i%2], storetest.MustEncode(t, files[i%2]), store.Condition{}, name(i)); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(root, "documents", doc.ID.UUID())
	fi, err := os.Stat(filepath.Join(dir, saversName))
	if err != nil || fi.Size() > saversMax+200 {
		t.Fatalf("saved-by after %d saves: %v, %v; want at most about %d bytes", saves, fi.Size(), err, saversMax)
	}
	vs, err := mustOpen(t, root).Versions(ctx, doc.ID)
	if err != nil || len(vs) != store.Keep+1 {
		t.Fatal(vs, err)
	}
	for _, v := range vs {
		if v.SavedBy != name(v.Version) {
			t.Errorf("version %d saved by %q, want %q", v.Version, v.SavedBy, name(v.Version))
		}
	}
	// A crash cut the last line short: that line is skipped, the others read.
	f, _ := os.OpenFile(filepath.Join(dir, saversName), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(fmt.Sprintf("%d Mallo", saves))
	f.Close()
	if by := savers(dir); by[saves] != name(saves) || by[saves-1] != name(saves-1) {
		t.Errorf("after a torn line: %q, %q", by[saves], by[saves-1])
	}
}
