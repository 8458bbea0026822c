//go:build !wasm

package server

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// ContentSecurityPolicy lets the app and its WebAssembly run and nothing foreign:
// scripts, styles, images, fetches, the service worker and the manifest all come
// from the server itself. go-app sets inline style attributes (the Style method
// calls setAttribute("style", …)), hence style-src-attr; it needs no inline script.
const ContentSecurityPolicy = "default-src 'self'; " +
	"script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self'; style-src-attr 'unsafe-inline'; " +
	"img-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the headers every response carries. No response carries
// Access-Control-Allow-Origin: cross-origin reads stay closed.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// limitInFlight answers 503 when max requests are already being handled;
// requests for which exempt is true (event streams, which have their own
// bound) do not count.
func limitInFlight(max int, exempt func(*http.Request) bool, next http.Handler) http.Handler {
	sem := make(chan struct{}, max)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if exempt(r) {
			next.ServeHTTP(w, r)
			return
		}
		select {
		case sem <- struct{}{}:
			defer func() { <-sem }()
			next.ServeHTTP(w, r)
		default:
			w.Header().Set("Retry-After", "1")
			writeError(w, http.StatusServiceUnavailable, "the server is busy: try again in a moment")
		}
	})
}

// logRequests logs one line per request once it is answered: its path
// without the query (which may hold an event stream's token), and the user
// it was signed in as, if any.
func logRequests(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		var user string
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), logUserKey{}, &user)))
		level := slog.LevelInfo
		if rec.status >= 500 {
			level = slog.LevelError
		}
		log.LogAttrs(r.Context(), level, "request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.EscapedPath()),
			slog.Int("status", rec.status),
			slog.Int64("bytes", rec.bytes),
			slog.String("encoding", rec.Header().Get("Content-Encoding")),
			slog.Duration("took", time.Since(start)),
			slog.String("remote", r.RemoteAddr),
			slog.String("user", user),
		)
	})
}

// logUserKey is the context key of where logRequests wants the user's name.
type logUserKey struct{}

// recorder notes a response's status and size.
type recorder struct {
	http.ResponseWriter
	status      int
	bytes       int64
	wroteHeader bool
}

func (r *recorder) WriteHeader(status int) {
	if !r.wroteHeader {
		r.status, r.wroteHeader = status, true
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wroteHeader = true
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// acceptsJSON reports whether a Content-Type names JSON in UTF-8.
func acceptsJSON(contentType string) bool {
	mt, params, _ := strings.Cut(contentType, ";")
	if !strings.EqualFold(strings.TrimSpace(mt), "application/json") {
		return false
	}
	for p := range strings.SplitSeq(params, ";") {
		k, v, _ := strings.Cut(p, "=")
		if strings.EqualFold(strings.TrimSpace(k), "charset") && !strings.EqualFold(strings.Trim(strings.TrimSpace(v), `"`), "utf-8") {
			return false
		}
	}
	return true
}
