package ui

import (
	"cmp"
	"fmt"
	"html"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
	"github.com/newsroom/annotator/app/docsync"
	"github.com/newsroom/annotator/app/voices"
)

// VoicesPage is the page at /voices: whom the articles quote, how often and
// how balanced, from the server's documents when it answers, or from those
// kept in this browser (computed here with the server's own code, app/voices).
type VoicesPage struct {
	app.Compo

	sync  *docsync.Sync
	local []voices.Contribution // the documents kept in this browser
	kept  map[annotation.ID]bool
	note  string // what could not be read in this browser

	useServer bool              // the server's report is shown
	chosen    bool              // the editor chose where from
	server    *api.VoicesReport // its last report, for serverFor
	serverFor voices.Range      // the range it covers
	serverErr string            // why there is none
	asking    bool              // a request is on its way
	from, to  string            // the dates the editor entered
	rangeErr  string            // why they are not a range
	query     string            // the text filter
	sortBy    string            // a column of voiceColumns
	sortUp    bool              // ascending
	open      map[string]bool   // the rows unfolded, by name key
	status    string            // the last message
	ctx       app.Context       // the page's context
	report    api.VoicesReport  // what is shown, made by refresh
	titles    map[annotation.ID]api.VoicesArticle
}

// voiceColumn is a column of the sources table: its key, heading and
// whether it holds counts.
type voiceColumn struct {
	key, label string
	number     bool
}

// voiceColumns are the sources table's columns.
var voiceColumns = []voiceColumn{{"name", "Source", false}, {"type", "Type", false}, {"gender", "Gender", false}, {"role", "Role", false},
	{"quotes", "Quotes", true}, {"words", "Words", true}, {"articles", "Articles", true}}

// OnMount reads the documents kept in this browser and asks the server.
func (p *VoicesPage) OnMount(ctx app.Context) {
	p.ctx = ctx
	p.sync = docsync.New(localStorage{}, browserFetch{})
	p.open = map[string]bool{}
	p.sortBy, p.sortUp = "quotes", false
	p.readLocal()
	p.askServer()
	document().Get("body").Call("setAttribute", "data-ready", "true")
}

// readLocal reads the documents kept in this browser into their
// contributions, timing it for the benchmark (the measure "voices:local").
func (p *VoicesPage) readLocal() {
	mark("voices:local:start")
	cs, err := p.sync.Contributions()
	p.local, p.note = cs, ""
	if err != nil {
		p.note = err.Error()
	}
	p.kept = make(map[annotation.ID]bool, len(cs))
	for _, c := range cs {
		p.kept[c.ID] = true
	}
	p.refresh()
	mark("voices:local:end")
	if app.IsClient {
		app.Window().Get("performance").Call("measure", "voices:local", "voices:local:start", "voices:local:end")
	}
}

// askServer asks the server for its report over the range entered; until it
// answers, or when it cannot, this browser's documents are shown.
func (p *VoicesPage) askServer() {
	r, err := voices.ParseRange(p.from, p.to)
	if err != nil {
		return
	}
	p.asking = true
	p.sync.Voices(r, func(rep api.VoicesReport, err error) {
		p.ctx.Dispatch(func(app.Context) {
			p.asking = false
			if err != nil {
				p.server, p.serverErr = nil, err.Error()
				if !p.chosen {
					p.useServer = false
				}
			} else {
				p.server, p.serverFor, p.serverErr = &rep, r, ""
				if !p.chosen { // the server when it has articles, else this browser
					p.useServer = rep.Documents > 0 || len(p.local) == 0
				}
			}
			p.refresh()
		})
	})
}

// refresh makes the report shown from the choices made.
func (p *VoicesPage) refresh() {
	r, err := voices.ParseRange(p.from, p.to)
	p.rangeErr = ""
	if err != nil {
		p.rangeErr = err.Error()
		return
	}
	if p.useServer && p.server != nil && p.serverFor == r {
		p.report = *p.server
	} else {
		p.report = voices.Combine(p.local, r)
	}
	p.titles = make(map[annotation.ID]api.VoicesArticle, len(p.report.Articles))
	for _, a := range p.report.Articles {
		p.titles[a.ID] = a
	}
}

