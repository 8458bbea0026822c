//go:build !wasm

package w3c

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/sample"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var testTime = time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)

// testID returns a fixed, valid id for n.
func testID(n int) annotation.ID {
	return annotation.ID(fmt.Sprintf("urn:uuid:00000000-0000-4000-8000-%012d", n))
}

// extraText is appended to the sample article: emoji (outside the BMP, so
// code points, UTF-16 units and bytes all differ) and a no-break space.
const extraText = "\n\n🕊️ “We want peace in Syria,\u00a0now 🙏,” Lavrov said.\n"

// testFile is the sample article with every kind, a speaker link, names,
// credits, notes, a suggestion, emoji and no-break spaces.
func testFile(t testing.TB) annotation.File {
	t.Helper()
	text := sample.Text() + extraText
	doc := annotation.Document{ID: testID(1), Title: sample.Title, Text: text, Source: sample.Source, SHA256: annotation.TextHash(text)}
	set := annotation.NewSet(anchor.NewText(text), nil)
	apply := func(e annotation.Edit, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		if err := set.Apply(e); err != nil {
			t.Fatal(err)
		}
	}
	add := func(n int, kind annotation.Kind, s string, origin annotation.Origin) annotation.Annotation {
		t.Helper()
		i := strings.Index(text, s)
		if i < 0 {
			t.Fatalf("%q is not in the text", s)
		}
		start := anchor.CodePointLen(text[:i])
		a, err := set.New(kind, start, start+anchor.CodePointLen(s), origin, testTime.Add(time.Duration(n)*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		a.ID = testID(n)
		apply(set.Add(a))
		return a
	}
	add(10, annotation.Quote, "We talked today about the possibility of trying to\u00a0encourage a cease-fire. Maybe a localized cease-fire in Aleppo,", annotation.Human)
	kerry := add(11, annotation.Source, "Kerry said at a press", annotation.Human)
	add(12, annotation.PhotoCredit, "Larry Downing/AFP/Getty Images", annotation.Human)
	add(13, annotation.Quote, "on the sidelines", annotation.Human)
	add(14, annotation.Quote, "We want peace in Syria,\u00a0now 🙏,", annotation.Human)
	lavrov := add(15, annotation.Source, "Lavrov said", annotation.Suggested)
	later := testTime.Add(time.Hour)
	apply(set.SetName(kerry.ID, "John Kerry", later))
	apply(set.SetName(lavrov.ID, "Sergei Lavrov 🇷🇺", later))
	apply(set.Link(testID(10), kerry.ID, later))
	apply(set.Link(testID(14), lavrov.ID, later))
	apply(set.SetNote(testID(13), "partial quote <b>&</b>\nline two, \"quoted\"", later))
	apply(set.SetNote(testID(12), "=check the agency", later))
	apply(set.SetCredit(testID(12), annotation.Credit{Creators: []string{"Larry Downing"}, Agencies: []string{"AFP", "Getty Images"}}, later))
	f := annotation.NewFile(doc, set.All())
	for i := range f.Annotations {
		if f.Annotations[i].Origin == annotation.Suggested {
			f.Annotations[i].Confidence = 0.75
		}
		switch f.Annotations[i].ID { // a voice an editor set, and one the engine proposed in part
		case kerry.ID:
			f.Annotations[i].Voice = &annotation.Voice{Type: "person", Gender: "man", Role: "official"}
		case lavrov.ID:
			f.Annotations[i].Voice = &annotation.Voice{Type: "person", Gender: "man", Proposed: []string{"gender"}}
		}
		if f.Annotations[i].ID == testID(14) { // the engine's link to its suggested speaker, with its evidence
			f.Annotations[i].SpeakerConfidence, f.Annotations[i].SpeakerReason = 0.9, "named right after the quote"
		}
		switch f.Annotations[i].ID { // the editors the server named; 13 was made before it named anyone
		case testID(10), testID(11):
			f.Annotations[i].Creator = "Jane Smith"
		case testID(12), testID(14):
			f.Annotations[i].Creator = "José Müller-Ortiz"
		}
	}
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	return f
}

// golden compares got with testdata/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update if the change is meant):\n%s", p, got)
	}
}

