package catalog

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the loader: it must never panic or
// hang, every error must be one line, and whatever it accepts must
// compile.
func FuzzParse(f *testing.F) {
	// Seed with the head of each default file, up to its second template:
	// whole files are large enough that minimizing a finding takes minutes.
	files, _ := filepath.Glob(filepath.Join("..", "..", "templates", "*", "*.yaml"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			continue
		}
		s := string(data)
		if first := strings.Index(s, "\n  - "); first >= 0 {
			if second := strings.Index(s[first+1:], "\n  - "); second >= 0 {
				s = s[:first+1+second+1]
			}
		}
		f.Add([]byte(s))
	}
	for _, s := range []string{
		"templates:\n  - id: a/b\n    body: hi\n",
		"templates:\n  - &x {id: a/b, body: hi}\n  - *x\n",
		"kind: referral\ntemplates:\n  - relationship: social\n    tone: warm\n    requires: [role]\n    body: '{{.role}}'\n",
		"templates: [{id: a, body: '{{if .Name}}{{range .Name}}'}]",
		"\ufefftemplates:\n\t- x",
		"templates: [{id: a, body: '{{range 9}}{{printf \"%9d\" 1}}{{end}}{{template \"a\"}}'}]",
		"templates: [{id: a, subject: \"\\e]52\", body: '{{\"\\x1b\"}}'}]",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ts, err := Parse("fuzz.yaml", data, "fuzz")
		if err != nil {
			if msg := err.Error(); strings.Contains(msg, "\n") {
				t.Fatalf("error is not one line: %q", msg)
			}
			// Parse turns a panic into an error as a last guard; reaching
			// it is still a bug.
			if strings.Contains(err.Error(), "cannot read this file as YAML") {
				t.Fatalf("the loader panicked: %v", err)
			}
			return
		}
		for _, tmpl := range ts {
			if err := tmpl.Compile(); err != nil {
				t.Fatalf("accepted template does not compile: %v", err)
			}
			if !ValidID(tmpl.ID) {
				t.Fatalf("accepted invalid id %q", tmpl.ID)
			}
		}
	})
}
