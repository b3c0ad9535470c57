package templates_test

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/templates"
)

// TestREADMECounts keeps the counts of the default catalog that the README
// quotes in step with the catalog, so that nobody has to remember them when
// a template is added or removed.
func TestREADMECounts(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	// The table of pairs is the English catalog's; every other language
	// has the same pairs (TestLanguagesHaveEnglishPairs).
	pairs := map[[2]string]bool{}
	english := 0
	for _, s := range templates.Specs() {
		if s.Lang == catalog.DefaultLang {
			pairs[[2]string{s.Kind, s.Relationship}] = true
			english++
		}
	}
	want := fmt.Sprintf("%d pairs, %d templates", len(pairs), english)
	m := regexp.MustCompile(`(\d+) pairs,\s+(\d+) templates`).FindAllString(readme, -1)
	if len(m) == 0 {
		t.Errorf("README.md no longer says how many pairs and templates the catalog has (%q)", want)
	}
	for _, got := range m {
		if regexp.MustCompile(`\s+`).ReplaceAllString(got, " ") != want {
			t.Errorf("README.md says %q; the catalog has %s", got, want)
		}
	}
	// The lint examples of the whole catalog check the defaults plus the
	// one template of the user's own the README adds; those of a few files
	// say a small number.
	lint := regexp.MustCompile(`(?m)^(?:decline: \d+ problems? in )?(\d+) templates(?:, no problems)?$`)
	for _, sm := range lint.FindAllStringSubmatch(readme, -1) {
		if n, _ := strconv.Atoi(sm[1]); n > len(templates.Specs())/2 && n != len(templates.Specs())+1 {
			t.Errorf("README.md's lint example says %q; with the catalog's %d templates and one of the user's, it says %d", sm[0], len(templates.Specs()), len(templates.Specs())+1)
		}
	}
}
