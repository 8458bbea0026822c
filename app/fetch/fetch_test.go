//go:build !wasm

package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// These tests run real servers on loopback addresses (Linux routes all of
// 127.0.0.0/8 there). Each server counts the connections it accepted and the
// requests it saw, so a refusal is shown to happen before any connection.

// server is an httptest server that counts what reaches it.
type server struct {
	*httptest.Server
	conns, reqs atomic.Int32
}

// serve starts a server for h listening on addr ("127.0.0.1:0", "127.0.0.2:0",
// "[::1]:0"); it skips the test when addr cannot be listened on.
func serve(t *testing.T, addr string, h http.HandlerFunc) *server {
	t.Helper()
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s: %v", addr, err)
	}
	s := &server{}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.reqs.Add(1)
		h(w, r)
	}))
	s.Listener.Close()
	s.Listener = l
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.conns.Add(1)
		}
	}
	s.Start()
	t.Cleanup(s.Close)
	return s
}

// port is the server's port.
func (s *server) port() string {
	_, p, _ := net.SplitHostPort(s.Listener.Addr().String())
	return p
}

// untouched fails the test unless no connection reached s.
func (s *server) untouched(t *testing.T) {
	t.Helper()
	if c, r := s.conns.Load(), s.reqs.Load(); c != 0 || r != 0 {
		t.Errorf("the server at %s saw %d connections and %d requests, want none", s.URL, c, r)
	}
}

const article = "<!DOCTYPE html><html><head><title>Budget</title></head><body><p>The council voted.</p></body></html>"

// page serves article as UTF-8 HTML.
func page(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, article)
}

// stall answers nothing until the client goes away or the test ends.
func stall(t *testing.T) func(w http.ResponseWriter, r *http.Request) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) }) // before the server's Close, which waits for handlers
	return func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}
}

// testDeadline bounds every fetch of the tests, so that a Fetcher ignoring its
// own Timeout fails (its error then says "in time") instead of hanging.
const testDeadline = 10 * time.Second

// fetchErr fetches rawURL with f, expecting an *Error of kind whose text holds
// every one of want.
func fetchErr(t *testing.T, f *Fetcher, rawURL string, kind ErrorKind, want ...string) *Error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testDeadline)
	defer cancel()
	p, err := f.Fetch(ctx, rawURL)
	if err == nil {
		t.Fatalf("Fetch(%q) = page %s (%d bytes), want a %s error", rawURL, p.URL, len(p.Body), kind)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("Fetch(%q) error %T %q is not an *Error", rawURL, err, err)
	}
	if e.Kind != kind {
		t.Errorf("Fetch(%q) error kind %s, want %s (%q)", rawURL, e.Kind, kind, err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("Fetch(%q) error %q does not say %q", rawURL, err, w)
		}
	}
	return e
}

// fetchOK fetches rawURL with f, expecting a page.
func fetchOK(t *testing.T, f *Fetcher, rawURL string) *Page {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testDeadline)
	defer cancel()
	p, err := f.Fetch(ctx, rawURL)
	if err != nil {
		t.Fatalf("Fetch(%q): %v", rawURL, err)
	}
	return p
}

func TestRefusesLocalServers(t *testing.T) {
	s1 := serve(t, "127.0.0.1:0", page)
	s2 := serve(t, "127.0.0.2:0", page)
	f := &Fetcher{}
	for _, c := range []struct{ url, want string }{
		{"http://127.0.0.1:" + s1.port() + "/", "127.0.0.1 is a loopback address"},
		{"http://localhost:" + s1.port() + "/article", "localhost resolves to "},
		{"http://[::ffff:127.0.0.1]:" + s1.port() + "/", "::ffff:127.0.0.1 is a loopback address"},
		{"http://[::ffff:7f00:1]:" + s1.port() + "/", "is a loopback address"},
		{"https://127.0.0.1:" + s1.port() + "/", "127.0.0.1 is a loopback address"},
		{"http://127.0.0.2:" + s2.port() + "/", "127.0.0.2 is a loopback address"},
	} {
		e := fetchErr(t, f, c.url, KindForbidden, c.want, "the server fetches only public pages (start it with -fetch-private to allow this)")
		if e.URL != c.url {
			t.Errorf("Error.URL = %q, want %q", e.URL, c.url)
		}
	}
	s1.untouched(t)
	s2.untouched(t)

	// And the same servers do answer when allowed: the refusals above were the policy's.
	fetchOK(t, &Fetcher{AllowPrivate: true}, s1.URL)
	fetchOK(t, &Fetcher{AllowPrivate: true}, s2.URL)
}

