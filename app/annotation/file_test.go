package annotation

import (
	"bytes"
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
	"github.com/newsroom/annotator/app/sample"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var testTime = time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)

// testID returns a fixed, valid id for n.
func testID(n int) ID { return ID(fmt.Sprintf("urn:uuid:00000000-0000-4000-8000-%012d", n)) }

// mustSpan returns the code-point span of the first occurrence of s in text.
func mustSpan(t testing.TB, text, s string) (int, int) {
	t.Helper()
	i := strings.Index(text, s)
	if i < 0 {
		t.Fatalf("%q is not in the text", s)
	}
	start := anchor.CodePointLen(text[:i])
	return start, start + anchor.CodePointLen(s)
}

// sampleFile is the sample article with a quote, its speaker, a second mention
// of him and the photo credit, with fixed ids and times.
func sampleFile(t testing.TB) File {
	t.Helper()
	doc := Document{ID: testID(1), Title: sample.Title, Text: sample.Text(), Source: sample.Source, SHA256: TextHash(sample.Text()),
		Site: "Al Jazeera America", Language: "en", Published: time.Date(2014, 1, 13, 18, 0, 0, 0, time.UTC),
		URL: "http://america.aljazeera.com/articles/2014/1/13/us-and-russia-discusspossibilityofsyriaceasefire.html"}
	for _, b := range []struct {
		s    string
		role Role
	}{{"International", Kicker}, {sample.Title, Headline}} {
		start, end := mustSpan(t, doc.Text, b.s)
		doc.Blocks = append(doc.Blocks, Block{Start: start, End: end, Role: b.role})
	}
	set := NewSet(anchor.NewText(doc.Text), nil)
	add := func(n int, kind Kind, s string) Annotation {
		start, end := mustSpan(t, doc.Text, s)
		a, err := set.New(kind, start, end, Human, testTime)
		if err != nil {
			t.Fatal(err)
		}
		a.ID = testID(n)
		e, err := set.Add(a)
		if err != nil {
			t.Fatal(err)
		}
		if err := set.Apply(e); err != nil {
			t.Fatal(err)
		}
		return a
	}
	add(10, Quote, "We talked today about the possibility of trying to\u00a0encourage a cease-fire. Maybe a localized cease-fire in Aleppo,")
	kerry := add(11, Source, "Kerry said at a press")
	add(12, PhotoCredit, "Larry Downing/AFP/Getty Images")
	add(13, Quote, "on the sidelines")
	for _, step := range []func() (Edit, error){
		func() (Edit, error) { return set.SetName(kerry.ID, "John Kerry", testTime) },
		func() (Edit, error) { return set.Link(testID(10), kerry.ID, testTime) },
		func() (Edit, error) { return set.SetNote(testID(13), "partial quote <b>&</b>", testTime) },
	} {
		e, err := step()
		if err != nil {
			t.Fatal(err)
		}
		if err := set.Apply(e); err != nil {
			t.Fatal(err)
		}
	}
	return NewFile(doc, set.All())
}

func TestEncodeGolden(t *testing.T) {
	got, err := Encode(sampleFile(t))
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "sample.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Encode differs from %s (run go test -update if the change is meant):\n%s", golden, got)
	}
	// Decoding the golden file and encoding it again gives the same bytes.
	f, err := Decode(want)
	if err != nil {
		t.Fatalf("Decode(golden): %v", err)
	}
	again, err := Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, want) {
		t.Errorf("decode → encode is not byte-identical:\n%s", again)
	}
}

func TestEncodeSortsInTextOrder(t *testing.T) {
	f := sampleFile(t)
	// Reverse the annotations: encoding must put them back in text order.
	for i, j := 0, len(f.Annotations)-1; i < j; i, j = i+1, j-1 {
		f.Annotations[i], f.Annotations[j] = f.Annotations[j], f.Annotations[i]
	}
	data, err := Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(back.Annotations); i++ {
		if CompareTextOrder(back.Annotations[i-1], back.Annotations[i]) > 0 {
			t.Errorf("annotations[%d] (start %d) comes before annotations[%d] (start %d)", i-1, back.Annotations[i-1].Start, i, back.Annotations[i].Start)
		}
	}
}

