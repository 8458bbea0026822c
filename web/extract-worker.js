// The reader view for HTML files while the server cannot be reached: a Web
// Worker running web/extract.wasm (cmd/extractworker). The app posts
// {id, name, bytes}; the worker answers {id, file} or {id, error}.
importScripts("/wasm_exec.js");

const go = new Go();
const ready = WebAssembly.instantiateStreaming(fetch("/web/extract.wasm"), go.importObject)
  .then((result) => { go.run(result.instance); });

onmessage = async (event) => {
  const { id, name, bytes } = event.data;
  try {
    await ready;
    postMessage({ id, ...self.annotatorExtract(bytes, name) });
  } catch (err) {
    postMessage({ id, error: "the reader view could not start: " + err });
  }
};
