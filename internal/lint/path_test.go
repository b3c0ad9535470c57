package lint_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/decline-cli/decline/internal/lint"
)

// TestLintOneFileOfADirectory: 'templates lint' of a locale file read it
// as a template file ("unknown field relationships"), and of a template
// that uses a relationship the directory's locale adds failed with
// "unknown relationship" though the whole directory passed.
func TestLintOneFileOfADirectory(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"en/locale.yaml": "relationships:\n  - id: rival\n    label: A rival of yours\nvalues:\n  event:\n    question: Where did you meet {{name}}?\n    sample: the meetup\n",
		"en/mine.yaml":   "templates:\n  - id: mine/rival\n    kind: recommendation\n    relationship: rival\n    tone: warm\n    body: |\n      Hi {{.FirstName}},\n\n      Thank you for asking me. I am not the right person to write this one, so I will pass.\n\n      {{.Signoff}},\n      {{.Sender}}\n",
		"de/locale.yml":  "kinds: [{id: recommendation, label: Empfehlung}]\nrelationships: [{id: fremd, label: Fremd}]\ntones: [{id: warm, label: Warm}]\ndefault-kind: recommendation\ndefault-tone: warm\n",
	}
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"en/locale.yaml", "de/locale.yml", "en/mine.yaml", "."} {
		r := lint.Check(lint.ReadPath(filepath.Join(dir, name), false))
		for _, p := range r.Problems {
			t.Errorf("%s: %v", name, p)
		}
	}
}
