//go:build !wasm

// Package browsertest runs the real annotator for end-to-end tests: it builds the
// binary and app.wasm once per test process, starts the server as a real process
// on 127.0.0.1:0, and drives Debian's headless Chromium.
package browsertest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// ChromiumPath is where Debian's chromium package installs the browser.
const ChromiumPath = "/usr/bin/chromium"

// Build is a built annotator: its binary and a root folder holding web/ with
// app.wasm and the static assets.
type Build struct {
	Bin  string
	Root string
}

var (
	buildOnce sync.Once
	built     *Build
	buildErr  error
	buildDirs []string // removed by Main
)

// Main runs a package's tests and removes the builds afterwards; call it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	for _, d := range buildDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// RepoRoot returns the folder holding the project's go.mod.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}

// BuildApp builds the binary and app.wasm (once per test process) into a temporary folder.
func BuildApp(t testing.TB) *Build {
	t.Helper()
	buildOnce.Do(func() { built, buildErr = buildApp("") })
	if buildErr != nil {
		t.Fatalf("building the app: %v", buildErr)
	}
	return built
}

// BuildVariant builds the app again with ui.Build set to label: a new version
// of the app, as a deployment would bring.
func BuildVariant(t testing.TB, label string) *Build {
	t.Helper()
	b, err := buildApp(label)
	if err != nil {
		t.Fatalf("building the app %s: %v", label, err)
	}
	return b
}

func buildApp(label string) (*Build, error) {
	repo, err := RepoRoot()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "annotator-e2e-")
	if err != nil {
		return nil, err
	}
	buildDirs = append(buildDirs, dir)
	b := &Build{Bin: filepath.Join(dir, "annotator"), Root: dir}
	if err := os.CopyFS(filepath.Join(dir, "web"), os.DirFS(filepath.Join(repo, "web"))); err != nil {
		return nil, err
	}
	for _, stale := range []string{"app.wasm", "app.wasm.br", "app.wasm.gz", "convert.wasm", "convert.wasm.br", "convert.wasm.gz"} {
		os.Remove(filepath.Join(dir, "web", stale)) // a local build's, if any
	}
	var flags []string
	if label != "" {
		flags = []string{"-ldflags", "-X github.com/newsroom/annotator/app/ui.Build=" + label}
	}
	wasm := []string{"GOOS=js", "GOARCH=wasm"}
	for _, step := range []struct {
		env      []string
		pkg, out string
	}{
		{nil, "./cmd/annotator", b.Bin},
		{wasm, "./cmd/annotator", filepath.Join(dir, "web", "app.wasm")},
		{wasm, "./cmd/convertworker", filepath.Join(dir, "web", "convert.wasm")},
	} {
		if err := goBuild(repo, step.env, flags, step.pkg, step.out); err != nil {
			return nil, err
		}
	}
	return b, nil
}

func goBuild(repo string, env, flags []string, pkg, out string) error {
	args := append(append([]string{"build"}, flags...), "-o", out, pkg)
	cmd := exec.Command("go", args...)
	cmd.Dir = repo
	cmd.Env = append(os.Environ(), env...)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %v: %v\n%s", env, err, msg)
	}
	return nil
}

// Server is a running annotator process.
type Server struct {
	URL string
	cmd *exec.Cmd
}

