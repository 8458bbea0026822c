//go:build !wasm

package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
	"github.com/newsroom/annotator/app/store/storetest"
	"github.com/newsroom/annotator/app/users"
)

// newUsers writes a users file with a token for each name and returns it
// watched, with the tokens by name.
func newUsers(t testing.TB, names ...string) (*users.Watch, map[string]string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "users")
	tokens := map[string]string{}
	for _, n := range names {
		tok, err := users.Add(path, n)
		if err != nil {
			t.Fatal(err)
		}
		tokens[n] = tok
	}
	w, err := users.NewWatch(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return w, tokens
}

// me returns the name /api/me gives for token, or the status when it is not 200.
func me(t *testing.T, base, token string) (string, int) {
	t.Helper()
	r := do(t, "GET", base+api.Me, nil, "Authorization", "Bearer "+token)
	if r.status != http.StatusOK {
		return "", r.status
	}
	var u api.User
	if err := json.Unmarshal(r.body, &u); err != nil {
		t.Fatalf("/api/me answered %s: %v", r.body, err)
	}
	return u.Name, r.status
}

func TestUsersSignIn(t *testing.T) {
	list, tokens := newUsers(t, "Alice", "Bob")
	srv, _ := newTestServer(t, Config{Users: list, Token: "shared-secret"})
	for _, c := range []struct {
		why, token, name string
		status           int
	}{
		{"Alice's token", tokens["Alice"], "Alice", 200},
		{"Bob's token", tokens["Bob"], "Bob", 200},
		{"the shared token signs in with no name", "shared-secret", "", 200},
		{"no token", "", "", 401},
		{"a wrong token", "nope", "", 401},
		{"most of Alice's token", tokens["Alice"][:40], "", 401},
	} {
		if name, status := me(t, srv.URL, c.token); name != c.name || status != c.status {
			t.Errorf("%s: /api/me = %q, %d; want %q, %d", c.why, name, status, c.name, c.status)
		}
	}
	// The query parameter is for event streams only.
	if r := do(t, "GET", srv.URL+api.Me+"?token="+tokens["Alice"], nil); r.status != 401 {
		t.Errorf("/api/me?token= = %d, want 401", r.status)
	}
	if r := do(t, "GET", srv.URL+api.Documents+"?token="+tokens["Alice"], nil); r.status != 401 {
		t.Errorf("/api/documents?token= = %d, want 401", r.status)
	}

	// The file changes while the server runs: a new user gets in, a removed one not.
	carol, err := users.Add(list.Path(), "Carol")
	if err != nil {
		t.Fatal(err)
	}
	if err := users.Remove(list.Path(), "Bob"); err != nil {
		t.Fatal(err)
	}
	if name, status := me(t, srv.URL, carol); name != "Carol" {
		t.Errorf("a user added while serving: %q, %d", name, status)
	}
	if _, status := me(t, srv.URL, tokens["Bob"]); status != 401 {
		t.Errorf("a user removed while serving: %d, want 401", status)
	}
	// A damaged file lets nobody in, with a status that says the server is at fault.
	data, _ := os.ReadFile(list.Path())
	time.Sleep(10 * time.Millisecond)
	os.WriteFile(list.Path(), append(data, "broken line\n"...), 0o600)
	r := do(t, "GET", srv.URL+api.Me, nil, "Authorization", "Bearer "+carol)
	if r.status != http.StatusServiceUnavailable {
		t.Errorf("with a damaged users file: %d, want 503", r.status)
	}
	r.errBody(t)
}

// creators returns the creator of each annotation of the stored document, by note.
func creators(t *testing.T, base string, f annotation.File) map[string]string {
	t.Helper()
	r := do(t, "GET", docURL(base, f), nil, "Authorization", "Bearer shared")
	got, err := annotation.Decode(r.body)
	if err != nil {
		t.Fatalf("GET: %d %v", r.status, err)
	}
	by := map[string]string{}
	for _, a := range got.Annotations {
		by[a.Note] = a.Creator
	}
	return by
}

