//go:build !wasm

package fetch

import (
	"net/http"
	"strings"
)

// ErrorKind says what went wrong with a fetch, for the server to choose its
// answer's status; HTTPStatus gives the one suggested.
type ErrorKind int

// The kinds of Error, with the HTTP status HTTPStatus suggests for each.
const (
	// KindBadURL: the link is not an absolute http or https URL with a host
	// and without user name or password, or a redirect led to such a link. 400.
	KindBadURL ErrorKind = iota + 1
	// KindForbidden: the link's host is, resolves to, or redirects to an
	// address the policy refuses (loopback, private, link-local…). 403.
	KindForbidden
	// KindTooLarge: the page is, or announces in its Content-Length that it
	// is, larger than MaxBytes. 413.
	KindTooLarge
	// KindNotHTML: the page is not text/html or application/xhtml+xml. 415.
	KindNotHTML
	// KindStatus: the site answered a status outside 2xx (Error.Status). 502.
	KindStatus
	// KindRedirects: the site redirected more than MaxRedirects times. 502.
	KindRedirects
	// KindUnreachable: the host was not found, refused or dropped the
	// connection, or its TLS certificate did not verify. 502.
	KindUnreachable
	// KindTimeout: the whole fetch did not finish within Timeout (or before
	// the caller's context deadline). 504.
	KindTimeout
	// KindCanceled: the caller's context was canceled (the client went away
	// or the server is shutting down), so the answer is rarely read. 503.
	KindCanceled
)

var kindNames = map[ErrorKind]string{
	KindBadURL:      "bad URL",
	KindForbidden:   "forbidden address",
	KindTooLarge:    "too large",
	KindNotHTML:     "not HTML",
	KindStatus:      "error status",
	KindRedirects:   "too many redirects",
	KindUnreachable: "unreachable",
	KindTimeout:     "timeout",
	KindCanceled:    "canceled",
}

// String names the kind, e.g. "bad URL".
func (k ErrorKind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return "unknown"
}

// HTTPStatus is the status the server should answer a request to open a
// link with when the fetch failed with this kind: 400 Bad Request for
// KindBadURL, 403 Forbidden for KindForbidden, 413 Content Too Large for
// KindTooLarge, 415 Unsupported Media Type for KindNotHTML, 502 Bad Gateway
// for KindStatus, KindRedirects and KindUnreachable, 504 Gateway Timeout for
// KindTimeout, 503 Service Unavailable for KindCanceled and 500 for anything else.
func (k ErrorKind) HTTPStatus() int {
	switch k {
	case KindBadURL:
		return http.StatusBadRequest
	case KindForbidden:
		return http.StatusForbidden
	case KindTooLarge:
		return http.StatusRequestEntityTooLarge
	case KindNotHTML:
		return http.StatusUnsupportedMediaType
	case KindStatus, KindRedirects, KindUnreachable:
		return http.StatusBadGateway
	case KindTimeout:
		return http.StatusGatewayTimeout
	case KindCanceled:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// Error is every error Fetch returns. Its text, "URL: Msg", is meant for the
// editor who pasted the link, e.g.
//
//	http://10.0.0.5/x: 10.0.0.5 is a private address; the server fetches only public pages (start it with -fetch-private to allow this)
type Error struct {
	Kind ErrorKind
	// URL is the link as given (trimmed, any password masked), not where a
	// redirect led: Msg names that.
	URL string
	// Msg says what is wrong in words for an editor, without the URL.
	Msg string
	// Status is the status the site answered, for KindStatus; else 0.
	Status int
	// Err is the underlying error, if any (a *net.DNSError, context.Canceled…).
	Err error

	// placed is set when Msg already says which redirect it concerns.
	placed bool
}

// Error returns "URL: Msg", or Msg alone when there is no URL.
func (e *Error) Error() string {
	if e.URL == "" {
		return e.Msg
	}
	return e.URL + ": " + e.Msg
}

// Unwrap returns the underlying error, if any.
func (e *Error) Unwrap() error { return e.Err }

// afterRedirect words msg as happening at target, where a redirect led.
func afterRedirect(target, msg string) string {
	if strings.HasPrefix(msg, "is ") {
		return "redirected to " + target + ", which " + msg
	}
	return "redirected to " + target + ", and " + msg
}
