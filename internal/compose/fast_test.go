package compose_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/jsonenc"
	"github.com/decline-cli/decline/templates"
)

// sameAsRender checks that the fast path gives exactly what Render gives,
// error or reply.
func sameAsRender(t *testing.T, r *compose.Renderer, tmpl *catalog.Template, req compose.Request) {
	t.Helper()
	r1, err1 := compose.Render(tmpl, &req)
	if err3 := r.Validate(tmpl, &req); (err1 == nil) != (err3 == nil) || (err1 != nil && err1.Error() != err3.Error()) {
		t.Fatalf("%s %+v: Render error %v, Validate error %v", tmpl.ID, req, err1, err3)
	}
	p, err2 := r.Prepare(tmpl, &req)
	if (err1 == nil) != (err2 == nil) || (err1 != nil && err1.Error() != err2.Error()) {
		t.Fatalf("%s %+v: Render error %v, Prepare error %v", tmpl.ID, req, err1, err2)
	}
	if err1 != nil {
		return
	}
	got := string(p.AppendBody(nil))
	if got != r1.Body || p.Subject != r1.Subject || p.Variant != r1.Variant || p.Name != r1.Name || p.FirstName != r1.FirstName {
		t.Fatalf("%s %+v:\nRender:  %q %q v%d\nPrepare: %q %q v%d", tmpl.ID, req, r1.Subject, r1.Body, r1.Variant, p.Subject, got, p.Variant)
	}
	if j, want := p.AppendBodyJSON(nil), jsonenc.AppendEscaped(nil, r1.Body); !bytes.Equal(j, want) {
		t.Fatalf("%s: JSON body %s, want %s", tmpl.ID, j, want)
	}
	if pr := p.Reply(); *pr != *r1 {
		t.Fatalf("%s: Reply() = %+v, want %+v", tmpl.ID, pr, r1)
	}
}

func TestFastPathMatchesRenderOnDefaults(t *testing.T) {
	r := compose.NewRenderer()
	requests := []compose.Request{
		{Name: "Alexandra Kim", Sender: "Jordan Avery", Signoff: "Best", Values: fastValues},
		{Name: "  Zoë   Ångström ", Signoff: "Warm regards,", Values: map[string]string{"skill": "Go  and  Rust", "role": " Staff Engineer ", "contact": "Priya", "service": "tax\u00a0advice"}},
		{Name: "Madonna", FirstName: "M.", Sender: " ", Signoff: "", Values: map[string]string{"skill": "x", "role": "y", "company": "", "contact": "z", "service": "w"}},
		{Name: "O'Brien \"Bob\" <b@x>", Sender: "Sam \\ Lee", Signoff: "Cheers!", Values: map[string]string{"skill": "C++ & \"Go\"", "role": "R&D\u2028lead", "company": "Acme, Inc.", "contact": "李伟", "service": "😀"}},
		{Name: "Ana", Values: map[string]string{}},
		{Name: "Dr. Ana Ruiz", Sender: "Jordan Avery", Signoff: "Best", Values: fastValues, Note: "we should get coffee when you are next in town"},
		{Name: "Ana", Signoff: "Kind regards", Values: fastValues, Note: " Say hello to Sam! ", SignBrief: compose.SignFull},
	}
	for _, tmpl := range catalog.FromSpecs(templates.Specs(), catalog.DefaultSource) {
		for v := 1; v <= len(tmpl.Variants); v++ {
			for _, req := range requests {
				req.Variant = v
				sameAsRender(t, r, tmpl, req)
			}
		}
		req := requests[0]
		req.Variant = 0
		sameAsRender(t, r, tmpl, req)
	}
}

