// Package readerview reads the article of a news web page the way a browser's
// reader view does: it finds the story among the page's menus, share bars and
// related links with go-readability (a port of Mozilla's Readability.js) and turns
// it into an annotation.Document whose plain text the annotator's editors mark.
//
// The text follows the rules the rest of the product depends on: UTF-8, LF line
// ends, one paragraph per block of the page (paragraph, heading, list item,
// quoted paragraph, preformatted block, figure caption) separated by exactly one
// blank line, white space inside a paragraph collapsed to single spaces (no-break
// spaces, curly quotes and dashes stay as they are; soft hyphens and control
// characters, which a reader does not see, go; a <br> breaks the line and a
// <pre> keeps its lines). The headline comes first as
// its own paragraph, then the byline when the page gives one. A figure's caption
// keeps its credit on a line of its own ("Caption.\nCredit Jane Doe/Agency"), and
// captions that readability drops from figures inside the article are recovered
// from the page. Document.Blocks gives every paragraph that is not body text its
// role.
//
// The package uses only the standard library, go-readability and
// golang.org/x/net/html with its charset package; it builds natively and for
// js/wasm, without cgo. Unlike go-readability's own reader
// (readability.FromReader), it does not normalise the text to Unicode NFC.
package readerview
