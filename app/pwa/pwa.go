// Package pwa describes the installable web app that the server hands to browsers:
// its name, icons, styles and version. It holds no UI components, so the server
// can use it without importing the UI.
package pwa

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Name is the product's name.
const Name = "Article Annotator"

// WasmVersion returns the version of the app built into root/web/app.wasm: a hash of
// its content, so a rebuilt app is never served stale and a restart alone changes nothing.
func WasmVersion(root string) (string, error) {
	data, err := os.ReadFile(filepath.Join(root, "web", "app.wasm"))
	if err != nil {
		return "", fmt.Errorf("reading the app: %w (build it with make wasm)", err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:8]), nil
}

// Handler returns the go-app handler that serves the app of the given version,
// with static resources from root/web.
func Handler(root, version string) *app.Handler {
	return &app.Handler{
		Name:            Name,
		ShortName:       "Annotator",
		Title:           Name,
		Description:     "Tag quotes, sources and photo credits in news articles.",
		Lang:            "en",
		ThemeColor:      "#1f3a5f",
		BackgroundColor: "#fbfaf7",
		LoadingLabel:    "Loading the annotator…",
		Icon: app.Icon{
			Default: "/web/icon-192.png",
			Large:   "/web/icon-512.png",
			SVG:     "/web/icon.svg",
			// Full-bleed, with the drawing inside the safe zone.
			Maskable: "/web/icon-512.png",
		},
		Styles: []string{"/web/app.css", "/web/voices.css"},
		// Precached for offline use besides the icons and styles go-app lists itself.
		CacheableResources:    []string{"/web/icon.svg"},
		Resources:             localDir{http.FileServer(http.Dir(root))},
		Version:               version,
		ServiceWorkerTemplate: ServiceWorker,
	}
}

// fetchListener is where go-app's service worker takes every request.
const fetchListener = `self.addEventListener("fetch", (event) => {`

// ServiceWorker is go-app's service worker with one change: a document's live
// event stream (GET …/events, Server-Sent Events) goes straight to the
// network, since a stream answered through a service worker is cut (go-app
// issue 1106). TestServiceWorker checks that go-app's worker still has the
// line the change goes after.
var ServiceWorker = strings.Replace(app.DefaultAppWorkerJS, fetchListener, fetchListener+`
  if (event.request.headers.get("Accept") === "text/event-stream") {
    return; // live event streams are not the worker's
  }`, 1)

// localDir serves /web/ resources from a directory holding web/ and leaves their
// paths as they are (go-app's LocalDir prefixes them with the directory, which
// breaks for any directory but ".").
type localDir struct{ http.Handler }

// Resolve returns the resource's path unchanged.
func (localDir) Resolve(location string) string { return location }
