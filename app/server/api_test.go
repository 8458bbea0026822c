//go:build !wasm

package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/store"
	"github.com/newsroom/annotator/app/store/dirstore"
	"github.com/newsroom/annotator/app/store/storetest"
)

func TestDocumentLifecycle(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	f1 := newFile(t, "Kerry on Syria", "first")
	body1 := storetest.MustEncode(t, f1)

	r := do(t, "PUT", docURL(srv.URL, f1), body1, "If-None-Match", "*")
	if r.status != http.StatusCreated || r.header.Get("ETag") != store.ETag(body1) || r.header.Get("Location") != "/api/documents/"+f1.Document.ID.UUID() {
		t.Fatalf("create: %d %v %s", r.status, r.header, r.body)
	}
	etag1 := r.header.Get("ETag")
	var s store.Summary
	if err := json.Unmarshal(r.body, &s); err != nil || s.ID != f1.Document.ID || s.Counts.Quote != 1 || s.Version != 1 {
		t.Errorf("create answered %s (%v)", r.body, err)
	}

	r = do(t, "GET", docURL(srv.URL, f1), nil)
	if r.status != 200 || !bytes.Equal(r.body, body1) || r.header.Get("ETag") != etag1 || r.header.Get("Content-Type") != "application/json" {
		t.Fatalf("get: %d %v", r.status, r.header)
	}
	if r := do(t, "GET", docURL(srv.URL, f1), nil, "If-None-Match", etag1); r.status != http.StatusNotModified || len(r.body) != 0 {
		t.Errorf("get with If-None-Match = %d %q, want 304", r.status, r.body)
	}
	// The urn:uuid: form of the id names the same document.
	if r := do(t, "GET", srv.URL+"/api/documents/"+string(f1.Document.ID), nil); r.status != 200 {
		t.Errorf("get by URN = %d", r.status)
	}

	f2 := addNote(t, f1, "second")
	body2 := storetest.MustEncode(t, f2)
	r = do(t, "PUT", docURL(srv.URL, f2), body2, "If-Match", etag1)
	if r.status != http.StatusOK || r.header.Get("ETag") != store.ETag(body2) {
		t.Fatalf("update: %d %s", r.status, r.body)
	}
	etag2 := r.header.Get("ETag")
	// A stale If-Match, as from an editor who read version 1, writes nothing.
	stale := storetest.MustEncode(t, addNote(t, f1, "lost?"))
	if r := do(t, "PUT", docURL(srv.URL, f1), stale, "If-Match", etag1); r.status != http.StatusPreconditionFailed {
		t.Errorf("stale If-Match = %d, want 412", r.status)
	} else {
		r.errBody(t)
	}
	if r := do(t, "GET", docURL(srv.URL, f1), nil); r.header.Get("ETag") != etag2 {
		t.Errorf("after a 412 the ETag is %s, want %s", r.header.Get("ETag"), etag2)
	}
	// Without If-Match it overwrites, but version 2 stays retrievable.
	if r := do(t, "PUT", docURL(srv.URL, f1), stale); r.status != http.StatusOK {
		t.Fatalf("unconditional overwrite = %d", r.status)
	}
	r = do(t, "GET", docURL(srv.URL, f1, "/versions"), nil)
	var vs []store.Version
	if err := json.Unmarshal(r.body, &vs); err != nil || len(vs) != 3 || vs[0].Version != 3 || !vs[0].Current || vs[1].ETag != etag2 {
		t.Fatalf("versions = %s (%v)", r.body, err)
	}
	if r := do(t, "GET", docURL(srv.URL, f1, "/versions/2"), nil); r.status != 200 || !bytes.Equal(r.body, body2) || r.header.Get("ETag") != etag2 {
		t.Errorf("version 2 = %d, %d bytes", r.status, len(r.body))
	}
	for _, n := range []string{"0", "x", "-1"} {
		if r := do(t, "GET", docURL(srv.URL, f1, "/versions/"+n), nil); r.status != http.StatusBadRequest {
			t.Errorf("version %q = %d, want 400", n, r.status)
		}
	}
	if r := do(t, "GET", docURL(srv.URL, f1, "/versions/9"), nil); r.status != http.StatusNotFound {
		t.Errorf("version 9 = %d, want 404", r.status)
	}

	// A second document, written later, lists first.
	g := newFile(t, "Later", "a", "b")
	do(t, "PUT", docURL(srv.URL, g), storetest.MustEncode(t, g))
	r = do(t, "GET", srv.URL+"/api/documents", nil)
	var list []store.Summary
	if err := json.Unmarshal(r.body, &list); err != nil || len(list) != 2 || list[0].ID != g.Document.ID || list[0].Counts.Quote != 2 || list[1].Title != "Kerry on Syria" {
		t.Fatalf("list = %s (%v)", r.body, err)
	}

	// Delete moves to the trash; restore brings it back; a second restore clashes.
	if r := do(t, "DELETE", docURL(srv.URL, f1), nil, "If-Match", etag1); r.status != http.StatusPreconditionFailed {
		t.Errorf("delete with a stale If-Match = %d, want 412", r.status)
	}
	if r := do(t, "DELETE", docURL(srv.URL, f1), nil); r.status != http.StatusNoContent {
		t.Fatalf("delete = %d %s", r.status, r.body)
	}
	if r := do(t, "GET", docURL(srv.URL, f1), nil); r.status != http.StatusNotFound {
		t.Errorf("get after delete = %d, want 404", r.status)
	} else {
		r.errBody(t)
	}
	r = do(t, "GET", srv.URL+"/api/trash", nil)
	var trash []store.Trashed
	if err := json.Unmarshal(r.body, &trash); err != nil || len(trash) != 1 || trash[0].ID != f1.Document.ID {
		t.Errorf("trash = %s (%v)", r.body, err)
	}
	if r := do(t, "POST", docURL(srv.URL, f1, "/restore"), nil); r.status != http.StatusOK {
		t.Fatalf("restore = %d %s", r.status, r.body)
	}
	if r := do(t, "GET", docURL(srv.URL, f1, "/versions"), nil); !strings.Contains(string(r.body), etag2[1:len(etag2)-1]) {
		t.Errorf("restored document lost its versions: %s", r.body)
	}
	if r := do(t, "POST", docURL(srv.URL, f1, "/restore"), nil); r.status != http.StatusConflict {
		t.Errorf("second restore = %d, want 409", r.status)
	}
}

