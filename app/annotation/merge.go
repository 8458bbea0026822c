package annotation

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// The three-way merge of annotation files: two copies of one document edited
// apart from the version both started from (their base) are made one. Theirs
// is the stored (server's) copy; mine is the editor's.
//
// Annotations are matched by id, and inside an annotation its fields are
// merged by Group: a group changed on one side only takes that side's value;
// changed alike on both, it is one change; changed differently on both, it is
// a Conflict, and the merge keeps theirs. The document's fields merge by the
// same rule, each field a group of its own.

// Group names fields of an annotation that change together, or one field of
// the document, by its JSON name ("title", "byline", "blocks"…).
type Group string

// The groups of an annotation's fields.
const (
	GroupSpan    Group = "span"    // start, end and the text they cover
	GroupKind    Group = "kind"    // the kind with its kind's own fields (speaker, name, credit, voice)
	GroupSpeaker Group = "speaker" // a quote's speaker with the engine's evidence for the link
	GroupName    Group = "name"    // a source's name
	GroupCredit  Group = "credit"  // a photo credit's creators and agencies
	GroupVoice   Group = "voice"   // a source's voice
	GroupNote    Group = "note"    // the editor's note
	GroupOrigin  Group = "origin"  // origin and confidence
)

// Merged is the result of a Merge.
type Merged struct {
	// File is the merged file; it is valid when the three merged were.
	File File
	// Conflicts are the groups both sides changed differently, the document's
	// first, then by annotation in text order.
	Conflicts []Conflict
	// Notices say what the merge did beyond taking changes, in the same order.
	Notices []Notice
}

// Conflict is a group of fields both sides changed differently. The merge
// kept theirs; Set.Resolve (for an annotation) and Conflict.ResolveDocument
// (for the document) give either side's value.
type Conflict struct {
	// ID is the annotation's id, or "" for a field of the document.
	ID ID
	// Group is the fields in conflict.
	Group Group
	// Mine and Theirs are the annotation as each side has it (zero for the document).
	Mine, Theirs Annotation
	// MineDoc and TheirsDoc are the document as each side has it (zero for an annotation).
	MineDoc, TheirsDoc Document
}

// NoticeKind is what a Notice reports.
type NoticeKind string

// The kinds of notice.
const (
	KeptMine   NoticeKind = "kept-mine"   // theirs deleted it, mine changed it: mine is kept
	KeptTheirs NoticeKind = "kept-theirs" // mine deleted it, theirs changed it: theirs is kept
	Joined     NoticeKind = "joined"      // both added one of its kind on its span: Other was made one with it
	Unlinked   NoticeKind = "unlinked"    // its speaker, Other, is deleted or no longer a source: the link is cleared
)

// Notice is something the merge did to an annotation that an editor should know.
type Notice struct {
	// ID is the annotation's id in the merged file.
	ID ID
	// Kind is what happened.
	Kind NoticeKind
	// Other is, for Joined, the id that is gone; for Unlinked, the speaker's.
	Other ID
}

// String says what happened, for an editor.
func (n Notice) String() string {
	switch n.Kind {
	case KeptMine:
		return "deleted in the other copy but changed in yours: kept"
	case KeptTheirs:
		return "deleted in your copy but changed in the other: kept"
	case Joined:
		return "added in both copies on the same words: made one"
	}
	return "its speaker was deleted in the other copy: unlinked"
}

