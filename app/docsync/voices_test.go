//go:build !wasm

package docsync

import (
	"bytes"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
	"github.com/newsroom/annotator/app/voices"
)

// voicedArticle returns an article published on day in which Jane Holt
// (a woman, confirmed) says one quote of four words.
func voicedArticle(t *testing.T, title, day string) annotation.File {
	t.Helper()
	text := "“We will build it,” Jane Holt said on Monday.\n"
	set := annotation.NewSet(anchor.NewText(text), nil)
	q, err := set.New(annotation.Quote, 1, 17, annotation.Human, now)
	if err != nil {
		t.Fatal(err)
	}
	src, err := set.New(annotation.Source, 20, 29, annotation.Human, now)
	if err != nil {
		t.Fatal(err)
	}
	src.Voice = &annotation.Voice{Type: "person", Gender: "woman"}
	q.SetSpeaker(src.ID)
	doc := annotation.NewDocument(title, text, "")
	doc.Published, err = time.Parse("2006-01-02", day)
	if err != nil {
		t.Fatal(err)
	}
	return annotation.NewFile(doc, []annotation.Annotation{q, src})
}

// The server's report and the one made in the browser from the same
// documents agree, and both count what the articles hold.
func TestVoicesServerAndBrowser(t *testing.T) {
	srv, _ := newServer(t, "tok")
	s := New(newMemory(), &web{base: srv.URL})
	files := []annotation.File{voicedArticle(t, "One", "2026-03-02"), voicedArticle(t, "Two", "2026-03-10"), voicedArticle(t, "Three", "2026-04-01")}
	for _, f := range files {
		if _, err := s.Save(f, now); err != nil {
			t.Fatal(err)
		}
		body, err := annotation.Encode(f)
		if err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest("PUT", srv.URL+api.DocumentPath(f.Document.ID), bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer tok")
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != 201 {
			t.Fatalf("PUT %s: %v %v", f.Document.Title, resp.Status, err)
		}
		resp.Body.Close()
	}
	r := voices.Range{From: "2026-03-01", To: "2026-03-31"}
	var got api.VoicesReport
	var gotErr error
	s.Voices(r, func(rep api.VoicesReport, err error) { got, gotErr = rep, err })
	if gotErr == nil || !strings.Contains(gotErr.Error(), "needs a token") {
		t.Errorf("without the token: %v, want it asked for", gotErr)
	}
	if err := s.SetToken("tok"); err != nil {
		t.Fatal(err)
	}
	s.Voices(r, func(rep api.VoicesReport, err error) { got, gotErr = rep, err })
	if gotErr != nil {
		t.Fatal(gotErr)
	}
	if got.Documents != 2 || len(got.Sources) != 1 {
		t.Fatalf("server report: %d documents, %d sources; want 2 and 1 (March only)", got.Documents, len(got.Sources))
	}
	if row := got.Sources[0]; row.Name != "Jane Holt" || row.Gender != "woman" || row.Quotes != 2 || row.Words != 8 || row.Documents != 2 {
		t.Errorf("Jane Holt's row: %+v; want woman, 2 quotes, 8 words, 2 articles", row)
	}
	cs, err := s.Contributions()
	if err != nil {
		t.Fatal(err)
	}
	if local := voices.Combine(cs, r); !reflect.DeepEqual(local, got) {
		t.Errorf("the browser's report differs from the server's:\nbrowser %+v\nserver  %+v", local, got)
	}

	srv.Close()
	s.Voices(r, func(rep api.VoicesReport, err error) { gotErr = err })
	if gotErr == nil || !strings.Contains(gotErr.Error(), "cannot be reached") {
		t.Errorf("with the server down: %v", gotErr)
	}
}

// A document that cannot be read is left out of the browser's report, and named.
func TestContributionsDamaged(t *testing.T) {
	m := newMemory()
	lib := NewLibrary(m)
	a, b := voicedArticle(t, "Kept", "2026-03-02"), voicedArticle(t, "Damaged", "2026-03-03")
	for _, f := range []annotation.File{a, b} {
		if _, err := lib.Save(f, now); err != nil {
			t.Fatal(err)
		}
	}
	m.items[DocKey(b.Document.ID)] = "{not json"
	cs, err := lib.Contributions()
	if len(cs) != 1 || cs[0].Title != "Kept" {
		t.Errorf("contributions: %+v, want the readable one", cs)
	}
	if err == nil || !strings.Contains(err.Error(), "“Damaged”") {
		t.Errorf("error: %v, want the damaged document named", err)
	}
	if err := lib.SetCurrent(a.Document.ID); err != nil || lib.Current() != a.Document.ID {
		t.Errorf("SetCurrent: %v, current %s", err, lib.Current())
	}
}

// Contributions are kept beside the documents and read again only for a
// document saved since; those of removed documents go.
func TestContributionsCached(t *testing.T) {
	m := newMemory()
	lib := NewLibrary(m)
	a, b := voicedArticle(t, "First", "2026-03-02"), voicedArticle(t, "Second", "2026-03-03")
	for _, f := range []annotation.File{a, b} {
		if _, err := lib.Save(f, now); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := lib.Contributions(); err != nil {
		t.Fatal(err)
	}
	key := keyVoicesPrefix + a.Document.ID.UUID()
	if _, ok := m.items[key]; !ok {
		t.Fatalf("no contribution kept under %s", key)
	}
	// A kept contribution is what is read: one altered in storage shows (and
	// so proves the document was not read again)…
	var kept cachedContribution
	if err := json.Unmarshal([]byte(m.items[key]), &kept); err != nil {
		t.Fatal(err)
	}
	kept.C.Title = "From the cache"
	data, _ := json.Marshal(kept)
	m.items[key] = string(data)
	cs, _ := lib.Contributions()
	if titles := contributionTitles(cs); titles != "Second, From the cache" && titles != "From the cache, Second" {
		t.Errorf("titles %s: the kept contribution was not used", titles)
	}
	// …until the document is saved again.
	a.Document.Title = "First, revised"
	if _, err := lib.Save(a, now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	cs, _ = lib.Contributions()
	if titles := contributionTitles(cs); titles != "First, revised, Second" {
		t.Errorf("after a save: %s, want the revised title first", titles)
	}
	if _, err := lib.Remove(b.Document.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Contributions(); err != nil {
		t.Fatal(err)
	}
	if _, ok := m.items[keyVoicesPrefix+b.Document.ID.UUID()]; ok {
		t.Error("the removed document's contribution is still kept")
	}
}

func contributionTitles(cs []voices.Contribution) string {
	var ts []string
	for _, c := range cs {
		ts = append(ts, c.Title)
	}
	return strings.Join(ts, ", ")
}
