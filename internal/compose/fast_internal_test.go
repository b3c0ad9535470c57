package compose

import (
	"slices"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/templates"
)

// Every default template's bodies must be safe, and its subject safe or
// measured without the first name: then a batch's checking pass
// validates a row without working out its variant or first name. A
// subject that counted the personal line (which only a body gets) once
// made every template unsafe and the checking pass twice as slow.
func TestDefaultPlansAreSafe(t *testing.T) {
	r := NewRenderer()
	for _, tmpl := range catalog.FromSpecs(templates.Specs(), catalog.DefaultSource) {
		values := map[string]string{}
		for _, n := range tmpl.Requires {
			values[n] = "x"
		}
		pl, err := r.plansFor(tmpl, &Request{Name: "Ana Ruiz", Signoff: "Best", Values: values})
		if err != nil {
			t.Fatalf("%s: %v", tmpl.ID, err)
		}
		if slices.Contains(pl.bodies, nil) {
			continue // a body the fast path cannot render goes through Render
		}
		if !pl.bodiesSafe {
			t.Errorf("%s: a body is not safe for the fast path", tmpl.ID)
		}
		if pl.subject == nil || pl.subject.maxSize > MaxSubject && pl.subject.needsFirst {
			t.Errorf("%s: the subject is not safe for the fast path and needs the first name to be measured", tmpl.ID)
		}
	}
}
