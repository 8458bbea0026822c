package editor

import (
	"strings"
	"testing"

	"github.com/newsroom/annotator/app/anchor"
)

func TestSnapSelection(t *testing.T) {
	text := `Lavrov said the talks had been "constructive," he said; it’s the organizers’ call – ‘Kerry’ «paix».`
	tx := anchor.NewText(text)
	span := func(s string) (int, int) {
		i := strings.Index(text, s)
		return anchor.CodePointLen(text[:i]), anchor.CodePointLen(text[:i]) + anchor.CodePointLen(s)
	}
	cases := []struct {
		sel, want string
	}{
		{`"constructive,"`, "constructive"},   // quotation marks and comma shed
		{` "constructive," `, "constructive"}, // and surrounding white space
		{"avrov sai", "Lavrov said"},          // partial words widen to whole words
		{"it’s", "it’s"},                      // an apostrophe inside a word stays
		{"organizers’", "organizers’"},        // and at a word's end
		{"‘Kerry’", "Kerry"},                  // single quotation marks are shed
		{"«paix»", "paix"},                    // and guillemets
		{"he said;", "he said"},               // clause punctuation is shed
		{"talks had been", "talks had been"},  // an exact selection is kept
	}
	for _, c := range cases {
		s, e := span(c.sel)
		gs, ge, ok := snapSelection(tx, s, e)
		if got := tx.Slice(gs, ge); !ok || got != c.want {
			t.Errorf("snap(%q) = %q (ok %v), want %q", c.sel, got, ok, c.want)
		}
	}
	// Nothing but punctuation and space: nothing to tag.
	s, e := span(`," `)
	if _, _, ok := snapSelection(tx, s, e); ok {
		t.Error("a selection of punctuation and space snapped to something")
	}
}
