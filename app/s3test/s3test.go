//go:build !wasm

// Package s3test runs a real S3-compatible object server for tests: the Versity
// S3 Gateway (versitygw) serving a temporary folder on 127.0.0.1. Tests find the
// binary in the repository's .cache/bin (where `make` installs it) or on PATH,
// and are skipped without it, except in CI (CI set), where they fail.
package s3test

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Install is the command that installs the gateway where Binary finds it.
const Install = "GOBIN=$PWD/.cache/bin go install github.com/versity/versitygw/cmd/versitygw@v1.8.0"

// Region is the region the tests' URLs name; the gateway accepts any.
const Region = "us-east-1"

// Binary returns the path of the versitygw binary: .cache/bin/versitygw above
// the working directory, or versitygw on PATH.
func Binary() (string, error) {
	if dir, err := os.Getwd(); err == nil {
		for {
			p := filepath.Join(dir, ".cache", "bin", "versitygw")
			if _, err := os.Stat(p); err == nil {
				return p, nil
			}
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				break // the repository's root: look no higher
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("versitygw is neither in .cache/bin nor on PATH (install it with: %s)", Install)
}

// Server is a running versitygw process serving a temporary folder.
type Server struct {
	// Endpoint is the server's base URL, e.g. "http://127.0.0.1:41234".
	Endpoint string
	// Access and Secret are the credentials it accepts.
	Access, Secret string

	bin, addr, dir string
	mu             sync.Mutex
	cmd            *exec.Cmd
	log            *lockedBuffer
}

// Start starts a gateway on a free port of 127.0.0.1; it is stopped when the
// test ends. Without the binary the test is skipped, or fails when CI is set.
func Start(t testing.TB) *Server {
	t.Helper()
	bin, err := Binary()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%v: .ci/run installs it", err)
		}
		t.Skipf("%v: skipping the test on object storage", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	s := &Server{
		Endpoint: "http://" + addr,
		Access:   "annotator-test",
		Secret:   "secret-" + randomHex(8),
		bin:      bin, addr: addr, dir: t.TempDir(),
	}
	t.Cleanup(s.Stop)
	if err := s.start(); err != nil {
		t.Fatal(err)
	}
	return s
}

// start runs the process and waits until it answers HTTP.
func (s *Server) start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = &lockedBuffer{}
	cmd := exec.Command(s.bin, "--access", s.Access, "--secret", s.Secret, "--port", s.addr, "posix", s.dir)
	cmd.Stdout, cmd.Stderr = s.log, s.log
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting %s: %v", s.bin, err)
	}
	s.cmd = cmd
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(s.Endpoint + "/")
		if err == nil {
			resp.Body.Close()
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	return fmt.Errorf("versitygw did not answer on %s within 15 s; it said:\n%s", s.addr, s.log.String())
}

// Stop kills the gateway, as an outage of the object storage would; the folder
// and its objects stay. It is safe to call more than once.
func (s *Server) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd != nil {
		s.cmd.Process.Kill()
		s.cmd.Wait()
		s.cmd = nil
	}
}

// Restart starts the gateway again on the same address and folder after Stop.
func (s *Server) Restart(t testing.TB) {
	t.Helper()
	var err error
	for range 50 { // the port may take a moment to be free again
		if err = s.start(); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal(err)
}

// Log returns what the gateway has printed since it last started.
func (s *Server) Log() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.log.String()
}

// NewBucket creates an empty bucket with a fresh name and returns the name. The
// gateway's posix backend keeps each bucket as a folder of the served folder.
func (s *Server) NewBucket(t testing.TB) string {
	t.Helper()
	name := "annotator-" + randomHex(6)
	if err := os.Mkdir(filepath.Join(s.dir, name), 0o755); err != nil {
		t.Fatal(err)
	}
	return name
}

// URL returns the store URL of bucket on this server, as `annotator serve -store` takes it.
func (s *Server) URL(bucket string) string {
	return "s3://" + bucket + "?endpoint=" + s.Endpoint + "&region=" + Region
}

// Env returns the environment variables that give a client this server's credentials.
func (s *Server) Env() []string {
	return []string{
		"AWS_ACCESS_KEY_ID=" + s.Access,
		"AWS_SECRET_ACCESS_KEY=" + s.Secret,
		"AWS_EC2_METADATA_DISABLED=true",
	}
}

// SetEnv sets Env in the test process for the test's duration.
func (s *Server) SetEnv(t testing.TB) {
	t.Helper()
	for _, kv := range s.Env() {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// lockedBuffer collects a process's output safely.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
