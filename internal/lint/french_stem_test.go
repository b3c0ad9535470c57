package lint

import (
	"testing"

	"github.com/decline-cli/decline/templates"
)

// TestFrenchStem: the French locale's word endings make one word of a
// family a French reader hears as repetition, and keep other words apart.
func TestFrenchStem(t *testing.T) {
	var endings []string
	for _, l := range templates.Locales {
		if l.Lang == "fr" {
			endings = l.WordEndings
		}
	}
	if len(endings) == 0 {
		t.Fatal("the French locale lists no word endings")
	}
	for _, family := range [][]string{
		{"valider", "validerai", "validation", "validations", "valide"},
		{"présenter", "présentation", "présenterai", "présente"},
		{"coopter", "cooptation", "coopterai"},
		{"témoigner", "témoignage", "témoignages"},
		{"recommander", "recommandation", "recommandations"},
		{"travail", "travailler", "travaillé", "travaillez"},
	} {
		for _, w := range family[1:] {
			if a, b := stem(family[0], endings), stem(w, endings); a != b {
				t.Errorf("stem(%q) = %q, stem(%q) = %q; want the same", family[0], a, w, b)
			}
		}
	}
	for _, pair := range [][2]string{{"poste", "postuler"}, {"parole", "parler"}, {"client", "clair"}} {
		if a, b := stem(pair[0], endings), stem(pair[1], endings); a == b {
			t.Errorf("stem(%q) = stem(%q) = %q; want them apart", pair[0], pair[1], a)
		}
	}
}
