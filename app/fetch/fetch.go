//go:build !wasm

// Package fetch fetches the web page behind a link an editor pastes ("open by
// URL"), treating it as the server-side request forgery risk it is: the
// server fetches on behalf of whoever can reach it, from inside its network.
//
// A Fetcher follows only http and https links, absolute, with a host and no
// user name or password, on the first request and on every redirect. It
// connects only to public addresses (see IsPublic) unless told otherwise, and
// checks the address it actually dials, after DNS resolution, in the dialer's
// Control hook: a name resolving to a private address, a DNS answer changing
// between a check and the connection (rebinding) and a redirect to an
// internal host are all refused before any connection is made. It uses no
// proxy from the environment, bounds redirects, the page's size and the
// fetch's time, and accepts only HTML pages.
//
// Every error is an *Error whose Kind the server maps to an HTTP status
// (ErrorKind.HTTPStatus) and whose text is written for the editor.
package fetch

import (
	"cmp"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Defaults for the fields of a Fetcher left zero.
const (
	DefaultMaxBytes     = 5 << 20 // bytes of a page's body
	DefaultTimeout      = 15 * time.Second
	DefaultMaxRedirects = 5
	DefaultUserAgent    = "Mozilla/5.0 (compatible; NewsroomAnnotator/1.0; +article fetch)"
)

// privateHint ends the message refusing an address that AllowPrivate would allow.
const privateHint = "; the server fetches only public pages (start it with -fetch-private to allow this)"

// Fetcher fetches web pages under the rules of the package documentation.
// The zero value is usable with the defaults. Fetch may be called from
// several goroutines at once; the fields must not change meanwhile.
type Fetcher struct {
	// AllowPrivate lets the server fetch from loopback, private, link-local,
	// shared and reserved addresses too (the -fetch-private flag), e.g. for an
	// intranet site or a test server. Even so it never connects to the
	// unspecified, broadcast or multicast addresses, 0.0.0.0/8, or the cloud
	// instance metadata services (169.254.169.254 and the like), which hand
	// out the server's credentials.
	AllowPrivate bool
	// Allow, when set, alone decides which addresses the server may connect
	// to, replacing the default policy and AllowPrivate. It is called with
	// every address about to be dialled, IPv4-mapped IPv6 addresses unmapped
	// to IPv4 and without zone, and must be safe for concurrent use. IsPublic
	// is the default policy, for a function to fall back on.
	Allow func(netip.Addr) bool
	// MaxBytes bounds a page's body, after any decompression; 0 means
	// DefaultMaxBytes (5 MiB).
	MaxBytes int64
	// Timeout bounds the whole fetch, redirects and reading the body
	// included; 0 means DefaultTimeout (15 s).
	Timeout time.Duration
	// MaxRedirects bounds the redirects followed; 0 means DefaultMaxRedirects
	// (5), a negative number that none is.
	MaxRedirects int
	// UserAgent is sent as the User-Agent header; "" means DefaultUserAgent.
	UserAgent string
}

// Page is a fetched page.
type Page struct {
	// URL is the page's address after any redirects.
	URL string
	// ContentType is the Content-Type the site sent, parameters included
	// (e.g. "text/html; charset=iso-8859-1"), or the one sniffed from the body
	// when it sent none.
	ContentType string
	// Body is the page's body, decompressed, at most MaxBytes long.
	Body []byte
}

// Fetch fetches the HTML page at rawURL (surrounding spaces ignored) within
// the Fetcher's limits. Every error it returns is an *Error.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (*Page, error) {
	raw := strings.TrimSpace(rawURL)
	u, e := parseURL(raw)
	if e != nil {
		return nil, e
	}
	s := &state{
		link:     u.Redacted(),
		maxBytes: f.MaxBytes,
		timeout:  f.Timeout,
		parent:   ctx,
	}
	if s.maxBytes <= 0 {
		s.maxBytes = DefaultMaxBytes
	}
	if s.timeout <= 0 {
		s.timeout = DefaultTimeout
	}
	maxRedirects := cmp.Or(f.MaxRedirects, DefaultMaxRedirects)
	maxRedirects = max(maxRedirects, 0)

	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	s.ctx = ctx

	tr := f.transport()
	defer tr.CloseIdleConnections()
	client := &http.Client{
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > maxRedirects {
				return &Error{Kind: KindRedirects, Msg: redirectsMsg(maxRedirects), placed: true}
			}
			if e := checkURL(req.URL); e != nil {
				e.Msg = afterRedirect(req.URL.Redacted(), e.Msg)
				e.placed = true
				return e
			}
			s.current = req.URL.Redacted()
			return nil
		},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, s.fail(KindBadURL, "is not a valid link", err)
	}
	req.Header.Set("User-Agent", cmp.Or(f.UserAgent, DefaultUserAgent))
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")

	resp, err := client.Do(req)
	if err != nil {
		return nil, s.failed(err)
	}
	defer resp.Body.Close()

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		e := s.fail(KindStatus, statusMsg(resp.StatusCode), nil)
		e.Status = resp.StatusCode
		return nil, e
	}
	contentType := resp.Header.Get("Content-Type")
	if contentType != "" {
		if e := s.checkHTML(contentType); e != nil {
			return nil, e
		}
	}
	if resp.ContentLength > s.maxBytes {
		return nil, s.fail(KindTooLarge, "the page is larger than "+size(s.maxBytes), nil)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, s.maxBytes+1))
	if err != nil {
		return nil, s.failedReading(err)
	}
	if int64(len(body)) > s.maxBytes {
		return nil, s.fail(KindTooLarge, "the page is larger than "+size(s.maxBytes), nil)
	}
	if contentType == "" {
		contentType = http.DetectContentType(body)
		if e := s.checkHTML(contentType); e != nil {
			return nil, e
		}
	}
	return &Page{URL: resp.Request.URL.String(), ContentType: contentType, Body: body}, nil
}

