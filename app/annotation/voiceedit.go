package annotation

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// NameKey is what joins source names: the same name in any case, with any
// run of spaces and either apostrophe ("O’Brien", "o'brien"). The voices
// report and SetVoice join sources by it.
func NameKey(name string) string {
	if isNameKey(name) {
		return name
	}
	return strings.ToLower(strings.ReplaceAll(TidyName(name), "’", "'"))
}

// isNameKey reports whether name is its own key: lower-case ASCII with single
// spaces between words, as most names' keys are once made.
func isNameKey(name string) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 0x80 || c >= 'A' && c <= 'Z' || c < ' ' || c == ' ' && (i == 0 || i == len(name)-1 || name[i-1] == ' ') {
			return false
		}
	}
	return true
}

// TidyName trims a name and collapses its runs of spaces.
func TidyName(name string) string { return strings.Join(strings.Fields(name), " ") }

// SourceName is the name a source goes by: its name, else its text, tidied.
func (a Annotation) SourceName() string {
	if n := TidyName(a.Name); n != "" {
		return n
	}
	return TidyName(a.Exact)
}

// voiceFields are the fields of a Voice, as Proposed names them.
var voiceFields = [3]string{"type", "gender", "role"}

// field returns a pointer to v's field i of voiceFields.
func (v *Voice) field(i int) *string { return [3]*string{&v.Type, &v.Gender, &v.Role}[i] }

// SetVoice returns the one edit that sets the voice v on the source id and on
// every source that shares its name (NameKey of SourceName): each field of v
// is an editor's choice, confirmed (no longer proposed), an empty one meaning
// unknown. A field that v.Proposed lists is left as it is on each source, as
// an editor who has not decided on it leaves it. A voice left with no field
// set and nothing proposed is removed.
func (s *Set) SetVoice(id ID, v Voice, now time.Time) (Edit, error) {
	if err := s.checkSource(id); err != nil {
		return Edit{}, err
	}
	v.Proposed = slices.Clone(v.Proposed)
	if ps := validateVoice(v); len(ps) > 0 {
		return Edit{}, fmt.Errorf("source %s: %w", id, ps.under("annotation").err())
	}
	self, _ := s.Get(id)
	key := NameKey(self.SourceName())
	e := Edit{Label: "Set voice of " + self.SourceName()}
	for _, a := range s.items {
		if a.Kind != Source || NameKey(a.SourceName()) != key {
			continue
		}
		next := Voice{}
		if a.Voice != nil {
			next = *a.Voice
		}
		proposed := []string{}
		for i, f := range voiceFields {
			if slices.Contains(v.Proposed, f) {
				if a.Voice != nil && slices.Contains(a.Voice.Proposed, f) {
					proposed = append(proposed, f)
				}
				continue
			}
			*next.field(i) = *v.field(i)
		}
		next.Proposed = proposed
		if len(next.Proposed) == 0 {
			next.Proposed = nil
		}
		before, after := a, a
		if next.Type != "" || next.Gender != "" || next.Role != "" || next.Proposed != nil {
			after.Voice = &next
		} else {
			after.Voice = nil
		}
		if sameAnnotation(before, after) {
			continue
		}
		after.Modified = now
		e.Changes = append(e.Changes, Change{Before: &before, After: &after})
	}
	return e, nil
}
