//go:build !wasm

// Package storeurl opens a store.Store named by a URL, whichever backend
// serves it: it imports every backend, which the backends themselves and
// package store do not.
package storeurl

import (
	"context"
	"fmt"
	"strings"

	"github.com/newsroom/annotator/app/store"
	"github.com/newsroom/annotator/app/store/dirstore"
	"github.com/newsroom/annotator/app/store/s3store"
)

// Open opens the store at a URL: file://PATH for a folder (see dirstore.Open),
// or s3://BUCKET/PREFIX?endpoint=URL&region=REGION for object storage (see
// s3store.Open). A URL without a scheme is a folder.
func Open(ctx context.Context, rawURL string, opt store.Options) (store.Store, error) {
	if path, ok := strings.CutPrefix(rawURL, "file://"); ok {
		return opened(dirstore.Open(path, opt))
	}
	if strings.HasPrefix(rawURL, "s3://") {
		return opened(s3store.Open(ctx, rawURL, opt))
	}
	if scheme, _, ok := strings.Cut(rawURL, "://"); ok {
		return nil, fmt.Errorf("store %q: unknown scheme %q: want file:// or s3://", rawURL, scheme)
	}
	return opened(dirstore.Open(rawURL, opt))
}

// opened returns what a backend's Open returned as a store.Store: nil, not a
// nil pointer in an interface, when it failed.
func opened[S store.Store](s S, err error) (store.Store, error) {
	if err != nil {
		return nil, err
	}
	return s, nil
}
