//go:build !wasm

package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/browsertest"
	"github.com/newsroom/annotator/app/store/storetest"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// annotatorBin builds cmd/annotator once per test process. The API tests need no
// real app.wasm, so they skip its (slow) build and use fakeRoot.
func annotatorBin(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		repo, err := browsertest.RepoRoot()
		if err != nil {
			buildErr = err
			return
		}
		dir, err := os.MkdirTemp("", "annotator-cli-test-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "annotator")
		cmd := exec.Command("go", "build", "-o", binPath, "./cmd/annotator")
		cmd.Dir = repo
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// fakeRoot returns a folder holding web/ with the project's assets and a
// stand-in app.wasm.
func fakeRoot(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	repo, _ := browsertest.RepoRoot()
	if err := os.CopyFS(filepath.Join(root, "web"), os.DirFS(filepath.Join(repo, "web"))); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(root, "web", "app.wasm")) // a build output that may be there
	wasm := append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("stand-in wasm "), 50000)...)
	if err := os.WriteFile(filepath.Join(root, "web", "app.wasm"), wasm, 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

// proc is a running annotator process.
type proc struct {
	cmd    *exec.Cmd
	url    string
	stderr *syncBuffer
	exited chan struct{}
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// start runs `annotator serve` on 127.0.0.1:0 over root and data and waits
// until it says where it serves.
func start(t *testing.T, root, data string, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(annotatorBin(t), append([]string{"serve", "-addr", "127.0.0.1:0", "-root", root, "-data", data}, args...)...)
	cmd.Env = append(os.Environ(), "ANNOTATOR_TOKEN=")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &proc{cmd: cmd, stderr: &syncBuffer{}, exited: make(chan struct{})}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-p.exited
	})
	urls := make(chan string, 1)
	go func() {
		lines := bufio.NewScanner(stdout)
		for lines.Scan() {
			if _, url, ok := strings.Cut(lines.Text(), "Serving the annotator on "); ok {
				urls <- url
			}
		}
		cmd.Wait()
		close(p.exited)
	}()
	select {
	case p.url = <-urls:
	case <-p.exited:
		t.Fatalf("annotator exited before serving: %s", p.stderr)
	case <-time.After(20 * time.Second):
		t.Fatal("annotator did not say where it serves within 20 s")
	}
	return p
}

// stop sends sig and returns the exit status.
func (p *proc) stop(t *testing.T, sig os.Signal) int {
	t.Helper()
	p.cmd.Process.Signal(sig)
	select {
	case <-p.exited:
	case <-time.After(20 * time.Second):
		t.Fatal("annotator did not exit within 20 s of the signal")
	}
	return p.cmd.ProcessState.ExitCode()
}

func put(url string, body []byte, headers ...string) (*http.Response, error) {
	req, err := http.NewRequest("PUT", url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	return resp, err
}

func newDoc(t *testing.T, title string) annotation.File {
	return annotation.NewFile(annotation.NewDocument(title, "“A quote,” she said.\n", ""), []annotation.Annotation{})
}

func TestServeProcess(t *testing.T) {
	root, data := fakeRoot(t), t.TempDir()
	p := start(t, root, data, "-token", "tok")
	f := newDoc(t, "Served")
	url := p.url + "/api/documents/" + f.Document.ID.UUID()
	if resp, err := put(url, storetest.MustEncode(t, f)); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("PUT without the token = %v, %v; want 401", resp, err)
	}
	if resp, err := put(url, storetest.MustEncode(t, f), "Authorization", "Bearer tok"); err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("PUT with the token = %v, %v; want 201", resp, err)
	}
	// The app page, served by go-app with the routes of the real binary.
	resp, err := http.Get(p.url + "/")
	if err != nil || resp.StatusCode != 200 || resp.Header.Get("Content-Security-Policy") == "" {
		t.Fatalf("GET / = %v, %v", resp, err)
	}
	resp.Body.Close()
	// app.wasm is served brotli-compressed once compression at start is done.
	deadline := time.Now().Add(15 * time.Second)
	for {
		req, _ := http.NewRequest("GET", p.url+"/web/app.wasm", nil)
		req.Header.Set("Accept-Encoding", "gzip, br")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.Header.Get("Content-Encoding") == "br" && resp.Header.Get("Content-Type") == "application/wasm" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("app.wasm still not served as brotli: %v", resp.Header)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if code := p.stop(t, syscall.SIGINT); code != 0 {
		t.Errorf("exit status after SIGINT = %d, want 0\n%s", code, p.stderr)
	}
	if log := p.stderr.String(); !strings.Contains(log, "msg=request method=PUT") || !strings.Contains(log, "status=201") {
		t.Errorf("the log lacks a line per request:\n%s", log)
	}
}

