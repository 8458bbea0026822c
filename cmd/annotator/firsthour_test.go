//go:build !wasm

package main

// The tests of an editor's first hour (issue 18): each drives the real app in
// headless Chromium the way an editor new to it did.

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/newsroom/annotator/app/annotation"
	bt "github.com/newsroom/annotator/app/browsertest"
)

// keys presses keys one chord at a time and counts them, for the keystroke target.
type keys struct {
	t   *testing.T
	ctx context.Context
	n   int
}

func (k *keys) press(key string, mods ...chromedp.Modifier) {
	k.t.Helper()
	bt.Press(k.t, k.ctx, key, mods...)
	k.n++
}

// Keys chromedp's kb package names.
const (
	keyTab       = "\t"
	keyEnter     = "\r"
	keyEscape    = "\u001b"
	keyDown      = "\u0301"
	keyRight     = "\u0303"
	keyBackspace = "\b"
	keyDelete    = "\u007f"
)

// status returns the status line's message.
func status(t *testing.T, ctx context.Context) string {
	t.Helper()
	return bt.Eval[string](t, ctx, `document.getElementById("status").textContent`)
}

// TestKeyboardTarget tags the sample's photo credit, three quotes and their
// three sources, and links the three, by keyboard alone, within 90 keys: the
// caret stays by the last tag, q, s and p with the caret alone tag the
// quotation, name or credit after it, and link mode picks by number.
func TestKeyboardTarget(t *testing.T) {
	ctx := bt.NewBrowser(t)
	srv := bt.Start(t, bt.BuildApp(t))
	bt.Open(t, ctx, srv.URL+"/")
	k := &keys{t: t, ctx: ctx}
	k.press(keyTab)   // the skip link
	k.press(keyEnter) // into the article, the caret at its start
	bt.WaitFor(t, ctx, `document.activeElement.id === "article"`)
	k.press("p") // the credit under the caption
	bt.WaitFor(t, ctx, `document.querySelector('mark[data-kind="photo-credit"]') !== null`)
	for range 3 { // on three paragraphs
		k.press(keyDown, chromedp.ModifierCtrl)
	}
	k.press("q") // "We talked today … in Aleppo"
	k.press("s") // Kerry, after it
	k.press("l")
	bt.WaitFor(t, ctx, `document.getElementById("link-bar") !== null`)
	k.press("1")
	bt.WaitFor(t, ctx, `document.querySelector(".speaker-label") !== null`)
	for range 6 {
		k.press(keyDown, chromedp.ModifierCtrl)
	}
	for range 2 { // past "Political analyst"
		k.press(keyRight, chromedp.ModifierCtrl)
	}
	k.press("s") // Kamel Wazne
	k.press("q") // "There's a lot …", he said
	k.press("l")
	bt.WaitFor(t, ctx, `document.getElementById("link-bar") !== null`)
	k.press("1")
	k.press("q") // "I think it is very crucial …"
	k.press("s") // said Wazne
	k.press("l")
	bt.WaitFor(t, ctx, `document.getElementById("link-bar") !== null`)
	k.press("1")
	bt.WaitFor(t, ctx, `document.querySelectorAll(".speaker-label").length === 3`)
	t.Logf("%d keys for 7 tags and 3 links", k.n)
	if k.n > 90 {
		t.Errorf("%d keys, the target is at most 90", k.n)
	}

	bt.WaitFor(t, ctx, `document.querySelector(".save-state").textContent === "Saved in this browser"`)
	f := exportedFile(t, ctx)
	text := map[annotation.ID]string{}
	var got []string
	for _, a := range f.Annotations {
		text[a.ID] = a.Exact
	}
	for _, a := range f.Annotations {
		s := string(a.Kind) + ":" + excerptOf(a.Exact)
		if a.Speaker != "" {
			s += " ← " + text[a.Speaker]
		}
		got = append(got, s)
	}
	want := []string{
		"photo-credit:Larry Downing/AFP/Getty Images",
		"quote:We talked today about the possibility ← Kerry",
		"source:Kerry",
		"source:Kamel Wazne",
		"quote:There's a lot of positive things to ← Kamel Wazne",
		"quote:I think it is very crucial for the ← Wazne",
		"source:Wazne",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("tagged by keyboard:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// tagWazne tags the sample's quote "I think it is very crucial" and its
// speaker, Wazne, and links them, by keyboard.
func tagWazne(t *testing.T, ctx context.Context) {
	t.Helper()
	bt.SelectText(t, ctx, "I think it is very crucial", 0)
	bt.Press(t, ctx, "q")
	bt.SelectText(t, ctx, "Wazne", 1)
	bt.Press(t, ctx, "s")
	bt.Press(t, ctx, "l")
	bt.Press(t, ctx, "1")
	bt.WaitFor(t, ctx, `document.querySelector('.speaker-label')?.dataset.speaker === "Wazne"`)
}

// excerptOf is the first 40 bytes of s, cut at a space.
func excerptOf(s string) string {
	if len(s) <= 40 {
		return s
	}
	s = s[:40]
	return s[:strings.LastIndex(s, " ")]
}

// exportedFile reads the document as the browser keeps it.
func exportedFile(t *testing.T, ctx context.Context) annotation.File {
	t.Helper()
	data := bt.Eval[string](t, ctx, `localStorage.getItem("annotator.doc." + localStorage.getItem("annotator.current").slice(9))`)
	f, err := annotation.Decode([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestSpeakerShownInArticle: a linked quote names its speaker in the article
// (seen, and heard through its description); selecting the quote lights its
// speaker; during review the panel keeps the current item in view, marked
// aria-current; accepting says whose quote it is.
func TestSpeakerShownInArticle(t *testing.T) {
	ctx := bt.NewBrowser(t)
	srv := bt.Start(t, bt.BuildApp(t))
	bt.Open(t, ctx, srv.URL+"/")
	tagWazne(t, ctx)
	if d := bt.Eval[string](t, ctx, `document.querySelector('mark[data-kind="quote"][data-first]').getAttribute("aria-description")`); d != "quote, said by Wazne" {
		t.Errorf("the quote's description %q does not name its speaker", d)
	}
	if label := bt.Eval[string](t, ctx, `getComputedStyle(document.querySelector(".speaker-label"), "::after").content`); label != `"— Wazne"` {
		t.Errorf("the label shows %s", label)
	}
	bt.Press(t, ctx, keyEscape)
	bt.WaitFor(t, ctx, `document.querySelector("#article mark.lit") === null`)
	bt.Click(t, ctx, `mark[data-kind="quote"]`)
	bt.WaitFor(t, ctx, `document.querySelector('mark[data-kind="source"]').classList.contains("lit")`)
	bt.Screenshot(t, ctx, "speaker-lit")

	// Review: j steps through the suggestions; the panel follows.
	bt.Press(t, ctx, keyEscape)
	bt.Press(t, ctx, "f")
	bt.WaitFor(t, ctx, `document.querySelector(".suggestions h2")?.textContent.startsWith("Suggestions to review")`)
	outOfView := 0
	for i := range 15 {
		bt.Press(t, ctx, "j")
		bt.WaitFor(t, ctx, `document.querySelector('.panel .item-button[aria-current="true"]')?.dataset.id === document.querySelector("#article mark.selected")?.dataset.annotationId`)
		inView := bt.Eval[bool](t, ctx, `new Promise(r => requestAnimationFrame(() => {
			const p = document.querySelector(".panel").getBoundingClientRect();
			const c = document.querySelector('.panel .item-button[aria-current="true"]').getBoundingClientRect();
			r(c.top >= p.top - 1 && c.bottom <= p.bottom + 1);
		}))`)
		if !inView {
			outOfView++
			t.Logf("step %d: the current item is out of the panel's view", i+1)
		}
	}
	if outOfView > 0 {
		t.Errorf("the current review item was out of view %d times in 15 steps", outOfView)
	}
	// Accepting a suggested quote says whose it is.
	bt.Eval[bool](t, ctx, `(() => { const m = [...document.querySelectorAll('mark.suggested[data-kind="quote"]')].find(m => m.textContent.startsWith("We talked")); m.click(); return true })()`)
	bt.WaitFor(t, ctx, `/^Speaker: (John )?Kerry/.test(document.getElementById("suggested-speaker")?.textContent)`)
	bt.Press(t, ctx, "a")
	bt.WaitFor(t, ctx, `document.getElementById("status").textContent.startsWith("Accepted the quote")`)
	if msg := status(t, ctx); !strings.Contains(msg, "said by John Kerry") {
		t.Errorf("accepting a quote does not say whose it is: %q", msg)
	}
}

// TestSuggestionsCountApart: pending suggestions are not counted as tagged,
// nor in Voices; an export leaves them out and says so, unless asked for.
func TestSuggestionsCountApart(t *testing.T) {
	ctx := bt.NewBrowser(t)
	srv := bt.Start(t, bt.BuildApp(t))
	bt.Open(t, ctx, srv.URL+"/")
	downloads := bt.Downloads(t, ctx)
	bt.Press(t, ctx, "f")
	bt.WaitFor(t, ctx, `document.querySelector(".suggestions h2")?.textContent.startsWith("Suggestions to review")`)
	n := bt.Eval[int](t, ctx, `document.querySelectorAll("#article mark.suggested[data-first]").length`)
	counts := bt.Eval[string](t, ctx, `document.querySelector(".statusbar .counts").textContent`)
	if want := "0 quotes · 0 sources · 0 photo credits · " + itoa(n) + " suggestions to review"; counts != want {
		t.Errorf("status counts %q, want %q", counts, want)
	}
	if bt.Eval[bool](t, ctx, `document.querySelector(".voices") !== null`) {
		t.Error("Voices counts pending suggestions")
	}
	bt.Press(t, ctx, "e")
	data := bt.WaitFile(t, downloads, "us-and-russia-discuss-cease-fire-in-syria.annotations.json")
	f, err := annotation.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Annotations) != 0 {
		t.Errorf("the export holds %d pending suggestions", len(f.Annotations))
	}
	bt.WaitFor(t, ctx, `document.getElementById("status").textContent.includes("not yet reviewed left out")`)
	// Asked for, they are included, marked as suggestions.
	for _, e := range must(os.ReadDir(downloads)) {
		os.Remove(filepath.Join(downloads, e.Name()))
	}
	bt.Click(t, ctx, `.actions button[title^="Download the annotations"]`)
	bt.Click(t, ctx, "#export-include-pending")
	bt.Click(t, ctx, "#export-json")
	bt.WaitFor(t, ctx, `document.getElementById("status").textContent.includes("not yet reviewed") && document.getElementById("status").textContent.includes(", with")`)
	data = bt.WaitFile(t, downloads, "us-and-russia-discuss-cease-fire-in-syria.annotations.json")
	f2, err := annotation.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(f2.Annotations) != n {
		t.Errorf("the export with suggestions holds %d annotations, want %d", len(f2.Annotations), n)
	}
}

// TestStrayKeys: in a field, Ctrl+Z is the field's; after a note is kept, the
// app's undo shows in its box; Backspace with words selected, or with the
// selected annotation out of view, deletes nothing.
func TestStrayKeys(t *testing.T) {
	ctx := bt.NewBrowser(t)
	srv := bt.Start(t, bt.BuildApp(t))
	bt.Open(t, ctx, srv.URL+"/")
	tagWazne(t, ctx)
	bt.Click(t, ctx, `.group-quote .item-button`)
	note := `.group-quote textarea`
	bt.Click(t, ctx, note)
	if err := chromedp.Do(ctx, chromedp.SendKeys(note, "check")); err != nil {
		t.Fatal(err)
	}
	bt.Press(t, ctx, "z", chromedp.ModifierCtrl) // the field's own undo
	if extra := bt.Eval[string](t, ctx, `document.querySelector(".group-quote .item-extra").textContent`); extra != "— Wazne" {
		t.Errorf("Ctrl+Z in the note undid the app's last edit: the quote now says %q", extra)
	}
	if err := chromedp.Do(ctx, chromedp.SetValue(note, "check the date"), chromedp.Blur(note)); err != nil {
		t.Fatal(err)
	}
	// Blurring fires no change event for a value set by script: commit it as a keypress would.
	bt.Eval[bool](t, ctx, `(() => { document.querySelector(".group-quote textarea").dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	bt.WaitFor(t, ctx, `document.getElementById("status").textContent === "Edit note"`)
	bt.Eval[bool](t, ctx, `(() => { document.activeElement.blur(); return true })()`)
	bt.Press(t, ctx, "z", chromedp.ModifierCtrl)
	bt.WaitFor(t, ctx, `document.getElementById("status").textContent === "Undid: Edit note"`)
	if v := bt.Eval[string](t, ctx, `document.querySelector(".group-quote textarea").value`); v != "" {
		t.Errorf("after undoing the note its box still holds %q", v)
	}

	// Backspace with words selected: the selected quote stays.
	bt.Click(t, ctx, `mark[data-kind="quote"]`)
	bt.SelectText(t, ctx, "Montreux hotel", 0)
	bt.Press(t, ctx, keyBackspace)
	if n := bt.Eval[int](t, ctx, `document.querySelectorAll("#article mark[data-first]").length`); n != 2 {
		t.Errorf("Backspace with words selected deleted an annotation: %d left", n)
	}
	// Delete with the selected annotation out of view (a tablet, where the
	// panel is a view of its own): it is shown first, not deleted.
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: 768, Height: 1024, DeviceScaleFactor: 1, Mobile: true,
	}); err != nil {
		t.Fatal(err)
	}
	bt.Eval[bool](t, ctx, `(() => { getSelection().removeAllRanges(); document.querySelector('mark[data-kind="quote"]').click();
		document.activeElement.blur(); scrollTo(0, 0); return true })()`)
	bt.WaitFor(t, ctx, `document.querySelector('mark[data-kind="quote"]').getBoundingClientRect().top > innerHeight`)
	bt.Press(t, ctx, keyDelete)
	bt.WaitFor(t, ctx, `document.getElementById("status").textContent.includes("again to delete")`)
	if n := bt.Eval[int](t, ctx, `document.querySelectorAll("#article mark[data-first]").length`); n != 2 {
		t.Errorf("Delete removed an annotation out of view: %d left", n)
	}
	bt.WaitFor(t, ctx, `document.querySelector('mark[data-kind="quote"]').getBoundingClientRect().top < innerHeight`)
	bt.Press(t, ctx, keyDelete)
	bt.WaitFor(t, ctx, `document.querySelectorAll("#article mark[data-first]").length === 1`)
}

// TestRemoveAndHistory: removing a document can be undone; the undo history
// of the open document outlives a reload.
func TestRemoveAndHistory(t *testing.T) {
	ctx := bt.NewBrowser(t)
	srv := bt.Start(t, bt.BuildApp(t))
	bt.Open(t, ctx, srv.URL+"/")
	paste(t, ctx, "Second", "A second article, with words.")
	bt.WaitFor(t, ctx, `document.querySelector(".doc-title").textContent === "Second"`)
	bt.SelectText(t, ctx, "second article", 0)
	bt.Press(t, ctx, "q")
	bt.WaitFor(t, ctx, `document.querySelector(".save-state").textContent === "Saved in this browser"`)

	// The history survives a reload.
	bt.Open(t, ctx, srv.URL+"/")
	bt.WaitFor(t, ctx, `document.querySelector('.actions button[title^="Undo"]').disabled === false`)
	bt.Press(t, ctx, "z", chromedp.ModifierCtrl)
	bt.WaitFor(t, ctx, `document.querySelectorAll("#article mark").length === 0`)
	bt.Press(t, ctx, "z", chromedp.ModifierShift, chromedp.ModifierCtrl)
	bt.WaitFor(t, ctx, `document.querySelectorAll("#article mark").length === 1`)

	// Removing the sample asks for nothing but can be undone.
	bt.Click(t, ctx, `.actions button[title^="Documents kept"]`)
	bt.WaitFor(t, ctx, `document.querySelectorAll(".docs li").length === 2`)
	bt.Click(t, ctx, `.docs li:nth-child(2) button.danger`)
	bt.WaitFor(t, ctx, `document.querySelectorAll(".docs li").length === 1`)
	bt.Click(t, ctx, "#undo-remove-dialog")
	bt.WaitFor(t, ctx, `document.querySelectorAll(".docs li").length === 2`)
	bt.WaitFor(t, ctx, `document.getElementById("status").textContent.includes("is back in this browser's documents")`)
}

// TestRealPaste: a real Ctrl+V outside any field opens the paste dialog with
// the text at once, with nothing else pressed.
func TestRealPaste(t *testing.T) {
	ctx := bt.NewBrowser(t)
	srv := bt.Start(t, bt.BuildApp(t))
	bt.Open(t, ctx, srv.URL+"/")
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name}, Setting: browser.PermissionSettingGranted, Origin: srv.URL,
		}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	bt.Eval[bool](t, ctx, `navigator.clipboard.writeText("A pasted article about the talks.").then(() => true)`)
	bt.Eval[bool](t, ctx, `(() => { document.activeElement.blur(); return true })()`)
	// Ctrl+V as the keyboard sends it: the key and the paste command it runs.
	for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeRawKeyDown, input.DispatchKeyEventTypeKeyUp} {
		ev := input.DispatchKeyEventParams{Type: typ, Key: "v", Code: "KeyV", WindowsVirtualKeyCode: 86, Modifiers: 2}
		if typ == input.DispatchKeyEventTypeRawKeyDown {
			ev.Commands = []string{"paste"}
		}
		if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, ev); err != nil {
			t.Fatal(err)
		}
	}
	bt.WaitFor(t, ctx, `document.getElementById("paste-text")?.value === "A pasted article about the talks."`)
}

// TestPlainWords: messages speak of quotes and sources, not of ids and
// schemas; counts agree in number; tagging twice or over another quote is
// said; the sample is not copied twice.
func TestPlainWords(t *testing.T) {
	ctx := bt.NewBrowser(t)
	srv := bt.Start(t, bt.BuildApp(t))
	bt.Open(t, ctx, srv.URL+"/")
	bt.SelectText(t, ctx, "I think it is very crucial", 0)
	bt.Press(t, ctx, "q")
	bt.SelectText(t, ctx, "Wazne", 1)
	bt.Press(t, ctx, "s")
	bt.WaitFor(t, ctx, `document.querySelector(".statusbar .counts").textContent === "1 quote · 1 source · 0 photo credits"`)
	bt.SelectText(t, ctx, "Wazne", 1)
	bt.Press(t, ctx, "s")
	bt.WaitFor(t, ctx, `document.getElementById("status").textContent.includes("already tagged as a source")`)
	bt.SelectText(t, ctx, "very crucial for the Iranians to be at the same table", 0)
	bt.Press(t, ctx, "q")
	bt.WaitFor(t, ctx, `document.getElementById("status").textContent.includes("overlaps the quote")`)
	// Link mode: clicking a quote for a quote says what to click instead.
	bt.Press(t, ctx, "l")
	bt.WaitFor(t, ctx, `document.getElementById("link-bar") !== null`)
	// (Clicked by script: the page may still be scrolling smoothly to the source selected above.)
	bt.Eval[bool](t, ctx, `(() => { document.querySelector('mark[data-kind="quote"]').click(); return true })()`)
	bt.WaitFor(t, ctx, `document.getElementById("status").textContent.startsWith("that is not something to link to")`)
	if msg := status(t, ctx); strings.Contains(msg, "urn:uuid") || !strings.Contains(msg, "click a source") {
		t.Errorf("link mode message: %q", msg)
	}
	bt.Press(t, ctx, keyEscape)
	// A file that is not an annotation file: what to do, in words.
	upload(t, ctx, "notes.json", []byte(`{"hello": "world"}`))
	bt.WaitFor(t, ctx, `document.getElementById("status").textContent.startsWith("notes.json")`)
	if msg := status(t, ctx); !strings.Contains(msg, "open the article itself") || !strings.Contains(msg, "nothing was changed") {
		t.Errorf("invalid file message: %q", msg)
	}
	// Sample twice: one copy.
	bt.WaitFor(t, ctx, `document.querySelector(".save-state").textContent === "Saved in this browser"`)
	bt.Eval[bool](t, ctx, `(() => { document.querySelector('.actions button[title^="Open the built-in sample"]').click(); return true })()`)
	bt.WaitFor(t, ctx, `document.getElementById("status").textContent.startsWith("Opened your copy of the sample")`)
	bt.Click(t, ctx, `.actions button[title^="Documents kept"]`)
	bt.WaitFor(t, ctx, `document.querySelector(".docs") !== null`)
	if n := bt.Eval[int](t, ctx, `document.querySelectorAll(".docs li").length`); n != 1 {
		t.Errorf("%d documents after pressing Sample, want 1", n)
	}
	if !bt.Eval[bool](t, ctx, `document.querySelector(".docs .badge")?.textContent === "open now"`) {
		t.Error("the documents list does not say which one is open")
	}
}

// TestSmallScreens: on a tablet and a phone the panel is a view of its own
// beside the article, the top bar folds into a menu, the status line keeps to
// one line; typing in the article says what the keys do. Screenshots in light
// and dark at 1280 × 800, 768 × 1024 and 390 × 844; axe-core stays clean.
func TestSmallScreens(t *testing.T) {
	ctx := bt.NewBrowser(t)
	srv := bt.Start(t, bt.BuildApp(t))
	bt.Open(t, ctx, srv.URL+"/")
	tagWazne(t, ctx)
	bt.Press(t, ctx, keyEscape)
	for _, size := range []struct {
		name          string
		width, height int64
		mobile        bool
	}{{"desktop", 1280, 800, false}, {"tablet", 768, 1024, true}, {"phone", 390, 844, true}} {
		if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: size.width, Height: size.height, DeviceScaleFactor: 1, Mobile: size.mobile,
		}); err != nil {
			t.Fatal(err)
		}
		for _, scheme := range []string{"light", "dark"} {
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			}); err != nil {
				t.Fatal(err)
			}
			bt.Eval[bool](t, ctx, `new Promise(r => requestAnimationFrame(() => r(true)))`)
			bt.Screenshot(t, ctx, "first-hour-"+size.name+"-"+scheme)
			bt.Audit(t, ctx, size.name+" "+scheme)
		}
		if !size.mobile {
			continue
		}
		var m struct{ Topbar, Status, PanelShown float64 }
		raw := bt.Eval[string](t, ctx, `JSON.stringify({
			Topbar: document.querySelector(".topbar").getBoundingClientRect().height,
			Status: document.querySelector(".statusbar").getBoundingClientRect().height,
			PanelShown: document.querySelector(".panel").getBoundingClientRect().height })`)
		if err := json.Unmarshal([]byte(raw), &m); err != nil {
			t.Fatal(err)
		}
		if m.Topbar > 60 || m.Status > 40 {
			t.Errorf("%s: top bar %.0f px, status line %.0f px high (at most 60 and 40)", size.name, m.Topbar, m.Status)
		}
		if m.PanelShown != 0 {
			t.Errorf("%s: the panel is shown under the article (%.0f px) instead of in its own view", size.name, m.PanelShown)
		}
		bt.Click(t, ctx, `.view-tabs button:nth-child(2)`)
		bt.WaitFor(t, ctx, `document.querySelector(".panel").getBoundingClientRect().top < 150`)
		bt.Screenshot(t, ctx, "first-hour-"+size.name+"-panel")
		bt.Audit(t, ctx, size.name+" panel view")
		bt.Click(t, ctx, `.view-tabs button:nth-child(1)`)
		bt.Click(t, ctx, "#menu-button")
		bt.WaitFor(t, ctx, `getComputedStyle(document.getElementById("actions")).display !== "none"`)
		bt.Screenshot(t, ctx, "first-hour-"+size.name+"-menu")
		bt.Click(t, ctx, `.actions button[title^="Keyboard shortcuts"]`)
		bt.WaitFor(t, ctx, `document.getElementById("dialog") !== null`)
		bt.Press(t, ctx, keyEscape)
		bt.WaitFor(t, ctx, `getComputedStyle(document.getElementById("actions")).display === "none"`)
	}
	// Typing into the article says what the keys do.
	bt.Eval[bool](t, ctx, `(() => { document.getElementById("article").focus(); return true })()`)
	bt.Press(t, ctx, "w")
	bt.WaitFor(t, ctx, `document.getElementById("status").textContent.includes("cannot be changed here")`)
}
