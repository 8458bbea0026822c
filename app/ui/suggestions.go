package ui

import (
	"errors"
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/suggest"
)

// suggest adds the suggestion engine's proposals as one undoable edit. A
// proposal that overlaps an annotation of the same kind is left out, so
// suggestions never overwrite what is already tagged; a suggested quote whose
// speaker was left out for an existing source is linked to that source instead.
// A quote tagged by hand with no speaker gets the speaker proposed for it,
// when that is a new (suggested) source: rejecting the source unlinks it.
func (e *Editor) suggest(ctx app.Context) {
	start := time.Now()
	mark("annotator:suggest-start")
	proposed := suggest.Suggest(e.doc, suggest.Options{Now: time.Now().UTC()})
	mark("annotator:suggest-end")
	existing := e.set.All()
	replaced := map[annotation.ID]annotation.ID{}           // left-out source → the existing one it matches
	speakerFor := map[annotation.ID]annotation.Annotation{} // existing quote without a speaker → the proposed quote that has one
	var added []annotation.Annotation
	for _, p := range proposed {
		if other, ok := overlapping(existing, p); ok {
			switch {
			case p.Kind == annotation.Source:
				replaced[p.ID] = other.ID
			case p.Kind == annotation.Quote && other.Speaker == "" && p.Speaker != "":
				speakerFor[other.ID] = p
			}
			continue
		}
		added = append(added, p)
	}
	edit := annotation.Edit{Label: fmt.Sprintf("Suggest %d annotations", len(added))}
	proposedSource := map[annotation.ID]bool{}
	for i := range added {
		a := &added[i]
		if to, ok := replaced[a.Speaker]; ok {
			a.Speaker = to // the same person, tagged already: the engine's evidence holds
		}
		proposedSource[a.ID] = a.Kind == annotation.Source
		edit.Changes = append(edit.Changes, annotation.Change{After: a})
	}
	now := time.Now().UTC()
	for _, q := range existing {
		if p, ok := speakerFor[q.ID]; ok && proposedSource[p.Speaker] {
			after := q
			after.Modified = now
			after.SetSpeaker(p.Speaker)
			after.SpeakerConfidence, after.SpeakerReason = p.SpeakerConfidence, p.SpeakerReason
			edit.Changes = append(edit.Changes, annotation.Change{Before: &q, After: &after})
		}
	}
	if len(added) == 0 {
		e.info(fmt.Sprintf("No new suggestions (%d found, all overlapping what is tagged)", len(proposed)))
		return
	}
	if e.apply(edit, nil) {
		e.info(fmt.Sprintf("%d suggestions in %d ms: review them with j/k, accept with a or Enter, reject with x",
			len(added), time.Since(start).Milliseconds()))
		e.stepSuggestion(0)
	}
}

// overlapping returns an annotation of a's kind whose span overlaps a's.
func overlapping(anns []annotation.Annotation, a annotation.Annotation) (annotation.Annotation, bool) {
	for _, b := range anns {
		if b.Kind == a.Kind && b.Start < a.End && a.Start < b.End {
			return b, true
		}
	}
	return annotation.Annotation{}, false
}

// acceptSelected makes the selected suggestion (and a suggested speaker of it)
// the editor's own, then moves to the next suggestion.
func (e *Editor) acceptSelected() {
	a, ok := e.set.Get(e.selected)
	if !ok || a.Origin != annotation.Suggested {
		e.fail(errors.New("select a suggestion first (they have a dashed outline)"))
		return
	}
	if e.apply(e.acceptEdit([]annotation.Annotation{a}, "Accept suggestion")) {
		e.stepSuggestion(1)
	}
}

// acceptWithoutSpeaker makes the selected suggested quote the editor's own
// without the speaker proposed for it: the link is dropped, and the suggested
// source too when no other quote is linked to it. Then it moves on.
func (e *Editor) acceptWithoutSpeaker() {
	a, ok := e.set.Get(e.selected)
	if !ok || a.Origin != annotation.Suggested || a.Kind != annotation.Quote {
		e.fail(errors.New("select a suggested quote first (u accepts it without its speaker)"))
		return
	}
	now := time.Now().UTC()
	edit := annotation.Edit{Label: "Accept quote without its speaker"}
	after := a
	after.Origin, after.Confidence, after.Modified = annotation.Human, 0, now
	after.SetSpeaker("")
	edit.Changes = append(edit.Changes, annotation.Change{Before: &a, After: &after})
	if sp, ok := e.set.Get(a.Speaker); ok && a.Speaker != "" && sp.Origin == annotation.Suggested && !e.spokenElsewhere(sp.ID, a.ID) {
		edit.Changes = append(edit.Changes, annotation.Change{Before: &sp})
	}
	if e.apply(edit, nil) {
		e.stepSuggestion(1)
	}
}

// spokenElsewhere reports whether a quote other than except is linked to source.
func (e *Editor) spokenElsewhere(source, except annotation.ID) bool {
	for _, q := range e.set.All() {
		if q.Speaker == source && q.ID != except {
			return true
		}
	}
	return false
}

// rejectSelected removes the selected suggestion, then moves to the next one.
func (e *Editor) rejectSelected() {
	a, ok := e.set.Get(e.selected)
	if !ok || a.Origin != annotation.Suggested {
		e.fail(errors.New("select a suggestion first (they have a dashed outline)"))
		return
	}
	if e.apply(e.set.Remove(a.ID, time.Now().UTC())) {
		e.stepSuggestion(1)
	}
}

