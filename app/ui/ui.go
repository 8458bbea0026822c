// Package ui is the annotator's browser interface, written with go-app: the
// editor page and its parts. It never imports server code.
package ui

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Build names the build of the app; `go build -ldflags "-X
// github.com/newsroom/annotator/app/ui.Build=…"` sets it. The help dialog shows it.
var Build = "dev"

// updateEvery is how often an open app asks whether a new version was deployed.
const updateEvery = 10 * time.Minute

// Routes registers the app's pages. The browser, the server and the tests all
// call it, since go-app serves only registered paths.
func Routes() {
	app.Route("/", func() app.Composer { return &Editor{} })
	app.Route("/voices", func() app.Composer { return &VoicesPage{} })
}
