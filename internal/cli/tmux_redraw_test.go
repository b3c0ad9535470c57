//go:build unix

package cli_test

import (
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

// TestSmallPaneAnswersRedrawCleanly: in a 50x14 pane, menus and answers
// that wrap
// (a long menu choice, a long personal line) and one that ends at the
// pane's right edge (the company: the question and "Initech" are 50
// columns) are drawn once each, wrapped between words, and the next
// question writes over none of them; the sender tip fits the pane,
// the config path under $HOME shortened with ~.
func TestSmallPaneAnswersRedrawCleanly(t *testing.T) {
	p := startPane(t, 50, 14, nil, "draft")
	p.waitFor("What is the requester's name?")
	p.keys("Scott Lee", "Enter")
	p.waitFor("What did Scott ask you for?")
	p.keys("Down", "Down", "Enter") // a job reference
	// The question's hint goes under it, and a long choice is wrapped
	// between words, indented under its first line.
	p.waitFor("? How do you know Scott?\n  [Use arrows to move, type to filter]\n" +
		"> We have never met (probably a request sent to\n  everyone)\n")
	p.keys("Down", "Down", "Down", "Down", "Enter") // cannot vouch
	p.waitFor("Which role is it for?")
	p.keys("Data Analyst", "Enter")
	p.waitFor("Which company?")
	p.keys("Initech", "Enter")
	p.waitFor("Draft: reference/cannot-vouch", "What would you like to do with it?")
	p.keys("Down", "Down", "Down", "Down", "Enter") // a personal line
	p.waitFor("Your personal line")
	p.keys("We should really catch up properly at the conference in May next year", "Enter")
	p.waitFor("conference in May next year.", "Change the personal line")
	text := p.print()
	for _, want := range []string{
		"? What is the requester's name? Scott Lee\n" +
			"? What did Scott ask you for? A job reference\n" +
			"? How do you know Scott? We worked together, and\nI cannot honestly vouch for them\n" +
			"? Which role is it for? Data Analyst\n" +
			"? Which company? (optional: Enter to skip)\nInitech\n",
		"? What would you like to do with it? Add a\npersonal line\n" +
			"? Your personal line (one sentence, placed before\nthe sign-off; leave it empty for none): We should\n" +
			"really catch up properly at the conference in May\nnext year\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the pane does not show the answers, once each, wrapped between words:\n%s\nwant:\n%s", text, want)
		}
	}
	for _, q := range []string{"What is the requester's name?", "Which role is it for?", "Which company?", "Your personal line ("} {
		if n := strings.Count(text, q); n != 1 {
			t.Errorf("%q is in the pane %d times, want once:\n%s", q, n, text)
		}
	}
	tip := text[strings.Index(text, "Tip: "):strings.Index(text, "? What would you like")]
	if !strings.Contains(tip, "~/.config/decline/config.yaml") {
		t.Errorf("the tip does not shorten the config path under $HOME with ~:\n%s", tip)
	}
	for _, line := range strings.Split(tip, "\n") {
		if runewidth.StringWidth(line) >= 50 {
			t.Errorf("a line of the tip fills the pane: %q", line)
		}
	}
}

// print chooses the review menu's first action, Print it, waits for
// decline to exit 0 and returns the pane.
func (p *pane) print() string {
	p.t.Helper()
	p.keys("Enter")
	if code := p.exitCode(); code != 0 {
		p.t.Fatalf("exit %d; the pane showed:\n%s", code, p.all())
	}
	return p.all()
}