// parseURL parses and checks the link an editor gave.
func parseURL(raw string) (*url.URL, *Error) {
	if raw == "" {
		return nil, &Error{Kind: KindBadURL, Msg: "no link was given"}
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" && looksLikePort(u.Opaque) {
		// "127.0.0.1:8080/x" does not parse, "localhost:8080/x" has the
		// scheme "localhost": both only lack the "http://".
		if v, err := url.Parse("http://" + raw); err == nil && v.Hostname() != "" && !strings.Contains(raw, "://") {
			return nil, &Error{Kind: KindBadURL, URL: v.Redacted()[len("http://"):], Msg: notFull}
		}
	}
	if err != nil {
		return nil, &Error{Kind: KindBadURL, URL: raw, Msg: "is not a valid link", Err: err}
	}
	if e := checkURL(u); e != nil {
		e.URL = u.Redacted()
		return nil, e
	}
	return u, nil
}

// notFull is the message for a link without its scheme.
const notFull = "is not a full link; it must start with http:// or https://"

// looksLikePort reports whether s, the rest of "localhost:8080/x" after the
// colon, starts with a port number.
func looksLikePort(s string) bool {
	p, _, _ := strings.Cut(s, "/")
	p, _, _ = strings.Cut(p, "?")
	if p == "" || len(p) > 5 {
		return false
	}
	for _, c := range []byte(p) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// checkURL checks a link to fetch, the first or a redirect's; the *Error it
// returns has no URL.
func checkURL(u *url.URL) *Error {
	switch {
	case u.Scheme == "":
		return &Error{Kind: KindBadURL, Msg: notFull}
	case u.Scheme != "http" && u.Scheme != "https":
		return &Error{Kind: KindBadURL, Msg: "only http and https links can be opened"}
	case u.User != nil:
		return &Error{Kind: KindBadURL, Msg: "links with a user name or password (user:password@) cannot be opened"}
	case u.Opaque != "" || u.Hostname() == "":
		return &Error{Kind: KindBadURL, Msg: "the link has no host name"}
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return &Error{Kind: KindBadURL, Msg: "the port " + p + " does not exist"}
		}
	}
	return nil
}

// transport makes the transport for one fetch: no proxy, and every address
// checked when dialled.
func (f *Fetcher) transport() *http.Transport {
	p := policy{allow: f.Allow, private: f.AllowPrivate}
	return &http.Transport{
		Proxy: nil,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, _, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, err
			}
			d := &net.Dialer{
				ControlContext: func(_ context.Context, network, address string, _ syscall.RawConn) error {
					return p.check(host, network, address)
				},
			}
			return d.DialContext(ctx, network, addr)
		},
		ForceAttemptHTTP2:      true,
		MaxResponseHeaderBytes: 256 << 10,
		MaxIdleConnsPerHost:    2,
	}
}

// policy decides which addresses may be dialled.
type policy struct {
	allow   func(netip.Addr) bool
	private bool
}

// check refuses to dial address ("ip:port") over network when the policy
// forbids it; host is the name or IP literal it was resolved from.
func (p policy) check(host, network, address string) error {
	if network != "tcp4" && network != "tcp6" {
		return &Error{Kind: KindForbidden, Msg: "only TCP connections are made, not " + network}
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &Error{Kind: KindForbidden, Msg: "the address " + address + " could not be checked", Err: err}
	}
	a := ap.Addr().WithZone("")
	// Name the address as the link did when it is an IP literal (which the
	// dialer may have unmapped from ::ffff:127.0.0.1, say); else say what the
	// name resolved to.
	h, err := netip.ParseAddr(host)
	literal := err == nil && h.WithZone("").Unmap() == a.Unmap()
	subject := func(what string) string {
		switch {
		case literal:
			return h.WithZone("").String() + " is " + what
		case err == nil:
			return h.String() + " leads to " + a.String() + ", " + what
		}
		return host + " resolves to " + a.String() + ", " + what
	}
	refuse := func(msg string) error { return &Error{Kind: KindForbidden, Msg: msg} }
	if p.allow != nil {
		if p.allow(a.Unmap()) {
			return nil
		}
		if literal {
			return refuse(subject("not an address the server may fetch from"))
		}
		return refuse(subject("which is not an address the server may fetch from"))
	}
	if what := never(a); what != "" {
		return refuse(subject(what + ", which the server never fetches from"))
	}
	if p.private {
		return nil
	}
	if what := nonPublic(a); what != "" {
		return refuse(subject(what) + privateHint)
	}
	return nil
}