// Merge merges mine and theirs, two versions of one document edited apart
// from base (use theirs' document with no annotations when there is none).
// The three must be valid; a different document or text is an error, not a
// merge. Besides the groups, an annotation deleted on one side and changed on
// the other is kept; two annotations of one kind on one span, added on both
// sides, are made one (the smaller id stays) with the links to it re-pointed;
// a quote whose speaker is gone is unlinked. Creators are theirs' (the
// server stamps them), else mine's; Created is the earlier and Modified the
// later of the two sides', when both sides' changes are in.
func Merge(base, mine, theirs File) (Merged, error) {
	td := &theirs.Document
	for _, f := range []*File{&base, &mine} {
		switch d := &f.Document; {
		case d.ID != td.ID:
			return Merged{}, fmt.Errorf("cannot merge document %s with document %s", d.ID, td.ID)
		case d.Text != td.Text:
			return Merged{}, fmt.Errorf("cannot merge versions of document %s with different texts", td.ID)
		}
	}
	var out Merged
	doc, groups := mergeGroups(&base.Document, &mine.Document, td, docGroups)
	for _, g := range groups {
		out.Conflicts = append(out.Conflicts, Conflict{Group: g, MineDoc: mine.Document, TheirsDoc: theirs.Document})
	}
	b, m, t := byID(base.Annotations), byID(mine.Annotations), byID(theirs.Annotations)
	partner := pairAdded(b, m, t, mine.Annotations, theirs.Annotations)
	// repoint returns a with its speaker, when one of a pair, the pair's survivor (the smaller id).
	repoint := func(a *Annotation) *Annotation {
		if p, ok := partner[a.Speaker]; ok && p < a.Speaker {
			c := *a
			c.Speaker = p
			return &c
		}
		return a
	}
	anns := make([]Annotation, 0, max(len(mine.Annotations), len(theirs.Annotations)))
	conflicts, notices := map[ID][]Conflict{}, map[ID][]Notice{}
	note := func(id ID, kind NoticeKind, other ID) {
		notices[id] = append(notices[id], Notice{ID: id, Kind: kind, Other: other})
	}
	merge := func(id ID, bv, mv, tv *Annotation) {
		a, groups := mergeAnnotation(bv, mv, tv)
		a.ID = id
		for _, g := range groups {
			conflicts[id] = append(conflicts[id], Conflict{ID: id, Group: g, Mine: *mv, Theirs: *tv})
		}
		anns = append(anns, a)
	}
	var none Annotation // the base of what both sides added
	for i := range mine.Annotations {
		mv := repoint(&mine.Annotations[i])
		id := mv.ID
		bv, inBase := b[id]
		tv, inTheirs := t[id]
		other, paired := partner[id]
		switch {
		case inTheirs:
			if !inBase {
				bv = &none
			}
			merge(id, bv, mv, repoint(tv))
		case paired:
			merge(min(id, other), &none, mv, repoint(t[other]))
			note(min(id, other), Joined, max(id, other))
		case !inBase:
			anns = append(anns, *mv)
		case !sameContent(mv, bv): // theirs deleted it, mine changed it
			anns = append(anns, *mv)
			note(id, KeptMine, "")
		}
	}
	for i := range theirs.Annotations {
		tv := repoint(&theirs.Annotations[i])
		id := tv.ID
		bv, inBase := b[id]
		_, paired := partner[id]
		switch {
		case m[id] != nil || paired: // merged above
		case !inBase:
			anns = append(anns, *tv)
		case !sameContent(tv, bv): // mine deleted it, theirs changed it
			anns = append(anns, *tv)
			note(id, KeptTheirs, "")
		}
	}
	unlinkGone(anns, note)
	// In text order, sorted by index: moving annotations, large, costs more.
	order := make([]int, len(anns))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int { return CompareTextOrder(anns[i], anns[j]) })
	sorted := make([]Annotation, len(anns))
	for i, k := range order {
		sorted[i] = anns[k]
		out.Conflicts = append(out.Conflicts, conflicts[anns[k].ID]...)
		out.Notices = append(out.Notices, notices[anns[k].ID]...)
	}
	out.File = NewFile(doc, sorted)
	return out, nil
}

// byID indexes annotations by id.
func byID(anns []Annotation) map[ID]*Annotation {
	m := make(map[ID]*Annotation, len(anns))
	for i := range anns {
		m[anns[i].ID] = &anns[i]
	}
	return m
}

// pairAdded pairs the annotations added on one side only with those of the
// same kind on the same span added on the other only, in id order, and
// returns each one's partner.
func pairAdded(b, m, t map[ID]*Annotation, mine, theirs []Annotation) map[ID]ID {
	type place struct {
		kind       Kind
		start, end int
	}
	added := func(anns []Annotation, other map[ID]*Annotation) map[place][]ID {
		by := map[place][]ID{}
		for _, a := range anns {
			if b[a.ID] == nil && other[a.ID] == nil {
				p := place{a.Kind, a.Start, a.End}
				by[p] = append(by[p], a.ID)
			}
		}
		return by
	}
	theirsAdded := added(theirs, m)
	partner := map[ID]ID{}
	for p, ms := range added(mine, t) {
		ts := theirsAdded[p]
		slices.Sort(ms)
		slices.Sort(ts)
		for i := range min(len(ms), len(ts)) {
			partner[ms[i]], partner[ts[i]] = ts[i], ms[i]
		}
	}
	return partner
}

