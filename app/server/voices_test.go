//go:build !wasm

package server

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
	"github.com/newsroom/annotator/app/store"
	"github.com/newsroom/annotator/app/store/dirstore"
	"github.com/newsroom/annotator/app/store/storetest"
)

// mark is a span of a fixture's text to annotate: the first occurrence of exact.
type mark struct {
	kind    annotation.Kind
	exact   string
	name    string            // a source's name
	voice   *annotation.Voice // a source's voice
	speaker int               // a quote's source: the index of its mark, from 1 (0 for none)
	pending bool              // a suggestion not yet reviewed
}

// fixture builds an annotation file of text with the marks.
func fixture(t *testing.T, title, text string, published time.Time, marks ...mark) annotation.File {
	t.Helper()
	doc := annotation.NewDocument(title, text, "")
	doc.Published = published
	set := annotation.NewSet(anchor.NewText(doc.Text), nil)
	anns := make([]annotation.Annotation, len(marks))
	for i, m := range marks {
		at := strings.Index(text, m.exact)
		if at < 0 {
			t.Fatalf("%s: %q is not in the text", title, m.exact)
		}
		start := utf8.RuneCountInString(text[:at])
		origin := annotation.Human
		if m.pending {
			origin = annotation.Suggested
		}
		a, err := set.New(m.kind, start, start+utf8.RuneCountInString(m.exact), origin, testTime)
		if err != nil {
			t.Fatal(err)
		}
		if m.pending {
			a.Confidence = 0.8
		}
		a.Name, a.Voice = m.name, m.voice
		if m.speaker > 0 {
			a.Speaker = anns[m.speaker-1].ID
		}
		anns[i] = a
	}
	return annotation.NewFile(doc, anns)
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t.Add(9 * time.Hour)
}

// voiceFixtures are five hand-counted articles: sources shared across them,
// voices set, two conflicts (Omar Reyes's gender, Jane Holt's role), pending
// suggestions (A4) and no published date (A5).
func voiceFixtures(t *testing.T) []annotation.File {
	person := func(gender, role string) *annotation.Voice {
		return &annotation.Voice{Type: "person", Gender: gender, Role: role}
	}
	q := annotation.Quote
	s := annotation.Source
	return []annotation.File{
		fixture(t, "A1 Budget", "“We will balance the books this year,” said Jane Holt. “Schools are safe,” Holt added. Officials said the plan was “fragile at best”.", day("2026-03-02"),
			mark{kind: s, exact: "Jane Holt", name: "Jane Holt", voice: person("woman", "official")},
			mark{kind: s, exact: "Holt added", name: "Jane Holt"},
			mark{kind: s, exact: "Officials", name: "officials", voice: &annotation.Voice{Type: "anonymous"}},
			mark{kind: q, exact: "We will balance the books this year,", speaker: 1}, // 7 words
			mark{kind: q, exact: "Schools are safe,", speaker: 2},                    // 3
			mark{kind: q, exact: "fragile at best", speaker: 3},                      // 3
		),
		fixture(t, "A2 Economists", "“The budget is a fantasy,” said Omar Reyes, an economist. Jane Holt disagreed: “It adds up.” A spokeswoman for the council said “we stand by it”.", day("2026-03-04"),
			mark{kind: s, exact: "Omar Reyes", name: "Omar Reyes", voice: person("man", "expert")},
			mark{kind: s, exact: "Jane Holt", name: "Jane Holt", voice: person("woman", "")},
			mark{kind: s, exact: "A spokeswoman for the council", name: "council spokeswoman", voice: &annotation.Voice{Type: "anonymous"}},
			mark{kind: q, exact: "The budget is a fantasy,", speaker: 1}, // 5
			mark{kind: q, exact: "It adds up.", speaker: 2},              // 3
			mark{kind: q, exact: "we stand by it", speaker: 3},           // 4
		),
		fixture(t, "A3 Report", "Omar Reyes said: “Growth will stall.” The city’s report found “a gap of four million”. “Trust us,” said Jane Holt.", day("2026-03-10"),
			mark{kind: s, exact: "Omar Reyes", name: "Omar Reyes", voice: person("woman", "")},
			mark{kind: s, exact: "The city’s report", voice: &annotation.Voice{Type: "document"}},
			mark{kind: s, exact: "Jane Holt", name: "Jane  Holt", voice: person("woman", "spokesperson")},
			mark{kind: q, exact: "Growth will stall.", speaker: 1},    // 3
			mark{kind: q, exact: "a gap of four million", speaker: 2}, // 5
			mark{kind: q, exact: "Trust us,", speaker: 3},             // 2
		),
		fixture(t, "A4 Buses", "“We need more buses,” said Li Wei. “Fares must fall,” said Ana Costa. “It is unfair,” said Jane Holt.", day("2026-03-11"),
			mark{kind: s, exact: "Li Wei", name: "Li Wei", voice: &annotation.Voice{Type: "person", Gender: "man", Proposed: []string{"gender"}}},
			mark{kind: s, exact: "Ana Costa", name: "Ana Costa", voice: person("woman", ""), pending: true},
			mark{kind: s, exact: "Jane Holt", name: "Jane Holt", voice: person("woman", ""), pending: true},
			mark{kind: q, exact: "We need more buses,", speaker: 1},             // 4
			mark{kind: q, exact: "Fares must fall,", speaker: 2, pending: true}, // pending: not counted
			mark{kind: q, exact: "It is unfair,", speaker: 3},                   // an accepted quote of a pending source: not counted
		),
		fixture(t, "A5 Trains", "“Service resumes Monday,” a spokeswoman said. Omar Reyes called it “overdue”.", time.Time{},
			mark{kind: s, exact: "a spokeswoman", name: "Council Spokeswoman", voice: &annotation.Voice{Type: "anonymous"}},
			mark{kind: s, exact: "Omar Reyes", name: "Omar Reyes"},
			mark{kind: q, exact: "Service resumes Monday,", speaker: 1}, // 3
			mark{kind: q, exact: "overdue", speaker: 2},                 // 1
		),
	}
}