// Start runs `annotator serve -addr 127.0.0.1:0 -root ROOT args…` and waits until it
// listens, keeping its documents in a temporary folder unless args name
// another -data or -store. The process is stopped when the test ends; its log
// is shown if the test failed.
func Start(t testing.TB, b *Build, args ...string) *Server {
	t.Helper()
	if !slices.Contains(args, "-data") && !slices.Contains(args, "-store") {
		args = append([]string{"-data", t.TempDir()}, args...)
	}
	args = append([]string{"serve", "-addr", "127.0.0.1:0", "-root", b.Root}, args...)
	cmd := exec.Command(b.Bin, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer // written by one goroutine of cmd's, read once the process has ended
	cmd.Stderr = &log
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", b.Bin, err)
	}
	s := &Server{cmd: cmd}
	t.Cleanup(func() {
		if s.Stop(); t.Failed() {
			t.Logf("the server's log:\n%s", log.Bytes())
		}
	})
	lines := bufio.NewScanner(stdout)
	urls := make(chan string, 1)
	go func() {
		for lines.Scan() {
			if _, url, ok := strings.Cut(lines.Text(), "Serving the annotator on "); ok {
				urls <- url
				break
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	select {
	case s.URL = <-urls:
	case <-time.After(20 * time.Second):
		t.Fatalf("%s did not say where it serves within 20 s", b.Bin)
	}
	return s
}

// Stop ends the server process; it is safe to call more than once.
func (s *Server) Stop() {
	if s.cmd.ProcessState == nil {
		s.cmd.Process.Kill()
		s.cmd.Wait()
	}
}

// NewBrowser starts a headless Chromium with a fresh profile and returns a tab's
// context. The test fails on any uncaught JavaScript exception; the browser is
// closed when the test ends. Without Chromium the test is skipped, except in CI.
func NewBrowser(t testing.TB) context.Context {
	t.Helper()
	if _, err := os.Stat(ChromiumPath); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("Chromium is missing at %s: .ci/run installs Debian's chromium package", ChromiumPath)
		}
		t.Skipf("Chromium is missing at %s (apt-get install chromium): skipping the browser test", ChromiumPath)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(ChromiumPath),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	var mu sync.Mutex
	var exceptions []string
	ctx, cancel := chromedp.NewContext(alloc, chromedp.WithListener(func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			mu.Lock()
			exceptions = append(exceptions, describe(e.ExceptionDetails))
			mu.Unlock()
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning || os.Getenv("BROWSER_LOG") != "" {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
				}
				t.Logf("console.%s: %s", e.Type, strings.Join(parts, " "))
			}
		}
	}))
	ctx, cancelTimeout := context.WithTimeout(ctx, 5*time.Minute)
	t.Cleanup(func() {
		cancelTimeout()
		cancel()
		cancelAlloc()
		mu.Lock()
		defer mu.Unlock()
		for _, e := range exceptions {
			t.Errorf("uncaught exception in the page: %s", e)
		}
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// Open navigates to url and waits until the app runs in the page (the server's
// prerendered page does not count).
func Open(t testing.TB, ctx context.Context, url string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(url),
		chromedp.Poll[chromedp.Void](`document.body.dataset.ready === "true"`, chromedp.WithPollingTimeout(30*time.Second)),
	)
	if err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
}

// Eval evaluates a JavaScript expression (awaiting a promise) and returns its value.
func Eval[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// Screenshot saves a screenshot of the viewport as name.png in the folder named by
// $SCREENSHOTS (or the test's temporary folder) and returns its path.
func Screenshot(t testing.TB, ctx context.Context, name string) string {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	dir := os.Getenv("SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// describe says what an uncaught exception was and where.
func describe(d *runtime.ExceptionDetails) string {
	msg := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		msg += " " + d.Exception.Description
	}
	return fmt.Sprintf("%s (%s:%d:%d)", msg, d.URL, d.LineNumber+1, d.ColumnNumber+1)
}

// Press sends keys (see chromedp's kb package for special keys) with modifiers.
func Press(t testing.TB, ctx context.Context, keys string, mods ...chromedp.Modifier) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(keys, chromedp.KeyModifiers(mods...))); err != nil {
		t.Fatalf("pressing %q: %v", keys, err)
	}
}

// Downloads makes the browser save downloads into a new folder and returns it.
func Downloads(t testing.TB, ctx context.Context) string {
	t.Helper()
	dir := t.TempDir()
	_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir,
	})
	if err != nil {
		t.Fatalf("allowing downloads: %v", err)
	}
	return dir
}

// WaitFile waits up to 10 s for dir/name to be complete and returns its content.
func WaitFile(t testing.TB, dir, name string) []byte {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err == nil && len(data) > 0 {
			return data
		}
		time.Sleep(50 * time.Millisecond)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	t.Fatalf("no file %s downloaded into %s (it holds %v)", name, dir, names)
	return nil
}

