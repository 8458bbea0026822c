package annotation

import "github.com/newsroom/annotator/app/anchor"

// Reanchor finds where a belongs in a possibly revised text and returns it moved
// there, with its text and context taken from the new text, and what happened. An
// orphaned annotation is returned unchanged.
func Reanchor(text *anchor.Text, a Annotation) (Annotation, anchor.Result) {
	r := text.Locate(anchor.Selector{Start: a.Start, End: a.End, Exact: a.Exact, Prefix: a.Prefix, Suffix: a.Suffix})
	if r.Status == anchor.Orphaned {
		return a, r
	}
	a.Start, a.End = r.Start, r.End
	a.Exact, a.Prefix, a.Suffix = text.Context(r.Start, r.End)
	return a, r
}
