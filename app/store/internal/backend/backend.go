// Package backend holds what the store backends (dirstore, s3store) share
// beyond the store.Store contract: how a document's id becomes the UUID that
// names its files or objects, and how a stored file is summarised.
package backend

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/store"
)

// UUID returns the UUID that names the files or objects of document id,
// checking the id first: an id that is not a canonical lower-case UUID URN is
// refused with an error wrapping store.ErrInvalid, so no file name ever comes
// from an unchecked id.
func UUID(id annotation.ID) (string, error) {
	if _, err := annotation.ParseID(string(id)); err != nil {
		return "", fmt.Errorf("%w: %v", store.ErrInvalid, err)
	}
	return id.UUID(), nil
}

// ParseUUID returns the id of the document whose folder, file or object name
// is s, which must be a canonical lower-case UUID; otherwise the error wraps
// store.ErrInvalid.
func ParseUUID(s string) (annotation.ID, error) {
	id, err := annotation.ParseID("urn:uuid:" + s)
	if err != nil {
		return "", fmt.Errorf("%w: %q is not a canonical lower-case UUID", store.ErrInvalid, s)
	}
	return id, nil
}

// SummarizeStored summarises data, a file stored as version n at time
// modified, from a light decoding: the file was validated when it was stored.
func SummarizeStored(data []byte, n int, modified time.Time) (store.Summary, error) {
	var light struct {
		Document struct {
			ID    annotation.ID `json:"id"`
			Title string        `json:"title"`
		} `json:"document"`
		Annotations []struct {
			Kind annotation.Kind `json:"kind"`
		} `json:"annotations"`
	}
	if err := json.Unmarshal(data, &light); err != nil {
		return store.Summary{}, err
	}
	f := annotation.File{Document: annotation.Document{ID: light.Document.ID, Title: light.Document.Title}}
	for _, a := range light.Annotations {
		f.Annotations = append(f.Annotations, annotation.Annotation{Kind: a.Kind})
	}
	return store.Summarize(f, store.ETag(data), len(data), n, modified), nil
}

// CheckSaver refuses, with an error wrapping store.ErrInvalid, the name of a
// saver that a line-based record could not hold.
func CheckSaver(savedBy string) error {
	if strings.ContainsAny(savedBy, "\r\n") {
		return fmt.Errorf("%w: the saver's name %q has a line break", store.ErrInvalid, savedBy)
	}
	return nil
}
