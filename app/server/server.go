//go:build !wasm

// Package server is the annotator's HTTP server: it serves the web app and, as
// later parts add it, the annotation API.
package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Config says how to run a server.
type Config struct {
	// Addr is the address to listen on, e.g. "127.0.0.1:8000"; port 0 picks a free one.
	Addr string
	// App serves the web app: its pages, scripts and static resources.
	App http.Handler
	// Log receives what the server has to report; nil discards it.
	Log *slog.Logger
}

// Server is a running HTTP server.
type Server struct {
	ln   net.Listener
	http *http.Server
	done chan error
}

// Open starts a server listening on cfg.Addr.
func Open(cfg Config) (*Server, error) {
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/", cfg.App)
	s := &Server{
		ln: ln,
		http: &http.Server{
			Handler:           mux,
			ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout:       time.Minute,
			WriteTimeout:      2 * time.Minute,
			IdleTimeout:       2 * time.Minute,
			ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		},
		done: make(chan error, 1),
	}
	go func() { s.done <- s.http.Serve(ln) }()
	log.Info("serving", "url", s.URL())
	return s, nil
}

// URL returns the server's base URL, e.g. "http://127.0.0.1:8000".
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() }

// Wait blocks until ctx is done, then shuts the server down gracefully.
func (s *Server) Wait(ctx context.Context) error {
	select {
	case err := <-s.done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return s.http.Shutdown(shutdown)
}

// Close stops the server at once.
func (s *Server) Close() error {
	err := s.http.Close()
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}
