//go:build !wasm

package server

import (
	"context"
	"errors"
	"fmt"

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
// A new version is announced to the document's event streams.
func (a *handlers) save(ctx context.Context, f annotation.File, data []byte, cond store.Condition, by string) (store.Summary, bool, error) {
	for range saveAttempts {
		cur, err := a.store.Get(ctx, f.Document.ID)
		switch {
		case errors.Is(err, store.ErrNotFound):
			cur = store.Object{}
		case err != nil:
			return store.Summary{}, false, err
		}
		if !cond.Holds(cur.ETag) {
			return store.Summary{}, false, fmt.Errorf("document %s: %w", f.Document.ID, store.ErrPrecondition)
		}
		creators, err := storedCreators(cur.Data)
		if err != nil {
			return store.Summary{}, false, fmt.Errorf("document %s: reading the stored version's creators: %w", f.Document.ID, err)
		}
		stamped, changed := stampCreators(f, creators, by)
		body := data
		if changed {
			if body, err = annotation.Encode(stamped); err != nil {
				return store.Summary{}, false, err
			}
		}
		onto := store.Condition{IfNoneMatch: []string{"*"}}
		if cur.ETag != "" {
			onto = store.Condition{IfMatch: []string{cur.ETag}}
		}
		s, created, err := a.store.Put(ctx, stamped, body, onto, by)
		if errors.Is(err, store.ErrPrecondition) {
			continue // saved meanwhile: stamp against that version
		}
		if err == nil && s.ETag != cur.ETag {
			a.events.saved(s)
		}
		return s, created, err
	}
	return store.Summary{}, false, fmt.Errorf("%w: document %s changed %d times while being saved", store.ErrUnavailable, f.Document.ID, saveAttempts)
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
