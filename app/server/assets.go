//go:build !wasm

package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
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

// Encodings a compressed asset may have, in order of preference.
var encodings = []struct {
	name     string // Content-Encoding
	ext      string // of a precompressed file beside the asset
	tag      string // ETag suffix
	compress func([]byte) ([]byte, error)
}{
	{"br", ".br", "-br", func(b []byte) ([]byte, error) {
		var buf bytes.Buffer
		w := brotli.NewWriterLevel(&buf, 5) // ~10 MB/s: a 7 MB app.wasm in under a second
		if _, err := w.Write(b); err != nil {
			return nil, err
		}
		err := w.Close()
		return buf.Bytes(), err
	}},
	{"gzip", ".gz", "-gz", func(b []byte) ([]byte, error) {
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		if _, err := w.Write(b); err != nil {
			return nil, err
		}
		err := w.Close()
		return buf.Bytes(), err
	}},
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
// an asset (app.wasm.br, app.wasm.gz), newer than it, is used as it is.
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
			if pfi, err := os.Stat(p + enc.ext); err == nil && !pfi.ModTime().Before(fi.ModTime()) {
				if pre, err := os.ReadFile(p + enc.ext); err == nil {
					a.encoded[i].Store(&pre)
				}
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
				out, err := encodings[j.enc].compress(j.a.body)
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
			if i := pickEncoding(r.Header.Get("Accept-Encoding"), a); i >= 0 {
				body, tag = *a.encoded[i].Load(), a.tag+encodings[i].tag
				h.Set("Content-Encoding", encodings[i].name)
			}
		}
		h.Set("ETag", `"`+tag+`"`)
		http.ServeContent(w, r, "", a.modtime, bytes.NewReader(body))
	})
}

// pickEncoding returns the index in encodings of the best form of a that the
// client accepts, or -1 for the asset as it is.
func pickEncoding(acceptEncoding string, a *asset) int {
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
			if name == enc.name && q > 0 && a.encoded[i].Load() != nil && (q > bestQ || (q == bestQ && i < best)) {
				best, bestQ = i, q
			}
		}
	}
	return best
}
