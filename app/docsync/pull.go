package docsync

import (
	"encoding/json"
	"fmt"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
)

// Pull brings colleagues' saves of a document kept here and on the server
// into the local copy: a conditional GET (nothing is read when the server's
// version is the one the local copy is based on), then, when it changed, the
// same merge a refused save makes (the merge is the local copy, the server's
// its base; changes not yet saved stay in the outbox). done gets Idle when
// nothing changed or a save is on its way (its answer will tell), Merged with
// the merge, Offline, NeedsToken, or Failed.
func (s *Sync) Pull(id annotation.ID, done func(Outcome)) {
	etag := s.ETag(id)
	if etag == "" || s.sending {
		done(Outcome{Kind: Idle, Waiting: s.waiting()})
		return
	}
	s.send("pull:"+string(id), Request{Method: "GET", Path: api.DocumentPath(id), Header: map[string]string{"If-None-Match": etag}}, func(r Response, err error) {
		o := Outcome{Kind: Idle}
		switch {
		case err != nil || r.Status == 0 || r.Status >= 500:
			o.Kind = Offline
		case r.Status == 401:
			o.Kind = NeedsToken
		case r.Status == 304 || r.ETag == s.ETag(id) || s.sending:
		default:
			m, theirs, err := s.mergeWith(id, r, nil)
			switch {
			case err != nil && theirs != nil:
				o.Kind, o.Theirs, o.Err = Conflict, theirs, err
			case err != nil:
				o.Kind, o.Err = Failed, fmt.Errorf("colleagues' changes could not be brought in: %w", err)
			default:
				o.Kind, o.File, o.Merge = Merged, m.File, m
			}
		}
		o.Waiting = s.waiting()
		done(o)
	})
}

// Me asks the server whom the token signs in as: done gets the name, "" when
// the server takes no tokens or the shared one; reachable is false when no
// server answered.
func (s *Sync) Me(done func(name string, reachable bool, err error)) {
	s.send("me", Request{Method: "GET", Path: api.Me}, func(r Response, err error) {
		switch {
		case err != nil || r.Status == 0 || r.Status >= 500:
			done("", false, nil)
		case r.Status != 200:
			done("", true, fmt.Errorf("%s", r.Error()))
		default:
			var u api.User
			if err := json.Unmarshal(r.Body, &u); err != nil {
				done("", true, fmt.Errorf("the server's answer to who you are is not valid: %w", err))
				return
			}
			done(u.Name, true, nil)
		}
	})
}
