package ui

import (
	"strings"
	"testing"

	"github.com/newsroom/annotator/app/annotation"
	"github.com/newsroom/annotator/app/api"
)

func TestConflictText(t *testing.T) {
	c := api.VoiceConflict{Field: "gender", Values: []api.VoiceValue{
		{Value: "man", Documents: []annotation.ID{"a", "b"}}, {Value: "woman", Documents: []annotation.ID{"c"}}}}
	if got, want := conflictText(c), "gender: 2 articles say man, 1 says woman"; got != want {
		t.Errorf("conflictText = %q, want %q", got, want)
	}
	c = api.VoiceConflict{Field: "role", Values: []api.VoiceValue{
		{Value: "official", Documents: []annotation.ID{"a"}}, {Value: "expert", Documents: []annotation.ID{"c", "d"}}}}
	if got, want := conflictText(c), "role: 1 article says official, 2 say expert"; got != want {
		t.Errorf("conflictText = %q, want %q", got, want)
	}
}

var someRows = []api.VoiceRow{
	{Name: "Jane Holt", Type: "person", Gender: "woman", Role: "official", Quotes: 4, Words: 30, Documents: 3},
	{Name: "officials", Type: "anonymous", Quotes: 3, Words: 12, Documents: 2},
	{Name: "Bob Marr", Type: "person", Gender: "man", Quotes: 3, Words: 40, Documents: 1},
	{Name: "the report", Type: "document", Quotes: 1, Words: 5, Documents: 1},
}

func names(rows []api.VoiceRow) string {
	var ns []string
	for _, r := range rows {
		ns = append(ns, r.Name)
	}
	return strings.Join(ns, ", ")
}

func TestSortVoiceRows(t *testing.T) {
	for _, c := range []struct {
		by   string
		up   bool
		want string
	}{
		{"quotes", false, "Jane Holt, officials, Bob Marr, the report"}, // ties keep the report's order
		{"quotes", true, "the report, officials, Bob Marr, Jane Holt"},
		{"words", false, "Bob Marr, Jane Holt, officials, the report"},
		{"name", true, "Bob Marr, Jane Holt, officials, the report"},
		{"name", false, "the report, officials, Jane Holt, Bob Marr"},
		{"gender", true, "Bob Marr, Jane Holt, officials, the report"}, // unknown last
		{"gender", false, "Jane Holt, Bob Marr, officials, the report"},
		{"articles", false, "Jane Holt, officials, Bob Marr, the report"},
	} {
		if got := names(sortVoiceRows(someRows, c.by, c.up)); got != c.want {
			t.Errorf("sorted by %s (up %v): %s; want %s", c.by, c.up, got, c.want)
		}
	}
	if someRows[0].Name != "Jane Holt" {
		t.Error("sortVoiceRows changed its argument")
	}
}

func TestFilterVoiceRows(t *testing.T) {
	for q, want := range map[string]string{"": "Jane Holt, officials, Bob Marr, the report", "HOLT": "Jane Holt",
		"person": "Jane Holt, Bob Marr", "anonym": "officials", "man": "Jane Holt, Bob Marr", "nobody": ""} {
		if got := names(filterVoiceRows(someRows, q)); got != want {
			t.Errorf("filter %q: %s; want %s", q, got, want)
		}
	}
}

func TestLayoutChart(t *testing.T) {
	weeks := []api.VoicesWeek{
		{Week: "2026-W10", Start: "2026-03-02", Documents: 2, Sources: 4, Anonymous: 1, People: api.People{Woman: 1, Man: 1}},
		{Week: "2026-W11", Start: "2026-03-09", Documents: 1, Sources: 1, Anonymous: 1}, // no person: a gap in the women's line
		{Week: "2026-W12", Start: "2026-03-16", Documents: 1, Sources: 2, People: api.People{Woman: 2}},
	}
	c := layoutChart(weeks, chartWidth, 8)
	if len(c.series) != 2 || len(c.xTicks) != 3 || len(c.yTicks) != 5 {
		t.Fatalf("chart: %d series, %d x ticks, %d y ticks", len(c.series), len(c.xTicks), len(c.yTicks))
	}
	women, anon := c.series[0], c.series[1]
	if strings.Count(women.path, "M") != 2 || strings.Count(women.path, "L") != 0 || len(women.points) != 2 {
		t.Errorf("women's line %q (%d points): want two pieces of one point each, broken at W11", women.path, len(women.points))
	}
	if strings.Count(anon.path, "M") != 1 || strings.Count(anon.path, "L") != 2 {
		t.Errorf("anonymous line %q: want one piece through three weeks", anon.path)
	}
	top, bottom := c.yTicks[4].pos, c.yTicks[0].pos
	if women.points[0].y != (top+bottom)/2 || women.points[1].y != top || anon.points[2].y != bottom {
		t.Errorf("points at %v, %v, %v: want 50%%, 100%% and 0%% (axis %v to %v)", women.points[0].y, women.points[1].y, anon.points[2].y, bottom, top)
	}
	if women.points[0].label != "2026-W10: 50% women (1 of 2)" {
		t.Errorf("point label %q", women.points[0].label)
	}
	for _, want := range []string{"2026-W10 to 2026-W12", "women between 50% and 100%, 100% in the latest week", "anonymous between 0% and 100%, 0% in the latest week"} {
		if !strings.Contains(c.caption, want) {
			t.Errorf("caption %q lacks %q", c.caption, want)
		}
	}
	if n := len(layoutChart(append(weeks, weeks...), chartNarrowWidth, 4).xTicks); n != 3 {
		t.Errorf("six weeks, at most four named: %d named, want 3 (every other)", n)
	}
	if c.xTicks[0].label != "2 Mar" {
		t.Errorf("first week's label %q", c.xTicks[0].label)
	}
}

func TestShare(t *testing.T) {
	for _, c := range []struct {
		n, total int
		want     string
	}{{1, 3, "33%"}, {2, 3, "67%"}, {1, 8, "13%"}, {0, 5, "0%"}, {0, 0, "—"}} {
		if got := share(c.n, c.total); got != c.want {
			t.Errorf("share(%d, %d) = %s, want %s", c.n, c.total, got, c.want)
		}
	}
}
