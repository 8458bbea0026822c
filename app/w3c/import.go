package w3c

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/newsroom/annotator/app/anchor"
	"github.com/newsroom/annotator/app/annotation"
)

// Report says what Import did with each annotation it read.
type Report struct {
	// Anchored, Moved, Changed and Orphaned count the imported annotations by
	// how they were anchored on the text (see anchor.Status). An annotation
	// with a quote but no position that is found exactly counts as anchored.
	Anchored, Moved, Changed, Orphaned int
	// Links counts the quote → speaker links restored.
	Links int
	// ChangedItems lists the annotations matched approximately: the wording
	// differs (for a quote, a misquote risk).
	ChangedItems []Item
	// Orphans lists the annotations that could not be anchored; they are not
	// in the imported file.
	Orphans []Item
	// Skipped lists what was read but not imported, and why: no kind, no text
	// selector, a link whose ends were not imported.
	Skipped []Item
}

// Item is one annotation of the input named in a Report.
type Item struct {
	// Path is where it is in the input, e.g. "first.items[3]".
	Path string `json:"path"`
	// ID is its id in the input, if it had one.
	ID string `json:"id,omitempty"`
	// Kind is its kind, if known.
	Kind annotation.Kind `json:"kind,omitempty"`
	// Exact is the text it quoted, if any.
	Exact string `json:"exact,omitempty"`
	// Reason says why it is listed.
	Reason string `json:"reason"`
	// Annotation is the id it has in the imported file, when it was placed
	// there: the input's own id may have been replaced.
	Annotation annotation.ID `json:"annotation,omitempty"`
}

func (it Item) String() string {
	s := it.Path
	if it.Kind != "" {
		s += " (" + string(it.Kind) + ")"
	}
	if it.Exact != "" {
		s += fmt.Sprintf(" %q", it.Exact)
	}
	return s + ": " + it.Reason
}

// String summarises the report, one line per listed item.
func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d anchored, %d moved, %d changed, %d orphaned; %d speaker links; %d skipped\n",
		r.Anchored, r.Moved, r.Changed, r.Orphaned, r.Links, len(r.Skipped))
	for _, l := range []struct {
		label string
		items []Item
	}{{"changed", r.ChangedItems}, {"orphaned", r.Orphans}, {"skipped", r.Skipped}} {
		for _, it := range l.items {
			fmt.Fprintf(&b, "%s: %s\n", l.label, it)
		}
	}
	return b.String()
}

// ImportError is malformed input: what is wrong and where (a JSON path such
// as "first.items[2].target.selector[1].start"; empty for the whole input).
type ImportError struct {
	Path    string
	Message string
}

func (e *ImportError) Error() string {
	if e.Path == "" {
		return e.Message
	}
	return e.Path + ": " + e.Message
}

func errorAt(path, format string, args ...any) error {
	return &ImportError{Path: path, Message: fmt.Sprintf(format, args...)}
}

// Import reads W3C Web Annotations (see the package doc for the shapes it
// accepts), anchors them on text and returns them as an annotation file for
// that text with what happened to each. Malformed input gives an
// *ImportError; annotations that cannot be used are reported, not errors.
func Import(data []byte, text string) (annotation.File, Report, error) {
	root, err := parseJSON(data)
	if err != nil {
		return annotation.File{}, Report{}, err
	}
	in, err := readInput(root)
	if err != nil {
		return annotation.File{}, Report{}, err
	}
	text = annotation.NormalizeText(text)
	im := importer{text: anchor.NewText(text), byInputID: map[string]annotation.ID{}, ids: map[annotation.ID]int{}}
	for _, it := range in.items {
		if err := im.item(it); err != nil {
			return annotation.File{}, Report{}, err
		}
	}
	im.restoreLinks()
	doc := annotation.Document{Title: in.title, Text: text, Source: in.source, SHA256: annotation.TextHash(text)}
	doc.ID = im.docID
	if doc.ID == "" {
		doc.ID = annotation.NewID()
	}
	if doc.Source == "" {
		doc.Source = im.docSource
	}
	if u, err := url.Parse(im.docSource); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		doc.URL = im.docSource
	}
	annotation.SortTextOrder(im.anns)
	f := annotation.NewFile(doc, im.anns)
	if err := f.Validate(); err != nil {
		return annotation.File{}, Report{}, fmt.Errorf("imported annotations are not valid (a bug): %w", err)
	}
	return f, im.report, nil
}

