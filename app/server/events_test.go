//go:build !wasm

package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/api"
	"github.com/newsroom/annotator/app/store"
	"github.com/newsroom/annotator/app/store/dirstore"
	"github.com/newsroom/annotator/app/store/storetest"
)

// event is one Server-Sent Event as a client reads it; a comment has only comment set.
type event struct {
	id, event, data, comment string
}

// sse is an open event stream read by a plain HTTP client.
type sse struct {
	resp   *http.Response
	events chan event // closed when the stream ends
}

// openStream opens url as an event stream with headers (alternating names
// and values) and reads its events in the background.
func openStream(t *testing.T, url string, headers ...string) (*sse, int) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, resp.StatusCode
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("Content-Type = %q", ct)
	}
	s := &sse{resp: resp, events: make(chan event, 100)}
	t.Cleanup(s.close)
	go func() {
		defer close(s.events)
		lines := bufio.NewScanner(resp.Body)
		var e event
		for lines.Scan() {
			line := lines.Text()
			switch {
			case line == "":
				if e != (event{}) {
					s.events <- e
				}
				e = event{}
			case strings.HasPrefix(line, ":"):
				s.events <- event{comment: strings.TrimSpace(line[1:])}
			default:
				k, v, _ := strings.Cut(line, ": ")
				switch k {
				case "id":
					e.id = v
				case "event":
					e.event = v
				case "data":
					e.data = v
				}
			}
		}
	}()
	return s, resp.StatusCode
}

func (s *sse) close() { s.resp.Body.Close() }

// next returns the next event of type name (skipping others and comments),
// failing t if none comes within wait.
func (s *sse) next(t *testing.T, name string, wait time.Duration) event {
	t.Helper()
	deadline := time.After(wait)
	for {
		select {
		case e, ok := <-s.events:
			if !ok {
				t.Fatalf("the stream ended before a %q event", name)
			}
			if e.event == name {
				return e
			}
		case <-deadline:
			t.Fatalf("no %q event within %v", name, wait)
		}
	}
}

// presence waits for a presence event listing exactly users.
func (s *sse) presence(t *testing.T, users ...string) api.Presence {
	t.Helper()
	want := strings.Join(users, ",")
	for {
		var p api.Presence
		e := s.next(t, api.EventPresence, 2*time.Second)
		if err := json.Unmarshal([]byte(e.data), &p); err != nil {
			t.Fatalf("presence %q: %v", e.data, err)
		}
		if strings.Join(p.Users, ",") == want {
			return p
		}
	}
}

// openServer runs a real server (Open) on 127.0.0.1:0 with cfg over a fresh
// store, and returns it with its log; Wait runs until the test cancels it.
func openServer(t *testing.T, cfg Config) (srv *Server, log *syncLog, stop func() error) {
	t.Helper()
	st, err := dirstore.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	log = &syncLog{}
	cfg.Addr, cfg.Store, cfg.Log = "127.0.0.1:0", st, slog.New(slog.NewTextHandler(log, nil))
	srv, err = Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Wait(ctx) }()
	stop = func() error { cancel(); return <-done }
	t.Cleanup(func() { cancel(); srv.Close() })
	return srv, log, stop
}

// syncLog is a log's output, safe for concurrent writes.
type syncLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *syncLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func TestEventsOfSaves(t *testing.T) {
	list, tokens := newUsers(t, "Alice", "Bob")
	srv, log, _ := openServer(t, Config{Users: list})
	f := newFile(t, "Live", "first")
	events := srv.URL() + api.EventsPath(f.Document.ID)

	// A token is required, by header or, on this path, as ?token=.
	if _, status := openStream(t, events); status != http.StatusUnauthorized {
		t.Errorf("a stream without a token = %d, want 401", status)
	}
	if _, status := openStream(t, events+"?token=nope"); status != http.StatusUnauthorized {
		t.Errorf("a stream with a wrong token = %d, want 401", status)
	}
	// Alice opens the document (not saved yet) by header, Bob by query.
	alice, _ := openStream(t, events, "Authorization", "Bearer "+tokens["Alice"])
	alice.presence(t, "Alice")
	bob, _ := openStream(t, events+"?token="+tokens["Bob"])
	if p := alice.presence(t, "Alice", "Bob"); p.Streams != 2 {
		t.Errorf("presence %+v, want 2 streams", p)
	}
	bob.presence(t, "Alice", "Bob")

	// Bob saves: Alice's stream tells her at once, with who and which version.
	saved := time.Now()
	r := do(t, "PUT", docURL(srv.URL(), f), storetest.MustEncode(t, f), "Authorization", "Bearer "+tokens["Bob"])
	if r.status != http.StatusCreated {
		t.Fatalf("PUT: %d %s", r.status, r.body)
	}
	e := alice.next(t, api.EventVersion, 2*time.Second)
	t.Logf("Bob's save reached Alice's stream %v after the PUT was sent", time.Since(saved))
	var s api.Summary
	if err := json.Unmarshal([]byte(e.data), &s); err != nil || s.SavedBy != "Bob" || s.Version != 1 || s.ETag != r.header.Get("ETag") || e.id != "1" || s.ID != f.Document.ID {
		t.Errorf("the version event = %+v (%+v, %v); want version 1 by Bob with the PUT's ETag", e, s, err)
	}
	bob.next(t, api.EventVersion, 2*time.Second) // the saver's own stream hears of it too

	// A stream opened now starts with the current version, unless it has it.
	late, _ := openStream(t, events, "Authorization", "Bearer "+tokens["Alice"])
	if e := late.next(t, api.EventVersion, 2*time.Second); e.id != "1" {
		t.Errorf("the first event of a new stream = %+v, want version 1", e)
	}
	late.close()
	again, _ := openStream(t, events, "Authorization", "Bearer "+tokens["Alice"], "Last-Event-ID", "1")
	again.presence(t, "Alice", "Bob")
	g := addNote(t, f, "second")
	do(t, "PUT", docURL(srv.URL(), g), storetest.MustEncode(t, g), "Authorization", "Bearer "+tokens["Alice"])
	if e := again.next(t, api.EventVersion, 2*time.Second); e.id != "2" {
		t.Errorf("after Last-Event-ID: 1 the first version event = %+v, want version 2", e)
	}
	again.close()

	// Bob closes the document: Alice sees him go.
	bob.close()
	alice.presence(t, "Alice")

	// Deleted: the stream says so.
	do(t, "DELETE", docURL(srv.URL(), f), nil, "Authorization", "Bearer "+tokens["Alice"])
	if e := alice.next(t, api.EventDeleted, 2*time.Second); !strings.Contains(e.data, f.Document.ID.UUID()) {
		t.Errorf("the deleted event = %+v", e)
	}
	// The token in the query is never logged; who the stream was for is.
	// (Its line is written once the server has seen Bob's stream close.)
	bobsLine := func(l string) bool {
		for line := range strings.Lines(l) {
			if strings.Contains(line, "/events status=200") && strings.Contains(line, "user=Bob") {
				return true
			}
		}
		return false
	}
	for deadline := time.Now().Add(2 * time.Second); !bobsLine(log.String()) && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	if l := log.String(); strings.Contains(l, tokens["Bob"]) || !bobsLine(l) {
		t.Errorf("the log holds Bob's token, or no line for his stream:\n%s", l)
	}
	if r := do(t, "HEAD", events, nil, "Authorization", "Bearer "+tokens["Alice"]); r.status != 200 || r.header.Get("Content-Type") != "text/event-stream" {
		t.Errorf("HEAD of the stream = %d %v", r.status, r.header)
	}
}

