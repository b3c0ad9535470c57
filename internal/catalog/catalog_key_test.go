package catalog

import (
	"fmt"
	"os"
	"testing"
)

// english reads the default English locale, which package templates
// compiles (and this package's internal tests cannot import).
func english(t testing.TB) *Locale {
	t.Helper()
	data, err := os.ReadFile("../../templates/en/locale.yaml")
	if err != nil {
		t.Fatal(err)
	}
	l, err := ParseLocale("templates/en/locale.yaml", DefaultLang, data)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

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
	c, err := Merge([]*Locale{english(t)}, def, mine)
	if err != nil {
		t.Fatal(err)
	}
	for name, find := range map[string]func() (*Template, error){
		"Find":   func() (*Template, error) { return c.Find(Key{"en", "recommendation", "stranger", "warm"}) },
		"Choose": func() (*Template, error) { return c.Choose(Key{"en", "recommendation", "stranger", "warm"}) },
	} {
		got, err := find()
		if err != nil || got.Source != "m.yaml" {
			t.Errorf("%s = %v, %v; want the user's template", name, got, err)
		}
	}
	if rels := c.RelationshipsFor("en", "recommendation"); len(rels) != 1 || rels[0] != "stranger" {
		t.Errorf("RelationshipsFor = %v", rels)
	}
}

// TestCompileVariantParsesOnlyWhatOneReplyNeeds: drafting one reply
// parses its subject and its wording; a fault elsewhere shows up where
// that part is used, and in Compile.
func TestCompileVariantParsesOnlyWhatOneReplyNeeds(t *testing.T) {
	ts := FromSpecs([]Spec{{ID: "x/y", File: "x.yaml", Line: 3, Subject: "Hi",
		Variants: []string{"Hi {{.Name}}", "Hi {{.Name"}, VariantLines: []int{5, 9}}}, DefaultSource)
	tmpl := ts[0]
	if err := tmpl.CompileVariant(0); err != nil {
		t.Fatalf("wording 1: %v", err)
	}
	if tmpl.bodies[1] != nil || tmpl.done[2] {
		t.Error("wording 2 was parsed for wording 1")
	}
	want := "x.yaml:9: variant 2 of x/y does not parse: unclosed action"
	if err := tmpl.CompileVariant(1); err == nil || err.Error() != want {
		t.Errorf("wording 2: %v, want %s", err, want)
	}
	if err := tmpl.Compile(); err == nil || err.Error() != want {
		t.Errorf("Compile: %v, want %s", err, want)
	}
}

// TestCheckedLayerIndexedLazilyAsEagerly: a checked first layer (the
// defaults) is indexed a language at a time, on first look-up; what a
// catalog finds is the same as when that layer is checked and indexed
// in New, whichever look-up comes first.
func TestCheckedLayerIndexedLazilyAsEagerly(t *testing.T) {
	def, err := Parse("d.yaml", []byte("kind: recommendation\ntemplates:\n"+
		"  - relationship: stranger\n    tone: warm\n    body: default warm\n"+
		"  - relationship: stranger\n    tone: brief\n    body: default brief\n"+
		"  - relationship: busy\n    tone: brief\n    body: default busy\n"), DefaultSource)
	if err != nil {
		t.Fatal(err)
	}
	mine, err := Parse("m.yaml", []byte("templates:\n"+
		"  - id: own\n    kind: recommendation\n    relationship: stranger\n    tone: warm\n    body: mine warm\n"+
		"  - id: recommendation/stranger/brief\n    body: mine brief\n"), "m.yaml")
	if err != nil {
		t.Fatal(err)
	}
	build := func(checked bool) *Catalog {
		c, err := New(Layer{Templates: def, Locales: []*Locale{english(t)}, Checked: checked}, Layer{Templates: mine})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	body := func(tmpl *Template, err error) string {
		if err != nil {
			return err.Error()
		}
		return tmpl.Variants[0]
	}
	looks := map[string]func(c *Catalog) string{
		"Find warm":     func(c *Catalog) string { return body(c.Find(Key{"en", "recommendation", "stranger", "warm"})) },
		"Find brief":    func(c *Catalog) string { return body(c.Find(Key{"en", "recommendation", "stranger", "brief"})) },
		"Choose formal": func(c *Catalog) string { return body(c.Choose(Key{"en", "recommendation", "stranger", "formal"})) },
		"Get warm": func(c *Catalog) string {
			tmpl, ok := c.Get("recommendation/stranger/warm")
			return fmt.Sprint(tmpl.Variants, ok)
		},
		"All": func(c *Catalog) string {
			var out []string
			for _, tmpl := range c.All() {
				out = append(out, tmpl.ID+"="+tmpl.Variants[0])
			}
			return fmt.Sprint(len(out) == c.Len(), out)
		},
		"Relationships": func(c *Catalog) string { return fmt.Sprint(c.RelationshipsFor("en", "recommendation")) },
	}
	want := map[string]string{}
	for name, look := range looks {
		want[name] = look(build(false))
	}
	if want["Find warm"] != "mine warm" || want["Find brief"] != "mine brief" || want["Get warm"] != "[default warm] true" {
		t.Fatalf("an eagerly indexed catalog finds %v", want)
	}
	for first := range looks {
		c := build(true)
		looks[first](c)
		for name, look := range looks {
			if got := look(c); got != want[name] {
				t.Errorf("after %s first, %s = %q, want %q", first, name, got, want[name])
			}
		}
	}
}