// parseJSON decodes data, keeping numbers exact.
func parseJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			line, col := position(data, se.Offset-1) // Offset is just past the fault
			return nil, errorAt("", "malformed JSON at line %d, column %d: %v", line, col, se)
		case errors.Is(err, io.EOF):
			return nil, errorAt("", "empty: want a W3C Annotation, AnnotationPage or AnnotationCollection")
		case errors.Is(err, io.ErrUnexpectedEOF):
			return nil, errorAt("", "malformed JSON: it ends too soon")
		}
		return nil, errorAt("", "malformed JSON: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		off := dec.InputOffset()
		for off < int64(len(data)) && strings.ContainsRune(" \t\r\n", rune(data[off])) {
			off++
		}
		line, col := position(data, off)
		return nil, errorAt("", "unexpected data after the JSON value at line %d, column %d", line, col)
	}
	return v, nil
}

// position returns the line and column (1-based) of the byte at offset off of data.
func position(data []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = len(before) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// rawItem is one annotation of the input and where it is.
type rawItem struct {
	path string
	obj  map[string]any
}

// input is what readInput finds: the annotations and the collection's metadata.
type input struct {
	items         []rawItem
	title, source string
}

// readInput finds the annotations in an Annotation, an array of them, an
// AnnotationPage or an AnnotationCollection with embedded pages.
func readInput(root any) (input, error) {
	var in input
	switch v := root.(type) {
	case []any:
		for i, e := range v {
			p := fmt.Sprintf("[%d]", i)
			obj, ok := e.(map[string]any)
			if !ok {
				return in, errorAt(p, "want an Annotation object, got %s", jsonType(e))
			}
			in.items = append(in.items, rawItem{p, obj})
		}
		return in, nil
	case map[string]any:
		ts, err := types(v, "")
		if err != nil {
			return in, err
		}
		switch {
		case slices.Contains(ts, "AnnotationCollection"):
			in.title, _ = v["label"].(string)
			in.source, _ = v["dcterms:source"].(string)
			first, ok := v["first"]
			if !ok {
				return in, nil // an empty collection
			}
			return in, readPages(&in, first, "first")
		case slices.Contains(ts, "AnnotationPage"):
			return in, readPages(&in, v, "")
		case slices.Contains(ts, "Annotation") || len(ts) == 0 && v["target"] != nil:
			in.items = append(in.items, rawItem{"", v})
			return in, nil
		}
		return in, errorAt(join("", "type"), "%s is not Annotation, AnnotationPage or AnnotationCollection", quoteList(ts))
	}
	return in, errorAt("", "want a JSON object or array, got %s", jsonType(root))
}

// readPages reads the page p at path and the embedded pages that follow it.
func readPages(in *input, p any, path string) error {
	for n := 0; p != nil; n++ {
		pg, ok := p.(map[string]any)
		if !ok {
			if s, isStr := p.(string); isStr {
				return errorAt(path, "page %q is not embedded: only embedded pages can be read", s)
			}
			return errorAt(path, "want an AnnotationPage object, got %s", jsonType(p))
		}
		raw, ok := pg["items"]
		if !ok {
			return errorAt(join(path, "items"), "missing")
		}
		items, ok := raw.([]any)
		if !ok {
			return errorAt(join(path, "items"), "want an array, got %s", jsonType(raw))
		}
		for i, e := range items {
			ip := fmt.Sprintf("%s[%d]", join(path, "items"), i)
			obj, ok := e.(map[string]any)
			if !ok {
				return errorAt(ip, "want an Annotation object, got %s (only embedded annotations can be read)", jsonType(e))
			}
			in.items = append(in.items, rawItem{ip, obj})
		}
		p, path = pg["next"], join(path, "next")
		if _, isStr := p.(string); isStr {
			return errorAt(path, "page %q is not embedded: only embedded pages can be read", p)
		}
	}
	return nil
}

// link is a linking annotation between two input ids, with the engine's
// evidence for it when the engine proposed it.
type link struct {
	item       Item
	targets    []string
	confidence float64
	reason     string
}

// importer anchors the input's annotations one by one.
type importer struct {
	text      *anchor.Text
	anns      []annotation.Annotation
	ids       map[annotation.ID]int    // index in anns of each id
	byInputID map[string]annotation.ID // the id given to each input id
	links     []link
	docID     annotation.ID
	docSource string
	report    Report
}

// selection is what a target says of the place of an annotation.
type selection struct {
	quote       *anchor.Selector // from a TextQuoteSelector; Start and End unset
	start, end  int
	hasPosition bool
}

// item reads and anchors one annotation.
func (im *importer) item(it rawItem) error {
	obj, path := it.obj, it.path
	id, err := optString(obj, path, "id", "@id")
	if err != nil {
		return err
	}
	rep := Item{Path: pathOrTop(path), ID: id}
	motives, err := stringList(obj, path, "motivation")
	if err != nil {
		return err
	}
	bodies, err := readBodies(obj, path)
	if err != nil {
		return err
	}
	if slices.Contains(motives, linking) {
		if targets, ok := linkTargets(obj["target"]); ok {
			l := link{item: rep, targets: targets}
			if l.confidence, err = readConfidence(obj, path); err != nil {
				return err
			}
			for _, b := range bodies {
				if b.purpose == describing {
					l.reason = b.value
				}
			}
			im.links = append(im.links, l)
			return nil
		}
	}
	a := annotation.Annotation{Origin: annotation.Human}
	var tags []string
	for _, b := range bodies {
		switch {
		case b.purpose == tagging:
			tags = append(tags, b.value)
			if a.Kind == "" && annotation.Kind(b.value).Valid() {
				a.Kind = annotation.Kind(b.value)
			}
		case b.purpose == identifying && b.role == roleCreator:
			a.Credit = addCredit(a.Credit, b.value, nil)
		case b.purpose == identifying && b.role == roleAgency:
			a.Credit = addCredit(a.Credit, "", &b.value)
		case b.purpose == identifying:
			if a.Name == "" {
				a.Name = b.value
			}
		case b.purpose == classifying && b.voice != "":
			addVoice(&a, b)
		case b.note && b.value != "":
			if a.Note != "" {
				a.Note += "\n\n"
			}
			a.Note += b.value
		}
	}
	sel, source, err := readTargets(obj, path)
	if err != nil {
		return err
	}
	rep.Kind = a.Kind
	if a.Kind == "" {
		rep.Reason = "no tagging body names a kind (quote, source or photo-credit)"
		if len(tags) > 0 {
			rep.Reason += "; its tags are " + quoteList(tags)
		}
		im.report.Skipped = append(im.report.Skipped, rep)
		return nil
	}
	if a.Kind != annotation.Source {
		a.Name, a.Voice = "", nil
	}
	if a.Kind != annotation.PhotoCredit {
		a.Credit = nil
	} else if a.Credit == nil {
		a.Credit = &annotation.Credit{Creators: []string{}, Agencies: []string{}}
	}
	if err := readProvenance(obj, path, &a); err != nil {
		return err
	}
	if sel == nil {
		rep.Reason = "its target has no TextQuoteSelector or TextPositionSelector"
		im.report.Skipped = append(im.report.Skipped, rep)
		return nil
	}
	if sel.quote != nil {
		rep.Exact = sel.quote.Exact
	}
	changed := len(im.report.ChangedItems)
	if !im.anchor(&a, sel, &rep) {
		return nil
	}
	im.noteSource(source)
	a.ID = im.newID(id)
	if len(im.report.ChangedItems) > changed {
		im.report.ChangedItems[changed].Annotation = a.ID
	}
	if id != "" {
		im.byInputID[id] = a.ID
	}
	im.ids[a.ID] = len(im.anns)
	im.anns = append(im.anns, a)
	return nil
}

// anchor places a on the text as sel says and counts the outcome; it
// reports false for an orphan.
func (im *importer) anchor(a *annotation.Annotation, sel *selection, rep *Item) bool {
	n := im.text.Len()
	if sel.quote == nil {
		if sel.start < 0 || sel.end > n || sel.end <= sel.start {
			rep.Reason = fmt.Sprintf("its only selector, TextPositionSelector %d–%d, is not inside the text (%d code points)", sel.start, sel.end, n)
			im.orphan(*rep)
			return false
		}
		a.Start, a.End = sel.start, sel.end
		a.Exact, a.Prefix, a.Suffix = im.text.Context(a.Start, a.End)
		im.report.Anchored++
		return true
	}
	q := *sel.quote
	a.Exact, a.Prefix, a.Suffix = q.Exact, q.Prefix, q.Suffix
	if sel.hasPosition {
		a.Start, a.End = sel.start, sel.end
	}
	placed, r := annotation.Reanchor(im.text, *a)
	switch r.Status {
	case anchor.Anchored:
		im.report.Anchored++
	case anchor.Moved:
		if sel.hasPosition {
			im.report.Moved++
		} else {
			im.report.Anchored++ // no old place: found is anchored
		}
	case anchor.Changed:
		im.report.Changed++
		rep.Reason = fmt.Sprintf("the text differs: now %q", im.text.Slice(r.Start, r.End))
		im.report.ChangedItems = append(im.report.ChangedItems, *rep)
	default:
		rep.Reason = "its quote is not in the text, or not in one place its context tells apart"
		im.orphan(*rep)
		return false
	}
	*a = placed
	return true
}

func (im *importer) orphan(it Item) {
	im.report.Orphaned++
	im.report.Orphans = append(im.report.Orphans, it)
}

// noteSource remembers the document a target names: a urn:uuid id is the
// document's id, anything else (a URL) where the text came from.
func (im *importer) noteSource(source string) {
	if source == "" {
		return
	}
	if id, err := annotation.ParseID(source); err == nil {
		if im.docID == "" {
			im.docID = id
		}
	} else if im.docSource == "" {
		im.docSource = source
	}
}

// newID keeps an input id that is a urn:uuid id not used yet and makes a new
// one otherwise.
func (im *importer) newID(in string) annotation.ID {
	if id, err := annotation.ParseID(in); err == nil {
		if _, used := im.ids[id]; !used {
			return id
		}
	}
	for {
		id := annotation.NewID()
		if _, used := im.ids[id]; !used {
			return id
		}
	}
}

// restoreLinks sets the speakers of quotes from the linking annotations.
func (im *importer) restoreLinks() {
	for _, l := range im.links {
		var quote, source = -1, -1
		for _, t := range l.targets {
			i, ok := im.ids[im.byInputID[t]]
			if !ok {
				continue
			}
			switch im.anns[i].Kind {
			case annotation.Quote:
				quote = i
			case annotation.Source:
				source = i
			}
		}
		if quote < 0 || source < 0 {
			l.item.Reason = "a link, but not between an imported quote and an imported source: " + quoteList(l.targets)
			im.report.Skipped = append(im.report.Skipped, l.item)
			continue
		}
		im.anns[quote].SetSpeaker(im.anns[source].ID)
		im.anns[quote].SpeakerConfidence, im.anns[quote].SpeakerReason = l.confidence, l.reason
		im.report.Links++
	}
}

// body is what Import uses of a body.
type body struct {
	purpose, value, role string
	voice                string // the field of a source's voice it gives (VoiceKey)
	byEngine             bool   // its creator is the suggestion engine
	note                 bool   // a comment: commenting, replying, describing or no purpose
}

// readBodies reads "body" (a string, an object or an array) and "bodyValue".
func readBodies(obj map[string]any, path string) ([]body, error) {
	var out []body
	if v, ok := obj["bodyValue"]; ok {
		s, isStr := v.(string)
		if !isStr {
			return nil, errorAt(join(path, "bodyValue"), "want a string, got %s", jsonType(v))
		}
		out = append(out, body{value: s, note: true})
	}
	raw, ok := obj["body"]
	if !ok {
		return out, nil
	}
	list, p := asList(raw), join(path, "body")
	for i, e := range list {
		ep := p
		if _, isArr := raw.([]any); isArr {
			ep = fmt.Sprintf("%s[%d]", p, i)
		}
		m, ok := e.(map[string]any)
		if !ok {
			continue // an external resource named by its IRI: nothing to read
		}
		v, has := m["value"]
		if !has {
			continue // not a TextualBody (a SpecificResource, a Choice…)
		}
		s, isStr := v.(string)
		if !isStr {
			return nil, errorAt(join(ep, "value"), "want a string, got %s", jsonType(v))
		}
		purposes, err := stringList(m, ep, "purpose")
		if err != nil {
			return nil, err
		}
		role, _ := m["schema:roleName"].(string)
		voice, _ := m[VoiceKey].(string)
		creator, _ := m["creator"].(map[string]any)
		byEngine := creator != nil && creator["name"] == SuggestionEngine
		if len(purposes) == 0 {
			out = append(out, body{value: s, note: true})
		}
		for _, pu := range purposes {
			note := pu == commenting || pu == "replying" || pu == describing
			out = append(out, body{purpose: pu, value: s, role: role, voice: voice, byEngine: byEngine, note: note})
		}
	}
	return out, nil
}

// addVoice sets the field of a's voice that body b gives, proposed when the
// engine made the body; a field or value the model does not know is left out.
func addVoice(a *annotation.Annotation, b body) {
	values := map[string][]string{"type": annotation.VoiceTypes, "gender": annotation.Genders, "role": annotation.VoiceRoles}[b.voice]
	if !slices.Contains(values, b.value) {
		return
	}
	if a.Voice == nil {
		a.Voice = &annotation.Voice{}
	}
	*map[string]*string{"type": &a.Voice.Type, "gender": &a.Voice.Gender, "role": &a.Voice.Role}[b.voice] = b.value
	if b.byEngine && !slices.Contains(a.Voice.Proposed, b.voice) {
		a.Voice.Proposed = append(a.Voice.Proposed, b.voice)
	}
}

// addCredit appends a creator (when not empty) or an agency to c.
func addCredit(c *annotation.Credit, creator string, agency *string) *annotation.Credit {
	if c == nil {
		c = &annotation.Credit{Creators: []string{}, Agencies: []string{}}
	}
	if agency != nil {
		c.Agencies = append(c.Agencies, *agency)
	} else {
		c.Creators = append(c.Creators, creator)
	}
	return c
}

// readProvenance reads created, modified, creator and confidence into a.
func readProvenance(obj map[string]any, path string, a *annotation.Annotation) error {
	var err error
	if a.Created, err = readTime(obj, path, "created"); err != nil {
		return err
	}
	if a.Modified, err = readTime(obj, path, "modified"); err != nil {
		return err
	}
	switch {
	case a.Created.IsZero() && a.Modified.IsZero():
		a.Created = time.Now().UTC().Truncate(time.Second)
		a.Modified = a.Created
	case a.Created.IsZero():
		a.Created = a.Modified
	case a.Modified.IsZero() || a.Modified.Before(a.Created):
		a.Modified = a.Created
	}
	if c, ok := obj["creator"].(map[string]any); ok {
		ts, err := types(c, join(path, "creator"))
		if err != nil {
			return err
		}
		name, _ := c["name"].(string)
		switch {
		case slices.Contains(ts, "Software"):
			a.Origin = annotation.Suggested
		case slices.Contains(ts, "Person"):
			a.Creator = name
		}
	}
	a.Confidence, err = readConfidence(obj, path)
	return err
}

// readConfidence reads the confidence under ConfidenceKey, 0 when there is none.
func readConfidence(obj map[string]any, path string) (float64, error) {
	v, ok := obj[ConfidenceKey]
	if !ok {
		return 0, nil
	}
	p := join(path, ConfidenceKey)
	n, isNum := v.(json.Number)
	if !isNum {
		return 0, errorAt(p, "want a number, got %s", jsonType(v))
	}
	f, err := n.Float64()
	if err != nil || f < 0 || f > 1 {
		return 0, errorAt(p, "%s is not a confidence between 0 and 1", n)
	}
	return f, nil
}

// timeLayouts are the forms of xsd:dateTime read: with a time zone (as the
// model requires) and, from lax tools, without one (taken as UTC).
var timeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999"}

// readTime reads the optional date-time key of obj (zero when absent).
func readTime(obj map[string]any, path, key string) (time.Time, error) {
	v, ok := obj[key]
	if !ok {
		return time.Time{}, nil
	}
	s, isStr := v.(string)
	if !isStr {
		return time.Time{}, errorAt(join(path, key), "want a date-time string, got %s", jsonType(v))
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errorAt(join(path, key), "%q is not a date-time such as 2026-11-26T09:30:00Z", s)
}

// linkTargets returns the ids a linking annotation's target names when it
// names two or more resources by id and nothing else.
func linkTargets(raw any) ([]string, bool) {
	list := asList(raw)
	var ids []string
	for _, e := range list {
		switch v := e.(type) {
		case string:
			ids = append(ids, v)
		case map[string]any:
			id, _ := v["id"].(string)
			if id == "" || v["selector"] != nil {
				return nil, false
			}
			ids = append(ids, id)
		default:
			return nil, false
		}
	}
	return ids, len(ids) >= 2
}

// readTargets reads the first target that has a text selector, and its source.
func readTargets(obj map[string]any, path string) (*selection, string, error) {
	raw, ok := obj["target"]
	if !ok {
		return nil, "", errorAt(join(path, "target"), "missing: every annotation has a target")
	}
	p := join(path, "target")
	_, isArr := raw.([]any)
	if isArr && len(raw.([]any)) == 0 {
		return nil, "", errorAt(p, "empty: every annotation has a target")
	}
	for i, e := range asList(raw) {
		tp := p
		if isArr {
			tp = fmt.Sprintf("%s[%d]", p, i)
		}
		t, ok := e.(map[string]any)
		if !ok {
			if _, isStr := e.(string); isStr {
				continue // a whole resource: no place in a text
			}
			return nil, "", errorAt(tp, "want a string or an object, got %s", jsonType(e))
		}
		source := ""
		switch s := t["source"].(type) {
		case string:
			source = s
		case map[string]any:
			source, _ = s["id"].(string)
		}
		sel, err := readSelectors(t["selector"], join(tp, "selector"))
		if err != nil {
			return nil, "", err
		}
		if sel != nil {
			return sel, source, nil
		}
	}
	return nil, "", nil
}

// readSelectors reads the TextQuoteSelector and TextPositionSelector among
// the selectors raw (an object or an array). A TextQuoteSelector that refines
// another selector (Hypothesis: an XPathSelector refined by a position) is
// used too, but a refining TextPositionSelector is not: it counts within the
// element the outer selector picks, not within the document.
func readSelectors(raw any, path string) (*selection, error) {
	if raw == nil {
		return nil, nil
	}
	_, isArr := raw.([]any)
	var sel selection
	found := false
	var refined *anchor.Selector
	for i, e := range asList(raw) {
		sp := path
		if isArr {
			sp = fmt.Sprintf("%s[%d]", path, i)
		}
		m, ok := e.(map[string]any)
		if !ok {
			continue // a selector named by IRI
		}
		ts, err := types(m, sp)
		if err != nil {
			return nil, err
		}
		switch {
		case slices.Contains(ts, "TextQuoteSelector"):
			q, err := readQuote(m, sp)
			if err != nil {
				return nil, err
			}
			if sel.quote == nil {
				sel.quote, found = q, true
			}
		case slices.Contains(ts, "TextPositionSelector"):
			start, end, err := readPosition(m, sp)
			if err != nil {
				return nil, err
			}
			if !sel.hasPosition {
				sel.start, sel.end, sel.hasPosition, found = start, end, true, true
			}
		default:
			if r, ok := m["refinedBy"].(map[string]any); ok && refined == nil {
				rp := join(sp, "refinedBy")
				rts, err := types(r, rp)
				if err != nil {
					return nil, err
				}
				if slices.Contains(rts, "TextQuoteSelector") {
					if refined, err = readQuote(r, rp); err != nil {
						return nil, err
					}
				}
			}
		}
	}
	if sel.quote == nil && refined != nil {
		sel.quote, found = refined, true
	}
	if !found {
		return nil, nil
	}
	return &sel, nil
}

// readQuote reads a TextQuoteSelector.
func readQuote(m map[string]any, path string) (*anchor.Selector, error) {
	var q anchor.Selector
	v, ok := m["exact"]
	if !ok {
		return nil, errorAt(join(path, "exact"), "missing: a TextQuoteSelector has the exact text")
	}
	if q.Exact, ok = v.(string); !ok {
		return nil, errorAt(join(path, "exact"), "want a string, got %s", jsonType(v))
	}
	if q.Exact == "" {
		return nil, errorAt(join(path, "exact"), "empty: a TextQuoteSelector quotes at least one character")
	}
	for key, dst := range map[string]*string{"prefix": &q.Prefix, "suffix": &q.Suffix} {
		if v, ok := m[key]; ok {
			s, isStr := v.(string)
			if !isStr {
				return nil, errorAt(join(path, key), "want a string, got %s", jsonType(v))
			}
			*dst = s
		}
	}
	return &q, nil
}

// readPosition reads a TextPositionSelector's start and end.
func readPosition(m map[string]any, path string) (start, end int, err error) {
	get := func(key string) (int, error) {
		v, ok := m[key]
		if !ok {
			return 0, errorAt(join(path, key), "missing: a TextPositionSelector has start and end")
		}
		n, isNum := v.(json.Number)
		if !isNum {
			return 0, errorAt(join(path, key), "want a number, got %s", jsonType(v))
		}
		i, err := n.Int64()
		if err != nil || i < 0 || i > 1<<31 {
			return 0, errorAt(join(path, key), "%s is not a code-point offset (a whole number, 0 or more)", n)
		}
		return int(i), nil
	}
	if start, err = get("start"); err != nil {
		return 0, 0, err
	}
	if end, err = get("end"); err != nil {
		return 0, 0, err
	}
	if end < start {
		return 0, 0, errorAt(join(path, "end"), "%d is before start %d", end, start)
	}
	return start, end, nil
}

// types returns the values of obj's "type" (or "@type"): a string or an array
// of strings; an "oa:" prefix is dropped.
func types(obj map[string]any, path string) ([]string, error) {
	key := "type"
	if _, ok := obj[key]; !ok {
		key = "@type"
	}
	ts, err := stringList(obj, path, key)
	for i, t := range ts {
		ts[i] = strings.TrimPrefix(t, "oa:")
	}
	return ts, err
}

// stringList reads obj[key], absent, a string or an array of strings.
func stringList(obj map[string]any, path, key string) ([]string, error) {
	v, ok := obj[key]
	if !ok {
		return nil, nil
	}
	p := join(path, key)
	var out []string
	for i, e := range asList(v) {
		s, isStr := e.(string)
		if !isStr {
			if _, isArr := v.([]any); isArr {
				return nil, errorAt(fmt.Sprintf("%s[%d]", p, i), "want a string, got %s", jsonType(e))
			}
			return nil, errorAt(p, "want a string or an array of strings, got %s", jsonType(e))
		}
		out = append(out, s)
	}
	return out, nil
}

// optString reads the first of keys present in obj, which must be a string.
func optString(obj map[string]any, path string, keys ...string) (string, error) {
	for _, k := range keys {
		if v, ok := obj[k]; ok {
			s, isStr := v.(string)
			if !isStr {
				return "", errorAt(join(path, k), "want a string, got %s", jsonType(v))
			}
			return s, nil
		}
	}
	return "", nil
}

// asList returns v as a list: an array's elements, nothing for null, else v alone.
func asList(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case nil:
		return nil
	}
	return []any{v}
}

// join appends key to a JSON path.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func pathOrTop(path string) string {
	if path == "" {
		return "(top level)"
	}
	return path
}

// quoteList formats strings as a quoted, comma-separated list.
func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	if len(q) == 0 {
		return "none"
	}
	return strings.Join(q, ", ")
}

// jsonType names the JSON type of a decoded value, with the value when short.
func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return fmt.Sprintf("%t", x)
	case json.Number:
		return "the number " + x.String()
	case string:
		return fmt.Sprintf("the string %q", x)
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}
