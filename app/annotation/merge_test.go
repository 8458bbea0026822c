package annotation

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/anchor"
)

// step is one edit made with a Set's own methods.
type step func(*Set) (Edit, error)

var later = testTime.Add(time.Hour)

// edited returns f with steps applied, in order.
func edited(t testing.TB, f File, steps ...step) File {
	t.Helper()
	s := NewSet(anchor.NewText(f.Document.Text), f.Annotations)
	for _, st := range steps {
		e, err := st(s)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Apply(e); err != nil {
			t.Fatal(err)
		}
	}
	return NewFile(f.Document, slices.Clone(s.All()))
}

// tag is the step that adds an annotation of kind, id n, on the first phrase of the text.
func tag(t testing.TB, n int, kind Kind, phrase string) step {
	return func(s *Set) (Edit, error) {
		start, end := mustSpan(t, s.Text().String(), phrase)
		a, err := s.New(kind, start, end, Human, later)
		if err != nil {
			return Edit{}, err
		}
		a.ID = testID(n)
		return s.Add(a)
	}
}

func note(n int, text string) step {
	return func(s *Set) (Edit, error) { return s.SetNote(testID(n), text, later) }
}
func remove(n int) step { return func(s *Set) (Edit, error) { return s.Remove(testID(n), later) } }
func link(q, src int) step {
	return func(s *Set) (Edit, error) { return s.Link(testID(q), testID(src), later) }
}
func rename(n int, name string) step {
	return func(s *Set) (Edit, error) { return s.SetName(testID(n), name, later) }
}
func kind(n int, k Kind) step {
	return func(s *Set) (Edit, error) { return s.SetKind(testID(n), k, later) }
}

// mustMerge merges, and checks that the result is valid.
func mustMerge(t testing.TB, base, mine, theirs File) Merged {
	t.Helper()
	m, err := Merge(base, mine, theirs)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.File.Validate(); err != nil {
		t.Fatalf("the merged file is not valid: %v", err)
	}
	return m
}

// find returns the annotation n of f; ok is false when f has none.
func find(f File, n int) (Annotation, bool) {
	i := slices.IndexFunc(f.Annotations, func(a Annotation) bool { return a.ID == testID(n) })
	if i < 0 {
		return Annotation{}, false
	}
	return f.Annotations[i], true
}

// ids lists the numbers of f's annotations (testID's n), in the file's order.
func ids(f File) []string {
	var out []string
	for _, a := range f.Annotations {
		out = append(out, strings.TrimLeft(string(a.ID)[len("urn:uuid:00000000-0000-4000-8000-"):], "0"))
	}
	return out
}