func TestRefusesIPv6Loopback(t *testing.T) {
	s := serve(t, "[::1]:0", page)
	fetchErr(t, &Fetcher{}, "http://[::1]:"+s.port()+"/", KindForbidden, "::1 is a loopback address", "-fetch-private")
	s.untouched(t)
	fetchOK(t, &Fetcher{AllowPrivate: true}, s.URL)
}

func TestRefusesInternalAddresses(t *testing.T) {
	// No server listens at these; a Fetcher that dialled them would get
	// another kind of error (or a timeout, kept short).
	f := &Fetcher{Timeout: time.Second}
	for _, c := range []struct{ host, want string }{
		{"10.0.0.5", "10.0.0.5 is a private address; the server fetches only public pages (start it with -fetch-private to allow this)"},
		{"172.16.3.4", "172.16.3.4 is a private address"},
		{"192.168.1.1", "192.168.1.1 is a private address"},
		{"100.64.0.1", "100.64.0.1 is a shared (carrier-grade NAT) address"},
		{"169.254.1.1", "169.254.1.1 is a link-local address"},
		{"169.254.169.254", "169.254.169.254 is the cloud metadata service, which the server never fetches from"},
		{"[fd00:ec2::254]", "fd00:ec2::254 is the cloud metadata service"},
		{"[fe80::1]", "fe80::1 is a link-local address"},
		{"[fc00::1]", "fc00::1 is a private address"},
		{"[fd12:3456::1]", "fd12:3456::1 is a private address"},
		{"[::ffff:10.0.0.5]", "::ffff:10.0.0.5 is a private address"},
		{"[::ffff:169.254.169.254]", "::ffff:169.254.169.254 is the cloud metadata service"},
		{"[64:ff9b::a9fe:a9fe]", "64:ff9b::a9fe:a9fe is a NAT64 form of 169.254.169.254, a link-local address"},
		{"[64:ff9b::a00:5]", "64:ff9b::a00:5 is a NAT64 form of 10.0.0.5, a private address"},
		{"[2002:7f00:1::]", "2002:7f00:1:: is a 6to4 form of 127.0.0.1, a loopback address"},
		{"[::127.0.0.1]", "::7f00:1 is a reserved address"},
		{"192.0.2.1", "192.0.2.1 is a documentation address"},
		{"198.18.0.1", "198.18.0.1 is a benchmarking address"},
		{"240.0.0.1", "240.0.0.1 is a reserved address"},
	} {
		fetchErr(t, f, "http://"+c.host+"/x", KindForbidden, "http://"+c.host+"/x: "+c.want)
	}
	// These no policy but Allow lets through, as -fetch-private would not help.
	for _, c := range []struct{ host, want string }{
		{"0.0.0.0", "0.0.0.0 "},
		{"[::]", ":: "},
		{"0.1.2.3", "0.1.2.3 is a “this network” address"},
		{"224.0.0.1", "224.0.0.1 is a multicast address"},
		{"[ff02::1]", "ff02::1 is a multicast address"},
		{"255.255.255.255", "255.255.255.255 is the broadcast address"},
		{"169.254.169.254", "169.254.169.254 is the cloud metadata service, which the server never fetches from"},
	} {
		for _, f := range []*Fetcher{{Timeout: time.Second}, {Timeout: time.Second, AllowPrivate: true}} {
			e := fetchErr(t, f, "http://"+c.host+"/x", KindForbidden, c.want)
			if strings.Contains(e.Msg, "-fetch-private") {
				t.Errorf("%q suggests -fetch-private, which would not help", e)
			}
		}
	}
}

func TestAllowPrivate(t *testing.T) {
	s := serve(t, "127.0.0.1:0", page)
	f := &Fetcher{AllowPrivate: true}
	for _, u := range []string{s.URL + "/article?id=7", "  http://localhost:" + s.port() + "/article?id=7\n"} {
		p := fetchOK(t, f, u)
		if string(p.Body) != article {
			t.Errorf("body %q, want %q", p.Body, article)
		}
		if p.ContentType != "text/html; charset=utf-8" {
			t.Errorf("content type %q", p.ContentType)
		}
		if want := strings.TrimSpace(u); p.URL != want {
			t.Errorf("URL %q, want %q", p.URL, want)
		}
	}
	if n := s.reqs.Load(); n != 2 {
		t.Errorf("the server saw %d requests, want 2", n)
	}
}