// showingServer reports whether the table shows the server's report.
func (p *VoicesPage) showingServer() bool {
	r, _ := voices.ParseRange(p.from, p.to)
	return p.useServer && p.server != nil && p.serverFor == r
}

// Render draws the page.
func (p *VoicesPage) Render() app.UI {
	rows := sortVoiceRows(filterVoiceRows(p.report.Sources, p.query), p.sortBy, p.sortUp)
	return app.Div().Class("voices-page").Body(
		el("header").Class("topbar vp-top").Body(
			app.A().Class("brand").Href("/").Text("Annotator"),
			app.H1().Class("doc-title").Text("Voices across articles"),
			app.A().Class("vp-back").Href("/").Text("← Back to the editor"),
		),
		app.Main().Class("vp-main").Body(
			p.renderControls(),
			p.renderWhere(),
			p.renderSummary(),
			p.renderWeeks(),
			p.renderSources(rows),
		),
	)
}

// renderControls are where the documents come from, the dates and the filter.
func (p *VoicesPage) renderControls() app.UI {
	choice := func(id, label string, server bool) app.UI {
		return app.Label().For(id).Class("vp-choice").Body(
			app.Input().Type("radio").ID(id).Name("vp-where").Checked(p.useServer == server).
				OnChange(func(ctx app.Context, ev app.Event) {
					p.useServer, p.chosen = server, true
					if server && !p.showingServer() {
						p.askServer()
					}
					p.refresh()
				}),
			app.Text(label),
		)
	}
	date := func(id, label string, value *string) app.UI {
		return app.Div().Class("vp-field").Body(
			app.Label().For(id).Text(label),
			app.Input().Type("date").ID(id).Value(*value).OnChange(func(ctx app.Context, ev app.Event) {
				*value = ctx.JSSrc().Get("value").String()
				p.refresh()
				if p.useServer && p.rangeErr == "" {
					p.askServer()
				}
			}),
		)
	}
	return el("section").Class("vp-controls").Attr("aria-label", "What the report covers").Body(
		el("fieldset").Class("vp-where").Body(
			el("legend").Text("Articles"),
			choice("vp-server", "On the server", true),
			choice("vp-browser", "In this browser", false),
		),
		date("vp-from", "From", &p.from),
		date("vp-to", "To", &p.to),
		app.Div().Class("vp-field vp-find").Body(
			app.Label().For("vp-find").Text("Find a source"),
			app.Input().Type("search").ID("vp-find").Value(p.query).Attr("placeholder", "name, role…").
				OnInput(func(ctx app.Context, ev app.Event) { p.query = ctx.JSSrc().Get("value").String() }),
		),
		app.Div().Class("vp-buttons").Body(
			app.Button().Type("button").ID("vp-refresh").Text("Refresh").Title("Read the documents again").
				OnClick(func(ctx app.Context, ev app.Event) {
					p.readLocal()
					p.askServer()
				}),
		),
	)
}

// renderWhere says which documents are shown, and why.
func (p *VoicesPage) renderWhere() app.UI {
	span := "all dates"
	switch {
	case p.from != "" && p.to != "":
		span = "from " + p.from + " to " + p.to
	case p.from != "":
		span = "from " + p.from
	case p.to != "":
		span = "up to " + p.to
	}
	var msg string
	switch {
	case p.rangeErr != "":
		msg = "The dates are not a range: " + p.rangeErr
	case p.showingServer():
		msg = fmt.Sprintf("Showing the server's %s, %s.", plural(p.report.Documents, "article"), span)
	default:
		msg = fmt.Sprintf("Showing the %s kept in this browser, %s.", plural(p.report.Documents, "article"), span)
		switch {
		case p.asking:
			msg += " Asking the server…"
		case p.useServer && p.serverErr != "":
			msg += " The server's report cannot be shown: " + p.serverErr + "."
		case p.serverErr != "":
			msg += " (The server's report is not available: " + p.serverErr + ".)"
		}
	}
	if p.status != "" {
		msg += " " + p.status
	}
	var note app.UI
	if p.note != "" {
		note = app.P().Class("vp-warn").Text(p.note)
	}
	return app.Div().Body(
		app.P().ID("vp-where").Class("vp-where-text").Attr("role", "status").Text(msg),
		note,
	)
}

