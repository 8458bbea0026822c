//go:build !wasm

package server

import (
	"context"
	"errors"
	"fmt"
	"sync"

	json "github.com/go-json-experiment/json"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/store"
)

// saveAttempts bounds how often save reads the document again when other
// saves keep coming between its reading and its writing.
const saveAttempts = 8

// save stores f (data is its encoding, as the client sent it) under cond, as
// saved by user by, with the creators stamped: an annotation the current
// version does not hold gets by as its creator, whatever the client
// claimed, and one it holds keeps its stored creator. The stamping and the
// write are one step: the write is conditional on the version the stamps
// were computed from, and save reads again if another save came between.
// The first attempt takes the creators from the cache when it has those of a
// version that cond accepts, and reads the stored version only if that is
// no longer current. A new version is announced to the document's event streams.
func (a *handlers) save(ctx context.Context, f annotation.File, data []byte, cond store.Condition, by string) (store.Summary, bool, error) {
	id := f.Document.ID
	for attempt := range saveAttempts {
		etag, creators, ok := a.creators.get(id)
		if attempt > 0 || !ok || !cond.Holds(etag) {
			cur, err := a.store.Get(ctx, id)
			switch {
			case errors.Is(err, store.ErrNotFound):
				cur = store.Object{}
			case err != nil:
				return store.Summary{}, false, err
			}
			if !cond.Holds(cur.ETag) {
				return store.Summary{}, false, fmt.Errorf("document %s: %w", id, store.ErrPrecondition)
			}
			if creators, err = storedCreators(cur.Data); err != nil {
				return store.Summary{}, false, fmt.Errorf("document %s: reading the stored version's creators: %w", id, err)
			}
			etag = cur.ETag
		}
		stamped, changed := stampCreators(f, creators, by)
		body := data
		if changed {
			var err error
			if body, err = annotation.Encode(stamped); err != nil {
				return store.Summary{}, false, err
			}
		}
		onto := store.Condition{IfNoneMatch: []string{"*"}}
		if etag != "" {
			onto = store.Condition{IfMatch: []string{etag}}
		}
		s, created, err := a.store.Put(ctx, stamped, body, onto, by)
		if errors.Is(err, store.ErrPrecondition) {
			continue // saved meanwhile: stamp against that version
		}
		if err != nil {
			return s, created, err
		}
		a.creators.put(id, s.ETag, stamped.Annotations)
		if s.ETag != etag {
			a.events.saved(s)
		}
		return s, created, nil
	}
	return store.Summary{}, false, fmt.Errorf("%w: document %s changed %d times while being saved", store.ErrUnavailable, id, saveAttempts)
}

// maxCachedCreators bounds how many documents' creators the cache holds.
const maxCachedCreators = 256

// creatorCache holds, for documents this process saved, the creators of the
// version it stored last, with that version's ETag: the hash of its bytes,
// so the creators are right whenever a version with that ETag is current,
// whoever stored it. It spares each save the reading and decoding of the
// stored version, which a conditional write on the ETag replaces.
type creatorCache struct {
	mu   sync.Mutex
	docs map[annotation.ID]cachedCreators
}

type cachedCreators struct {
	etag     string
	creators map[annotation.ID]string
}

// get returns the cached ETag and creators of document id.
func (c *creatorCache) get(id annotation.ID) (string, map[annotation.ID]string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.docs[id]
	return e.etag, e.creators, ok
}

// put caches the creators of anns, stored as document id's version etag.
func (c *creatorCache) put(id annotation.ID, etag string, anns []annotation.Annotation) {
	creators := make(map[annotation.ID]string, len(anns))
	for _, a := range anns {
		creators[a.ID] = a.Creator
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.docs == nil {
		c.docs = map[annotation.ID]cachedCreators{}
	}
	if _, ok := c.docs[id]; !ok && len(c.docs) >= maxCachedCreators {
		for other := range c.docs { // any one: the cache only saves a read
			delete(c.docs, other)
			break
		}
	}
	c.docs[id] = cachedCreators{etag, creators}
}

// storedCreators returns the creator of each annotation in a stored file
// (nil data: none), from a light decoding: the file was validated when stored.
func storedCreators(data []byte) (map[annotation.ID]string, error) {
	if data == nil {
		return nil, nil
	}
	var light struct {
		Annotations []struct {
			ID      annotation.ID `json:"id"`
			Creator string        `json:"creator"`
		} `json:"annotations"`
	}
	if err := json.Unmarshal(data, &light); err != nil {
		return nil, err
	}
	creators := make(map[annotation.ID]string, len(light.Annotations))
	for _, a := range light.Annotations {
		creators[a.ID] = a.Creator
	}
	return creators, nil
}

// stampCreators returns f with each annotation's creator as stored (for those
// in stored) or by (for the others), and whether that changed any.
func stampCreators(f annotation.File, stored map[annotation.ID]string, by string) (annotation.File, bool) {
	var anns []annotation.Annotation // a copy, made on the first change
	for i, a := range f.Annotations {
		want, ok := stored[a.ID]
		if !ok {
			want = by
		}
		if a.Creator == want {
			continue
		}
		if anns == nil {
			anns = append([]annotation.Annotation{}, f.Annotations...)
		}
		anns[i].Creator = want
	}
	if anns == nil {
		return f, false
	}
	f.Annotations = anns
	return f, true
}