func TestRedirectToRefusedAddress(t *testing.T) {
	second := serve(t, "127.0.0.2:0", page)
	first := serve(t, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, second.URL+"/secret", http.StatusFound)
	})
	only1 := &Fetcher{Allow: func(a netip.Addr) bool { return a == netip.MustParseAddr("127.0.0.1") }}
	fetchErr(t, only1, first.URL+"/story", KindForbidden,
		first.URL+"/story: redirected to "+second.URL+"/secret, and 127.0.0.2 is not an address the server may fetch from")
	second.untouched(t)
	if n := first.reqs.Load(); n != 1 {
		t.Errorf("the first server saw %d requests, want 1", n)
	}

	// A policy allowing both follows the same redirect to the page.
	both := &Fetcher{Allow: func(a netip.Addr) bool { return a.IsLoopback() }}
	if p := fetchOK(t, both, first.URL+"/story"); p.URL != second.URL+"/secret" || string(p.Body) != article {
		t.Errorf("got %s %q, want the page at %s/secret", p.URL, p.Body, second.URL)
	}

	// And a redirect to a name resolving to a refused address.
	toName := serve(t, "127.0.0.2:0", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://localhost:"+first.port()+"/secret", http.StatusMovedPermanently)
	})
	before := first.conns.Load()
	fetchErr(t, &Fetcher{Allow: func(a netip.Addr) bool { return a == netip.MustParseAddr("127.0.0.2") }},
		toName.URL, KindForbidden, "redirected to http://localhost:"+first.port()+"/secret, and localhost resolves to ")
	if first.conns.Load() != before {
		t.Error("the redirect to localhost reached the server on 127.0.0.1")
	}
}

func TestRedirectPolicyOnEveryHop(t *testing.T) {
	// The first hop is allowed by name, the redirect to a literal is not:
	// the policy is applied to every connection, not only the first URL's.
	target := serve(t, "127.0.0.1:0", page)
	first := serve(t, "127.0.0.2:0", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL, http.StatusTemporaryRedirect)
	})
	f := &Fetcher{Allow: func(a netip.Addr) bool {
		return a == netip.MustParseAddr("127.0.0.2") || IsPublic(a)
	}}
	fetchErr(t, f, first.URL, KindForbidden, "redirected to "+target.URL+", and 127.0.0.1 is not an address")
	target.untouched(t)
}

func TestRedirectSchemes(t *testing.T) {
	victim := serve(t, "127.0.0.1:0", page)
	var to atomic.Value
	s := serve(t, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", to.Load().(string))
		w.WriteHeader(http.StatusFound)
	})
	f := &Fetcher{AllowPrivate: true}
	for _, c := range []struct{ location, want string }{
		{"ftp://example.com/x", "redirected to ftp://example.com/x, and only http and https links can be opened"},
		{"file:///etc/passwd", "redirected to file:///etc/passwd, and only http and https links can be opened"},
		{"gopher://example.com/", "redirected to gopher://example.com/, and only http and https links can be opened"},
		{"http://editor:hunter2@127.0.0.1:" + victim.port() + "/", "redirected to http://editor:xxxxx@127.0.0.1:" + victim.port() + "/, and links with a user name or password"},
	} {
		to.Store(c.location)
		e := fetchErr(t, f, s.URL+"/a", KindBadURL, s.URL+"/a: "+c.want)
		if strings.Contains(e.Error(), "hunter2") {
			t.Errorf("%q shows the password", e)
		}
	}
	victim.untouched(t)
}