func TestDecodeProblems(t *testing.T) {
	valid, err := Encode(sampleFile(t))
	if err != nil {
		t.Fatal(err)
	}
	n := anchor.CodePointLen(sample.Text())
	cases := []struct {
		name string
		edit func(s string) string // turns the valid file into a bad one
		want []string              // problems, each "path: message start"
	}{
		// Offsets past the text's end are the commonest corruption of an edited file.
		{"end beyond text", func(s string) string {
			return strings.Replace(s, `"end": 355,`, `"end": 3600,`, 1)
		}, []string{fmt.Sprintf("annotations[0].end: 3600 is beyond the end of the text (%d code points)", n)}},
		// Exact text that no longer matches its offsets means the text or offsets were edited by hand.
		{"exact mismatch", func(s string) string {
			return strings.Replace(s, `"exact": "Larry Downing/AFP/Getty Images"`, `"exact": "Larry Downing/AP"`, 1)
		}, []string{`annotations[0].exact: "Larry Downing/AP" is not the text at`}},
		// A speaker must point at an annotation that exists.
		{"dangling speaker", func(s string) string {
			return strings.Replace(s, `"speaker": "urn:uuid:00000000-0000-4000-8000-000000000011"`, `"speaker": "urn:uuid:00000000-0000-4000-8000-000000000099"`, 1)
		}, []string{"annotations[1].speaker: urn:uuid:00000000-0000-4000-8000-000000000099 is not the id of any annotation"}},
		// A speaker must be a source, not a quote or a credit.
		{"speaker not a source", func(s string) string {
			return strings.Replace(s, `"speaker": "urn:uuid:00000000-0000-4000-8000-000000000011"`, `"speaker": "urn:uuid:00000000-0000-4000-8000-000000000012"`, 1)
		}, []string{"annotations[1].speaker: urn:uuid:00000000-0000-4000-8000-000000000012 is a photo-credit, not a source"}},
		// Two annotations with one id make links ambiguous.
		{"duplicate id", func(s string) string {
			return strings.Replace(s, `"id": "urn:uuid:00000000-0000-4000-8000-000000000013"`, `"id": "urn:uuid:00000000-0000-4000-8000-000000000012"`, 1)
		}, []string{"annotations[3].id: urn:uuid:00000000-0000-4000-8000-000000000012 is also the id of annotations[0]"}},
		// The hash guards against a text changed without its annotations.
		{"wrong sha256", func(s string) string {
			return strings.Replace(s, `"sha256": "`, `"sha256": "00`, 1)
		}, []string{`document.sha256: "00`}},
		// Unknown kinds are refused, not guessed.
		{"unknown kind", func(s string) string {
			return strings.Replace(s, `"kind": "photo-credit"`, `"kind": "caption"`, 1)
		}, []string{`annotations[0].kind: "caption" is not a kind`, `annotations[0].credit: only a photo credit has a credit, not a caption`}},
		// A newer file must be refused with a message saying so, not half-read.
		{"newer version", func(s string) string {
			return strings.Replace(s, `"version": 2`, `"version": 3`, 1)
		}, []string{"version: version 3 is newer than this program reads (up to 2): update the annotator"}},
		// A version 1 file cannot hold what version 2 added: it was edited by hand or by a wrong tool.
		{"version 2 fields in a version 1 file", func(s string) string {
			return strings.Replace(s, `"version": 2`, `"version": 1`, 1)
		}, []string{"document.site: is a version 2 field, but the file says version 1", "document.language:", "document.published:", "document.url:", "document.blocks:"}},
		{"block role", func(s string) string {
			return strings.Replace(s, `"role": "kicker"`, `"role": "sidebar"`, 1)
		}, []string{`document.blocks[0].role: "sidebar" is not a role (kicker, headline,`}},
		{"blocks out of order", func(s string) string {
			return strings.Replace(s, `"start": 15,`, `"start": 5,`, 1)
		}, []string{"document.blocks[1].start: 5 is before the end of the block before it (13)"}},
		{"block inside a paragraph", func(s string) string {
			return strings.Replace(s, `"start": 15,`, `"start": 16,`, 1)
		}, []string{"document.blocks[1]: 16–56 does not cover whole paragraphs"}},
		{"url", func(s string) string {
			return strings.Replace(s, `"url": "http://`, `"url": "ftp://`, 1)
		}, []string{`document.url: "ftp://america.aljazeera.com/`}},
		{"language", func(s string) string {
			return strings.Replace(s, `"language": "en"`, `"language": "English"`, 1)
		}, []string{`document.language: "English" is not a BCP 47 language tag`}},
		{"voice", func(s string) string {
			return strings.Replace(s, `"name": "John Kerry",`, `"name": "John Kerry", "voice": {"type": "person", "gender": "male", "proposed": ["age"]},`, 1)
		}, []string{`annotations[2].voice.gender: "male" is not a gender (woman, man, nonbinary, unknown)`, `annotations[2].voice.proposed[0]: "age" is not a field of a voice`}},
		{"voice of a quote", func(s string) string {
			return strings.Replace(s, `"note": "partial quote`, `"voice": {"type": "person"}, "note": "partial quote`, 1)
		}, []string{"annotations[3].voice: only a source has a voice, not a quote"}},
		{"speaker confidence without a speaker", func(s string) string {
			return strings.Replace(s, `"note": "partial quote`, `"speakerConfidence": 0.7, "note": "partial quote`, 1)
		}, []string{"annotations[3].speakerConfidence: only a quote linked to a speaker"}},
		// A wrong JSON type names its field.
		{"string offset", func(s string) string {
			return strings.Replace(s, `"start": 325,`, `"start": "325",`, 1)
		}, []string{`annotations[0].start: want a number, got JSON string`}},
		// Several problems are all reported at once.
		{"several problems", func(s string) string {
			s = strings.Replace(s, `"format": "article-annotations"`, `"format": "other"`, 1)
			return strings.Replace(s, `"origin": "human"`, `"origin": "robot"`, 1)
		}, []string{`format: "other" is not "article-annotations"`, `annotations[0].origin: "robot" is not an origin`}},
		// Malformed JSON says where.
		{"truncated", func(s string) string { return s[:len(s)/2] }, []string{"malformed JSON"}},
		{"not an object", func(string) string { return `[1,2]` }, []string{"want an object, got JSON array"}},
		{"empty", func(string) string { return `` }, []string{"empty: want a JSON object"}},
		// Unknown fields are usually typos and would be lost on the next save.
		{"unknown field", func(s string) string {
			return strings.Replace(s, `"note":`, `"notes":`, 1)
		}, []string{`annotations[3]: unknown field "notes"`}},
		{"carriage return", func(s string) string {
			// At the very end, so no offset moves.
			return strings.Replace(s, `newsletter",`, `newsletter\r",`, 1)
		}, []string{"document.text: holds a carriage return", "document.sha256:"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := c.edit(string(valid))
			if in == string(valid) {
				t.Fatal("the edit changed nothing: the test case is stale")
			}
			_, err := Decode([]byte(in))
			var fe *Error
			if !errors.As(err, &fe) {
				t.Fatalf("Decode: got %v, want an *Error", err)
			}
			if len(fe.Problems) != len(c.want) {
				t.Errorf("got %d problems, want %d:\n%v", len(fe.Problems), len(c.want), err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("problems do not include %q; got:\n%v", w, err)
				}
			}
		})
	}
}

