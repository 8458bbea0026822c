//go:build !wasm

package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
	"github.com/newsroom/annotator/app/store"
	"github.com/newsroom/annotator/app/voices"
)

// voicesReport serves the voices report. It keeps each document's
// contribution with the ETag it was read at, so that a request reads only the
// documents that changed since the last: the store's listing says which.
type voicesReport struct {
	api *handlers

	mu    sync.Mutex
	docs  map[annotation.ID]cachedContribution
	first map[annotation.ID]time.Time // when each undated document was first saved, as far as the store knows
}

// cachedContribution is a document's contribution and the ETag of the version it was read from.
type cachedContribution struct {
	etag string
	c    voices.Contribution
}

// readers bounds how many documents a report reads from the store at once.
const readers = 8

func newVoicesReport(a *handlers) *voicesReport {
	return &voicesReport{api: a, docs: map[annotation.ID]cachedContribution{}, first: map[annotation.ID]time.Time{}}
}

// report answers GET api.Voices.
func (v *voicesReport) report(w http.ResponseWriter, r *http.Request) {
	rep, ok := v.build(w, r)
	if ok {
		writeJSON(w, http.StatusOK, rep)
	}
}

// csv answers GET api.VoicesCSV.
func (v *voicesReport) csv(w http.ResponseWriter, r *http.Request) {
	rep, ok := v.build(w, r)
	if !ok {
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8; header=present")
	h.Set("Content-Disposition", `attachment; filename="voices.csv"`)
	h.Set("Cache-Control", "no-store")
	if err := voices.WriteCSV(w, rep); err != nil {
		v.api.log.Warn("writing the voices CSV", "err", err) // the client has gone: the status is sent
	}
}

// build reads the request's range and makes the report, or answers with the error.
func (v *voicesReport) build(w http.ResponseWriter, r *http.Request) (api.VoicesReport, bool) {
	q := r.URL.Query()
	rg, err := voices.ParseRange(q.Get("from"), q.Get("to"))
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return api.VoicesReport{}, false
	}
	cs, err := v.contributions(r.Context())
	if err != nil {
		v.api.fail(w, r, err)
		return api.VoicesReport{}, false
	}
	return voices.Combine(cs, rg), true
}

// contributions returns the contribution of every live document, reading
// only those whose ETag changed since they were last read.
func (v *voicesReport) contributions(ctx context.Context) ([]voices.Contribution, error) {
	list, err := v.api.store.List(ctx)
	if err != nil {
		return nil, err
	}
	v.mu.Lock()
	var stale []store.Summary
	live := make(map[annotation.ID]bool, len(list))
	for _, s := range list {
		live[s.ID] = true
		if v.docs[s.ID].etag != s.ETag {
			stale = append(stale, s)
		}
	}
	for id := range v.docs {
		if !live[id] {
			delete(v.docs, id)
			delete(v.first, id)
		}
	}
	v.mu.Unlock()

	if err := v.read(ctx, stale); err != nil {
		return nil, err
	}

	v.mu.Lock()
	defer v.mu.Unlock()
	cs := make([]voices.Contribution, 0, len(list))
	for _, s := range list {
		if c, ok := v.docs[s.ID]; ok { // not when deleted since the listing
			cs = append(cs, c.c)
		}
	}
	return cs, nil
}

// read reads the documents of summaries into the cache, readers at a time.
func (v *voicesReport) read(ctx context.Context, summaries []store.Summary) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	work := make(chan store.Summary)
	errs := make(chan error, readers)
	var wg sync.WaitGroup
	for range min(readers, len(summaries)) {
		wg.Go(func() {
			for s := range work {
				if err := v.readOne(ctx, s); err != nil {
					errs <- err
					cancel()
					return
				}
			}
		})
	}
feed:
	for _, s := range summaries {
		select {
		case work <- s:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return err
	}
	return ctx.Err()
}

// readOne reads one document's current version into the cache; a document
// deleted meanwhile is left out.
func (v *voicesReport) readOne(ctx context.Context, s store.Summary) error {
	obj, err := v.api.store.Get(ctx, s.ID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	f, err := annotation.Decode(obj.Data)
	if err != nil {
		return fmt.Errorf("document %s, stored as %s, does not decode: %w", s.ID, obj.ETag, err)
	}
	var first time.Time
	if f.Document.Published.IsZero() {
		if first, err = v.firstSaved(ctx, obj.Summary); errors.Is(err, store.ErrNotFound) {
			return nil
		} else if err != nil {
			return err
		}
	}
	c := voices.Contribute(f, first)
	v.mu.Lock()
	v.docs[s.ID] = cachedContribution{etag: obj.ETag, c: c}
	v.mu.Unlock()
	return nil
}

// firstSaved returns when the document of s was first saved: its version 1's
// time, or where that is no longer kept its oldest kept version's. It is
// looked up once per document.
func (v *voicesReport) firstSaved(ctx context.Context, s store.Summary) (time.Time, error) {
	v.mu.Lock()
	t, ok := v.first[s.ID]
	v.mu.Unlock()
	if ok {
		return t, nil
	}
	t = s.Modified
	if s.Version > 1 {
		vs, err := v.api.store.Versions(ctx, s.ID)
		if err != nil {
			return time.Time{}, err
		}
		for _, ver := range vs {
			if ver.Modified.Before(t) {
				t = ver.Modified
			}
		}
	}
	v.mu.Lock()
	v.first[s.ID] = t
	v.mu.Unlock()
	return t, nil
}
