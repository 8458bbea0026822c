//go:build !wasm

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
	bt "github.com/newsroom/annotator/app/browsertest"
	"github.com/newsroom/annotator/app/docsync"
	"github.com/newsroom/annotator/app/sample"
)

// said is a quote in a test article and who says it: the source's text, its
// name where an editor set one, and its voice.
type said struct {
	quote, source, name string
	voice               *annotation.Voice
}

// voice is a confirmed voice.
func voice(typ, gender, role string) *annotation.Voice {
	return &annotation.Voice{Type: typ, Gender: gender, Role: role}
}

// quotedArticle returns an article published on day of a line per quote:
// “quote,” said source, then body. Mentions of a source in one article are
// sources of their own, joined by name as editors' are.
func quotedArticle(tb testing.TB, title, day string, quotes []said, body string) annotation.File {
	tb.Helper()
	var text strings.Builder
	type span struct{ qs, qe, ss, se int }
	var spans []span
	n := func() int { return len([]rune(text.String())) }
	for _, q := range quotes {
		text.WriteString("“")
		s := span{qs: n()}
		text.WriteString(q.quote)
		s.qe = n()
		text.WriteString(",” said ")
		s.ss = n()
		text.WriteString(q.source)
		s.se = n()
		text.WriteString(".\n\n")
		spans = append(spans, s)
	}
	text.WriteString(body)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	set := annotation.NewSet(anchor.NewText(text.String()), nil)
	var anns []annotation.Annotation
	for i, q := range quotes {
		qa, err := set.New(annotation.Quote, spans[i].qs, spans[i].qe, annotation.Human, at)
		if err != nil {
			tb.Fatal(err)
		}
		sa, err := set.New(annotation.Source, spans[i].ss, spans[i].se, annotation.Human, at)
		if err != nil {
			tb.Fatal(err)
		}
		sa.Name, sa.Voice = q.name, q.voice
		qa.SetSpeaker(sa.ID)
		anns = append(anns, qa, sa)
	}
	doc := annotation.NewDocument(title, text.String(), "")
	var err error
	if doc.Published, err = time.Parse("2006-01-02", day); err != nil {
		tb.Fatal(err)
	}
	return annotation.NewFile(doc, anns)
}

// newsroomWeek is five hand-counted articles over four ISO weeks (2026-W10
// to W13): sources shared between articles, one named in another case, one
// whose gender articles disagree on, one whose gender is only proposed.
func newsroomWeek(tb testing.TB) []annotation.File {
	jane := voice("person", "woman", "official")
	ana := voice("person", "woman", "spokesperson")
	return []annotation.File{
		quotedArticle(tb, "Council approves budget", "2026-03-02", []said{
			{"We balanced the books", "Jane Holt", "", jane},
			{"Nobody loses a service", "Jane Holt", "", jane},
			{"The vote was close", "officials", "", voice("anonymous", "", "")},
		}, ""),
		quotedArticle(tb, "Bridge reopens after repairs", "2026-03-05", []said{
			{"It is safe", "Ms Holt", "jane  holt", jane},
			{"The steel is new", "Bob Marr", "", voice("person", "man", "expert")},
		}, ""),
		quotedArticle(tb, "Port strike ends", "2026-03-10", []said{
			{"Talks went well", "Bob Marr", "", voice("person", "woman", "")},
			{"Costs rose sharply last year", "the report", "", voice("document", "", "")},
			{"Ships sail tonight", "Ana Ruiz", "", ana},
		}, ""),
		quotedArticle(tb, "Harbour plan unveiled", "2026-03-18", []said{
			{"I love the harbour", "Sam Lee", "", &annotation.Voice{Type: "person", Gender: "woman", Role: "public", Proposed: []string{"gender"}}},
			{"It will cost more", "a senior official", "", voice("anonymous", "", "official")},
			{"Work starts in May", "Tom Fry", "", voice("person", "man", "official")},
		}, ""),
		quotedArticle(tb, "Schools get new funding", "2026-03-25", []said{
			{"Every school benefits", "Ana Ruiz", "", ana},
			{"This is overdue", "Jane Holt", "", jane},
		}, ""),
	}
}

