package ui

import (
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/editor"
	"github.com/newsroom/annotator/app/voices"
)

// kindTitles name each kind's group in the panel.
var kindTitles = map[annotation.Kind]string{
	annotation.Quote:       "Quotes",
	annotation.Source:      "Sources",
	annotation.PhotoCredit: "Photo credits",
}

// renderPanel is the side panel: annotations grouped by kind in text order, the
// selected one open for editing, and the sources summary.
func (e *Editor) renderPanel() app.UI {
	all := e.st.Set.All()
	return app.Div().Class("panel").Attr("role", "complementary").Attr("aria-label", "Annotations").Body(
		e.renderDocumentMeta(),
		e.renderSuggestions(),
		app.Range(annotation.Kinds).Slice(func(i int) app.UI {
			kind := annotation.Kinds[i]
			var items []annotation.Annotation
			for _, a := range all {
				if a.Kind == kind {
					items = append(items, a)
				}
			}
			shown, hidden := e.visibleItems(kind, items)
			return app.Div().Class("group group-"+string(kind)).Body(
				app.H2().Body(
					app.Span().Class("swatch mark-"+string(kind)).Attr("aria-hidden", "true"),
					app.Text(fmt.Sprintf(" %s (%d)", kindTitles[kind], len(items))),
				),
				app.If(len(items) == 0, func() app.UI {
					return app.P().Class("empty").Text("None yet: select text and press " + string(kind[0]) + ".")
				}),
				app.Ul().Body(app.Range(shown).Slice(func(j int) app.UI { return e.renderItem(shown[j]) })),
				app.If(hidden > 0, func() app.UI {
					return button(fmt.Sprintf("Show all %d", len(items)), "List every "+annotation.KindLabel(kind), func(ctx app.Context, ev app.Event) {
						e.expanded[kind] = true
					}).Class("show-all")
				}),
			)
		}),
		e.renderSummary(),
	)
}

// panelWindow is how many annotations of a kind the panel lists around the
// selected one until the editor asks for all: a long list costs every update.
const panelWindow = 60

// visibleItems returns the items of a kind the panel lists, and how many it leaves out.
func (e *Editor) visibleItems(kind annotation.Kind, items []annotation.Annotation) ([]annotation.Annotation, int) {
	if len(items) <= panelWindow || e.expanded[kind] {
		return items, 0
	}
	from := 0
	for i, a := range items {
		if a.ID == e.st.Selected {
			from = max(0, min(i-panelWindow/2, len(items)-panelWindow))
		}
	}
	return items[from : from+panelWindow], len(items) - panelWindow
}

// renderItem is one annotation in the panel; the selected one shows its editor.
func (e *Editor) renderItem(a annotation.Annotation) app.UI {
	id := a.ID
	sel := a.ID == e.st.Selected
	label := editor.Excerpt(a.Exact, 90)
	var extra string
	switch {
	case a.Kind == annotation.Quote && a.Speaker != "":
		if s, ok := e.st.Set.Get(a.Speaker); ok {
			extra = "— " + s.DisplayName()
		}
	case a.Kind == annotation.Quote:
		extra = "no speaker"
	case a.Kind == annotation.Source && a.Name != "":
		extra = "as " + a.Name
	}
	cls := "item"
	if sel {
		cls += " selected"
	}
	if st, ok := e.st.Review[a.ID]; ok {
		cls += " review-" + string(st)
	}
	return app.Li().Class(cls).Body(
		app.Button().Type("button").Class("item-button").
			Attr("aria-expanded", sel).
			Attr("aria-current", sel).
			Attr("data-id", string(id)).
			OnClick(func(ctx app.Context, ev app.Event) {
				if e.st.Linking {
					if c := e.st.LinkChoices(len(e.st.Set.All())); slices.ContainsFunc(c, func(c annotation.Annotation) bool { return c.ID == id }) {
						e.link(a)
						return
					}
				}
				e.selectAnnotation(id, true)
			}).
			Body(
				app.Span().Class("item-text").Text(label),
				app.If(extra != "", func() app.UI { return app.Span().Class("item-extra").Text(extra) }),
				app.If(a.Creator != "", func() app.UI { return app.Span().Class("item-creator").Text("by " + a.Creator) }),
				app.If(e.st.Review[a.ID] == anchor.Changed, func() app.UI {
					return app.Span().Class("badge warn").Text("wording changed: check")
				}),
				app.If(e.st.Review[a.ID] == anchor.Moved, func() app.UI { return app.Span().Class("badge").Text("moved") }),
				app.If(len(e.conflictsOf(a.ID)) > 0, func() app.UI {
					return app.Span().Class("badge warn").Text("changed by both: choose")
				}),
				app.If(a.Origin == annotation.Suggested, func() app.UI {
					return app.Span().Class("badge").Text(fmt.Sprintf("suggested %.0f%%", a.Confidence*100))
				}),
			),
		app.If(sel, func() app.UI { return e.renderDetails(a) }),
	)
}

