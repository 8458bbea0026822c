//go:build !wasm

package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/andybalholm/brotli"
)

// Encodings a compressed asset may have, in order of preference. The server
// compresses at start at a level that takes about a second for app.wasm; the
// build (Precompress) takes the time for the best level.
var encodings = []struct {
	name     string // Content-Encoding
	ext      string // of a precompressed file beside the asset
	tag      string // ETag suffix
	compress func(b []byte, best bool) ([]byte, error)
	reader   func(io.Reader) (io.Reader, error)
}{
	{"br", ".br", "-br", func(b []byte, best bool) ([]byte, error) {
		opts := brotli.WriterOptions{Quality: 5} // ~10 MB/s: a 9 MB app.wasm in under a second
		if best {
			opts = brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: 24} // the largest window browsers take
		}
		var buf bytes.Buffer
		w := brotli.NewWriterOptions(&buf, opts)
		if _, err := w.Write(b); err != nil {
			return nil, err
		}
		err := w.Close()
		return buf.Bytes(), err
	}, func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil }},
	{"gzip", ".gz", "-gz", func(b []byte, _ bool) ([]byte, error) { // the best level is fast enough at start
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		if _, err := w.Write(b); err != nil {
			return nil, err
		}
		err := w.Close()
		return buf.Bytes(), err
	}, func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }},
}

// Precompress writes the best compressed forms of the file at path beside it
// (path.br, path.gz), which the server then serves as they are: `make wasm`
// runs it on app.wasm through `annotator compress`.
func Precompress(path string) error {
	body, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	for _, enc := range encodings {
		out, err := enc.compress(body, true)
		if err != nil {
			return fmt.Errorf("compressing %s with %s: %w", path, enc.name, err)
		}
		if err := writeFileAtomic(path+enc.ext, out); err != nil {
			return err
		}
	}
	return nil
}

// writeFileAtomic writes data to path through a temporary file in the same
// folder, so that a reader never sees it half written.
func writeFileAtomic(path string, data []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil { // as readable as the file it sits beside
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// precompressed returns the compressed form of body in the file at path, if
// there is one that decodes to body exactly: a file left by an older build is
// never served for a newer one.
func precompressed(path string, body []byte, reader func(io.Reader) (io.Reader, error)) ([]byte, error) {
	pre, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	r, err := reader(bytes.NewReader(pre))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	decoded, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if !bytes.Equal(decoded, body) {
		return nil, fmt.Errorf("%s is not a compressed copy of the file beside it (left by an older build?)", path)
	}
	return pre, nil
}

// contentTypes are the types of the assets, whatever the system's MIME tables say.
var contentTypes = map[string]string{
	".wasm":        "application/wasm",
	".js":          "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".html":        "text/html; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".ico":         "image/x-icon",
	".json":        "application/json",
	".webmanifest": "application/manifest+json",
	".txt":         "text/plain; charset=utf-8",
	".xml":         "application/xml",
}

// compressible lists the types worth compressing (images like PNG are compressed already).
func compressible(contentType string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	return strings.HasPrefix(mt, "text/") || mt == "application/wasm" || mt == "image/svg+xml" ||
		mt == "image/x-icon" || strings.HasSuffix(mt, "json") || strings.HasSuffix(mt, "javascript") || mt == "application/xml"
}

// asset is one static file held in memory with its compressed forms.
type asset struct {
	contentType string
	modtime     time.Time
	tag         string                    // hash of the content, unquoted
	body        []byte                    // as it is
	encoded     [2]atomic.Pointer[[]byte] // by index in encodings; nil until ready
}

// assets are the static files served ahead of the go-app handler.
type assets struct {
	byPath map[string]*asset
	ready  chan struct{} // closed once every asset has its compressed forms
}

// generated are the resources go-app makes in memory; they never change while
// the server runs, so they are taken once and served compressed too.
var generated = []string{"/wasm_exec.js", "/app.js", "/app-worker.js", "/manifest.webmanifest", "/app.css"}

// loadAssets reads every file under root/web and go-app's generated resources,
// then compresses those worth it in the background. A precompressed file beside
// an asset (app.wasm.br, app.wasm.gz) that decodes to it is used as it is.
func loadAssets(root string, app http.Handler, log *slog.Logger) (*assets, error) {
	as := &assets{byPath: map[string]*asset{}, ready: make(chan struct{})}
	web := filepath.Join(root, "web")
	err := filepath.WalkDir(web, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".br") || strings.HasSuffix(name, ".gz") {
			return nil
		}
		body, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fi, err := e.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		a := newAsset(typeOf(name), fi.ModTime(), body)
		for i, enc := range encodings {
			pre, err := precompressed(p+enc.ext, body, enc.reader)
			switch {
			case err == nil:
				a.encoded[i].Store(&pre)
			case !errors.Is(err, fs.ErrNotExist):
				log.Warn("ignoring a precompressed asset; compressing it again", "err", err)
			}
		}
		as.byPath["/"+filepath.ToSlash(rel)] = a
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the static assets: %w", err)
	}
	// go-app serves app.wasm under these names too.
	if a, ok := as.byPath["/web/app.wasm"]; ok {
		as.byPath["/app.wasm"], as.byPath["/goapp.wasm"] = a, a
	}
	started := time.Now()
	for _, p := range generated {
		rec := httptest.NewRecorder()
		app.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		if rec.Code == http.StatusOK {
			as.byPath[p] = newAsset(typeOf(p), started, rec.Body.Bytes())
		}
	}
	go as.compressAll(log)
	return as, nil
}

func newAsset(contentType string, modtime time.Time, body []byte) *asset {
	sum := sha256.Sum256(body)
	return &asset{contentType: contentType, modtime: modtime, tag: hex.EncodeToString(sum[:12]), body: body}
}

func typeOf(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// compressAll compresses every asset worth it that has no precompressed form
// yet, on as many goroutines as there are processors, then closes as.ready.
func (as *assets) compressAll(log *slog.Logger) {
	defer close(as.ready)
	type job struct {
		path string
		a    *asset
		enc  int
	}
	jobs := make(chan job)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for j := range jobs {
				start := time.Now()
				out, err := encodings[j.enc].compress(j.a.body, false)
				if err != nil {
					log.Warn("compressing an asset", "path", j.path, "err", err)
					continue
				}
				if len(out) < len(j.a.body)*9/10 { // else not worth a variant
					j.a.encoded[j.enc].Store(&out)
				}
				log.Debug("compressed", "path", j.path, "encoding", encodings[j.enc].name, "from", len(j.a.body), "to", len(out), "took", time.Since(start))
			}
		})
	}
	seen := map[*asset]bool{}
	for p, a := range as.byPath {
		if seen[a] || !compressible(a.contentType) {
			continue
		}
		seen[a] = true
		for i := range encodings {
			if a.encoded[i].Load() == nil {
				jobs <- job{p, a, i}
			}
		}
	}
	close(jobs)
	wg.Wait()
}