// memoryStorage is a docsync.Storage in memory, to lay out what a browser keeps.
type memoryStorage map[string]string

func (m memoryStorage) Get(k string) (string, bool) { v, ok := m[k]; return v, ok }
func (m memoryStorage) Set(k, v string) error       { m[k] = v; return nil }
func (m memoryStorage) Delete(k string)             { delete(m, k) }
func (m memoryStorage) Keys(prefix string) []string {
	var ks []string
	for k := range m {
		if strings.HasPrefix(k, prefix) {
			ks = append(ks, k)
		}
	}
	return ks
}

// keepInBrowser stores files in the page's local storage as the editor keeps
// them (docsync's library: the documents and their index).
func keepInBrowser(tb testing.TB, ctx context.Context, files []annotation.File) {
	tb.Helper()
	m := memoryStorage{}
	lib := docsync.NewLibrary(m)
	for i, f := range files {
		if _, err := lib.Save(f, time.Date(2026, 3, 30, 9, 0, i, 0, time.UTC)); err != nil {
			tb.Fatal(err)
		}
	}
	items, err := json.Marshal(m)
	if err != nil {
		tb.Fatal(err)
	}
	bt.Eval[bool](tb, ctx, `(() => { const items = `+string(items)+`; for (const k in items) localStorage.setItem(k, items[k]); return true })()`)
}

