//go:build !wasm

// Package cli is the annotator's command line: serving the app, checking
// annotation files, suggesting annotations for articles, converting files to
// and from the W3C Web Annotation format and CSV, and writing a static build.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/netip"
	"os"
	"strconv"
	"strings"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/fetch"
	"github.com/newsroom/annotator/app/pwa"
	"github.com/newsroom/annotator/app/server"
	"github.com/newsroom/annotator/app/store"
	"github.com/newsroom/annotator/app/store/storeurl"
	"github.com/newsroom/annotator/app/users"
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
	// Getenv reads an environment variable; nil reads the process's own.
	Getenv func(string) string
}

func (env Env) getenv(key string) string {
	if env.Getenv == nil {
		return os.Getenv(key)
	}
	return env.Getenv(key)
}

type command struct {
	name, summary string
	run           func(ctx context.Context, env Env, args []string) int
}

func commands() []command {
	return []command{
		{"serve", "serve the app and the API (the default)", serve},
		{"validate", "check annotation files and list every problem", validate},
		{"suggest", "print an annotation file of suggestions for an article", suggestCmd},
		{"export", "print an annotation file as W3C Web Annotations or CSV", export},
		{"import", "read W3C Web Annotations onto an article and print an annotation file", importCmd},
		{"static", "write the app as a folder for any static file host", static},
		{"compress", "write the best compressed forms of files (app.wasm) beside them", compress},
		{"user", "add, remove or list the users a server takes, each with a token of their own", user},
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

// newFlags returns a flag set for a command that prints its usage to stderr:
// the synopsis, then about (lines explaining the command, may be empty), then
// the flags.
func newFlags(env Env, name, args, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: annotator %s [flags] %s\n", name, args)
		if about != "" {
			fmt.Fprintf(fs.Output(), "\n%s\n", strings.TrimSpace(about))
		}
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprintln(fs.Output(), "\nFlags:")
			fs.PrintDefaults()
		}
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
	fs := newFlags(env, "serve", "", "Serves the app and its API. The default command.")
	addr := fs.String("addr", "127.0.0.1:8000", "address to listen on")
	root := fs.String("root", ".", "folder holding web/ with app.wasm and the static assets")
	storeURL := fs.String("store", "file://./data", "where the annotation files are kept: file://FOLDER (created if missing), or\n"+
		"s3://BUCKET[/PREFIX]?endpoint=URL&region=REGION for S3-compatible object storage shared by\n"+
		"several replicas, with credentials from the standard AWS environment variables or files")
	data := fs.String("data", "", "folder keeping the annotation files: short for -store file://FOLDER")
	maxBody := byteSize(server.DefaultMaxBody)
	fs.Var(&maxBody, "max-body", "largest request body, in bytes or with KiB, MiB or GiB")
	maxInFlight := fs.Int("max-inflight", server.DefaultMaxInFlight, "requests handled at once; more get 503")
	token := fs.String("token", "", "a shared bearer token the API takes, signed in with no user name (default $ANNOTATOR_TOKEN)")
	usersFile := fs.String("users", "", "the users file (annotator user add): the API takes each user's token and names them\n"+
		"as the creator of what they tag; changes to the file apply at once (default $ANNOTATOR_USERS)")
	insecure := fs.Bool("insecure", false, "allow serving on a non-loopback address without a token")
	fetchPrivate := fs.Bool("fetch-private", false, "let editors open links to loopback, private and link-local addresses\n"+
		"(by default the server fetches only public pages: a link must not reach the server's own network)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "annotator serve: unexpected argument %q\n", fs.Arg(0))
		return ExitUsage
	}
	if *token == "" {
		*token = env.getenv("ANNOTATOR_TOKEN")
	}
	if *usersFile == "" {
		*usersFile = env.getenv("ANNOTATOR_USERS")
	}
	if *maxInFlight < 1 {
		fmt.Fprintf(env.Stderr, "annotator serve: -max-inflight %d: want at least 1\n", *maxInFlight)
		return ExitUsage
	}
	if *token == "" && *usersFile == "" && !*insecure && !loopback(*addr) {
		fmt.Fprintf(env.Stderr, "annotator serve: refusing to serve on %s without a token: anyone who reaches it could read and overwrite the annotations.\n"+
			"Give users their tokens with -users FILE (annotator user add), set a shared token with -token or ANNOTATOR_TOKEN,\n"+
			"listen on 127.0.0.1, or pass -insecure if the network is trusted.\n", *addr)
		return ExitUsage
	}
	log := slog.New(slog.NewTextHandler(env.Stderr, nil))
	var userList *users.Watch
	if *usersFile != "" {
		var err error
		if userList, err = users.NewWatch(*usersFile, log); err != nil {
			fmt.Fprintf(env.Stderr, "annotator serve: %v\n(annotator user add -users %s NAME creates it)\n", err, *usersFile)
			return ExitFail
		}
	}
	version, err := pwa.WasmVersion(*root)
	if err != nil {
		fmt.Fprintf(env.Stderr, "annotator serve: %v\n", err)
		return ExitFail
	}
	if *data != "" {
		set := false
		fs.Visit(func(f *flag.Flag) { set = set || f.Name == "store" })
		if set {
			fmt.Fprintln(env.Stderr, "annotator serve: give -store or -data, not both")
			return ExitUsage
		}
		*storeURL = "file://" + *data
	}
	st, err := storeurl.Open(ctx, *storeURL, store.Options{Log: log})
	if err != nil {
		fmt.Fprintf(env.Stderr, "annotator serve: %v\n", err)
		return ExitFail
	}
	srv, err := server.Open(server.Config{
		Addr: *addr, App: pwa.Handler(*root, version), Root: *root, Store: st,
		Token: *token, Users: userList, MaxBody: int64(maxBody), MaxInFlight: *maxInFlight, Log: log,
		Fetcher: &fetch.Fetcher{AllowPrivate: *fetchPrivate},
	})
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

// loopback reports whether addr ("host:port") listens only on the loopback interface.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

// byteSize is a flag holding a number of bytes, written plain or with a binary
// unit: 10485760, 10MiB, 512KiB.
type byteSize int64

func (b *byteSize) String() string { return strconv.FormatInt(int64(*b), 10) }

func (b *byteSize) Set(s string) error {
	num, mult := s, int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"B", 1}} {
		if n, ok := strings.CutSuffix(s, u.suffix); ok {
			num, mult = n, u.mult
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
	if err != nil || n < 1 || n > (1<<40)/mult {
		return fmt.Errorf("%q is not a size: want bytes, e.g. 10485760 or 10MiB", s)
	}
	*b = byteSize(n * mult)
	return nil
}

func validate(ctx context.Context, env Env, args []string) int {
	fs := newFlags(env, "validate", "FILE…", `
Reads annotation files and lists every problem with its file and JSON path.
Exits 1 if any file has a problem; "-" reads standard input.`)
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
		if _, ok := readFile(env, env.Stdout, name); ok {
			fmt.Fprintf(env.Stdout, "%s: ok\n", displayName(name))
		} else {
			status = ExitFail
		}
	}
	return status
}

// readFile reads and decodes the annotation file name ("-" for standard input).
// When it cannot, it writes every problem to w, one a line, each with the file's
// name and JSON path, and returns false.
func readFile(env Env, w io.Writer, name string) (annotation.File, bool) {
	data, err := readInput(env, name)
	name = displayName(name)
	var f annotation.File
	if err == nil {
		f, err = annotation.Decode(data)
	}
	var fe *annotation.Error
	switch {
	case errors.As(err, &fe):
		for _, p := range fe.Problems {
			fmt.Fprintf(w, "%s: %s\n", name, p)
		}
		return f, false
	case err != nil:
		fmt.Fprintf(w, "%s: %v\n", name, err)
		return f, false
	}
	return f, true
}

// readInput returns the content of the file name, or of standard input for "-".
func readInput(env Env, name string) ([]byte, error) {
	if name != "-" {
		return os.ReadFile(name)
	}
	if env.Stdin == nil {
		return nil, nil
	}
	return io.ReadAll(env.Stdin)
}
