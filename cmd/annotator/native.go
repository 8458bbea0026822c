//go:build !wasm

package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/newsroom/annotator/app/cli"
)

// native runs the command line and exits with its status.
func native() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}, os.Args[1:])
	stop()
	os.Exit(code)
}
