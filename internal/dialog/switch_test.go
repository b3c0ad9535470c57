package dialog

import (
	"maps"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/prompt"
	"github.com/decline-cli/decline/internal/reply"
	"github.com/decline-cli/decline/templates"
)

// step is one question a script expects, by its start, and its answer:
// the text typed, or for a menu the start of the option chosen.
type step struct{ question, answer string }

// script answers the questions it expects, in order, and fails the test
// on any other.
type script struct {
	t     *testing.T
	steps []step
}

func (s *script) next(q string) string {
	s.t.Helper()
	if len(s.steps) == 0 {
		s.t.Fatalf("unexpected question %q", q)
	}
	st := s.steps[0]
	s.steps = s.steps[1:]
	if !strings.HasPrefix(q, st.question) {
		s.t.Fatalf("asked %q, want %q", q, st.question)
	}
	return st.answer
}

func (s *script) Input(q, _ string, validate func(string) error) (string, error) {
	a := s.next(q)
	if err := validate(a); err != nil {
		s.t.Fatalf("answer %q to %q refused: %v", a, q, err)
	}
	return a, nil
}

func (s *script) Select(q string, options []string, _ int) (int, error) {
	a := s.next(q)
	for i, o := range options {
		if strings.HasPrefix(o, a) {
			return i, nil
		}
	}
	s.t.Fatalf("%q offers %q, none starting %q", q, options, a)
	return 0, nil
}

// TestReviewAsksOnlyTheNewTemplatesNewValues: a tone whose template takes
// an optional value the draft did not have (a user's template) asks for
// it; values answered before are kept, one the user skipped is not asked
// again, and going back and forth asks nothing more.
func TestReviewAsksOnlyTheNewTemplatesNewValues(t *testing.T) {
	mine, err := catalog.ReadFS(fstest.MapFS{"ref.yaml": {Data: []byte(`kind: reference
templates:
  - relationship: stranger
    tone: formal
    subject: Your reference request
    requires: [role]
    optional:
      - company
      - name: team
        question: Which team would {first} join?
    body: |
      Dear {{.FirstName}}, no reference for {{.role}}{{if .company}} at {{.company}}{{end}}{{if .team}} in {{.team}}{{end}}.

      {{.Signoff}},
      {{.Sender}}
`)}}, "templates", "user")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.New(templates.Layer(), mine)
	if err != nil {
		t.Fatal(err)
	}
	p := &script{t: t, steps: []step{
		// The draft's own questions: the company is skipped.
		{"Which company?", ""},
		{"What would you like to do with it?", "Change the tone"},
		{"Which tone would you like?", "Formal"},
		{"Which team would Scott join?", "Platform"},
		{"What would you like to do with it?", "Change the tone"},
		{"Which tone would you like?", "Warm"},
		{"What would you like to do with it?", "Change the tone"},
		{"Which tone would you like?", "Formal"},
		{"What would you like to do with it?", "Print it"},
	}}
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
	if len(p.steps) > 0 {
		t.Errorf("never asked %q", p.steps[0].question)
	}
	want := map[string]string{"role": "Data Analyst", "team": "Platform"}
	if !maps.Equal(printed, want) {
		t.Errorf("printed with values %v, want %v", printed, want)
	}
	if !strings.Contains(r.Message.Reply.Body, "no reference for Data Analyst in Platform.") {
		t.Errorf("the formal reply does not use the values:\n%s", r.Message.Reply.Body)
	}
}
