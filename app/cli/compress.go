//go:build !wasm

package cli

import (
	"context"
	"fmt"

	"github.com/newsroom/annotator/app/server"
)

func compress(ctx context.Context, env Env, args []string) int {
	flags := newFlags(env, "compress", "FILE…", `
Writes FILE.br (brotli at its best level) and FILE.gz (gzip -9) beside each
FILE. The server serves them as they are while they decode to FILE, instead
of compressing FILE at a faster level when it starts; make wasm runs this on
web/app.wasm. Brotli's best level takes about 30 s for app.wasm.`)
	if code, ok := parse(flags, args); !ok {
		return code
	}
	if flags.NArg() == 0 {
		fmt.Fprintln(env.Stderr, "annotator compress: name the files to compress")
		flags.Usage()
		return ExitUsage
	}
	for _, path := range flags.Args() {
		if err := server.Precompress(path); err != nil {
			fmt.Fprintf(env.Stderr, "annotator compress: %v\n", err)
			return ExitFail
		}
	}
	return ExitOK
}
