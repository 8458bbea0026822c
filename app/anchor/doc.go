// Package anchor converts text offsets between code points, UTF-8 bytes and
// UTF-16 units, and re-anchors annotations in revised document text.
//
// Offsets in annotations are Unicode code-point offsets (start inclusive, end
// exclusive), the rule of the W3C Web Annotation TextPositionSelector. A
// browser reports UTF-16 offsets and Go strings are indexed by byte; a [Text]
// converts between the three in O(1) for ASCII text and O(log n) otherwise.
// Invalid UTF-8 is read the way a Go for-range loop reads it: every invalid
// byte is one code point (U+FFFD) and one UTF-16 unit, so conversions always
// round-trip.
//
// [Text.Locate] finds where an annotation belongs in a possibly revised text,
// following the approach of the Hypothesis client's match-quote module: the
// old position is tried first, then an exact search for the quote, then a
// bounded approximate search. Candidates are scored by quote similarity
// first, then by how well the prefix and suffix context match, then by
// nearness to the old position. Weak or ambiguous matches are reported as
// [Orphaned]; the package never guesses.
//
// The package is DOM-free and uses only the standard library, so it builds
// for GOOS=js GOARCH=wasm as well as for servers.
package anchor