// renderSummary gives the report's totals.
func (p *VoicesPage) renderSummary() app.UI {
	rep := p.report
	known := rep.People.Woman + rep.People.Man + rep.People.Nonbinary
	anon := 0
	for _, r := range rep.Sources {
		if r.Type == "anonymous" {
			anon++
		}
	}
	figure := func(id, value, label, detail string) app.UI {
		return app.Div().Class("vp-figure").ID(id).Body(
			app.Span().Class("vp-figure-value").Text(value),
			app.Span().Class("vp-figure-label").Text(label),
			app.Span().Class("vp-figure-detail").Text(detail),
		)
	}
	return el("section").Class("vp-summary").Attr("aria-label", "Totals").Body(
		figure("vp-articles", strconv.Itoa(rep.Documents), "articles", plural(len(rep.Sources), "source")),
		figure("vp-women", share(rep.People.Woman, known), "women among people quoted",
			fmt.Sprintf("%d of %d whose gender is known; %d unknown", rep.People.Woman, known, rep.People.Unknown)),
		figure("vp-anonymous", share(anon, len(rep.Sources)), "anonymous sources",
			fmt.Sprintf("%d of %s", anon, plural(len(rep.Sources), "source"))),
	)
}

// renderWeeks draws the shares per week as a chart, with its figures as a table.
func (p *VoicesPage) renderWeeks() app.UI {
	weeks := p.report.Weeks
	head := app.H2().ID("vp-weeks-title").Text("Women quoted and anonymous sources, by week")
	if len(weeks) == 0 {
		return el("section").Class("vp-weeks").Body(head, app.P().Class("hint").Text("No dated articles in the range."))
	}
	wide, narrow := layoutChart(weeks, chartWidth, 8), layoutChart(weeks, chartNarrowWidth, 4)
	legend := func(class, label string) app.UI {
		return app.Li().Body(app.Span().Class("vp-key "+class).Attr("aria-hidden", "true"), app.Text(label))
	}
	var figures []app.UI
	for _, w := range weeks {
		figures = append(figures, el("tr").Body(
			el("th").Attr("scope", "row").Text(w.Week+" ("+shortDate(w.Start)+")"),
			el("td").Class("num").Text(w.Documents),
			el("td").Text(weekShare(w.WomenShare, w.People.Woman, w.People.Woman+w.People.Man+w.People.Nonbinary)),
			el("td").Text(weekShare(w.AnonymousShare, w.Anonymous, w.Sources)),
		))
	}
	return el("section").Class("vp-weeks").Attr("aria-labelledby", "vp-weeks-title").Body(
		head,
		app.Ul().Class("vp-legend").Body(
			legend("vp-women", "Women among people quoted whose gender is known"),
			legend("vp-anonymous", "Anonymous sources among all sources quoted"),
		),
		el("figure").Class("vp-chart").Body(
			drawChart(wide, "vp-chart", "vp-wide"),
			drawChart(narrow, "vp-chart-narrow", "vp-narrow"),
			el("figcaption").ID("vp-chart-caption").Text(wide.caption),
		),
		el("details").Class("vp-figures").Body(
			el("summary").Text("The chart's figures, week by week"),
			app.Div().Class("vp-scroll").Attr("role", "region").Attr("aria-label", "Figures by week").Attr("tabindex", "0").Body(
				el("table").ID("vp-week-table").Body(
					el("caption").Text("Share of women among people quoted, and of anonymous sources, per ISO week (a source counts once in each article)"),
					el("thead").Body(el("tr").Body(
						el("th").Attr("scope", "col").Text("Week"), el("th").Attr("scope", "col").Text("Articles"),
						el("th").Attr("scope", "col").Text("Women"), el("th").Attr("scope", "col").Text("Anonymous"),
					)),
					el("tbody").Body(figures...),
				),
			),
		),
	)
}

