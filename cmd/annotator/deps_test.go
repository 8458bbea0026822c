//go:build !wasm

package main

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/newsroom/annotator"

// TestDependencyDirection checks the layout's import rules with go list -deps.
func TestDependencyDirection(t *testing.T) {
	deps, imports := listDeps(t, [][]string{nil, {"GOOS=js", "GOARCH=wasm"}}, "./app/...", "./cmd/...")
	pkgs := make([]string, 0, len(deps))
	for p := range deps {
		pkgs = append(pkgs, p)
	}
	forbidden := map[string]func(dep string) bool{
		// The model and anchoring import only the standard library, uuid, JSON v2
		// (natively: see TestBrowserBuildLean) and each other.
		"app/annotation": func(dep string) bool { return !isStd(dep) && !allowedInModel(dep) },
		"app/anchor":     func(dep string) bool { return !isStd(dep) && !allowedInModel(dep) },
		// The API contract is the model's kind: the server and the browser share it.
		"app/api": func(dep string) bool { return !isStd(dep) && !allowedInModel(dep) },
		// The UI never imports server code.
		"app/ui": func(dep string) bool { return isOurs(dep, "app/server", "app/cli") },
		// The server never imports UI components, and uses the store only through its interface.
		"app/server": func(dep string) bool {
			return isOurs(dep, "app/ui", "app/store/dirstore", "app/store/s3store", "app/store/storeurl")
		},
		// The store's interface holds no backend.
		"app/store": func(dep string) bool { return strings.HasPrefix(dep, "github.com/aws/") },
		// The editor's state knows no DOM, no storage and no server.
		"app/editor": func(dep string) bool { return isOurs(dep, "app/server", "app/store", "app/ui", "app/docsync") },
		// The sync engine is the browser's side of the API: no server, no DOM.
		"app/docsync": func(dep string) bool { return isOurs(dep, "app/server", "app/store", "app/ui") },
		"app/cli":     func(dep string) bool { return isOurs(dep, "app/ui") },
		// The voices report is shared by the server and the browser: the model and the API's types only.
		"app/voices": func(dep string) bool { return !isStd(dep) && !allowedInModel(dep) && !isOurs(dep, "app/api") },
	}
	for _, p := range pkgs {
		for _, dep := range deps[p] {
			// Nothing imports cmd.
			if strings.HasPrefix(dep, module+"/cmd/") && p != dep {
				t.Errorf("%s imports %s: nothing may import cmd", p, dep)
			}
		}
		rule, ok := forbidden[strings.TrimPrefix(p, module+"/")]
		if !ok {
			continue
		}
		for _, dep := range deps[p] {
			if rule(dep) {
				t.Errorf("%s depends on %s, which its layout rule forbids", p, dep)
			}
		}
	}
	// The model, the editor's state and the sync engine reach neither the network nor the browser themselves. (Under GOOS=js the
	// standard library itself imports syscall/js, so only direct imports count for it.)
	for _, p := range []string{module + "/app/annotation", module + "/app/anchor", module + "/app/docsync", module + "/app/editor"} {
		for _, dep := range deps[p] {
			if dep == "net/http" {
				t.Errorf("%s depends on %s", p, dep)
			}
		}
		for _, imp := range imports[p] {
			if imp == "syscall/js" {
				t.Errorf("%s imports %s", p, imp)
			}
		}
	}
}

func allowedInModel(dep string) bool {
	return dep == "github.com/google/uuid" || strings.HasPrefix(dep, jsonV2) || isOurs(dep, "app/annotation", "app/anchor")
}

// jsonV2 is the JSON v2 module, which the server reads files with.
const jsonV2 = "github.com/go-json-experiment/json"

// TestBrowserBuildLean checks that app.wasm stays free of what it does not
// need on every visit: JSON v2, which only the server's file decoding uses
// (go-app already brings encoding/json), and what runs in the converter
// worker (cmd/convertworker): the reader view and its HTML parser, the
// suggestion engine and the W3C conversions.
func TestBrowserBuildLean(t *testing.T) {
	deps, _ := listDeps(t, [][]string{{"GOOS=js", "GOARCH=wasm"}}, "./cmd/annotator")
	heavy := []string{jsonV2, "codeberg.org/readeck/go-readability", "golang.org/x/net/html", module + "/app/readerview", module + "/app/suggest", module + "/app/w3c"}
	for _, dep := range deps[module+"/cmd/annotator"] {
		for _, h := range heavy {
			if strings.HasPrefix(dep, h) {
				t.Errorf("the browser build depends on %s", dep)
			}
		}
	}
}

func isOurs(dep string, pkgs ...string) bool {
	for _, p := range pkgs {
		if dep == module+"/"+p {
			return true
		}
	}
	return false
}

func isStd(pkg string) bool { return !strings.Contains(strings.Split(pkg, "/")[0], ".") }

// listDeps lists the dependencies and direct imports of each package that
// patterns match, in the builds that envs set (merged).
func listDeps(t *testing.T, envs [][]string, patterns ...string) (deps, imports map[string][]string) {
	t.Helper()
	deps, imports = map[string][]string{}, map[string][]string{}
	for _, env := range envs {
		cmd := exec.Command("go", append([]string{"list", "-json=ImportPath,Deps,Imports"}, patterns...)...)
		cmd.Dir = "../.."
		cmd.Env = append(cmd.Environ(), env...)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list %v: %v", env, err)
		}
		dec := json.NewDecoder(strings.NewReader(string(out)))
		for dec.More() {
			var p struct {
				ImportPath string
				Deps       []string
				Imports    []string
			}
			if err := dec.Decode(&p); err != nil {
				t.Fatal(err)
			}
			deps[p.ImportPath] = append(deps[p.ImportPath], p.Deps...)
			imports[p.ImportPath] = append(imports[p.ImportPath], p.Imports...)
		}
	}
	if len(deps) < len(patterns) {
		t.Fatalf("go list found only %d packages: %v", len(deps), deps)
	}
	return deps, imports
}
