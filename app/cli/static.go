//go:build !wasm

package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/newsroom/annotator/app/pwa"
)

func static(ctx context.Context, env Env, args []string) int {
	flags := newFlags(env, "static", "-out DIR", `
Writes the app as a folder of static files for any static file host (served
at the site's root): its pages, app.js, the service worker, the manifest,
wasm_exec.js and, under web/, app.wasm and the assets of ROOT/web. The app
then works without this program's server, and offline after one visit;
saving to a server is optional there. DIR must be new or empty.`)
	out := flags.String("out", "", "the folder to write (required; created if missing)")
	root := flags.String("root", ".", "folder holding web/ with app.wasm and the static assets")
	if code, ok := parse(flags, args); !ok {
		return code
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "annotator static: unexpected argument %q\n", flags.Arg(0))
		return ExitUsage
	}
	if *out == "" {
		fmt.Fprintln(env.Stderr, "annotator static: name the folder to write with -out")
		flags.Usage()
		return ExitUsage
	}
	if err := writeStatic(*out, *root); err != nil {
		fmt.Fprintf(env.Stderr, "annotator static: %v\n", err)
		return ExitFail
	}
	fmt.Fprintf(env.Stdout, "Wrote the static app to %s\n", *out)
	return ExitOK
}

// writeStatic writes the static build of the app in root/web to out.
func writeStatic(out, root string) error {
	version, err := pwa.WasmVersion(root)
	if err != nil {
		return err
	}
	web := filepath.Join(root, "web")
	h := pwa.Handler(root, version)
	// go-app writes whatever its handler answers, a "not found" page too, when
	// the program registered no routes.
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != http.StatusOK {
		return fmt.Errorf("the app's page / answers %d: this program registers no pages (run the annotator binary built from cmd/annotator)", rec.Code)
	}
	if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty: remove it or name a new folder (stale files would be served)", out)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := app.GenerateStaticWebsite(out, h); err != nil {
		return fmt.Errorf("writing the pages to %s: %w", out, err)
	}
	if err := os.CopyFS(filepath.Join(out, "web"), os.DirFS(web)); err != nil {
		return fmt.Errorf("copying %s to %s: %w", web, filepath.Join(out, "web"), err)
	}
	return nil
}
