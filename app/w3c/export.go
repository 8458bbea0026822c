package w3c

import (
	"bytes"
	"encoding/json"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/newsroom/annotator/app/annotation"
)

// Context is the JSON-LD context of every exported object.
const Context = "http://www.w3.org/ns/anno.jsonld"

// ConfidenceKey is the JSON-LD key (a full IRI) of a suggestion's confidence.
const ConfidenceKey = "https://github.com/newsroom/annotator/ns#confidence"

// VoiceKey is the JSON-LD key (a full IRI) that names the field of a
// source's voice ("type", "gender" or "role") a classifying body gives.
const VoiceKey = "https://github.com/newsroom/annotator/ns#voice"

// SuggestionEngine is the name of the creator of suggested annotations.
const SuggestionEngine = "Article Annotator suggestion engine"

// The motivations and purposes this package writes (model section 3.3.5).
const (
	classifying = "classifying"
	commenting  = "commenting"
	describing  = "describing"
	identifying = "identifying"
	linking     = "linking"
	tagging     = "tagging"
)

// speakerTag is the tagging body of a quote → speaker link.
const speakerTag = "speaker"

// The schema:roleName values of a photo credit's names.
const (
	roleCreator = "creator"
	roleAgency  = "agency"
)

// motivations maps each kind to the motivation of its annotations (see the
// package doc for why).
var motivations = map[annotation.Kind]string{
	annotation.Quote:       classifying,
	annotation.Source:      identifying,
	annotation.PhotoCredit: identifying,
}

// collection is an AnnotationCollection with its first page embedded.
type collection struct {
	Context string `json:"@context"`
	ID      string `json:"id"`
	Type    string `json:"type"`
	Label   string `json:"label,omitempty"`
	Source  string `json:"dcterms:source,omitempty"`
	Total   int    `json:"total"`
	First   page   `json:"first"`
	Last    string `json:"last"`
}

// page is an AnnotationPage. It carries its own @context and describes its
// collection in partOf, as the model's example does, so that it is a valid
// page when taken out of the collection too.
type page struct {
	Context    string    `json:"@context"`
	ID         string    `json:"id"`
	Type       string    `json:"type"`
	PartOf     partOf    `json:"partOf"`
	StartIndex int       `json:"startIndex"`
	Items      []wireAnn `json:"items"`
}

// partOf describes the collection a page belongs to.
type partOf struct {
	ID    string `json:"id"`
	Label string `json:"label,omitempty"`
	Total int    `json:"total"`
}

// wireAnn is an exported Annotation; Target is a *target or, for a link, []string.
type wireAnn struct {
	Context    string     `json:"@context"`
	ID         string     `json:"id"`
	Type       string     `json:"type"`
	Motivation string     `json:"motivation"`
	Creator    *agent     `json:"creator,omitempty"`
	Created    time.Time  `json:"created"`
	Modified   time.Time  `json:"modified"`
	Body       []textBody `json:"body"`
	Target     any        `json:"target"`
	Confidence float64    `json:"https://github.com/newsroom/annotator/ns#confidence,omitempty"`
}

// agent is an annotation's creator: the suggestion engine (Software) or the
// editor the server named (Person).
type agent struct {
	Type string `json:"type"`
	Name string `json:"name"`
}

// textBody is a TextualBody; a voice field the engine proposed has the engine as its creator.
type textBody struct {
	Type    string `json:"type"`
	Purpose string `json:"purpose"`
	Value   string `json:"value"`
	Role    string `json:"schema:roleName,omitempty"`
	Voice   string `json:"https://github.com/newsroom/annotator/ns#voice,omitempty"`
	Creator *agent `json:"creator,omitempty"`
}

// target is a SpecificResource: the document and where in it.
type target struct {
	Source   string `json:"source"`
	Selector []any  `json:"selector"`
}