// handler serves the assets for GET and HEAD and passes everything else to next.
func (as *assets) handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := as.byPath[r.URL.Path]
		if !ok || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			next.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", a.contentType)
		h.Set("Cache-Control", "no-cache") // revalidate: a rebuilt app is never served stale
		body, tag := a.body, a.tag
		if compressible(a.contentType) {
			h.Set("Vary", "Accept-Encoding")
			accept := r.Header.Get("Accept-Encoding")
			if pickEncoding(accept, a.has) < 0 && pickEncoding(accept, anyEncoding) >= 0 {
				// Compression has not finished since the server started: a
				// client that takes a compressed form waits for it (about a
				// second for app.wasm) rather than getting, and caching, the raw file.
				select {
				case <-as.ready:
				case <-r.Context().Done():
					return
				}
			}
			if i := pickEncoding(accept, a.has); i >= 0 {
				body, tag = *a.encoded[i].Load(), a.tag+encodings[i].tag
				h.Set("Content-Encoding", encodings[i].name)
			}
		}
		h.Set("ETag", `"`+tag+`"`)
		http.ServeContent(w, r, "", a.modtime, bytes.NewReader(body))
	})
}

// has tells whether the asset's form compressed with encodings[i] is ready.
func (a *asset) has(i int) bool { return a.encoded[i].Load() != nil }

// anyEncoding is the has of an asset with every compressed form.
func anyEncoding(int) bool { return true }

// pickEncoding returns the index in encodings of the best form the client
// accepts among those has reports ready, or -1 for the asset as it is.
func pickEncoding(acceptEncoding string, has func(i int) bool) int {
	best, bestQ := -1, 0.0
	for part := range strings.SplitSeq(acceptEncoding, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		q := 1.0
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				q = f
			}
		}
		for i, enc := range encodings {
			if name == enc.name && q > 0 && has(i) && (q > bestQ || (q == bestQ && i < best)) {
				best, bestQ = i, q
			}
		}
	}
	return best
}