func TestFastPathIsUsedForDefaults(t *testing.T) {
	// A default template must not silently fall back to text/template:
	// allocation counts tell the two paths apart.
	r := compose.NewRenderer()
	tmpl := catalog.FromSpecs(templates.Specs(), catalog.DefaultSource)[0]
	req := &compose.Request{Name: "Alexandra Kim", Sender: "Jordan", Signoff: "Best", Values: fastValues, Variant: 1}
	r.Prepare(tmpl, req)
	buf := make([]byte, 0, 4096)
	allocs := testing.AllocsPerRun(100, func() {
		p, err := r.Prepare(tmpl, req)
		if err != nil {
			t.Fatal(err)
		}
		buf = p.AppendBodyJSON(buf[:0])
	})
	if allocs > 3 {
		t.Errorf("Prepare + AppendBodyJSON made %.0f allocations a reply; the fast path makes at most 3", allocs)
	}
}

func TestFastPathEdgeTemplates(t *testing.T) {
	r := compose.NewRenderer()
	for i, body := range []string{
		"{{.Name}}",
		"\n\n  Hi {{.FirstName}}  \n\n{{.Signoff}},\n{{.Sender}}\n\n\n",
		"Hi {{.Sender}} {{.Sender}}\n{{.Sender}}",
		"{{.Sender}}\n\nBody\n",
		"Dear {{.Name}},\t\nx{{.Sender}}\ty\n",
		"{{if .Sender}}{{.Sender}}{{end}}",
		"{{.Name | printf \"%s!\"}}",
		"{{/* note */}}Hi {{.Name}}",
		"{{$x := .Name}}{{$x}}",
		"Hi\r\n{{.Name}}",
		"",
		"Dear {{.Addressee}},\n\n{{first .Sender}} and {{first .Name}}, {{a .Sender}}.\n{{.Signoff}},\n{{.Sender}}\n",
		"{{a .Name}} {{.Name | a}} {{.Name | first}} {{a .Sender}}{{first .Sender}}\n\n{{a .Signoff}}",
		"{{a (first .Name)}}",
		"{{first \"Ann Lee\"}} {{a \"MBA\"}}",
		"{{first .Name | a}}",
		"{{de .Name}}, {{à .Sender}}, {{chez .Sender}} {{.Name | de}} {{de (first .Name)}}",
	} {
		ts := catalog.FromSpecs([]catalog.Spec{{ID: fmt.Sprintf("edge/%d", i), Subject: "  Re:  {{.Sender}} {{.Name}} ", Variants: []string{body}, VariantLines: []int{1}}}, "test")
		if ts[0].Compile() != nil {
			continue
		}
		for _, req := range []compose.Request{
			{Name: "Ana Ruiz", Sender: "Jo", Signoff: "Best"},
			{Name: "Ana", Signoff: ","},
			{Name: "Dr. ANA RUIZ 🚀", Sender: "the MBA office", Signoff: "Kind regards"},
			{Name: "Prof. Dr. Hans Weber", Sender: "Engineering Manager", Signoff: "  "},
		} {
			sameAsRender(t, r, ts[0], req)
		}
	}
}

// TestFrenchPrepositionFuncs renders the French preposition functions as
// a template calls them, by both paths: "d’Ana", "à la BNP".
func TestFrenchPrepositionFuncs(t *testing.T) {
	r := compose.NewRenderer()
	ts := catalog.FromSpecs([]catalog.Spec{{ID: "fr/prep", Subject: "x", Variants: []string{"Bonjour {{.FirstName}},\n\nAu sujet {{de .Name}} et {{chez .Sender}}, {{à .Sender}}.\n"}, VariantLines: []int{1}}}, "test")
	if err := ts[0].Compile(); err != nil {
		t.Fatal(err)
	}
	req := compose.Request{Name: "Élodie Moreau", Sender: "la BNP", Signoff: "Bien à vous"}
	got, err := compose.Render(ts[0], &req)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Au sujet d’Élodie Moreau et à la BNP, à la BNP."; !strings.Contains(got.Body, want) {
		t.Errorf("body %q does not say %q", got.Body, want)
	}
	sameAsRender(t, r, ts[0], req)
}

