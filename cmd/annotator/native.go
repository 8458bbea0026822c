//go:build !wasm

package main

import (
	"context"
	"os"
	"os/signal"
	"runtime"
	"syscall"

	"github.com/newsroom/annotator/app/cli"
)

// native runs the command line and exits with its status.
func native() {
	// The server's file writes wait in fsync holding one of the Go runtime's
	// processors until the runtime hands it on, which takes up to a
	// millisecond; with twice as many processors as CPUs, the CPUs stay busy
	// meanwhile (about 15% more PUTs a second on 2 CPUs: BenchmarkPut100KB).
	// GOMAXPROCS in the environment still decides.
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(2 * runtime.GOMAXPROCS(0))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}, os.Args[1:])
	stop()
	os.Exit(code)
}
