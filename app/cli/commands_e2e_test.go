//go:build !wasm

package cli

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/sample"
)

// annotator runs the real binary with args and stdin and returns its exit
// status and output.
func annotator(t *testing.T, stdin []byte, args ...string) (code int, stdout, stderr []byte) {
	t.Helper()
	cmd := exec.Command(annotatorBin(t), args...)
	cmd.Stdin = bytes.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if _, exited := err.(*exec.ExitError); err != nil && !exited {
		t.Fatalf("annotator %q: %v", args, err)
	}
	return cmd.ProcessState.ExitCode(), out.Bytes(), errOut.Bytes()
}

// mustRun runs the real binary and fails the test unless it exits 0.
func mustRun(t *testing.T, stdin []byte, args ...string) []byte {
	t.Helper()
	code, out, errOut := annotator(t, stdin, args...)
	if code != ExitOK {
		t.Fatalf("annotator %q = %d\n%s", args, code, errOut)
	}
	return out
}

// sampleArticle writes the sample article to a .txt file and returns its path.
func sampleArticle(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "syria.txt")
	if err := os.WriteFile(path, []byte(sample.Text()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestSuggestThroughValidate pipes `annotator suggest` on the sample article
// into `annotator validate -`, as a newsroom pipeline would.
func TestSuggestThroughValidate(t *testing.T) {
	article := sampleArticle(t)
	suggest := exec.Command(annotatorBin(t), "suggest", article)
	validate := exec.Command(annotatorBin(t), "validate", "-")
	pipe, err := suggest.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var suggestErr, out bytes.Buffer
	suggest.Stderr = &suggestErr
	validate.Stdin, validate.Stdout, validate.Stderr = pipe, &out, &out
	if err := suggest.Start(); err != nil {
		t.Fatal(err)
	}
	validateErr := validate.Run()
	if err := suggest.Wait(); err != nil {
		t.Fatalf("suggest: %v\n%s", err, suggestErr.String())
	}
	if validateErr != nil || strings.TrimSpace(out.String()) != "stdin: ok" {
		t.Fatalf("validate: %v\n%s", validateErr, out.String())
	}

	// The same article from standard input gives the same suggestions (the
	// document's id, name and times aside).
	fromFile := decodeOut(t, string(mustRun(t, nil, "suggest", article)))
	fromStdin := decodeOut(t, string(mustRun(t, []byte(sample.Text()), "suggest", "-")))
	if got, want := spans(fromStdin), spans(fromFile); !equalSpans(got, want) {
		t.Errorf("from stdin:\n%v\nfrom the file:\n%v", got, want)
	}
	if len(fromFile.Annotations) == 0 {
		t.Error("no suggestions for the sample article")
	}
}

// span is what an annotation says, independent of ids and times: its kind, its
// place, and its speaker's place.
type span struct {
	Kind                   annotation.Kind
	Start, End             int
	SpeakerStart, SpeakerE int
	Name                   string
}

// spans lists what f's annotations say, in text order.
func spans(f annotation.File) []span {
	byID := map[annotation.ID]annotation.Annotation{}
	for _, a := range f.Annotations {
		byID[a.ID] = a
	}
	var out []span
	for _, a := range f.Annotations {
		s := span{Kind: a.Kind, Start: a.Start, End: a.End, SpeakerStart: -1, SpeakerE: -1, Name: a.DisplayName()}
		if sp, ok := byID[a.Speaker]; ok {
			s.SpeakerStart, s.SpeakerE = sp.Start, sp.End
		}
		out = append(out, s)
	}
	return out
}

func equalSpans(a, b []span) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestExportImportRoundTrip exports suggestions as W3C Web Annotations and
// imports them onto the article again: the same annotations come back, to the
// byte. On a revised article they all move, and keep their speakers.
func TestExportImportRoundTrip(t *testing.T) {
	article := sampleArticle(t)
	dir := t.TempDir()
	own := mustRun(t, nil, "suggest", article)
	ownPath := filepath.Join(dir, "own.json")
	os.WriteFile(ownPath, own, 0o644)
	exported := mustRun(t, nil, "export", "-format", "w3c", ownPath)
	if !bytes.Contains(exported, []byte(`"type": "AnnotationCollection"`)) {
		t.Fatalf("export -format w3c wrote no AnnotationCollection:\n%.500s", exported)
	}
	w3cPath := filepath.Join(dir, "own.w3c.json")
	os.WriteFile(w3cPath, exported, 0o644)

	code, back, report := annotator(t, nil, "import", "-text", article, w3cPath)
	if code != ExitOK {
		t.Fatalf("import = %d\n%s", code, report)
	}
	want, got := decodeOut(t, string(own)), decodeOut(t, string(back))
	if !equalSpans(spans(got), spans(want)) {
		t.Errorf("imported:\n%v\nexported:\n%v", spans(got), spans(want))
	}
	if !bytes.Equal(back, own) {
		t.Errorf("the round trip changed the file:\n%s\nwant\n%s", back, own)
	}
	if !bytes.HasPrefix(report, []byte(strconv.Itoa(len(want.Annotations))+" anchored, 0 moved, 0 changed, 0 orphaned")) {
		t.Errorf("report %q: want all %d anchored", report, len(want.Annotations))
	}

	// A revised article: a paragraph added at the top.
	const added = "Updated with comments from Geneva.\n\n"
	revised := filepath.Join(dir, "revised.txt")
	os.WriteFile(revised, []byte(added+sample.Text()), 0o644)
	_, back, report = annotator(t, nil, "import", "-text", revised, w3cPath)
	moved := decodeOut(t, string(back))
	shift := len([]rune(added))
	wantSpans := spans(want)
	for i := range wantSpans {
		wantSpans[i].Start += shift
		wantSpans[i].End += shift
		if wantSpans[i].SpeakerStart >= 0 {
			wantSpans[i].SpeakerStart += shift
			wantSpans[i].SpeakerE += shift
		}
	}
	if !equalSpans(spans(moved), wantSpans) || !bytes.Contains(report, []byte(" moved, 0 changed, 0 orphaned")) {
		t.Errorf("on the revised article:\n%v\nwant\n%v\nreport: %s", spans(moved), wantSpans, report)
	}
}

var (
	srcHref    = regexp.MustCompile(`(?:src|href)="([^"]*)"`)
	precacheRe = regexp.MustCompile(`const resourcesToCache = (\[[^\]]*\]);`)
)

// TestStaticBuild runs `annotator static` (the real binary registers the
// app's pages) and checks the folder is a whole site that a plain file server
// serves with nothing from elsewhere: every page, script and asset, and every
// URL the service worker precaches.
func TestStaticBuild(t *testing.T) {
	root := fakeRoot(t)
	out := filepath.Join(t.TempDir(), "site")
	stdout := mustRun(t, nil, "static", "-out", out, "-root", root)
	if !strings.Contains(string(stdout), "Wrote the static app to "+out) {
		t.Errorf("stdout %q", stdout)
	}
	for _, name := range []string{"index.html", "app.js", "app-worker.js", "manifest.webmanifest", "wasm_exec.js", "app.css",
		"web/app.wasm", "web/app.css", "web/icon-192.png", "web/icon-512.png", "web/icon.svg"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("the build lacks %s: %v", name, err)
		}
	}
	if got, want := read(t, filepath.Join(out, "web", "app.wasm")), read(t, filepath.Join(root, "web", "app.wasm")); got != want {
		t.Error("web/app.wasm is not the app.wasm of -root")
	}

	index := read(t, filepath.Join(out, "index.html"))
	var refs []string
	for _, m := range srcHref.FindAllStringSubmatch(index, -1) {
		refs = append(refs, m[1])
		if !strings.HasPrefix(m[1], "/") || strings.HasPrefix(m[1], "//") {
			t.Errorf("index.html refers to %q, not a path on the site", m[1])
		}
	}
	for _, want := range []string{"/app.js", "/wasm_exec.js", "/manifest.webmanifest", "/web/app.css", "/web/icon-192.png"} {
		if !strings.Contains(strings.Join(refs, " "), want) {
			t.Errorf("index.html does not refer to %s (it refers to %q)", want, refs)
		}
	}
	var manifest struct{ Icons []struct{ Src string } }
	if err := json.Unmarshal([]byte(read(t, filepath.Join(out, "manifest.webmanifest"))), &manifest); err != nil || len(manifest.Icons) == 0 {
		t.Fatalf("manifest: %v, %d icons", err, len(manifest.Icons))
	}
	m := precacheRe.FindStringSubmatch(read(t, filepath.Join(out, "app-worker.js")))
	var precached []string
	if m == nil || json.Unmarshal([]byte(m[1]), &precached) != nil || len(precached) == 0 {
		t.Fatal("app-worker.js has no resourcesToCache list")
	}
	// A plain file server over the folder serves every URL the page, the
	// manifest and the service worker need.
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	urls := append(append([]string{}, precached...), refs...)
	for _, icon := range manifest.Icons {
		urls = append(urls, icon.Src)
	}
	for _, u := range urls {
		if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
			t.Errorf("%q is not on the site: offline, the service worker would fail to precache", u)
			continue
		}
		if u != "/" && path.Ext(u) == "" { // another page of the app, written as PAGE.html for hosts that serve clean URLs
			if _, err := os.Stat(filepath.Join(out, u+".html")); err != nil {
				t.Errorf("the page %s links to is not in the build: %v", u, err)
			}
			continue
		}
		resp, err := http.Get(srv.URL + u)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s from the static folder = %d", u, resp.StatusCode)
		}
	}

	// A second build into the same folder is refused: it would leave stale files.
	code, _, errOut := annotator(t, nil, "static", "-out", out, "-root", root)
	if code != ExitFail || !strings.Contains(string(errOut), "is not empty") {
		t.Errorf("a build into a full folder = %d, %s; want 1 and a message", code, errOut)
	}
}