func TestNewDocumentNormalizesLineEnds(t *testing.T) {
	// Only line ends change: no-break spaces, curly quotes and dashes stay.
	d := NewDocument("t", "a\r\nb\rc\u00a0\u201cd\u201d \u2013 e\n", "")
	if want := "a\nb\nc\u00a0\u201cd\u201d \u2013 e\n"; d.Text != want {
		t.Errorf("text %q, want %q", d.Text, want)
	}
	if d.SHA256 != TextHash(d.Text) {
		t.Error("sha256 is not the text's")
	}
	if _, err := ParseID(string(d.ID)); err != nil {
		t.Error(err)
	}
}

func TestParseID(t *testing.T) {
	for _, c := range []struct {
		in string
		ok bool
	}{
		{"urn:uuid:0c9d8b4e-5a1f-4c3e-9f1a-2b3c4d5e6f70", true},
		{"0c9d8b4e-5a1f-4c3e-9f1a-2b3c4d5e6f70", false},          // no urn prefix
		{"urn:uuid:0C9D8B4E-5A1F-4C3E-9F1A-2B3C4D5E6F70", false}, // not canonical: ids compare as strings
		{"urn:uuid:{0c9d8b4e-5a1f-4c3e-9f1a-2b3c4d5e6f70}", false},
		{"urn:uuid:", false},
		{"#a", false}, // relative ids fail the W3C tests
	} {
		if _, err := ParseID(c.in); (err == nil) != c.ok {
			t.Errorf("ParseID(%q): err %v, want ok=%v", c.in, err, c.ok)
		}
	}
}

// FuzzDecode: decoding never panics, and whatever decodes re-encodes to bytes
// that decode and encode again identically.
func FuzzDecode(f *testing.F) {
	valid, err := Encode(sampleFile(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	f.Add([]byte(`{"format":"article-annotations","version":1,"document":{"id":"urn:uuid:00000000-0000-4000-8000-000000000001","title":"","text":"","sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},"annotations":[]}`))
	f.Add([]byte(`{"version":99}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Decode(data)
		if err != nil {
			return
		}
		once, err := Encode(file)
		if err != nil {
			t.Fatalf("Encode after Decode: %v", err)
		}
		back, err := Decode(once)
		if err != nil {
			t.Fatalf("Decode(Encode(Decode(x))): %v\n%s", err, once)
		}
		twice, err := Encode(back)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(once, twice) {
			t.Fatalf("re-encoding differs:\n%s\n%s", once, twice)
		}
	})
}

// TestDecodeVersion1 opens a file written by the previous release (format
// version 1): it is read as version 2, with nothing lost, and re-encoded as
// version 2.
func TestDecodeVersion1(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "version1.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(`"version": 1,`)) {
		t.Fatal("testdata/version1.json is not a version 1 file")
	}
	f, err := Decode(data)
	if err != nil {
		t.Fatalf("Decode(version 1): %v", err)
	}
	if f.Version != Version {
		t.Errorf("Version = %d, want %d", f.Version, Version)
	}
	want := sampleFile(t)
	if f.Document.Text != want.Document.Text || len(f.Annotations) != len(want.Annotations) {
		t.Fatalf("read %d annotations over %d bytes, want %d over %d", len(f.Annotations), len(f.Document.Text), len(want.Annotations), len(want.Document.Text))
	}
	for i, a := range f.Annotations {
		if !reflect.DeepEqual(a, want.Annotations[i]) {
			t.Errorf("annotation %d = %+v, want %+v", i, a, want.Annotations[i])
		}
	}
	out, err := Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out, []byte(`"version": 2,`)) {
		t.Errorf("re-encoded file is not version 2:\n%.200s", out)
	}
}
