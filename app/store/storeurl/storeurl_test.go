//go:build !wasm

package storeurl

import (
	"context"
	"testing"

	"github.com/newsroom/annotator/app/store"
	"github.com/newsroom/annotator/app/store/dirstore"
)

// TestOpen opens folders by URL and names what is wrong with a bad URL.
// (Buckets are opened by s3store's tests, on a real S3-compatible server.)
func TestOpen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, raw := range []string{"file://" + dir, dir} {
		if st, err := Open(ctx, raw, store.Options{}); err != nil {
			t.Errorf("Open(%q): %v", raw, err)
		} else if _, ok := st.(*dirstore.Store); !ok {
			t.Errorf("Open(%q) = %T, want *dirstore.Store", raw, st)
		}
	}
	for _, c := range []struct{ why, url string }{
		{"an unknown scheme", "ftp://host/data"},
		{"no bucket", "s3://?endpoint=http://127.0.0.1:1"},
		{"an unknown parameter", "s3://bucket?endpont=http://127.0.0.1:1"},
		{"a bad path-style", "s3://bucket?endpoint=http://127.0.0.1:1&path-style=maybe"},
	} {
		if st, err := Open(ctx, c.url, store.Options{}); err == nil || st != nil {
			t.Errorf("%s: Open(%q) = %v, %v; want nil and an error", c.why, c.url, st, err)
		}
	}
}
