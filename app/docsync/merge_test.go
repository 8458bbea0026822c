//go:build !wasm

package docsync

import (
	"strings"
	"testing"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/store"
)

const councilText = "“We will build it,” the mayor said on Monday. “Not with our money,” said Ann Lee, a councillor.\n"

// council is an article with two quotes and the mayor, none linked.
func council(t *testing.T) annotation.File {
	t.Helper()
	f := annotation.NewFile(annotation.NewDocument("Council", councilText, ""), []annotation.Annotation{})
	f = tagged(t, f, annotation.Quote, "We will build it")
	f = tagged(t, f, annotation.Source, "the mayor")
	return tagged(t, f, annotation.Quote, "Not with our money")
}

// tagged returns f with phrase tagged as kind.
func tagged(t *testing.T, f annotation.File, kind annotation.Kind, phrase string) annotation.File {
	t.Helper()
	return edit(t, f, func(s *annotation.Set) (annotation.Edit, error) {
		i := strings.Index(councilText, phrase)
		start := anchor.CodePointLen(councilText[:i])
		a, err := s.New(kind, start, start+anchor.CodePointLen(phrase), annotation.Human, now)
		if err != nil {
			return annotation.Edit{}, err
		}
		return s.Add(a)
	})
}

// edit returns f changed by the edit change makes.
func edit(t *testing.T, f annotation.File, change func(*annotation.Set) (annotation.Edit, error)) annotation.File {
	t.Helper()
	s := annotation.NewSet(anchor.NewText(f.Document.Text), f.Annotations)
	e, err := change(s)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Apply(e); err != nil {
		t.Fatal(err)
	}
	return annotation.NewFile(f.Document, append([]annotation.Annotation{}, s.All()...))
}

// on returns the id of f's annotation over phrase.
func on(t *testing.T, f annotation.File, phrase string) annotation.ID {
	t.Helper()
	for _, a := range f.Annotations {
		if a.Exact == phrase {
			return a.ID
		}
	}
	t.Fatalf("no annotation on %q", phrase)
	return ""
}

func setNote(t *testing.T, f annotation.File, phrase, note string) annotation.File {
	id := on(t, f, phrase)
	return edit(t, f, func(s *annotation.Set) (annotation.Edit, error) { return s.SetNote(id, note, now) })
}

func linkTo(t *testing.T, f annotation.File, quote, source string) annotation.File {
	q, src := on(t, f, quote), on(t, f, source)
	return edit(t, f, func(s *annotation.Set) (annotation.Edit, error) { return s.Link(q, src, now) })
}

// saveTo keeps f in s, queues it and sends the outbox.
func saveTo(t *testing.T, s *Sync, f annotation.File) []Outcome {
	t.Helper()
	if _, err := s.Save(f, now); err != nil {
		t.Fatal(err)
	}
	if err := s.Queue(f.Document.ID); err != nil {
		t.Fatal(err)
	}
	return sendAll(s)
}

