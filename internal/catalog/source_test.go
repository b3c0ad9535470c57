package catalog_test

import (
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
)

func TestEntrySource(t *testing.T) {
	file := `kind: recommendation
templates:
  # stranger
  - relationship: stranger
    tone: warm
    body: |
      Hi {{.FirstName}},

      Indented lines and blank ones stay.

  # the next entry
  - relationship: stranger
    tone: brief
    body: x
  -
    id: lone/dash
    body: y
  - {id: flow, body: z}
other: top
`
	ts, err := catalog.Parse("f.yaml", []byte("templates:\n  - id: a\n    body: x\n"), "f.yaml")
	if err != nil || ts[0].Line != 2 {
		t.Fatalf("a template's Line is the line of its first key: got %v, %v", ts, err)
	}
	tests := []struct {
		line  int
		want  string
		first int
	}{
		{4, "  - relationship: stranger\n    tone: warm\n    body: |\n      Hi {{.FirstName}},\n\n      Indented lines and blank ones stay.\n", 4},
		{12, "  - relationship: stranger\n    tone: brief\n    body: x\n", 12},
		{16, "  -\n    id: lone/dash\n    body: y\n", 15},
		{18, "  - {id: flow, body: z}\n", 18},
	}
	for _, tt := range tests {
		got, first, ok := catalog.EntrySource([]byte(file), tt.line)
		if !ok || got != tt.want || first != tt.first {
			t.Errorf("line %d: got %q from line %d (ok %v), want %q from line %d", tt.line, got, first, ok, tt.want, tt.first)
		}
	}
	for _, line := range []int{0, 100} {
		if _, _, ok := catalog.EntrySource([]byte(file), line); ok {
			t.Errorf("line %d: found an entry outside the file", line)
		}
	}
}
