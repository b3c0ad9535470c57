package dialog

import (
	"maps"
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/prompt"
	"github.com/decline-cli/decline/internal/reply"
	"github.com/decline-cli/decline/templates"
)

// TestReviewAsksOnlyTheNewTemplatesNewValues: a tone whose template takes
// an optional value the draft did not have (a user's template) asks for
// it; values answered before are kept, one the user skipped is not asked
// again, and going back and forth asks nothing more.
func TestReviewAsksOnlyTheNewTemplatesNewValues(t *testing.T) {
	// A user's template for the formal tone, which may also name the team.
	mine, err := catalog.ReadDir("testdata", false)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.New(templates.Layer(), mine)
	if err != nil {
		t.Fatal(err)
	}
	// The draft's own question (the company, skipped), then the menus'
	// and the one new value's.
	p := &picks{t: t, next: []string{"Change the tone", "Formal", "Change the tone", "Warm and", "Change the tone", "Formal", "Print it"},
		typed: []typed{{"Which company?", ""}, {"Which team would Scott join?", "Platform"}}}
	ask := &Asker{Catalog: cat, Prompter: func() prompt.Prompter { return p }, asked: true}
	choose := func(tone string) *catalog.Template {
		tpl, err := cat.Choose(catalog.Key{Lang: "en", Kind: "reference", Relationship: "stranger", Tone: tone})
		if err != nil {
			t.Fatal(err)
		}
		return tpl
	}
	one := &reply.One{Name: "Scott Lee", Values: map[string]string{"role": "Data Analyst"}}
	warm := choose("warm")
	if err := ask.Values(warm, one, true); err != nil {
		t.Fatal(err)
	}
	req := &compose.Request{Name: one.Name, Values: one.Values, Variant: 1}
	rep, err := compose.Render(warm, req)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	var printed map[string]string
	r := &Review{
		Prompter: p, Out: &out, Editor: "vi", Template: warm, Request: req,
		Message: &deliver.Message{Reply: rep}, Format: "text", Render: compose.Render,
		Catalog: cat, Asker: ask,
		Rebuild: func(_, tone string) (*catalog.Template, *compose.Request, error) {
			// As a rebuild from the flags does: only the values given
			// at the start.
			return choose(tone), &compose.Request{Name: "Scott Lee", Values: map[string]string{"role": "Data Analyst"}}, nil
		},
	}
	r.Print = func() error { printed = maps.Clone(r.Request.Values); return nil }
	if err := r.Run(); err != nil {
		t.Fatal(err)
	}
	if len(p.next) > 0 || len(p.typed) > 0 {
		t.Errorf("never chose %q, never asked %v", p.next, p.typed)
	}
	want := map[string]string{"role": "Data Analyst", "team": "Platform"}
	if !maps.Equal(printed, want) {
		t.Errorf("printed with values %v, want %v", printed, want)
	}
	if !strings.Contains(r.Message.Reply.Body, "no reference for Data Analyst in Platform.") {
		t.Errorf("the formal reply does not use the values:\n%s", r.Message.Reply.Body)
	}
}