// TestHostileInput sends what a careless or malicious client might; each gets a
// clear JSON error and nothing reaches the disk.
func TestHostileInput(t *testing.T) {
	data := t.TempDir()
	st, err := dirstore.Open(data, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv, _ := newTestServer(t, Config{Store: st, MaxBody: 64 << 10})
	good := newFile(t, "Good", "x")
	goodBody := storetest.MustEncode(t, good)
	other := newFile(t, "Other")

	var nested bytes.Buffer
	nested.WriteString(`{"format":"article-annotations","version":1,"document":`)
	nested.WriteString(strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "}")

	badUTF8 := bytes.Replace(goodBody, []byte("Good"), []byte("Go\xffd"), 1)
	future := bytes.Replace(goodBody, []byte(`"version": 2`), []byte(`"version": 7`), 1)
	outOfRange := bytes.Replace(goodBody, []byte(`"end": 25`), []byte(`"end": 2500`), 1)

	for _, c := range []struct {
		why          string
		method, path string
		body         []byte
		headers      []string
		status       int
		problem      string // a problem's path or message must contain this
	}{
		{"traversal, encoded", "PUT", "/api/documents/..%2f..%2fetc%2fpasswd", goodBody, nil, 400, ""},
		{"traversal, double-encoded", "PUT", "/api/documents/..%252f..%252fetc%252fpasswd", goodBody, nil, 400, ""},
		{"traversal on GET", "GET", "/api/documents/..%2f..%2fetc%2fpasswd", nil, nil, 400, ""},
		{"traversal on versions", "GET", "/api/documents/" + good.Document.ID.UUID() + "/versions/..%2f1", nil, nil, 400, ""},
		{"a dot id", "DELETE", "/api/documents/%2e%2e", nil, nil, 400, ""},
		{"upper-case UUID: one spelling per file", "PUT", "/api/documents/" + strings.ToUpper(good.Document.ID.UUID()), goodBody, nil, 400, ""},
		{"body over the limit", "PUT", "/api/documents/" + good.Document.ID.UUID(), bytes.Repeat([]byte(" "), 65<<10), nil, 413, ""},
		{"deeply nested JSON", "PUT", "/api/documents/" + good.Document.ID.UUID(), nested.Bytes(), nil, 400, "depth"},
		{"invalid UTF-8", "PUT", "/api/documents/" + good.Document.ID.UUID(), badUTF8, nil, 400, "UTF-8"},
		{"wrong Content-Type", "PUT", "/api/documents/" + good.Document.ID.UUID(), goodBody, []string{"Content-Type", "text/plain"}, 415, ""},
		{"form Content-Type (what a cross-site form sends)", "PUT", "/api/documents/" + good.Document.ID.UUID(), goodBody, []string{"Content-Type", "application/x-www-form-urlencoded"}, 415, ""},
		{"Latin-1 JSON", "PUT", "/api/documents/" + good.Document.ID.UUID(), goodBody, []string{"Content-Type", "application/json; charset=latin1"}, 415, ""},
		{"empty body", "PUT", "/api/documents/" + good.Document.ID.UUID(), []byte{}, nil, 400, "empty"},
		{"malformed JSON", "PUT", "/api/documents/" + good.Document.ID.UUID(), []byte(`{"format":`), nil, 400, "malformed"},
		{"a newer version", "PUT", "/api/documents/" + good.Document.ID.UUID(), future, nil, 400, "version"},
		{"offsets out of range", "PUT", "/api/documents/" + good.Document.ID.UUID(), outOfRange, nil, 400, "annotations[0].end"},
		{"the body's id differs from the URL's", "PUT", "/api/documents/" + other.Document.ID.UUID(), goodBody, nil, 400, "document.id"},
		{"unknown method", "PATCH", "/api/documents/" + good.Document.ID.UUID(), goodBody, nil, 405, ""},
		{"unknown endpoint", "GET", "/api/secrets", nil, nil, 404, ""},
		{"a cross-site browser write", "DELETE", "/api/documents/" + good.Document.ID.UUID(), nil, []string{"Sec-Fetch-Site", "cross-site"}, 403, ""},
	} {
		t.Run(c.why, func(t *testing.T) {
			req, err := http.NewRequest(c.method, srv.URL+c.path, bytes.NewReader(c.body))
			if err != nil {
				t.Fatal(err)
			}
			if c.body != nil {
				req.Header.Set("Content-Type", "application/json")
			}
			for i := 0; i < len(c.headers); i += 2 {
				req.Header.Set(c.headers[i], c.headers[i+1])
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			buf.ReadFrom(resp.Body)
			resp.Body.Close()
			r := response{resp.StatusCode, resp.Header, buf.Bytes()}
			if r.status != c.status {
				t.Fatalf("%s %s = %d %s, want %d", c.method, c.path, r.status, r.body, c.status)
			}
			e := r.errBody(t)
			if c.problem != "" {
				found := strings.Contains(e.Error, c.problem)
				for _, p := range e.Problems {
					found = found || strings.Contains(p.Path, c.problem) || strings.Contains(p.Message, c.problem)
				}
				if !found {
					t.Errorf("no problem mentions %q: %s", c.problem, r.body)
				}
			}
		})
	}
	entries, _ := os.ReadDir(filepath.Join(data, "documents"))
	if len(entries) != 0 {
		t.Errorf("hostile requests left %d entries in the store", len(entries))
	}
	if _, err := os.Stat("/etc/passwd"); err != nil {
		t.Log("(no /etc/passwd to worry about)")
	}
}

func TestToken(t *testing.T) {
	srv, _ := newTestServer(t, Config{Token: "s3cret", App: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "app") })})
	for _, c := range []struct {
		why    string
		auth   string
		status int
	}{
		{"no token", "", 401},
		{"a wrong token", "Bearer nope", 401},
		{"a token that starts right", "Bearer s3cre", 401},
		{"the token without Bearer", "s3cret", 401},
		{"the right token", "Bearer s3cret", 200},
	} {
		r := do(t, "GET", srv.URL+"/api/documents", nil, "Authorization", c.auth)
		if r.status != c.status {
			t.Errorf("%s: status %d, want %d", c.why, r.status, c.status)
		}
		if c.status == 401 {
			r.errBody(t)
			if r.header.Get("WWW-Authenticate") == "" {
				t.Errorf("%s: no WWW-Authenticate", c.why)
			}
		}
	}
	// The app itself loads without a token: it asks the editor for one.
	if r := do(t, "GET", srv.URL+"/", nil); r.status != 200 || string(r.body) != "app" {
		t.Errorf("app page = %d %q", r.status, r.body)
	}
}