// openIn opens the server's document id in s.
func openIn(t *testing.T, s *Sync, id annotation.ID) annotation.File {
	t.Helper()
	var f annotation.File
	var err error
	s.Open(id, now, func(g annotation.File, e error) { f, err = g, e })
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// stored reads the server's copy of id from its store.
func stored(t *testing.T, st store.Store, id annotation.ID) (annotation.File, string) {
	t.Helper()
	obj, err := st.Get(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	f, err := annotation.Decode(obj.Data)
	if err != nil {
		t.Fatal(err)
	}
	return f, obj.ETag
}

// note returns the note of f's annotation over phrase.
func note(t *testing.T, f annotation.File, phrase string) string {
	t.Helper()
	id := on(t, f, phrase)
	for _, a := range f.Annotations {
		if a.ID == id {
			return a.Note
		}
	}
	return ""
}

// checkInStep checks that s keeps the server's copy of id as its local copy
// and its base, at the server's ETag. Creators are left out: the server
// stamps them on what it stores, and the merge takes them from its copy.
func checkInStep(t *testing.T, s *Sync, st store.Store, id annotation.ID) annotation.File {
	t.Helper()
	server, etag := stored(t, st, id)
	want := withoutCreators(server)
	local, err := s.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	base, ok, err := s.Base(id)
	if !ok || err != nil {
		t.Fatalf("no base kept: %v", err)
	}
	for name, f := range map[string]annotation.File{"local copy": local, "base": base} {
		if got := withoutCreators(f); got != want {
			t.Errorf("the %s differs from the server's copy:\n%s\nwant\n%s", name, got, want)
		}
	}
	if s.ETag(id) != etag {
		t.Errorf("ETag kept %s, the server's %s", s.ETag(id), etag)
	}
	return server
}

// withoutCreators encodes f with no annotation's creator.
func withoutCreators(f annotation.File) string {
	f.Annotations = append([]annotation.Annotation{}, f.Annotations...)
	for i := range f.Annotations {
		f.Annotations[i].Creator = ""
	}
	return string(must(annotation.Encode(f)))
}

// Two editors in two browsers: A saves; B, from the version before, edits
// other annotations and saves: B's save merges, and the server holds both.
func TestSaveMergesOn412(t *testing.T) {
	srv, st := newServer(t, "")
	a, b := New(newMemory(), &web{base: srv.URL}), New(newMemory(), &web{base: srv.URL})
	f := council(t)
	id := f.Document.ID
	if out := saveTo(t, a, f); len(out) != 1 || out[0].Kind != Saved {
		t.Fatalf("A's first save: %+v", out)
	}
	fromB := openIn(t, b, id)
	checkInStep(t, b, st, id)
	if out := saveTo(t, a, setNote(t, linkTo(t, f, "We will build it", "the mayor"), "We will build it", "A: on tape")); out[0].Kind != Saved {
		t.Fatalf("A's second save: %+v", out)
	}
	mineB := setNote(t, tagged(t, fromB, annotation.Source, "Ann Lee"), "Not with our money", "B: check")
	mineB = linkTo(t, mineB, "Not with our money", "Ann Lee")
	out := saveTo(t, b, mineB)
	if len(out) != 1 || out[0].Kind != Merged || out[0].Merge == nil || out[0].Err != nil || out[0].Waiting != 0 {
		t.Fatalf("B's save: %+v, want Merged", out)
	}
	m := out[0].Merge
	if len(m.Conflicts) != 0 || len(m.Notices) != 0 {
		t.Errorf("conflicts %+v notices %+v, want none", m.Conflicts, m.Notices)
	}
	if got, _ := annotation.Encode(m.Mine); string(got) != string(must(annotation.Encode(mineB))) {
		t.Errorf("the outcome's Mine is not B's copy before the merge:\n%s", got)
	}
	server := checkInStep(t, b, st, id)
	if withoutCreators(out[0].File) != withoutCreators(server) {
		t.Error("the outcome's File is not what the server holds")
	}
	if note(t, server, "We will build it") != "A: on tape" || note(t, server, "Not with our money") != "B: check" || len(server.Annotations) != 4 {
		t.Fatalf("the server holds %+v, want both editors' notes and B's source", server.Annotations)
	}
	speakers := map[string]annotation.ID{}
	for _, an := range server.Annotations {
		speakers[an.Exact] = an.Speaker
	}
	if speakers["We will build it"] != on(t, server, "the mayor") || speakers["Not with our money"] != on(t, server, "Ann Lee") {
		t.Errorf("links on the server: %v, want A's and B's", speakers)
	}
	// A, now behind B, saves again: A's save merges in its turn.
	fromA, _ := a.Load(id)
	if out := saveTo(t, a, setNote(t, fromA, "the mayor", "A: name him")); len(out) != 1 || out[0].Kind != Merged {
		t.Fatalf("A's third save: %+v, want Merged", out)
	}
	server = checkInStep(t, a, st, id)
	if note(t, server, "the mayor") != "A: name him" || note(t, server, "Not with our money") != "B: check" {
		t.Errorf("the server holds %+v", server.Annotations)
	}
}

func must(data []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return data
}

// Both change one note: one conflict, listed with both values; the server
// holds theirs until B takes its own, which then saves as usual.
func TestSaveMergeConflict(t *testing.T) {
	srv, st := newServer(t, "")
	a, b := New(newMemory(), &web{base: srv.URL}), New(newMemory(), &web{base: srv.URL})
	f := council(t)
	id := f.Document.ID
	saveTo(t, a, f)
	fromB := openIn(t, b, id)
	saveTo(t, a, setNote(t, f, "the mayor", "A's"))
	out := saveTo(t, b, setNote(t, fromB, "the mayor", "B's"))
	if len(out) != 1 || out[0].Kind != Merged {
		t.Fatalf("B's save: %+v, want Merged", out)
	}
	cs := out[0].Merge.Conflicts
	if len(cs) != 1 || cs[0].ID != on(t, f, "the mayor") || cs[0].Group != annotation.GroupNote || cs[0].Mine.Note != "B's" || cs[0].Theirs.Note != "A's" {
		t.Fatalf("conflicts %+v, want the mayor's note, B's against A's", cs)
	}
	server := checkInStep(t, b, st, id)
	if note(t, server, "the mayor") != "A's" {
		t.Errorf("the server holds %q, want theirs kept", note(t, server, "the mayor"))
	}
	// B takes its own value: an ordinary save.
	local, _ := b.Load(id)
	resolved := edit(t, local, func(s *annotation.Set) (annotation.Edit, error) { return s.Resolve(cs[0], true, now) })
	if out := saveTo(t, b, resolved); len(out) != 1 || out[0].Kind != Saved {
		t.Fatalf("B's resolved save: %+v", out)
	}
	if server, _ := stored(t, st, id); note(t, server, "the mayor") != "B's" {
		t.Errorf("after taking B's, the server holds %q", note(t, server, "the mayor"))
	}
}

// Offline for a while, then back: the queued save merges the same way.
func TestQueuedSaveMergesWhenBack(t *testing.T) {
	srv, st := newServer(t, "")
	netB := &web{base: srv.URL}
	a, b := New(newMemory(), &web{base: srv.URL}), New(newMemory(), netB)
	f := council(t)
	id := f.Document.ID
	saveTo(t, a, f)
	fromB := openIn(t, b, id)
	netB.base = "http://127.0.0.1:1" // B's train enters a tunnel
	if out := saveTo(t, b, setNote(t, fromB, "Not with our money", "B, offline")); len(out) != 1 || out[0].Kind != Offline || out[0].Waiting != 1 {
		t.Fatalf("B offline: %+v", out)
	}
	saveTo(t, a, setNote(t, f, "We will build it", "A, at the desk"))
	// A reload while offline changes nothing: the outbox and the base are kept.
	b = New(b.store, netB)
	netB.base = srv.URL
	out := sendAll(b)
	if len(out) != 1 || out[0].Kind != Merged || out[0].Waiting != 0 {
		t.Fatalf("B back: %+v, want Merged", out)
	}
	server := checkInStep(t, b, st, id)
	if note(t, server, "Not with our money") != "B, offline" || note(t, server, "We will build it") != "A, at the desk" {
		t.Errorf("the server holds %+v", server.Annotations)
	}
}

// The merge takes the local copy as it is when the server's copy arrives:
// an edit made while the save was on its way is in it.
func TestMergeTakesEditsMadeMeanwhile(t *testing.T) {
	srv, st := newServer(t, "")
	netB := &web{base: srv.URL}
	a, b := New(newMemory(), &web{base: srv.URL}), New(newMemory(), netB)
	f := council(t)
	id := f.Document.ID
	saveTo(t, a, f)
	fromB := openIn(t, b, id)
	saveTo(t, a, setNote(t, f, "We will build it", "A"))
	sent := setNote(t, fromB, "the mayor", "B, sent")
	b.Save(sent, now)
	b.Queue(id)
	netB.hold = true
	var o *Outcome
	b.SendNext(func(x Outcome) { o = &x })
	// While the PUT's 412 is on its way, B goes on editing.
	later := setNote(t, sent, "Not with our money", "B, meanwhile")
	b.Save(later, now)
	for len(netB.held) > 0 { // the 412, the server's copy, the merge's answer
		next := netB.held[0]
		netB.held = netB.held[1:]
		next()
	}
	if o == nil || o.Kind != Merged {
		t.Fatalf("outcome %+v, want Merged", o)
	}
	server := checkInStep(t, b, st, id)
	for phrase, want := range map[string]string{"We will build it": "A", "the mayor": "B, sent", "Not with our money": "B, meanwhile"} {
		if got := note(t, server, phrase); got != want {
			t.Errorf("%s: the server holds %q, want %q", phrase, got, want)
		}
	}
	if note(t, o.Merge.Mine, "Not with our money") != "B, meanwhile" {
		t.Error("the outcome's Mine is not the copy merged")
	}
}

// hooked is a Transport that calls before ahead of each request it sends.
type hooked struct {
	*web
	before func(Request)
}

func (h hooked) Send(r Request, done func(Response, error)) {
	if h.before != nil {
		h.before(r)
	}
	h.web.Send(r, done)
}

// When the server's copy keeps changing, the merging stops after a few
// rounds and says so; the save waits and goes through later.
func TestMergeRoundsBounded(t *testing.T) {
	srv, st := newServer(t, "")
	netB := &hooked{web: &web{base: srv.URL}}
	a, b := New(newMemory(), &web{base: srv.URL}), New(newMemory(), netB)
	f := council(t)
	id := f.Document.ID
	saveTo(t, a, f)
	fromB := openIn(t, b, id)
	puts, n := 0, 0
	netB.before = func(r Request) { // A saves before each of B's saves
		if r.Method == "PUT" {
			puts++
			n++
			current, _ := a.Load(id)
			if out := saveTo(t, a, setNote(t, current, "We will build it", strings.Repeat("A", n))); out[0].Kind != Saved && out[0].Kind != Merged {
				t.Fatalf("A's save: %+v", out)
			}
		}
	}
	out := saveTo(t, b, setNote(t, fromB, "the mayor", "B"))
	if len(out) != 1 || out[0].Kind != Failed || out[0].Waiting != 1 || !strings.Contains(out[0].Err.Error(), "kept changing") || out[0].Merge == nil {
		t.Fatalf("B's save: %+v, want Failed after the rounds, still waiting", out)
	}
	if puts != 1+mergeTries {
		t.Errorf("%d PUTs, want %d", puts, 1+mergeTries)
	}
	netB.before = nil
	out = sendAll(b)
	if len(out) != 1 || out[0].Kind != Merged {
		t.Fatalf("B's save later: %+v", out)
	}
	server := checkInStep(t, b, st, id)
	if note(t, server, "We will build it") != strings.Repeat("A", n) || note(t, server, "the mayor") != "B" {
		t.Errorf("the server holds %+v", server.Annotations)
	}
}

// A document new to the server whose id is taken there (both imported one
// file) merges with no base: nothing is deleted.
func TestMergeWithoutBase(t *testing.T) {
	srv, st := newServer(t, "")
	a, b := New(newMemory(), &web{base: srv.URL}), New(newMemory(), &web{base: srv.URL})
	f := council(t)
	id := f.Document.ID
	saveTo(t, a, setNote(t, f, "the mayor", "A"))
	out := saveTo(t, b, tagged(t, f, annotation.Source, "Ann Lee"))
	if len(out) != 1 || out[0].Kind != Merged {
		t.Fatalf("B's save: %+v, want Merged", out)
	}
	server := checkInStep(t, b, st, id)
	if len(server.Annotations) != 4 || note(t, server, "the mayor") != "A" {
		t.Errorf("the server holds %+v", server.Annotations)
	}
}
