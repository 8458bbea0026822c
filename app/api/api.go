// Package api is the contract of the annotator's HTTP API, shared by the
// server (app/server) and the app in the browser (app/ui): the paths, named
// once, and the bodies of requests and answers that are not annotation files.
// The README documents the API for people. It builds for the browser as well
// as natively and imports only the standard library and the annotation model.
package api

import (
	"strconv"
	"strings"

	"github.com/newsroom/annotator/app/annotation"
)

// The API's paths. A document is named by its UUID, the part of its urn:uuid
// id after the prefix.
const (
	Documents = "/api/documents" // GET: every document's summary
	Trash     = "/api/trash"     // GET: the trashed documents
	Extract   = "/api/extract"   // POST an HTML page (?name=FILE): its article as an annotation file
	Fetch     = "/api/fetch"     // POST a FetchRequest: the linked page's article as an annotation file
)

// Document is the path of a document: GET, PUT and DELETE its file.
func Document(id annotation.ID) string { return Documents + "/" + id.UUID() }

// Versions is the path that lists a document's kept versions.
func Versions(id annotation.ID) string { return Document(id) + "/versions" }

// Version is the path of version n of a document.
func Version(id annotation.ID, n int) string { return Versions(id) + "/" + strconv.Itoa(n) }

// Restore is the path that brings a document back from the trash (POST).
func Restore(id annotation.ID) string { return Document(id) + "/restore" }

// Error is the body of every error answer.
type Error struct {
	// Error says what is wrong, for the editor.
	Error string `json:"error"`
	// Problems locate what is wrong in a file the request carried; empty, never null, when there are none.
	Problems []annotation.Problem `json:"problems"`
}

// Message is the error with its problems, one per line.
func (e Error) Message() string {
	lines := []string{e.Error}
	for _, p := range e.Problems {
		lines = append(lines, p.String())
	}
	return strings.Join(lines, "\n")
}

// FetchRequest is the body of POST Fetch.
type FetchRequest struct {
	// URL is the link to the page, http or https.
	URL string `json:"url"`
}
