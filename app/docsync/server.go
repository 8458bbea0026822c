package docsync

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"time"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
)

// Transport sends one request to the server and calls done with its answer,
// or with an error when the server could not be reached (offline, server
// down). In the browser it is fetch.
type Transport interface {
	Send(r Request, done func(Response, error))
}

// Request is a request to the server's API.
type Request struct {
	Method, Path string
	Header       map[string]string
	Body         []byte
}

// Response is the server's answer.
type Response struct {
	Status int
	ETag   string
	Body   []byte
}

// Error says what an error answer holds: the API's message and problems, or
// its status.
func (r Response) Error() string {
	var body api.Error
	if json.Unmarshal(r.Body, &body) != nil || body.Error == "" {
		return fmt.Sprintf("status %d", r.Status)
	}
	return body.Message()
}

// Sync keeps a Library and talks to the server about it.
type Sync struct {
	*Library
	net     Transport
	sending bool           // a save is on its way
	latest  map[string]int // the newest request of each kind, so that a late answer to an older one is dropped
	count   int
}

// New returns the sync engine over the storage s and the transport t.
func New(s Storage, t Transport) *Sync {
	return &Sync{Library: NewLibrary(s), net: t, latest: map[string]int{}}
}

// send sends r, of a kind of which only the newest answer counts: done is not
// called for an answer that a newer request of the same kind overtook.
func (s *Sync) send(kind string, r Request, done func(Response, error)) {
	s.count++
	n := s.count
	s.latest[kind] = n
	if r.Header == nil {
		r.Header = map[string]string{}
	}
	if tok := s.Token(); tok != "" {
		r.Header["Authorization"] = "Bearer " + tok
	}
	s.net.Send(r, func(resp Response, err error) {
		if s.latest[kind] == n {
			done(resp, err)
		}
	})
}

// OutcomeKind says how a save to the server went.
type OutcomeKind int

// The outcomes of a save.
const (
	Idle       OutcomeKind = iota // nothing was waiting, or a save is on its way already
	Saved                         // the server has it; more may follow
	Offline                       // the server could not be reached: the save waits
	NeedsToken                    // the server wants a token: the save waits
	Conflict                      // the server's copy changed and cannot be merged (its text differs): the editor chooses
	Refused                       // the server refused the file: it left the outbox
	Failed                        // it could not be sent or its answer kept; Err says why
	Merged                        // the server's copy had changed: the local one was merged with it, and the server has the merge
)

// Outcome is how a save to the server went.
type Outcome struct {
	Kind    OutcomeKind
	File    annotation.File // the file the save sent: for Merged, the merge
	Theirs  *Theirs         // for a Conflict
	Merge   *Merge          // whenever the local copy was merged: with Merged, and with any other kind when the merge is not on the server yet
	Waiting int             // saves still in the outbox
	Err     error           // for Refused and Failed, and when something else went wrong
}

// Theirs is the server's copy of a document that changed since the editor's was based on it.
type Theirs struct {
	File annotation.File
	ETag string
}

// Merge is what merging the local copy of a document with the server's did.
// The merge (Merged.File) is the local copy now, and its base the server's.
type Merge struct {
	// Mine is the local copy that was merged: an editor whose open document
	// is still Mine takes Merged.File; one who changed it since merges again,
	// annotation.Merge(Mine, open, Merged.File).
	Mine annotation.File
	// Merged is the merge, the conflicts it kept theirs in and its notices
	// (of every round, when the server's copy changed again meanwhile).
	annotation.Merged
}

// mergeTries bounds the rounds of merging and saving again when the
// server's copy keeps changing.
const mergeTries = 3

// SendNext sends the oldest waiting save and calls done with how it went.
// Each save carries If-Match with the server version its copy is based on
// (If-None-Match: * for a new document), so that nothing is ever overwritten.
// When the server's copy changed meanwhile (412), it is read, merged with the
// local copy, which the merge replaces, and the merge is sent in its turn.
func (s *Sync) SendNext(done func(Outcome)) {
	ids, err := s.Outbox()
	if err != nil {
		done(Outcome{Kind: Failed, Err: err})
		return
	}
	if len(ids) == 0 || s.sending {
		done(Outcome{Kind: Idle, Waiting: len(ids)})
		return
	}
	id := ids[0]
	f, err := s.Load(id)
	if err != nil {
		// Unreadable, it can never be sent: it leaves the outbox, with a word.
		derr := s.dequeue(id)
		done(Outcome{Kind: Failed, Waiting: len(ids) - 1, Err: fmt.Errorf("could not send %s to the server: %w%s", id, err, also(derr))})
		return
	}
	s.sending = true
	s.put(f, nil, mergeTries, func(o Outcome) {
		s.sending = false
		done(o)
	})
}

