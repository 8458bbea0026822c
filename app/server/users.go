//go:build !wasm

package server

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/newsroom/annotator/app/api"
	"github.com/newsroom/annotator/app/users"
)

// userKey is the context key of the signed-in user's name.
type userKey struct{}

// userName returns the name of the user a request was signed in as: "" when
// the server takes no tokens or the shared Config.Token was sent.
func userName(r *http.Request) string {
	name, _ := r.Context().Value(userKey{}).(string)
	return name
}

// bearer returns the token a request carries: its Authorization: Bearer
// header or, on an event stream only (EventSource cannot send headers), its
// ?token= parameter. The request log never writes the query.
func bearer(r *http.Request) string {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, token, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") {
			return ""
		}
		return token
	}
	if isEventStream(r) {
		return r.URL.Query().Get(api.TokenParam)
	}
	return ""
}

// authenticate lets a request through when it carries a token the server
// takes — a user's from the users file, or the shared token — and answers
// 401 otherwise; with neither configured it lets every request through. The
// user's name goes into the request's context (userName). Tokens are
// compared by their SHA-256 digests in constant time.
func authenticate(shared string, list *users.Watch, next http.Handler) http.Handler {
	if shared == "" && list == nil {
		return next
	}
	sharedDigest := users.Digest(shared)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token := bearer(r)
		name, ok := "", false
		if list != nil {
			var err error
			if name, ok, err = list.Lookup(token); err != nil {
				w.Header().Set("Retry-After", "5")
				writeError(w, http.StatusServiceUnavailable, "the server's users file cannot be read: its log says why")
				return
			}
		}
		if !ok && shared != "" {
			d := sha256.Sum256([]byte(token))
			ok = subtle.ConstantTimeCompare(d[:], sharedDigest[:]) == 1
		}
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="annotator"`)
			writeError(w, http.StatusUnauthorized, "this server needs a token: send Authorization: Bearer TOKEN")
			return
		}
		if logged, ok := r.Context().Value(logUserKey{}).(*string); ok {
			*logged = name
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), userKey{}, name)))
	})
}

// me answers who the request is signed in as.
func (a *handlers) me(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, api.User{Name: userName(r)})
}
