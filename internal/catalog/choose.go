package catalog

import (
	"fmt"
	"strings"

	"github.com/decline-cli/decline/internal/safetext"
)

// CheckRelationship reports whether rel is a known relationship that has
// replies of the given kind; the error lists the relationships that do.
func (c *Catalog) CheckRelationship(kind, rel string) error {
	if _, ok := Lookup(Relationships, rel); !ok {
		return fmt.Errorf("unknown relationship %s for kind %s (choose one of: %s)", safetext.Quote(rel), kind, strings.Join(c.RelationshipsFor(kind), ", "))
	}
	if !contains(c.RelationshipsFor(kind), rel) {
		return fmt.Errorf("there is no %s reply for relationship %s (for %s, choose one of: %s)", kind, rel, kind, strings.Join(c.RelationshipsFor(kind), ", "))
	}
	return nil
}

// CheckChoice reports whether id is one of choices; the error names what
// was being chosen (such as "kind") and lists the valid ids.
func CheckChoice(what, id string, choices []Choice) error {
	if _, ok := Lookup(choices, id); !ok {
		return fmt.Errorf("unknown %s %s (choose one of: %s)", what, safetext.Quote(id), strings.Join(IDs(choices), ", "))
	}
	return nil
}

// Choose returns the template for a kind, relationship and tone given by
// a person, with an error that says which values exist when there is
// none.
func (c *Catalog) Choose(kind, rel, tone string) (*Template, error) {
	if t, ok := c.byKey[key{kind, rel, tone}]; ok {
		return t, nil
	}
	if err := CheckChoice("kind", kind, Kinds); err != nil {
		return nil, err
	}
	if err := CheckChoice("tone", tone, Tones); err != nil {
		return nil, err
	}
	if err := c.CheckRelationship(kind, rel); err != nil {
		return nil, err
	}
	return c.Find(kind, rel, tone)
}