// put sends f, the local copy or, after m, its merge; on a 412 it merges
// with the server's copy and sends the merge, up to tries more times.
func (s *Sync) put(f annotation.File, m *Merge, tries int, done func(Outcome)) {
	id := f.Document.ID
	body, err := annotation.Encode(f)
	if err != nil {
		done(Outcome{Kind: Failed, File: f, Merge: m, Waiting: s.waiting(), Err: err})
		return
	}
	h := map[string]string{"Content-Type": "application/json"}
	if etag := s.ETag(id); etag != "" {
		h["If-Match"] = etag
	} else {
		h["If-None-Match"] = "*" // new on the server: never overwrite a document of the same id
	}
	s.send("save", Request{Method: "PUT", Path: api.DocumentPath(id), Header: h, Body: body}, func(r Response, err error) {
		if err != nil || r.Status != 412 {
			o := s.saved(f, r, err)
			if o.Merge = m; m != nil && o.Kind == Saved {
				o.Kind = Merged
			}
			done(o)
			return
		}
		if tries == 0 {
			done(Outcome{Kind: Failed, File: f, Merge: m, Waiting: s.waiting(),
				Err: fmt.Errorf("“%s” kept changing on the server while it was merged: the save waits, to be tried again", f.Document.Title)})
			return
		}
		s.mergeServer(f, m, func(o *Outcome, next *Merge) {
			if o != nil {
				done(*o)
				return
			}
			s.put(next.File, next, tries-1, done)
		})
	})
}

// mergeServer reads the server's copy of f's document, merges the local copy
// with it (after m, the rounds before) and keeps the merge as the local copy
// and the server's copy as its base. It calls done with the merge, or with
// the outcome when there is none.
func (s *Sync) mergeServer(f annotation.File, m *Merge, done func(*Outcome, *Merge)) {
	s.send("save", Request{Method: "GET", Path: api.DocumentPath(f.Document.ID)}, func(r Response, err error) {
		o := Outcome{Kind: Offline, File: f, Merge: m}
		if err == nil && r.Status != 0 && r.Status < 500 {
			var next *Merge
			if next, o.Theirs, err = s.mergeWith(f.Document.ID, r, m); err == nil {
				done(nil, next)
				return
			}
			if next != nil { // kept, though its base could not be
				o.File, o.Merge = next.File, next
			}
			o.Kind, o.Err = Failed, fmt.Errorf("“%s” changed on the server, but could not be merged with yours: %w", f.Document.Title, err)
			if o.Theirs != nil {
				o.Kind = Conflict
			}
		}
		o.Waiting = s.waiting()
		done(&o, nil)
	})
}

// mergeWith merges the local copy of document id with the server's in r, as
// mergeServer does, and returns the merge once kept; theirs is set when the
// two cannot be merged.
func (s *Sync) mergeWith(id annotation.ID, r Response, m *Merge) (_ *Merge, theirs *Theirs, err error) {
	server, err := serverFile(r)
	if err != nil {
		return nil, nil, err
	}
	mine, err := s.Load(id) // edits made since the save was sent are in it
	if err != nil {
		return nil, nil, err
	}
	base, ok, _ := s.Base(id)
	if !ok { // none, or unreadable: as if both had added all they hold, nothing is deleted
		base = annotation.NewFile(server.Document, nil)
	}
	merged, err := annotation.Merge(base, mine, server)
	if err != nil {
		return nil, &Theirs{File: server, ETag: r.ETag}, err
	}
	next := &Merge{Mine: mine, Merged: merged}
	if m != nil { // the rounds before count too
		next.Mine = m.Mine
		next.Conflicts = append(slices.Clip(m.Conflicts), merged.Conflicts...)
		next.Notices = append(slices.Clip(m.Notices), merged.Notices...)
	}
	if _, err := s.keep(next.File, time.Now().UTC()); err != nil {
		return nil, nil, err
	}
	return next, nil, s.setServerVersion(server, r.ETag)
}

// waiting counts the saves in the outbox.
func (s *Sync) waiting() int {
	ids, _ := s.Outbox()
	return len(ids)
}

// saved records the server's answer to a save of f.
func (s *Sync) saved(f annotation.File, r Response, err error) Outcome {
	id := f.Document.ID
	switch {
	case err != nil || r.Status == 0 || r.Status >= 500:
		return Outcome{Kind: Offline, File: f, Waiting: s.waiting()}
	case r.Status == 401:
		return Outcome{Kind: NeedsToken, File: f, Waiting: s.waiting()}
	case r.Status == 200 || r.Status == 201:
		verr := s.setServerVersion(f, r.ETag)
		derr := s.dequeue(id)
		o := Outcome{Kind: Saved, File: f, Waiting: s.waiting()}
		switch {
		case verr != nil:
			o.Err = fmt.Errorf("saved to the server, but %w%s", verr, also(derr))
		case derr != nil:
			o.Err = fmt.Errorf("saved to the server, but the outbox could not be updated: %w", derr)
		}
		return o
	}
	derr := s.dequeue(id)
	return Outcome{Kind: Refused, File: f, Waiting: s.waiting(), Err: fmt.Errorf("the server refused to save “%s”: %s%s", f.Document.Title, r.Error(), also(derr))}
}

