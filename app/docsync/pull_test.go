//go:build !wasm

package docsync

import "testing"

// TestPull: B pulls A's save into its copy, unsaved edits of its own kept and
// still queued; with nothing new on the server a pull reads nothing.
func TestPull(t *testing.T) {
	srv, st := newServer(t, "")
	a, b := New(newMemory(), &web{base: srv.URL}), New(newMemory(), &web{base: srv.URL})
	f := council(t)
	id := f.Document.ID
	if out := saveTo(t, a, f); len(out) != 1 || out[0].Kind != Saved {
		t.Fatalf("A's first save: %+v", out)
	}
	fromB := openIn(t, b, id)
	var o Outcome
	b.Pull(id, func(x Outcome) { o = x })
	if o.Kind != Idle {
		t.Fatalf("a pull with nothing new: %+v, want Idle", o)
	}
	if out := saveTo(t, a, setNote(t, f, "We will build it", "A: on tape")); out[0].Kind != Saved {
		t.Fatalf("A's second save: %+v", out)
	}
	// B has tagged Ann Lee meanwhile, kept and queued but not sent.
	mineB := tagged(t, fromB, "source", "Ann Lee")
	if _, err := b.Save(mineB, now); err != nil {
		t.Fatal(err)
	}
	if err := b.Queue(id); err != nil {
		t.Fatal(err)
	}
	b.Pull(id, func(x Outcome) { o = x })
	if o.Kind != Merged || o.Merge == nil || o.Waiting != 1 {
		t.Fatalf("B's pull: %+v, want Merged with B's save still waiting", o)
	}
	local, err := b.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	if note(t, local, "We will build it") != "A: on tape" || on(t, local, "Ann Lee") == "" {
		t.Errorf("B's copy after the pull lacks A's note or B's source: %+v", local.Annotations)
	}
	if out := sendAll(b); len(out) != 1 || out[0].Kind != Saved {
		t.Fatalf("B's queued save after the pull: %+v, want Saved without a 412", out)
	}
	server, _ := stored(t, st, id)
	if note(t, server, "We will build it") != "A: on tape" || len(server.Annotations) != 4 {
		t.Errorf("the server holds %+v", server.Annotations)
	}
}

// TestMe: the server says whom the token signs in as (the shared token: no
// one), refuses a missing token, and an unreachable server is said to be so.
func TestMe(t *testing.T) {
	srv, _ := newServer(t, "shared")
	s := New(newMemory(), &web{base: srv.URL})
	var name string
	var reachable bool
	var err error
	s.Me(func(n string, r bool, e error) { name, reachable, err = n, r, e })
	if !reachable || err == nil {
		t.Errorf("without the token: reachable %v, err %v; want a refusal", reachable, err)
	}
	if err := s.SetToken("shared"); err != nil {
		t.Fatal(err)
	}
	s.Me(func(n string, r bool, e error) { name, reachable, err = n, r, e })
	if !reachable || err != nil || name != "" {
		t.Errorf("with the shared token: %q %v %v, want no name", name, reachable, err)
	}
	srv.Close()
	s.Me(func(n string, r bool, e error) { name, reachable, err = n, r, e })
	if reachable || err != nil {
		t.Errorf("with the server gone: reachable %v, err %v", reachable, err)
	}
}