// drawChart draws c as an SVG image labelled by the figure's caption; class
// says at which widths it shows (the page has a wide and a narrow layout).
// It is written as markup, every text escaped: far less code in app.wasm
// than an element built for each line and point.
func drawChart(c chart, id, class string) app.UI {
	var b strings.Builder
	num := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" id="%s" class="%s" viewBox="0 0 %d %d" role="img" aria-labelledby="vp-chart-caption">`,
		id, class, c.width, chartHeight)
	for _, t := range c.yTicks {
		y := num(t.pos)
		fmt.Fprintf(&b, `<line class="vp-grid" x1="%d" x2="%d" y1="%s" y2="%s"/><text class="vp-axis" x="%d" y="%s" text-anchor="end">%s</text>`,
			chartLeft, c.width-chartRight, y, y, chartLeft-6, num(t.pos+4), html.EscapeString(t.label))
	}
	for _, t := range c.xTicks {
		fmt.Fprintf(&b, `<text class="vp-axis" x="%s" y="%d" text-anchor="middle">%s</text>`, num(t.pos), chartHeight-chartBottom+18, html.EscapeString(t.label))
	}
	for _, s := range c.series {
		fmt.Fprintf(&b, `<path class="vp-line %s" d="%s"/>`, s.class, s.path)
		for _, pt := range s.points {
			if s.class == "vp-women" {
				fmt.Fprintf(&b, `<circle class="vp-mark %s" cx="%s" cy="%s" r="4">`, s.class, num(pt.x), num(pt.y))
			} else {
				fmt.Fprintf(&b, `<rect class="vp-mark %s" x="%s" y="%s" width="8" height="8">`, s.class, num(pt.x-4), num(pt.y-4))
			}
			fmt.Fprintf(&b, `<title>%s</title>`, html.EscapeString(pt.label))
			if s.class == "vp-women" {
				b.WriteString(`</circle>`)
			} else {
				b.WriteString(`</rect>`)
			}
		}
	}
	b.WriteString(`</svg>`)
	return app.Raw(b.String())
}

// renderSources is the table of sources.
func (p *VoicesPage) renderSources(rows []api.VoiceRow) app.UI {
	var head []app.UI
	for _, col := range voiceColumns {
		th := el("th").Attr("scope", "col")
		if col.number {
			th = th.Class("num")
		}
		arrow := ""
		if p.sortBy == col.key {
			dir := "descending"
			arrow = " ▼"
			if p.sortUp {
				dir, arrow = "ascending", " ▲"
			}
			th = th.Attr("aria-sort", dir)
		}
		key, number := col.key, col.number
		head = append(head, th.Body(app.Button().Type("button").Class("vp-sort").ID("vp-sort-"+key).
			Body(app.Text(col.label), app.Span().Attr("aria-hidden", "true").Text(arrow)).
			OnClick(func(ctx app.Context, ev app.Event) {
				if p.sortBy == key {
					p.sortUp = !p.sortUp
				} else { // names and fields A to Z first, counts most first
					p.sortBy, p.sortUp = key, !number
				}
			})))
	}
	var body []app.UI
	for _, r := range rows {
		body = append(body, p.renderRow(r)...)
	}
	if len(rows) == 0 {
		msg := "No source in these articles yet: tag sources in the editor and link their quotes."
		if p.query != "" {
			msg = "No source matches “" + p.query + "”."
		}
		body = append(body, el("tr").Body(el("td").Attr("colspan", len(voiceColumns)).Class("hint").Text(msg)))
	}
	return el("section").Class("vp-sources").Attr("aria-labelledby", "vp-sources-title").Body(
		app.H2().ID("vp-sources-title").Text("Sources"),
		app.P().ID("vp-count").Class("hint").Text(fmt.Sprintf("%d of %s shown. Choose a source to see the articles that quote it.", len(rows), plural(len(p.report.Sources), "source"))),
		app.Div().Class("vp-scroll").Attr("role", "region").Attr("aria-label", "Sources table").Attr("tabindex", "0").Body(
			el("table").ID("vp-table").Body(
				el("thead").Body(el("tr").Body(head...)),
				el("tbody").Body(body...),
			),
		),
	)
}

