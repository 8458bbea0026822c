package annotation

import (
	"fmt"
	"strings"

	"github.com/google/uuid"
)

// ID identifies a document or an annotation: "urn:uuid:" followed by a UUID in
// its canonical lower-case form.
type ID string

const urnPrefix = "urn:uuid:"

// NewID returns a new random ID.
func NewID() ID { return ID(urnPrefix + uuid.NewString()) }

// ParseID checks that s is a "urn:uuid:" URN holding a canonical UUID and returns it.
func ParseID(s string) (ID, error) {
	rest, ok := strings.CutPrefix(s, urnPrefix)
	if !ok {
		return "", fmt.Errorf("%q is not a urn:uuid: id", s)
	}
	u, err := uuid.Parse(rest)
	if err != nil || u.String() != rest {
		return "", fmt.Errorf("%q does not hold a canonical lower-case UUID", s)
	}
	return ID(s), nil
}

// UUID returns the UUID part of the id ("urn:uuid:" removed).
func (id ID) UUID() string { return strings.TrimPrefix(string(id), urnPrefix) }