// putOnServer saves files on the server with PUT.
func putOnServer(tb testing.TB, url string, files []annotation.File) {
	tb.Helper()
	for _, f := range files {
		body, err := annotation.Encode(f)
		if err != nil {
			tb.Fatal(err)
		}
		req, _ := http.NewRequest("PUT", url+api.DocumentPath(f.Document.ID), bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			tb.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusCreated {
			tb.Fatalf("PUT %s: %s", f.Document.Title, resp.Status)
		}
	}
}

// tableRows reads the sources table: per row, its cells' text.
func tableRows(tb testing.TB, ctx context.Context) []string {
	tb.Helper()
	return bt.Eval[[]string](tb, ctx, `[...document.querySelectorAll("#vp-table tbody tr.vp-row")].map(tr =>
		[...tr.children].map(c => c.matches("th") ? c.querySelector(".vp-open").textContent.replace(/[▸▾]/, "") + (c.querySelector(".vp-conflict") ? " [" + [...c.querySelectorAll(".vp-conflict")].map(x => x.textContent).join("; ") + "]" : "") : c.querySelector(".visually-hidden") ? "-" : c.textContent).join(" | "))`)
}

// waitText waits until the element id's text holds want.
func waitText(tb testing.TB, ctx context.Context, id, want string) {
	tb.Helper()
	w, _ := json.Marshal(want)
	bt.WaitFor(tb, ctx, fmt.Sprintf(`document.getElementById(%q)?.textContent.includes(%s)`, id, w))
}

func sameRows(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\ngot\n  %s\nwant\n  %s", what, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// TestVoicesPage: the Voices page counts the hand-counted articles kept in
// this browser (the server has none) as written below; sorts, filters by text
// and by dates; draws the weekly chart with its figures; lists a source's
// articles and opens one in the editor; shows the server's articles when it
// has some; passes the accessibility audit, light and dark, wide and narrow.
func TestVoicesPage(t *testing.T) {
	ctx := bt.NewBrowser(t)
	srv := bt.Start(t, bt.BuildApp(t))
	bt.Open(t, ctx, srv.URL+"/voices")
	files := newsroomWeek(t)
	keepInBrowser(t, ctx, files)
	bt.Open(t, ctx, srv.URL+"/voices")
	waitText(t, ctx, "vp-where", "Showing the 5 articles kept in this browser, all dates.")

	// Counted by hand from newsroomWeek: "Ms Holt" is named "jane holt", and
	// joins Jane Holt; Bob Marr is a man in one article and a woman in
	// another; Sam Lee's gender is only proposed, so unknown.
	all := []string{
		"Jane Holt | person | woman | official | 4 | 14 | 3",
		"Bob Marr [gender: 1 article says man, 1 says woman] | person | - | expert | 2 | 7 | 2",
		"Ana Ruiz | person | woman | spokesperson | 2 | 6 | 2",
		"the report | document | - | - | 1 | 5 | 1",
		"Sam Lee | person | - | public | 1 | 4 | 1",
		"Tom Fry | person | man | official | 1 | 4 | 1",
		"a senior official | anonymous | - | official | 1 | 4 | 1",
		"officials | anonymous | - | - | 1 | 4 | 1",
	}
	sameRows(t, "the sources of the five articles", tableRows(t, ctx), all)
	// People: Jane and Ana women, Tom a man, Bob and Sam unknown: 2 of 3 known.
	waitText(t, ctx, "vp-women", "67%")
	waitText(t, ctx, "vp-women", "2 of 3 whose gender is known; 2 unknown")
	waitText(t, ctx, "vp-anonymous", "2 of 8 sources")
	waitText(t, ctx, "vp-articles", "5")

	// The chart: two lines over four weeks, with its figures as a table.
	if n := bt.Eval[int](t, ctx, `document.querySelectorAll("#vp-chart path.vp-line").length`); n != 2 {
		t.Errorf("the chart has %d lines, want 2", n)
	}
	if label := bt.Eval[string](t, ctx, `document.getElementById(document.getElementById("vp-chart").getAttribute("aria-labelledby")).textContent`); !strings.Contains(label, "2026-W10 to 2026-W13") {
		t.Errorf("the chart's caption: %q", label)
	}
	weeks := bt.Eval[[]string](t, ctx, `[...document.querySelectorAll("#vp-week-table tbody tr")].map(tr => [...tr.children].map(c => c.textContent).join(" | "))`)
	sameRows(t, "the chart's figures", weeks, []string{
		"2026-W10 (2 Mar 2026) | 2 | 100% (2 of 2) | 25% (1 of 4)",
		"2026-W11 (9 Mar 2026) | 1 | 100% (1 of 1) | 0% (0 of 3)",
		"2026-W12 (16 Mar 2026) | 1 | 0% (0 of 1) | 33% (1 of 3)",
		"2026-W13 (23 Mar 2026) | 1 | 100% (2 of 2) | 0% (0 of 2)",
	})

	// Sorting by a column's button, and again the other way.
	bt.Click(t, ctx, "#vp-sort-words")
	bt.WaitFor(t, ctx, `document.getElementById("vp-sort-words").parentElement.getAttribute("aria-sort") === "descending"`)
	bt.Click(t, ctx, "#vp-sort-words")
	bt.WaitFor(t, ctx, `document.getElementById("vp-sort-words").parentElement.getAttribute("aria-sort") === "ascending"`)
	sameRows(t, "by words, fewest first", firstCells(t, ctx), []string{"Sam Lee", "Tom Fry", "a senior official", "officials", "the report", "Ana Ruiz", "Bob Marr", "Jane Holt"})
	bt.Click(t, ctx, "#vp-sort-name")
	bt.WaitFor(t, ctx, `document.getElementById("vp-sort-name").parentElement.getAttribute("aria-sort") === "ascending" && document.querySelectorAll("th[aria-sort]").length === 1`)
	sameRows(t, "by name", firstCells(t, ctx), []string{"a senior official", "Ana Ruiz", "Bob Marr", "Jane Holt", "officials", "Sam Lee", "the report", "Tom Fry"})

	// The text filter.
	typeInto(t, ctx, "#vp-find", "anonymous")
	bt.WaitFor(t, ctx, `document.querySelectorAll("#vp-table tr.vp-row").length === 2`)
	sameRows(t, "filtered on anonymous", firstCells(t, ctx), []string{"a senior official", "officials"})
	waitText(t, ctx, "vp-count", "2 of 8 sources shown")
	typeInto(t, ctx, "#vp-find", "")
	bt.WaitFor(t, ctx, `document.querySelectorAll("#vp-table tr.vp-row").length === 8`)

	// A source's articles, newest first, each opening in the editor.
	bt.Click(t, ctx, `tr[data-name="Jane Holt"] .vp-open`)
	bt.WaitFor(t, ctx, `document.querySelector('tr[data-name="Jane Holt"] .vp-open').getAttribute("aria-expanded") === "true"`)
	arts := bt.Eval[[]string](t, ctx, `[...document.querySelectorAll("tr.vp-articles li")].map(li => li.textContent)`)
	sameRows(t, "Jane Holt's articles", arts, []string{"Schools get new funding 25 Mar 2026", "Bridge reopens after repairs 5 Mar 2026", "Council approves budget 2 Mar 2026"})
	bt.Audit(t, ctx, "the Voices page, a row unfolded")
	shoot(t, ctx, "voices-light", 1280, 800, "")
	shoot(t, ctx, "voices-light-table", 1280, 800, "vp-sources-title")
	shoot(t, ctx, "voices-light-narrow", 390, 844, "")
	shoot(t, ctx, "voices-light-narrow-table", 390, 844, "vp-sources-title")
	bt.Audit(t, ctx, "the Voices page, narrow")
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
	}); err != nil {
		t.Fatal(err)
	}
	bt.Audit(t, ctx, "the Voices page, dark")
	shoot(t, ctx, "voices-dark", 1280, 800, "")
	shoot(t, ctx, "voices-dark-table", 1280, 800, "vp-sources-title")
	shoot(t, ctx, "voices-dark-narrow", 390, 844, "")
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}

	// The date filter: 9 to 20 March holds the port strike and the harbour
	// plan; there Bob Marr is only the woman of the port strike.
	setDate(t, ctx, "#vp-from", "2026-03-09")
	setDate(t, ctx, "#vp-to", "2026-03-20")
	waitText(t, ctx, "vp-where", "Showing the 2 articles kept in this browser, from 2026-03-09 to 2026-03-20.")
	bt.Click(t, ctx, "#vp-sort-quotes")
	bt.WaitFor(t, ctx, `document.getElementById("vp-sort-quotes").parentElement.getAttribute("aria-sort") === "descending"`)
	sameRows(t, "9 to 20 March", tableRows(t, ctx), []string{
		"the report | document | - | - | 1 | 5 | 1",
		"Sam Lee | person | - | public | 1 | 4 | 1",
		"Tom Fry | person | man | official | 1 | 4 | 1",
		"a senior official | anonymous | - | official | 1 | 4 | 1",
		"Ana Ruiz | person | woman | spokesperson | 1 | 3 | 1",
		"Bob Marr | person | woman | - | 1 | 3 | 1",
	})
	setDate(t, ctx, "#vp-from", "2026-03-21")
	waitText(t, ctx, "vp-where", "The dates are not a range: from=2026-03-21 is after to=2026-03-20")
	setDate(t, ctx, "#vp-from", "")
	setDate(t, ctx, "#vp-to", "")

	// An article opens in the editor (Jane Holt's row is still unfolded).
	bt.Click(t, ctx, `tr.vp-articles li a`)
	bt.WaitFor(t, ctx, `document.querySelector(".doc-title")?.textContent === "Schools get new funding"`)

	// With articles on the server, the page shows the server's.
	putOnServer(t, srv.URL, files[:2])
	bt.Open(t, ctx, srv.URL+"/voices")
	waitText(t, ctx, "vp-where", "Showing the server's 2 articles, all dates.")
	sameRows(t, "the server's two articles", tableRows(t, ctx), []string{
		"Jane Holt | person | woman | official | 3 | 11 | 2",
		"Bob Marr | person | man | expert | 1 | 4 | 1",
		"officials | anonymous | - | - | 1 | 4 | 1",
	})
	bt.Click(t, ctx, "#vp-browser")
	waitText(t, ctx, "vp-where", "Showing the 5 articles kept in this browser")
	bt.WaitFor(t, ctx, `document.querySelectorAll("#vp-table tr.vp-row").length === 8`)
}