// The sample file has the quote 10 spoken by the source 11 (named "John
// Kerry"), the photo credit 12 and the quote 13 noted "partial quote <b>&</b>".
// Every expectation below is written by hand.
func TestMergeRules(t *testing.T) {
	base := sampleFile(t)
	cases := []struct {
		name          string
		mine, theirs  []step
		ids           string // the merged annotations' numbers, in text order
		check         func(t *testing.T, m Merged)
		conflicts     []Group // by annotation: the groups, in order
		notices       []NoticeKind
		noticeSubject []int // the annotation of each notice
	}{
		{name: "a change on one side is taken, each side's",
			mine: []step{note(13, "check the wording")}, theirs: []step{rename(11, "Kerry")},
			ids: "12 10 11 13",
			check: func(t *testing.T, m Merged) {
				if a, _ := find(m.File, 13); a.Note != "check the wording" || !a.Modified.Equal(later) {
					t.Errorf("13: note %q modified %v, want mine's note at %v", a.Note, a.Modified, later)
				}
				if a, _ := find(m.File, 11); a.Name != "Kerry" {
					t.Errorf("11: name %q, want theirs, Kerry", a.Name)
				}
			}},
		{name: "equal changes are one",
			mine: []step{note(13, "same"), tag(t, 30, Source, "Lavrov")}, theirs: []step{note(13, "same"), tag(t, 30, Source, "Lavrov")},
			ids: "30 12 10 11 13",
			check: func(t *testing.T, m Merged) {
				if a, _ := find(m.File, 13); a.Note != "same" {
					t.Errorf("13: note %q", a.Note)
				}
			}},
		{name: "different notes are a conflict: theirs is kept",
			mine: []step{note(13, "mine")}, theirs: []step{note(13, "theirs")},
			ids: "12 10 11 13", conflicts: []Group{GroupNote},
			check: func(t *testing.T, m Merged) {
				c := m.Conflicts[0]
				if c.ID != testID(13) || c.Mine.Note != "mine" || c.Theirs.Note != "theirs" {
					t.Errorf("conflict %s %s: mine %q theirs %q", c.ID, c.Group, c.Mine.Note, c.Theirs.Note)
				}
				if a, _ := find(m.File, 13); a.Note != "theirs" {
					t.Errorf("13 kept note %q, want theirs", a.Note)
				}
			}},
		{name: "two groups of one annotation changed apart are both taken",
			mine: []step{note(10, "ask the desk")}, theirs: []step{func(s *Set) (Edit, error) { return s.Unlink(testID(10), later) }},
			ids: "12 10 11 13",
			check: func(t *testing.T, m Merged) {
				if a, _ := find(m.File, 10); a.Note != "ask the desk" || a.Speaker != "" {
					t.Errorf("10: note %q speaker %q, want mine's note and theirs' unlinking", a.Note, a.Speaker)
				}
			}},
		{name: "deleted in mine, edited in theirs: kept",
			mine: []step{remove(13)}, theirs: []step{note(13, "still needed")},
			ids: "12 10 11 13", notices: []NoticeKind{KeptTheirs}, noticeSubject: []int{13},
			check: func(t *testing.T, m Merged) {
				if a, _ := find(m.File, 13); a.Note != "still needed" {
					t.Errorf("13: note %q", a.Note)
				}
			}},
		{name: "deleted in theirs, edited in mine: kept",
			mine: []step{note(12, "credit checked")}, theirs: []step{remove(12)},
			ids: "12 10 11 13", notices: []NoticeKind{KeptMine}, noticeSubject: []int{12}},
		{name: "deleted on one side, unchanged on the other: gone",
			mine: []step{remove(12)}, theirs: []step{remove(13)},
			ids: "10 11"},
		{name: "added on both sides on the same span: one, links re-pointed",
			// Mine tags the quote 41 spoken by the source 42; theirs the
			// quote 40 spoken by 43 on the same words, and links 13 to 43.
			mine: []step{tag(t, 41, Quote, "There's a lot of positive things"), tag(t, 42, Source, "Wazne"), link(41, 42), note(41, "mine")},
			theirs: []step{tag(t, 40, Quote, "There's a lot of positive things"), tag(t, 43, Source, "Wazne"), link(40, 43), link(13, 43),
				func(s *Set) (Edit, error) { return s.SetName(testID(43), "Kamel Wazne", later) }},
			ids: "12 10 11 13 42 40", notices: []NoticeKind{Joined, Joined}, noticeSubject: []int{42, 40},
			check: func(t *testing.T, m Merged) {
				q, _ := find(m.File, 40)
				src, _ := find(m.File, 42)
				if q.Speaker != testID(42) || q.Note != "mine" || src.Name != "Kamel Wazne" {
					t.Errorf("quote 40 speaker %s note %q, source 42 name %q: want 42, mine's note, theirs' name", q.Speaker, q.Note, src.Name)
				}
				if a, _ := find(m.File, 13); a.Speaker != testID(42) {
					t.Errorf("13 speaker %s, want re-pointed to 42", a.Speaker)
				}
				if n := m.Notices[0]; n.Other != testID(43) {
					t.Errorf("source notice: %+v, want 43 made one with 42", n)
				}
			}},
		{name: "a link to a source the other side deleted is cleared",
			mine: []step{remove(11)}, theirs: []step{link(13, 11)},
			ids: "12 10 13", notices: []NoticeKind{Unlinked}, noticeSubject: []int{13},
			check: func(t *testing.T, m Merged) {
				for _, n := range []int{10, 13} {
					if a, _ := find(m.File, n); a.Speaker != "" {
						t.Errorf("%d still linked to %s", n, a.Speaker)
					}
				}
				if m.Notices[0].Other != testID(11) {
					t.Errorf("notice %+v, want the deleted speaker 11 named", m.Notices[0])
				}
			}},
		{name: "a link to a source the other side made a quote is cleared",
			mine: []step{kind(11, Quote)}, theirs: []step{link(13, 11)},
			ids: "12 10 11 13", notices: []NoticeKind{Unlinked}, noticeSubject: []int{13},
			check: func(t *testing.T, m Merged) {
				if a, _ := find(m.File, 11); a.Kind != Quote || a.Name != "" {
					t.Errorf("11: %s named %q, want mine's quote", a.Kind, a.Name)
				}
			}},
		{name: "a kind changed on one side, the note on the other: both",
			mine: []step{kind(13, Source)}, theirs: []step{note(13, "a person?")},
			ids: "12 10 11 13",
			check: func(t *testing.T, m Merged) {
				if a, _ := find(m.File, 13); a.Kind != Source || a.Note != "a person?" {
					t.Errorf("13: %s noted %q", a.Kind, a.Note)
				}
			}},
		{name: "a kind changed on one side, its speaker on the other: a conflict",
			mine: []step{kind(13, Source)}, theirs: []step{link(13, 11)},
			ids: "12 10 11 13", conflicts: []Group{GroupKind},
			check: func(t *testing.T, m Merged) {
				if a, _ := find(m.File, 13); a.Kind != Quote || a.Speaker != testID(11) {
					t.Errorf("13: %s spoken by %s, want theirs: a quote by 11", a.Kind, a.Speaker)
				}
				if c := m.Conflicts[0]; c.Mine.Kind != Source || c.Theirs.Kind != Quote {
					t.Errorf("conflict values %s / %s", c.Mine.Kind, c.Theirs.Kind)
				}
			}},
		{name: "both made it a source, with names apart: one source, a name conflict",
			mine: []step{kind(13, Source), rename(13, "the sidelines")}, theirs: []step{kind(13, Source), rename(13, "Geneva")},
			ids: "12 10 11 13", conflicts: []Group{GroupName}},
		{name: "the same id added on both sides with different notes",
			mine: []step{tag(t, 30, Source, "Lavrov"), note(30, "Russia's")}, theirs: []step{tag(t, 30, Source, "Lavrov"), note(30, "foreign minister")},
			ids: "30 12 10 11 13", conflicts: []Group{GroupNote}},
		{name: "different spans are a conflict",
			mine:   []step{span(13, "“on the sidelines”")},
			theirs: []step{span(13, "on the sidelines” of Geneva")},
			ids:    "12 10 11 13", conflicts: []Group{GroupSpan},
			check: func(t *testing.T, m Merged) {
				if a, _ := find(m.File, 13); a.Exact != "on the sidelines” of Geneva" {
					t.Errorf("13 covers %q, want theirs", a.Exact)
				}
			}},
		{name: "a span moved on one side, the note on the other",
			mine: []step{span(13, "“on the sidelines”")}, theirs: []step{note(13, "fine")},
			ids: "12 10 11 13",
			check: func(t *testing.T, m Merged) {
				if a, _ := find(m.File, 13); a.Exact != "“on the sidelines”" || a.Note != "fine" {
					t.Errorf("13 covers %q noted %q", a.Exact, a.Note)
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mine, theirs := edited(t, base, c.mine...), edited(t, base, c.theirs...)
			m := mustMerge(t, base, mine, theirs)
			if got := strings.Join(ids(m.File), " "); got != c.ids {
				t.Errorf("annotations %s, want %s", got, c.ids)
			}
			var groups []Group
			for _, x := range m.Conflicts {
				groups = append(groups, x.Group)
			}
			if !slices.Equal(groups, c.conflicts) {
				t.Errorf("conflicts %v, want %v", groups, c.conflicts)
			}
			var kinds []NoticeKind
			var subjects []int
			for _, n := range m.Notices {
				kinds = append(kinds, n.Kind)
				for i := range 100 {
					if n.ID == testID(i) {
						subjects = append(subjects, i)
					}
				}
			}
			if !slices.Equal(kinds, c.notices) || !slices.Equal(subjects, c.noticeSubject) {
				t.Errorf("notices %v on %v, want %v on %v", kinds, subjects, c.notices, c.noticeSubject)
			}
			if c.check != nil {
				c.check(t, m)
			}
		})
	}
}

// span is the step that moves annotation n onto the first phrase of the text.
func span(n int, phrase string) step {
	return func(s *Set) (Edit, error) {
		a, _ := s.Get(testID(n))
		before, after := a, a
		i := strings.Index(s.Text().String(), phrase)
		after.Start = anchor.CodePointLen(s.Text().String()[:i])
		after.End = after.Start + anchor.CodePointLen(phrase)
		after.Exact, after.Prefix, after.Suffix = s.Text().Context(after.Start, after.End)
		after.Modified = later
		return Edit{Label: "Move", Changes: []Change{{Before: &before, After: &after}}}, nil
	}
}

func TestMergeDocument(t *testing.T) {
	base := sampleFile(t)
	mine, theirs := base, base
	mine.Document.Title, mine.Document.Byline = "Mine", "By me"
	theirs.Document.Title, theirs.Document.Site = "Theirs", "Their site"
	m := mustMerge(t, base, mine, theirs)
	d := m.File.Document
	if d.Title != "Theirs" || d.Byline != "By me" || d.Site != "Their site" || d.Language != "en" {
		t.Errorf("document %q %q %q %q: want their title, my byline, their site, the base's language", d.Title, d.Byline, d.Site, d.Language)
	}
	if len(m.Conflicts) != 1 || m.Conflicts[0].ID != "" || m.Conflicts[0].Group != "title" {
		t.Fatalf("conflicts %+v, want the title's", m.Conflicts)
	}
	if got := m.Conflicts[0].ResolveDocument(d, mine.Document); got.Title != "Mine" || got.Site != "Their site" {
		t.Errorf("taking mine gives %q %q, want my title and nothing else changed", got.Title, got.Site)
	}
	// A different text or document is an error, not a merge.
	other := base
	other.Document.Text += "More."
	other.Document.SHA256 = TextHash(other.Document.Text)
	if _, err := Merge(base, base, other); err == nil || !strings.Contains(err.Error(), "different texts") {
		t.Errorf("merging another text: %v", err)
	}
	other = base
	other.Document.ID = testID(2)
	if _, err := Merge(other, base, base); err == nil || !strings.Contains(err.Error(), "cannot merge document") {
		t.Errorf("merging another document: %v", err)
	}
}

// The creator is the stored copy's (theirs); times are the later edit's.
func TestMergeCreatorAndTimes(t *testing.T) {
	base := sampleFile(t)
	for i := range base.Annotations {
		base.Annotations[i].Creator = "alice"
	}
	mine := edited(t, base, note(13, "mine"))
	theirs := edited(t, base, func(s *Set) (Edit, error) { return s.Unlink(testID(10), later.Add(time.Minute)) }, rename(11, "Kerry"))
	for i := range mine.Annotations {
		mine.Annotations[i].Creator = "mallory" // a client's claim
	}
	mine = edited(t, mine, note(11, "his full name?"))
	m := mustMerge(t, base, mine, theirs)
	for _, a := range m.File.Annotations {
		if a.Creator != "alice" {
			t.Errorf("%s: creator %q, want the stored alice", a.ID, a.Creator)
		}
	}
	if a, _ := find(m.File, 11); a.Name != "Kerry" || a.Note != "his full name?" || !a.Modified.Equal(later) || !a.Created.Equal(testTime) {
		t.Errorf("11: %q %q created %v modified %v", a.Name, a.Note, a.Created, a.Modified)
	}
}

// Resolve gives a conflicting annotation either side's value, as one edit.
func TestResolve(t *testing.T) {
	base := sampleFile(t)
	mine := edited(t, base, kind(11, Quote), note(13, "mine"))
	theirs := edited(t, base, rename(11, "Kerry"), note(13, "theirs"))
	m := mustMerge(t, base, mine, theirs)
	if len(m.Conflicts) != 2 || m.Conflicts[0].Group != GroupKind || m.Conflicts[1].Group != GroupNote {
		t.Fatalf("conflicts %+v", m.Conflicts)
	}
	s := NewSet(anchor.NewText(base.Document.Text), m.File.Annotations)
	h := &History{}
	for _, c := range m.Conflicts {
		e, err := s.Resolve(c, true, later)
		mustDo(t, s, h, e, err)
	}
	if a, _ := s.Get(testID(11)); a.Kind != Quote || a.Name != "" {
		t.Errorf("11 after taking mine: %s %q", a.Kind, a.Name)
	}
	if a, _ := s.Get(testID(10)); a.Speaker != "" {
		t.Errorf("10 still spoken by %s, which is no longer a source", a.Speaker)
	}
	if a, _ := s.Get(testID(13)); a.Note != "mine" {
		t.Errorf("13 after taking mine: %q", a.Note)
	}
	if err := NewFile(base.Document, s.All()).Validate(); err != nil {
		t.Error(err)
	}
	// Taking theirs of the kind again: a source once more, named Kerry.
	e, err := s.Resolve(m.Conflicts[0], false, later)
	mustDo(t, s, h, e, err)
	if a, _ := s.Get(testID(11)); a.Kind != Source || a.Name != "Kerry" {
		t.Errorf("11 after taking theirs: %s %q", a.Kind, a.Name)
	}
	// A speaker no longer there cannot be taken.
	gone := Conflict{ID: testID(13), Group: GroupSpeaker, Mine: Annotation{Kind: Quote, Speaker: testID(99)}}
	if _, err := s.Resolve(gone, true, later); err == nil {
		t.Error("took a speaker that is not in the set")
	}
	if _, err := s.Resolve(Conflict{ID: testID(13), Group: "title"}, true, later); err == nil {
		t.Error("resolved a document field on an annotation")
	}
}

// The properties of a merge, on files made by random edits (the fuzz
// target's input chooses them).
func FuzzMerge(f *testing.F) {
	for _, seed := range [][]byte{
		nil,
		{3, 3, 3, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17},
		{0, 5, 5, 0, 4, 4, 0, 4, 4, 1, 0, 9, 2, 7, 0, 4, 4, 0, 8, 4, 3, 1},
		{2, 6, 6, 9, 9, 1, 250, 3, 17, 4, 4, 33, 7, 1, 6, 6, 6, 2, 0, 0, 5, 200, 1, 2, 3, 9, 8, 7},
		bytes.Repeat([]byte{7, 1, 2}, 30),
	} {
		f.Add(seed)
	}
	base := sampleFile(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &choices{data: data}
		b := randomEdits(t, base, r, r.next()%6, 500)
		m := randomEdits(t, b, r, r.next()%12, 1000)
		th := randomEdits(t, b, r, r.next()%12, 2000)
		checkMergeProperties(t, b, m, th)
	})
}

