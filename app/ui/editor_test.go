//go:build !wasm

package ui

import (
	"fmt"
	"slices"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/article"
	"github.com/newsroom/annotator/app/editor"
	"github.com/newsroom/annotator/app/sample"
)

// The editor mounts in go-app's test engine, natively (as on the server, where
// it is prerendered): it starts on the sample article, with nothing tagged.
func TestEditorRendersInTestEngine(t *testing.T) {
	e := &Editor{}
	engine := app.NewTestEngine()
	if err := engine.Load(e); err != nil {
		t.Fatal(err)
	}
	engine.ConsumeAll()
	if e.st.Doc.Title != sample.Title || e.st.Set.Len() != 0 {
		t.Errorf("starts on %q with %d annotations, want the sample with none", e.st.Doc.Title, e.st.Set.Len())
	}
}

// The panel lists a window of annotations around the selected one, so that a
// long article's panel stays quick to update; "Show all" lists every one.
func TestVisibleItems(t *testing.T) {
	var items []annotation.Annotation
	for i := range 200 {
		items = append(items, annotation.Annotation{ID: annotation.ID(fmt.Sprint(i)), Kind: annotation.Quote})
	}
	e := &Editor{st: editor.New(annotation.File{}), expanded: map[annotation.Kind]bool{}}
	cases := []struct {
		selected  string
		wantFirst string
	}{
		{"", "0"},      // nothing selected: the first ones
		{"150", "120"}, // the selected one in the middle of the window
		{"199", "140"}, // near the end: the window ends at the last one
		{"3", "0"},     // near the start: the window starts at the first one
	}
	for _, c := range cases {
		e.st.Selected = annotation.ID(c.selected)
		shown, hidden := e.visibleItems(annotation.Quote, items)
		if len(shown) != panelWindow || hidden != 200-panelWindow || string(shown[0].ID) != c.wantFirst {
			t.Errorf("selected %q: %d shown from %s, %d hidden; want %d from %s", c.selected, len(shown), shown[0].ID, hidden, panelWindow, c.wantFirst)
		}
	}
	e.expanded[annotation.Quote] = true
	if shown, hidden := e.visibleItems(annotation.Quote, items); len(shown) != 200 || hidden != 0 {
		t.Errorf("expanded: %d shown, %d hidden", len(shown), hidden)
	}
}

// TestSampleBlocks: the sample's blocks kept for the app's start are those
// article.Structure finds.
func TestSampleBlocks(t *testing.T) {
	if got := article.Structure(sample.Text()); !slices.Equal(got, sampleBlocks) {
		t.Errorf("article.Structure gives the sample\n%v\nbut the app keeps\n%v", got, sampleBlocks)
	}
}
