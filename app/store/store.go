// Package store is the contract between the server's handlers and the storage
// of annotation files: the current version of each document, its previous
// versions and a trash of deleted documents. Store is the interface the
// handlers use; it is implemented by package dirstore on a local folder for one
// server, and by package s3store on S3-compatible object storage shared by
// several server replicas. Package storeurl opens either from a URL, and
// package storetest holds the conformance suite every implementation passes.
//
// The package holds no backend code.
package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"log/slog"
	"slices"
	"time"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
)

// Keep is how many previous versions of a document a store keeps besides the current one.
const Keep = 10

// Errors a store returns; test for them with errors.Is.
var (
	// ErrNotFound: no such document, version or trashed document.
	ErrNotFound = errors.New("not found")
	// ErrPrecondition: an If-Match or If-None-Match condition does not hold; nothing was changed.
	ErrPrecondition = errors.New("precondition failed")
	// ErrConflict: the change clashes with the current state, e.g. restoring a
	// document whose id is in use again.
	ErrConflict = errors.New("conflict")
	// ErrInvalid: the id or the file is not acceptable.
	ErrInvalid = errors.New("invalid")
	// ErrUnavailable: the storage cannot be reached or keeps failing for now;
	// nothing is known to have changed, and trying again later may succeed.
	ErrUnavailable = errors.New("storage unavailable")
)

// Options tune a store; every backend takes them.
type Options struct {
	// NoSync skips fsync in a folder (dirstore): only for tests and benchmarks
	// that seed many files, since a crash may then lose or tear writes. Object
	// storage (s3store) ignores it.
	NoSync bool
	// Log receives warnings about files the store cannot read; nil discards them.
	Log *slog.Logger
}

// Store keeps annotation files. Every method is safe for concurrent use.
type Store interface {
	// List returns a summary of every live document, newest first. The slice is
	// shared: callers must not modify it.
	List(ctx context.Context) ([]Summary, error)
	// Get returns the current version of a document.
	Get(ctx context.Context, id annotation.ID) (Object, error)
	// Put stores data, the encoding of file f that annotation.Decode accepted, as
	// the new current version of f's document if cond holds, keeping the previous
	// one among the document's versions; savedBy names the user who saves it
	// ("" for none known), as the summaries of that version tell. Storing the
	// same bytes as the current version changes nothing (not who saved it).
	// created says whether the document is new. A savedBy with a line break
	// is ErrInvalid.
	Put(ctx context.Context, f annotation.File, data []byte, cond Condition, savedBy string) (s Summary, created bool, err error)
	// Delete moves a document, with its versions, to the trash if cond holds.
	Delete(ctx context.Context, id annotation.ID, cond Condition) error
	// Versions lists the versions kept of a document, the current one first.
	Versions(ctx context.Context, id annotation.ID) ([]Version, error)
	// Version returns version n of a document.
	Version(ctx context.Context, id annotation.ID, n int) (Object, error)
	// Trash lists the trashed documents, most recently deleted first.
	Trash(ctx context.Context) ([]Trashed, error)
	// Restore brings back the most recently trashed copy of a document; it is
	// ErrConflict when a live document has that id.
	Restore(ctx context.Context, id annotation.ID) (Summary, error)
}

// The summaries the store gives are the API's own (package api), which the
// server writes as they are and the app reads.
type (
	// Summary describes a document's current version for listings.
	Summary = api.Summary
	// Counts are a document's annotations by kind.
	Counts = api.Counts
	// Version describes one stored version of a document.
	Version = api.Version
	// Trashed describes a document in the trash.
	Trashed = api.Trashed
)

// Object is a stored file with its summary.
type Object struct {
	Summary
	// Data is the file as it was stored.
	Data []byte
}

// Condition is a request's preconditions on a document's current version, as in
// HTTP's If-Match and If-None-Match. The zero Condition always holds.
type Condition struct {
	// IfMatch, when not empty, lists entity tags one of which the current version
	// must have; "*" matches any existing document.
	IfMatch []string
	// IfNoneMatch, when not empty, lists entity tags the current version must not
	// have; "*" requires that the document does not exist.
	IfNoneMatch []string
}

// Holds reports whether c holds for a document whose current ETag is etag
// (empty when the document does not exist). ETags compare strongly.
func (c Condition) Holds(etag string) bool {
	matches := func(tags []string) bool {
		return slices.ContainsFunc(tags, func(t string) bool {
			return etag != "" && (t == "*" || t == etag)
		})
	}
	if len(c.IfMatch) > 0 && !matches(c.IfMatch) {
		return false
	}
	if len(c.IfNoneMatch) > 0 && matches(c.IfNoneMatch) {
		return false
	}
	return true
}

// ETag returns the entity tag of a file's bytes: a quoted hash of its content,
// so equal files have equal tags on every backend and across restarts.
func ETag(data []byte) string {
	sum := sha256.Sum256(data)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

// Summarize returns the summary of file f stored as size bytes with entity tag
// etag, at time modified, as version n.
func Summarize(f annotation.File, etag string, size int, n int, modified time.Time) Summary {
	return Summary{ID: f.Document.ID, Title: f.Document.Title, Modified: modified, Version: n, ETag: etag, Size: int64(size),
		Counts: api.CountsOf(f.Annotations)}
}

// SortNewestFirst sorts summaries by modification time, newest first, then by id.
func SortNewestFirst(s []Summary) {
	slices.SortFunc(s, func(a, b Summary) int {
		if c := b.Modified.Compare(a.Modified); c != 0 {
			return c
		}
		if a.ID < b.ID {
			return -1
		}
		if a.ID > b.ID {
			return 1
		}
		return 0
	})
}
