package inbound

import (
	"reflect"
	"testing"

	"github.com/decline-cli/decline/templates"
)

// englishYAML is the requests section of templates/en/locale.yaml, as the
// locale loader keeps it.
var englishYAML = []byte(templates.English.Requests)

// TestEnglishGenerated: the English rules compiled into Go are those of
// templates/en/locale.yaml; after editing its requests section, run go
// generate ./templates ./internal/inbound.
func TestEnglishGenerated(t *testing.T) {
	decoded, err := LoadRules(englishYAML, "templates/en/locale.yaml: requests")
	if err != nil {
		t.Fatal(err)
	}
	got, err := English()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, decoded) {
		t.Errorf("rules_en_gen.go is out of date with templates/en/locale.yaml: run go generate ./templates ./internal/inbound")
	}
}

// TestEveryLocaleHasRules: each built-in language's requests section
// reads, with the strict loader, and its rules are the ones ForLang
// gives; English, German and French have one.
func TestEveryLocaleHasRules(t *testing.T) {
	n := 0
	for _, l := range templates.Locales {
		if l.Requests == "" {
			continue
		}
		n++
		if _, err := LoadRules([]byte(l.Requests), l.Lang); err != nil {
			t.Errorf("%s: %v", l.Lang, err)
		}
		if _, ok, err := ForLang(l.Lang); !ok || err != nil {
			t.Errorf("ForLang(%q) = %v, %v", l.Lang, ok, err)
		}
	}
	if n < 3 {
		t.Errorf("%d built-in locales have a requests section, want en, de and fr at least", n)
	}
}
