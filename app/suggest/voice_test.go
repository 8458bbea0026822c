package suggest

import (
	"slices"
	"testing"
	"time"

	"github.com/newsroom/annotator/app/annotation"
)

// TestProposedVoices checks the voices proposed for the sources of quotes:
// the type, and the gender where a title, a role word, a first name or a
// resolved pronoun tells it, all marked as proposed.
func TestProposedVoices(t *testing.T) {
	for _, c := range []struct {
		text, source, typ, gender string
	}{
		{"“We will not comment on the talks,” a spokeswoman for the ministry said on Monday.", "a spokeswoman for the ministry", "anonymous", "woman"},
		{"“The deal is close,” officials said on Tuesday.", "officials", "anonymous", ""},
		{"The report found “a gap of four million pounds in the budget”.", "report", "document", ""},
		{"“We are on the sidelines,” said Mrs. Alvarez, who runs the shop.", "Mrs. Alvarez", "person", "woman"},
		{"“I will vote against it,” said Congresswoman Dana Pike.", "Congresswoman Dana Pike", "person", "woman"},
		{"“It was a long night,” said John Kerry.", "John Kerry", "person", "man"},
		{"Kemi Adeyemi said the vote had been close. “It was a long night,” she added.", "Kemi Adeyemi", "person", "woman"},
		{"“Profits will fall this year,” the Ministry of Finance said in a statement.", "the Ministry of Finance", "organisation", ""},
	} {
		doc := annotation.NewDocument("t", c.text, "")
		var got *annotation.Annotation
		anns := Suggest(doc, Options{Now: time.Unix(0, 0)})
		for i, a := range anns {
			if a.Kind == annotation.Source && a.Exact == c.source {
				got = &anns[i]
			}
		}
		if got == nil {
			t.Errorf("%q: no source %q in %v", c.text, c.source, sourcesOf(anns))
			continue
		}
		want := &annotation.Voice{Type: c.typ, Gender: c.gender, Proposed: []string{"type"}}
		if c.gender != "" {
			want.Proposed = append(want.Proposed, "gender")
		}
		if v := got.Voice; v == nil || v.Type != want.Type || v.Gender != want.Gender || v.Role != "" || !slices.Equal(v.Proposed, want.Proposed) {
			t.Errorf("%q: %q has voice %+v, want %+v", c.text, c.source, v, want)
		}
		if _, err := annotation.Decode(mustEncode(t, annotation.NewFile(doc, anns))); err != nil {
			t.Errorf("%q: the suggestions do not make a valid file: %v", c.text, err)
		}
	}
}

func sourcesOf(anns []annotation.Annotation) []string {
	var out []string
	for _, a := range anns {
		if a.Kind == annotation.Source {
			out = append(out, a.Exact)
		}
	}
	return out
}

func mustEncode(t *testing.T, f annotation.File) []byte {
	t.Helper()
	data, err := annotation.Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