// state is one fetch's, for wording its errors.
type state struct {
	link     string // the link as given, password masked
	current  string // where the last redirect followed led, "" before any
	maxBytes int64
	timeout  time.Duration
	parent   context.Context // the caller's context
	ctx      context.Context // the fetch's, with its deadline
}

// fail makes the *Error of kind with msg, placed after the last redirect.
func (s *state) fail(kind ErrorKind, msg string, cause error) *Error {
	if s.current != "" {
		msg = afterRedirect(s.current, msg)
	}
	return &Error{Kind: kind, URL: s.link, Msg: msg, Err: cause}
}

// failed words the error of a request that got no response.
func (s *state) failed(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		out := *e
		out.URL = s.link
		if !out.placed && s.current != "" {
			out.Msg = afterRedirect(s.current, out.Msg)
		}
		out.placed = false
		return &out
	}
	if e := s.ended(err, "no answer"); e != nil {
		return e
	}
	if ue := (*url.Error)(nil); errors.As(err, &ue) {
		err = ue.Err // its text repeats the URL
	}
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownAuthority x509.UnknownAuthorityError
	var hostnameErr x509.HostnameError
	var invalidCert x509.CertificateInvalidError
	var recordErr tls.RecordHeaderError
	switch {
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		return s.fail(KindUnreachable, "no site is called "+dnsErr.Name, err)
	case errors.As(err, &dnsErr):
		return s.fail(KindUnreachable, "the site's name "+dnsErr.Name+" could not be looked up", err)
	case errors.Is(err, syscall.ECONNREFUSED):
		return s.fail(KindUnreachable, "the site refused the connection", err)
	case errors.As(err, &certErr), errors.As(err, &unknownAuthority),
		errors.As(err, &hostnameErr), errors.As(err, &invalidCert):
		return s.fail(KindUnreachable, "the site's certificate is not valid ("+err.Error()+")", err)
	case errors.As(err, &recordErr):
		return s.fail(KindUnreachable, "the site does not answer in HTTPS on this port", err)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET):
		return s.fail(KindUnreachable, "the site closed the connection without answering", err)
	}
	return s.fail(KindUnreachable, "the site could not be reached ("+err.Error()+")", err)
}

// failedReading words the error of reading a page's body.
func (s *state) failedReading(err error) *Error {
	if e := s.ended(err, "the page did not finish loading"); e != nil {
		return e
	}
	return s.fail(KindUnreachable, "the page broke off while loading ("+err.Error()+")", err)
}

// ended returns the *Error for a fetch whose context ended (what happened
// then, e.g. "no answer"), or nil when it has not.
func (s *state) ended(err error, what string) *Error {
	switch {
	case s.parent.Err() != nil && !errors.Is(s.parent.Err(), context.DeadlineExceeded):
		return s.fail(KindCanceled, "the fetch was canceled", s.parent.Err())
	case s.parent.Err() != nil:
		return s.fail(KindTimeout, what+" in time", err)
	case s.ctx.Err() != nil:
		return s.fail(KindTimeout, what+" within "+seconds(s.timeout), err)
	}
	return nil
}

// checkHTML refuses a Content-Type other than HTML's.
func (s *state) checkHTML(contentType string) *Error {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil && !errors.Is(err, mime.ErrInvalidMediaParameter) {
		return s.fail(KindNotHTML, "is of an unreadable type ("+strconv.Quote(contentType)+"), not an HTML page", err)
	}
	if mt != "text/html" && mt != "application/xhtml+xml" {
		return s.fail(KindNotHTML, "is "+mt+", not an HTML page", nil)
	}
	return nil
}

func redirectsMsg(n int) string {
	switch n {
	case 0:
		return "the site redirected, and redirects are not followed"
	case 1:
		return "more than 1 redirect"
	}
	return "more than " + strconv.Itoa(n) + " redirects"
}

func statusMsg(code int) string {
	msg := "the site answered " + strconv.Itoa(code)
	if t := http.StatusText(code); t != "" {
		msg += " " + t
	}
	switch code {
	case http.StatusUnauthorized, http.StatusForbidden:
		msg += " (the page may need a login, or the site refuses automated fetches)"
	case http.StatusTooManyRequests:
		msg += " (too many requests; try again later)"
	}
	return msg
}

// size words n bytes for an editor: "5 MiB", "64 KiB", "1000 bytes".
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	case n == 1:
		return "1 byte"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// seconds words d for an editor: "15 s", "200 ms", "1.5 s".
func seconds(d time.Duration) string {
	switch {
	case d%time.Second == 0:
		return strconv.FormatInt(int64(d/time.Second), 10) + " s"
	case d < time.Second && d%time.Millisecond == 0:
		return strconv.FormatInt(int64(d/time.Millisecond), 10) + " ms"
	}
	return fmt.Sprintf("%g s", d.Seconds())
}