// renderDetails edits the selected annotation.
func (e *Editor) renderDetails(a annotation.Annotation) app.UI {
	id := a.ID
	now := func() time.Time { return time.Now().UTC() }
	fieldID := func(name string) string { return name + "-" + a.ID.UUID() }
	conflicts := e.conflictsOf(id)
	return app.Div().Class("details").Body(
		app.Range(conflicts).Slice(func(i int) app.UI {
			c := conflicts[i]
			return app.Div().Class("merge-conflict").Attr("role", "group").Attr("aria-label", "Changed by both").Body(
				app.P().Text(fmt.Sprintf("Both copies changed the %s. Kept the server's: %s. Yours: %s.",
					c.Group, e.conflictValue(c.Group, c.Theirs), e.conflictValue(c.Group, c.Mine))),
				button("Use mine", "Put your value back", func(ctx app.Context, ev app.Event) { e.settleConflict(c, true) }).Class("use-mine"),
				button("Keep the server's", "Keep the value the merge kept", func(ctx app.Context, ev app.Event) { e.settleConflict(c, false) }).Class("keep-theirs"),
			)
		}),
		app.Label().For(fieldID("kind")).Text("Kind"),
		app.Select().ID(fieldID("kind")).OnChange(func(ctx app.Context, ev app.Event) {
			e.apply(e.st.Set.SetKind(id, annotation.Kind(ctx.JSSrc().Get("value").String()), now()))
		}).Body(app.Range(annotation.Kinds).Slice(func(i int) app.UI {
			k := annotation.Kinds[i]
			return app.Option().Value(string(k)).Selected(k == a.Kind).Text(kindTitles[k][:len(kindTitles[k])-1])
		})),
		app.If(a.Kind == annotation.Quote, func() app.UI { return e.renderSpeakerField(a, fieldID("speaker")) }),
		app.If(a.Kind == annotation.Source, func() app.UI {
			return app.Div().Body(
				app.Label().For(fieldID("name")).Text("Name"),
				app.Input().ID(fieldID("name")).Type("text").Value(a.DisplayName()).
					OnChange(func(ctx app.Context, ev app.Event) {
						e.apply(e.st.Set.SetName(id, ctx.JSSrc().Get("value").String(), now()))
					}),
				e.renderVoiceFields(a),
			)
		}),
		app.If(a.Kind == annotation.PhotoCredit && a.Credit != nil, func() app.UI {
			// creditField edits one list of the credit: the creators or the agencies.
			creditField := func(name, label string, list func(*annotation.Credit) *[]string) []app.UI {
				return []app.UI{
					app.Label().For(fieldID(name)).Text(label + " (separate with ;)"),
					app.Input().ID(fieldID(name)).Type("text").Value(strings.Join(*list(a.Credit), "; ")).
						OnChange(func(ctx app.Context, ev app.Event) {
							c := *a.Credit
							*list(&c) = splitList(ctx.JSSrc().Get("value").String())
							e.apply(e.st.Set.SetCredit(id, c, now()))
						}),
				}
			}
			return app.Div().Body(append(
				creditField("creators", "Creators", func(c *annotation.Credit) *[]string { return &c.Creators }),
				creditField("agencies", "Agencies", func(c *annotation.Credit) *[]string { return &c.Agencies })...)...)
		}),
		app.Label().For(fieldID("note")).Text("Note"),
		app.Textarea().ID(fieldID("note")).Text(a.Note).Attr("rows", 2).
			OnChange(func(ctx app.Context, ev app.Event) {
				e.apply(e.st.Set.SetNote(id, ctx.JSSrc().Get("value").String(), now()))
			}),
		app.Div().Class("details-actions").Body(
			button("Delete", "Delete this annotation — Delete", func(ctx app.Context, ev app.Event) {
				e.apply(e.st.Set.Remove(id, now()))
			}).Class("danger"),
		),
	)
}

// refreshFields writes the selected annotation's values into its fields, which
// go-app leaves as the editor typed them: after an undo, the box shows the
// note as it is now.
func (e *Editor) refreshFields() {
	a, ok := e.st.Set.Get(e.st.Selected)
	if !ok {
		return
	}
	values := map[string]string{"note": a.Note, "name": a.DisplayName()}
	if v := a.Voice; v != nil {
		values["voice-type"], values["voice-gender"], values["voice-role"] = v.Type, v.Gender, v.Role
	} else {
		values["voice-type"], values["voice-gender"], values["voice-role"] = "", "", ""
	}
	if a.Credit != nil {
		values["creators"] = strings.Join(a.Credit.Creators, "; ")
		values["agencies"] = strings.Join(a.Credit.Agencies, "; ")
	}
	for name, v := range values {
		if v == "unknown" {
			v = "" // the voice selects show unknown as ""
		}
		if el := document().Call("getElementById", name+"-"+a.ID.UUID()); el.Truthy() {
			el.Set("value", v)
		}
	}
}

