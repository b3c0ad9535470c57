package catalog

import "testing"

// TestOverrideByIDAlone: a user template that gives only an id of the
// form KIND/RELATIONSHIP/TONE replaces the default for those selectors.
func TestOverrideByIDAlone(t *testing.T) {
	def, err := Parse("d.yaml", []byte("kind: recommendation\ntemplates:\n  - relationship: stranger\n    tone: warm\n    body: default\n"), DefaultSource)
	if err != nil {
		t.Fatal(err)
	}
	mine, err := Parse("m.yaml", []byte("templates:\n  - id: recommendation/stranger/warm\n    body: mine\n"), "m.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Merge(def, mine)
	if err != nil {
		t.Fatal(err)
	}
	for name, find := range map[string]func() (*Template, error){
		"Find":   func() (*Template, error) { return c.Find("recommendation", "stranger", "warm") },
		"Choose": func() (*Template, error) { return c.Choose("recommendation", "stranger", "warm") },
	} {
		got, err := find()
		if err != nil || got.Source != "m.yaml" {
			t.Errorf("%s = %v, %v; want the user's template", name, got, err)
		}
	}
	if rels := c.RelationshipsFor("recommendation"); len(rels) != 1 || rels[0] != "stranger" {
		t.Errorf("RelationshipsFor = %v", rels)
	}
}
