package completion

import (
	"slices"
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/templates"
)

func TestCandidates(t *testing.T) {
	cat, err := catalog.New(templates.Layer())
	if err != nil {
		t.Fatal(err)
	}
	ids := func(list []string) []string {
		out := make([]string, len(list))
		for i, c := range list {
			id, desc, ok := strings.Cut(c, "\t")
			if !ok || desc == "" {
				t.Errorf("candidate %q has no description", c)
			}
			out[i] = id
		}
		return out
	}
	if got := ids(Kinds(cat)); !slices.Equal(got, cat.KindsPresent(catalog.DefaultLang)) {
		t.Errorf("Kinds = %v", got)
	}
	if got := ids(Relationships(cat, "endorsement")); !slices.Equal(got, cat.RelationshipsFor(catalog.DefaultLang, "endorsement")) || len(got) == 0 {
		t.Errorf("Relationships = %v", got)
	}
	if got, want := ids(Tones(cat)), ids(Tones(nil)); !slices.Equal(got, want) || len(got) == 0 {
		t.Errorf("Tones = %v, without a catalog %v", got, want)
	}
	// One id in several languages is one candidate.
	distinct := map[string]bool{}
	for _, tmpl := range cat.All() {
		distinct[tmpl.ID] = true
	}
	if got := ids(TemplateIDs(cat)); len(got) != len(distinct) {
		t.Errorf("TemplateIDs has %d ids, the catalog %d", len(got), len(distinct))
	}
	if got := Values(cat, "", "endorsement"); !slices.Contains(got, "skill=\trequired") {
		t.Errorf("Values of the endorsements = %v, want skill required", got)
	}
	if got := Values(cat, "no/such", ""); len(got) != 0 {
		t.Errorf("Values of an unknown template = %v", got)
	}
	if got := Prefixed([]string{"warm\tx", "formal\ty"}, "fo"); !slices.Equal(got, []string{"formal\ty"}) {
		t.Errorf("Prefixed = %v", got)
	}
}