// TestVoicesReport checks GET /api/voices and /api/voices.csv on the real
// server over the hand-counted articles, stored in a folder.
func TestVoicesReport(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	files := voiceFixtures(t)
	ids := map[string]annotation.ID{}
	for _, f := range files {
		ids[f.Document.Title[:2]] = f.Document.ID
		if r := do(t, "PUT", docURL(srv.URL, f), storetest.MustEncode(t, f)); r.status != http.StatusCreated {
			t.Fatalf("PUT %s: %d %s", f.Document.Title, r.status, r.body)
		}
	}
	// A5 saved a second time, a note added: its date stays its first save's.
	a5 := files[4]
	a5.Annotations[0].Note = "check the name"
	if r := do(t, "PUT", docURL(srv.URL, a5), storetest.MustEncode(t, a5)); r.status != http.StatusOK {
		t.Fatalf("PUT A5 again: %d %s", r.status, r.body)
	}
	now := time.Now().UTC()
	saved := now.Format(time.DateOnly)
	savedYear, savedWeek := now.ISOWeek()
	savedMonday := now.AddDate(0, 0, -(int(now.Weekday())+6)%7).Format(time.DateOnly)

	get := func(query string) api.VoicesReport {
		t.Helper()
		r := do(t, "GET", srv.URL+api.Voices+query, nil)
		if r.status != http.StatusOK {
			t.Fatalf("GET %s: %d %s", query, r.status, r.body)
		}
		var rep api.VoicesReport
		if err := json.Unmarshal(r.body, &rep); err != nil {
			t.Fatal(err)
		}
		return rep
	}
	type row struct {
		name, typ, gender, role string
		quotes, words, docs     int
		articles                []string
		conflicts               string
	}
	rowsOf := func(rep api.VoicesReport) []row {
		var out []row
		for _, s := range rep.Sources {
			r := row{name: s.Name, typ: s.Type, gender: s.Gender, role: s.Role, quotes: s.Quotes, words: s.Words, docs: s.Documents}
			for _, id := range s.Articles {
				for k, v := range ids {
					if v == id {
						r.articles = append(r.articles, k)
					}
				}
			}
			var cs []string
			for _, c := range s.Conflicts {
				var vs []string
				for _, v := range c.Values {
					var ds []string
					for _, id := range v.Documents {
						for k, d := range ids {
							if d == id {
								ds = append(ds, k)
							}
						}
					}
					vs = append(vs, v.Value+"="+strings.Join(ds, ","))
				}
				cs = append(cs, c.Field+":"+strings.Join(vs, " "))
			}
			r.conflicts = strings.Join(cs, ";")
			out = append(out, r)
		}
		return out
	}
	check := func(what string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
		}
	}

	// Every article. Counted by hand from the fixtures' comments.
	all := get("")
	check("documents", all.Documents, 5)
	check("rows", rowsOf(all), []row{
		{"Jane Holt", "person", "woman", "", 4, 15, 3, []string{"A3", "A2", "A1"}, "role:official=A1 spokesperson=A3"},
		{"Omar Reyes", "person", "", "expert", 3, 9, 3, []string{"A5", "A3", "A2"}, "gender:man=A2 woman=A3"},
		{"Council Spokeswoman", "anonymous", "", "", 2, 7, 2, []string{"A5", "A2"}, ""},
		{"The city’s report", "document", "", "", 1, 5, 1, []string{"A3"}, ""},
		{"Li Wei", "person", "", "", 1, 4, 1, []string{"A4"}, ""},
		{"officials", "anonymous", "", "", 1, 3, 1, []string{"A1"}, ""},
	})
	check("people", all.People, api.People{Woman: 1, Unknown: 2})
	check("weeks", all.Weeks, []api.VoicesWeek{
		{Week: "2026-W10", Start: "2026-03-02", Documents: 2, Sources: 5, Anonymous: 2, People: api.People{Woman: 2, Unknown: 1}},
		{Week: "2026-W11", Start: "2026-03-09", Documents: 2, Sources: 4, People: api.People{Woman: 1, Unknown: 2}},
		{Week: fmt.Sprintf("%d-W%02d", savedYear, savedWeek), Start: savedMonday, Documents: 1, Sources: 2, Anonymous: 1, People: api.People{Unknown: 1}},
	})
	check("articles", all.Articles, []api.VoicesArticle{
		{ID: ids["A5"], Title: "A5 Trains", Date: saved},
		{ID: ids["A4"], Title: "A4 Buses", Date: "2026-03-11"},
		{ID: ids["A3"], Title: "A3 Report", Date: "2026-03-10"},
		{ID: ids["A2"], Title: "A2 Economists", Date: "2026-03-04"},
		{ID: ids["A1"], Title: "A1 Budget", Date: "2026-03-02"},
	})

	// A range: A2 and A3 only; Jane Holt's role no longer conflicts.
	mid := get("?from=2026-03-03&to=2026-03-10")
	check("documents in range", mid.Documents, 2)
	check("rows in range", rowsOf(mid), []row{
		{"Omar Reyes", "person", "", "expert", 2, 8, 2, []string{"A3", "A2"}, "gender:man=A2 woman=A3"},
		{"Jane Holt", "person", "woman", "spokesperson", 2, 5, 2, []string{"A3", "A2"}, ""},
		{"The city’s report", "document", "", "", 1, 5, 1, []string{"A3"}, ""},
		{"council spokeswoman", "anonymous", "", "", 1, 4, 1, []string{"A2"}, ""},
	})
	check("people in range", mid.People, api.People{Woman: 1, Unknown: 1})

	// From a date on: A4, and A5 dated by its first save.
	late := get("?from=2026-03-11")
	check("documents from 11 March", late.Documents, 2)
	check("rows from 11 March", rowsOf(late), []row{
		{"Li Wei", "person", "", "", 1, 4, 1, []string{"A4"}, ""},
		{"Council Spokeswoman", "anonymous", "", "", 1, 3, 1, []string{"A5"}, ""},
		{"Omar Reyes", "", "", "", 1, 1, 1, []string{"A5"}, ""},
	})
	none := get("?to=2026-03-01")
	check("nothing before March", none, api.VoicesReport{Sources: []api.VoiceRow{}, People: api.People{}, Weeks: []api.VoicesWeek{}, Articles: []api.VoicesArticle{}})

	// The CSV: a header row, then the rows as the JSON has them.
	r := do(t, "GET", srv.URL+api.VoicesCSV+"?to=2026-03-10", nil)
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") {
		t.Fatalf("GET csv: %d %s %s", r.status, r.header.Get("Content-Type"), r.body)
	}
	if !bytes.Contains(r.body, []byte("\r\n")) {
		t.Errorf("CSV lines do not end in CRLF (RFC 4180): %q", r.body)
	}
	recs, err := csv.NewReader(bytes.NewReader(r.body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	check("CSV", recs, [][]string{
		{"name", "type", "gender", "role", "quotes", "words", "documents", "conflicts"},
		{"Jane Holt", "person", "woman", "", "4", "15", "3", "role: official (1 article), spokesperson (1 article)"},
		{"Omar Reyes", "person", "", "expert", "2", "8", "2", "gender: man (1 article), woman (1 article)"},
		{"The city’s report", "document", "", "", "1", "5", "1", ""},
		{"council spokeswoman", "anonymous", "", "", "1", "4", "1", ""},
		{"officials", "anonymous", "", "", "1", "3", "1", ""},
	})

	// A change is seen at once; a deleted article leaves the report.
	a1 := files[0]
	a1.Annotations[2].Voice = &annotation.Voice{Type: "anonymous", Role: "official"}
	if r := do(t, "PUT", docURL(srv.URL, a1), storetest.MustEncode(t, a1)); r.status != http.StatusOK {
		t.Fatalf("PUT A1 again: %d %s", r.status, r.body)
	}
	if r := do(t, "DELETE", docURL(srv.URL, files[2]), nil); r.status != http.StatusNoContent {
		t.Fatalf("DELETE A3: %d %s", r.status, r.body)
	}
	after := get("?to=2026-03-10")
	check("rows after an edit and a deletion", rowsOf(after), []row{
		{"Jane Holt", "person", "woman", "official", 3, 13, 2, []string{"A2", "A1"}, ""},
		{"Omar Reyes", "person", "man", "expert", 1, 5, 1, []string{"A2"}, ""},
		{"council spokeswoman", "anonymous", "", "", 1, 4, 1, []string{"A2"}, ""},
		{"officials", "anonymous", "", "official", 1, 3, 1, []string{"A1"}, ""},
	})
}

// TestVoicesBadRange checks that bad dates get 400 with a message naming them.
func TestVoicesBadRange(t *testing.T) {
	srv, _ := newTestServer(t, Config{Token: "secret"})
	for query, want := range map[string]string{
		"?from=2026-3-1":                 `from="2026-3-1" is not a date: want YYYY-MM-DD`,
		"?to=yesterday":                  `to="yesterday" is not a date`,
		"?from=2026-03-10&to=2026-03-02": "from=2026-03-10 is after to=2026-03-02",
	} {
		for _, path := range []string{api.Voices, api.VoicesCSV} {
			r := do(t, "GET", srv.URL+path+query, nil, "Authorization", "Bearer secret")
			if r.status != http.StatusBadRequest {
				t.Errorf("GET %s%s = %d, want 400", path, query, r.status)
				continue
			}
			if e := r.errBody(t); !strings.Contains(e.Error, want) {
				t.Errorf("GET %s%s: error %q does not say %q", path, query, e.Error, want)
			}
		}
	}
	if r := do(t, "GET", srv.URL+api.Voices, nil); r.status != http.StatusUnauthorized {
		t.Errorf("GET %s without the token = %d, want 401", api.Voices, r.status)
	}
}

// countingStore is a real store that counts the documents read from it.
type countingStore struct {
	store.Store
	gets atomic.Int64
}

func (c *countingStore) Get(ctx context.Context, id annotation.ID) (store.Object, error) {
	c.gets.Add(1)
	return c.Store.Get(ctx, id)
}

// TestVoicesCache checks that a report reads only the documents changed since
// the last one.
func TestVoicesCache(t *testing.T) {
	dir, err := dirstore.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st := &countingStore{Store: dir}
	srv, _ := newTestServer(t, Config{Store: st})
	files := voiceFixtures(t)
	for _, f := range files {
		if r := do(t, "PUT", docURL(srv.URL, f), storetest.MustEncode(t, f)); r.status != http.StatusCreated {
			t.Fatalf("PUT %s: %d %s", f.Document.Title, r.status, r.body)
		}
	}
	report := func(wantReads int64) {
		t.Helper()
		before := st.gets.Load()
		if r := do(t, "GET", srv.URL+api.Voices, nil); r.status != http.StatusOK {
			t.Fatalf("GET: %d %s", r.status, r.body)
		}
		if n := st.gets.Load() - before; n != wantReads {
			t.Errorf("the report read %d documents, want %d", n, wantReads)
		}
	}
	report(5)
	report(0)
	f := files[1]
	f.Annotations[0].Note = "changed"
	if r := do(t, "PUT", docURL(srv.URL, f), storetest.MustEncode(t, f)); r.status != http.StatusOK {
		t.Fatalf("PUT: %d %s", r.status, r.body)
	}
	report(1)
}
