package annotation

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/newsroom/annotator/app/anchor"
)

// FormatName is the value of a file's "format" field.
const FormatName = "article-annotations"

// Version is the newest file format version this program reads and the one it
// writes. Version 2 added the document's metadata and blocks, and a quote's
// speaker evidence, a source's voice and an annotation's creator; a version 1
// file is read as the same file of version 2.
const Version = 2

// File is an article with its annotations: the unit that is saved, exported and imported.
type File struct {
	// Format is always FormatName.
	Format string `json:"format"`
	// Version is the format version, Version when written by this program.
	Version int `json:"version"`
	// Document is the annotated article.
	Document Document `json:"document"`
	// Annotations are the document's annotations, in text order when encoded.
	Annotations []Annotation `json:"annotations"`
}

// NewFile returns a file of the current version for doc and its annotations.
func NewFile(doc Document, anns []Annotation) File {
	return File{Format: FormatName, Version: Version, Document: doc, Annotations: anns}
}

// Problem is one thing wrong with a file, located by its JSON path.
type Problem struct {
	// Path locates the problem, e.g. "annotations[3].end"; empty for the whole file.
	Path string `json:"path"`
	// Message says what is wrong.
	Message string `json:"message"`
}

func (p Problem) String() string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}

// Error lists every problem found in a file.
type Error struct {
	Problems []Problem
}

func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// problems collects the problems found while decoding or validating.
type problems []Problem