// TestExportGolden pins the exported JSON-LD, and that exporting is reproducible.
func TestExportGolden(t *testing.T) {
	f := testFile(t)
	got, err := Export(f)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "sample.w3c.golden.json", got)
	again, err := Export(f)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, again) {
		t.Error("exporting the same file twice gave different bytes")
	}
}

// TestCreators: an editor's annotation has its creator as a Person, a
// suggestion the engine as Software whoever saved it, and one with no
// creator none.
func TestCreators(t *testing.T) {
	f := testFile(t)
	for i := range f.Annotations {
		if f.Annotations[i].Origin == annotation.Suggested {
			f.Annotations[i].Creator = "Bob" // who saved the suggestion
		}
	}
	data, err := Export(f)
	if err != nil {
		t.Fatal(err)
	}
	var coll struct {
		First struct {
			Items []struct {
				ID      string
				Creator *struct{ Type, Name string }
			}
		}
	}
	if err := json.Unmarshal(data, &coll); err != nil {
		t.Fatal(err)
	}
	want := map[annotation.ID]string{
		testID(10): "Person Jane Smith", testID(11): "Person Jane Smith", testID(12): "Person José Müller-Ortiz",
		testID(13): "", testID(14): "Person José Müller-Ortiz", testID(15): "Software " + SuggestionEngine,
	}
	for _, it := range coll.First.Items {
		w, ok := want[annotation.ID(it.ID)]
		if !ok {
			continue // a speaker link
		}
		got := ""
		if it.Creator != nil {
			got = it.Creator.Type + " " + it.Creator.Name
		}
		if got != w {
			t.Errorf("%s: creator %q, want %q", it.ID, got, w)
		}
		delete(want, annotation.ID(it.ID))
	}
	if len(want) > 0 {
		t.Errorf("not exported: %v", want)
	}
}

// TestExportRefusesInvalid: a file that is not valid is not exported.
func TestExportRefusesInvalid(t *testing.T) {
	f := testFile(t)
	f.Annotations[0].End = 1 << 20
	if _, err := Export(f); err == nil || !strings.Contains(err.Error(), "annotations[0].end") {
		t.Errorf("Export of a file with an annotation past the text: error %v, want one naming annotations[0].end", err)
	}
	if _, err := CSV(f); err == nil {
		t.Error("CSV of an invalid file gave no error")
	}
}

// TestRoundTrip: own format → W3C → own format loses nothing.
func TestRoundTrip(t *testing.T) {
	f := testFile(t)
	data, err := Export(f)
	if err != nil {
		t.Fatal(err)
	}
	got, rep, err := Import(data, f.Document.Text)
	if err != nil {
		t.Fatal(err)
	}
	want, err := annotation.Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	gotBytes, err := annotation.Encode(got)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(gotBytes, want) {
		t.Errorf("round trip changed the file:\ngot  %s\nwant %s", gotBytes, want)
	}
	if rep.Anchored != len(f.Annotations) || rep.Moved+rep.Changed+rep.Orphaned+len(rep.Skipped) != 0 || rep.Links != 2 {
		t.Errorf("report %+v, want all %d anchored and 2 links", rep, len(f.Annotations))
	}
}

