// Package sample holds the built-in sample article: a real news report with
// no-break spaces, curly quotes, an en dash and a photo credit.
package sample

import _ "embed"

//go:embed article.txt
var text string

// Title is the sample article's headline.
const Title = "US and Russia discuss cease-fire in Syria"

// Source names where the sample article comes from.
const Source = "us-russia-syria-ceasefire.txt"

// Text returns the sample article's text.
func Text() string { return text }
