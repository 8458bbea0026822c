package anchor

import (
	"os"
	"strings"
	"testing"
)

// articlePath is the real article used as a fixture.
const articlePath = "../../../shared/articles/us-russia-syria-ceasefire.txt"

// Paragraphs of a small test article.
const (
	pIntro  = "Foreign ministers from the United States and Russia met in Paris on Monday to discuss a possible cease-fire in the north of Syria. "
	pTalks  = "The talks in Geneva are slated to begin on January 22, but several rebel factions have said they will not attend unless the government agrees to a transition of power. "
	pAid    = "Aid agencies said that convoys carrying food and medicine had been blocked for weeks at checkpoints outside the besieged city of Homs. "
	pLook   = "Officials said the ministers would meet again in Vienna on January 29 to finalise the plan for humanitarian corridors. "
	pRepeat = "Kerry said the talks will resume soon. "
	pArt    = "The art of the deal is patience, one diplomat said. "
)

// selFor returns the selector of the nth (0-based) occurrence of quote in
// text, as the annotator would have stored it.
func selFor(t *testing.T, text, quote string, nth int) Selector {
	t.Helper()
	b := -1
	for i := 0; i <= nth; i++ {
		j := strings.Index(text[b+1:], quote)
		if j < 0 {
			t.Fatalf("occurrence %d of %q not in text", nth, quote)
		}
		b += 1 + j
	}
	tx := NewText(text)
	start := tx.CodePoint(b)
	end := start + CodePointLen(quote)
	exact, prefix, suffix := tx.Context(start, end)
	return Selector{Start: start, End: end, Exact: exact, Prefix: prefix, Suffix: suffix}
}

// spanOf returns the code-point span of the nth occurrence of s in text.
func spanOf(t *testing.T, text, s string, nth int) (int, int) {
	t.Helper()
	sel := selFor(t, text, s, nth)
	return sel.Start, sel.End
}

// TestLocate covers each outcome of Locate and the rules that keep it from
// guessing; every case says why it exists.
func TestLocate(t *testing.T) {
	lookAlike := "Officials said the ministers would meet again in Geneva on January 22 to finalise the plan for humanitarian corridors. "
	tests := []struct {
		why      string
		old, new string
		quote    string
		nth      int // which occurrence of quote in old is annotated
		status   Status
		want     string // text expected at the result in new (status != Orphaned)
		wantNth  int    // which occurrence of want in new
	}{
		{
			why: "unchanged text: the quote is still at its offsets",
			old: pIntro + pTalks + pAid, new: pIntro + pTalks + pAid,
			quote: "several rebel factions", status: Anchored, want: "several rebel factions",
		},
		{
			why: "a paragraph inserted before shifts the quote: same text, new place",
			old: pIntro + pTalks + pAid, new: pLook + pIntro + pTalks + pAid,
			quote: "besieged city of Homs", status: Moved, want: "besieged city of Homs",
		},
		{
			why: "the quote occurs twice; the context tells which one, even after a shift",
			old: pIntro + pRepeat + pAid + pRepeat + pTalks, new: pLook + pIntro + pRepeat + pAid + pRepeat + pTalks,
			quote: "the talks will resume", nth: 1, status: Moved, want: "the talks will resume", wantNth: 1,
		},
		{
			why: "the annotated paragraph now appears twice with identical context: never guess",
			old: pIntro + pTalks + pAid, new: pLook + pIntro + pTalks + pAid + pIntro + pTalks + pAid,
			quote: "rebel factions have said", status: Orphaned,
		},
		{
			why: "a word altered inside a long quote (and text inserted before): approximate match",
			old: pIntro + pTalks + pAid, new: pLook + pIntro + strings.Replace(pTalks, "several rebel", "many rebel", 1) + pAid,
			quote: "but several rebel factions have said they will not attend", status: Changed,
			want: "but many rebel factions have said they will not attend",
		},
		{
			why: "the real sentence was deleted; a look-alike sentence elsewhere with other context must not be picked",
			old: pIntro + lookAlike + pTalks + pAid + pLook, new: pIntro + pTalks + pAid + pLook,
			quote: strings.TrimSpace(lookAlike), status: Orphaned,
		},
		{
			why: "a short quote whose word changed is not fuzzy-matched, even in place",
			old: pIntro + pRepeat + pAid, new: pIntro + strings.Replace(pRepeat, "Kerry said", "Kerry says", 1) + pAid,
			quote: "Kerry said", status: Orphaned,
		},
		{
			why: "\"art\" was edited to \"start\": it must not anchor inside the other word",
			old: pIntro + pArt + pAid, new: pIntro + strings.Replace(pArt, "The art", "The start", 1) + pAid,
			quote: "art", status: Orphaned,
		},
		{
			why: "a word quote moves to the same whole word, skipping it inside longer words",
			old: pArt + pIntro, new: "Talks start soon. " + pArt + pIntro,
			quote: "art", status: Moved, want: "art", wantNth: 1,
		},
		{
			why: "the quoted paragraph was deleted: nothing to anchor to",
			old: pIntro + pTalks + pAid, new: pIntro + pAid,
			quote: "transition of power", status: Orphaned,
		},
		{
			why: "an ending edited into a longer word snaps to the word's end instead of stopping inside it",
			old: pIntro + pTalks + pAid, new: pLook + pIntro + strings.Replace(pTalks, "will not attend", "will not attending", 1) + pAid,
			quote: "rebel factions have said they will not attend", status: Changed,
			want: "rebel factions have said they will not attending",
		},
	}
	for _, tc := range tests {
		sel := selFor(t, tc.old, tc.quote, tc.nth)
		got := NewText(tc.new).Locate(sel)
		if got.Status != tc.status {
			t.Errorf("%s: status %s, want %s (%+v)", tc.why, got.Status, tc.status, got)
			continue
		}
		if tc.status == Orphaned {
			if got != (Result{Status: Orphaned}) {
				t.Errorf("%s: orphan %+v has a span or score", tc.why, got)
			}
			continue
		}
		ws, we := spanOf(t, tc.new, tc.want, tc.wantNth)
		if got.Start != ws || got.End != we {
			t.Errorf("%s: span %d..%d (%q), want %d..%d (%q)", tc.why, got.Start, got.End,
				Slice(tc.new, got.Start, got.End), ws, we, tc.want)
		}
		if got.Score <= 0 || got.Score > 1 {
			t.Errorf("%s: score %v out of (0, 1]", tc.why, got.Score)
		}
	}
}

