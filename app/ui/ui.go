// Package ui is the annotator's browser interface, written with go-app: the
// editor page and its parts. It never imports server code.
package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Routes registers the app's pages. The browser, the server and the tests all
// call it, since go-app serves only registered paths.
func Routes() {
	app.Route("/", func() app.Composer { return &Editor{} })
}
