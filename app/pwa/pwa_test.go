package pwa

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// TestServiceWorker: the app's service worker is go-app's, with event
// streams let through to the network.
func TestServiceWorker(t *testing.T) {
	if !strings.Contains(app.DefaultAppWorkerJS, fetchListener) {
		t.Fatal("go-app's service worker no longer has its fetch listener as expected: update ServiceWorker")
	}
	if !strings.Contains(ServiceWorker, `"text/event-stream"`) || len(ServiceWorker) <= len(app.DefaultAppWorkerJS) {
		t.Error("the service worker does not let event streams through")
	}
}