// WaitFor polls a JavaScript condition until it holds, for up to 10 s. A
// condition that throws (a value not there yet) counts as not holding, and a
// page navigating meanwhile (a reload) is waited through; on time-out the test
// fails with the condition and its last exception.
func WaitFor(t testing.TB, ctx context.Context, cond string) {
	t.Helper()
	expr := `(() => { try { return (` + cond + `) ? "" : "false" } catch (e) { return "threw " + e } })()`
	deadline := time.Now().Add(10 * time.Second)
	last := ""
	for {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr, chromedp.EvalAwaitPromise))
		switch {
		case err == nil && got == "":
			return
		case err == nil:
			last = got
		case ctx.Err() != nil:
			t.Fatalf("waiting for %s: %v", cond, err)
		default:
			last = err.Error() // the page is navigating: poll the new one
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited 10 s for %s: still %s", cond, last)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Click clicks with the mouse at the centre of the first element matching the
// CSS selector, as an editor would, after scrolling it into view; it waits up
// to 10 s for the element to be rendered. (chromedp's Click aims at an inline
// element's box model, which can miss a highlight.)
func Click(t testing.TB, ctx context.Context, selector string) {
	t.Helper()
	sel, _ := json.Marshal(selector)
	WaitFor(t, ctx, `document.querySelector(`+string(sel)+`) !== null`)
	pt := Eval[[]float64](t, ctx, `(() => {
		const el = document.querySelector(`+string(sel)+`);
		if (!el) return [];
		el.scrollIntoView({block: "center"});
		const r = el.getClientRects()[0];
		return [r.left + r.width / 2, r.top + r.height / 2];
	})()`)
	if len(pt) != 2 {
		t.Fatalf("nothing matches %s", selector)
	}
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(pt[0], pt[1])); err != nil {
		t.Fatalf("clicking %s: %v", selector, err)
	}
}

// axePath is where `make test` installs axe-core, relative to the repository.
const axePath = ".cache/axe/node_modules/axe-core/axe.min.js"

// Audit runs the axe-core accessibility audit on the page and fails the test
// on every serious or critical violation, naming the rule and the elements.
func Audit(t testing.TB, ctx context.Context, what string) {
	t.Helper()
	repo, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(repo, axePath))
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("axe-core is missing (%v): make test installs it", err)
		}
		t.Skipf("axe-core is missing (%v): run make test to install it", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
		t.Fatalf("loading axe-core: %v", err)
	}
	type violation struct {
		ID, Impact, Help string
		Nodes            []string
	}
	vs := Eval[[]violation](t, ctx, `axe.run(document, {resultTypes: ["violations"]}).then(r =>
		r.violations.filter(v => v.impact === "serious" || v.impact === "critical").map(v => ({
			ID: v.id, Impact: v.impact, Help: v.help, Nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " — " + n.failureSummary)})))`)
	for _, v := range vs {
		t.Errorf("accessibility (%s): %s %s: %s\n  %s", what, v.Impact, v.ID, v.Help, strings.Join(v.Nodes, "\n  "))
	}
}

// SelectText selects the n-th (from 0) occurrence of needle in the article, as
// a mouse drag would.
func SelectText(t testing.TB, ctx context.Context, needle string, n int) {
	t.Helper()
	q, _ := json.Marshal(needle)
	WaitFor(t, ctx, `document.getElementById("article").textContent.includes(`+string(q)+`)`)
	ok := Eval[bool](t, ctx, `(() => {
		const art = document.getElementById("article");
		const walker = document.createTreeWalker(art, NodeFilter.SHOW_TEXT);
		const nodes = []; let text = "";
		while (walker.nextNode()) { nodes.push([walker.currentNode, text.length]); text += walker.currentNode.data; }
		let i = -1;
		for (let k = 0; k <= `+strconv.Itoa(n)+`; k++) { i = text.indexOf(`+string(q)+`, i + 1); if (i < 0) return false; }
		const at = (off, end) => {
			for (const [node, base] of nodes) {
				if (off < base + node.data.length || (end && off === base + node.data.length)) return [node, off - base];
			}
		};
		const [sn, so] = at(i, false), [en, eo] = at(i + `+string(q)+`.length, true);
		const r = document.createRange(); r.setStart(sn, so); r.setEnd(en, eo);
		const s = getSelection(); s.removeAllRanges(); s.addRange(r);
		document.dispatchEvent(new Event("selectionchange"));
		return true;
	})()`)
	if !ok {
		t.Fatalf("%q (occurrence %d) is not in the article", needle, n)
	}
}

// SignIn enters an editor's own token in the From server dialog and waits
// until the server has said who they are.
func SignIn(t testing.TB, ctx context.Context, token, name string) {
	t.Helper()
	Click(t, ctx, `.actions button[title^="Open a document from the server"]`)
	WaitFor(t, ctx, `document.getElementById("server-token") !== null`)
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("server-token"), token)); err != nil {
		t.Fatal(err)
	}
	Eval[bool](t, ctx, `(() => { document.getElementById("server-token").dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	WaitFor(t, ctx, `document.getElementById("signed-in")?.textContent === "Signed in as `+name+`"`)
}
