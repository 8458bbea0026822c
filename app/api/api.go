// Package api is the contract of the annotator's HTTP API, shared by the
// server (app/server) and the app in the browser (app/docsync): the paths,
// named once, and the bodies of requests and answers that are not annotation
// files — errors, document summaries, versions, the trash, the signed-in
// user and the live events of a document.
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
	Me        = "/api/me"        // GET: the signed-in User
)

// DocumentPath is the path of a document: GET, PUT and DELETE its file.
func DocumentPath(id annotation.ID) string { return Documents + "/" + id.UUID() }

// VersionsPath is the path that lists a document's kept versions.
func VersionsPath(id annotation.ID) string { return DocumentPath(id) + "/versions" }

// VersionPath is the path of version n of a document.
func VersionPath(id annotation.ID, n int) string { return VersionsPath(id) + "/" + strconv.Itoa(n) }

// RestorePath is the path that brings a document back from the trash (POST).
func RestorePath(id annotation.ID) string { return DocumentPath(id) + "/restore" }

// EventsPath is the path of a document's live events (GET, as Server-Sent
// Events): EventVersion each time the document is saved, EventDeleted when it
// is moved to the trash, EventPresence when someone opens or closes it.
func EventsPath(id annotation.ID) string { return DocumentPath(id) + "/events" }

// TokenParam is the query parameter that carries the token on EventsPath, and
// only there: a browser's EventSource cannot send an Authorization header.
const TokenParam = "token"

// The event types of EventsPath's stream.
const (
	// EventVersion's data is the Summary of the document's current version,
	// its id the version number. One is sent on opening the stream (unless
	// Last-Event-ID names the current version) and after each save; when
	// saves come quicker than a client reads, it gets only the latest.
	EventVersion = "version"
	// EventDeleted's data is a Deleted: the document went to the trash.
	EventDeleted = "deleted"
	// EventPresence's data is a Presence.
	EventPresence = "presence"
)

// User is the body of GET Me: who the request was signed in as.
type User struct {
	// Name is the user's name, as the server writes it as an annotation's
	// creator; empty when the server takes no tokens or the shared one was used.
	Name string `json:"name"`
}

// Deleted is the data of EventDeleted.
type Deleted struct {
	// ID identifies the document.
	ID annotation.ID `json:"id"`
	// Deleted is when it was moved to the trash.
	Deleted time.Time `json:"deleted"`
}

// Presence says who has a document open: whose event streams of it are open
// on this server process.
type Presence struct {
	// Users are the names of those signed in, each once, in order; those
	// without a name (see User) are not listed.
	Users []string `json:"users"`
	// Streams counts the streams open, named or not (two tabs are two).
	Streams int `json:"streams"`
}

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
	// SavedBy names the user who saved this version; empty when unknown (no
	// tokens, the shared token, or a version stored before users existed).
	SavedBy string `json:"savedBy,omitempty"`
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
	// SavedBy names the user who saved this version, as in Summary.
	SavedBy string `json:"savedBy,omitempty"`
}

// Trashed describes a document in the trash.
type Trashed struct {
	Summary
	// Deleted is when the document was moved to the trash.
	Deleted time.Time `json:"deleted"`
}
