//go:build !wasm

package cli

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
	"github.com/newsroom/annotator/app/store/storetest"
)

// getAs sends GET url with token and returns the status and body.
func getAs(t *testing.T, url, token string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

// TestUsersProcess runs the real binary: user add prints tokens, serve
// -users takes them, names the saver as creator, tells another user's open
// stream of the save, and follows the users file as it changes.
func TestUsersProcess(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "users")
	token := func(name string) string {
		t.Helper()
		out := strings.TrimSuffix(string(mustRun(t, nil, "user", "add", "-users", file, name)), "\n")
		if len(out) != 43 || strings.ContainsAny(out, " \n") {
			t.Fatalf("user add printed %q, want the token alone", out)
		}
		return out
	}
	alice, bob := token("Alice"), token("Bob")
	if out := string(mustRun(t, nil, "user", "list", "-users", file)); out != "Alice\nBob\n" {
		t.Errorf("user list = %q", out)
	}
	if code, _, errOut := annotator(t, nil, "serve", "-users", filepath.Join(dir, "none"), "-root", fakeRoot(t)); code != ExitFail || !strings.Contains(string(errOut), "none") {
		t.Errorf("serve with a missing users file = %d %s", code, errOut)
	}

	p := start(t, fakeRoot(t), t.TempDir(), "-users", file)
	if code, body := getAs(t, p.url+api.Me, alice); code != 200 || !strings.Contains(string(body), `"name":"Alice"`) {
		t.Errorf("/api/me as Alice = %d %s", code, body)
	}
	if code, _ := getAs(t, p.url+api.Documents, "wrong"); code != 401 {
		t.Errorf("a wrong token = %d, want 401", code)
	}

	// Alice has the document open (EventSource's way: the token in the query).
	f := storetest.MustFile(t, annotation.NewDocument("Live", storetest.Article, ""), false)
	stream, err := http.Get(p.url + api.EventsPath(f.Document.ID) + "?token=" + alice)
	if err != nil || stream.StatusCode != 200 {
		t.Fatalf("Alice's stream: %v %v", stream, err)
	}
	defer stream.Body.Close()
	events := make(chan string, 10)
	go func() {
		lines := bufio.NewScanner(stream.Body)
		for lines.Scan() {
			if data, ok := strings.CutPrefix(lines.Text(), "data: "); ok && strings.Contains(data, `"savedBy"`) {
				events <- data
			}
		}
	}()
	sent := time.Now()
	if resp, err := put(p.url+api.DocumentPath(f.Document.ID), storetest.MustEncode(t, f), "Authorization", "Bearer "+bob); err != nil || resp.StatusCode != 201 {
		t.Fatalf("Bob's PUT: %v %v", resp, err)
	}
	select {
	case data := <-events:
		var s api.Summary
		if json.Unmarshal([]byte(data), &s); s.SavedBy != "Bob" || s.Version != 1 {
			t.Errorf("Alice's stream got %s", data)
		}
		t.Logf("Bob's save reached Alice's stream in %v", time.Since(sent))
	case <-time.After(2 * time.Second):
		t.Fatal("Bob's save did not reach Alice's stream within 2 s")
	}
	_, body := getAs(t, p.url+api.DocumentPath(f.Document.ID), alice)
	stored, err := annotation.Decode(body)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range stored.Annotations {
		if a.Creator != "Bob" {
			t.Errorf("annotation %s: creator %q, want Bob", a.ID, a.Creator)
		}
	}

	// The users file changes under the running server.
	carol := token("Carol")
	mustRun(t, nil, "user", "remove", "-users", file, "Bob")
	if code, body := getAs(t, p.url+api.Me, carol); code != 200 || !strings.Contains(string(body), "Carol") {
		t.Errorf("a user added while serving: %d %s", code, body)
	}
	if code, _ := getAs(t, p.url+api.Me, bob); code != 401 {
		t.Errorf("a user removed while serving: %d, want 401", code)
	}
	start := time.Now()
	if code := p.stop(t, syscall.SIGTERM); code != 0 {
		t.Errorf("exit status %d after SIGTERM with a stream open\n%s", code, p.stderr)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("stopping with a stream open took %v", took)
	}
	for _, tok := range []string{alice, bob, carol} {
		if strings.Contains(p.stderr.String(), tok) {
			t.Errorf("the log holds a token:\n%s", p.stderr)
		}
	}
}
