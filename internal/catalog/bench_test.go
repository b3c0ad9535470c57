package catalog_test

import (
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/templates"
)

// BenchmarkLoadDefaults is what every start pays for the catalog: the
// generated default specs wrapped and merged.
func BenchmarkLoadDefaults(b *testing.B) {
	for b.Loop() {
		if _, err := catalog.New(templates.Layer()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseDefaultYAML is what loading would cost if the defaults
// were decoded from YAML at start-up, as user templates are.
func BenchmarkParseDefaultYAML(b *testing.B) {
	for b.Loop() {
		if _, err := catalog.ReadFS(templates.FS, "templates", catalog.DefaultSource); err != nil {
			b.Fatal(err)
		}
	}
}
