//go:build !wasm

// Package cli is the annotator's command line: serving the app and checking
// annotation files.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/pwa"
	"github.com/newsroom/annotator/app/server"
)

// Exit statuses.
const (
	ExitOK    = 0 // success
	ExitFail  = 1 // the command ran and found a problem
	ExitUsage = 2 // the command line is wrong
)

// Env is what a command runs with.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

type command struct {
	name, summary string
	run           func(ctx context.Context, env Env, args []string) int
}

func commands() []command {
	return []command{
		{"serve", "serve the app and the API (the default)", serve},
		{"validate", "check annotation files and list every problem", validate},
	}
}

// Main runs the command line args (without the program name) and returns the exit status.
func Main(ctx context.Context, env Env, args []string) int {
	if len(args) == 0 || (len(args[0]) > 0 && args[0][0] == '-' && args[0] != "-h" && args[0] != "-help" && args[0] != "--help") {
		return serve(ctx, env, args)
	}
	for _, c := range commands() {
		if args[0] == c.name {
			return c.run(ctx, env, args[1:])
		}
	}
	if args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage(env.Stdout)
		return ExitOK
	}
	fmt.Fprintf(env.Stderr, "annotator: unknown command %q\n", args[0])
	usage(env.Stderr)
	return ExitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: annotator [command] [flags]")
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'annotator COMMAND -h' for a command's flags.")
}

// newFlags returns a flag set for a command that prints its usage to stderr.
func newFlags(env Env, name, args string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: annotator %s [flags] %s\n", name, args)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args; it returns an exit status and false when the command should stop.
func parse(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK, false
		}
		return ExitUsage, false
	}
	return 0, true
}

func serve(ctx context.Context, env Env, args []string) int {
	fs := newFlags(env, "serve", "")
	addr := fs.String("addr", "127.0.0.1:8000", "address to listen on")
	root := fs.String("root", ".", "folder holding web/ with app.wasm and the static assets")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "annotator serve: unexpected argument %q\n", fs.Arg(0))
		return ExitUsage
	}
	log := slog.New(slog.NewTextHandler(env.Stderr, nil))
	version, err := pwa.WasmVersion(*root)
	if err != nil {
		fmt.Fprintf(env.Stderr, "annotator serve: %v\n", err)
		return ExitFail
	}
	srv, err := server.Open(server.Config{Addr: *addr, App: pwa.Handler(*root, version), Log: log})
	if err != nil {
		fmt.Fprintf(env.Stderr, "annotator serve: %v\n", err)
		return ExitFail
	}
	fmt.Fprintf(env.Stdout, "Serving the annotator on %s\n", srv.URL())
	if err := srv.Wait(ctx); err != nil {
		fmt.Fprintf(env.Stderr, "annotator serve: %v\n", err)
		return ExitFail
	}
	return ExitOK
}

func validate(ctx context.Context, env Env, args []string) int {
	fs := newFlags(env, "validate", "FILE…")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(env.Stderr, "annotator validate: name at least one file")
		fs.Usage()
		return ExitUsage
	}
	status := ExitOK
	for _, name := range fs.Args() {
		data, err := os.ReadFile(name)
		if err == nil {
			_, err = annotation.Decode(data)
		}
		var fe *annotation.Error
		switch {
		case errors.As(err, &fe):
			for _, p := range fe.Problems {
				fmt.Fprintf(env.Stdout, "%s: %s\n", name, p)
			}
			status = ExitFail
		case err != nil:
			fmt.Fprintf(env.Stdout, "%s: %v\n", name, err)
			status = ExitFail
		default:
			fmt.Fprintf(env.Stdout, "%s: ok\n", name)
		}
	}
	return status
}