func TestRedirectLimit(t *testing.T) {
	var last atomic.Int32
	last.Store(-1)
	s := serve(t, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/hop/"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		last.Store(int32(n))
		if n == 0 {
			page(w, r)
			return
		}
		http.Redirect(w, r, "/hop/"+strconv.Itoa(n-1), http.StatusFound)
	})
	hops := func(n int) string { return s.URL + "/hop/" + strconv.Itoa(n) }
	for _, c := range []struct {
		max, ok int    // MaxRedirects, and a chain of redirects within it
		want    string // the error for one more
	}{
		{0, DefaultMaxRedirects, "more than 5 redirects"},
		{3, 3, "more than 3 redirects"},
		{1, 1, "more than 1 redirect"},
		{-1, 0, "the site redirected, and redirects are not followed"},
	} {
		f := &Fetcher{AllowPrivate: true, MaxRedirects: c.max}
		if p := fetchOK(t, f, hops(c.ok)); p.URL != hops(0) {
			t.Errorf("MaxRedirects %d: final URL %s, want %s", c.max, p.URL, hops(0))
		}
		fetchErr(t, f, hops(c.ok+1), KindRedirects, hops(c.ok+1)+": "+c.want)
		if n := last.Load(); n != 1 {
			t.Errorf("MaxRedirects %d: the last hop requested was %d, want 1 (never the page)", c.max, n)
		}
	}
}

func TestSize(t *testing.T) {
	const limit = 1000
	body := func(n int) []byte { return []byte("<!DOCTYPE html>" + strings.Repeat("a", n-len("<!DOCTYPE html>"))) }
	s := serve(t, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		w.Header().Set("Content-Type", "text/html")
		if r.URL.Query().Has("chunked") {
			w.(http.Flusher).Flush() // headers go out now, without Content-Length
		} else {
			w.Header().Set("Content-Length", strconv.Itoa(n))
		}
		w.Write(body(n))
	})
	f := &Fetcher{AllowPrivate: true, MaxBytes: limit}
	for _, mode := range []string{"", "&chunked"} {
		if p := fetchOK(t, f, s.URL+"/?n=1000"+mode); !bytes.Equal(p.Body, body(limit)) {
			t.Errorf("%s: got %d bytes, want the %d sent", mode, len(p.Body), limit)
		}
		fetchErr(t, f, s.URL+"/?n=1001"+mode, KindTooLarge, "the page is larger than 1000 bytes")
		fetchErr(t, f, s.URL+"/?n=300000"+mode, KindTooLarge, "the page is larger than 1000 bytes")
	}
}

func TestSizeContentLengthRefusedEarly(t *testing.T) {
	// The server announces 6 MiB and sends none of it: only the header can
	// have refused it, before a timeout would.
	wait := stall(t)
	s := serve(t, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", strconv.Itoa(6<<20))
		w.WriteHeader(http.StatusOK)
		w.(http.Flusher).Flush()
		wait(w, r)
	})
	fetchErr(t, &Fetcher{AllowPrivate: true, Timeout: 3 * time.Second}, s.URL, KindTooLarge, s.URL+": the page is larger than 5 MiB")
}

func TestSizeCountsDecompressed(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("<html>" + strings.Repeat(" ", 1<<20)))
	zw.Close()
	if gz.Len() > 10<<10 {
		t.Fatalf("compressed to %d bytes, want a small bomb", gz.Len())
	}
	s := serve(t, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			t.Error("the request does not accept gzip")
		}
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gz.Bytes())
	})
	fetchErr(t, &Fetcher{AllowPrivate: true, MaxBytes: 64 << 10}, s.URL, KindTooLarge, "larger than 64 KiB")
	if p := fetchOK(t, &Fetcher{AllowPrivate: true, MaxBytes: 2 << 20}, s.URL); len(p.Body) != 1<<20+len("<html>") {
		t.Errorf("got %d bytes, want the decompressed %d", len(p.Body), 1<<20+len("<html>"))
	}
}

