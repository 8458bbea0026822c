//go:build !wasm

package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
	"github.com/newsroom/annotator/app/store"
)

// Defaults of the event streams' settings of a Config left zero.
const (
	DefaultMaxStreams = 1024             // event streams open at once
	DefaultHeartbeat  = 15 * time.Second // between comments on an idle stream
)

// streamRetry is the reconnection delay the streams ask EventSource for, in
// milliseconds: a client whose stream broke is back within about a second.
const streamRetry = 1000

// events tells each document's open event streams (GET …/{id}/events, as
// Server-Sent Events) of its saves and of who has it open. It lives in one
// server process: across replicas, clients fall back to conditional GETs.
type events struct {
	heartbeat, writeTimeout time.Duration
	slots                   chan struct{} // one per open stream, bounding them
	log                     *slog.Logger

	mu     sync.Mutex
	docs   map[annotation.ID]map[*stream]bool
	closed chan struct{} // closed when the server shuts down
	shut   bool
}

func newEvents(cfg Config) *events {
	return &events{
		heartbeat: cfg.Heartbeat, writeTimeout: cfg.WriteTimeout,
		slots: make(chan struct{}, cfg.MaxStreams), log: cfg.Log,
		docs: map[annotation.ID]map[*stream]bool{}, closed: make(chan struct{}),
	}
}

// stream is one open event stream: what is waiting to be sent on it.
type stream struct {
	user string
	wake chan struct{} // signalled when pending grows

	mu      sync.Mutex
	pending []message // at most one of each event type: the latest
}

// message is one Server-Sent Event.
type message struct {
	event, id string
	data      []byte
}

