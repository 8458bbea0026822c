//go:build !wasm

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStaticCommandLine checks static's arguments and the failures it reports
// before writing anything. The build itself needs the app's routes, which only
// the real binary registers: TestStaticBuild runs it.
func TestStaticCommandLine(t *testing.T) {
	root := fakeRoot(t)
	full := t.TempDir()
	os.WriteFile(filepath.Join(full, "old.html"), []byte("stale"), 0o644)
	for _, c := range []struct {
		why    string
		args   []string
		code   int
		stderr string // must contain
	}{
		{"static's usage names its flags", []string{"static", "-h"}, 0, "-out"},
		{"no -out", []string{"static", "-root", root}, 2, "name the folder to write with -out"},
		{"a stray argument", []string{"static", "-out", filepath.Join(t.TempDir(), "site"), "now"}, 2, `unexpected argument "now"`},
		{"no app.wasm under -root", []string{"static", "-out", filepath.Join(t.TempDir(), "site"), "-root", t.TempDir()}, 1, "app.wasm: no such file"},
		// A program that registers no routes would write go-app's "not
		// found" page as index.html; this test process is one.
		{"no pages registered", []string{"static", "-out", filepath.Join(t.TempDir(), "site"), "-root", root}, 1, "registers no pages"},
	} {
		t.Run(c.why, func(t *testing.T) {
			code, out, errOut := run(t, nil, c.args...)
			if code != c.code || !strings.Contains(errOut, c.stderr) {
				t.Errorf("annotator %q = %d\nstdout: %s\nstderr: %s\nwant %d, stderr with %q", c.args, code, out, errOut, c.code, c.stderr)
			}
		})
	}
}
