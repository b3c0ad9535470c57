package preview

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/templates"
)

func TestOf(t *testing.T) {
	dir := t.TempDir()
	const file = `templates:
  - id: mine/talk
    subject: Your request
    requires: [event]
    optional: [company]
    variants:
      - "Hi {{.FirstName}}, we met at {{.event}}.\n"
      - "Hello {{.FirstName}}, about {{.event}}.\n"
`
	if err := os.WriteFile(filepath.Join(dir, "mine.yaml"), []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := catalog.ReadDir(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.New(templates.Layer(), l)
	if err != nil {
		t.Fatal(err)
	}
	tpl, _ := cat.Get("mine/talk")
	p, err := Of(cat, tpl, 2, Signer{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Line != 2 || !strings.HasPrefix(p.Source, "- id: mine/talk") && !strings.Contains(p.Source, "id: mine/talk") {
		t.Errorf("source at line %d:\n%s", p.Line, p.Source)
	}
	if len(p.Values) != 2 || p.Values[0].Name != "event" || p.Values[1].Name != "company" || p.Values[0].Text == "" {
		t.Errorf("values = %+v; want event then company, filled", p.Values)
	}
	if p.Reply.Variant != 2 || !strings.HasPrefix(p.Reply.Body, "Hello ") || !strings.Contains(p.Reply.Body, p.Values[0].Text) {
		t.Errorf("reply, wording %d:\n%s", p.Reply.Variant, p.Reply.Body)
	}
	if got, want := Describe(tpl), "2 wordings"; got != want {
		t.Errorf("Describe = %q, want %q", got, want)
	}

	def, _ := cat.Get("recommendation/stranger/warm")
	if got := Describe(def); !strings.HasPrefix(got, "kind recommendation, relationship stranger, tone warm, ") {
		t.Errorf("Describe of a default = %q", got)
	}
	if p, err := Of(cat, def, 1, Signer{}); err != nil || !strings.Contains(p.Source, "stranger") {
		t.Errorf("a default's source: %v\n%v", err, p)
	}

	if err := os.WriteFile(filepath.Join(dir, "mine.yaml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Of(cat, tpl, 1, Signer{}); err == nil || !strings.Contains(err.Error(), "has the file changed?") {
		t.Errorf("a file changed since loading: %v", err)
	}
}
