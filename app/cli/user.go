//go:build !wasm

package cli

import (
	"context"
	"fmt"

	"github.com/newsroom/annotator/app/users"
)

// user runs `annotator user add|remove|list -users FILE [NAME]`.
func user(_ context.Context, env Env, args []string) int {
	const synopsis = "Usage: annotator user add|remove|list -users FILE [NAME]"
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		out := env.Stderr
		if len(args) > 0 {
			out = env.Stdout
		}
		fmt.Fprintln(out, synopsis)
		fmt.Fprintln(out, "\nSubcommands:\n  add     give NAME a new token (printed alone on standard output), adding NAME if new\n  remove  take NAME out: their token stops working\n  list    print the users' names, one a line\n\nRun 'annotator user SUBCOMMAND -h' for its flags.")
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	sub, args := args[0], args[1:]
	var about, operand string
	switch sub {
	case "add":
		operand, about = "NAME", `
Gives user NAME a new token and prints it, alone, on standard output; a user
already there loses their old token. FILE (created if missing, mode 0600)
keeps only a digest of each token: the token is shown this once. NAME is
what the server writes as the creator of the user's annotations: letters,
digits, single spaces and . - _ ' @, at most 64 characters.`
	case "remove":
		operand, about = "NAME", "Takes user NAME out of FILE: their token stops working, on a running server too."
	case "list":
		about = "Prints the names of FILE's users, one a line."
	default:
		fmt.Fprintf(env.Stderr, "annotator user: unknown subcommand %q: want add, remove or list\n", sub)
		return ExitUsage
	}
	flags := newFlags(env, "user "+sub, operand, about)
	path := flags.String("users", "", "the users file (default $ANNOTATOR_USERS)")
	if code, ok := parse(flags, args); !ok {
		return code
	}
	if *path == "" {
		*path = env.getenv("ANNOTATOR_USERS")
	}
	if *path == "" {
		fmt.Fprintf(env.Stderr, "annotator user %s: name the users file with -users FILE\n", sub)
		return ExitUsage
	}
	want := 0
	if operand != "" {
		want = 1
	}
	if flags.NArg() != want {
		if want == 1 {
			fmt.Fprintf(env.Stderr, "annotator user %s: name one user (quote a name with spaces)\n", sub)
		} else {
			fmt.Fprintf(env.Stderr, "annotator user %s: unexpected argument %q\n", sub, flags.Arg(0))
		}
		return ExitUsage
	}
	var err error
	switch sub {
	case "add":
		var token string
		if token, err = users.Add(*path, flags.Arg(0)); err == nil {
			fmt.Fprintln(env.Stdout, token)
		}
	case "remove":
		err = users.Remove(*path, flags.Arg(0))
	case "list":
		var l *users.List
		if l, err = users.Load(*path); err == nil {
			for _, name := range l.Names() {
				fmt.Fprintln(env.Stdout, name)
			}
		}
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "annotator user %s: %v\n", sub, err)
		return ExitFail
	}
	return ExitOK
}
