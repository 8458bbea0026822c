//go:build !wasm

package w3c

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// suiteDir is the W3C Web Annotation test suite (w3c/web-annotation-tests),
// read in place and never copied into the project.
const suiteDir = "../../../shared/w3c-web-annotation-tests"

// schemaBase is the made-up base URL under which the suite's schemas are
// registered. Like the official harness (ajv with addSchema), the schemas
// live in one flat namespace keyed by their "id" ("id.json",
// "3.1-annotationIdValidated.json"), so "$ref": "id.json#/definitions/x"
// resolves. Nothing under it is ever fetched: the compiler's only loader
// reads file: URLs, and every schema is registered before compiling.
const schemaBase = "https://w3c-web-annotation-tests.invalid/"

// suite runs the suite's .test manifests on JSON documents.
type suite struct {
	root     string
	c        *jsonschema.Compiler
	compiled map[string]*jsonschema.Schema // assertion files by path
	inline   int                           // inline or overridden assertions registered so far
}

// openSuite registers every definition of the suite (definitions/*.json) by
// its id. It skips the test when the suite is absent.
func openSuite(t *testing.T) *suite {
	t.Helper()
	defs, _ := filepath.Glob(filepath.Join(suiteDir, "definitions", "*.json"))
	if len(defs) == 0 {
		t.Skipf("W3C Web Annotation test suite not found at %s (see its SOURCE.md)", suiteDir)
	}
	s := &suite{root: suiteDir, c: jsonschema.NewCompiler(), compiled: map[string]*jsonschema.Schema{}}
	s.c.DefaultDraft(jsonschema.Draft4)
	for _, p := range defs {
		m, ok := mustReadSchema(t, p).(map[string]any)
		id, _ := m["id"].(string)
		if !ok || id == "" {
			t.Fatalf("%s: not a schema with an id", p)
		}
		if err := s.c.AddResource(schemaBase+id, m); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func mustReadSchema(t *testing.T, p string) any {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return doc
}

// The assertion objects of a manifest, as the suite's CONTRIBUTING.md and
// its harness (annotation-model/scripts/JSONtest.js in web-platform-tests)
// define them:
//
//   - An entry of an "assertions" list is a file reference (relative to the
//     manifest's folder when it has no slash, else to the suite's root), an
//     inline assertion object, an object with "assertionFile" whose other
//     keys override the file's, a condition object (it has "assertions",
//     combined with "compareWith": "and" (the default) or "or"), or a nested
//     list.
//   - An assertion passes when validating the document against its schema
//     gives its "expectedResult": "valid" (the default) or "invalid" — an
//     assertion expected to be invalid passes when validation fails.
//   - When an assertion does not pass, its "onUnexpectedResult" says what
//     happens next: *AndContinue runs the rest, *AndSkip skips the rest of
//     the list it is in, *AndAbort stops everything. The result is a failure
//     either way; "pass…" and "fail…" differ only in how the official
//     harness displays optional features.
//   - A condition object passes when all (and) or any (or) of its children
//     passed, each child judged by its own expectedResult.
type assertionResult struct {
	title  string
	passed bool
	detail string
}

// run evaluates every assertion of the manifest at manifest (relative to the
// suite's root) on doc.
func (s *suite) run(t *testing.T, manifest string, doc any) []assertionResult {
	t.Helper()
	m, ok := mustReadSchema(t, filepath.Join(s.root, manifest)).(map[string]any)
	if !ok {
		t.Fatalf("%s: not a JSON object", manifest)
	}
	list, ok := m["assertions"].([]any)
	if !ok || len(list) == 0 {
		t.Fatalf("%s: no assertions list", manifest)
	}
	var out []assertionResult
	s.runList(t, path.Dir(manifest), list, doc, &out)
	return out
}

// runList runs a list of assertions and returns the action after it
// ("continue" or "abort") and whether each assertion run passed.
func (s *suite) runList(t *testing.T, dir string, list []any, doc any, out *[]assertionResult) (string, []bool) {
	t.Helper()
	var passed []bool
	for _, e := range list {
		if nested, ok := e.([]any); ok {
			if action, _ := s.runList(t, dir, nested, doc, out); action == "abort" {
				return "abort", passed
			}
			continue
		}
		a := s.load(t, dir, e)
		var ok bool
		if children, isCond := a["assertions"].([]any); isCond {
			var results []bool
			var action string
			action, results = s.runList(t, dir, children, doc, out)
			ok = combine(a["compareWith"], results)
			*out = append(*out, assertionResult{title: title(a), passed: ok, detail: "condition " + fmt.Sprint(a["compareWith"])})
			if action == "abort" {
				return "abort", append(passed, ok)
			}
		} else {
			valid, detail := s.validate(t, a, doc)
			expected, _ := a["expectedResult"].(string)
			ok = valid == (expected != "invalid")
			*out = append(*out, assertionResult{title: title(a), passed: ok, detail: detail})
		}
		passed = append(passed, ok)
		if !ok {
			switch action, _ := a["onUnexpectedResult"].(string); {
			case strings.HasSuffix(action, "AndAbort"):
				return "abort", passed
			case strings.HasSuffix(action, "AndSkip"):
				return "continue", passed
			}
		}
	}
	return "continue", passed
}

func combine(compareWith any, results []bool) bool {
	if compareWith == "or" {
		for _, r := range results {
			if r {
				return true
			}
		}
		return false
	}
	for _, r := range results {
		if !r {
			return false
		}
	}
	return true
}

// load returns the assertion object an entry names, with overrides applied.
func (s *suite) load(t *testing.T, dir string, e any) map[string]any {
	t.Helper()
	switch v := e.(type) {
	case string:
		return s.loadFile(t, dir, v)
	case map[string]any:
		file, ok := v["assertionFile"].(string)
		if !ok {
			return v
		}
		a := s.loadFile(t, dir, file)
		delete(a, fileKey) // overridden: no longer the file's schema
		for k, x := range v {
			if k != "assertionFile" {
				a[k] = x
			}
		}
		return a
	}
	t.Fatalf("assertion entry %v is neither a file name, an object nor a list", e)
	return nil
}

func (s *suite) loadFile(t *testing.T, dir, ref string) map[string]any {
	t.Helper()
	p := ref
	if !strings.Contains(ref, "/") {
		p = path.Join(dir, ref)
	}
	m, ok := mustReadSchema(t, filepath.Join(s.root, filepath.FromSlash(p))).(map[string]any)
	if !ok {
		t.Fatalf("%s: not a JSON object", p)
	}
	m[fileKey] = p
	return m
}

// validate validates doc against assertion a's schema. An assertion file is
// compiled once; its "id" is replaced by a name made from its path, because
// two files of the suite share an id (3.2.2-targType.json), and the name
// stays in the flat namespace so that its relative $refs still resolve.
// Inline and overridden assertions are registered anew each time.
func (s *suite) validate(t *testing.T, a map[string]any, doc any) (bool, string) {
	t.Helper()
	file, _ := a[fileKey].(string)
	sch, ok := s.compiled[file]
	if !ok || file == "" {
		var url string
		if file != "" {
			url = schemaBase + strings.ReplaceAll(file, "/", "--")
		} else {
			s.inline++
			url = fmt.Sprintf("%sinline-%d.json", schemaBase, s.inline)
		}
		a = maps.Clone(a)
		delete(a, fileKey)
		a["id"] = strings.TrimPrefix(url, schemaBase)
		if err := s.c.AddResource(url, a); err != nil {
			t.Fatal(err)
		}
		var err error
		if sch, err = s.c.Compile(url); err != nil {
			t.Fatalf("compiling %s: %v", url, err)
		}
		if file != "" {
			s.compiled[file] = sch
		}
	}
	if err := sch.Validate(doc); err != nil {
		return false, err.Error()
	}
	return true, ""
}

// fileKey marks an assertion loaded unchanged from a file, with its path.
const fileKey = "\x00file"

func title(a map[string]any) string {
	if s, ok := a[fileKey].(string); ok {
		return s
	}
	s, _ := a["title"].(string)
	return s
}

// failures returns the assertions that did not give their expected result.
func failures(rs []assertionResult) []string {
	var out []string
	for _, r := range rs {
		if !r.passed {
			out = append(out, r.title+": "+firstLine(r.detail))
		}
	}
	return out
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

// decodeForSchema decodes JSON as the schema validator wants it.
func decodeForSchema(data []byte) (any, error) {
	return jsonschema.UnmarshalJSON(bytes.NewReader(data))
}

// The manifests of the suite's MUST assertions.
const (
	annotationMusts = "annotations/annotationMusts.test"
	collectionMusts = "collections/collectionMusts.test"
	pageMusts       = "collections/pages/pageMusts.test"
)

// TestExportConforms checks the export of a file with every kind, notes,
// names, credits, a suggestion and a link against all the MUST assertions of
// the W3C suite: the collection, its embedded page, and every item.
func TestExportConforms(t *testing.T) {
	s := openSuite(t)
	onPage := testFile(t)
	onPage.Document.URL = "https://example.com/2014/01/13/syria-ceasefire"
	for name, f := range map[string]annotation.File{"by id": testFile(t), "on a page": onPage} {
		t.Run(name, func(t *testing.T) { exportConforms(t, s, f) })
	}
}

// exportConforms checks the export of f against the W3C suite's MUSTs.
func exportConforms(t *testing.T, s *suite, f annotation.File) {
	data, err := Export(f)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := decodeForSchema(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, manifest := range []string{collectionMusts, pageMusts} {
		rs := s.run(t, manifest, doc)
		if len(rs) < 10 {
			t.Errorf("%s ran only %d assertions", manifest, len(rs))
		}
		for _, f := range failures(rs) {
			t.Errorf("collection: %s: %s", manifest, f)
		}
	}
	// The embedded page is a valid page on its own too, as a client that
	// keeps pages apart from their collection would take it.
	first := doc.(map[string]any)["first"]
	rs := s.run(t, pageMusts, first)
	if len(rs) != 15 {
		t.Errorf("%s ran %d assertions on the page alone, want its 15", pageMusts, len(rs))
	}
	for _, f := range failures(rs) {
		t.Errorf("the page alone: %s: %s", pageMusts, f)
	}
	var coll struct {
		First struct {
			Items []json.RawMessage `json:"items"`
		} `json:"first"`
	}
	if err := json.Unmarshal(data, &coll); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for i, raw := range coll.First.Items {
		var head struct {
			Motivation string `json:"motivation"`
			Body       []struct {
				Purpose, Value string
			} `json:"body"`
		}
		if err := json.Unmarshal(raw, &head); err != nil {
			t.Fatal(err)
		}
		kind := head.Body[0].Value
		if head.Motivation == linking {
			kind = "link"
		}
		kinds[kind] = true
		item, err := decodeForSchema(raw)
		if err != nil {
			t.Fatal(err)
		}
		rs := s.run(t, annotationMusts, item)
		if len(rs) < 50 {
			t.Errorf("%s ran only %d assertions", annotationMusts, len(rs))
		}
		for _, f := range failures(rs) {
			t.Errorf("items[%d] (%s): %s", i, kind, f)
		}
	}
	for _, k := range []string{"quote", "source", "photo-credit", "link"} {
		if !kinds[k] {
			t.Errorf("the export has no %s to check", k)
		}
	}
}

// suiteQuirks are the suite's correct samples that its own MUST assertions
// reject (the official harness, ajv, rejects them the same way): the
// Composite, List and Independents targets, classes that were at risk and
// that 3.2-targetObjectsRecognized does not know; and pages whose partOf is
// a string, where the page assertions' definitions want an object.
var suiteQuirks = map[string]string{
	"anno11.json":    "3.2-targetObjectsRecognized",
	"anno12.json":    "3.2-targetObjectsRecognized",
	"anno13.json":    "3.2-targetObjectsRecognized",
	"example42.json": "5.2-pageTotalValidated",
	"example43.json": "5.2-pageTotalValidated",
}

// TestSuiteSamples proves the check can fail: every sample the suite marks
// incorrect fails some MUST assertion (or is not JSON). So that the check is
// not merely strict, every correct sample passes, but for the suite's own
// known quirks, which must fail as listed.
func TestSuiteSamples(t *testing.T) {
	s := openSuite(t)
	samples := filepath.Join(suiteDir, "tools", "samples")
	incorrect, _ := filepath.Glob(filepath.Join(samples, "incorrect", "*.json"))
	if len(incorrect) == 0 {
		t.Fatalf("no samples in %s/incorrect", samples)
	}
	for _, p := range incorrect {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := decodeForSchema(data)
		if err != nil {
			continue // not JSON: the harness fails it at parsing
		}
		if len(failures(s.run(t, annotationMusts, doc))) == 0 {
			t.Errorf("%s is an incorrect sample but passed every assertion of %s", p, annotationMusts)
		}
	}
	correct, _ := filepath.Glob(filepath.Join(samples, "correct", "*.json"))
	if len(correct) == 0 {
		t.Fatalf("no samples in %s/correct", samples)
	}
	for _, p := range correct {
		name := filepath.Base(p)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := decodeForSchema(data)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		manifest := annotationMusts
		switch doc.(map[string]any)["type"] {
		case "AnnotationCollection":
			manifest = collectionMusts
		case "AnnotationPage":
			manifest = pageMusts
		}
		fails := failures(s.run(t, manifest, doc))
		quirk, isQuirk := suiteQuirks[name]
		switch {
		case isQuirk && (len(fails) == 0 || !strings.Contains(strings.Join(fails, "\n"), quirk)):
			t.Errorf("%s should fail %s (a known quirk of the suite) but gave %q", name, quirk, fails)
		case !isQuirk:
			for _, f := range fails {
				t.Errorf("%s is a correct sample but failed %s: %s", name, manifest, f)
			}
		}
	}
}

// TestHarnessLogic checks the parts of the harness the MUST manifests do not
// use: expected-invalid assertions, "or" conditions and skipping.
func TestHarnessLogic(t *testing.T) {
	s := openSuite(t)
	hasTarget := map[string]any{"type": "object", "required": []any{"target"}}
	noTarget := map[string]any{"type": "object", "required": []any{"target"}, "expectedResult": "invalid"}
	doc := map[string]any{"body": "x"}
	for _, tc := range []struct {
		name   string
		list   []any
		passed []bool
	}{
		// An assertion expected to be invalid passes when validation fails.
		{"expected invalid", []any{noTarget}, []bool{true}},
		// "or": one child passing is enough; the condition passes.
		{"or", []any{map[string]any{"compareWith": "or", "assertions": []any{hasTarget, noTarget}}}, []bool{false, true, true}},
		// "and" (the default): every child must pass.
		{"and", []any{map[string]any{"assertions": []any{hasTarget, noTarget}}}, []bool{false, true, false}},
		// failAndSkip: the rest of the list is not run.
		{"skip", []any{map[string]any{"type": "object", "required": []any{"target"}, "onUnexpectedResult": "failAndSkip"}, noTarget}, []bool{false}},
		// An inline list within a list keeps running after it.
		{"nested", []any{[]any{hasTarget}, noTarget}, []bool{false, true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out []assertionResult
			s.runList(t, "annotations", tc.list, doc, &out)
			var got []bool
			for _, r := range out {
				got = append(got, r.passed)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.passed) {
				t.Errorf("results %v, want %v", got, tc.passed)
			}
		})
	}
}

// TestExportCheckCanFail: the check rejects our own export once given a
// relative id, as the issue warns, and accepts the export of a file with no annotations.
func TestExportCheckCanFail(t *testing.T) {
	s := openSuite(t)
	data, err := Export(testFile(t))
	if err != nil {
		t.Fatal(err)
	}
	var coll map[string]any
	if coll, err = decodeMap(data); err != nil {
		t.Fatal(err)
	}
	item := coll["first"].(map[string]any)["items"].([]any)[0].(map[string]any)
	item["id"] = "#a"
	got := strings.Join(failures(s.run(t, annotationMusts, item)), "\n")
	if !strings.Contains(got, "3.1-annotationIdValidated") {
		t.Errorf("a relative id passed; failures:\n%s", got)
	}

	f := testFile(t)
	f.Annotations = nil
	empty, err := Export(f)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := decodeForSchema(empty)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{collectionMusts, pageMusts} {
		for _, fl := range failures(s.run(t, m, doc)) {
			t.Errorf("empty export: %s: %s", m, fl)
		}
	}
}

func decodeMap(data []byte) (map[string]any, error) {
	v, err := decodeForSchema(data)
	if err != nil {
		return nil, err
	}
	m, _ := v.(map[string]any)
	return m, nil
}
