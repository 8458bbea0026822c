//go:build !wasm

package server

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"path"
	"strings"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
	"github.com/newsroom/annotator/app/fetch"
	"github.com/newsroom/annotator/app/readerview"
)

// The reader view's endpoints answer with an annotation file of no
// annotations, its document the article of a page: POST /api/extract reads a
// page the app sends (an .html file), POST /api/fetch fetches a link first.

// extract reads the article of the HTML page in the request body; the query's
// name is the file's name, kept as the document's source.
func (a *handlers) extract(w http.ResponseWriter, r *http.Request) {
	data, ok := a.readBody(w, r)
	if !ok {
		return
	}
	name := path.Base(r.URL.Query().Get("name"))
	if name == "." || name == "/" {
		name = ""
	}
	doc, err := readerview.Extract(data, r.Header.Get("Content-Type"), "")
	if err != nil {
		writeError(w, http.StatusUnprocessableEntity, prefixed(name, err))
		return
	}
	doc.Source = name
	a.writeArticle(w, doc)
}

// fetchPage fetches the page a link names, under the fetcher's rules, and
// reads its article.
func (a *handlers) fetchPage(w http.ResponseWriter, r *http.Request) {
	data, ok := a.readBody(w, r)
	if !ok {
		return
	}
	var req api.FetchRequest
	if err := json.Unmarshal(data, &req); err != nil || req.URL == "" {
		writeError(w, http.StatusBadRequest, `want a JSON body {"url": "https://…"}`)
		return
	}
	page, err := a.fetcher.Fetch(r.Context(), req.URL)
	var fe *fetch.Error
	switch {
	case errors.As(err, &fe):
		writeError(w, fe.Kind.HTTPStatus(), fe.Error())
		return
	case err != nil:
		a.log.Error("fetch failed", "url", req.URL, "err", err)
		writeError(w, http.StatusBadGateway, err.Error())
		return
	}
	doc, err := readerview.Extract(page.Body, page.ContentType, page.URL)
	if err != nil {
		writeError(w, http.StatusUnprocessableEntity, prefixed(page.URL, err))
		return
	}
	a.writeArticle(w, doc)
}

// readBody reads a request body within the server's limit, answering 413
// when it is larger.
func (a *handlers) readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, a.maxBody))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		writeError(w, http.StatusRequestEntityTooLarge, "the request is larger than the server takes")
		return nil, false
	case err != nil:
		writeError(w, http.StatusBadRequest, "the request body could not be read: "+err.Error())
		return nil, false
	}
	return data, true
}

// writeArticle answers with doc as an annotation file with no annotations.
func (a *handlers) writeArticle(w http.ResponseWriter, doc annotation.Document) {
	body, err := annotation.Encode(annotation.NewFile(doc, []annotation.Annotation{}))
	if err != nil {
		a.log.Error("encoding an article", "err", err)
		writeError(w, http.StatusInternalServerError, "internal error: the server's log says more")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(body)
}

// prefixed puts what is read in front of an error's message, when it is known.
func prefixed(what string, err error) string {
	msg := err.Error()
	if what == "" || strings.HasPrefix(msg, what) {
		return msg
	}
	return what + ": " + msg
}
