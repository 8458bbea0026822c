package docsync

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
	"github.com/newsroom/annotator/app/voices"
)

// keyVoicesPrefix + document UUID: the document's contribution to the
// voices report, with the version of the stored copy it was read from.
const keyVoicesPrefix = "annotator.voices."

// cachedContribution is a contribution kept in storage, and the version of
// the document it was read from (see version).
type cachedContribution struct {
	Version string              `json:"version"`
	C       voices.Contribution `json:"c"`
}

// version tells one stored copy of a document from another: every save
// records a new modified time in the index, and the copy's length.
func version(e Entry, stored string) string {
	return e.Modified.UTC().Format(time.RFC3339Nano) + " " + strconv.Itoa(len(stored))
}

// Contributions returns every document kept in this browser as its part of
// the voices report (voices.Contribute), newest first; voices.Combine makes
// the report of them. Each is kept in storage beside the document, so that
// only documents saved since the last call are read again; those of
// documents no longer kept are removed. A document the browser has no
// published date for is dated by its first annotation's creation, the
// earliest save it can show. Documents that cannot be read are left out, and
// named in the error.
func (l *Library) Contributions() ([]voices.Contribution, error) {
	idx, err := l.Index()
	if err != nil {
		return nil, err
	}
	cs := make([]voices.Contribution, 0, len(idx))
	kept := make(map[string]bool, len(idx))
	var bad []string
	for _, e := range idx {
		key := keyVoicesPrefix + e.ID.UUID()
		kept[key] = true
		stored, _ := l.store.Get(DocKey(e.ID))
		v := version(e, stored)
		var cached cachedContribution
		if s, ok := l.store.Get(key); ok && json.Unmarshal([]byte(s), &cached) == nil && cached.Version == v && cached.C.ID == e.ID {
			cs = append(cs, cached.C)
			continue
		}
		f, err := l.Load(e.ID)
		if err != nil {
			bad = append(bad, fmt.Sprintf("“%s”", e.Title))
			continue
		}
		var first time.Time
		for _, a := range f.Annotations {
			if first.IsZero() || a.Created.Before(first) {
				first = a.Created
			}
		}
		c := voices.Contribute(f, first)
		cs = append(cs, c)
		// Only a speed-up: when storage is full, the next call reads it again.
		_ = l.setJSON(key, cachedContribution{Version: v, C: c})
	}
	for _, k := range l.store.Keys(keyVoicesPrefix) {
		if !kept[k] {
			l.store.Delete(k)
		}
	}
	if len(bad) > 0 {
		return cs, fmt.Errorf("%d of the documents kept in this browser cannot be read and are not counted: %v", len(bad), bad)
	}
	return cs, nil
}

// SetCurrent makes id the document the editor opens next.
func (l *Library) SetCurrent(id annotation.ID) error { return l.store.Set(keyCurrent, string(id)) }

// Voices asks the server for its voices report over the range r and calls
// done with it, or with an error saying why there is none: the server cannot
// be reached, wants a token, or refused. Only the newest request's answer is given.
func (s *Sync) Voices(r voices.Range, done func(api.VoicesReport, error)) {
	q := url.Values{}
	if r.From != "" {
		q.Set("from", r.From)
	}
	if r.To != "" {
		q.Set("to", r.To)
	}
	path := api.Voices
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	s.send("voices", Request{Method: "GET", Path: path}, func(resp Response, err error) {
		var rep api.VoicesReport
		switch {
		case err != nil || resp.Status == 0:
			err = fmt.Errorf("the server cannot be reached")
		case resp.Status == 401:
			err = fmt.Errorf("the server needs a token: enter it in the editor's Open dialog")
		case resp.Status != 200:
			err = fmt.Errorf("the server could not make the report: %s", resp.Error())
		default:
			if jerr := json.Unmarshal(resp.Body, &rep); jerr != nil {
				err = fmt.Errorf("the server's answer is not a voices report: %w", jerr)
			}
		}
		done(rep, err)
	})
}