type quoteSelector struct {
	Type   string `json:"type"`
	Exact  string `json:"exact"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
}

type positionSelector struct {
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Export writes f as a W3C AnnotationCollection (JSON-LD) with its first page
// embedded, as the package doc describes. The output is deterministic:
// annotations in text order, then the speaker links in the order of their
// quotes. A file that is not valid is refused with its problems.
func Export(f annotation.File) ([]byte, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	anns := append([]annotation.Annotation{}, f.Annotations...)
	annotation.SortTextOrder(anns)
	items := make([]wireAnn, 0, len(anns))
	target := string(f.Document.ID)
	if f.Document.URL != "" {
		target = f.Document.URL
	}
	for _, a := range anns {
		items = append(items, exportAnnotation(target, a))
	}
	for _, a := range anns {
		if a.Speaker != "" {
			items = append(items, speakerLink(a))
		}
	}
	docID := string(f.Document.ID)
	coll := collection{
		Context: Context,
		ID:      derivedID(docID, "collection"),
		Type:    "AnnotationCollection",
		Label:   f.Document.Title,
		Source:  f.Document.Source,
		Total:   len(items),
		First: page{
			Context: Context,
			ID:      derivedID(docID, "page 1"),
			Type:    "AnnotationPage",
			PartOf:  partOf{ID: derivedID(docID, "collection"), Label: f.Document.Title, Total: len(items)},
			Items:   items,
		},
	}
	coll.Last = coll.First.ID
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(coll); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// exportAnnotation turns one annotation into a W3C Annotation whose target's
// source is doc: the document's URL, or else its id.
func exportAnnotation(doc string, a annotation.Annotation) wireAnn {
	w := wireAnn{
		Context: Context, ID: string(a.ID), Type: "Annotation",
		Motivation: motivations[a.Kind],
		Created:    a.Created, Modified: a.Modified,
		Body: []textBody{{Type: "TextualBody", Purpose: tagging, Value: string(a.Kind)}},
		Target: &target{Source: doc, Selector: []any{
			quoteSelector{Type: "TextQuoteSelector", Exact: a.Exact, Prefix: a.Prefix, Suffix: a.Suffix},
			positionSelector{Type: "TextPositionSelector", Start: a.Start, End: a.End},
		}},
	}
	switch {
	case a.Origin == annotation.Suggested:
		w.Creator = &agent{Type: "Software", Name: SuggestionEngine}
		w.Confidence = a.Confidence
	case a.Creator != "":
		w.Creator = &agent{Type: "Person", Name: a.Creator}
	}
	if a.Name != "" {
		w.Body = append(w.Body, textBody{Type: "TextualBody", Purpose: identifying, Value: a.Name})
	}
	if v := a.Voice; v != nil {
		for _, f := range [][2]string{{"type", v.Type}, {"gender", v.Gender}, {"role", v.Role}} {
			if f[1] == "" {
				continue
			}
			b := textBody{Type: "TextualBody", Purpose: classifying, Value: f[1], Voice: f[0]}
			if slices.Contains(v.Proposed, f[0]) {
				b.Creator = &agent{Type: "Software", Name: SuggestionEngine}
			}
			w.Body = append(w.Body, b)
		}
	}
	if a.Credit != nil {
		for _, c := range a.Credit.Creators {
			w.Body = append(w.Body, textBody{Type: "TextualBody", Purpose: identifying, Value: c, Role: roleCreator})
		}
		for _, c := range a.Credit.Agencies {
			w.Body = append(w.Body, textBody{Type: "TextualBody", Purpose: identifying, Value: c, Role: roleAgency})
		}
	}
	if a.Note != "" {
		w.Body = append(w.Body, textBody{Type: "TextualBody", Purpose: commenting, Value: a.Note})
	}
	return w
}

// speakerLink is the linking annotation from quote q to its speaker; a link
// the engine proposed has the engine as creator, its confidence, and its
// evidence as a describing body.
func speakerLink(q annotation.Annotation) wireAnn {
	w := wireAnn{
		Context: Context, ID: derivedID(string(q.ID), "speaker "+string(q.Speaker)), Type: "Annotation",
		Motivation: linking,
		Created:    q.Modified, Modified: q.Modified,
		Body:   []textBody{{Type: "TextualBody", Purpose: tagging, Value: speakerTag}},
		Target: []string{string(q.ID), string(q.Speaker)},
	}
	if q.SpeakerConfidence > 0 || q.SpeakerReason != "" {
		w.Creator = &agent{Type: "Software", Name: SuggestionEngine}
		w.Confidence = q.SpeakerConfidence
	}
	if q.SpeakerReason != "" {
		w.Body = append(w.Body, textBody{Type: "TextualBody", Purpose: describing, Value: q.SpeakerReason})
	}
	return w
}

// derivedID returns a urn:uuid id derived from id and what (a name-based
// SHA-1 UUID), so that exports are reproducible.
func derivedID(id, what string) string {
	return "urn:uuid:" + uuid.NewSHA1(uuid.NameSpaceURL, []byte(id+"#"+what)).String()
}