// FuzzFastPath compares the fast path with Render on arbitrary template
// text and data.
func FuzzFastPath(f *testing.F) {
	for i, spec := range templates.Specs() {
		if i%7 == 0 {
			f.Add(spec.Variants[0], "About {{.skill}}", "Alexandra Kim", "Jordan", "Best", "Go", "")
		}
	}
	f.Add("\n {{.Sender}} \n{{.skill}}{{.skill}}\n\n", " {{.Name}}  x", " a  b ", "", ",", "", "")
	f.Add("Hi {{.FirstName}},\n\nNo.\n\n{{.Signoff}},\n{{.Sender}}\n", "x", "Ann", "Jo", "Best", "", "see you soon")
	f.Add("Hi {{.FirstName}},\n{{.Note}}\n{{.Signoff}},\n{{.Sender}}\n", "x", "Ann", "", "", "", "see you soon")
	f.Add("Dear {{.Addressee}},\n{{first .skill}} {{a .skill}}\n{{.skill | first}}\n", "{{a .skill}}", "Dr. Jane SMITH", "Jo", "Best", "MBA intern", "")
	f.Add("{{a .skill}}\n\n{{first .skill}}\n", "x", "Ann", "", "", "", "")
	f.Fuzz(func(t *testing.T, body, subject, name, sender, signoff, skill, note string) {
		ts := catalog.FromSpecs([]catalog.Spec{{ID: "fuzz/x", Subject: subject, Variants: []string{body}, VariantLines: []int{1}, Optional: []string{"skill"}}}, "fuzz")
		if ts[0].Compile() != nil || strings.Contains(body, "{{define") {
			return
		}
		sameAsRender(t, compose.NewRenderer(), ts[0], compose.Request{Name: name, Sender: sender, Signoff: signoff, Values: map[string]string{"skill": skill}, Note: note})
	})
}

func BenchmarkPrepareJSON(b *testing.B) {
	r := compose.NewRenderer()
	tmpl := catalog.FromSpecs(templates.Specs(), catalog.DefaultSource)[0]
	req := &compose.Request{Name: "Alexandra Kim", Sender: "Jordan", Signoff: "Best", Values: fastValues}
	buf := make([]byte, 0, 4096)
	for b.Loop() {
		p, _ := r.Prepare(tmpl, req)
		buf = p.AppendBodyJSON(buf[:0])
	}
}

func BenchmarkRenderTextTemplate(b *testing.B) {
	tmpl := catalog.FromSpecs(templates.Specs(), catalog.DefaultSource)[0]
	req := &compose.Request{Name: "Alexandra Kim", Sender: "Jordan", Signoff: "Best", Values: fastValues}
	for b.Loop() {
		r, _ := compose.Render(tmpl, req)
		_ = jsonenc.AppendEscaped(nil, r.Body)
	}
}

// fastValues fills every extra value the default catalog uses.
var fastValues = map[string]string{
	"skill":   "project management",
	"role":    "Senior Product Manager",
	"company": "Northwind",
	"contact": "Priya Natarajan",
	"service": "bookkeeping",
}

func TestValidateCatchesCaps(t *testing.T) {
	r := compose.NewRenderer()
	long := strings.Repeat("x", 1000)
	body := strings.Repeat("{{.Name}}{{.Sender}}{{.Signoff}}", 40)
	ts := catalog.FromSpecs([]catalog.Spec{{ID: "caps/x", Subject: "{{.Name}}{{.Name}}", Variants: []string{body}, VariantLines: []int{1}}}, "test")
	sameAsRender(t, r, ts[0], compose.Request{Name: long, Sender: long, Signoff: long})
	if err := r.Validate(ts[0], &compose.Request{Name: long, Sender: long, Signoff: long}); err == nil {
		t.Fatal("a reply over the caps validated")
	}
}