// TestImportEditedText re-anchors an export on a revised article: text
// inserted before the quotes (moved), a word changed inside a quote
// (changed), and a quote deleted (orphaned).
func TestImportEditedText(t *testing.T) {
	f := testFile(t)
	data, err := Export(f)
	if err != nil {
		t.Fatal(err)
	}
	text := f.Document.Text
	text = strings.Replace(text, "International\n", "International\n\nUpdated 10:45 with comment from Moscow.\n", 1)
	text = strings.Replace(text, "possibility of trying to", "possibility of attempting to", 1)
	text = strings.Replace(text, "on the sidelines", "in a side room", 1)
	got, rep, err := Import(data, text)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Anchored != 0 || rep.Moved != 4 || rep.Changed != 1 || rep.Orphaned != 1 {
		t.Errorf("report %s; want 0 anchored, 4 moved, 1 changed, 1 orphaned", rep)
	}
	if len(rep.Orphans) != 1 || rep.Orphans[0].Exact != "on the sidelines" || rep.Orphans[0].ID != string(testID(13)) {
		t.Errorf("orphans %v, want the quote %q", rep.Orphans, "on the sidelines")
	}
	if len(rep.ChangedItems) != 1 || rep.ChangedItems[0].ID != string(testID(10)) {
		t.Errorf("changed %v, want the Kerry quote", rep.ChangedItems)
	}
	q, ok := findID(got, testID(10))
	if !ok || q.Speaker != testID(11) || !strings.Contains(q.Exact, "attempting") {
		t.Errorf("the changed quote is %+v, want it on the new wording and still spoken by Kerry", q)
	}
	if len(got.Annotations) != len(f.Annotations)-1 || got.Document.Text != text || got.Document.ID != f.Document.ID {
		t.Errorf("imported %d annotations for document %s, want %d for %s", len(got.Annotations), got.Document.ID, len(f.Annotations)-1, f.Document.ID)
	}
}

func findID(f annotation.File, id annotation.ID) (annotation.Annotation, bool) {
	for _, a := range f.Annotations {
		if a.ID == id {
			return a, true
		}
	}
	return annotation.Annotation{}, false
}

// span is what an imported annotation is, without ids and times.
type span struct {
	Kind       annotation.Kind
	Exact      string
	Start, End int
	Name, Note string
	Speaker    string // the exact text of the speaker
	Credit     string
}

func spans(f annotation.File) []span {
	byID := map[annotation.ID]annotation.Annotation{}
	for _, a := range f.Annotations {
		byID[a.ID] = a
	}
	out := []span{}
	for _, a := range f.Annotations {
		s := span{Kind: a.Kind, Exact: a.Exact, Start: a.Start, End: a.End, Name: a.Name, Note: a.Note}
		if a.Speaker != "" {
			s.Speaker = byID[a.Speaker].Exact
		}
		if a.Credit != nil {
			s.Credit = strings.Join(a.Credit.Creators, "+") + "/" + strings.Join(a.Credit.Agencies, "+")
		}
		out = append(out, s)
	}
	return out
}

// at returns the code-point span of the first s in the test file's text.
func at(t *testing.T, s string) (int, int) {
	t.Helper()
	text := sample.Text() + extraText
	i := strings.Index(text, s)
	if i < 0 {
		t.Fatalf("%q is not in the text", s)
	}
	start := anchor.CodePointLen(text[:i])
	return start, start + anchor.CodePointLen(s)
}

