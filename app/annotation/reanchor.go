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

// Placed is what re-anchoring a file's annotations on a revised text gives.
type Placed struct {
	// Annotations are those that found a place, moved there; a quote whose
	// speaker was orphaned has none.
	Annotations []Annotation
	// Review holds, by id, the status of each that did not simply stay:
	// moved, or changed (its wording differs: a misquote risk to check).
	Review map[ID]anchor.Status
	// Counts are the annotations by status, orphans included.
	Counts map[anchor.Status]int
}

// ReanchorAll re-anchors anns on a possibly revised text.
func ReanchorAll(text *anchor.Text, anns []Annotation) Placed {
	p := Placed{Review: map[ID]anchor.Status{}, Counts: map[anchor.Status]int{}}
	kept := map[ID]bool{}
	for _, a := range anns {
		na, r := Reanchor(text, a)
		p.Counts[r.Status]++
		if r.Status == anchor.Orphaned {
			continue
		}
		if r.Status != anchor.Anchored {
			p.Review[a.ID] = r.Status
		}
		kept[a.ID] = true
		p.Annotations = append(p.Annotations, na)
	}
	for i := range p.Annotations {
		if sp := p.Annotations[i].Speaker; sp != "" && !kept[sp] {
			p.Annotations[i].SetSpeaker("")
		}
	}
	return p
}
