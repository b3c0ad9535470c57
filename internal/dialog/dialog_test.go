package dialog

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/prompt"
)

// picks answers each menu with the action that starts with the next
// pick, and each question typed into with the next of typed, and fails
// the test on any other question.
type picks struct {
	t     *testing.T
	next  []string
	typed []typed
}

// typed is the start of a question typed into, and the answer.
type typed struct{ question, answer string }

func (p *picks) Select(q string, options []string, _ int) (int, error) {
	if len(p.next) == 0 {
		p.t.Fatalf("unexpected question %q", q)
	}
	for i, o := range options {
		if strings.HasPrefix(o, p.next[0]) {
			p.next = p.next[1:]
			return i, nil
		}
	}
	p.t.Fatalf("%q offers %q, none starting %q", q, options, p.next[0])
	return 0, nil
}

func (p *picks) Input(q, _ string, validate func(string) error) (string, error) {
	if len(p.typed) == 0 || !strings.HasPrefix(q, p.typed[0].question) {
		p.t.Fatalf("unexpected input %q", q)
	}
	a := p.typed[0].answer
	p.typed = p.typed[1:]
	if err := validate(a); err != nil {
		p.t.Fatalf("answer %q to %q refused: %v", a, q, err)
	}
	return a, nil
}

func newReview(t *testing.T, p prompt.Prompter, out *strings.Builder) *Review {
	cat := builtin(t)
	var tpl *catalog.Template
	for _, c := range cat.All() {
		if len(c.Variants) > 1 && len(c.Requires) == 0 {
			tpl = c
			break
		}
	}
	req := &compose.Request{Name: "Scott Lee", Variant: 1}
	rep, err := compose.Render(tpl, req)
	if err != nil {
		t.Fatal(err)
	}
	return &Review{
		Prompter: p, Out: out, Editor: "vi", Template: tpl, Request: req,
		Message: &deliver.Message{Reply: rep}, Format: "text",
		Render: compose.Render,
	}
}

func TestReviewAnotherWordingThenPrint(t *testing.T) {
	var out strings.Builder
	r := newReview(t, &picks{t: t, next: []string{"Try another wording", "Print it"}}, &out)
	printed := 0
	r.Print = func() error { printed = r.Message.Reply.Variant; return nil }
	if err := r.Run(); err != nil || printed != 2 {
		t.Errorf("Run = %v, printed wording %d; want wording 2 printed", err, printed)
	}
	if strings.Count(out.String(), "Draft: ") != 2 {
		t.Errorf("want the draft shown twice:\n%s", out.String())
	}
}

func TestReviewFailedCopyReturnsToTheMenu(t *testing.T) {
	var out strings.Builder
	r := newReview(t, &picks{t: t, next: []string{"Copy it", "Cancel"}}, &out)
	r.Copy = func([]byte) error { return errors.New("no clipboard\nhere") }
	if err := r.Run(); !errors.Is(err, prompt.ErrCancelled) {
		t.Errorf("Run = %v, want cancelled", err)
	}
	if !strings.Contains(out.String(), "decline: cannot copy to the clipboard: no clipboard here; choose another way\n") {
		t.Errorf("the failed copy is not reported on one line:\n%s", out.String())
	}
}

func TestReviewEditFailureKeepsTheDraft(t *testing.T) {
	var out strings.Builder
	r := newReview(t, &picks{t: t, next: []string{"Edit it in vi", "Edit it in vi"}}, &out)
	calls := 0
	r.Edit = func() error {
		calls++
		if calls == 1 {
			return errors.New("vi: not found")
		}
		return prompt.ErrCancelled
	}
	if err := r.Run(); !errors.Is(err, prompt.ErrCancelled) || calls != 2 {
		t.Errorf("Run = %v after %d edits; want cancelled by the second", err, calls)
	}
	if !strings.Contains(out.String(), "decline: vi: not found; the draft is unchanged\n") {
		t.Errorf("the failed edit is not reported:\n%s", out.String())
	}
}

// TestReviewEditorExitSaysOnce: an editor that exits with an error (vim's
// :cq) leaves the draft as it was, and that is said once.
func TestReviewEditorExitSaysOnce(t *testing.T) {
	var out strings.Builder
	r := newReview(t, &picks{t: t, next: []string{"Edit it in vi", "Cancel"}}, &out)
	r.Edit = func() error { return fmt.Errorf("editor vi exited with status 1; %w", deliver.ErrDraftNotUsed) }
	if err := r.Run(); !errors.Is(err, prompt.ErrCancelled) {
		t.Errorf("Run = %v, want cancelled", err)
	}
	if !strings.Contains(out.String(), "decline: editor vi exited with status 1; the draft is unchanged\n") || strings.Contains(out.String(), "not used") {
		t.Errorf("the editor's exit is not said once, plainly:\n%s", out.String())
	}
}

// TestReviewShowsToWrapsAndTipsOnce: the draft is wrapped to the
// terminal's width under a rule that fits it, names the address given,
// and the tip comes under the first wording only.
func TestReviewShowsToWrapsAndTipsOnce(t *testing.T) {
	var out strings.Builder
	r := newReview(t, &picks{t: t, next: []string{"Try another wording", "Print it"}}, &out)
	r.Width, r.Tip, r.Message.To = 40, "Tip: sign with your name", "scott@example.com"
	r.Print = func() error { return nil }
	if err := r.Run(); err != nil {
		t.Fatal(err)
	}
	shown := out.String()
	if strings.Count(shown, "\nTo: scott@example.com\nSubject: ") != 2 || strings.Count(shown, "Tip: sign with your name") != 1 {
		t.Errorf("want To: under each draft and the tip once:\n%s", shown)
	}
	for _, line := range strings.Split(shown, "\n") {
		if n := utf8.RuneCountInString(line); n > 40 {
			t.Errorf("line of %d characters in a 40-column terminal: %q", n, line)
		}
	}
	if !strings.Contains(shown, "\n"+strings.Repeat("─", 40)+"\n") {
		t.Errorf("no 40-column rule:\n%s", shown)
	}

}

// TestReviewHeaderBreaksBetweenItsParts: a header too wide for the
// terminal is broken after the template's id, not before the last
// number ("wording 1 of" above a lone "2").
func TestReviewHeaderBreaksBetweenItsParts(t *testing.T) {
	var out strings.Builder
	r := newReview(t, &picks{t: t, next: []string{"Print it"}}, &out)
	r.Print = func() error { return nil }
	// One column short of the whole header: wrapped between words, its
	// last number would go to a line of its own.
	r.Width = len("Draft: "+r.Template.ID+", wording 1 of") + 1
	if err := r.Run(); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("\nDraft: %s,\nwording 1 of %d\n", r.Template.ID, len(r.Template.Variants)); !strings.Contains(out.String(), want) {
		t.Errorf("the header is not broken after the id:\n%s", out.String())
	}
}