// TestImportShapes reads W3C files as other tools write them.
func TestImportShapes(t *testing.T) {
	text := sample.Text() + extraText
	ks, ke := at(t, "Kerry said at a press")
	ps, pe := at(t, "We want peace in Syria,\u00a0now 🙏,")
	for _, tc := range []struct {
		name     string
		file     string // in testdata
		want     []span
		anchored int
		moved    int
		orphaned int
		skipped  int
		source   string // the document source wanted
	}{
		// Hypothesis (h's JSON-LD presenter): a markdown comment body with no
		// purpose, tags as tagging bodies, a list of targets whose selectors
		// are an XPathSelector refined by an element-relative position (not
		// to be used), a TextPositionSelector counted in UTF-16 units (off
		// by the emoji before it) and a TextQuoteSelector; a highlight with
		// no tags is skipped.
		{"hypothesis", "hypothesis.jsonld", []span{
			{Kind: annotation.Source, Exact: "Kerry said at a press", Start: ks, End: ke, Note: "Secretary of State"},
			{Kind: annotation.Quote, Exact: "We want peace in Syria,\u00a0now 🙏,", Start: ps, End: pe, Note: "check the translation"},
		}, 1, 1, 0, 1, "https://example.com/news/syria"},
		// Recogito (RecogitoJS): "#"-relative ids, no target source, a
		// selector list of TextQuoteSelector and TextPositionSelector,
		// commenting and tagging bodies with creators; a tag that is not a
		// kind is skipped with its tags named.
		{"recogito", "recogito.json", []span{
			{Kind: annotation.Source, Exact: "Kerry said at a press", Start: ks, End: ke},
			{Kind: annotation.Quote, Exact: "We want peace in Syria,\u00a0now 🙏,", Start: ps, End: pe, Note: "strong words\n\nagreed"},
		}, 1, 1, 0, 1, ""},
		// An AnnotationPage with only position selectors (taken as they are)
		// and only quote selectors (searched), bodies as one object and as
		// bodyValue, a photo credit with no names (an empty credit), and a
		// position past the end of the text (orphaned).
		{"page", "page.json", []span{
			{Kind: annotation.PhotoCredit, Exact: "Larry Downing/AFP/Getty Images", Start: 325, End: 355, Credit: "/"},
			{Kind: annotation.Source, Exact: "Kerry said at a press", Start: ks, End: ke},
		}, 2, 0, 1, 0, "http://pipeline.example/doc"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			f, rep, err := Import(data, text)
			if err != nil {
				t.Fatal(err)
			}
			if got := spans(f); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("imported\n%+v\nwant\n%+v", got, tc.want)
			}
			if rep.Anchored != tc.anchored || rep.Moved != tc.moved || rep.Orphaned != tc.orphaned || len(rep.Skipped) != tc.skipped {
				t.Errorf("report %s\nwant %d anchored, %d moved, %d orphaned and %d skipped", rep, tc.anchored, tc.moved, tc.orphaned, tc.skipped)
			}
			if f.Document.Source != tc.source {
				t.Errorf("document source %q, want %q", f.Document.Source, tc.source)
			}
		})
	}
}

// TestImportLinksAndOrphans: a link restores a speaker; a link to an
// orphaned quote is reported, as is the orphan.
func TestImportLinksAndOrphans(t *testing.T) {
	text := sample.Text() + extraText
	data := []byte(`[
	 {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "http://x.example/q", "type": "Annotation",
	  "body": {"type": "TextualBody", "purpose": "tagging", "value": "quote"},
	  "target": {"source": "http://x.example/article", "selector": {"type": "TextQuoteSelector", "exact": "on the sidelines"}}},
	 {"id": "http://x.example/s", "type": "Annotation", "body": [{"type": "TextualBody", "purpose": "tagging", "value": "source"}, {"type": "TextualBody", "purpose": "identifying", "value": "J. Kerry"}],
	  "target": {"selector": {"type": "TextQuoteSelector", "exact": "Kerry said at a press"}}},
	 {"id": "http://x.example/gone", "type": "Annotation", "body": {"type": "TextualBody", "purpose": "tagging", "value": "quote"},
	  "target": {"selector": {"type": "TextQuoteSelector", "exact": "not in this article at all"}}},
	 {"type": "Annotation", "motivation": "linking", "target": ["http://x.example/s", "http://x.example/q"]},
	 {"type": "Annotation", "motivation": ["linking"], "target": ["http://x.example/gone", "http://x.example/s"]}
	]`)
	f, rep, err := Import(data, text)
	if err != nil {
		t.Fatal(err)
	}
	want := []span{ // in text order
		{Kind: annotation.Source, Exact: "Kerry said at a press", Name: "J. Kerry"},
		{Kind: annotation.Quote, Exact: "on the sidelines", Speaker: "Kerry said at a press"},
	}
	got := spans(f)
	for i := range got {
		got[i].Start, got[i].End = 0, 0
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("imported %+v, want %+v", got, want)
	}
	if rep.Links != 1 || rep.Orphaned != 1 || len(rep.Orphans) != 1 || rep.Orphans[0].Path != "[2]" || len(rep.Skipped) != 1 || rep.Skipped[0].Path != "[4]" {
		t.Errorf("report %s; want 1 link, the orphan [2] and the skipped link [4]", rep)
	}
	if f.Document.Source != "http://x.example/article" {
		t.Errorf("document source %q", f.Document.Source)
	}
	for _, a := range f.Annotations {
		if _, err := annotation.ParseID(string(a.ID)); err != nil {
			t.Errorf("imported id: %v", err)
		}
	}
}

