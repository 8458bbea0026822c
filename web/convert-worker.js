// The app's converter: a Web Worker running web/convert.wasm
// (cmd/convertworker) — the reader view for HTML files while the server cannot
// be reached, and the W3C Web Annotation and CSV conversions. The app posts
// {id, op, name, bytes, text}; the worker answers {id, out, report} or {id, error}.
importScripts("/wasm_exec.js");

const go = new Go();
const ready = WebAssembly.instantiateStreaming(fetch("/web/convert.wasm"), go.importObject)
  .then((result) => { go.run(result.instance); });

onmessage = async (event) => {
  const { id, op, name, bytes, text } = event.data;
  try {
    await ready;
    postMessage({ id, ...self.annotatorConvert(op, bytes, name, text) });
  } catch (err) {
    postMessage({ id, error: "the converter could not start: " + err });
  }
};