// TestMergeProperties checks the properties on a few hundred generated cases.
func TestMergeProperties(t *testing.T) {
	base := sampleFile(t)
	for seed := range 500 {
		data := make([]byte, 64)
		x := uint32(seed*2654435761 + 1)
		for i := range data {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			data[i] = byte(x)
		}
		r := &choices{data: data}
		b := randomEdits(t, base, r, r.next()%6, 500)
		m := randomEdits(t, b, r, r.next()%12, 1000)
		th := randomEdits(t, b, r, r.next()%12, 2000)
		checkMergeProperties(t, b, m, th)
	}
}

func checkMergeProperties(t *testing.T, b, m, th File) {
	t.Helper()
	encode := func(f File) string {
		data, err := Encode(f)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	for _, p := range []struct {
		name          string
		base, x, y, w File
	}{{"merge(B, X, X) = X", b, m, m, m}, {"merge(B, B, T) = T", b, b, th, th}, {"merge(B, M, B) = M", b, m, b, m}} {
		if got := mustMerge(t, p.base, p.x, p.y); encode(got.File) != encode(p.w) || len(got.Conflicts)+len(got.Notices) > 0 {
			t.Fatalf("%s does not hold: %d conflicts, %d notices, %s", p.name, len(got.Conflicts), len(got.Notices), lineDiff(encode(got.File), encode(p.w)))
		}
	}
	mt, tm := mustMerge(t, b, m, th), mustMerge(t, b, th, m)
	if len(mt.Conflicts) != len(tm.Conflicts) {
		t.Fatalf("%d conflicts one way, %d the other", len(mt.Conflicts), len(tm.Conflicts))
	}
	if len(mt.Conflicts) == 0 && encode(mt.File) != encode(tm.File) {
		t.Fatalf("merge(B, M, T) and merge(B, T, M) differ without a conflict:\n%s\n%s", encode(mt.File), encode(tm.File))
	}
	// Every annotation on either side survives unless the other deleted it
	// and this one did not change it (one changed and changed back is not
	// changed); one added on both sides may be made one with its pair.
	gone := map[ID]bool{}
	for _, n := range mt.Notices {
		if n.Kind == Joined {
			gone[n.Other] = true
		}
	}
	byID := func(f File) map[ID]Annotation {
		out := map[ID]Annotation{}
		for _, a := range f.Annotations {
			out[a.ID] = a
		}
		return out
	}
	bb, mm, tt, merged := byID(b), byID(m), byID(th), byID(mt.File)
	for _, side := range []struct{ this, other map[ID]Annotation }{{mm, tt}, {tt, mm}} {
		for id, a := range side.this {
			was, inBase := bb[id]
			_, inOther := side.other[id]
			a.Modified, was.Modified = time.Time{}, time.Time{}
			deleted := inBase && !inOther && reflect.DeepEqual(a, was)
			if _, ok := merged[id]; ok == (deleted || gone[id]) {
				t.Fatalf("%s: in the merge %v, deleted by the other side %v, joined %v", id, ok, deleted, gone[id])
			}
		}
	}
}

// choices reads a fuzz input as a sequence of choices (0 when it runs out).
type choices struct {
	data []byte
	at   int
}

func (c *choices) next() int {
	if c.at >= len(c.data) {
		return 0
	}
	c.at++
	return int(c.data[c.at-1])
}

// spans are where random edits tag: a few places, so that both sides often
// tag the same one.
var spans = []string{"Lavrov", "Kerry", "Aleppo", "Iran", "Lakhdar Brahimi", "Wazne", "Damascus", "constructive"}

// randomEdits makes n edits of f chosen by r, with new ids from firstID.
func randomEdits(t *testing.T, f File, r *choices, n, firstID int) File {
	s := NewSet(anchor.NewText(f.Document.Text), f.Annotations)
	for i := range n {
		all := s.All()
		var target ID
		if len(all) > 0 {
			target = all[r.next()%len(all)].ID
		}
		when := later.Add(time.Duration(firstID+i) * time.Second)
		var e Edit
		var err error
		switch r.next() % 9 {
		case 0, 1:
			phrase := spans[r.next()%len(spans)]
			text := s.Text().String()
			start, end := mustSpan(t, text, phrase)
			var a Annotation
			a, err = s.New(Kinds[r.next()%3], start, end, Origin([]string{"human", "suggested"}[r.next()%2]), when)
			if err == nil {
				// Ids interleave between the sides, so that either may be the
				// smaller, and end in a digit of the side's own.
				a.ID, a.Creator = testID(100+(i*4+r.next()%4)*10+firstID/500), "alice"
				if a.Origin == Suggested {
					a.Confidence = 0.5
				}
				e, err = s.Add(a)
			}
		case 2:
			e, err = s.Remove(target, when)
		case 3:
			e, err = s.SetNote(target, []string{"", "a", "b"}[r.next()%3], when)
		case 4:
			e, err = s.SetKind(target, Kinds[r.next()%3], when)
		case 5:
			var src ID
			for _, a := range all {
				if a.Kind == Source && r.next()%2 == 0 {
					src = a.ID
				}
			}
			e, err = s.Link(target, src, when)
		case 6:
			e, err = s.SetName(target, []string{"", "X", "Y"}[r.next()%3], when)
		case 7:
			e, err = s.Accept([]ID{target}, "Accept", when)
		case 8:
			e, err = s.Unlink(target, when)
		}
		if err != nil {
			continue // an edit its target does not take: nothing done
		}
		if err := s.Apply(e); err != nil {
			t.Fatal(err)
		}
	}
	return NewFile(f.Document, slices.Clone(s.All()))
}

// lineDiff shows where two encoded files first differ.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d: got %s, want %s\n(got:\n%s)", i+1, g[i], w[i], strings.Join(g[max(0, i-12):min(len(g), i+12)], "\n"))
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(g), len(w))
}
