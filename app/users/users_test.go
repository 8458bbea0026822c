//go:build !wasm

package users

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestAddLookupRemove(t *testing.T) {
	path := filepath.Join(t.TempDir(), "users")
	alice, err := Add(path, "Alice")
	if err != nil {
		t.Fatal(err)
	}
	bob, err := Add(path, "Jane Smith")
	if err != nil {
		t.Fatal(err)
	}
	if len(alice) != 43 || alice == bob || strings.ContainsAny(alice, "+/=") {
		t.Errorf("tokens %q and %q: want 43 distinct URL-safe characters each", alice, bob)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the users file: %v, %v; want mode 0600", fi, err)
	}
	data, _ := os.ReadFile(path)
	if bytes.Contains(data, []byte(alice)) || bytes.Contains(data, []byte(bob)) {
		t.Fatalf("the users file holds a token:\n%s", data)
	}
	l, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(l.Names(), ","); got != "Alice,Jane Smith" {
		t.Errorf("Names = %s", got)
	}
	for token, want := range map[string]string{alice: "Alice", bob: "Jane Smith"} {
		if name, ok := l.Lookup(token); !ok || name != want {
			t.Errorf("Lookup = %q, %v; want %q", name, ok, want)
		}
	}
	if name, ok := l.Lookup(alice[:42]); ok {
		t.Errorf("a truncated token is taken as %q", name)
	}
	// A hand-made line with the digest of the empty token lets no one in without a token.
	empty := &List{users: []User{{Name: "Nobody", digest: Digest("")}}}
	if name, ok := empty.Lookup(""); ok {
		t.Errorf("the empty token is taken as %q", name)
	}

	// Adding again replaces the token; the old one stops working.
	alice2, err := Add(path, "Alice")
	if err != nil {
		t.Fatal(err)
	}
	l, _ = Load(path)
	if _, ok := l.Lookup(alice); ok {
		t.Error("the replaced token still works")
	}
	if name, ok := l.Lookup(alice2); !ok || name != "Alice" || strings.Join(l.Names(), ",") != "Alice,Jane Smith" {
		t.Errorf("after replacing: %q, %v, %v", name, ok, l.Names())
	}

	if err := Remove(path, "Jane Smith"); err != nil {
		t.Fatal(err)
	}
	l, _ = Load(path)
	if _, ok := l.Lookup(bob); ok || len(l.Names()) != 1 {
		t.Errorf("after Remove: %v", l.Names())
	}
	if err := Remove(path, "Nobody"); err == nil || !strings.Contains(err.Error(), `no user named "Nobody"`) {
		t.Errorf("Remove of an unknown user = %v", err)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".users-*")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestNames(t *testing.T) {
	for _, name := range []string{"alice", "Jane Smith", "José Müller-Ortiz", "o'brien", "bob.smith@desk", "李雷"} {
		if err := CheckName(name); err != nil {
			t.Errorf("CheckName(%q) = %v", name, err)
		}
	}
	for _, name := range []string{"", " alice", "alice ", "a  b", "#admin", "tab\there", "new\nline", "semi;colon", "<b>", strings.Repeat("a", 65), "\xff"} {
		if err := CheckName(name); err == nil {
			t.Errorf("CheckName(%q) = nil, want an error", name)
		}
		if _, err := Add(filepath.Join(t.TempDir(), "users"), name); err == nil {
			t.Errorf("Add(%q) = nil, want an error", name)
		}
	}
}

func TestDamagedFile(t *testing.T) {
	dir := t.TempDir()
	good := "Alice sha256:" + strings.Repeat("ab", 32)
	for _, c := range []struct{ content, want string }{
		{"# users\n\nnospace\n", ":3: want NAME sha256:DIGEST"},
		{good + "\nBob sha256:1234\n", `:2: "sha256:1234" is not a digest`},
		{good + "\nBob md5:" + strings.Repeat("ab", 32) + "\n", ":2:"},
		{good + "\n" + good + "\n", `:2: "Alice" is on line 1 already`},
		{good + "\nBob sha256:" + strings.Repeat("ab", 32) + "\n", ":2: the same token as line 1"},
		{"  Alice sha256:" + strings.Repeat("ab", 32) + "\n", ":1: "},
	} {
		path := filepath.Join(dir, "users")
		os.WriteFile(path, []byte(c.content), 0o600)
		_, err := Load(path)
		if err == nil || !strings.Contains(err.Error(), path+c.want) {
			t.Errorf("Load of %q = %v; want %q", c.content, err, path+c.want)
		}
		// Add refuses to rewrite a damaged file: it would lose its lines.
		if _, err := Add(path, "Carol"); err == nil {
			t.Errorf("Add over %q = nil, want the damage reported", c.content)
		}
	}
	if _, err := Load(filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("Load of a missing file = %v", err)
	}
	// CRLF line ends (a file edited on Windows) read.
	path := filepath.Join(dir, "crlf")
	os.WriteFile(path, []byte("# users\r\n"+good+"\r\n"), 0o600)
	if l, err := Load(path); err != nil || len(l.Names()) != 1 {
		t.Errorf("Load of a CRLF file = %v, %v", l, err)
	}
}

func TestWatchNoticesChanges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "users")
	alice, _ := Add(path, "Alice")
	w, err := NewWatch(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if name, ok, err := w.Lookup(alice); !ok || err != nil || name != "Alice" {
		t.Fatalf("Lookup = %q, %v, %v", name, ok, err)
	}
	bob, _ := Add(path, "Bob")
	if name, ok, err := w.Lookup(bob); !ok || err != nil || name != "Bob" {
		t.Errorf("a user added after the watch began: %q, %v, %v", name, ok, err)
	}
	if err := Remove(path, "Alice"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := w.Lookup(alice); ok {
		t.Error("a removed user's token still works")
	}
	// Damaged by hand, in place: nobody is let in, and the error names the line.
	data, _ := os.ReadFile(path)
	time.Sleep(10 * time.Millisecond) // a new modification time even on coarse clocks
	if err := os.WriteFile(path, append(data, "oops\n"...), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := w.Lookup(bob); ok || err == nil || !strings.Contains(err.Error(), path+":3:") {
		t.Errorf("Lookup on a damaged file = %v, %v; want no user and the line named", ok, err)
	}
	// Mended: let in again.
	time.Sleep(10 * time.Millisecond)
	os.WriteFile(path, data, 0o600)
	if name, ok, err := w.Lookup(bob); !ok || err != nil || name != "Bob" {
		t.Errorf("after mending: %q, %v, %v", name, ok, err)
	}
	// Removed altogether: nobody is let in.
	os.Remove(path)
	if _, ok, err := w.Lookup(bob); ok || err == nil {
		t.Errorf("Lookup with the file gone = %v, %v", ok, err)
	}
	if _, err := NewWatch(path, nil); err == nil {
		t.Error("NewWatch of a missing file = nil error")
	}
}

// BenchmarkWatchLookup measures what signing a request in costs a server
// with 200 users: a stat of the file and 200 digest comparisons.
func BenchmarkWatchLookup(b *testing.B) {
	path := filepath.Join(b.TempDir(), "users")
	var last string
	for i := range 200 {
		last, _ = Add(path, fmt.Sprintf("user %d", i))
	}
	w, err := NewWatch(path, nil)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, ok, err := w.Lookup(last); !ok || err != nil {
			b.Fatal(ok, err)
		}
	}
}