// TestImportErrors: malformed input gives an error naming what and where.
func TestImportErrors(t *testing.T) {
	anno := func(target string) string {
		return `{"type": "Annotation", "body": {"type": "TextualBody", "purpose": "tagging", "value": "quote"}, "target": ` + target + `}`
	}
	for _, tc := range []struct {
		name, in, want string
	}{
		// Not JSON: the line and column of the fault.
		{"syntax", "{\n  \"type\": \"Annotation\",,\n}", "malformed JSON at line 2, column 24"},
		// Nothing at all.
		{"empty", "", "empty"},
		// Two values.
		{"trailing", `{"type": "Annotation", "target": "x"} {}`, "unexpected data after the JSON value"},
		// A JSON value that is no annotation container.
		{"number", `42`, "want a JSON object or array"},
		// An object of another type.
		{"wrong type", `{"type": "Person"}`, `type: "Person" is not Annotation`},
		// An array element that is not an object.
		{"array element", `[` + anno(`"x"`) + `, "urn:x"]`, `[1]: want an Annotation object, got the string "urn:x"`},
		// Every annotation needs a target.
		{"no target", `{"type": "Annotation", "body": "x"}`, "target: missing"},
		// A quote selector whose exact is not a string.
		{"exact", anno(`{"selector": [{"type": "TextQuoteSelector", "exact": 3}]}`), `target.selector[0].exact: want a string, got the number 3`},
		// A position that is not a whole number.
		{"start", anno(`{"selector": {"type": "TextPositionSelector", "start": 1.5, "end": 4}}`), "target.selector.start: 1.5 is not a code-point offset"},
		// A negative position.
		{"negative", anno(`{"selector": {"type": "TextPositionSelector", "start": -1, "end": 4}}`), "target.selector.start: -1 is not a code-point offset"},
		// End before start.
		{"backwards", anno(`{"selector": {"type": "TextPositionSelector", "start": 9, "end": 4}}`), "target.selector.end: 4 is before start 9"},
		// A body value that is not a string.
		{"body value", `{"type": "Annotation", "body": [{"type": "TextualBody", "value": ["a"]}], "target": "x"}`, "body[0].value: want a string, got an array"},
		// A date that is not a date, deep in a collection.
		{"created", `{"type": "AnnotationCollection", "first": {"items": [` + anno(`"x"`) + `, {"type": "Annotation", "created": "yesterday", "body": {"purpose": "tagging", "value": "quote"}, "target": "x"}]}}`, `first.items[1].created: "yesterday" is not a date-time`},
		// A page that is only referenced.
		{"page by reference", `{"type": "AnnotationCollection", "first": "http://x.example/page1"}`, `first: page "http://x.example/page1" is not embedded`},
		// A confidence out of range.
		{"confidence", `{"type": "Annotation", "body": {"purpose": "tagging", "value": "quote"}, "https://github.com/newsroom/annotator/ns#confidence": 7, "target": "x"}`, "ns#confidence: 7 is not a confidence between 0 and 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Import([]byte(tc.in), sample.Text())
			var ie *ImportError
			if err == nil || !errors.As(err, &ie) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Import(%s): error %v, want an *ImportError containing %q", tc.in, err, tc.want)
			}
		})
	}
}