// unlinkGone clears the speaker of each quote whose speaker is not a source of anns.
func unlinkGone(anns []Annotation, note func(ID, NoticeKind, ID)) {
	kinds := make(map[ID]Kind, len(anns))
	for _, a := range anns {
		kinds[a.ID] = a.Kind
	}
	for i := range anns {
		if a := &anns[i]; a.Speaker != "" && kinds[a.Speaker] != Source {
			note(a.ID, Unlinked, a.Speaker)
			a.SetSpeaker("")
		}
	}
}

// mergeAnnotation merges one annotation's versions; it returns the groups in conflict.
func mergeAnnotation(b, m, t *Annotation) (Annotation, []Group) {
	var a Annotation
	var conflicts []Group
	switch {
	case sameTimes(m, b) && sameContent(m, b):
		a = *t
	case sameTimes(t, b) && sameContent(t, b):
		a = *m
	default:
		groups := sameKindGroups
		if m.Kind != t.Kind {
			groups = otherKindGroups
		}
		a, conflicts = mergeGroups(b, m, t, groups)
		a.Created = minTime(m.Created, t.Created)
		if a.Modified = t.Modified; m.Modified.After(t.Modified) {
			a.Modified = m.Modified
		}
	}
	a.Creator = cmp.Or(t.Creator, m.Creator)
	return a, conflicts
}