func TestCreatorStamped(t *testing.T) {
	list, tokens := newUsers(t, "Alice", "Bob")
	srv, _ := newTestServer(t, Config{Users: list, Token: "shared"})
	as := func(name string) []string { return []string{"Authorization", "Bearer " + tokens[name]} }

	// Alice's first save: every annotation is new, so hers, whatever it claims.
	f := newFile(t, "Stamps", "a1", "a2")
	f.Annotations[1].Creator = "Bob"
	r := do(t, "PUT", docURL(srv.URL, f), storetest.MustEncode(t, f), as("Alice")...)
	if r.status != http.StatusCreated {
		t.Fatalf("PUT: %d %s", r.status, r.body)
	}
	var s api.Summary
	json.Unmarshal(r.body, &s)
	got := creators(t, srv.URL, f)
	if got["a1"] != "Alice" || got["a2"] != "Alice" || s.SavedBy != "Alice" {
		t.Fatalf("after Alice's save: creators %v, saved by %q", got, s.SavedBy)
	}
	stored := do(t, "GET", docURL(srv.URL, f), nil, as("Alice")...)
	if r.header.Get("ETag") != stored.header.Get("ETag") {
		t.Errorf("the PUT's ETag %s is not the stored file's %s", r.header.Get("ETag"), stored.header.Get("ETag"))
	}

	// Bob adds one claiming it is Alice's and claims one of Alice's: neither holds.
	g := addNote(t, f, "b1")
	for i := range g.Annotations {
		switch g.Annotations[i].Note {
		case "b1":
			g.Annotations[i].Creator = "Alice"
		case "a1":
			g.Annotations[i].Creator = "Bob"
		}
	}
	if r := do(t, "PUT", docURL(srv.URL, g), storetest.MustEncode(t, g), append(as("Bob"), "If-Match", stored.header.Get("ETag"))...); r.status != 200 {
		t.Fatalf("Bob's PUT: %d %s", r.status, r.body)
	}
	if got := creators(t, srv.URL, g); got["a1"] != "Alice" || got["a2"] != "Alice" || got["b1"] != "Bob" {
		t.Errorf("after Bob's save: creators %v", got)
	}
	// Who saved each version.
	var vs []api.Version
	json.Unmarshal(do(t, "GET", docURL(srv.URL, g, "/versions"), nil, as("Bob")...).body, &vs)
	if len(vs) != 2 || vs[0].SavedBy != "Bob" || vs[1].SavedBy != "Alice" {
		t.Errorf("versions = %+v; want saved by Bob, then Alice", vs)
	}
	// Saving what is stored, with its creators dropped, changes nothing.
	h := g
	h.Annotations = append([]annotation.Annotation{}, g.Annotations...)
	for i := range h.Annotations {
		h.Annotations[i].Creator = ""
	}
	if r := do(t, "PUT", docURL(srv.URL, h), storetest.MustEncode(t, h), as("Alice")...); r.status != 200 {
		t.Fatalf("PUT: %d", r.status)
	} else if json.Unmarshal(r.body, &s); s.Version != 2 || s.SavedBy != "Bob" {
		t.Errorf("saving the stored content again made %+v; want version 2 by Bob unchanged", s)
	}
	// The shared token saves with no name.
	k := addNote(t, h, "shared")
	do(t, "PUT", docURL(srv.URL, k), storetest.MustEncode(t, k), "Authorization", "Bearer shared")
	if got := creators(t, srv.URL, k); got["shared"] != "" || got["b1"] != "Bob" {
		t.Errorf("after the shared token's save: %v", got)
	}
}

// TestCreatorWithoutUsers: with no tokens, a claimed creator of a new
// annotation is cleared, as no one is known.
func TestCreatorWithoutUsers(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	f := newFile(t, "Anonymous", "n")
	f.Annotations[0].Creator = "Mallory"
	do(t, "PUT", docURL(srv.URL, f), storetest.MustEncode(t, f))
	if got := creators(t, srv.URL, f); got["n"] != "" {
		t.Errorf("creator %q, want none", got["n"])
	}
}

// TestCreatorRace: Alice and Bob save at once, without If-Match, files that
// both add the same annotation: whoever stored it first is its creator, as
// the versions show, however the saves interleave.
func TestCreatorRace(t *testing.T) {
	list, tokens := newUsers(t, "Alice", "Bob")
	srv, st := newTestServer(t, Config{Users: list})
	for round := range 20 {
		base := newFile(t, fmt.Sprint("race ", round))
		do(t, "PUT", docURL(srv.URL, base), storetest.MustEncode(t, base), "Authorization", "Bearer "+tokens["Alice"])
		both := addNote(t, base, "both")
		var wg sync.WaitGroup
		for _, name := range []string{"Alice", "Bob"} {
			mine := addNote(t, both, name) // each also adds one of their own
			wg.Go(func() {
				do(t, "PUT", docURL(srv.URL, mine), storetest.MustEncode(t, mine), "Authorization", "Bearer "+tokens[name])
			})
		}
		wg.Wait()
		vs, err := st.Versions(t.Context(), base.Document.ID)
		if err != nil || len(vs) != 3 {
			t.Fatalf("round %d: versions %+v, %v", round, vs, err)
		}
		first := vs[1].SavedBy // version 2: the first of the two saves
		v3, _ := st.Version(t.Context(), base.Document.ID, 3)
		last, err := annotation.Decode(v3.Data)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range last.Annotations {
			if a.Note == "both" && a.Creator != first {
				t.Errorf("round %d: the annotation both added is %q's; %q stored it first", round, a.Creator, first)
			}
			if (a.Note == "Alice" || a.Note == "Bob") && a.Creator != a.Note {
				t.Errorf("round %d: %s's own annotation is %q's", round, a.Note, a.Creator)
			}
		}
	}
}

// TestCreatorsAcrossServers: two servers on one store, as replicas are: what
// one stored is seen by the other's next save, whatever it remembered of
// the document from its own last save.
func TestCreatorsAcrossServers(t *testing.T) {
	list, tokens := newUsers(t, "Alice", "Bob")
	a, st := newTestServer(t, Config{Users: list, Token: "shared"})
	b, _ := newTestServer(t, Config{Users: list, Token: "shared", Store: st})
	as := func(name string) []string { return []string{"Authorization", "Bearer " + tokens[name]} }
	f := newFile(t, "Two servers", "base")
	do(t, "PUT", docURL(a.URL, f), storetest.MustEncode(t, f), as("Alice")...)
	withX := addNote(t, f, "x")
	do(t, "PUT", docURL(b.URL, withX), storetest.MustEncode(t, withX), as("Bob")...)
	mine := addNote(t, withX, "alice's")
	for i := range mine.Annotations {
		mine.Annotations[i].Creator = "Alice"
	}
	if r := do(t, "PUT", docURL(a.URL, mine), storetest.MustEncode(t, mine), as("Alice")...); r.status != 200 {
		t.Fatalf("PUT: %d %s", r.status, r.body)
	}
	if got := creators(t, b.URL, mine); got["x"] != "Bob" || got["alice's"] != "Alice" || got["base"] != "Alice" {
		t.Errorf("creators %v; want x Bob's, the others Alice's", got)
	}
}
