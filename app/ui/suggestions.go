package ui

import (
	"errors"
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/editor"
)

// suggest asks the suggestion engine, which runs in the converter (its
// code and tables are not needed on every visit), for proposals, and adds them
// as one undoable edit (see annotation.Set.AddSuggestions: nothing tagged is
// overwritten).
func (e *Editor) suggest() {
	data, err := annotation.Encode(annotation.NewFile(e.st.Doc, []annotation.Annotation{}))
	if err != nil {
		e.fail(err)
		return
	}
	start, id := time.Now(), e.st.Doc.ID
	mark("annotator:suggest-start")
	e.info("Finding suggestions…")
	convert("suggest", "", data, "", func(out, _ string, err error) {
		e.ctx.Dispatch(func(ctx app.Context) {
			mark("annotator:suggest-end")
			var f annotation.File
			if err == nil {
				f, err = annotation.Decode([]byte(out))
			}
			switch {
			case err != nil:
				e.fail(fmt.Errorf("no suggestions: %w", err))
			case e.st.Doc.ID != id:
				e.fail(errors.New("the suggestions were dropped: another document was opened meanwhile"))
			default:
				e.addSuggestions(f.Annotations, time.Since(start))
			}
		})
	})
}

// addSuggestions adds the engine's proposals, found in took, and selects the first.
func (e *Editor) addSuggestions(proposed []annotation.Annotation, took time.Duration) {
	edit, added := e.st.Set.AddSuggestions(proposed, time.Now().UTC())
	if added == 0 {
		e.info(fmt.Sprintf("No new suggestions (%d found, all overlapping what is tagged)", len(proposed)))
		return
	}
	if e.apply(edit, nil) {
		e.info(fmt.Sprintf("%d suggestions in %d ms: review them with j/k, accept with a or Enter, reject with x",
			added, took.Milliseconds()))
		e.stepSuggestion(0)
	}
}

// acceptSelected makes the selected suggestion (and a suggested speaker of it)
// the editor's own, then moves to the next suggestion.
func (e *Editor) acceptSelected() {
	a, ok := e.st.Set.Get(e.st.Selected)
	if !ok || a.Origin != annotation.Suggested {
		e.fail(errors.New("select a suggestion first (they have a dashed outline)"))
		return
	}
	msg := fmt.Sprintf("Accepted the %s “%s”", annotation.KindLabel(a.Kind), editor.Excerpt(a.Exact, 40))
	if sp, ok := e.st.Set.Get(a.Speaker); ok && a.Kind == annotation.Quote {
		msg += ", said by " + sp.DisplayName()
		if sp.Origin == annotation.Suggested {
			msg += " (a suggested source, accepted with it: u accepts a quote without its speaker)"
		}
	} else if a.Kind == annotation.Quote {
		msg += ", with no speaker"
	}
	if e.apply(e.st.Set.Accept([]annotation.ID{a.ID}, "Accept suggestion", time.Now().UTC())) {
		e.stepSuggestion(1)
		e.info(msg)
	}
}

// acceptWithoutSpeaker makes the selected suggested quote the editor's own
// without the speaker proposed for it, then moves on.
func (e *Editor) acceptWithoutSpeaker() {
	a, ok := e.st.Set.Get(e.st.Selected)
	if !ok || a.Origin != annotation.Suggested || a.Kind != annotation.Quote {
		e.fail(errors.New("select a suggested quote first (u accepts it without its speaker)"))
		return
	}
	if e.apply(e.st.Set.AcceptWithoutSpeaker(a.ID, time.Now().UTC())) {
		e.stepSuggestion(1)
	}
}

// rejectSelected removes the selected suggestion, then moves to the next one.
func (e *Editor) rejectSelected() {
	a, ok := e.st.Set.Get(e.st.Selected)
	if !ok || a.Origin != annotation.Suggested {
		e.fail(errors.New("select a suggestion first (they have a dashed outline)"))
		return
	}
	if e.apply(e.st.Set.Remove(a.ID, time.Now().UTC())) {
		e.stepSuggestion(1)
	}
}

// acceptAbove accepts every suggestion at or above a confidence, in one edit.
func (e *Editor) acceptAbove(min float64) {
	edit, err := e.st.Set.AcceptAbove(min, time.Now().UTC())
	if err == nil && len(edit.Changes) == 0 {
		e.info(fmt.Sprintf("No suggestions at %.0f%% or above", min*100))
		return
	}
	e.apply(edit, err)
}

// rejectAll removes every suggestion, in one edit.
func (e *Editor) rejectAll() { e.apply(e.st.Set.RejectAll(time.Now().UTC()), nil) }

// stepSuggestion selects the next suggestion from the selected one (dir 1), or
// the first one from the start (dir 0).
func (e *Editor) stepSuggestion(dir int) {
	id := e.st.NextSuggestion(dir)
	e.selectAnnotation(id, id != "")
}

// renderSuggestions is the panel's review bar for pending suggestions.
func (e *Editor) renderSuggestions() app.UI {
	n := e.st.Set.Suggestions()
	if n == 0 {
		return app.Div().Class("suggestions").Body(
			button("Suggest", "Find quotes, speakers and photo credits — f", func(ctx app.Context, ev app.Event) { e.suggest() }).ID("suggest").Class("primary"),
		)
	}
	return app.Div().Class("suggestions").Body(
		app.H2().Text(fmt.Sprintf("Suggestions to review (%d)", n)),
		app.P().Class("hint").Text("j/k to step, a or Enter to accept (a quote with the speaker named below, lit in the article), u to accept a quote without its speaker, x to reject."),
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
	q, ok := e.st.Set.Get(e.st.Selected)
	if !ok || q.Origin != annotation.Suggested || q.Kind != annotation.Quote {
		return nil
	}
	text := "No speaker suggested: link one with l, or accept the quote alone."
	if sp, ok := e.st.Set.Get(q.Speaker); ok && q.Speaker != "" {
		state := "suggested"
		if sp.Origin == annotation.Human {
			state = "already tagged"
		}
		said := ""
		if sp.DisplayName() != sp.Exact {
			said = fmt.Sprintf(", as “%s”", editor.Excerpt(sp.Exact, 40))
		}
		text = fmt.Sprintf("Speaker: %s (%s source%s) · quote %.0f%% sure", sp.DisplayName(), state, said, q.Confidence*100)
		if q.SpeakerReason != "" {
			text = fmt.Sprintf("Speaker: %s (%s source%s) — %s, %.0f%% sure · quote %.0f%% sure",
				sp.DisplayName(), state, said, q.SpeakerReason, q.SpeakerConfidence*100, q.Confidence*100)
		}
	}
	return app.P().ID("suggested-speaker").Class("suggested-speaker").Attr("aria-live", "polite").Text(text)
}
