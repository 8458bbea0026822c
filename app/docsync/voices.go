package docsync

import (
	"encoding/json"
	"fmt"
	"net/url"
	"time"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
	"github.com/newsroom/annotator/app/voices"
)

// Contributions reads every document kept in this browser into its part of
// the voices report (voices.Contribute), newest first; voices.Combine makes
// the report of them. A document the browser has no published date for is
// dated by its first annotation's creation, the earliest save it can show.
// Documents that cannot be read are left out, and named in the error.
func (l *Library) Contributions() ([]voices.Contribution, error) {
	idx, err := l.Index()
	if err != nil {
		return nil, err
	}
	cs := make([]voices.Contribution, 0, len(idx))
	var bad []string
	for _, e := range idx {
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
		cs = append(cs, voices.Contribute(f, first))
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