// renderSpeakerField chooses a quote's speaker among the article's sources.
func (e *Editor) renderSpeakerField(a annotation.Annotation, fieldID string) app.UI {
	var sources []annotation.Annotation
	for _, s := range e.st.Set.All() {
		if s.Kind == annotation.Source {
			sources = append(sources, s)
		}
	}
	id := a.ID
	return app.Div().Body(
		app.Label().For(fieldID).Text("Speaker"),
		app.Select().ID(fieldID).OnChange(func(ctx app.Context, ev app.Event) {
			v := annotation.ID(ctx.JSSrc().Get("value").String())
			if v == "" {
				e.apply(e.st.Set.Unlink(id, time.Now().UTC()))
				return
			}
			e.apply(e.st.Set.Link(id, v, time.Now().UTC()))
		}).Body(
			app.Option().Value("").Selected(a.Speaker == "").Text("— none —"),
			app.Range(sources).Slice(func(i int) app.UI {
				s := sources[i]
				label := s.DisplayName()
				if s.Name != "" && s.Name != s.Exact {
					label += " (“" + editor.Excerpt(s.Exact, 30) + "”)"
				}
				return app.Option().Value(string(s.ID)).Selected(s.ID == a.Speaker).Text(label)
			}),
		),
		app.P().Class("hint").Text("Or press l, then click the source in the article."),
	)
}

// renderSummary is the article's Voices: each source's quotes and words, and
// what is confirmed of it (type, gender, role), counted as the newsroom's
// Voices report counts them (app/voices), most quoted first.
func (e *Editor) renderSummary() app.UI {
	rows := summaryRows(e.st.Set.All())
	return app.Div().Class("summary").Body(
		app.H2().Body(app.Text("Voices "), app.A().Href("/voices").Class("voices-link").Text("across articles →")),
		app.If(len(rows) == 0, func() app.UI {
			return app.P().Class("empty").Text("Tag sources and link quotes (or accept suggestions) to see who is quoted, and how much.")
		}).Else(func() app.UI {
			return app.Ul().Class("voices").Body(
				app.Li().Class("voices-head").Attr("aria-hidden", "true").Body(
					app.Span().Text("Source"), app.Span().Class("num").Text("Quotes"), app.Span().Class("num").Text("Words"),
				),
				app.Range(rows).Slice(func(i int) app.UI {
					r := rows[i]
					about := strings.Join(slices.Concat(r.Types, r.Genders, r.Roles), " · ")
					label := fmt.Sprintf("%s: %s, %s", r.Name, plural(r.Quotes, "quote"), plural(r.Words, "word"))
					if about != "" {
						label += " (" + about + ")"
					}
					return app.Li().Attr("aria-label", label).Body(
						app.Span().Class("voice").Body(
							app.Text(r.Name),
							app.If(about != "", func() app.UI { return app.Span().Class("voice-about").Text(about) }),
						),
						app.Span().Class("num").Text(r.Quotes),
						app.Span().Class("num").Text(r.Words),
					)
				}),
			)
		}),
	)
}

// summaryRows are the article's sources as the Voices report counts them, most quoted first.
func summaryRows(anns []annotation.Annotation) []voices.Use {
	rows := voices.Sources(anns)
	slices.SortStableFunc(rows, func(a, b voices.Use) int {
		return cmp.Or(cmp.Compare(b.Quotes, a.Quotes), cmp.Compare(b.Words, a.Words))
	})
	return rows
}

// splitList splits a ;-separated list, dropping empty items.
func splitList(s string) []string {
	out := []string{}
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// renderDocumentMeta shows what the article's page said about it: its site,
// byline, publication date and address, where it gave them.
func (e *Editor) renderDocumentMeta() app.UI {
	d := e.st.Doc
	var parts []string
	for _, p := range []string{d.Site, d.Byline} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if !d.Published.IsZero() {
		parts = append(parts, d.Published.Format("2 January 2006"))
	}
	if len(parts) == 0 && d.URL == "" {
		return nil
	}
	return app.P().ID("doc-meta").Class("doc-meta").Body(
		app.Text(strings.Join(parts, " · ")),
		app.If(d.URL != "", func() app.UI {
			host := d.URL
			if u, err := url.Parse(d.URL); err == nil {
				host = u.Host
			}
			return app.A().Href(d.URL).Target("_blank").Attr("rel", "noopener noreferrer").Title("The article's page: " + d.URL).Text(host)
		}),
	)
}