// renderRow is a source's line of the table and, unfolded, its articles.
func (p *VoicesPage) renderRow(r api.VoiceRow) []app.UI {
	key := annotation.NameKey(r.Name)
	open := p.open[key]
	caret := "▸"
	if open {
		caret = "▾"
	}
	listID := "vp-arts-" + strconv.Itoa(len(key)) + "-" + strings.Map(func(c rune) rune {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			return c
		}
		return '-'
	}, key)
	var conflicts []app.UI
	for _, c := range r.Conflicts {
		conflicts = append(conflicts, app.Span().Class("badge warn vp-conflict").Text(conflictText(c)))
	}
	// cell is column col's cell; its heading is kept on it for the narrow
	// layout, where each row is a card.
	cell := func(col int, v any) app.UI {
		td := el("td").DataSet("label", voiceColumns[col].label)
		switch {
		case voiceColumns[col].number:
			return td.Class("num").Text(v)
		case v == "":
			return td.Class("vp-unknown").Body(app.Span().Attr("aria-hidden", "true").Text("—"), app.Span().Class("visually-hidden").Text("unknown"))
		}
		return td.Text(v)
	}
	line := el("tr").Class("vp-row").DataSet("name", r.Name).Body(
		el("th").Attr("scope", "row").Body(
			app.Button().Type("button").Class("vp-open").Attr("aria-expanded", open).Attr("aria-controls", listID).
				Body(app.Span().Attr("aria-hidden", "true").Class("vp-caret").Text(caret), app.Text(r.Name)).
				OnClick(func(ctx app.Context, ev app.Event) { p.open[key] = !open }),
			app.Span().Class("vp-conflicts").Body(conflicts...),
		),
		cell(1, r.Type), cell(2, r.Gender), cell(3, r.Role), cell(4, r.Quotes), cell(5, r.Words), cell(6, r.Documents),
	)
	if !open {
		return []app.UI{line}
	}
	var items []app.UI
	for _, id := range r.Articles {
		a := p.titles[id]
		title := cmp.Or(a.Title, "(untitled)")
		var link app.UI
		if p.kept[id] {
			link = app.A().Href("/").Text(title).Title("Open it in the editor").
				OnClick(func(ctx app.Context, ev app.Event) {
					if err := p.sync.SetCurrent(id); err != nil {
						p.status = "It cannot be opened: " + err.Error()
					}
				})
		} else {
			link = app.Button().Type("button").Class("vp-link").Text(title).Title("Open it from the server in the editor").
				OnClick(func(ctx app.Context, ev app.Event) { p.openFromServer(id, title) })
		}
		items = append(items, app.Li().Body(link, app.Text(" "), app.Span().Class("vp-date").Text(cmp.Or(shortDate(a.Date), "undated"))))
	}
	return []app.UI{line, el("tr").Class("vp-articles").Body(
		el("td").Attr("colspan", len(voiceColumns)).Body(app.Ul().ID(listID).Attr("aria-label", "Articles quoting "+r.Name).Body(items...)),
	)}
}

