// Command annotator is the article annotator: in the browser (compiled to
// WebAssembly) it is the editor; natively it serves the app and checks files.
package main

import (
	"runtime/debug"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/newsroom/annotator/app/ui"
)

func main() {
	ui.Routes()
	if app.IsClient {
		// Fewer garbage collections: a collection landing in a keystroke's
		// work is most of the editor's slowest updates.
		debug.SetGCPercent(400)
	}
	app.RunWhenOnBrowser()
	native()
}
