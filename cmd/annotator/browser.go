//go:build wasm

package main

// native is never reached in the browser: app.RunWhenOnBrowser does not return there.
func native() {}