// openFromServer keeps the server's document id in this browser and opens it in the editor.
func (p *VoicesPage) openFromServer(id annotation.ID, title string) {
	p.status = "Opening “" + title + "”…"
	p.sync.Open(id, time.Now().UTC(), func(_ annotation.File, err error) {
		p.ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				p.status = fmt.Sprintf("“%s” could not be opened: %v", title, err)
				return
			}
			ctx.Navigate("/")
		})
	})
}

// filterVoiceRows keeps the rows whose name, type, gender or role holds
// query, in any case.
func filterVoiceRows(rows []api.VoiceRow, query string) []api.VoiceRow {
	q := strings.ToLower(strings.TrimSpace(query))
	if q == "" {
		return rows
	}
	var out []api.VoiceRow
	for _, r := range rows {
		if strings.Contains(strings.ToLower(r.Name+"\x00"+r.Type+"\x00"+r.Gender+"\x00"+r.Role), q) {
			out = append(out, r)
		}
	}
	return out
}

// sortVoiceRows returns the rows ordered by a column of voiceColumns, in a
// new slice; ties keep the report's order (most quoted first). Unknown values
// come last whichever way.
func sortVoiceRows(rows []api.VoiceRow, by string, up bool) []api.VoiceRow {
	out := slices.Clone(rows)
	slices.SortStableFunc(out, func(a, b api.VoiceRow) int {
		var c int
		switch by {
		case "quotes":
			c = cmp.Compare(a.Quotes, b.Quotes)
		case "words":
			c = cmp.Compare(a.Words, b.Words)
		case "articles":
			c = cmp.Compare(a.Documents, b.Documents)
		default:
			x, y := voiceField(a, by), voiceField(b, by)
			if (x == "") != (y == "") {
				return cmp.Compare(len(y), len(x)) // the empty one last
			}
			c = cmp.Compare(strings.ToLower(x), strings.ToLower(y))
		}
		if !up {
			c = -c
		}
		return c
	})
	return out
}

// voiceField is a row's text column by.
func voiceField(r api.VoiceRow, by string) string {
	switch by {
	case "type":
		return r.Type
	case "gender":
		return r.Gender
	case "role":
		return r.Role
	}
	return r.Name
}

// conflictText says how articles disagree: "gender: 2 articles say man, 1 says woman".
func conflictText(c api.VoiceConflict) string {
	parts := make([]string, len(c.Values))
	for i, v := range c.Values {
		n, what := len(v.Documents), ""
		if i == 0 { // "2 articles say man, 1 says woman"
			what = plural(n, "article")[len(strconv.Itoa(n)):]
		}
		verb := " say "
		if n == 1 {
			verb = " says "
		}
		parts[i] = strconv.Itoa(n) + what + verb + v.Value
	}
	return c.Field + ": " + strings.Join(parts, ", ")
}

// share is n of total as a rounded percentage, or "—" when total is 0.
func share(n, total int) string {
	if total == 0 {
		return "—"
	}
	return strconv.Itoa((200*n+total)/(2*total)) + "%"
}

// weekShare words a week's share: "40% (2 of 5)", or "no data".
func weekShare(f func() (float64, bool), n, total int) string {
	if _, ok := f(); !ok {
		return "no data"
	}
	return fmt.Sprintf("%s (%d of %d)", share(n, total), n, total)
}

// shortDate writes a YYYY-MM-DD date as "2 Mar 2026"; other text is kept.
func shortDate(d string) string {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return d
	}
	return t.Format("2 Jan 2006")
}

// The chart's size in its own units (wide, and on a narrow screen), and its margins.
const (
	chartWidth, chartNarrowWidth, chartHeight    = 640, 360, 240
	chartLeft, chartRight, chartTop, chartBottom = 44, 16, 12, 34
)

// chart is the weekly chart laid out: its ticks, its series and a caption.
type chart struct {
	width          int
	yTicks, xTicks []tick
	series         []series
	caption        string
}

// tick is a label on an axis at pos.
type tick struct {
	pos   float64
	label string
}