// TestLocateInvalid: malformed selectors are orphaned, without panicking.
func TestLocateInvalid(t *testing.T) {
	tx := NewText(pIntro)
	tests := []struct {
		why string
		sel Selector
	}{
		{"an empty quote anchors nowhere", Selector{Start: 0, End: 0}},
		{"an empty quote with a span anchors nowhere", Selector{Start: 3, End: 8, Prefix: "Foreign"}},
		{"start after end is malformed", Selector{Start: 8, End: 3, Exact: "ministers"}},
		{"a negative start is malformed", Selector{Start: -1, End: 3, Exact: "For"}},
		{"a span past the end of the text and a quote not in it", Selector{Start: 5000, End: 5020, Exact: "not in this text at all"}},
	}
	for _, tc := range tests {
		if got := tx.Locate(tc.sel); got != (Result{Status: Orphaned}) {
			t.Errorf("%s: %+v, want orphaned", tc.why, got)
		}
	}
	if got := NewText("").Locate(Selector{Start: 0, End: 3, Exact: "abc"}); got.Status != Orphaned {
		t.Errorf("the empty text anchors nothing: %+v", got)
	}
}

// TestScoreOrder: the more a quote was edited the lower its score, and an
// exact match always scores above an approximate one.
func TestScoreOrder(t *testing.T) {
	old := pIntro + pTalks + pAid
	quote := "The talks in Geneva are slated to begin on January 22, but several rebel factions have said"
	sel := selFor(t, old, quote, 0)
	edits := []struct {
		why      string
		from, to string
	}{
		{"moved only: exact quote", "", ""},
		{"one word changed", "slated", "planned"},
		{"two words changed", "slated to begin", "planned to start"},
		{"three words changed", "slated to begin on January 22", "planned to start on January 23"},
	}
	prev := 2.0
	for _, e := range edits {
		body := pTalks
		if e.from != "" {
			body = strings.Replace(pTalks, e.from, e.to, 1)
		}
		got := NewText(pLook + pIntro + body + pAid).Locate(sel)
		if got.Status == Orphaned {
			t.Fatalf("%s: orphaned", e.why)
		}
		if got.Score >= prev {
			t.Errorf("%s: score %v not below the less edited %v", e.why, got.Score, prev)
		}
		prev = got.Score
	}
}

// TestArticle anchors quotes of the real article (no-break spaces, curly
// quotes, an en dash) in an edited copy of it.
func TestArticle(t *testing.T) {
	b, err := os.ReadFile(articlePath)
	if err != nil {
		t.Skipf("fixture article not available: %v", err)
	}
	old := string(b)
	paras := strings.Split(old, "\n\n")
	if len(paras) < 8 {
		t.Fatalf("article has %d paragraphs, expected a full article", len(paras))
	}
	// Delete the photo caption and its credit, add an editor's note before
	// the body and reword a phrase.
	edited := strings.Join(append(append([]string{}, paras[:3]...), paras[4:]...), "\n\n")
	edited = strings.Replace(edited, paras[5], "Editor’s note: this story was updated on Tuesday.\n\n"+paras[5], 1)
	edited = strings.Replace(edited, "has long been a sticking point", "has always been a sticking point", 1)
	tests := []struct {
		why    string
		quote  string
		status Status
		want   string
	}{
		{"the headline is before every edit", "US and Russia discuss cease-fire in Syria", Anchored, "US and Russia discuss cease-fire in Syria"},
		{"a quote holding a no-break space moves with the body", "trying to\u00a0encourage a cease-fire", Moved, "trying to\u00a0encourage a cease-fire"},
		{"a quote with curly quotes moves intact", "a role “on the sidelines” of Geneva", Moved, "a role “on the sidelines” of Geneva"},
		{"a quote across the en dash that was reworded", "war-torn country – an issue that has long been a sticking point", Changed, "war-torn country – an issue that has always been a sticking point"},
		{"the deleted photo credit is orphaned", "Larry Downing/AFP/Getty Images", Orphaned, ""},
	}
	nt := NewText(edited)
	for _, tc := range tests {
		sel := selFor(t, old, tc.quote, 0)
		got := nt.Locate(sel)
		if got.Status != tc.status {
			t.Errorf("%s: status %s, want %s (%+v)", tc.why, got.Status, tc.status, got)
			continue
		}
		if tc.status == Orphaned {
			continue
		}
		if s := nt.Slice(got.Start, got.End); s != tc.want {
			t.Errorf("%s: found %q, want %q", tc.why, s, tc.want)
		}
		// The browser side speaks UTF-16: the span must survive the trip.
		u0, u1 := nt.UTF16(got.Start), nt.UTF16(got.End)
		if nt.FromUTF16(u0) != got.Start || nt.FromUTF16(u1) != got.End || u1-u0 < got.End-got.Start {
			t.Errorf("%s: UTF-16 round trip of %d..%d failed (%d..%d)", tc.why, got.Start, got.End, u0, u1)
		}
	}
}