// acceptAbove accepts every suggestion at or above a confidence, in one edit.
func (e *Editor) acceptAbove(min float64) {
	var pick []annotation.Annotation
	for _, a := range e.set.All() {
		if a.Origin == annotation.Suggested && a.Confidence >= min {
			pick = append(pick, a)
		}
	}
	if len(pick) == 0 {
		e.info(fmt.Sprintf("No suggestions at %.0f%% or above", min*100))
		return
	}
	e.apply(e.acceptEdit(pick, fmt.Sprintf("Accept %d suggestions", len(pick))))
}

// rejectAll removes every suggestion, in one edit.
func (e *Editor) rejectAll() {
	edit := annotation.Edit{Label: "Reject all suggestions"}
	for _, a := range e.set.All() {
		if a.Origin == annotation.Suggested {
			edit.Changes = append(edit.Changes, annotation.Change{Before: &a})
		} else if a.Speaker != "" {
			if sp, ok := e.set.Get(a.Speaker); ok && sp.Origin == annotation.Suggested {
				after := a
				after.SetSpeaker("")
				after.Modified = time.Now().UTC()
				edit.Changes = append(edit.Changes, annotation.Change{Before: &a, After: &after})
			}
		}
	}
	e.apply(edit, nil)
}

// acceptEdit is the edit that accepts anns and the suggested speakers of the quotes among them.
func (e *Editor) acceptEdit(anns []annotation.Annotation, label string) (annotation.Edit, error) {
	now := time.Now().UTC()
	edit := annotation.Edit{Label: label}
	done := map[annotation.ID]bool{}
	accept := func(a annotation.Annotation) {
		if done[a.ID] || a.Origin != annotation.Suggested {
			return
		}
		done[a.ID] = true
		after := a
		after.Origin, after.Confidence, after.Modified = annotation.Human, 0, now
		edit.Changes = append(edit.Changes, annotation.Change{Before: &a, After: &after})
	}
	for _, a := range anns {
		accept(a)
		if sp, ok := e.set.Get(a.Speaker); ok && a.Speaker != "" {
			accept(sp)
		}
	}
	return edit, nil
}

// stepSuggestion selects the next suggestion from the selected one (dir 1), or
// the first one from the start (dir 0).
func (e *Editor) stepSuggestion(dir int) {
	all := e.set.All()
	from := 0
	if dir != 0 {
		for i, a := range all {
			if a.ID == e.selected {
				from = i + 1
			}
		}
	}
	for i := range all {
		a := all[(from+i)%len(all)]
		if a.Origin == annotation.Suggested {
			e.selectAnnotation(a.ID, true)
			return
		}
	}
	e.selectAnnotation("", false)
}

// suggestionCount counts the suggestions waiting for review.
func (e *Editor) suggestionCount() int {
	n := 0
	for _, a := range e.set.All() {
		if a.Origin == annotation.Suggested {
			n++
		}
	}
	return n
}

// renderSuggestions is the panel's review bar for pending suggestions.
func (e *Editor) renderSuggestions() app.UI {
	n := e.suggestionCount()
	if n == 0 {
		return app.Div().Class("suggestions").Body(
			button("Suggest", "Find quotes, speakers and photo credits — f", func(ctx app.Context, ev app.Event) { e.suggest(ctx) }).ID("suggest").Class("primary"),
		)
	}
	return app.Div().Class("suggestions").Body(
		app.H2().Text(fmt.Sprintf("Suggestions to review (%d)", n)),
		app.P().Class("hint").Text("j/k to step, a or Enter to accept (a quote with its speaker), u to accept a quote without its speaker, x to reject."),
		e.renderSuggestedSpeaker(),
		app.Div().Class("suggestion-actions").Body(
			app.Label().For("accept-min").Text("Accept all at or above"),
			app.Select().ID("accept-min").Body(
				app.Range([]string{"0.9", "0.8", "0.7", "0.5"}).Slice(func(i int) app.UI {
					v := []string{"0.9", "0.8", "0.7", "0.5"}[i]
					return app.Option().Value(v).Selected(v == "0.8").Text(v[2:] + "0%")
				}),
			),
			button("Accept", "Accept every suggestion at or above this confidence", func(ctx app.Context, ev app.Event) {
				var min float64
				fmt.Sscan(document().Call("getElementById", "accept-min").Get("value").String(), &min)
				e.acceptAbove(min)
			}).ID("accept-above"),
			button("Reject all", "Remove every suggestion", func(ctx app.Context, ev app.Event) { e.rejectAll() }).ID("reject-all").Class("danger"),
		),
	)
}

// renderSuggestedSpeaker says, for the selected suggested quote, who the
// engine thinks says it and how sure it is, so that a wrong attribution is
// seen before it is accepted.
func (e *Editor) renderSuggestedSpeaker() app.UI {
	q, ok := e.set.Get(e.selected)
	if !ok || q.Origin != annotation.Suggested || q.Kind != annotation.Quote {
		return nil
	}
	text := "No speaker suggested: link one with l, or accept the quote alone."
	if sp, ok := e.set.Get(q.Speaker); ok && q.Speaker != "" {
		state := "suggested"
		if sp.Origin == annotation.Human {
			state = "already tagged"
		}
		said := ""
		if sp.DisplayName() != sp.Exact {
			said = fmt.Sprintf(", as “%s”", excerpt(sp.Exact, 40))
		}
		text = fmt.Sprintf("Speaker: %s (%s source%s) · quote %.0f%% sure", sp.DisplayName(), state, said, q.Confidence*100)
		if q.SpeakerReason != "" {
			text = fmt.Sprintf("Speaker: %s (%s source%s) — %s, %.0f%% sure · quote %.0f%% sure",
				sp.DisplayName(), state, said, q.SpeakerReason, q.SpeakerConfidence*100, q.Confidence*100)
		}
	}
	return app.P().ID("suggested-speaker").Class("suggested-speaker").Attr("aria-live", "polite").Text(text)
}
