package templates_test

import (
	"slices"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/templates"
)

// TestLanguagesTakeEnglishValues: a template of another language takes
// the values the English one of its kind, relationship and tone takes,
// so that a batch row's skill or role cells fit whichever language the
// row is written in. (TestLanguagesHaveEnglishPairs checks the pairs.)
func TestLanguagesTakeEnglishValues(t *testing.T) {
	english := map[string]catalog.Spec{}
	for _, s := range templates.Specs() {
		if s.Lang == catalog.DefaultLang {
			english[s.Kind+"/"+s.Relationship+"/"+s.Tone] = s
		}
	}
	checked := 0
	for _, s := range templates.Specs() {
		e, ok := english[s.Kind+"/"+s.Relationship+"/"+s.Tone]
		if s.Lang == catalog.DefaultLang || !ok {
			continue
		}
		checked++
		if !slices.Equal(s.Requires, e.Requires) || !slices.Equal(s.Optional, e.Optional) {
			t.Errorf("%s %s takes requires %v, optional %v; English takes %v, %v", s.Lang, s.ID, s.Requires, s.Optional, e.Requires, e.Optional)
		}
	}
	if checked == 0 {
		t.Error("no template of another language was checked")
	}
}
