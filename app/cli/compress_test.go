//go:build !wasm

package cli

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// TestCompressCommand: annotator compress writes FILE.br and FILE.gz that
// decode to FILE, and says what is wrong with a missing file or none.
func TestCompressCommand(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "app.wasm")
	body := bytes.Repeat([]byte("\x00asm compressible body "), 5000)
	if err := os.WriteFile(file, body, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := run(t, nil, "compress", file); code != ExitOK {
		t.Fatalf("annotator compress = %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	for ext, reader := range map[string]func(io.Reader) (io.Reader, error){
		".br": func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
		".gz": func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
	} {
		f, err := os.Open(file + ext)
		if err != nil {
			t.Fatal(err)
		}
		r, err := reader(f)
		if err != nil {
			t.Fatalf("%s: %v", ext, err)
		}
		got, err := io.ReadAll(r)
		f.Close()
		if err != nil || !bytes.Equal(got, body) {
			t.Errorf("%s decodes to %d bytes (%v), want the file's %d", ext, len(got), err, len(body))
		}
	}
	for _, c := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"compress"}, ExitUsage, "name the files to compress"},
		{[]string{"compress", filepath.Join(dir, "missing.wasm")}, ExitFail, "missing.wasm: no such file"},
	} {
		if code, _, errOut := run(t, nil, c.args...); code != c.code || !strings.Contains(errOut, c.stderr) {
			t.Errorf("annotator %q = %d, stderr %q; want %d with %q", c.args, code, errOut, c.code, c.stderr)
		}
	}
}