func TestSecurityHeaders(t *testing.T) {
	srv, _ := newTestServer(t, Config{Root: fakeRoot(t)})
	for _, path := range []string{"/api/documents", "/api/nothing", "/web/app.css", "/", "/web/app.wasm"} {
		r := do(t, "GET", srv.URL+path, nil, "Origin", "https://evil.example")
		for name, want := range map[string]string{
			"Content-Security-Policy": ContentSecurityPolicy,
			"X-Content-Type-Options":  "nosniff",
			"Referrer-Policy":         "no-referrer",
		} {
			if got := r.header.Get(name); got != want {
				t.Errorf("%s: %s = %q, want %q", path, name, got, want)
			}
		}
		if got := r.header.Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("%s: Access-Control-Allow-Origin = %q: CORS must stay closed", path, got)
		}
	}
	for _, want := range []string{"'wasm-unsafe-eval'", "frame-ancestors 'none'", "default-src 'self'"} {
		if !strings.Contains(ContentSecurityPolicy, want) {
			t.Errorf("the CSP lacks %s", want)
		}
	}
	if strings.Contains(ContentSecurityPolicy, "http") || strings.Contains(ContentSecurityPolicy, "*") || strings.Contains(ContentSecurityPolicy, "'unsafe-eval'") {
		t.Errorf("the CSP lets something foreign in: %s", ContentSecurityPolicy)
	}
}

