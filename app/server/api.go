//go:build !wasm

package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
	"github.com/newsroom/annotator/app/fetch"
	"github.com/newsroom/annotator/app/store"
)

// handlers serve /api/ over a store.
type handlers struct {
	store    store.Store
	fetcher  *fetch.Fetcher
	maxBody  int64
	log      *slog.Logger
	events   *events
	creators creatorCache // see save
}

// newAPI returns the API handler: routes behind the token check and the
// cross-origin write protection, telling ev of every change.
func newAPI(cfg Config, ev *events) http.Handler {
	a := &handlers{store: cfg.Store, fetcher: cfg.Fetcher, maxBody: cfg.MaxBody, log: cfg.Log, events: ev}
	vr := newVoicesReport(a)
	mux := http.NewServeMux()
	routes := []struct {
		pattern string
		methods map[string]http.HandlerFunc
	}{
		{api.Documents, map[string]http.HandlerFunc{"GET": a.list}},
		{api.Documents + "/{id}", map[string]http.HandlerFunc{"GET": a.get, "PUT": a.put, "DELETE": a.delete}},
		{api.Documents + "/{id}/versions", map[string]http.HandlerFunc{"GET": a.versions}},
		{api.Documents + "/{id}/versions/{n}", map[string]http.HandlerFunc{"GET": a.version}},
		{api.Documents + "/{id}/restore", map[string]http.HandlerFunc{"POST": a.restore}},
		{api.Documents + "/{id}/events", map[string]http.HandlerFunc{"GET": a.stream}},
		{api.Me, map[string]http.HandlerFunc{"GET": a.me}},
		{api.Trash, map[string]http.HandlerFunc{"GET": a.trash}},
		{api.Extract, map[string]http.HandlerFunc{"POST": a.extract}},
		{api.Fetch, map[string]http.HandlerFunc{"POST": a.fetchPage}},
		{api.Voices, map[string]http.HandlerFunc{"GET": vr.report}},
		{api.VoicesCSV, map[string]http.HandlerFunc{"GET": vr.csv}},
	}
	for _, rt := range routes {
		var allow []string
		for method, h := range rt.methods {
			mux.HandleFunc(method+" "+rt.pattern, h)
			allow = append(allow, method)
			if method == "GET" {
				allow = append(allow, "HEAD")
			}
		}
		sort.Strings(allow)
		mux.HandleFunc(rt.pattern, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("%s is not allowed here: use %s", r.Method, strings.Join(allow, ", ")))
		})
	}
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such API endpoint: see the README")
	})
	var h http.Handler = mux
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusForbidden, "cross-origin requests may not change documents")
	}))
	h = cop.Handler(h)
	return authenticate(cfg.Token, cfg.Users, h)
}