// writeLoad has writers save new versions of their documents (a counter in the
// title) without pause until stop is closed. It returns, per document, the last
// acknowledged counter and every counter attempted.
func writeLoad(t *testing.T, base string, docs []annotation.File, stop chan struct{}) (acked map[int]int, attempted map[int]map[int]bool) {
	var mu sync.Mutex
	acked, attempted = map[int]int{}, map[int]map[int]bool{}
	var wg sync.WaitGroup
	for d, f := range docs {
		attempted[d] = map[int]bool{}
		wg.Go(func() {
			url := base + "/api/documents/" + f.Document.ID.UUID()
			for n := 1; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				f.Document.Title = strconv.Itoa(n)
				mu.Lock()
				attempted[d][n] = true
				mu.Unlock()
				resp, err := put(url, storetest.MustEncode(t, f))
				if err != nil {
					return // the server went away
				}
				if resp.StatusCode == http.StatusOK || resp.StatusCode == http.StatusCreated {
					mu.Lock()
					acked[d] = n
					mu.Unlock()
				}
			}
		})
	}
	<-stop
	wg.Wait()
	return acked, attempted
}

// checkAfterRestart checks every stored file decodes and each document holds
// its last acknowledged version or a later attempted one.
func checkAfterRestart(t *testing.T, root, data string, docs []annotation.File, acked map[int]int, attempted map[int]map[int]bool) {
	t.Helper()
	filepath.WalkDir(filepath.Join(data, "documents"), func(path string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() && !strings.HasPrefix(e.Name(), ".tmp-") { // temporary files are not stored files
			raw, _ := os.ReadFile(path)
			if _, err := annotation.Decode(raw); err != nil {
				t.Errorf("%s does not decode: %v", path, err)
			}
		}
		return nil
	})
	p := start(t, root, data)
	for d, f := range docs {
		resp, err := http.Get(p.url + "/api/documents/" + f.Document.ID.UUID())
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if acked[d] == 0 && resp.StatusCode == http.StatusNotFound {
			continue
		}
		got, err := annotation.Decode(raw)
		if err != nil {
			t.Errorf("doc %d after restart: %d %v", d, resp.StatusCode, err)
			continue
		}
		n, _ := strconv.Atoi(got.Document.Title)
		if n < acked[d] || !attempted[d][n] {
			t.Errorf("doc %d holds version %d; last acknowledged %d", d, n, acked[d])
		}
	}
	p.stop(t, syscall.SIGTERM)
	// The restart removed what the crash left half-written.
	filepath.WalkDir(data, func(path string, e os.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(e.Name(), ".tmp-") {
			t.Errorf("temporary file left after restart: %s", path)
		}
		return nil
	})
}

func TestShutdownAndCrash(t *testing.T) {
	for _, c := range []struct {
		why      string
		sig      os.Signal
		wantExit int
	}{
		{"SIGTERM lets the writes in flight finish and exits 0", syscall.SIGTERM, 0},
		{"SIGKILL mid-write leaves only whole files", syscall.SIGKILL, -1},
	} {
		t.Run(c.sig.String(), func(t *testing.T) {
			root, data := fakeRoot(t), t.TempDir()
			p := start(t, root, data)
			docs := make([]annotation.File, 8)
			for i := range docs {
				docs[i] = newDoc(t, "0")
			}
			stop := make(chan struct{})
			go func() {
				time.Sleep(700 * time.Millisecond)
				if code := p.stop(t, c.sig); code != c.wantExit {
					t.Errorf("%s: exit status %d, want %d\n%s", c.why, code, c.wantExit, p.stderr)
				}
				close(stop)
			}()
			acked, attempted := writeLoad(t, p.url, docs, stop)
			total := 0
			for _, n := range acked {
				total += n
			}
			t.Logf("%d writes acknowledged before the signal", total)
			if total < 10 {
				t.Fatalf("only %d writes acknowledged before the signal: the test proves little", total)
			}
			checkAfterRestart(t, root, data, docs, acked, attempted)
		})
	}
}
