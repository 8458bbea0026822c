//go:build !wasm

package server

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
	"github.com/newsroom/annotator/app/store"
	"github.com/newsroom/annotator/app/store/dirstore"
)

const article = "“We are on the sidelines,” said John Kerry. Photo: Larry Downing/AFP/Getty Images. Another line of text follows here.\n"

var testTime = time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)

// addNote returns f with one more quote annotation carrying note, so every
// write of a test is told apart by its notes.
func addNote(t testing.TB, f annotation.File, note string) annotation.File {
	t.Helper()
	set := annotation.NewSet(anchor.NewText(f.Document.Text), f.Annotations)
	a, err := set.New(annotation.Quote, 1, 25, annotation.Human, testTime)
	if err != nil {
		t.Fatal(err)
	}
	a.Note = note
	e, err := set.Add(a)
	if err != nil {
		t.Fatal(err)
	}
	if err := set.Apply(e); err != nil {
		t.Fatal(err)
	}
	return annotation.NewFile(f.Document, append([]annotation.Annotation{}, set.All()...))
}

// newFile returns a file of a new document titled title with quotes noted by notes.
func newFile(t testing.TB, title string, notes ...string) annotation.File {
	t.Helper()
	f := annotation.NewFile(annotation.NewDocument(title, article, ""), []annotation.Annotation{})
	for _, n := range notes {
		f = addNote(t, f, n)
	}
	return f
}

// newTestServer serves cfg (with a store in a temporary folder unless it has
// one) on a real listener.
func newTestServer(t testing.TB, cfg Config) (*httptest.Server, *dirstore.Store) {
	t.Helper()
	var dir *dirstore.Store
	if cfg.Store == nil {
		var err error
		if dir, err = dirstore.Open(t.TempDir(), store.Options{}); err != nil {
			t.Fatal(err)
		}
		cfg.Store = dir
	}
	h, err := NewHandler(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	<-h.AssetsReady()
	return srv, dir
}

// response is what a test request got back.
type response struct {
	status int
	header http.Header
	body   []byte
}

// errBody decodes an error response's JSON body; the test fails if it is not one.
func (r response) errBody(t testing.TB) api.Error {
	t.Helper()
	var e api.Error
	dec := json.NewDecoder(bytes.NewReader(r.body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil || e.Error == "" || e.Problems == nil {
		t.Fatalf("error body %q is not {\"error\", \"problems\"}: %v", r.body, err)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("error Content-Type = %q, want application/json", ct)
	}
	return e
}

// do sends a request; headers alternate names and values.
func do(t testing.TB, method, url string, body []byte, headers ...string) response {
	t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i+1] == "" {
			req.Header.Del(headers[i])
		} else {
			req.Header.Set(headers[i], headers[i+1])
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, data}
}

func docURL(base string, f annotation.File, rest ...string) string {
	return base + "/api/documents/" + f.Document.ID.UUID() + strings.Join(rest, "")
}