// writeError answers with status and a JSON error body.
func writeError(w http.ResponseWriter, status int, msg string, problems ...annotation.Problem) {
	if problems == nil {
		problems = []annotation.Problem{}
	}
	writeJSON(w, status, api.Error{Error: msg, Problems: problems})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil { // only our own types are written: this is a bug
		status, data = http.StatusInternalServerError, []byte(`{"error":"internal error","problems":[]}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)+1))
	w.WriteHeader(status)
	w.Write(append(data, '\n'))
}

// fail answers for a store error: its kind decides the status; anything
// unexpected is logged and shown only as an internal error.
func (a *handlers) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "no such document (or version)")
	case errors.Is(err, store.ErrPrecondition):
		writeError(w, http.StatusPreconditionFailed, "the document has changed since you read it (its ETag differs): nothing was written")
	case errors.Is(err, store.ErrConflict):
		writeError(w, http.StatusConflict, "a document with this id exists: delete it or save under a new id first")
	case errors.Is(err, store.ErrInvalid):
		writeError(w, http.StatusBadRequest, "invalid request", annotation.Problem{Message: err.Error()})
	case errors.Is(err, store.ErrUnavailable):
		a.log.Error("storage unavailable", "method", r.Method, "path", r.URL.EscapedPath(), "err", err)
		w.Header().Set("Retry-After", "2")
		writeError(w, http.StatusServiceUnavailable, "the annotation storage cannot be reached just now: try again in a moment")
	default:
		a.log.Error("store failed", "method", r.Method, "path", r.URL.EscapedPath(), "err", err)
		writeError(w, http.StatusInternalServerError, "internal error: the server's log says more")
	}
}

// docID returns the document id named in the URL: a canonical lower-case UUID,
// bare or as a urn:uuid: URN.
func docID(r *http.Request) (annotation.ID, error) {
	s := r.PathValue("id")
	if !strings.HasPrefix(s, "urn:uuid:") {
		s = "urn:uuid:" + s
	}
	id, err := annotation.ParseID(s)
	if err != nil {
		return "", fmt.Errorf("%q is not a document id: want a canonical lower-case UUID", r.PathValue("id"))
	}
	return id, nil
}

// withID runs h with the URL's document id, or answers 400.
func withID(w http.ResponseWriter, r *http.Request) (annotation.ID, bool) {
	id, err := docID(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return "", false
	}
	return id, true
}

// entityTags parses an If-Match or If-None-Match header into its tags.
func entityTags(h string) []string {
	var tags []string
	for t := range strings.SplitSeq(h, ",") {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	return tags
}

// condition reads a request's preconditions.
func condition(r *http.Request) store.Condition {
	return store.Condition{IfMatch: entityTags(r.Header.Get("If-Match")), IfNoneMatch: entityTags(r.Header.Get("If-None-Match"))}
}

// notModified reports whether If-None-Match names etag (weak comparison), for GETs.
func notModified(r *http.Request, etag string) bool {
	for _, t := range entityTags(r.Header.Get("If-None-Match")) {
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

// writeObject answers with a stored file, or 304 when the client has it.
func writeObject(w http.ResponseWriter, r *http.Request, obj store.Object) {
	h := w.Header()
	h.Set("ETag", obj.ETag)
	h.Set("Last-Modified", obj.Modified.Format(http.TimeFormat))
	h.Set("Cache-Control", "no-cache")
	if notModified(r, obj.ETag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(obj.Data)))
	w.Write(obj.Data)
}

func (a *handlers) list(w http.ResponseWriter, r *http.Request) {
	list, err := a.store.List(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list)
}

func (a *handlers) get(w http.ResponseWriter, r *http.Request) {
	id, ok := withID(w, r)
	if !ok {
		return
	}
	obj, err := a.store.Get(r.Context(), id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeObject(w, r, obj)
}

// requestError is why a request body was refused: its status, message and problems.
type requestError struct {
	status   int
	msg      string
	problems []annotation.Problem
}

// decodeFile reads and validates the annotation file in a PUT's body, of the
// announced length (-1 when unknown), for document id: its Content-Type, size,
// encoding and content.
func decodeFile(contentType string, body io.Reader, length, maxBody int64, id annotation.ID) (annotation.File, []byte, *requestError) {
	if !acceptsJSON(contentType) {
		return annotation.File{}, nil, &requestError{status: http.StatusUnsupportedMediaType,
			msg: fmt.Sprintf("Content-Type %q is not application/json: send the annotation file as JSON", contentType)}
	}
	// Sized at once from the announced length, up to a MiB so that a client
	// announcing more than it sends cannot make the server reserve much;
	// ReadFrom wants MinRead bytes free to see the end.
	buf := bytes.NewBuffer(make([]byte, 0, min(max(length, 0), maxBody, 1<<20)+bytes.MinRead))
	_, err := buf.ReadFrom(io.LimitReader(body, maxBody+1))
	data := buf.Bytes()
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig) || int64(len(data)) > maxBody:
		return annotation.File{}, nil, &requestError{status: http.StatusRequestEntityTooLarge,
			msg: fmt.Sprintf("the body is larger than this server takes (%d bytes)", maxBody)}
	case err != nil:
		return annotation.File{}, nil, &requestError{status: http.StatusBadRequest, msg: "reading the body: " + err.Error()}
	}
	if !utf8.Valid(data) {
		at := 0
		for at < len(data) {
			r, size := utf8.DecodeRune(data[at:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			at += size
		}
		return annotation.File{}, nil, &requestError{status: http.StatusBadRequest, msg: "the body is not valid UTF-8",
			problems: []annotation.Problem{{Message: fmt.Sprintf("invalid UTF-8 at byte %d", at)}}}
	}
	f, err := annotation.Decode(data)
	var fe *annotation.Error
	switch {
	case errors.As(err, &fe):
		return annotation.File{}, nil, &requestError{status: http.StatusBadRequest, msg: "the annotation file is not valid", problems: fe.Problems}
	case err != nil:
		return annotation.File{}, nil, &requestError{status: http.StatusBadRequest, msg: "the annotation file is not valid",
			problems: []annotation.Problem{{Message: err.Error()}}}
	}
	if f.Document.ID != id {
		return annotation.File{}, nil, &requestError{status: http.StatusBadRequest, msg: "the file is not of the document the URL names",
			problems: []annotation.Problem{{Path: "document.id", Message: fmt.Sprintf("%s differs from the URL's %s", f.Document.ID, id)}}}
	}
	return f, data, nil
}

func (a *handlers) put(w http.ResponseWriter, r *http.Request) {
	id, ok := withID(w, r)
	if !ok {
		return
	}
	if r.ContentLength > a.maxBody {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is larger than this server takes (%d bytes)", a.maxBody))
		return
	}
	f, data, rerr := decodeFile(r.Header.Get("Content-Type"), http.MaxBytesReader(w, r.Body, a.maxBody), r.ContentLength, a.maxBody, id)
	if rerr != nil {
		writeError(w, rerr.status, rerr.msg, rerr.problems...)
		return
	}
	s, created, err := a.save(r.Context(), f, data, condition(r), userName(r))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("ETag", s.ETag)
	status := http.StatusOK
	if created {
		w.Header().Set("Location", api.DocumentPath(id))
		status = http.StatusCreated
	}
	writeJSON(w, status, s)
}

func (a *handlers) delete(w http.ResponseWriter, r *http.Request) {
	id, ok := withID(w, r)
	if !ok {
		return
	}
	if err := a.store.Delete(r.Context(), id, store.Condition{IfMatch: entityTags(r.Header.Get("If-Match"))}); err != nil {
		a.fail(w, r, err)
		return
	}
	a.events.deleted(id)
	w.WriteHeader(http.StatusNoContent)
}

func (a *handlers) versions(w http.ResponseWriter, r *http.Request) {
	id, ok := withID(w, r)
	if !ok {
		return
	}
	vs, err := a.store.Versions(r.Context(), id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, vs)
}

func (a *handlers) version(w http.ResponseWriter, r *http.Request) {
	id, ok := withID(w, r)
	if !ok {
		return
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("%q is not a version number (1, 2, …)", r.PathValue("n")))
		return
	}
	obj, err := a.store.Version(r.Context(), id, n)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeObject(w, r, obj)
}

func (a *handlers) restore(w http.ResponseWriter, r *http.Request) {
	id, ok := withID(w, r)
	if !ok {
		return
	}
	s, err := a.store.Restore(r.Context(), id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.events.saved(s)
	w.Header().Set("ETag", s.ETag)
	writeJSON(w, http.StatusOK, s)
}

func (a *handlers) trash(w http.ResponseWriter, r *http.Request) {
	ts, err := a.store.Trash(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ts)
}
