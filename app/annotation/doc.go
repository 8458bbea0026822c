// Package annotation is the annotation model of the article annotator: documents,
// annotations of quotes, sources and photo credits, the versioned file format with
// its validating decoder, undoable edits and their history, re-anchoring on a
// revised text, and the three-way merge of two versions edited apart.
//
// Offsets are Unicode code points of the document text, end exclusive (the W3C Web
// Annotation TextPositionSelector rule). The browser's UTF-16 offsets are converted
// at the DOM boundary, never here.
//
// The package imports only the standard library, uuid and the anchor package.
package annotation
