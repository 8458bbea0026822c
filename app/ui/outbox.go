package ui

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
)

// Saving to the server goes through an outbox kept in local storage: a save made
// offline, or while the server is down, waits there across reloads and browser
// restarts and is sent on its own when the server answers again. Every PUT
// carries If-Match with the version the editor started from, so a save never
// silently overwrites someone else's.

const (
	keyOutbox     = "annotator.outbox" // the ids of documents waiting to be saved
	keyETagPrefix = "annotator.etag."  // + UUID: the server version the local copy is based on
	keyToken      = "annotator.token"  // the server's API token, if it needs one
	retryEvery    = 5 * time.Second    // how often a waiting outbox is tried again
)

// outbox returns the ids of the documents waiting to be saved, oldest first.
func outbox() []annotation.ID {
	var ids []annotation.ID
	json.Unmarshal([]byte(storageGet(keyOutbox)), &ids)
	return ids
}

func setOutbox(ids []annotation.ID) error {
	buf, _ := json.Marshal(ids)
	return storageSet(keyOutbox, string(buf))
}

// conflict is a save the server refused because its copy changed meanwhile.
type conflict struct {
	mine, theirs annotation.File
	theirsETag   string
}

// saveToServer queues the document for the server and sends the outbox.
func (e *Editor) saveToServer(ctx app.Context) {
	if _, err := saveDoc(e.file(), time.Now().UTC()); err != nil {
		e.fail(err)
		return
	}
	ids := outbox()
	if !slices.Contains(ids, e.doc.ID) {
		ids = append(ids, e.doc.ID)
	}
	if err := setOutbox(ids); err != nil {
		e.fail(err)
		return
	}
	e.sendOutbox(ctx)
}

// sendOutbox sends the first waiting save; on success it goes on with the next.
// When the server cannot be reached the outbox waits and is retried later.
func (e *Editor) sendOutbox(ctx app.Context) {
	ids := outbox()
	e.waiting = len(ids)
	if len(ids) == 0 || e.sending {
		return
	}
	id := ids[0]
	f, err := loadDoc(id)
	if err != nil {
		e.dropFromOutbox(id)
		e.fail(fmt.Errorf("could not send %s to the server: %w", id, err))
		return
	}
	body, err := annotation.Encode(f)
	if err != nil {
		e.fail(err)
		return
	}
	headers := e.apiHeaders()
	headers["Content-Type"] = "application/json"
	if etag := storageGet(keyETagPrefix + id.UUID()); etag != "" {
		headers["If-Match"] = etag
	} else {
		headers["If-None-Match"] = "*" // new on the server: never overwrite a document of the same id
	}
	e.sending = true
	fetch("PUT", api.Document(id), headers, string(body), func(r response, err error) {
		e.ctx.Dispatch(func(ctx app.Context) {
			e.sending = false
			e.onSaved(ctx, f, r, err)
		})
	})
}

// onSaved handles the server's answer to a save of f.
func (e *Editor) onSaved(ctx app.Context, f annotation.File, r response, err error) {
	id := f.Document.ID
	switch {
	case err != nil || r.Status == 503 || r.Status >= 500 || r.Status == 0:
		e.offline = true
		e.info(fmt.Sprintf("Offline — %d waiting. The save will be sent when the server answers.", len(outbox())))
		e.retry(ctx)
		return
	case r.Status == 200 || r.Status == 201:
		storageSet(keyETagPrefix+id.UUID(), r.ETag)
		e.offline = false
		e.dropFromOutbox(id)
		e.info(fmt.Sprintf("Saved “%s” to the server", f.Document.Title))
	case r.Status == 412:
		e.dropFromOutbox(id)
		e.fetchConflict(ctx, f)
		return
	case r.Status == 401:
		e.fail(fmt.Errorf("the server needs a token to save: set it under Server"))
		e.retry(ctx)
		return
	default:
		e.dropFromOutbox(id)
		e.fail(fmt.Errorf("the server refused to save “%s”: %s", f.Document.Title, apiError(r)))
	}
	e.sendOutbox(ctx)
}

// retry tries the outbox again after a while.
func (e *Editor) retry(ctx app.Context) {
	if e.retrying {
		return
	}
	e.retrying = true
	e.ctx.After(retryEvery, func(ctx app.Context) {
		e.retrying = false
		e.sendOutbox(ctx)
	})
}

