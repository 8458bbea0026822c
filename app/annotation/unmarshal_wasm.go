//go:build wasm

package annotation

// unmarshalFile reads a whole file strictly. In the browser it uses
// encoding/json alone, which go-app already brings, to keep app.wasm small.
func unmarshalFile(data []byte, w *wireFile) error {
	return strictUnmarshal(data, w)
}