// TestCSV pins the CSV and checks it reads back as RFC 4180 with one row per
// annotation and the names filled in.
func TestCSV(t *testing.T) {
	f := testFile(t)
	got, err := CSV(f)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "sample.golden.csv", got)
	rows, err := csv.NewReader(bytes.NewReader(got)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(f.Annotations)+1 || !reflect.DeepEqual(rows[0], CSVHeader) {
		t.Fatalf("%d rows, header %v; want %d rows after the header", len(rows), rows[0], len(f.Annotations))
	}
	byText := map[string][]string{}
	for _, r := range rows[1:] {
		byText[r[1]] = r
	}
	for _, tc := range []struct {
		text string
		col  int
		want string
	}{
		{"Kerry said at a press", 5, "John Kerry"},                              // a source's name
		{"We want peace in Syria,\u00a0now 🙏,", 4, "Sergei Lavrov 🇷🇺"},          // a quote's speaker name
		{"Larry Downing/AFP/Getty Images", 7, "AFP; Getty Images"},              // agencies joined
		{"Larry Downing/AFP/Getty Images", 8, "'=check the agency"},             // a formula defused
		{"on the sidelines", 8, "partial quote <b>&</b>\nline two, \"quoted\""}, // quotes and a line break survive
		{"Lavrov said", 9, "suggested"},                                         // origin
	} {
		r, ok := byText[tc.text]
		if !ok || r[tc.col] != tc.want {
			t.Errorf("row %q column %q = %q, want %q", tc.text, CSVHeader[tc.col], r, tc.want)
		}
	}
}

// TestExportTargetsURL checks that a document with a URL is the target's
// source of every annotation, so that a client such as Hypothesis can anchor
// them on the live page, and that importing the export keeps the URL.
func TestExportTargetsURL(t *testing.T) {
	f := testFile(t)
	f.Document.URL = "https://example.com/2014/01/13/syria-ceasefire"
	data, err := Export(f)
	if err != nil {
		t.Fatal(err)
	}
	var coll struct {
		First struct {
			Items []struct {
				Motivation string          `json:"motivation"`
				Target     json.RawMessage `json:"target"`
			} `json:"items"`
		} `json:"first"`
	}
	if err := json.Unmarshal(data, &coll); err != nil {
		t.Fatal(err)
	}
	targeted := 0
	for i, it := range coll.First.Items {
		if it.Motivation == "linking" {
			continue
		}
		var tg struct {
			Source   string           `json:"source"`
			Selector []map[string]any `json:"selector"`
		}
		if err := json.Unmarshal(it.Target, &tg); err != nil {
			t.Fatalf("items[%d].target: %v", i, err)
		}
		if tg.Source != f.Document.URL || len(tg.Selector) != 2 || tg.Selector[0]["type"] != "TextQuoteSelector" || tg.Selector[1]["type"] != "TextPositionSelector" {
			t.Errorf("items[%d].target = %s, want the document's URL with a quote and a position selector", i, it.Target)
		}
		targeted++
	}
	if targeted != len(f.Annotations) {
		t.Errorf("%d annotations target the page, want %d", targeted, len(f.Annotations))
	}
	got, rep, err := Import(data, f.Document.Text)
	if err != nil {
		t.Fatal(err)
	}
	if got.Document.URL != f.Document.URL || rep.Anchored != len(f.Annotations) {
		t.Errorf("import: URL %q, %d anchored; want %q and %d", got.Document.URL, rep.Anchored, f.Document.URL, len(f.Annotations))
	}
}

// TestChangedItemsNameTheirAnnotation: a Hypothesis annotation, whose id is a
// URL and is replaced on import, is listed as changed under the id it has in
// the imported file, so the editor can be shown which one to check.
func TestChangedItemsNameTheirAnnotation(t *testing.T) {
	text := "The minister said on Monday that the new bridge would cost far more than anyone had expected at the start."
	in := `{"id": "https://hypothes.is/a/AbC123", "type": "Annotation", "body": [{"type": "TextualBody", "purpose": "tagging", "value": "quote"}],
		"target": {"source": "https://example.com/bridge", "selector": [{"type": "TextQuoteSelector",
		"exact": "the new bridge would cost much more than anyone had expected at the start", "prefix": "said on Monday that ", "suffix": "."}]}}`
	f, rep, err := Import([]byte(in), text)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Annotations) != 1 || len(rep.ChangedItems) != 1 {
		t.Fatalf("%d annotations, changed %+v: want one changed", len(f.Annotations), rep.ChangedItems)
	}
	if got := rep.ChangedItems[0]; got.ID != "https://hypothes.is/a/AbC123" || got.Annotation != f.Annotations[0].ID {
		t.Errorf("changed item %+v, want the input id and the file's id %s", got, f.Annotations[0].ID)
	}
}
