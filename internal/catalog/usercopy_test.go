package catalog_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
)

// TestCopyAsRoundTrip: a copy reads back as the same template under its
// new id, the questions of its values included.
func TestCopyAsRoundTrip(t *testing.T) {
	src := "templates:\n  - id: mine/a\n    kind: reference\n    subject: \"Re: you\"\n    requires:\n      - {name: event, question: \"Which event, {first}?\"}\n    optional: [company]\n    variants:\n      - |\n        Hi {{.FirstName}}, {{.event}}{{.company}}.\n\n        {{.Signoff}},\n        {{.Sender}}\n      - one line {{.event}}\n"
	ts, err := catalog.Parse("a.yaml", []byte(src), "a.yaml")
	if err != nil {
		t.Fatal(err)
	}
	data, err := catalog.CopyAs(ts[0], "mine/b", "")
	if err != nil {
		t.Fatal(err)
	}
	back, err := catalog.Parse("b.yaml", data, "b.yaml")
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	a, b := ts[0], back[0]
	if b.ID != "mine/b" || b.Kind != a.Kind || b.Subject != a.Subject || !reflect.DeepEqual(b.Variants, a.Variants) ||
		!reflect.DeepEqual(b.Requires, a.Requires) || !reflect.DeepEqual(b.Optional, a.Optional) || !reflect.DeepEqual(b.Questions, a.Questions) {
		t.Errorf("copy reads back as %+v, want %+v as mine/b:\n%s", b.Spec, a.Spec, data)
	}
}

// TestWriteNewNeverReplaces: a file that exists is refused, and left as
// it is, with no temporary file beside it.
func TestWriteNewNeverReplaces(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "sub", "t.yaml")
	if err := catalog.WriteNew(name, []byte("one")); err != nil {
		t.Fatal(err)
	}
	var exists *catalog.ExistsError
	if err := catalog.WriteNew(name, []byte("two")); !errors.As(err, &exists) {
		t.Errorf("second write: %v, want an ExistsError", err)
	}
	if data, _ := os.ReadFile(name); string(data) != "one" {
		t.Errorf("file holds %q, want the first write", data)
	}
	if entries, _ := os.ReadDir(filepath.Dir(name)); len(entries) != 1 {
		t.Errorf("directory holds %d entries, want the file alone", len(entries))
	}
}
