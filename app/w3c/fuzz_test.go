//go:build !wasm

package w3c

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/sample"
)

// FuzzImport: Import never panics, and what it accepts is a valid file for
// the text that exports again.
func FuzzImport(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.json*"))
	for _, p := range seeds {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"type":"Annotation","body":{"purpose":"tagging","value":"quote"},"target":{"selector":{"type":"TextQuoteSelector","exact":"Kerry"}}}`))
	text := sample.Text() + extraText
	f.Fuzz(func(t *testing.T, data []byte) {
		file, _, err := Import(data, text)
		if err != nil {
			return
		}
		if err := file.Validate(); err != nil {
			t.Fatalf("Import gave an invalid file: %v", err)
		}
		if _, err := Export(file); err != nil {
			t.Fatalf("Export of an imported file: %v", err)
		}
		if _, err := annotation.Encode(file); err != nil {
			t.Fatal(err)
		}
	})
}
