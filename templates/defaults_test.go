package templates_test

import (
	"reflect"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/templates"
)

// TestDefaultsMatchYAML keeps the generated catalog honest: it must be
// exactly what the strict loader reads from the YAML files, and every
// template in it must compile.
func TestDefaultsMatchYAML(t *testing.T) {
	l, err := catalog.ReadFS(templates.FS, "templates", catalog.DefaultSource)
	if err != nil {
		t.Fatalf("default catalog does not load: %v", err)
	}
	if _, err := catalog.New(l); err != nil {
		t.Fatalf("default catalog does not build: %v", err)
	}
	if !reflect.DeepEqual(l.Locales, templates.Locales) {
		t.Errorf("the locales differ from defaults_gen.go: run go generate ./templates")
	}
	ts := l.Templates
	if len(ts) != len(templates.Specs()) {
		t.Fatalf("templates/*/*.yaml has %d templates, defaults_gen.go %d: run go generate ./templates", len(ts), len(templates.Specs()))
	}
	for i, tmpl := range ts {
		if !reflect.DeepEqual(tmpl.Spec, templates.Specs()[i]) {
			t.Errorf("%s differs from defaults_gen.go: run go generate ./templates", tmpl.ID)
		}
	}
	for _, tmpl := range catalog.FromSpecs(templates.Specs(), catalog.DefaultSource) {
		if err := tmpl.Compile(); err != nil {
			t.Errorf("%s: %v", tmpl.ID, err)
		}
	}
}
