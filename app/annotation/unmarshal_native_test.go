//go:build !wasm

package annotation

import (
	"reflect"
	"testing"

	json "github.com/go-json-experiment/json"
)

// FuzzUnmarshalFile checks the server's fast reader against encoding/json,
// which the browser uses: whatever JSON v2 accepts with fileOptions,
// strictUnmarshal accepts too, with the same values.
func FuzzUnmarshalFile(f *testing.F) {
	valid, err := Encode(sampleFile(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	f.Add([]byte(`{"FORMAT":"article-annotations","version":1,"version":2,"document":null,"annotations":[{"start":1e0}]}`))
	f.Add([]byte(`{"annotations":[{"created":"2026-01-02T03:04:05.5+01:00","confidence":0.5,"credit":{"creators":["A"]}}]}`))
	f.Add([]byte("{\"document\":{\"title\":\"\xff\\ud800\"}}"))
	f.Add([]byte(`{"document":{"text":"a"} } x`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var fast, slow wireFile
		if json.Unmarshal(data, &fast, fileOptions) != nil {
			return
		}
		if err := strictUnmarshal(data, &slow); err != nil {
			t.Fatalf("JSON v2 accepts what encoding/json refuses (%v):\n%q", err, data)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("JSON v2 reads\n%#v\nencoding/json reads\n%#v\nfrom %q", fast, slow, data)
		}
	})
}