func TestInFlightLimit(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered <- struct{}{}
		<-release
	})
	srv, _ := newTestServer(t, Config{App: slow, MaxInFlight: 1})
	done := make(chan int)
	go func() {
		resp, err := http.Get(srv.URL + "/slow")
		if err != nil {
			done <- 0
			return
		}
		resp.Body.Close()
		done <- resp.StatusCode
	}()
	<-entered
	r := do(t, "GET", srv.URL+"/api/documents", nil)
	if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" {
		t.Errorf("a request beyond the bound = %d, want 503 with Retry-After", r.status)
	}
	r.errBody(t)
	close(release)
	if got := <-done; got != 200 {
		t.Errorf("the request in flight = %d, want 200", got)
	}
	if r := do(t, "GET", srv.URL+"/api/documents", nil); r.status != 200 {
		t.Errorf("after the slow request = %d, want 200", r.status)
	}
}

// TestValidFileRoundTrip checks that what a PUT stores is exactly what
// annotation.Encode writes, so a GET gives an editor the bytes it sent.
func TestValidFileRoundTrip(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	f := newFile(t, "Round trip — “curly” and\u00a0no-break", "a")
	body := storetest.MustEncode(t, f)
	do(t, "PUT", docURL(srv.URL, f), body)
	r := do(t, "GET", docURL(srv.URL, f), nil)
	back, err := annotation.Decode(r.body)
	if err != nil || !bytes.Equal(r.body, body) || back.Document.Title != f.Document.Title {
		t.Errorf("GET gave %q (%v), want %q", r.body, err, body)
	}
}
