package inbound

import (
	_ "embed"
	"reflect"
	"testing"
)

//go:embed rules_en.yaml
var englishYAML []byte

// TestEnglishGenerated: the English rules compiled into Go are those of
// rules_en.yaml; after editing the YAML, run go generate ./internal/inbound.
func TestEnglishGenerated(t *testing.T) {
	decoded, err := LoadRules(englishYAML, "rules_en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	got, err := English()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, decoded) {
		t.Errorf("rules_en_gen.go is out of date with rules_en.yaml: run go generate ./internal/inbound")
	}
}
