// Package api is the contract of the annotator's HTTP API, shared by the
// server (app/server) and the app in the browser (app/docsync): the paths,
// named once, and the bodies of requests and answers that are not annotation
// files — errors, document summaries, versions, the trash.
// The README documents the API for people. It builds for the browser as well
// as natively and imports only the standard library and the annotation model.
package api

import (
	"strconv"
	"strings"
	"time"

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

// DocumentPath is the path of a document: GET, PUT and DELETE its file.
func DocumentPath(id annotation.ID) string { return Documents + "/" + id.UUID() }

// VersionsPath is the path that lists a document's kept versions.
func VersionsPath(id annotation.ID) string { return DocumentPath(id) + "/versions" }

// VersionPath is the path of version n of a document.
func VersionPath(id annotation.ID, n int) string { return VersionsPath(id) + "/" + strconv.Itoa(n) }

// RestorePath is the path that brings a document back from the trash (POST).
func RestorePath(id annotation.ID) string { return DocumentPath(id) + "/restore" }

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

// Summary describes a document's current version for listings.
type Summary struct {
	// ID identifies the document.
	ID annotation.ID `json:"id"`
	// Title is the document's title.
	Title string `json:"title"`
	// Counts are its annotations by kind.
	Counts Counts `json:"counts"`
	// Modified is when this version was stored.
	Modified time.Time `json:"modified"`
	// Version numbers the document's versions from 1.
	Version int `json:"version"`
	// ETag is the version's entity tag, quoted as in HTTP headers.
	ETag string `json:"etag"`
	// Size is the length of the stored file in bytes.
	Size int64 `json:"size"`
}

// Counts are a document's annotations by kind.
type Counts struct {
	Quote       int `json:"quote"`        // quotes
	Source      int `json:"source"`       // sources
	PhotoCredit int `json:"photo-credit"` // photo credits
}

// CountsOf counts an editor's annotations by kind; suggestions not yet
// accepted are not counted, nor unknown kinds.
func CountsOf(anns []annotation.Annotation) Counts {
	n := annotation.CountKinds(anns)
	return Counts{Quote: n[annotation.Quote], Source: n[annotation.Source], PhotoCredit: n[annotation.PhotoCredit]}
}

// Version describes one stored version of a document.
type Version struct {
	// Version numbers the document's versions from 1.
	Version int `json:"version"`
	// ETag is the version's entity tag, quoted as in HTTP headers.
	ETag string `json:"etag"`
	// Modified is when the version was stored.
	Modified time.Time `json:"modified"`
	// Size is the length of the stored file in bytes.
	Size int64 `json:"size"`
	// Current says whether this is the document's current version.
	Current bool `json:"current"`
}

// Trashed describes a document in the trash.
type Trashed struct {
	Summary
	// Deleted is when the document was moved to the trash.
	Deleted time.Time `json:"deleted"`
}
