//go:build !wasm

package server

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"github.com/newsroom/annotator/app/pwa"
)

// fakeWasm stands in for app.wasm: the magic number, then compressible bytes.
var fakeWasm = append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("go-app wasm body "), 20000)...)

// fakeRoot returns a folder holding web/ with the project's assets and a fake app.wasm.
func fakeRoot(t testing.TB) string {
	t.Helper()
	root := t.TempDir()
	if err := os.CopyFS(filepath.Join(root, "web"), os.DirFS("../../web")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "web", "app.wasm"), fakeWasm, 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

// appServer serves the go-app handler over fakeRoot with compressed assets.
func appServer(t testing.TB, root string) string {
	t.Helper()
	version, err := pwa.WasmVersion(root)
	if err != nil {
		t.Fatal(err)
	}
	srv, _ := newTestServer(t, Config{Root: root, App: pwa.Handler(root, version)})
	return srv.URL
}

func decompress(t *testing.T, encoding string, body []byte) []byte {
	t.Helper()
	var r io.Reader = bytes.NewReader(body)
	switch encoding {
	case "br":
		r = brotli.NewReader(r)
	case "gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("decompressing %s: %v", encoding, err)
	}
	return out
}

func TestCompressedAssets(t *testing.T) {
	root := fakeRoot(t)
	url := appServer(t, root)
	css, _ := os.ReadFile(filepath.Join(root, "web", "app.css"))
	png, _ := os.ReadFile(filepath.Join(root, "web", "icon-192.png"))
	for _, c := range []struct {
		why, path, accept string
		encoding, ctype   string
		want              []byte // nil: not checked
	}{
		{"brotli preferred when both are accepted", "/web/app.wasm", "gzip, deflate, br", "br", "application/wasm", fakeWasm},
		{"gzip when brotli is not accepted", "/web/app.wasm", "gzip", "gzip", "application/wasm", fakeWasm},
		{"q-values are honoured", "/web/app.wasm", "br;q=0.5, gzip;q=0.9", "gzip", "application/wasm", fakeWasm},
		{"q=0 refuses an encoding", "/web/app.wasm", "br;q=0, gzip;q=0", "", "application/wasm", fakeWasm},
		{"identity for a client that accepts nothing", "/web/app.wasm", "", "", "application/wasm", fakeWasm},
		{"go-app's alias for the wasm", "/app.wasm", "br", "br", "application/wasm", fakeWasm},
		{"CSS compressed too", "/web/app.css", "br", "br", "text/css; charset=utf-8", css},
		{"PNG is compressed already", "/web/icon-192.png", "br, gzip", "", "image/png", png},
		{"go-app's generated JavaScript", "/wasm_exec.js", "gzip", "gzip", "text/javascript; charset=utf-8", nil},
		{"go-app's manifest", "/manifest.webmanifest", "br", "br", "application/manifest+json", nil},
	} {
		t.Run(c.why, func(t *testing.T) {
			req, _ := http.NewRequest("GET", url+c.path, nil)
			req.Header.Set("Accept-Encoding", c.accept) // set explicitly: the client then does not decompress
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != c.encoding || resp.Header.Get("Content-Type") != c.ctype {
				t.Fatalf("GET %s (Accept-Encoding %q) = %d, encoding %q, type %q; want encoding %q, type %q",
					c.path, c.accept, resp.StatusCode, resp.Header.Get("Content-Encoding"), resp.Header.Get("Content-Type"), c.encoding, c.ctype)
			}
			if c.ctype != "image/png" && resp.Header.Get("Vary") != "Accept-Encoding" {
				t.Errorf("Vary = %q, want Accept-Encoding", resp.Header.Get("Vary"))
			}
			got := decompress(t, c.encoding, body)
			if c.want != nil && !bytes.Equal(got, c.want) {
				t.Errorf("content differs after decoding %s: %d bytes, want %d", c.encoding, len(got), len(c.want))
			}
			if c.encoding != "" && len(body) >= len(got) {
				t.Errorf("%s body of %d bytes is not smaller than %d", c.encoding, len(body), len(got))
			}
			// Each encoding has its own ETag, and revalidation answers 304.
			etag := resp.Header.Get("ETag")
			if c.encoding != "" && !strings.Contains(etag, "-") {
				t.Errorf("ETag %s does not tell the encoding apart", etag)
			}
			req.Header.Set("If-None-Match", etag)
			resp, err = http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusNotModified {
				t.Errorf("revalidation = %d, want 304", resp.StatusCode)
			}
		})
	}
}

// TestPrecompressedAssets checks that an app.wasm.br made at build time is
// served as it is, and ignored once it no longer decodes to app.wasm (an older
// build's) or is not brotli at all.
func TestPrecompressedAssets(t *testing.T) {
	root := fakeRoot(t)
	wasm := filepath.Join(root, "web", "app.wasm")
	if err := Precompress(wasm); err != nil {
		t.Fatal(err)
	}
	best, err := os.ReadFile(wasm + ".br")
	if err != nil {
		t.Fatal(err)
	}
	get := func(url string) []byte {
		req, _ := http.NewRequest("GET", url+"/web/app.wasm", nil)
		req.Header.Set("Accept-Encoding", "br")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return body
	}
	if got := get(appServer(t, root)); !bytes.Equal(got, best) {
		t.Errorf("served %d bytes, not the precompressed file's %d", len(got), len(best))
	}
	// A newer build of app.wasm beside the old .br: the .br is not served.
	newer := append(slices.Clone(fakeWasm), "a newer build"...)
	if err := os.WriteFile(wasm, newer, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := decompress(t, "br", get(appServer(t, root))); !bytes.Equal(got, newer) {
		t.Errorf("an older build's precompressed file was served for a newer app.wasm (%d bytes, want %d)", len(got), len(newer))
	}
	// Not brotli at all.
	if err := os.WriteFile(wasm+".br", []byte("not brotli"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := decompress(t, "br", get(appServer(t, root))); !bytes.Equal(got, newer) {
		t.Errorf("a damaged precompressed file was served (%d bytes decoded)", len(got))
	}
}

// TestFirstRequestCompressed: a client asking for app.wasm right after the
// server starts, while compression is still running, gets the compressed
// form, never the raw file; a client that takes none gets the raw file.
func TestFirstRequestCompressed(t *testing.T) {
	root := fakeRoot(t)
	// A large, varied app.wasm takes brotli about a second.
	rng := rand.New(rand.NewPCG(1, 2))
	var big bytes.Buffer
	big.WriteString("\x00asm\x01\x00\x00\x00")
	for big.Len() < 8<<20 {
		fmt.Fprintf(&big, "f%x ", rng.Uint32()%50000)
	}
	if err := os.WriteFile(filepath.Join(root, "web", "app.wasm"), big.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	version, err := pwa.WasmVersion(root)
	if err != nil {
		t.Fatal(err)
	}
	h, err := NewHandler(Config{Root: root, App: pwa.Handler(root, version)})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(func() { <-h.AssetsReady(); srv.Close() })
	for _, c := range []struct{ accept, encoding string }{{"gzip, br", "br"}, {"gzip", "gzip"}, {"", ""}} {
		req, _ := http.NewRequest("GET", srv.URL+"/web/app.wasm", nil)
		req.Header.Set("Accept-Encoding", c.accept)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if got := resp.Header.Get("Content-Encoding"); got != c.encoding {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q (%d bytes), want %q", c.accept, got, len(body), c.encoding)
		}
		if !bytes.Equal(decompress(t, c.encoding, body), big.Bytes()) {
			t.Errorf("Accept-Encoding %q: the content differs from app.wasm", c.accept)
		}
	}
}
