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
// the document by its JSON name ("title", "byline", "blocks"…).
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

// docFields are the document's fields that merge, each a group; its id and
// text never differ between the versions merged.
var docFields = []Group{"title", "source", "byline", "published", "site", "language", "url", "blocks"}

// Merged is the result of a Merge.
type Merged struct {
	// File is the merged file; it is valid when the three merged were.
	File File
	// Conflicts are the groups both sides changed differently: the
	// document's, then by annotation in the order of mine's, then theirs'.
	Conflicts []Conflict
	// Notices say what the merge did beyond taking changes, in the same
	// order, those of links cleared last.
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
	// Mine and Theirs are the annotation as each side has it; for a field of
	// the document they are zero, and the values are in the two documents.
	Mine, Theirs Annotation
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
	return "its speaker was deleted, or made another kind, in the other copy: unlinked"
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
	doc := *td
	g := merger{b: byID(base.Annotations), t: byID(theirs.Annotations),
		anns: make([]Annotation, 0, len(mine.Annotations)+len(theirs.Annotations))}
	for _, field := range docFields {
		switch bv, mv, tv := docValue(&base.Document, field), docValue(&mine.Document, field), docValue(td, field); {
		case mv == bv || mv == tv:
		case tv == bv:
			copyDocField(&doc, &mine.Document, field)
		default:
			g.conflicts = append(g.conflicts, Conflict{Group: field})
		}
	}
	m := byID(mine.Annotations)
	g.partner = pairAdded(g.b, m, g.t, mine.Annotations, theirs.Annotations)
	for i := range mine.Annotations {
		mv := g.repoint(&mine.Annotations[i])
		if other, ok := g.partner[mv.ID]; ok {
			g.take(min(mv.ID, other), mv, g.t[other])
			g.note(min(mv.ID, other), Joined, max(mv.ID, other))
		} else {
			g.take(mv.ID, mv, g.t[mv.ID])
		}
	}
	for i := range theirs.Annotations {
		if tv := &theirs.Annotations[i]; m[tv.ID] == nil && g.partner[tv.ID] == "" {
			g.take(tv.ID, nil, tv)
		}
	}
	g.unlinkGone()
	// In text order, sorted by index: moving annotations, large, costs more.
	order := make([]int, len(g.anns))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int { return CompareTextOrder(g.anns[i], g.anns[j]) })
	sorted := make([]Annotation, len(order))
	for i, k := range order {
		sorted[i] = g.anns[k]
	}
	return Merged{File: NewFile(doc, sorted), Conflicts: g.conflicts, Notices: g.notices}, nil
}

// merger is a Merge under way.
type merger struct {
	b, t      map[ID]*Annotation // base's and theirs' annotations by id
	partner   map[ID]ID          // each annotation added on one side paired with one the other added on its span
	anns      []Annotation
	conflicts []Conflict
	notices   []Notice
}

// take merges one annotation's versions, mine mv and theirs tv, either nil
// where that side has none, into the merge as id.
func (g *merger) take(id ID, mv, tv *Annotation) {
	bv := g.b[id]
	if mv != nil && tv != nil {
		if bv == nil {
			bv = &Annotation{} // added on both sides
		}
		tv = g.repoint(tv)
		a, groups := mergeAnnotation(bv, mv, tv)
		a.ID = id
		for _, gr := range groups {
			g.conflicts = append(g.conflicts, Conflict{ID: id, Group: gr, Mine: *mv, Theirs: *tv})
		}
		g.anns = append(g.anns, a)
		return
	}
	a, kept := mv, KeptMine
	if a == nil {
		a, kept = g.repoint(tv), KeptTheirs
	}
	switch {
	case bv == nil: // added on one side
		g.anns = append(g.anns, *a)
	case !sameContent(a, bv): // deleted on the other side, changed on this one
		g.anns = append(g.anns, *a)
		g.note(id, kept, "")
	}
}

// repoint returns a with its speaker, when one of a pair, the pair's survivor (the smaller id).
func (g *merger) repoint(a *Annotation) *Annotation {
	if p := g.partner[a.Speaker]; p != "" && p < a.Speaker {
		c := *a
		c.Speaker = p
		return &c
	}
	return a
}

func (g *merger) note(id ID, kind NoticeKind, other ID) {
	g.notices = append(g.notices, Notice{ID: id, Kind: kind, Other: other})
}

// unlinkGone clears the speaker of each quote whose speaker is not a source of the merge.
func (g *merger) unlinkGone() {
	kinds := make(map[ID]Kind, len(g.anns))
	for _, a := range g.anns {
		kinds[a.ID] = a.Kind
	}
	for i := range g.anns {
		if a := &g.anns[i]; a.Speaker != "" && kinds[a.Speaker] != Source {
			g.note(a.ID, Unlinked, a.Speaker)
			a.SetSpeaker("")
		}
	}
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
	added := func(anns []Annotation, other map[ID]*Annotation) []ID {
		var ids []ID
		for _, a := range anns {
			if b[a.ID] == nil && other[a.ID] == nil {
				ids = append(ids, a.ID)
			}
		}
		slices.Sort(ids)
		return ids
	}
	waiting := map[place][]ID{} // theirs, in id order
	for _, id := range added(theirs, m) {
		a := t[id]
		p := place{a.Kind, a.Start, a.End}
		waiting[p] = append(waiting[p], id)
	}
	partner := map[ID]ID{}
	for _, id := range added(mine, t) {
		a := m[id]
		p := place{a.Kind, a.Start, a.End}
		if ts := waiting[p]; len(ts) > 0 {
			partner[id], partner[ts[0]] = ts[0], id
			waiting[p] = ts[1:]
		}
	}
	return partner
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
		a = *t
		for _, g := range groups {
			switch {
			case same(g, m, b) || same(g, m, t):
			case same(g, t, b):
				copyGroup(g, &a, m)
			default:
				conflicts = append(conflicts, g)
			}
		}
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
		if !same(g, a, b) {
			return false
		}
	}
	return true
}