// TestVoicesPageOffline: once the app was visited, with the server stopped,
// the editor's link to the page opens it, showing this browser's articles
// and saying the server cannot be reached.
func TestVoicesPageOffline(t *testing.T) {
	ctx := bt.NewBrowser(t)
	srv := bt.Start(t, bt.BuildApp(t))
	bt.Open(t, ctx, srv.URL+"/voices")
	keepInBrowser(t, ctx, newsroomWeek(t)[:3])
	waitOfflineReady(t, ctx)
	srv.Stop()
	bt.Open(t, ctx, srv.URL+"/") // the editor, on the last article kept
	bt.WaitFor(t, ctx, `document.querySelector(".doc-title")?.textContent === "Port strike ends"`)
	// A link to the page, as the editor's: go-app opens it within the app.
	bt.Eval[bool](t, ctx, `(() => { const a = document.createElement("a"); a.href = "/voices"; a.id = "to-voices"; a.textContent = "Voices"; document.body.append(a); return true })()`)
	bt.Click(t, ctx, "#to-voices")
	waitText(t, ctx, "vp-where", "Showing the 3 articles kept in this browser, all dates.")
	waitText(t, ctx, "vp-where", "the server cannot be reached")
	if n := bt.Eval[int](t, ctx, `document.querySelectorAll("#vp-table tr.vp-row").length`); n != 5 {
		t.Errorf("%d sources offline, want 5 (Jane Holt, Bob Marr, officials, the report, Ana Ruiz)", n)
	}
}

