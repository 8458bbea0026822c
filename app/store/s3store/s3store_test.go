//go:build !wasm

package s3store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/s3test"
	"github.com/newsroom/annotator/app/store"
	"github.com/newsroom/annotator/app/store/storetest"
)

// mustOpen opens a store on bucket of srv, failing the test if it cannot.
func mustOpen(t testing.TB, srv *s3test.Server, bucket string) *Store {
	t.Helper()
	st, err := Open(context.Background(), srv.URL(bucket), store.Options{})
	if err != nil {
		t.Fatalf("opening %s: %v\ngateway log:\n%s", srv.URL(bucket), err, srv.Log())
	}
	return st
}

// TestConformance runs the conformance suite on a real S3-compatible server,
// a fresh bucket for each check.
func TestConformance(t *testing.T) {
	srv := s3test.Start(t)
	srv.SetEnv(t)
	storetest.Run(t, func(t *testing.T) func() store.Store {
		bucket := srv.NewBucket(t)
		return func() store.Store { return mustOpen(t, srv, bucket) }
	})
}

// TestReplicas has writers on two stores over one bucket, as two server
// replicas would be, race to edit the same documents with If-Match: the
// object store's conditional writes must let no acknowledged edit be lost.
func TestReplicas(t *testing.T) {
	srv := s3test.Start(t)
	srv.SetEnv(t)
	bucket := srv.NewBucket(t)
	a, b := mustOpen(t, srv, bucket), mustOpen(t, srv, bucket)
	storetest.EditCounters(t, []store.Store{a, b}, 8, 15, 3)

	// A document one replica deletes is gone for the other, and it restores
	// what the first deleted.
	ctx := context.Background()
	doc := annotation.NewDocument("Shared", storetest.Article, "")
	f := storetest.MustFile(t, doc, true)
	s, _, err := a.Put(ctx, f, storetest.MustEncode(t, f), store.Condition{}, "")
	if err != nil {
		t.Fatal(err)
	}
	if list, _ := b.List(ctx); len(list) != 4 || list[0].ID != doc.ID {
		t.Errorf("the other replica lists %d documents, newest %v; want 4, newest %s", len(list), list[0].ID, doc.ID)
	}
	if err := a.Delete(ctx, doc.ID, store.Condition{IfMatch: []string{s.ETag}}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Get(ctx, doc.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Get on the other replica after Delete: err = %v, want ErrNotFound", err)
	}
	if back, err := b.Restore(ctx, doc.ID); err != nil || back.ETag != s.ETag {
		t.Errorf("Restore on the other replica = %+v, %v; want ETag %s", back, err, s.ETag)
	}

	// A document the other replica takes away and back to the same content
	// (same bytes, a new version) is listed with its new version.
	a.List(ctx)
	g := storetest.MustFile(t, doc, false)
	if _, _, err := b.Put(ctx, g, storetest.MustEncode(t, g), store.Condition{}, ""); err != nil {
		t.Fatal(err)
	}
	last, _, err := b.Put(ctx, f, storetest.MustEncode(t, f), store.Condition{}, "")
	if err != nil {
		t.Fatal(err)
	}
	if list, _ := a.List(ctx); len(list) == 0 || list[0] != last {
		t.Errorf("after A, B, A on the other replica List[0] = %+v\nwant %+v", list[0], last)
	}
}

// TestUnavailable: with the object server down, operations fail with
// ErrUnavailable (the server answers 503), and work again once it is back.
func TestUnavailable(t *testing.T) {
	srv := s3test.Start(t)
	srv.SetEnv(t)
	bucket := srv.NewBucket(t)
	st := mustOpen(t, srv, bucket)
	ctx := context.Background()
	doc := annotation.NewDocument("Outage", storetest.Article, "")
	f := storetest.MustFile(t, doc, false)
	s, _, err := st.Put(ctx, f, storetest.MustEncode(t, f), store.Condition{}, "")
	if err != nil {
		t.Fatal(err)
	}
	srv.Stop()
	ctx5, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := st.Get(ctx5, doc.ID); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("Get with the object server down: err = %v, want ErrUnavailable", err)
	}
	f2 := storetest.MustFile(t, doc, true)
	if _, _, err := st.Put(ctx5, f2, storetest.MustEncode(t, f2), store.Condition{IfMatch: []string{s.ETag}}, ""); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("Put with the object server down: err = %v, want ErrUnavailable", err)
	}
	if _, err := st.List(ctx5); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("List with the object server down: err = %v, want ErrUnavailable", err)
	}
	if _, err := Open(ctx5, srv.URL(bucket), store.Options{}); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("Open with the object server down: err = %v, want ErrUnavailable", err)
	}
	srv.Restart(t)
	if obj, err := st.Get(ctx, doc.ID); err != nil || obj.ETag != s.ETag {
		t.Errorf("Get after the object server is back = %+v, %v; want ETag %s", obj.Summary, err, s.ETag)
	}
	if _, _, err := st.Put(ctx, f2, storetest.MustEncode(t, f2), store.Condition{IfMatch: []string{s.ETag}}, ""); err != nil {
		t.Errorf("Put after the object server is back: %v", err)
	}
}

// TestConditionalWrites checks what the store's safety across replicas rests
// on: the object server refuses a PUT whose If-Match names a stale entity tag,
// and one with If-None-Match: * over an existing object.
func TestConditionalWrites(t *testing.T) {
	srv := s3test.Start(t)
	srv.SetEnv(t)
	st := mustOpen(t, srv, srv.NewBucket(t))
	ctx := context.Background()
	uuid := annotation.NewID().UUID()
	put := func(body string, prev head) (bool, error) {
		return st.writeHead(ctx, uuid, prev, []byte(body), headMeta("g", 1, time.Now(), store.ETag([]byte(body)), "n", ""))
	}
	if ok, err := put("first", head{}); !ok || err != nil {
		t.Fatalf("creating with If-None-Match: * = %v, %v", ok, err)
	}
	h, err := st.read(ctx, uuid, false)
	if err != nil || h.s3tag == "" {
		t.Fatalf("reading the head: %+v, %v", h, err)
	}
	if ok, err := put("again", head{}); ok || err != nil {
		t.Errorf("If-None-Match: * over an existing object = %v, %v; want refused", ok, err)
	}
	if ok, err := put("second", h); !ok || err != nil {
		t.Fatalf("If-Match the current tag = %v, %v; want stored", ok, err)
	}
	if ok, err := put("third", h); ok || err != nil {
		t.Errorf("If-Match a stale tag = %v, %v; want refused", ok, err)
	}
	if data, err := st.getObject(ctx, st.headKey(uuid)); err != nil || string(data) != "second" {
		t.Errorf("the object holds %q, %v; want the write that held its condition", data, err)
	}
}
