//go:build unix

package cli_test

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestReplyReviewChangesTheTone: reply's review changes the tone, as
// draft's does, and the new draft stays in the thread (its Re: subject).
func TestReplyReviewChangesTheTone(t *testing.T) {
	msg, err := filepath.Abs(filepath.Join("..", "inbound", "testdata", "mail", "gmail-alternative.eml"))
	if err != nil {
		t.Fatal(err)
	}
	p := startPane(t, 100, 40, nil, "reply", msg, "-r", "no-business", "-f", "text", "--from", "Jordan Avery")
	p.waitFor("Draft: recommendation/no-business/warm", "Change the tone (warm)", "Change how you know Scott")
	p.keys("Down", "Down", "Down", "Down", "Down", "Enter")
	p.waitFor("Which tone would you like?", "Formal")
	p.keys("Down", "Enter")
	p.waitFor("Draft: recommendation/no-business/formal", "Subject: Re: Recommendation on LinkedIn?", "Change the tone (formal)")
	text := p.print()
	printed := strings.ReplaceAll(text[strings.LastIndex(text, "Print it"):], "\n", " ")
	if want := strings.ReplaceAll(openingFor(t, "recommendation/no-business/formal", "Scott Lee"), "\n", " ")[:30]; !strings.Contains(printed, want) {
		t.Errorf("the printed reply is not the formal one (%q):\n%s", want, text)
	}
}
