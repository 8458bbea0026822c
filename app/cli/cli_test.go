//go:build !wasm

package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsroom/annotator/app/annotation"
)

func run(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(context.Background(), Env{Stdout: &out, Stderr: &errOut, Getenv: func(k string) string { return env[k] }}, args)
	return code, out.String(), errOut.String()
}

func TestCommandLine(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	data, err := annotation.Encode(annotation.NewFile(annotation.NewDocument("T", "Some text.\n", ""), []annotation.Annotation{}))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(good, data, 0o644)
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, bytes.Replace(data, []byte(`"version": 2`), []byte(`"version": 0`), 1), 0o644)

	for _, c := range []struct {
		why    string
		args   []string
		env    map[string]string
		code   int
		stdout string // must contain
		stderr string // must contain
	}{
		{"usage on -h", []string{"-h"}, nil, 0, "Commands:", ""},
		{"usage on help", []string{"help"}, nil, 0, "validate", ""},
		{"serve's flags on serve -h", []string{"serve", "-h"}, nil, 0, "", "-max-body"},
		{"validate's usage", []string{"validate", "-h"}, nil, 0, "", "FILE"},
		{"an unknown command", []string{"frobnicate"}, nil, 2, "", `unknown command "frobnicate"`},
		{"an unknown flag of the default command", []string{"-bogus"}, nil, 2, "", "flag provided but not defined: -bogus"},
		{"an unknown flag of serve", []string{"serve", "-port", "1"}, nil, 2, "", "-port"},
		{"a stray argument to serve", []string{"serve", "now"}, nil, 2, "", `unexpected argument "now"`},
		{"a bad size", []string{"serve", "-max-body", "lots"}, nil, 2, "", "not a size"},
		{"a non-loopback address without a token", []string{"serve", "-addr", "0.0.0.0:0"}, nil, 2, "", "without a token"},
		{"all interfaces, spelled empty", []string{"serve", "-addr", ":0"}, nil, 2, "", "-insecure"},
		{"validate without files", []string{"validate"}, nil, 2, "", "at least one file"},
		{"a good file", []string{"validate", good}, nil, 0, good + ": ok", ""},
		{"a bad file names the path", []string{"validate", good, bad}, nil, 1, bad + ": version: 0 is not a version", ""},
		{"a missing file", []string{"validate", filepath.Join(dir, "none.json")}, nil, 1, "no such file", ""},
		{"serve names -users", []string{"serve", "-h"}, nil, 0, "", "-users"},
		{"user without a subcommand", []string{"user"}, nil, 2, "", "add|remove|list"},
		{"user's usage", []string{"user", "-h"}, nil, 0, "remove", ""},
		{"an unknown user subcommand", []string{"user", "rename"}, nil, 2, "", `unknown subcommand "rename"`},
		{"user add without a file", []string{"user", "add", "Alice"}, nil, 2, "", "-users FILE"},
		{"user list takes $ANNOTATOR_USERS", []string{"user", "list"}, map[string]string{"ANNOTATOR_USERS": filepath.Join(dir, "none")}, 1, "", "none"},
		{"user add without a name", []string{"user", "add", "-users", filepath.Join(dir, "u")}, nil, 2, "", "name one user"},
		{"user add of a bad name", []string{"user", "add", "-users", filepath.Join(dir, "u"), "#root"}, nil, 1, "", "may not start with #"},
		{"user remove of nobody", []string{"user", "remove", "-users", filepath.Join(dir, "u"), "Zed"}, nil, 1, "", "u"},
		{"a non-loopback address with users is allowed past the check", []string{"serve", "-addr", "0.0.0.0:0", "-users", filepath.Join(dir, "none"), "-root", dir}, nil, 1, "", "users file"},
	} {
		t.Run(c.why, func(t *testing.T) {
			code, out, errOut := run(t, c.env, c.args...)
			if code != c.code || !strings.Contains(out, c.stdout) || !strings.Contains(errOut, c.stderr) {
				t.Errorf("annotator %q = %d\nstdout: %s\nstderr: %s\nwant %d, stdout with %q, stderr with %q", c.args, code, out, errOut, c.code, c.stdout, c.stderr)
			}
		})
	}
}

func TestByteSize(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1048576", 1 << 20, true},
		{"10MiB", 10 << 20, true},
		{"512KiB", 512 << 10, true},
		{"1GiB", 1 << 30, true},
		{"100B", 100, true},
		{"0", 0, false},       // no body at all would refuse every save
		{"-5", 0, false},      // negative
		{"10MB", 0, false},    // decimal units are ambiguous: refused
		{"9999GiB", 0, false}, // beyond a TiB
	} {
		var b byteSize
		err := b.Set(c.in)
		if (err == nil) != c.ok || (c.ok && int64(b) != c.want) {
			t.Errorf("Set(%q) = %d, %v; want %d, ok %v", c.in, b, err, c.want, c.ok)
		}
	}
}

func TestLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8000": true, "localhost:8000": true, "[::1]:8000": true, "127.1.2.3:0": true,
		"0.0.0.0:8000": false, ":8000": false, "192.168.1.5:80": false, "example.com:80": false, "nonsense": false,
	} {
		if got := loopback(addr); got != want {
			t.Errorf("loopback(%q) = %v, want %v", addr, got, want)
		}
	}
}