// firstCells reads the source names of the table, in order.
func firstCells(tb testing.TB, ctx context.Context) []string {
	tb.Helper()
	return bt.Eval[[]string](tb, ctx, `[...document.querySelectorAll("#vp-table tr.vp-row .vp-open")].map(b => b.textContent.replace(/[▸▾]/, ""))`)
}

// typeInto replaces a field's text as typing would, firing input.
func typeInto(tb testing.TB, ctx context.Context, sel, text string) {
	tb.Helper()
	s, _ := json.Marshal(sel)
	v, _ := json.Marshal(text)
	bt.Eval[bool](tb, ctx, fmt.Sprintf(`(() => { const el = document.querySelector(%s); el.focus(); el.value = %s; el.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, s, v))
}

// setDate sets a date field and fires change, as picking a date does.
func setDate(tb testing.TB, ctx context.Context, sel, date string) {
	tb.Helper()
	s, _ := json.Marshal(sel)
	v, _ := json.Marshal(date)
	bt.Eval[bool](tb, ctx, fmt.Sprintf(`(() => { const el = document.querySelector(%s); el.value = %s; el.dispatchEvent(new Event("change", {bubbles: true})); return true })()`, s, v))
}

// shoot takes a screenshot at width × height, with the element id at the
// top (the top of the page for "").
func shoot(tb testing.TB, ctx context.Context, name string, width, height int64, id string) {
	tb.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: width, Height: height, DeviceScaleFactor: 1, Mobile: width < 600,
	}); err != nil {
		tb.Fatal(err)
	}
	bt.Eval[bool](tb, ctx, fmt.Sprintf(`(() => { const el = document.getElementById(%q); window.scrollTo(0, el ? el.getBoundingClientRect().top + window.scrollY - 60 : 0); return true })()`, id))
	time.Sleep(200 * time.Millisecond) // a frame at the new size
	bt.Screenshot(tb, ctx, name)
}

// BenchmarkVoicesPageInBrowser: the Voices page's report over 500 documents
// of the sample's length kept in the browser — reading them from local
// storage and combining them, as app.wasm does (target ≤ 200 ms): median of
// 9 runs with their contributions kept from the run before, and of 5 cold
// runs, every document read and decoded.
func BenchmarkVoicesPageInBrowser(b *testing.B) {
	ctx := bt.NewBrowser(b)
	srv := bt.Start(b, bt.BuildApp(b))
	bt.Open(b, ctx, srv.URL+"/voices")
	base := newsroomWeek(b)
	var files []annotation.File
	for i := range 500 {
		f := base[i%len(base)]
		day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i)
		g := quotedArticle(b, fmt.Sprintf("%s (%d)", f.Document.Title, i), day.Format("2006-01-02"), saidIn(f), sample.Text())
		files = append(files, g)
	}
	keepInBrowser(b, ctx, files)
	run := func(cold bool) float64 {
		if cold { // forget the contributions kept beside the documents
			bt.Eval[bool](b, ctx, `(Object.keys(localStorage).filter(k => k.startsWith("annotator.voices.")).forEach(k => localStorage.removeItem(k)), true)`)
		}
		bt.Eval[bool](b, ctx, `(performance.clearMeasures("voices:local"), true)`)
		bt.Click(b, ctx, "#vp-refresh")
		bt.WaitFor(b, ctx, `performance.getEntriesByName("voices:local").length > 0`)
		return bt.Eval[float64](b, ctx, `performance.getEntriesByName("voices:local")[0].duration`)
	}
	var cold, warm []float64
	for range 5 {
		cold = append(cold, run(true))
	}
	for range 9 {
		warm = append(warm, run(false))
	}
	waitText(b, ctx, "vp-where", "Showing the 500 articles kept in this browser")
	b.ReportMetric(median(warm), "ms/report-500-docs")
	b.ReportMetric(median(cold), "ms/report-500-docs-cold")
}

// saidIn gives back what f's quotes say and who says them.
func saidIn(f annotation.File) []said {
	byID := map[annotation.ID]annotation.Annotation{}
	for _, a := range f.Annotations {
		byID[a.ID] = a
	}
	var out []said
	for _, a := range f.Annotations {
		if a.Kind == annotation.Quote {
			s := byID[a.Speaker]
			out = append(out, said{a.Exact, s.Exact, s.Name, s.Voice})
		}
	}
	return out
}

// TestVoiceFieldsInPanel: a source's voice is set in the panel, by keyboard,
// for every mention of its name at once, and the article's Voices show it.
func TestVoiceFieldsInPanel(t *testing.T) {
	ctx := bt.NewBrowser(t)
	srv := bt.Start(t, bt.BuildApp(t))
	bt.Open(t, ctx, srv.URL+"/")
	// Two mentions of one name: one source.
	for _, n := range []int{2, 5} {
		bt.SelectText(t, ctx, "Kerry", n)
		bt.Press(t, ctx, "s")
	}
	// The panel lists both (its render follows the tag): open the first one's details.
	bt.WaitFor(t, ctx, `document.querySelectorAll(".group-source .item-button").length === 2`)
	bt.Click(t, ctx, ".group-source .item-button")
	bt.WaitFor(t, ctx, `document.querySelector(".group-source .item:first-child select[id^='voice-gender-']") !== null`)
	bt.WaitFor(t, ctx, `(document.querySelector(".group-source .item:first-child select[id^='voice-gender-']").focus(),
		document.activeElement.id.startsWith("voice-gender-"))`)
	bt.Press(t, ctx, "m") // a closed select takes the option its letter starts, "man", and says it changed
	bt.WaitFor(t, ctx, `document.querySelector(".summary .voice-about")?.textContent === "man"`)
	bt.WaitFor(t, ctx, `document.querySelector(".save-state").textContent === "Saved in this browser"`)
	f := exportedFile(t, ctx)
	for _, a := range f.Annotations {
		if a.Kind == annotation.Source && (a.Voice == nil || a.Voice.Gender != "man") {
			t.Errorf("the mention %q has voice %+v, want the gender set on both", a.Exact, a.Voice)
		}
	}
	bt.Audit(t, ctx, "a source's voice fields")
}
