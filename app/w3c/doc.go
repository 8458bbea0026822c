// Package w3c converts annotation files to and from the W3C Web Annotation
// Data Model (JSON-LD, https://www.w3.org/TR/annotation-model/) and writes
// them as CSV for spreadsheets.
//
// # Export
//
// [Export] writes an AnnotationCollection whose first (and only)
// AnnotationPage is embedded. The collection's label is the document's title
// and "dcterms:source" (a Dublin Core term the anno.jsonld context defines) is
// where the text came from. Every annotation of the file becomes one item:
//
//   - "@context" http://www.w3.org/ns/anno.jsonld, "id" the annotation's
//     urn:uuid id, "type" Annotation, "created" and "modified";
//   - "target": {"source": the document's URL where it has one (so that a
//     client such as Hypothesis anchors the annotation on the live page by its
//     quote), else its urn:uuid id, "selector": [a TextQuoteSelector (exact,
//     prefix, suffix) and a TextPositionSelector (start, end in Unicode code
//     points of the document's text)]};
//   - "body": TextualBody items, each with a purpose: first "tagging" with the
//     kind ("quote", "source" or "photo-credit"), then the names (below), then
//     the editor's note as "commenting".
//
// The motivation (from the model's list, section 3.3.5) says what the
// annotation as a whole does; each body's purpose says what that body does:
//
//   - quote: "classifying" — the editor classifies the span as a quotation;
//     its only bodies are the class (tagging) and a note. Who said it is not
//     part of the quote: that is a separate linking annotation (below).
//     "highlighting" would say nothing about what the span is.
//   - source: "identifying" — the span names a person or organisation, and the
//     annotation says who: its display name (annotation.Annotation.Name) is a
//     TextualBody with purpose "identifying". Each field of its voice that is
//     set (type, gender, role) is a TextualBody with purpose "classifying",
//     the value, and the field under the full IRI key [VoiceKey]; a field the
//     engine only proposed has the engine as the body's creator.
//   - photo-credit: "identifying" — the credit line names the photo's
//     creators and agencies (the IPTC Creator and Credit Line fields); each is
//     a TextualBody with purpose "identifying" and "schema:roleName" (a
//     schema.org term the anno.jsonld context defines) "creator" or "agency",
//     creators first, each list in its order. A tool that ignores roleName
//     still shows the names.
//   - a quote's speaker: a separate annotation with motivation "linking",
//     a tagging body "speaker", and two targets: the quote's id, then the
//     source's id. Its id is derived from the two ids (a name-based UUID),
//     so exporting the same file twice gives the same bytes. Its created and
//     modified times are the quote's modified time (the model keeps no time
//     of linking). A link the engine proposed has the engine as its creator,
//     its own confidence, and its evidence ("named right after the quote") as
//     a TextualBody with purpose "describing".
//
// Who made an annotation: a suggestion (origin "suggested") has "creator"
// {"type": "Software", "name": SuggestionEngine} and its confidence under
// the full IRI key [ConfidenceKey], whoever saved it; an editor's annotation
// has "creator" {"type": "Person", "name": its creator} when the server named
// one (annotation.Annotation.Creator), and none otherwise. Import reads a
// Person's name back as the creator.
// The model recommends using terms of vocabularies the context already
// names (schema:, dcterms:) over new contexts; confidence has no such term,
// and a full IRI needs no context document to be fetched.
//
// # Import
//
// [Import] reads what other tools write as well as what Export writes: a
// single Annotation, an array of them, an AnnotationPage, or an
// AnnotationCollection with embedded pages; "body" and "target" as a string,
// an object or an array; a TextQuoteSelector, a TextPositionSelector or both,
// also inside a "refinedBy". Each annotation is re-anchored on the article
// text with the anchor package, and the [Report] counts how many anchored,
// moved, changed (approximate match) or were orphaned, listing the last two.
// The kind comes from the first tagging body whose value is a kind; an
// annotation with none is listed as skipped, never guessed. Malformed input
// gives an error naming the JSON path of the fault.
//
// Own exports round-trip exactly, with one exception: a photo credit without
// creators or agencies comes back with an empty credit whether it had an
// empty one or none (the editor always gives credits one). Ids that are not
// urn:uuid ids (Hypothesis URLs, Recogito "#…" ids) are replaced by new ones.
// Positions are taken as code points, as the model says; tools that count
// UTF-16 units (browsers) are off after an emoji, and the quote then finds
// the place (reported as moved).
//
// The package uses the standard library, uuid, app/annotation and app/anchor
// only, so it runs in the browser (GOOS=js GOARCH=wasm) as well as natively.
package w3c