func TestTimeout(t *testing.T) {
	wait := stall(t)
	silent := serve(t, "127.0.0.1:0", wait)
	trickle := serve(t, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body>The council"))
		w.(http.Flusher).Flush()
		wait(w, r)
	})
	f := &Fetcher{AllowPrivate: true, Timeout: 200 * time.Millisecond}
	for _, c := range []struct{ url, want string }{
		{silent.URL, silent.URL + ": no answer within 200 ms"},
		{trickle.URL, trickle.URL + ": the page did not finish loading within 200 ms"},
	} {
		start := time.Now()
		fetchErr(t, f, c.url, KindTimeout, c.want)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s took %v with a 200 ms timeout", c.url, d)
		}
	}

	// A caller's earlier deadline counts too, and a cancellation is told apart.
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := (&Fetcher{AllowPrivate: true}).Fetch(ctx, silent.URL)
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindTimeout || !strings.HasSuffix(e.Msg, "no answer in time") {
		t.Errorf("with the caller's 100 ms deadline: %v, want a timeout", err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err = (&Fetcher{AllowPrivate: true}).Fetch(ctx, silent.URL)
	if !errors.As(err, &e) || e.Kind != KindCanceled || !errors.Is(err, context.Canceled) {
		t.Errorf("when the caller cancels: %v, want a cancellation", err)
	}
}

func TestContentType(t *testing.T) {
	s := serve(t, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/redirect":
			http.Redirect(w, r, "/report.pdf", http.StatusFound)
			return
		case "/report.pdf":
			w.Header().Set("Content-Type", "application/pdf")
		case "/sniff-html", "/sniff-pdf":
			w.Header()["Content-Type"] = nil // send none
		default:
			w.Header().Set("Content-Type", r.URL.Query().Get("type"))
		}
		if r.URL.Path == "/report.pdf" || r.URL.Path == "/sniff-pdf" {
			fmt.Fprint(w, "%PDF-1.7\n")
			return
		}
		fmt.Fprint(w, article)
	})
	f := &Fetcher{AllowPrivate: true}
	fetchErr(t, f, s.URL+"/report.pdf", KindNotHTML, s.URL+"/report.pdf: is application/pdf, not an HTML page")
	fetchErr(t, f, s.URL+"/redirect", KindNotHTML, s.URL+"/redirect: redirected to "+s.URL+"/report.pdf, which is application/pdf, not an HTML page")
	fetchErr(t, f, s.URL+"/sniff-pdf", KindNotHTML, "is application/pdf, not an HTML page")
	fetchErr(t, f, s.URL+"/?type=text/plain", KindNotHTML, "is text/plain, not an HTML page")
	fetchErr(t, f, s.URL+"/?type=image/svg%2Bxml", KindNotHTML, "is image/svg+xml, not an HTML page")
	fetchErr(t, f, s.URL+"/?type=%2F%2F%2F", KindNotHTML, "unreadable type")

	for _, c := range []struct{ path, want string }{
		{"/sniff-html", "text/html; charset=utf-8"},
		{"/?type=application/xhtml%2Bxml", "application/xhtml+xml"},
		{"/?type=Text/HTML%3B%20charset=ISO-8859-1", "Text/HTML; charset=ISO-8859-1"},
	} {
		p := fetchOK(t, f, s.URL+c.path)
		if p.ContentType != c.want || string(p.Body) != article {
			t.Errorf("%s: got %q, %q; want %q and the article", c.path, p.ContentType, p.Body, c.want)
		}
	}
}

func TestBadURLs(t *testing.T) {
	s := serve(t, "127.0.0.1:0", page)
	f := &Fetcher{AllowPrivate: true, Timeout: time.Second}
	for _, c := range []struct{ url, want string }{
		{"", "no link was given"},
		{"   ", "no link was given"},
		{"/article", "/article: is not a full link; it must start with http:// or https://"},
		{"127.0.0.1:" + s.port() + "/article", "is not a full link"},
		{"localhost:" + s.port() + "/article", "is not a full link"},
		{"example.com/article", "is not a full link"},
		{"www.example.com", "is not a full link"},
		{"//127.0.0.1:" + s.port() + "/", "is not a full link"},
		{"http:///article", "the link has no host name"},
		{"http://:" + s.port() + "/", "the link has no host name"},
		{"http:127.0.0.1", "the link has no host name"},
		{"javascript:alert(1)", "javascript:alert(1): only http and https links can be opened"},
		{"ftp://example.com/file", "ftp://example.com/file: only http and https links can be opened"},
		{"file:///etc/passwd", "only http and https links can be opened"},
		{"data:text/html,<p>hi", "only http and https links can be opened"},
		{"mailto:desk@example.com", "only http and https links can be opened"},
		{"http://editor:hunter2@127.0.0.1:" + s.port() + "/", "links with a user name or password (user:password@) cannot be opened"},
		{"http://editor@127.0.0.1:" + s.port() + "/", "user name or password"},
		{"http://127.0.0.1:99999/", "the port 99999 does not exist"},
		{"http://127.0.0.1:0/", "the port 0 does not exist"},
		{"http://[::1/", "is not a valid link"},
		{"http://exa mple.com/", "is not a valid link"},
		{"http://%41/", "is not a valid link"},
	} {
		e := fetchErr(t, f, c.url, KindBadURL, c.want)
		if strings.Contains(e.Error(), "hunter2") {
			t.Errorf("%q shows the password", e)
		}
	}
	s.untouched(t)
}

