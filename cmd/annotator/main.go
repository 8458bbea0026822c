// Command annotator is the article annotator: in the browser (compiled to
// WebAssembly) it is the editor; natively it serves the app and checks files.
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/newsroom/annotator/app/ui"
)

func main() {
	ui.Routes()
	app.RunWhenOnBrowser()
	native()
}