// series is one line of the chart: its SVG path (broken where a week has no
// data) and its points.
type series struct {
	class  string
	path   string
	points []point
}

// point is a week's value at (x, y), with what it says.
type point struct {
	x, y  float64
	label string
}

// layoutChart lays out the weeks' shares of women and of anonymous sources
// on a chart width wide, with at most ticks weeks named.
func layoutChart(weeks []api.VoicesWeek, width, ticks int) chart {
	plotW := float64(width - chartLeft - chartRight)
	plotH := float64(chartHeight - chartTop - chartBottom)
	x := func(i int) float64 {
		if len(weeks) == 1 {
			return chartLeft + plotW/2
		}
		return math.Round((chartLeft+plotW*float64(i)/float64(len(weeks)-1))*10) / 10
	}
	y := func(f float64) float64 { return math.Round((chartTop+plotH*(1-f))*10) / 10 }
	c := chart{width: width}
	for _, f := range []float64{0, .25, .5, .75, 1} {
		c.yTicks = append(c.yTicks, tick{y(f), strconv.Itoa(int(f*100)) + "%"})
	}
	step := (len(weeks) + ticks - 1) / ticks
	for i, w := range weeks {
		if i%step == 0 {
			c.xTicks = append(c.xTicks, tick{x(i), shortWeek(w.Start)})
		}
	}
	type measure struct {
		class, what string
		value       func(api.VoicesWeek) (float64, bool)
		counts      func(api.VoicesWeek) (int, int)
	}
	var said []string
	for _, m := range []measure{
		{"vp-women", "women", api.VoicesWeek.WomenShare, func(w api.VoicesWeek) (int, int) {
			return w.People.Woman, w.People.Woman + w.People.Man + w.People.Nonbinary
		}},
		{"vp-anonymous", "anonymous", api.VoicesWeek.AnonymousShare, func(w api.VoicesWeek) (int, int) { return w.Anonymous, w.Sources }},
	} {
		s := series{class: m.class}
		var path strings.Builder
		gap := true
		lo, hi, last := 2.0, -1.0, ""
		for i, w := range weeks {
			f, ok := m.value(w)
			if !ok {
				gap = true
				continue
			}
			n, total := m.counts(w)
			pt := point{x: x(i), y: y(f), label: fmt.Sprintf("%s: %s %s (%d of %d)", w.Week, share(n, total), m.what, n, total)}
			s.points = append(s.points, pt)
			if gap {
				fmt.Fprintf(&path, "M%.1f %.1f", pt.x, pt.y)
			} else {
				fmt.Fprintf(&path, "L%.1f %.1f", pt.x, pt.y)
			}
			gap = false
			lo, hi, last = min(lo, f), max(hi, f), share(n, total)
		}
		s.path = path.String()
		c.series = append(c.series, s)
		switch {
		case last == "":
			said = append(said, "no week has data on "+m.what)
		case lo == hi:
			said = append(said, fmt.Sprintf("%s %s every week", m.what, last))
		default:
			said = append(said, fmt.Sprintf("%s between %s and %s, %s in the latest week", m.what, pct(lo), pct(hi), last))
		}
	}
	c.caption = fmt.Sprintf("Per week, %s to %s (%s): %s. The table below gives every week's figures.",
		weeks[0].Week, weeks[len(weeks)-1].Week, plural(len(weeks), "week"), strings.Join(said, "; "))
	return c
}

// pct writes a share as a rounded percentage.
func pct(f float64) string { return strconv.Itoa(int(math.Round(f*100))) + "%" }

// shortWeek writes a week's Monday as "2 Mar".
func shortWeek(d string) string {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return d
	}
	return t.Format("2 Jan")
}

// el is an HTML element of tag. The Voices page builds its rarer elements
// (tables, sections, figures) with it rather than with go-app's own type for
// each, every one of which adds its whole method set to app.wasm.
func el(tag string) app.HTMLElem { return app.Elem(tag) }