// FetchTheirs reads the server's copy of mine after a Conflict, for the editor
// to choose between them.
func (s *Sync) FetchTheirs(mine annotation.File, done func(*Theirs, error)) {
	s.read("theirs", mine.Document.ID, func(f annotation.File, etag string, err error) {
		if err != nil {
			done(nil, fmt.Errorf("the server has a newer version of “%s”, but it could not be read: %w", mine.Document.Title, err))
			return
		}
		done(&Theirs{File: f, ETag: etag}, nil)
	})
}

// Resolve applies the editor's choice after a Conflict: the server's copy
// replaces the local one, or the local one is kept as a new document beside
// it. It returns the document to open; the save of mine leaves the outbox.
func (s *Sync) Resolve(mine annotation.File, theirs Theirs, keepMine bool, now time.Time) (annotation.File, error) {
	if err := s.setServerVersion(theirs.File, theirs.ETag); err != nil {
		return annotation.File{}, err
	}
	if _, err := s.Save(theirs.File, now); err != nil {
		return annotation.File{}, err
	}
	if err := s.dequeue(mine.Document.ID); err != nil {
		return annotation.File{}, err
	}
	if !keepMine {
		return theirs.File, nil
	}
	doc := mine.Document
	doc.ID = annotation.NewID()
	doc.Title += " (my version)"
	return annotation.NewFile(doc, mine.Annotations), nil
}

// List asks for the server's documents. Only the newest listing's answer is
// given to done: one sent before a token was entered never overwrites it.
func (s *Sync) List(done func([]Entry, error)) {
	s.send("list", Request{Method: "GET", Path: api.Documents}, func(r Response, err error) {
		switch {
		case err != nil:
			done(nil, err)
		case r.Status == 401:
			done(nil, fmt.Errorf("the server needs a token: enter it below"))
		case r.Status != 200:
			done(nil, fmt.Errorf("%s", r.Error()))
		default:
			var docs []Entry
			if err := json.Unmarshal(r.Body, &docs); err != nil {
				done(nil, fmt.Errorf("the server's answer is not a document list: %w", err))
				return
			}
			done(docs, nil)
		}
	})
}

// Open reads a document from the server and keeps it in the browser, based on
// the server's version.
func (s *Sync) Open(id annotation.ID, now time.Time, done func(annotation.File, error)) {
	s.read("open", id, func(f annotation.File, etag string, err error) {
		if err == nil {
			err = s.setServerVersion(f, etag)
		}
		if err == nil {
			_, err = s.Save(f, now)
		}
		done(f, err)
	})
}

// read GETs a document's file from the server.
func (s *Sync) read(kind string, id annotation.ID, done func(annotation.File, string, error)) {
	s.send(kind, Request{Method: "GET", Path: api.DocumentPath(id)}, func(r Response, err error) {
		if err != nil {
			done(annotation.File{}, "", err)
			return
		}
		f, err := serverFile(r)
		done(f, r.ETag, err)
	})
}

// serverFile reads the server's answer to a GET of a document.
func serverFile(r Response) (annotation.File, error) {
	if r.Status != 200 {
		return annotation.File{}, fmt.Errorf("%s", r.Error())
	}
	f, err := annotation.Decode(r.Body)
	if err != nil {
		return annotation.File{}, fmt.Errorf("the server's copy is not valid:\n%w", err)
	}
	return f, nil
}

// Extract asks the server for the article of the HTML page data, the file
// name; reachable is false when no server answered (offline, or a static host
// with no API), for the caller to read it another way.
func (s *Sync) Extract(name string, data []byte, done func(f annotation.File, reachable bool, err error)) {
	r := Request{Method: "POST", Path: api.Extract + "?name=" + url.QueryEscape(name), Header: map[string]string{"Content-Type": "text/html"}, Body: data}
	s.send("extract", r, func(r Response, err error) {
		if err != nil || r.Status == 404 || r.Status == 401 || r.Status >= 500 {
			done(annotation.File{}, false, nil)
			return
		}
		f, err := article(name, r)
		done(f, true, err)
	})
}

// FetchLink asks the server to fetch the page at link and read its article.
func (s *Sync) FetchLink(link string, done func(annotation.File, error)) {
	body, err := json.Marshal(api.FetchRequest{URL: link})
	if err != nil {
		done(annotation.File{}, err)
		return
	}
	s.send("fetch", Request{Method: "POST", Path: api.Fetch, Header: map[string]string{"Content-Type": "application/json"}, Body: body}, func(r Response, err error) {
		if err != nil {
			done(annotation.File{}, fmt.Errorf("opening a link needs the server, which cannot be reached: save the page as .html and open the file instead"))
			return
		}
		done(article(link, r))
	})
}

// article reads the reader view's answer about name.
func article(name string, r Response) (annotation.File, error) {
	if r.Status != 200 {
		return annotation.File{}, fmt.Errorf("%s cannot be opened: %s", name, r.Error())
	}
	f, err := annotation.Decode(r.Body)
	if err != nil {
		return annotation.File{}, fmt.Errorf("%s: the reader view gave a file that is not valid (a bug): %w", name, err)
	}
	return f, nil
}

// also words a second error to add to a message, or nothing.
func also(err error) string {
	if err == nil {
		return ""
	}
	return fmt.Sprintf(" (and the outbox could not be updated: %v)", err)
}