func TestStatus(t *testing.T) {
	s := serve(t, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
		code, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/"))
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(code)
		fmt.Fprint(w, article)
	})
	f := &Fetcher{AllowPrivate: true}
	for _, c := range []struct {
		code int
		want string
	}{
		{404, "the site answered 404 Not Found"},
		{410, "the site answered 410 Gone"},
		{500, "the site answered 500 Internal Server Error"},
		{403, "the site answered 403 Forbidden (the page may need a login"},
		{304, "the site answered 304 Not Modified"},
		{599, "the site answered 599"},
	} {
		e := fetchErr(t, f, s.URL+"/"+strconv.Itoa(c.code), KindStatus, c.want)
		if e.Status != c.code {
			t.Errorf("Status %d, want %d", e.Status, c.code)
		}
	}
	for _, code := range []int{200, 203} {
		fetchOK(t, f, s.URL+"/"+strconv.Itoa(code))
	}
}

func TestUnreachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	fetchErr(t, &Fetcher{AllowPrivate: true}, "http://"+addr+"/", KindUnreachable, "http://"+addr+"/: the site refused the connection")

	// An HTTPS link to a plain HTTP server.
	s := serve(t, "127.0.0.1:0", page)
	fetchErr(t, &Fetcher{AllowPrivate: true}, "https://"+s.Listener.Addr().String()+"/", KindUnreachable, "HTTPS")
	// And a certificate no authority signed.
	tlsServer := httptest.NewUnstartedServer(http.HandlerFunc(page))
	tlsServer.Config.ErrorLog = log.New(io.Discard, "", 0) // not the handshake it fails
	tlsServer.StartTLS()
	defer tlsServer.Close()
	fetchErr(t, &Fetcher{AllowPrivate: true}, tlsServer.URL, KindUnreachable, "the site's certificate is not valid")
}

func TestNoProxyFromEnvironment(t *testing.T) {
	t.Setenv("HTTP_PROXY", "http://127.0.0.1:1")
	t.Setenv("HTTPS_PROXY", "http://127.0.0.1:1")
	if tr := (&Fetcher{}).transport(); tr.Proxy != nil {
		t.Error("the transport has a proxy function")
	}
}

func TestErrors(t *testing.T) {
	for k, want := range map[ErrorKind]int{
		KindBadURL: 400, KindForbidden: 403, KindTooLarge: 413, KindNotHTML: 415,
		KindStatus: 502, KindRedirects: 502, KindUnreachable: 502, KindTimeout: 504,
		KindCanceled: 503, 0: 500,
	} {
		if got := k.HTTPStatus(); got != want {
			t.Errorf("%s.HTTPStatus() = %d, want %d", k, got, want)
		}
		if k != 0 && k.String() == "unknown" {
			t.Errorf("kind %d has no name", int(k))
		}
	}
	// Through wrapping, as the server may receive it.
	_, err := (&Fetcher{}).Fetch(context.Background(), "ftp://example.com/")
	var e *Error
	if wrapped := fmt.Errorf("open: %w", err); !errors.As(wrapped, &e) || e.Kind.HTTPStatus() != http.StatusBadRequest {
		t.Errorf("errors.As(%v) = %v", wrapped, e)
	}
}

func TestWording(t *testing.T) {
	for n, want := range map[int64]string{5 << 20: "5 MiB", 64 << 10: "64 KiB", 1000: "1000 bytes", 1: "1 byte", 1536 << 10: "1536 KiB"} {
		if got := size(n); got != want {
			t.Errorf("size(%d) = %q, want %q", n, got, want)
		}
	}
	for d, want := range map[time.Duration]string{15 * time.Second: "15 s", 200 * time.Millisecond: "200 ms", 1500 * time.Millisecond: "1.5 s"} {
		if got := seconds(d); got != want {
			t.Errorf("seconds(%v) = %q, want %q", d, got, want)
		}
	}
}
