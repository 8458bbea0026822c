//go:build !wasm

package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
	"github.com/newsroom/annotator/app/fetch"
)

// newsPage reads testdata/news.html, a news page as a site serves it: the
// story inside menus, a share bar, a related-links box and a footer.
func newsPage(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "news.html"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// decodeArticle reads the annotation file the reader view answered with.
func decodeArticle(t *testing.T, r response) annotation.Document {
	t.Helper()
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	f, err := annotation.Decode(r.body)
	if err != nil {
		t.Fatalf("the answer is not a valid annotation file: %v\n%s", err, r.body)
	}
	if len(f.Annotations) != 0 {
		t.Errorf("%d annotations, want none", len(f.Annotations))
	}
	return f.Document
}

// checkArticle checks that doc is the story of newsPage, without its chrome.
func checkArticle(t *testing.T, doc annotation.Document) {
	t.Helper()
	if doc.Title != "Council approves new bridge" {
		t.Errorf("title %q, want the headline without the site's name", doc.Title)
	}
	for _, want := range []string{"ending a decade of debate", "“This is the day we have waited for,” said Mayor Maria Okafor", "Paul Brandt/Riverton Gazette"} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("the text lacks %q:\n%s", want, doc.Text)
		}
	}
	for _, chrome := range []string{"Sport", "Share Tweet", "Traffic plan unveiled", "newsletter"} {
		if strings.Contains(doc.Text, chrome) {
			t.Errorf("the text keeps the page's %q:\n%s", chrome, doc.Text)
		}
	}
	if n := strings.Count(doc.Text, "Jane Smith"); n != 1 {
		t.Errorf("the byline is in the text %d times, want once:\n%s", n, doc.Text)
	}
	if doc.Site != "The Riverton Gazette" || doc.Language != "en-GB" || doc.URL != "https://gazette.example/news/bridge" || doc.Published.IsZero() {
		t.Errorf("metadata: site %q, language %q, url %q, published %v", doc.Site, doc.Language, doc.URL, doc.Published)
	}
}

func TestExtractEndpoint(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	r := do(t, "POST", srv.URL+"/api/extract?name=bridge.html", newsPage(t), "Content-Type", "text/html; charset=utf-8")
	doc := decodeArticle(t, r)
	checkArticle(t, doc)
	if doc.Source != "bridge.html" {
		t.Errorf("source %q, want the file's name", doc.Source)
	}
	// Not a page: the editor is told, with the file's name.
	r = do(t, "POST", srv.URL+"/api/extract?name=empty.html", []byte("   "), "Content-Type", "text/html")
	if e := r.errBody(t); r.status != http.StatusUnprocessableEntity || !strings.HasPrefix(e.Error, "empty.html: ") {
		t.Errorf("an empty page: %d %q, want 422 naming the file", r.status, e.Error)
	}
	if r := do(t, "GET", srv.URL+"/api/extract", nil); r.status != http.StatusMethodNotAllowed {
		t.Errorf("GET /api/extract = %d, want 405", r.status)
	}
}

func TestFetchEndpoint(t *testing.T) {
	page := newsPage(t)
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/news/bridge":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		case "/report.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte("%PDF-1.7"))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(site.Close)
	ask := func(t *testing.T, srv *httptest.Server, link string) response {
		t.Helper()
		body, _ := json.Marshal(api.FetchRequest{URL: link})
		return do(t, "POST", srv.URL+api.Fetch, body)
	}

	// By default the server fetches only public pages: the test site, on
	// loopback, is refused and never asked.
	public, _ := newTestServer(t, Config{})
	r := ask(t, public, site.URL+"/news/bridge")
	if e := r.errBody(t); r.status != http.StatusForbidden || !strings.Contains(e.Error, "-fetch-private") {
		t.Errorf("a loopback link: %d %q, want 403 saying how to allow it", r.status, e.Error)
	}

	private, _ := newTestServer(t, Config{Fetcher: &fetch.Fetcher{AllowPrivate: true}})
	doc := decodeArticle(t, ask(t, private, site.URL+"/news/bridge"))
	checkArticle(t, doc)
	if doc.Source != site.URL+"/news/bridge" {
		t.Errorf("source %q, want the link", doc.Source)
	}
	for _, c := range []struct {
		link   string
		status int
		says   string
	}{
		{site.URL + "/report.pdf", http.StatusUnsupportedMediaType, "not an HTML page"},
		{site.URL + "/gone", http.StatusBadGateway, "404"},
		{"ftp://example.com/x", http.StatusBadRequest, "only http and https"},
	} {
		r := ask(t, private, c.link)
		if e := r.errBody(t); r.status != c.status || !strings.Contains(e.Error, c.says) {
			t.Errorf("%s: %d %q, want %d saying %q", c.link, r.status, e.Error, c.status, c.says)
		}
	}
	if r := do(t, "POST", private.URL+"/api/fetch", []byte(`{"link": "x"}`)); r.status != http.StatusBadRequest {
		t.Errorf("a body without url: %d, want 400", r.status)
	}
}
