package annotation

import (
	"strings"
	"testing"

	"github.com/newsroom/annotator/app/anchor"
)

// Re-anchoring the sample's annotations on a revised article: text inserted
// before them moves them; a reworded quote is flagged as changed, never silently
// accepted; a deleted quote is orphaned.
func TestReanchorRevisedArticle(t *testing.T) {
	f := sampleFile(t)
	revised := strings.Replace(f.Document.Text, "International\n", "International\nUpdated 5:42 p.m. ET, with comment from the State Department\n", 1)
	revised = strings.Replace(revised, "Maybe a localized cease-fire in Aleppo", "Perhaps a localized cease-fire in Aleppo", 1)
	revised = strings.Replace(revised, "“on the sidelines”", "a minor part", 1)
	text := anchor.NewText(revised)
	want := map[ID]anchor.Status{
		testID(10): anchor.Changed,  // the quote was reworded: a misquote risk
		testID(11): anchor.Moved,    // the source mention is intact, further down
		testID(12): anchor.Moved,    // the credit is intact, further down
		testID(13): anchor.Orphaned, // the partial quote was deleted
	}
	for _, a := range f.Annotations {
		got, r := Reanchor(text, a)
		if r.Status != want[a.ID] {
			t.Errorf("%s %q: status %s, want %s", a.ID, a.Exact, r.Status, want[a.ID])
			continue
		}
		if r.Status == anchor.Orphaned {
			continue
		}
		if got.Exact != text.Slice(got.Start, got.End) {
			t.Errorf("%s: exact %q is not the text at its new offsets", a.ID, got.Exact)
		}
		if r.Status == anchor.Moved && got.Exact != a.Exact {
			t.Errorf("%s moved but its text changed: %q → %q", a.ID, a.Exact, got.Exact)
		}
	}
}

// TestReanchorAll: the whole file on a revised text, where the source of a
// linked quote was deleted: the quote keeps its place and loses the link, the
// report is keyed by the ids in the result, and the result is a valid file.
func TestReanchorAll(t *testing.T) {
	f := sampleFile(t)
	revised := strings.Replace(f.Document.Text, "International\n", "International\nUpdated 5:42 p.m. ET\n", 1)
	revised = strings.Replace(revised, " Kerry said at a press conference after the meeting.", " he said.", 1)
	p := ReanchorAll(anchor.NewText(revised), f.Annotations)
	if p.Counts[anchor.Orphaned] != 1 || len(p.Annotations) != len(f.Annotations)-1 {
		t.Fatalf("counts %v, %d placed: want the source orphaned and the rest placed", p.Counts, len(p.Annotations))
	}
	for _, a := range p.Annotations {
		if a.ID == testID(11) {
			t.Error("the deleted source was placed")
		}
		if a.ID == testID(10) && a.Speaker != "" {
			t.Errorf("the quote is still linked to the deleted source %s", a.Speaker)
		}
		if st, ok := p.Review[a.ID]; !ok || st != anchor.Moved {
			t.Errorf("%s: review %v, want moved", a.ID, st)
		}
	}
	doc := NewDocument(f.Document.Title, revised, "")
	if err := NewFile(doc, p.Annotations).Validate(); err != nil {
		t.Error(err)
	}
}