// push queues m on s, replacing a queued message of its type: a client
// slower than the saves gets the latest version only.
func (s *stream) push(m message) {
	s.mu.Lock()
	s.pending = slices.DeleteFunc(s.pending, func(p message) bool { return p.event == m.event })
	s.pending = append(s.pending, m)
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// take returns the queued messages and empties the queue.
func (s *stream) take() []message {
	s.mu.Lock()
	defer s.mu.Unlock()
	ms := s.pending
	s.pending = nil
	return ms
}

// newMessage returns the message of event with id and data (marshalled to JSON).
func newMessage(event, id string, data any) (message, error) {
	body, err := json.Marshal(data)
	return message{event: event, id: id, data: body}, err
}

// send queues a message of event with data (marshalled to JSON) on every
// stream of document id.
func (e *events) send(id annotation.ID, event, msgID string, data any) {
	m, err := newMessage(event, msgID, data)
	if err != nil { // only our own types are sent: this is a bug
		e.log.Error("events: cannot encode an event", "event", event, "err", err)
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for s := range e.docs[id] {
		s.push(m)
	}
}

// saved announces s, the summary of a document's new current version.
func (e *events) saved(s store.Summary) {
	e.send(s.ID, api.EventVersion, strconv.Itoa(s.Version), s)
}

// deleted announces that document id went to the trash.
func (e *events) deleted(id annotation.ID) {
	e.send(id, api.EventDeleted, "", api.Deleted{ID: id, Deleted: time.Now().UTC().Truncate(time.Millisecond)})
}

// presence returns who has document id open; e.mu is held.
func (e *events) presence(id annotation.ID) api.Presence {
	p := api.Presence{Users: []string{}, Streams: len(e.docs[id])}
	for s := range e.docs[id] {
		if s.user != "" && !slices.Contains(p.Users, s.user) {
			p.Users = append(p.Users, s.user)
		}
	}
	slices.Sort(p.Users)
	return p
}

// announcePresence queues the presence of document id on its streams; e.mu is held.
func (e *events) announcePresence(id annotation.ID) {
	m, err := newMessage(api.EventPresence, "", e.presence(id))
	if err != nil {
		e.log.Error("events: cannot encode an event", "event", api.EventPresence, "err", err)
		return
	}
	for s := range e.docs[id] {
		s.push(m)
	}
}

// subscribe opens a stream of document id for user; it is false once the
// server is shutting down.
func (e *events) subscribe(id annotation.ID, user string) (*stream, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.shut {
		return nil, false
	}
	s := &stream{user: user, wake: make(chan struct{}, 1)}
	if e.docs[id] == nil {
		e.docs[id] = map[*stream]bool{}
	}
	e.docs[id][s] = true
	e.announcePresence(id)
	return s, true
}

// unsubscribe closes stream s of document id.
func (e *events) unsubscribe(id annotation.ID, s *stream) {
	e.mu.Lock()
	defer e.mu.Unlock()
	delete(e.docs[id], s)
	if len(e.docs[id]) == 0 {
		delete(e.docs, id)
		return
	}
	e.announcePresence(id)
}

// shutdown ends every stream and refuses new ones, so that a graceful
// shutdown need not wait for them.
func (e *events) shutdown() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.shut {
		e.shut = true
		close(e.closed)
	}
}

// isEventStream reports whether r asks for a document's event stream: such
// requests do not count against Config.MaxInFlight (they have MaxStreams)
// and may carry their token as ?token=.
func isEventStream(r *http.Request) bool {
	rest, ok1 := strings.CutPrefix(r.URL.Path, api.Documents+"/")
	id, ok2 := strings.CutSuffix(rest, "/events")
	return r.Method == http.MethodGet && ok1 && ok2 && id != "" && !strings.Contains(id, "/")
}

// stream serves GET …/{id}/events: the document's current version at once
// (unless Last-Event-ID names it), then each new version, its deletion, and
// who has it open, with a comment every heartbeat so that proxies and
// clients see the stream alive. It ends when the client goes or the server
// shuts down.
func (a *handlers) stream(w http.ResponseWriter, r *http.Request) {
	id, ok := withID(w, r)
	if !ok {
		return
	}
	if r.Method == http.MethodHead {
		w.Header().Set("Content-Type", "text/event-stream")
		return
	}
	e := a.events
	select {
	case e.slots <- struct{}{}:
		defer func() { <-e.slots }()
	default:
		w.Header().Set("Retry-After", "5")
		writeError(w, http.StatusServiceUnavailable, "too many event streams are open on this server: try again in a moment")
		return
	}
	s, ok := e.subscribe(id, userName(r))
	if !ok {
		writeError(w, http.StatusServiceUnavailable, "the server is shutting down")
		return
	}
	defer e.unsubscribe(id, s)
	// Subscribed first, then read: no save falls between the two.
	cur, err := a.store.Get(r.Context(), id)
	switch {
	case errors.Is(err, store.ErrNotFound): // not saved yet: its first save will be announced
	case err != nil:
		a.fail(w, r, err)
		return
	case r.Header.Get("Last-Event-ID") != strconv.Itoa(cur.Version):
		m, err := newMessage(api.EventVersion, strconv.Itoa(cur.Version), cur.Summary)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		s.push(m)
	}

	// The stream outlives the server's write timeout with a deadline per
	// write. (Its read timeout ends with the request's reading: net/http
	// clears the deadline once it waits for the next request.)
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // nginx: pass each event on at once
	write := func(text string) bool {
		if err := rc.SetWriteDeadline(time.Now().Add(e.writeTimeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
			return false
		}
		if _, err := fmt.Fprint(w, text); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !write(fmt.Sprintf("retry: %d\n\n", streamRetry)) {
		return
	}
	beat := time.NewTicker(e.heartbeat)
	defer beat.Stop()
	for {
		select {
		case <-s.wake:
			var b strings.Builder
			for _, m := range s.take() {
				if m.id != "" {
					fmt.Fprintf(&b, "id: %s\n", m.id)
				}
				fmt.Fprintf(&b, "event: %s\ndata: %s\n\n", m.event, m.data)
			}
			if !write(b.String()) {
				return
			}
		case <-beat.C:
			if !write(": heartbeat\n\n") {
				return
			}
		case <-r.Context().Done():
			return
		case <-e.closed:
			write(": the server is shutting down\n\n")
			return
		}
	}
}
