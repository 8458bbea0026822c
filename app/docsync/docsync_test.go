//go:build !wasm

package docsync

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/server"
	"github.com/newsroom/annotator/app/store"
	"github.com/newsroom/annotator/app/store/dirstore"
)

var now = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// memory is a Storage in memory, as the browser's local storage is: string
// values, a quota (0: none) counted in bytes of keys and values, and the
// error the browser gives when it is full.
type memory struct {
	items map[string]string
	quota int
}

func newMemory() *memory { return &memory{items: map[string]string{}} }

func (m *memory) Get(k string) (string, bool) { v, ok := m.items[k]; return v, ok }
func (m *memory) Delete(k string)             { delete(m.items, k) }

func (m *memory) Set(k, v string) error {
	if m.quota > 0 {
		used := 0
		for key, val := range m.items {
			if key != k {
				used += len(key) + len(val)
			}
		}
		if used+len(k)+len(v) > m.quota {
			return errors.New("QuotaExceededError: the quota has been exceeded")
		}
	}
	m.items[k] = v
	return nil
}

func (m *memory) Keys(prefix string) []string {
	var ks []string
	for k := range m.items {
		if strings.HasPrefix(k, prefix) {
			ks = append(ks, k)
		}
	}
	return ks
}

// web is a Transport over real HTTP to a server. Held answers wait until the
// test releases them, in the order it chooses.
type web struct {
	base string
	hold bool
	held []func()
}

func (w *web) Send(r Request, done func(Response, error)) {
	req, err := http.NewRequest(r.Method, w.base+r.Path, bytes.NewReader(r.Body))
	if err != nil {
		done(Response{}, err)
		return
	}
	for k, v := range r.Header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	var answer Response
	if err == nil {
		body, rerr := io.ReadAll(resp.Body)
		resp.Body.Close()
		answer, err = Response{Status: resp.StatusCode, ETag: resp.Header.Get("ETag"), Body: body}, rerr
	}
	if w.hold {
		w.held = append(w.held, func() { done(answer, err) })
		return
	}
	done(answer, err)
}

// newServer starts the real server, with a file store in a temporary folder.
func newServer(t *testing.T, token string) (*httptest.Server, store.Store) {
	t.Helper()
	st, err := dirstore.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	h, err := server.NewHandler(server.Config{Store: st, Token: token})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, st
}

// newArticle returns a new file with a quote noted note.
func newArticle(t *testing.T, title, note string) annotation.File {
	t.Helper()
	text := "“We will build it,” the mayor said on Monday.\n"
	set := annotation.NewSet(anchor.NewText(text), nil)
	a, err := set.New(annotation.Quote, 1, 17, annotation.Human, now)
	if err != nil {
		t.Fatal(err)
	}
	a.Note = note
	return annotation.NewFile(annotation.NewDocument(title, text, ""), []annotation.Annotation{a})
}

// sendAll sends the outbox until it is idle or a save does not go through,
// and returns the outcomes.
func sendAll(s *Sync) []Outcome {
	var out []Outcome
	for {
		var o Outcome
		s.SendNext(func(x Outcome) { o = x })
		if o.Kind == Idle {
			return out
		}
		out = append(out, o)
		if o.Kind != Saved && o.Kind != Merged {
			return out
		}
	}
}

// revise returns f with prefix put before its text, the annotations moved with it.
func revise(t *testing.T, f annotation.File, prefix string) annotation.File {
	t.Helper()
	doc := f.Document
	doc.Text = prefix + doc.Text
	doc.SHA256 = annotation.TextHash(doc.Text)
	placed := annotation.ReanchorAll(anchor.NewText(doc.Text), f.Annotations)
	g := annotation.NewFile(doc, placed.Annotations)
	if err := g.Validate(); err != nil {
		t.Fatal(err)
	}
	return g
}

