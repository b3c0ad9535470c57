package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/cli"
	"github.com/decline-cli/decline/internal/iostreams"
	"github.com/decline-cli/decline/internal/prompt"
)

// scriptedPrompter answers the questions it expects, in order, and fails
// the test on any other.
type scriptedPrompter struct {
	t       *testing.T
	answers []answer
}

type answer struct {
	question string
	text     string // for Input
	option   string // for Select: the label that contains this
}

func (p *scriptedPrompter) next(question string) answer {
	p.t.Helper()
	if len(p.answers) == 0 {
		p.t.Fatalf("unexpected question %q", question)
	}
	a := p.answers[0]
	p.answers = p.answers[1:]
	if a.question != question {
		p.t.Fatalf("asked %q, want %q", question, a.question)
	}
	return a
}

func (p *scriptedPrompter) Input(question, _ string, validate func(string) error) (string, error) {
	a := p.next(question)
	if validate != nil {
		if err := validate(a.text); err != nil {
			p.t.Fatalf("answer %q to %q refused: %v", a.text, question, err)
		}
	}
	return a.text, nil
}

func (p *scriptedPrompter) Select(question string, options []string, _ int) (int, error) {
	a := p.next(question)
	i := slices.IndexFunc(options, func(o string) bool { return strings.Contains(o, a.option) })
	if i < 0 {
		p.t.Fatalf("%q offers %q, none with %q", question, options, a.option)
	}
	return i, nil
}

// runDraftAsked runs draft with home as the user's home, on a terminal
// for the questions (but not the menu: stdout is a pipe), answering them
// as answers says; it fails the test unless every answer was used and
// the run succeeded, and returns what was printed.
func runDraftAsked(t *testing.T, home string, answers []answer, args ...string) *bytes.Buffer {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	ios.SetTTY(true, false, true)
	f := cli.NewFactory(ios, func(k string) string {
		switch k {
		case "XDG_CONFIG_HOME":
			return filepath.Join(home, ".config")
		case "HOME":
			return home
		}
		return ""
	})
	p := &scriptedPrompter{t: t, answers: answers}
	f.NewPrompter = func(bool) prompt.Prompter { return p }
	if code := cli.Run(context.Background(), f, append([]string{"draft"}, args...)); code != 0 {
		t.Fatalf("exit %d; stderr: %s", code, errOut)
	}
	if len(p.answers) > 0 {
		t.Errorf("never asked %q", p.answers[0].question)
	}
	return out
}

// TestDraftQuestionsUseTheGreetingsName: the questions call the
// requester what the reply will, --first-name when it is given, not the
// guess from --name.
func TestDraftQuestionsUseTheGreetingsName(t *testing.T) {
	for _, tc := range []struct {
		name    string
		args    []string
		answers []answer
		greet   string
	}{{
		name: "first name given",
		args: []string{"-n", "Dr. Robert Smith", "--first-name", "Bob", "-k", "endorsement"},
		answers: []answer{
			{question: "How do you know Bob?", option: "never met"},
			{question: "Which skill did Bob ask you to endorse?", text: "Go"},
		},
		greet: "Bob",
	}, {
		name: "guessed from the name",
		args: []string{"-n", "Dr. Robert Smith", "-k", "endorsement"},
		answers: []answer{
			{question: "How do you know Robert?", option: "never met"},
			{question: "Which skill did Robert ask you to endorse?", text: "Go"},
		},
		greet: "Robert",
	}, {
		name: "name asked",
		args: []string{"--first-name", "Bob"},
		answers: []answer{
			{question: "What is the requester's name?", text: "Robert Smith"},
			{question: "What did Bob ask you for?", option: "skill endorsement"},
			{question: "How do you know Bob?", option: "never met"},
			{question: "Which skill did Bob ask you to endorse?", text: "Go"},
		},
		greet: "Bob",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			out := runDraftAsked(t, t.TempDir(), tc.answers, tc.args...)
			if greeting := strings.SplitN(out.String(), "\n", 2)[0]; !strings.Contains(greeting, " "+tc.greet+",") {
				t.Errorf("reply starts %q, want it to greet %s", greeting, tc.greet)
			}
		})
	}
}

// TestDraftSpeaksTheUsersLocale: a locale.yaml in the user's template
// directory is what draft asks with, offers and signs off with: its
// question for a value of the user's own template, its label for a
// relationship and its sign-off for a tone.
func TestDraftSpeaksTheUsersLocale(t *testing.T) {
	home := t.TempDir()
	dir := filepath.Join(home, ".config", "decline", "templates", "en")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"locale.yaml": `relationships:
  - id: stranger
    label: Never heard of them
tones:
  - id: warm
    label: Warm and personal
    signoff: Cheers for now
values:
  event:
    question: Where did you meet {first}?
`,
		"mine.yaml": `templates:
  - kind: recommendation
    relationship: stranger
    tone: warm
    requires: [event]
    body: |
      Hi {{.FirstName}}, we met at {{.event}}, but I cannot recommend you.

      {{.Signoff}},
      {{.Sender}}
`} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := runDraftAsked(t, home, []answer{
		{question: "How do you know Scott?", option: "Never heard of them"},
		{question: "Where did you meet Scott?", text: "KubeCon"},
	}, "-n", "Scott Lee", "-k", "recommendation")
	if !strings.Contains(out.String(), "we met at KubeCon") || !strings.Contains(out.String(), "\nCheers for now,\n") {
		t.Errorf("the reply does not use the answer and the locale's sign-off:\n%s", out)
	}
}

// TestDraftAsksWithTheTemplatesQuestions: a user template's values are
// asked with the questions their declaration gives; an optional value is
// asked in a dialogue and skipped by an empty answer, and not asked when
// the flags gave everything the reply needs.
func TestDraftAsksWithTheTemplatesQuestions(t *testing.T) {
	home := t.TempDir()
	dir := filepath.Join(home, ".config", "decline", "templates")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	mine := `templates:
  - id: mine/event
    requires:
      - name: event
        question: Which event did {first} invite you to?
    optional:
      - name: venue
        question: Where is it held?
      - plain
    body: |
      Hi {{.FirstName}}, I cannot speak at {{.event}}{{if .venue}} in {{.venue}}{{end}}{{if .plain}}, {{.plain}}{{end}}.

      {{.Signoff}},
      {{.Sender}}
`
	if err := os.WriteFile(filepath.Join(dir, "mine.yaml"), []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		args    []string
		answers []answer
		want    string
	}{{
		name: "asked",
		args: []string{"-n", "Scott Lee", "--template", "mine/event"},
		answers: []answer{
			{question: "Which event did Scott invite you to?", text: "GopherCon"},
			{question: "Where is it held? (optional: Enter to skip)", text: "Berlin"},
			{question: "Value for plain: (optional: Enter to skip)", text: ""},
		},
		want: "Hi Scott, I cannot speak at GopherCon in Berlin.\n",
	}, {
		name: "given by flags",
		args: []string{"-n", "Scott Lee", "--template", "mine/event", "--set", "event=KubeCon"},
		want: "Hi Scott, I cannot speak at KubeCon.\n",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			out := runDraftAsked(t, home, tc.answers, tc.args...)
			if !strings.HasPrefix(out.String(), tc.want) {
				t.Errorf("reply starts %q, want %q", out.String(), tc.want)
			}
		})
	}
}