func (ps *problems) add(path, format string, args ...any) {
	*ps = append(*ps, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

// under prefixes every path, relative to base, with base.
func (ps problems) under(base string) problems {
	for i := range ps {
		ps[i].Path = base + ps[i].Path
	}
	return ps
}

func (ps problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	return &Error{Problems: ps}
}

// Decode parses and validates a file. It returns an *Error listing every problem
// with its JSON path when the file is not valid; it never panics.
func Decode(data []byte) (File, error) {
	// Fast path: one strict pass over the whole file. Only when it fails is the
	// file read again part by part, to locate every problem.
	var wire wireFile
	if err := unmarshalFile(data, &wire); err != nil {
		return decodeParts(data, err)
	}
	var ps problems
	checkHead(&ps, wire.Format, wire.Version)
	if wire.Version != nil && *wire.Version > Version {
		return File{}, ps.err()
	}
	if wire.Document == nil {
		ps.add("document", "missing")
		return File{}, ps.err()
	}
	if wire.Annotations == nil {
		ps.add("annotations", "missing; want an array (empty when there are none)")
		wire.Annotations = []Annotation{}
	}
	f := File{Format: FormatName, Version: Version, Document: *wire.Document, Annotations: wire.Annotations}
	idx := make([]int, len(f.Annotations))
	for i := range idx {
		idx[i] = i
	}
	ps = append(ps, validate(f, idx)...)
	if wire.Version != nil && *wire.Version == 1 {
		ps = append(ps, newerFields(f, idx)...)
	}
	if err := ps.err(); err != nil {
		return File{}, err
	}
	return f, nil
}

// wireFile is a file as read, before its fields are checked.
type wireFile struct {
	Format      *string      `json:"format"`
	Version     *int         `json:"version"`
	Document    *Document    `json:"document"`
	Annotations []Annotation `json:"annotations"`
}

// checkHead checks a file's format and version fields.
func checkHead(ps *problems, format *string, version *int) {
	switch {
	case format == nil:
		ps.add("format", "missing; want %q", FormatName)
	case *format != FormatName:
		ps.add("format", "%q is not %q", *format, FormatName)
	}
	switch {
	case version == nil:
		ps.add("version", "missing; want %d", Version)
	case *version > Version:
		ps.add("version", "version %d is newer than this program reads (up to %d): update the annotator", *version, Version)
	case *version < 1:
		ps.add("version", "%d is not a version (the first is 1)", *version)
	}
}

// decodeParts reads a file that failed to decode in one pass (with whole) part
// by part, to report every problem with its path.
func decodeParts(data []byte, whole error) (File, error) {
	var ps problems
	var head struct {
		Format      *string           `json:"format"`
		Version     *int              `json:"version"`
		Document    json.RawMessage   `json:"document"`
		Annotations []json.RawMessage `json:"annotations"`
	}
	if err := strictUnmarshal(data, &head); err != nil {
		ps.add("", "%s", jsonMessage(err))
		return File{}, ps.err()
	}
	checkHead(&ps, head.Format, head.Version)
	if head.Version != nil && *head.Version > Version {
		return File{}, ps.err()
	}
	f := File{Format: FormatName, Version: Version}
	if head.Document == nil {
		ps.add("document", "missing")
	} else if err := strictUnmarshal(head.Document, &f.Document); err != nil {
		ps.add(fieldPath("document", err), "%s", jsonMessage(err))
	}
	if head.Annotations == nil {
		ps.add("annotations", "missing; want an array (empty when there are none)")
	}
	f.Annotations = make([]Annotation, 0, len(head.Annotations))
	decoded := make([]int, 0, len(head.Annotations)) // index in the file of each decoded annotation
	for i, raw := range head.Annotations {
		var a Annotation
		if err := strictUnmarshal(raw, &a); err != nil {
			ps.add(fieldPath(fmt.Sprintf("annotations[%d]", i), err), "%s", jsonMessage(err))
			continue
		}
		f.Annotations = append(f.Annotations, a)
		decoded = append(decoded, i)
	}
	if head.Document != nil {
		ps = append(ps, validate(f, decoded)...)
		if head.Version != nil && *head.Version == 1 {
			ps = append(ps, newerFields(f, decoded)...)
		}
	}
	if len(ps) == 0 {
		ps.add("", "%s", jsonMessage(whole))
	}
	return File{}, ps.err()
}

// Validate checks a file as Decode does and returns an *Error listing every problem.
func (f File) Validate() error {
	idx := make([]int, len(f.Annotations))
	for i := range idx {
		idx[i] = i
	}
	var ps problems
	if f.Format != FormatName {
		ps.add("format", "%q is not %q", f.Format, FormatName)
	}
	if f.Version != Version {
		ps.add("version", "%d is not %d", f.Version, Version)
	}
	return append(ps, validate(f, idx)...).err()
}

// newerFields reports the fields of a version 1 file that only version 2 has.
func newerFields(f File, fileIndex []int) problems {
	var ps problems
	d := f.Document
	for _, field := range []struct {
		name string
		set  bool
	}{
		{"byline", d.Byline != ""}, {"published", !d.Published.IsZero()}, {"site", d.Site != ""},
		{"language", d.Language != ""}, {"url", d.URL != ""}, {"blocks", d.Blocks != nil},
	} {
		if field.set {
			ps.add("document."+field.name, "is a version 2 field, but the file says version 1")
		}
	}
	for i, a := range f.Annotations {
		for _, field := range []struct {
			name string
			set  bool
		}{
			{"speakerConfidence", a.SpeakerConfidence != 0}, {"speakerReason", a.SpeakerReason != ""},
			{"voice", a.Voice != nil}, {"creator", a.Creator != ""},
		} {
			if field.set {
				ps.add(fmt.Sprintf("annotations[%d].%s", fileIndex[i], field.name), "is a version 2 field, but the file says version 1")
			}
		}
	}
	return ps
}

// validate checks the document and annotations; fileIndex maps each annotation to
// its index in the file, for paths.
func validate(f File, fileIndex []int) problems {
	var ps problems
	d := f.Document
	if _, err := ParseID(string(d.ID)); err != nil {
		ps.add("document.id", "%v", err)
	}
	if strings.Contains(d.Text, "\r") {
		ps.add("document.text", "holds a carriage return: line ends must be LF")
	}
	if d.SHA256 != TextHash(d.Text) {
		ps.add("document.sha256", "%q is not the SHA-256 of the text (%s)", d.SHA256, TextHash(d.Text))
	}
	text := anchor.NewText(d.Text)
	n := text.Len()
	ps = append(ps, validateMetadata(d, text, n)...)
	byID := make(map[ID]int, len(f.Annotations))
	at := func(i int) string { return fmt.Sprintf("annotations[%d]", fileIndex[i]) }
	for i, a := range f.Annotations {
		var own problems
		if _, err := ParseID(string(a.ID)); err != nil {
			own.add(".id", "%v", err)
		} else if j, dup := byID[a.ID]; dup {
			own.add(".id", "%s is also the id of %s", a.ID, at(j))
		} else {
			byID[a.ID] = i
		}
		own = append(own, validateAnnotation(a, text, n)...)
		if len(own) > 0 {
			ps = append(ps, own.under(at(i))...)
		}
	}
	for i, a := range f.Annotations {
		if a.Speaker == "" {
			continue
		}
		j, ok := byID[a.Speaker]
		switch {
		case !ok:
			ps.add(at(i)+".speaker", "%s is not the id of any annotation", a.Speaker)
		case f.Annotations[j].Kind != Source:
			ps.add(at(i)+".speaker", "%s is a %s, not a source", a.Speaker, f.Annotations[j].Kind)
		}
	}
	return ps
}

// validateAnnotation checks one annotation against the text (n code points
// long); the problems' paths are relative to the annotation's, such as ".end".
func validateAnnotation(a Annotation, text *anchor.Text, n int) problems {
	var ps problems
	if !a.Kind.Valid() {
		ps.add(".kind", "%q is not a kind (quote, source or photo-credit)", a.Kind)
	}
	spanOK := true
	switch {
	case a.Start < 0:
		ps.add(".start", "%d is negative", a.Start)
		spanOK = false
	case a.Start > n:
		ps.add(".start", "%d is beyond the end of the text (%d code points)", a.Start, n)
		spanOK = false
	}
	switch {
	case a.End > n:
		ps.add(".end", "%d is beyond the end of the text (%d code points)", a.End, n)
		spanOK = false
	case a.End <= a.Start:
		ps.add(".end", "%d is not after start %d: a span covers at least one character", a.End, a.Start)
		spanOK = false
	}
	if spanOK {
		exact, prefix, suffix := text.Context(a.Start, a.End)
		if a.Exact != exact {
			ps.add(".exact", "%q is not the text at %d–%d (%q)", a.Exact, a.Start, a.End, exact)
		}
		if a.Prefix != prefix {
			ps.add(".prefix", "%q is not the text before %d (%q)", a.Prefix, a.Start, prefix)
		}
		if a.Suffix != suffix {
			ps.add(".suffix", "%q is not the text after %d (%q)", a.Suffix, a.End, suffix)
		}
	}
	if a.Speaker != "" && a.Kind != Quote {
		ps.add(".speaker", "only a quote has a speaker, not a %s", a.Kind)
	}
	if a.Name != "" && a.Kind != Source {
		ps.add(".name", "only a source has a name, not a %s", a.Kind)
	}
	if a.Credit != nil && a.Kind != PhotoCredit {
		ps.add(".credit", "only a photo credit has a credit, not a %s", a.Kind)
	}
	if a.Origin != Human && a.Origin != Suggested {
		ps.add(".origin", "%q is not an origin (human or suggested)", a.Origin)
	}
	if a.Confidence < 0 || a.Confidence > 1 {
		ps.add(".confidence", "%v is not between 0 and 1", a.Confidence)
	}
	if a.SpeakerConfidence != 0 || a.SpeakerReason != "" {
		switch {
		case a.Speaker == "":
			ps.add(".speakerConfidence", "only a quote linked to a speaker has the link's confidence or reason")
		case a.SpeakerConfidence < 0 || a.SpeakerConfidence > 1:
			ps.add(".speakerConfidence", "%v is not between 0 and 1", a.SpeakerConfidence)
		}
	}
	if a.Voice != nil {
		if a.Kind != Source {
			ps.add(".voice", "only a source has a voice, not a %s", a.Kind)
		}
		ps = append(ps, validateVoice(*a.Voice)...)
	}
	if a.Created.IsZero() {
		ps.add(".created", "missing; want an RFC 3339 time")
	}
	if a.Modified.IsZero() {
		ps.add(".modified", "missing; want an RFC 3339 time")
	} else if a.Modified.Before(a.Created) {
		ps.add(".modified", "%s is before created %s", a.Modified.Format(time.RFC3339), a.Created.Format(time.RFC3339))
	}
	return ps
}

// validateMetadata checks a document's version 2 fields against its text (n
// code points long).
func validateMetadata(d Document, text *anchor.Text, n int) problems {
	var ps problems
	if d.URL != "" {
		if u, err := url.Parse(d.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			ps.add("document.url", "%q is not an absolute http or https URL", d.URL)
		}
	}
	if d.Language != "" && !isLanguageTag(d.Language) {
		ps.add("document.language", "%q is not a BCP 47 language tag such as \"en\" or \"en-GB\"", d.Language)
	}
	end := 0
	for i, b := range d.Blocks {
		at := fmt.Sprintf("document.blocks[%d]", i)
		if !b.Role.Valid() {
			ps.add(at+".role", "%q is not a role (%s)", b.Role, joinRoles())
		}
		switch {
		case b.Start < end:
			ps.add(at+".start", "%d is before the end of the block before it (%d): blocks are in text order and do not overlap", b.Start, end)
		case b.End <= b.Start || b.End > n:
			ps.add(at+".end", "%d is not after start %d and within the text (%d code points)", b.End, b.Start, n)
		case b.Start > 0 && text.Slice(b.Start-1, b.Start) != "\n", b.End < n && text.Slice(b.End, b.End+1) != "\n":
			ps.add(at, "%d–%d does not cover whole paragraphs", b.Start, b.End)
		}
		end = max(end, b.End)
	}
	return ps
}

// validateVoice checks a source's voice; paths are relative to the annotation's.
func validateVoice(v Voice) problems {
	var ps problems
	for _, field := range []struct {
		name, value string
		values      []string
	}{{"type", v.Type, VoiceTypes}, {"gender", v.Gender, Genders}, {"role", v.Role, VoiceRoles}} {
		if field.value != "" && !slices.Contains(field.values, field.value) {
			ps.add(".voice."+field.name, "%q is not a %s (%s)", field.value, field.name, strings.Join(field.values, ", "))
		}
	}
	for i, p := range v.Proposed {
		if p != "type" && p != "gender" && p != "role" {
			ps.add(fmt.Sprintf(".voice.proposed[%d]", i), "%q is not a field of a voice (type, gender or role)", p)
		}
	}
	return ps
}

// isLanguageTag reports whether s has the shape of a BCP 47 tag: a language of
// two or three letters, then subtags of letters and digits, one to eight long,
// joined by hyphens.
func isLanguageTag(s string) bool {
	for i, sub := range strings.Split(s, "-") {
		if len(sub) < 1 || len(sub) > 8 || i == 0 && (len(sub) < 2 || len(sub) > 3) {
			return false
		}
		for _, c := range []byte(sub) {
			letter := c|0x20 >= 'a' && c|0x20 <= 'z'
			if !letter && (i == 0 || c < '0' || c > '9') {
				return false
			}
		}
	}
	return true
}

// joinRoles lists the roles a block may have.
func joinRoles() string {
	names := make([]string, len(Roles))
	for i, r := range Roles {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}

// strictUnmarshal decodes one JSON value into v, refusing unknown fields and trailing data.
func strictUnmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("unexpected data after the JSON value")
	}
	if _, err := dec.Token(); err == nil {
		return errors.New("unexpected data after the JSON value")
	}
	return nil
}

// fieldPath extends base with the field a JSON type error names.
func fieldPath(base string, err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return base + "." + te.Field
	}
	return base
}

