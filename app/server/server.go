//go:build !wasm

// Package server is the annotator's HTTP server: it serves the web app, its
// static assets compressed once, and the JSON API over a store.Store of
// annotation files, with limits, security headers and one log line per request.
// The API signs requests in by their users' tokens (users.go), names the
// saving user as the creator of the annotations a save adds (stamp.go), and
// streams each document's saves and who has it open (events.go).
// The README documents the API.
package server

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/newsroom/annotator/app/fetch"
	"github.com/newsroom/annotator/app/store"
	"github.com/newsroom/annotator/app/users"
)

// Defaults for the limits of a Config left zero.
const (
	DefaultMaxBody         = 10 << 20 // bytes of a request body
	DefaultMaxInFlight     = 256      // requests handled at once
	DefaultShutdownTimeout = 30 * time.Second
)

// Config says how to run a server.
type Config struct {
	// Addr is the address to listen on, e.g. "127.0.0.1:8000"; port 0 picks a free one.
	Addr string
	// App serves the web app: its pages, scripts and static resources (the go-app handler).
	App http.Handler
	// Root is the folder holding web/, whose files are served compressed ahead of
	// App; empty serves everything through App.
	Root string
	// Store keeps the annotation files; nil serves no API.
	Store store.Store
	// Token, when set, is a shared bearer token the API takes, beside the
	// users' own; its requests are signed in with no user name.
	Token string
	// Users, when set, are the users whose tokens the API takes, each signed
	// in under their name (annotator serve -users). With neither Token nor
	// Users, the API takes every request, signed in with no name.
	Users *users.Watch
	// Fetcher fetches the pages of the links editors open (POST /api/fetch);
	// nil takes a fetch.Fetcher with its defaults: public addresses only.
	Fetcher *fetch.Fetcher
	// MaxBody bounds request bodies in bytes; larger ones get 413.
	MaxBody int64
	// MaxInFlight bounds the requests handled at once; others get 503.
	MaxInFlight int
	// ReadHeaderTimeout, ReadTimeout, WriteTimeout and IdleTimeout bound slow
	// clients, as in http.Server; zero takes 10 s, 1 min, 2 min and 2 min.
	ReadHeaderTimeout, ReadTimeout, WriteTimeout, IdleTimeout time.Duration
	// ShutdownTimeout bounds how long Wait lets requests in flight finish.
	ShutdownTimeout time.Duration
	// MaxStreams bounds the event streams open at once (they do not count
	// against MaxInFlight); others get 503.
	MaxStreams int
	// Heartbeat is how often an idle event stream gets a comment.
	Heartbeat time.Duration
	// Log receives one line per request and what else the server has to report; nil discards it.
	Log *slog.Logger
}

func (cfg *Config) setDefaults() {
	cfg.Log = cmp.Or(cfg.Log, slog.New(slog.DiscardHandler))
	cfg.MaxBody = cmp.Or(cfg.MaxBody, DefaultMaxBody)
	cfg.MaxInFlight = cmp.Or(cfg.MaxInFlight, DefaultMaxInFlight)
	cfg.ReadHeaderTimeout = cmp.Or(cfg.ReadHeaderTimeout, 10*time.Second)
	cfg.ReadTimeout = cmp.Or(cfg.ReadTimeout, time.Minute)
	cfg.WriteTimeout = cmp.Or(cfg.WriteTimeout, 2*time.Minute)
	cfg.IdleTimeout = cmp.Or(cfg.IdleTimeout, 2*time.Minute)
	cfg.ShutdownTimeout = cmp.Or(cfg.ShutdownTimeout, DefaultShutdownTimeout)
	cfg.MaxStreams = cmp.Or(cfg.MaxStreams, DefaultMaxStreams)
	cfg.Heartbeat = cmp.Or(cfg.Heartbeat, DefaultHeartbeat)
	if cfg.App == nil {
		cfg.App = http.NotFoundHandler()
	}
	if cfg.Fetcher == nil {
		cfg.Fetcher = &fetch.Fetcher{}
	}
}

// Handler is the server's whole HTTP handler: app, assets and API behind the
// limits, security headers and request log.
type Handler struct {
	http.Handler
	assets *assets
	events *events
}

// NewHandler returns the handler for cfg. It reads the static assets under
// cfg.Root now and compresses them in the background; until a compressed form
// is ready, a client that accepts one waits for it.
func NewHandler(cfg Config) (*Handler, error) {
	cfg.setDefaults()
	mux := http.NewServeMux()
	ev := newEvents(cfg)
	if cfg.Store != nil {
		mux.Handle("/api/", newAPI(cfg, ev))
	}
	var as *assets
	app := cfg.App
	if cfg.Root != "" {
		var err error
		if as, err = loadAssets(cfg.Root, cfg.App, cfg.Log); err != nil {
			return nil, err
		}
		app = as.handler(cfg.App)
	}
	mux.Handle("/", app)
	var h http.Handler = mux
	h = limitInFlight(cfg.MaxInFlight, isEventStream, h)
	h = securityHeaders(h)
	h = logRequests(cfg.Log, h)
	return &Handler{Handler: h, assets: as, events: ev}, nil
}

// CloseStreams ends the event streams open and refuses new ones: a server
// shutting down calls it (http.Server.RegisterOnShutdown) so that its
// graceful shutdown need not wait for them.
func (h *Handler) CloseStreams() { h.events.shutdown() }

// AssetsReady returns a channel closed once every static asset has its compressed forms.
func (h *Handler) AssetsReady() <-chan struct{} {
	if h.assets == nil {
		c := make(chan struct{})
		close(c)
		return c
	}
	return h.assets.ready
}

// Server is a running HTTP server.
type Server struct {
	ln       net.Listener
	http     *http.Server
	done     chan error
	log      *slog.Logger
	shutdown time.Duration
}

// Open starts a server listening on cfg.Addr.
func Open(cfg Config) (*Server, error) {
	cfg.setDefaults()
	h, err := NewHandler(cfg)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, err
	}
	s := &Server{
		ln: ln,
		http: &http.Server{
			Handler:           h,
			ReadHeaderTimeout: cfg.ReadHeaderTimeout,
			ReadTimeout:       cfg.ReadTimeout,
			WriteTimeout:      cfg.WriteTimeout,
			IdleTimeout:       cfg.IdleTimeout,
			MaxHeaderBytes:    64 << 10,
			ErrorLog:          slog.NewLogLogger(cfg.Log.Handler(), slog.LevelWarn),
		},
		done:     make(chan error, 1),
		log:      cfg.Log,
		shutdown: cfg.ShutdownTimeout,
	}
	s.http.RegisterOnShutdown(h.CloseStreams)
	go func() { s.done <- s.http.Serve(ln) }()
	cfg.Log.Info("serving", "url", s.URL())
	return s, nil
}

// URL returns the server's base URL, e.g. "http://127.0.0.1:8000".
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() }

// Wait blocks until ctx is done, then shuts the server down gracefully: it stops
// accepting connections and lets the requests in flight, writes among them, finish.
func (s *Server) Wait(ctx context.Context) error {
	select {
	case err := <-s.done:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down: finishing the requests in flight")
	shutdown, cancel := context.WithTimeout(context.Background(), s.shutdown)
	defer cancel()
	if err := s.http.Shutdown(shutdown); err != nil {
		s.http.Close()
		return fmt.Errorf("shutting down: %w", err)
	}
	s.log.Info("stopped")
	return nil
}

// Close stops the server at once.
func (s *Server) Close() error {
	err := s.http.Close()
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}
