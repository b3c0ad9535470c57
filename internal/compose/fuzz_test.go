package compose_test

import (
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/safetext"
	"github.com/decline-cli/decline/templates"
)

// FuzzRender renders arbitrary template text with arbitrary names and
// values. Whatever happens, nothing panics, the output stays under the
// cap, and no control character reaches it.
func FuzzRender(f *testing.F) {
	for i, spec := range templates.Specs() {
		if i%9 == 0 {
			f.Add(spec.Variants[0], "Alexandra Kim", "project management")
		}
	}
	f.Add(`{{range 100000000}}{{$.Name}}{{end}}`, "x", "y")
	f.Add(`{{printf "%c" 27}}`, "Ana", "Go")
	f.Add(`Hi {{slice .Name 0 3}} {{index .skill 0}} {{len .Name}}`, "Zoë", "Go")
	f.Add(`{{if and .Name (eq .skill "	")}}{{with $x := .Name}}{{$x}}{{end}}{{end}}`, "a", "	")
	f.Add(strings.Repeat("{{.Name}}{{.skill}}", 200), strings.Repeat("n", 1000), strings.Repeat("s", 1000))
	f.Add(`{{.skill}}{{template "x"}}`, "Ana\x1b[31m", "Go\n")
	f.Add(`{{define "x"}}{{template "x"}}{{end}}{{template "x"}}`, "a", "b")
	f.Fuzz(func(t *testing.T, src, name, skill string) {
		ts := catalog.FromSpecs([]catalog.Spec{{
			ID: "fuzz/x", Subject: "About {{.skill}}", Variants: []string{src},
			VariantLines: []int{1}, Optional: []string{"skill"},
		}}, "fuzz")
		if ts[0].Compile() != nil {
			return
		}
		r, err := compose.Render(ts[0], &compose.Request{Name: name, Values: map[string]string{"skill": skill}})
		if err != nil {
			if strings.Contains(err.Error(), "\n") && safetext.Check(err.Error(), true) != nil {
				t.Fatalf("unsafe error text: %q", err)
			}
			return
		}
		if len(r.Body) > compose.MaxOutput+1 {
			t.Fatalf("body of %d bytes passed the cap", len(r.Body))
		}
		if p := safetext.Check(r.Body, true); p != nil {
			t.Fatalf("body %q: %v", r.Body, p)
		}
		if p := safetext.Check(r.Subject, false); p != nil {
			t.Fatalf("subject %q: %v", r.Subject, p)
		}
	})
}