func TestLibrary(t *testing.T) {
	mem := newMemory()
	lib := NewLibrary(mem)
	a, b := newArticle(t, "A", "one"), newArticle(t, "B", "two")
	for _, f := range []annotation.File{a, b} {
		if _, err := lib.Save(f, now); err != nil {
			t.Fatal(err)
		}
	}
	idx, err := lib.Index()
	if err != nil || len(idx) != 2 || idx[0].Title != "B" || idx[0].Counts.Quote != 1 || lib.Current() != b.Document.ID {
		t.Fatalf("index %+v (%v), current %s: want B then A, B current", idx, err, lib.Current())
	}
	// A damaged index is rebuilt from the documents.
	mem.items[keyIndex] = "{not json"
	if idx, err := lib.Index(); err != nil || len(idx) != 2 {
		t.Errorf("damaged index: %+v, %v; want both documents again", idx, err)
	}
	// A damaged document says so, and is not dropped.
	mem.items[DocKey(a.Document.ID)] = `{"format": "article-annotations", "version": 2}`
	if _, err := lib.Load(a.Document.ID); err == nil || !strings.Contains(err.Error(), "cannot be read") {
		t.Errorf("damaged document: %v", err)
	}
	if _, ok := mem.items[DocKey(a.Document.ID)]; !ok {
		t.Error("the damaged document was deleted")
	}
	// A full storage refuses the save with an error, and keeps the copy before.
	mem.quota = 1
	changed := newArticle(t, "B", "changed")
	changed.Document = b.Document
	if _, err := lib.Save(changed, now); err == nil || !strings.Contains(err.Error(), "quota") {
		t.Errorf("a save into a full storage: %v, want the browser's error", err)
	}
	mem.quota = 0
	if got, err := lib.Load(b.Document.ID); err != nil || got.Annotations[0].Note != "two" {
		t.Errorf("after a refused save the stored copy is %+v, %v; want the one before", got.Annotations, err)
	}
	// Removing a document whose save waits is refused; once sent, it goes with what is kept for it.
	if err := lib.Queue(b.Document.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Remove(b.Document.ID); err == nil {
		t.Error("removed a document whose save to the server was waiting")
	}
}

func TestOutboxAcrossReloads(t *testing.T) {
	srv, st := newServer(t, "")
	mem := newMemory()
	net := &web{base: "http://127.0.0.1:1"} // nothing answers: offline
	s := New(mem, net)
	f := newArticle(t, "Written on a train", "offline")
	if _, err := s.Save(f, now); err != nil {
		t.Fatal(err)
	}
	if err := s.Queue(f.Document.ID); err != nil {
		t.Fatal(err)
	}
	if out := sendAll(s); len(out) != 1 || out[0].Kind != Offline || out[0].Waiting != 1 {
		t.Fatalf("offline: %+v, want Offline with 1 waiting", out)
	}
	// A reload: a new engine on the same storage, and the server back.
	s = New(mem, &web{base: srv.URL})
	if out := sendAll(s); len(out) != 1 || out[0].Kind != Saved || out[0].Waiting != 0 || out[0].Err != nil {
		t.Fatalf("online again: %+v, want Saved with none waiting", out)
	}
	obj, err := st.Get(t.Context(), f.Document.ID)
	if err != nil || !bytes.Contains(obj.Data, []byte(`"note": "offline"`)) {
		t.Fatalf("the server holds %s, %v", obj.Data, err)
	}
	if s.ETag(f.Document.ID) != obj.ETag {
		t.Errorf("ETag kept %q, the server's %q", s.ETag(f.Document.ID), obj.ETag)
	}
	if base, ok, err := s.Base(f.Document.ID); !ok || err != nil || base.Document.ID != f.Document.ID {
		t.Errorf("the base of the next save: %v %v", ok, err)
	}
}

func TestConflict(t *testing.T) {
	srv, _ := newServer(t, "")
	mine, theirs := New(newMemory(), &web{base: srv.URL}), New(newMemory(), &web{base: srv.URL})
	f := newArticle(t, "Budget", "first")
	for _, s := range []*Sync{mine} {
		s.Save(f, now)
		s.Queue(f.Document.ID)
		if out := sendAll(s); out[0].Kind != Saved {
			t.Fatalf("first save: %+v", out)
		}
	}
	// A colleague opens it, changes it and saves.
	var opened annotation.File
	theirs.Open(f.Document.ID, now, func(g annotation.File, err error) {
		if err != nil {
			t.Fatal(err)
		}
		opened = g
	})
	// The colleague's is of a revised text: it cannot be merged.
	revised := revise(t, opened, "Revised: ")
	revised.Annotations[0].Note = "theirs"
	theirs.Save(revised, now)
	theirs.Queue(f.Document.ID)
	if out := sendAll(theirs); out[0].Kind != Saved {
		t.Fatalf("their save: %+v", out)
	}
	// Mine, based on the first version, is refused, nothing overwritten.
	f.Annotations[0].Note = "mine"
	mine.Save(f, now)
	mine.Queue(f.Document.ID)
	out := sendAll(mine)
	if len(out) != 1 || out[0].Kind != Conflict || out[0].Theirs == nil || out[0].Theirs.File.Document.Text != revised.Document.Text {
		t.Fatalf("my save: %+v, want a Conflict with their copy", out)
	}
	if got, _ := mine.Load(f.Document.ID); got.Annotations[0].Note != "mine" {
		t.Errorf("the local copy is %q after the conflict, want mine untouched", got.Annotations[0].Note)
	}
	var th *Theirs
	mine.FetchTheirs(out[0].File, func(x *Theirs, err error) {
		if err != nil {
			t.Fatal(err)
		}
		th = x
	})
	if th.File.Annotations[0].Note != "theirs" {
		t.Fatalf("their copy: %+v", th.File.Annotations)
	}
	kept, err := mine.Resolve(out[0].File, *th, true, now)
	if err != nil || kept.Document.ID == f.Document.ID || kept.Annotations[0].Note != "mine" || !strings.HasSuffix(kept.Document.Title, "(my version)") {
		t.Fatalf("keep mine: %+v, %v; want mine as a new document", kept.Document, err)
	}
	if got, _ := mine.Load(f.Document.ID); got.Annotations[0].Note != "theirs" {
		t.Errorf("the local copy of the shared document is %q, want theirs", got.Annotations[0].Note)
	}
	if ids, _ := mine.Outbox(); len(ids) != 0 {
		t.Errorf("outbox %v after resolving, want empty", ids)
	}
}

func TestTokenAndDamagedOutbox(t *testing.T) {
	srv, _ := newServer(t, "s3cret")
	mem := newMemory()
	s := New(mem, &web{base: srv.URL})
	f := newArticle(t, "Secret", "x")
	s.Save(f, now)
	s.Queue(f.Document.ID)
	if out := sendAll(s); out[0].Kind != NeedsToken || out[0].Waiting != 1 {
		t.Fatalf("without the token: %+v, want NeedsToken with the save waiting", out)
	}
	if err := s.SetToken("s3cret"); err != nil {
		t.Fatal(err)
	}
	if out := sendAll(s); out[0].Kind != Saved {
		t.Fatalf("with the token: %+v", out)
	}
	// A damaged outbox is an error, never an empty outbox; queueing replaces it and says so.
	mem.items[keyOutbox] = "[damaged"
	if _, err := s.Outbox(); err == nil {
		t.Error("a damaged outbox read as empty")
	}
	var o Outcome
	s.SendNext(func(x Outcome) { o = x })
	if o.Kind != Failed || o.Err == nil {
		t.Errorf("sending from a damaged outbox: %+v, want Failed with why", o)
	}
	if err := s.Queue(f.Document.ID); err == nil {
		t.Error("queueing over a damaged outbox said nothing")
	}
	if ids, err := s.Outbox(); err != nil || len(ids) != 1 {
		t.Errorf("after queueing: %v %v, want the one save", ids, err)
	}
}

// TestStaleListDropped: a listing sent before the token was entered answers
// after the one sent with it; only the newer answer is shown.
func TestStaleListDropped(t *testing.T) {
	srv, _ := newServer(t, "s3cret")
	net := &web{base: srv.URL, hold: true}
	s := New(newMemory(), net)
	var answers []string
	record := func(docs []Entry, err error) {
		if err != nil {
			answers = append(answers, "error: "+err.Error())
		} else {
			answers = append(answers, "list")
		}
	}
	s.List(record) // no token: 401
	s.SetToken("s3cret")
	s.List(record) // with it: the list
	net.held[1]()  // the newer answers first,
	net.held[0]()  // the older one last
	if len(answers) != 1 || answers[0] != "list" {
		t.Errorf("answers shown %q, want only the newer list", answers)
	}
}
