package compose_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/lint"
	"github.com/decline-cli/decline/templates"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func defaultCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	l, err := catalog.ReadFS(templates.FS, "templates", catalog.DefaultSource)
	if err != nil {
		t.Fatalf("default catalog: %v", err)
	}
	c, err := catalog.New(l)
	if err != nil {
		t.Fatalf("default catalog: %v", err)
	}
	return c
}

// TestGolden renders every wording of every default template and compares
// it with testdata/golden/ID.txt (LANG/ID.txt for a language other than
// English: ids are a language's own), so that a reviewer sees each change
// of wording as a diff. Run with -update to accept a change.
func TestGolden(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "golden")
	c := defaultCatalog(t)
	seen := map[string]bool{}
	for _, tmpl := range c.All() {
		var b strings.Builder
		for v := 1; v <= len(tmpl.Variants); v++ {
			// The sample lint and 'decline templates show' use: a normal
			// name, and every value the template declares.
			r, err := compose.Render(tmpl, lint.SampleRequest(tmpl, c.Locale(tmpl.Lang), lint.Samples[0], v, true))
			if err != nil {
				t.Fatalf("%s variant %d: %v", tmpl.ID, v, err)
			}
			fmt.Fprintf(&b, "==== %s, wording %d of %d (%d characters)\nSubject: %s\n\n%s\n",
				tmpl.ID, v, len(tmpl.Variants), len([]rune(r.Body))-1, r.Subject, r.Body)
		}
		path := filepath.Join(dir, filepath.FromSlash(tmpl.ID)+".txt")
		if tmpl.Lang != catalog.DefaultLang {
			path = filepath.Join(dir, tmpl.Lang, filepath.FromSlash(tmpl.ID)+".txt")
		}
		seen[path] = true
		got := b.String()
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: no golden file (run go test ./internal/compose -run Golden -update): %v", tmpl.ID, err)
			continue
		}
		if string(want) != got {
			t.Errorf("%s renders differently from %s (run with -update if the change is intended)\n--- got\n%s", tmpl.ID, path, got)
		}
	}
	// A golden file for a template that no longer exists is stale.
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !seen[path] {
			if *update {
				return os.Remove(path)
			}
			t.Errorf("%s: golden file for a template that no longer exists", path)
		}
		return nil
	})
}