// The groups of an annotation: each of a kind's own fields when both sides
// have the same kind, else the kind with all of them.
var (
	sameKindGroups  = []Group{GroupSpan, GroupSpeaker, GroupName, GroupCredit, GroupVoice, GroupNote, GroupOrigin}
	otherKindGroups = []Group{GroupSpan, GroupKind, GroupNote, GroupOrigin}
	kindOwnGroups   = []Group{GroupSpeaker, GroupName, GroupCredit, GroupVoice}
)

// same reports whether a and b have the same values of group g.
func same(g Group, a, b *Annotation) bool {
	switch g {
	case GroupSpan:
		return a.Start == b.Start && a.End == b.End
	case GroupKind:
		return a.Kind == b.Kind && same(GroupSpeaker, a, b) && same(GroupName, a, b) && same(GroupCredit, a, b) && same(GroupVoice, a, b)
	case GroupSpeaker:
		return a.Speaker == b.Speaker && a.SpeakerConfidence == b.SpeakerConfidence && a.SpeakerReason == b.SpeakerReason
	case GroupName:
		return a.Name == b.Name
	case GroupCredit:
		return (a.Credit == nil) == (b.Credit == nil) && (a.Credit == nil ||
			slices.Equal(a.Credit.Creators, b.Credit.Creators) && slices.Equal(a.Credit.Agencies, b.Credit.Agencies))
	case GroupVoice:
		return (a.Voice == nil) == (b.Voice == nil) && (a.Voice == nil ||
			a.Voice.Type == b.Voice.Type && a.Voice.Gender == b.Voice.Gender && a.Voice.Role == b.Voice.Role && slices.Equal(a.Voice.Proposed, b.Voice.Proposed))
	case GroupNote:
		return a.Note == b.Note
	}
	return a.Origin == b.Origin && a.Confidence == b.Confidence
}

// copyGroup gives d the values of group g that s has.
func copyGroup(g Group, d, s *Annotation) {
	switch g {
	case GroupSpan:
		d.Start, d.End, d.Exact, d.Prefix, d.Suffix = s.Start, s.End, s.Exact, s.Prefix, s.Suffix
	case GroupKind:
		d.Kind = s.Kind
		for _, g := range kindOwnGroups {
			copyGroup(g, d, s)
		}
	case GroupSpeaker:
		d.Speaker, d.SpeakerConfidence, d.SpeakerReason = s.Speaker, s.SpeakerConfidence, s.SpeakerReason
	case GroupName:
		d.Name = s.Name
	case GroupCredit:
		d.Credit = s.Credit
	case GroupVoice:
		d.Voice = s.Voice
	case GroupNote:
		d.Note = s.Note
	case GroupOrigin:
		d.Origin, d.Confidence = s.Origin, s.Confidence
	}
}

// docValue returns the value of a document's field as a string, to compare.
func docValue(d *Document, field Group) string {
	switch field {
	case "title":
		return d.Title
	case "source":
		return d.Source
	case "byline":
		return d.Byline
	case "published":
		return d.Published.UTC().Format(time.RFC3339Nano)
	case "site":
		return d.Site
	case "language":
		return d.Language
	case "url":
		return d.URL
	}
	return fmt.Sprint(d.Blocks == nil, d.Blocks)
}

// copyDocField gives d the value of a field that s has.
func copyDocField(d, s *Document, field Group) {
	switch field {
	case "title":
		d.Title = s.Title
	case "source":
		d.Source = s.Source
	case "byline":
		d.Byline = s.Byline
	case "published":
		d.Published = s.Published
	case "site":
		d.Site = s.Site
	case "language":
		d.Language = s.Language
	case "url":
		d.URL = s.URL
	case "blocks":
		d.Blocks = s.Blocks
	}
}

// ResolveDocument returns d with the conflict's field taken from from: the
// document of mine or theirs.
func (c Conflict) ResolveDocument(d, from Document) Document {
	copyDocField(&d, &from, c.Group)
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
	if !slices.Contains(otherKindGroups, c.Group) && !slices.Contains(kindOwnGroups, c.Group) {
		return Edit{}, fmt.Errorf("%q is not a group of an annotation's fields", c.Group)
	}
	return s.modify(c.ID, label+string(c.Group), now, func(a *Annotation) ([]Change, error) {
		wasSource := a.Kind == Source
		copyGroup(c.Group, a, src)
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