// TestEventsOutliveTimeouts: a stream stays open past the server's read and
// write timeouts, with heartbeats, and still carries saves.
func TestEventsOutliveTimeouts(t *testing.T) {
	srv, _, _ := openServer(t, Config{ReadTimeout: 300 * time.Millisecond, WriteTimeout: 300 * time.Millisecond, Heartbeat: 100 * time.Millisecond})
	f := newFile(t, "Long", "n")
	s, status := openStream(t, srv.URL()+api.EventsPath(f.Document.ID))
	if status != 200 {
		t.Fatal(status)
	}
	beats := 0
	for deadline := time.After(1200 * time.Millisecond); beats >= 0; {
		select {
		case e, ok := <-s.events:
			if !ok {
				t.Fatalf("the stream ended after %d heartbeats", beats)
			}
			if e.comment == "heartbeat" {
				beats++
			}
		case <-deadline:
			if beats < 5 {
				t.Errorf("%d heartbeats in 1.2 s, want about 12", beats)
			}
			beats = -1
		}
	}
	do(t, "PUT", docURL(srv.URL(), f), storetest.MustEncode(t, f))
	if e := s.next(t, api.EventVersion, 2*time.Second); e.id != "1" {
		t.Errorf("after 1.2 s: %+v", e)
	}
}

// TestEventsBounds: streams do not count against MaxInFlight, and have MaxStreams of their own.
func TestEventsBounds(t *testing.T) {
	srv, _, _ := openServer(t, Config{MaxInFlight: 1, MaxStreams: 3})
	f := newFile(t, "Bounded", "n")
	for range 3 {
		if _, status := openStream(t, srv.URL()+api.EventsPath(f.Document.ID)); status != 200 {
			t.Fatalf("stream = %d", status)
		}
	}
	if r := do(t, "GET", srv.URL()+api.Documents, nil); r.status != 200 {
		t.Errorf("a request with 3 streams open and MaxInFlight 1 = %d, want 200", r.status)
	}
	if _, status := openStream(t, srv.URL()+api.EventsPath(f.Document.ID)); status != http.StatusServiceUnavailable {
		t.Errorf("a stream beyond MaxStreams = %d, want 503", status)
	}
	if r := do(t, "GET", srv.URL()+"/api/documents/nonsense/events", nil); r.status != http.StatusBadRequest {
		t.Errorf("a stream of a bad id = %d, want 400", r.status)
	}
}

// TestShutdownWithStreams: a graceful shutdown ends open streams at once
// instead of waiting ShutdownTimeout for them.
func TestShutdownWithStreams(t *testing.T) {
	srv, _, stop := openServer(t, Config{ShutdownTimeout: 20 * time.Second})
	f := newFile(t, "Shut", "n")
	s, status := openStream(t, srv.URL()+api.EventsPath(f.Document.ID))
	if status != 200 {
		t.Fatal(status)
	}
	s.next(t, api.EventPresence, 2*time.Second)
	start := time.Now()
	if err := stop(); err != nil {
		t.Errorf("Wait = %v", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("shutting down with a stream open took %v", took)
	}
	select {
	case _, ok := <-s.events:
		for ok {
			_, ok = <-s.events
		}
	case <-time.After(2 * time.Second):
		t.Error("the client's stream did not end with the server")
	}
}