func sameTimes(a, b *Annotation) bool {
	return a.Created.Equal(b.Created) && a.Modified.Equal(b.Modified)
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// sameContent reports whether a and b are alike but for their creator and
// times: one changed back to what it was is not changed.
func sameContent(a, b *Annotation) bool {
	for _, g := range otherKindGroups {
		if !g.same(a, b) {
			return false
		}
	}
	return true
}

// fields is a group of fields of a T: how to compare them and copy them.
type fields[T any] struct {
	group Group
	same  func(a, b *T) bool
	copy  func(dst, src *T)
}

// mergeGroups merges m and t group by group against b, starting from t; it
// returns the groups both changed differently, which keep t's values.
func mergeGroups[T any](b, m, t *T, groups []fields[T]) (T, []Group) {
	out := *t
	var conflicts []Group
	for _, g := range groups {
		switch {
		case g.same(m, b) || g.same(m, t):
		case g.same(t, b):
			g.copy(&out, m)
		default:
			conflicts = append(conflicts, g.group)
		}
	}
	return out, conflicts
}

// The groups of an annotation: each of a kind's own fields when both sides
// have the same kind, else the kind with all of them.
var (
	spanGroup = fields[Annotation]{GroupSpan,
		func(a, b *Annotation) bool { return a.Start == b.Start && a.End == b.End },
		func(d, s *Annotation) {
			d.Start, d.End, d.Exact, d.Prefix, d.Suffix = s.Start, s.End, s.Exact, s.Prefix, s.Suffix
		}}
	speakerGroup = fields[Annotation]{GroupSpeaker,
		func(a, b *Annotation) bool {
			return a.Speaker == b.Speaker && a.SpeakerConfidence == b.SpeakerConfidence && a.SpeakerReason == b.SpeakerReason
		},
		func(d, s *Annotation) {
			d.Speaker, d.SpeakerConfidence, d.SpeakerReason = s.Speaker, s.SpeakerConfidence, s.SpeakerReason
		}}
	nameGroup = fields[Annotation]{GroupName,
		func(a, b *Annotation) bool { return a.Name == b.Name },
		func(d, s *Annotation) { d.Name = s.Name }}
	creditGroup = fields[Annotation]{GroupCredit,
		func(a, b *Annotation) bool {
			return (a.Credit == nil) == (b.Credit == nil) && (a.Credit == nil ||
				slices.Equal(a.Credit.Creators, b.Credit.Creators) && slices.Equal(a.Credit.Agencies, b.Credit.Agencies))
		},
		func(d, s *Annotation) { d.Credit = s.Credit }}
	voiceGroup = fields[Annotation]{GroupVoice,
		func(a, b *Annotation) bool {
			return (a.Voice == nil) == (b.Voice == nil) && (a.Voice == nil ||
				a.Voice.Type == b.Voice.Type && a.Voice.Gender == b.Voice.Gender && a.Voice.Role == b.Voice.Role && slices.Equal(a.Voice.Proposed, b.Voice.Proposed))
		},
		func(d, s *Annotation) { d.Voice = s.Voice }}
	kindGroup = fields[Annotation]{GroupKind,
		func(a, b *Annotation) bool {
			return a.Kind == b.Kind && speakerGroup.same(a, b) && nameGroup.same(a, b) && creditGroup.same(a, b) && voiceGroup.same(a, b)
		},
		func(d, s *Annotation) {
			d.Kind = s.Kind
			for _, g := range []fields[Annotation]{speakerGroup, nameGroup, creditGroup, voiceGroup} {
				g.copy(d, s)
			}
		}}
	noteGroup = fields[Annotation]{GroupNote,
		func(a, b *Annotation) bool { return a.Note == b.Note },
		func(d, s *Annotation) { d.Note = s.Note }}
	originGroup = fields[Annotation]{GroupOrigin,
		func(a, b *Annotation) bool { return a.Origin == b.Origin && a.Confidence == b.Confidence },
		func(d, s *Annotation) { d.Origin, d.Confidence = s.Origin, s.Confidence }}

	sameKindGroups   = []fields[Annotation]{spanGroup, speakerGroup, nameGroup, creditGroup, voiceGroup, noteGroup, originGroup}
	otherKindGroups  = []fields[Annotation]{spanGroup, kindGroup, noteGroup, originGroup}
	annotationGroups = slices.Concat(otherKindGroups, []fields[Annotation]{speakerGroup, nameGroup, creditGroup, voiceGroup})
)

// docGroups are the document's fields that merge, each a group; its id and
// text never differ between the versions merged.
var docGroups = []fields[Document]{
	docField("title", func(d *Document) *string { return &d.Title }),
	docField("source", func(d *Document) *string { return &d.Source }),
	docField("byline", func(d *Document) *string { return &d.Byline }),
	{"published", func(a, b *Document) bool { return a.Published.Equal(b.Published) }, func(d, s *Document) { d.Published = s.Published }},
	docField("site", func(d *Document) *string { return &d.Site }),
	docField("language", func(d *Document) *string { return &d.Language }),
	docField("url", func(d *Document) *string { return &d.URL }),
	{"blocks", func(a, b *Document) bool {
		return (a.Blocks == nil) == (b.Blocks == nil) && slices.Equal(a.Blocks, b.Blocks)
	},
		func(d, s *Document) { d.Blocks = s.Blocks }},
}

// docField is the group of one string field of a document.
func docField(name Group, field func(*Document) *string) fields[Document] {
	return fields[Document]{name, func(a, b *Document) bool { return *field(a) == *field(b) }, func(d, s *Document) { *field(d) = *field(s) }}
}

// ResolveDocument returns d with the conflict's field set to mine's value
// (useMine) or theirs'.
func (c Conflict) ResolveDocument(d Document, useMine bool) Document {
	src := &c.TheirsDoc
	if useMine {
		src = &c.MineDoc
	}
	for _, g := range docGroups {
		if g.group == c.Group {
			g.copy(&d, src)
		}
	}
	return d
}

// Resolve returns the edit that gives the conflict's annotation mine's
// (useMine) or theirs' values of the conflict's group. A source made another
// kind unlinks the quotes it speaks; a speaker no longer in the set, or a
// value its kind does not have, is an error.
func (s *Set) Resolve(c Conflict, useMine bool, now time.Time) (Edit, error) {
	src, label := &c.Theirs, "Keep the other "
	if useMine {
		src, label = &c.Mine, "Keep your "
	}
	i := slices.IndexFunc(annotationGroups, func(g fields[Annotation]) bool { return g.group == c.Group })
	if i < 0 {
		return Edit{}, fmt.Errorf("%q is not a group of an annotation's fields", c.Group)
	}
	return s.modify(c.ID, label+string(c.Group), now, func(a *Annotation) ([]Change, error) {
		wasSource := a.Kind == Source
		annotationGroups[i].copy(a, src)
		if ps := validateAnnotation(*a, s.text, s.text.Len()); len(ps) > 0 {
			return nil, fmt.Errorf("annotation %s cannot take that %s: %w", c.ID, c.Group, ps.err())
		}
		if a.Speaker != "" {
			if err := s.checkSource(a.Speaker); err != nil {
				return nil, err
			}
		}
		if wasSource && a.Kind != Source {
			return s.unlinkQuotesOf(c.ID, now), nil
		}
		return nil, nil
	})
}
