package catalog

import (
	"fmt"
	"strings"

	"github.com/decline-cli/decline/internal/safetext"
)

// CheckRelationship reports whether rel is a relationship of the language
// that has replies of the given kind; the error lists the relationships
// that do.
func (c *Catalog) CheckRelationship(lang, kind, rel string) error {
	if _, ok := c.Locale(lang).Relationship(rel); ok && c.hasRelationship(lang, kind, rel) {
		return nil
	}
	rels := c.RelationshipsFor(lang, kind)
	if _, ok := c.Locale(lang).Relationship(rel); !ok {
		return fmt.Errorf("unknown relationship %s for kind %s (choose one of: %s)", safetext.Quote(rel), kind, strings.Join(rels, ", "))
	}
	if !contains(rels, rel) {
		return fmt.Errorf("there is no %s reply for relationship %s (for %s, choose one of: %s)", kind, rel, kind, strings.Join(rels, ", "))
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

// Choose returns the template for a key given by a person, with an error
// that says which values exist when there is none.
func (c *Catalog) Choose(k Key) (*Template, error) {
	if t, ok := c.find(k); ok {
		return t, nil
	}
	loc := c.Locale(k.Lang)
	if err := CheckChoice("kind", k.Kind, loc.Kinds); err != nil {
		return nil, err
	}
	if err := CheckChoice("tone", k.Tone, loc.Tones); err != nil {
		return nil, err
	}
	if err := c.CheckRelationship(k.Lang, k.Kind, k.Relationship); err != nil {
		return nil, err
	}
	return c.Find(k)
}
