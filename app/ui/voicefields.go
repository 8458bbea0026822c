package ui

import (
	"fmt"
	"slices"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/newsroom/annotator/app/annotation"
)

// voiceFieldList names a voice's fields, their labels and values, in the
// order the panel shows them.
var voiceFieldList = []struct {
	name, label string
	values      []string
	get         func(*annotation.Voice) *string
}{
	{"type", "Type", annotation.VoiceTypes, func(v *annotation.Voice) *string { return &v.Type }},
	{"gender", "Gender", annotation.Genders, func(v *annotation.Voice) *string { return &v.Gender }},
	{"role", "Role", annotation.VoiceRoles, func(v *annotation.Voice) *string { return &v.Role }},
}

// renderVoiceFields are a source's voice in the panel: a select for each of
// its type, gender and role, set at once on every source of the same name
// (annotation.Set.SetVoice); a value the engine proposed is shown as such,
// with a button to confirm it.
func (e *Editor) renderVoiceFields(a annotation.Annotation) app.UI {
	cur := annotation.Voice{}
	if a.Voice != nil {
		cur = *a.Voice
	}
	mentions := 0
	key := annotation.NameKey(a.SourceName())
	for _, b := range e.st.Set.All() {
		if b.Kind == annotation.Source && annotation.NameKey(b.SourceName()) == key {
			mentions++
		}
	}
	legend := "Voice"
	if mentions > 1 {
		legend = fmt.Sprintf("Voice (for all %d mentions of %s)", mentions, a.SourceName())
	}
	// set sets field f to value, confirmed, leaving the other proposals as they are.
	set := func(f int, value string) {
		v := cur
		*voiceFieldList[f].get(&v) = value
		v.Proposed = slices.DeleteFunc(slices.Clone(cur.Proposed), func(p string) bool { return p == voiceFieldList[f].name })
		e.apply(e.st.Set.SetVoice(a.ID, v, time.Now().UTC()))
	}
	var fields []app.UI
	for f, field := range voiceFieldList {
		id := "voice-" + field.name + "-" + a.ID.UUID()
		value := *field.get(&cur)
		if value == "unknown" {
			value = ""
		}
		proposed := value != "" && slices.Contains(cur.Proposed, field.name)
		options := []app.UI{app.Option().Value("").Selected(value == "").Text("— unknown")}
		for _, v := range field.values {
			if v != "unknown" {
				options = append(options, app.Option().Value(v).Selected(v == value).Text(v))
			}
		}
		sel := app.Select().ID(id).Body(options...).OnChange(func(ctx app.Context, ev app.Event) {
			set(f, ctx.JSSrc().Get("value").String())
		})
		if proposed {
			sel = sel.Attr("aria-describedby", id+"-proposed")
		}
		fields = append(fields, app.Label().For(id).Text(field.label), sel)
		if proposed {
			fields = append(fields, app.P().ID(id+"-proposed").Class("hint voice-proposed").Body(
				app.Text("proposed: "+value+" — confirm? "),
				button("Confirm", fmt.Sprintf("Confirm %s as the %s", value, field.name), func(ctx app.Context, ev app.Event) { set(f, value) }).
					Class("voice-confirm"),
			))
		}
	}
	return el("fieldset").Class("voice-fields").Body(append([]app.UI{el("legend").Text(legend)}, fields...)...)
}
