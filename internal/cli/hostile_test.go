package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/iostreams"
	"github.com/decline-cli/decline/internal/prompt"
	"github.com/decline-cli/decline/internal/safetext"
)

// scriptedPrompter answers questions from a script and records every
// question and option it was shown, as a terminal would display them.
type scriptedPrompter struct {
	answers []string // for Input, in order; Select takes the default
	shown   []string
}

func (p *scriptedPrompter) Input(message, def string, validate func(string) error) (string, error) {
	p.shown = append(p.shown, message)
	for len(p.answers) > 0 {
		a := p.answers[0]
		p.answers = p.answers[1:]
		if validate != nil {
			if err := validate(a); err != nil {
				p.shown = append(p.shown, err.Error())
				continue
			}
		}
		return a, nil
	}
	return "", prompt.ErrCancelled
}

func (p *scriptedPrompter) Select(message string, options []string, def int) (int, error) {
	p.shown = append(append(p.shown, message), options...)
	return max(def, 0), nil
}

// hostileFactory is a factory on a pretend terminal (standard input and
// error are terminals, so decline asks; standard output is a pipe) with
// the given prompter and an empty home.
func hostileFactory(t *testing.T, p prompt.Prompter) *Factory {
	env, _ := tempHomeEnv(t)
	ios, _, _, _ := iostreams.Test()
	ios.SetTTY(true, false, true)
	f := NewFactory(ios, env)
	f.NewPrompter = func(bool) prompt.Prompter { return p }
	return f
}

// TestHostileNameNeverReachesAPrompt: on a terminal, decline asks for
// what the flags left out, and its questions name the requester ("How do
// you know Scott?"). A --name holding an OSC 52 sequence must be refused
// before any question is drawn, or the terminal would run it.
func TestHostileNameNeverReachesAPrompt(t *testing.T) {
	for _, args := range [][]string{
		{"draft", "--name", "Ev\x1b]52;c;ZXZpbA==\aX"},                        // asks kind and relationship
		{"draft", "--name", "Ev\u009b2J", "-k", "recommendation"},             // asks relationship
		{"draft", "--name", "Ev\u202eX", "-k", "endorsement", "-r", "social"}, // asks for skill
		{"draft", "--first-name", "\x1b[2J", "-k", "endorsement", "-r", "social", "-n", "Ann"},
	} {
		p := &scriptedPrompter{answers: []string{"Go"}}
		code := Run(context.Background(), hostileFactory(t, p), args)
		if code != ExitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, ExitUsage)
		}
		if len(p.shown) > 0 {
			t.Errorf("%q: questions were asked before the name was checked: %q", args, p.shown)
		}
	}
}

// TestHostileAnswerIsRefusedAtThePrompt: a name typed (or pasted) at the
// prompt meets the same policy; the prompt says why and asks again, and
// the refused text never appears in a later question.
func TestHostileAnswerIsRefusedAtThePrompt(t *testing.T) {
	p := &scriptedPrompter{answers: []string{"Ev\x1b]52;c;ZXZpbA==\a", "Ann\u2028", "Scott Lee"}}
	code := Run(context.Background(), hostileFactory(t, p), []string{"draft", "-k", "recommendation"})
	if code != ExitOK {
		t.Fatalf("exit %d, want 0; shown %q", code, p.shown)
	}
	want := []string{
		"What is the requester's name?",
		"that name contains an escape character (U+001B)",
		"that name contains a line separator (U+2028)",
		"How do you know Scott?",
	}
	for i, w := range want {
		if i >= len(p.shown) || p.shown[i] != w {
			t.Fatalf("shown %q, want it to start %q", p.shown, want)
		}
	}
	for _, s := range p.shown {
		if pr := safetext.Check(s, false); pr != nil {
			t.Errorf("shown %q, which %s", s, pr.Reason)
		}
	}
}

// TestHugeNameFlag: a 100 KB --name is refused at once, and the message
// quotes only its start.
func TestHugeNameFlag(t *testing.T) {
	env, _ := tempHomeEnv(t)
	ios, _, out, errOut := iostreams.Test()
	name := strings.Repeat("a", 100_000)
	code := Run(context.Background(), NewFactory(ios, env), []string{"draft", "--name", name, "-r", "stranger"})
	want := `decline: --name "` + strings.Repeat("a", 48) + `"... is 100000 bytes long, more than the 1024 allowed` + "\n"
	if code != ExitUsage || out.Len() > 0 || errOut.String() != want {
		t.Errorf("exit %d, stdout %d bytes, stderr %q", code, out.Len(), errOut.String())
	}
}