func (e *Editor) dropFromOutbox(id annotation.ID) {
	setOutbox(slices.DeleteFunc(outbox(), func(x annotation.ID) bool { return x == id }))
	e.waiting = len(outbox())
}

// fetchConflict reads the server's version of f so the editor can choose.
func (e *Editor) fetchConflict(ctx app.Context, mine annotation.File) {
	fetch("GET", api.Document(mine.Document.ID), e.apiHeaders(), "", func(r response, err error) {
		e.ctx.Dispatch(func(ctx app.Context) {
			if err != nil || r.Status != 200 {
				e.fail(fmt.Errorf("the server has a newer version of “%s”, but it could not be read: %v", mine.Document.Title, orStatus(err, r)))
				return
			}
			theirs, derr := annotation.Decode([]byte(r.Body))
			if derr != nil {
				e.fail(fmt.Errorf("the server's version of “%s” is not valid: %w", mine.Document.Title, derr))
				return
			}
			e.conflict = &conflict{mine: mine, theirs: theirs, theirsETag: r.ETag}
			e.dialog = conflictDialog
		})
	})
}

// resolveConflict applies the editor's choice: the server's version replaces the
// local one, or the local one is kept as a new document beside it.
func (e *Editor) resolveConflict(ctx app.Context, keepMine bool) {
	c := e.conflict
	e.conflict, e.dialog = nil, noDialog
	if c == nil {
		return
	}
	storageSet(keyETagPrefix+c.theirs.Document.ID.UUID(), c.theirsETag)
	if _, err := saveDoc(c.theirs, time.Now().UTC()); err != nil {
		e.fail(err)
		return
	}
	if !keepMine {
		e.open(c.theirs, true)
		e.info("Loaded the server's version")
		return
	}
	copyDoc := c.mine.Document
	copyDoc.ID = annotation.NewID()
	copyDoc.Title += " (my version)"
	e.open(annotation.NewFile(copyDoc, c.mine.Annotations), true)
	e.info("Kept your version as a new document; the server's is under its old title")
}

// openFromServer lists the server's documents.
func (e *Editor) openFromServer(ctx app.Context) {
	e.dialog, e.serverDocs, e.serverErr = serverDialog, nil, ""
	fetch("GET", api.Documents, e.apiHeaders(), "", func(r response, err error) {
		e.ctx.Dispatch(func(ctx app.Context) {
			if err != nil || r.Status != 200 {
				e.serverErr = fmt.Sprintf("The server's documents cannot be listed: %v", orStatus(err, r))
				return
			}
			var docs []docEntry
			if err := json.Unmarshal([]byte(r.Body), &docs); err != nil {
				e.serverErr = "The server's answer is not a document list: " + err.Error()
				return
			}
			e.serverDocs = docs
		})
	})
}

// openServerDoc reads a document from the server and opens it.
func (e *Editor) openServerDoc(ctx app.Context, id annotation.ID) {
	fetch("GET", api.Document(id), e.apiHeaders(), "", func(r response, err error) {
		e.ctx.Dispatch(func(ctx app.Context) {
			if err != nil || r.Status != 200 {
				e.fail(fmt.Errorf("could not open the document from the server: %v", orStatus(err, r)))
				return
			}
			f, derr := annotation.Decode([]byte(r.Body))
			if derr != nil {
				e.fail(fmt.Errorf("the server's copy is not valid:\n%w", derr))
				return
			}
			storageSet(keyETagPrefix+id.UUID(), r.ETag)
			e.dialog = noDialog
			e.open(f, true)
			e.info(fmt.Sprintf("Opened “%s” from the server", f.Document.Title))
		})
	})
}

// apiHeaders returns the headers every API call carries.
func (e *Editor) apiHeaders() map[string]string {
	h := map[string]string{}
	if tok := storageGet(keyToken); tok != "" {
		h["Authorization"] = "Bearer " + tok
	}
	return h
}

// apiError says what an error answer from the API holds.
func apiError(r response) string {
	var body api.Error
	if json.Unmarshal([]byte(r.Body), &body) != nil || body.Error == "" {
		return fmt.Sprintf("status %d", r.Status)
	}
	return body.Message()
}

func orStatus(err error, r response) any {
	if err != nil {
		return err
	}
	return apiError(r)
}