// jsonMessage turns an encoding/json error into a message for an editor.
func jsonMessage(err error) string {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	var pe *time.ParseError
	switch {
	case errors.As(err, &te):
		return fmt.Sprintf("want %s, got JSON %s", jsonKind(te.Type.Kind()), te.Value)
	case errors.As(err, &se):
		return fmt.Sprintf("malformed JSON at byte %d: %v", se.Offset, se)
	case errors.As(err, &pe):
		return fmt.Sprintf("%q is not an RFC 3339 time", pe.Value)
	case errors.Is(err, io.EOF):
		return "empty: want a JSON object"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "malformed JSON: it ends too soon"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// jsonKind names the JSON value a Go value of kind k is decoded from.
func jsonKind(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	default:
		return "a number"
	}
}

// Encode writes the file deterministically: annotations in text order, fields in a
// fixed order, two-space indent, a final newline. Decoding and re-encoding its
// output gives the same bytes.
func Encode(f File) ([]byte, error) {
	f.Format, f.Version = FormatName, Version
	f.Annotations = append([]Annotation{}, f.Annotations...)
	SortTextOrder(f.Annotations)
	// The text, the bulk of a file, is encoded on its own and spliced in: a JSON
	// string needs no indenting, and indenting it costs more than encoding it.
	text := f.Document.Text
	f.Document.Text = ""
	body, err := encodeJSON(f, "  ")
	if err != nil {
		return nil, err
	}
	quoted, err := encodeJSON(text, "")
	if err != nil {
		return nil, err
	}
	quoted = bytes.TrimSuffix(quoted, []byte("\n"))
	// "id" and "title" come before "text" in a document, and inside a JSON
	// string a quotation mark is escaped, so the first match is the field.
	const empty = `"text": ""`
	i := bytes.Index(body, []byte(empty))
	out := make([]byte, 0, len(body)+len(quoted))
	out = append(out, body[:i+len(empty)-2]...)
	out = append(out, quoted...)
	return append(out, body[i+len(empty):]...), nil
}

// encodeJSON encodes v without HTML escaping, indented by indent, with a final newline.
func encodeJSON(v any, indent string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// SortTextOrder sorts annotations in text order: by start, then the longer
// (enclosing) span first, then by kind and id so the order is total.
func SortTextOrder(anns []Annotation) {
	slices.SortStableFunc(anns, CompareTextOrder)
}

// CompareTextOrder orders two annotations as SortTextOrder does.
func CompareTextOrder(a, b Annotation) int {
	return cmp.Or(
		cmp.Compare(a.Start, b.Start),
		cmp.Compare(b.End, a.End),
		cmp.Compare(a.Kind, b.Kind),
		cmp.Compare(a.ID, b.ID),
	)
}
