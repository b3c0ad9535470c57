package cli_test

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestInteractiveReplyAsksWhenUnsure: a message whose kind decline cannot
// tell for sure is asked about on a terminal, with the best guess
// highlighted; so is the relationship, never guessed, and a value the
// message does not state.
func TestInteractiveReplyAsksWhenUnsure(t *testing.T) {
	msg, err := filepath.Abs(filepath.Join("..", "inbound", "testdata", "mail", "ambiguous.eml"))
	if err != nil {
		t.Fatal(err)
	}
	s := startSession(t, true, nil, "reply", msg, "-f", "text")
	s.expect("What did Alex ask you for?")
	s.send(keyEnter) // the highlighted guess: a reference
	s.expect("How do you know Alex?")
	s.send(keyDown + keyEnter) // no-business
	s.expect("role")
	s.send("Data Analyst" + keyEnter)
	if code := s.exitCode(); code != 0 {
		t.Fatalf("exit %d; terminal:\n%s", code, s.text())
	}
	if out := s.stdout.String(); !strings.HasPrefix(out, "Hi Alex,") || !strings.Contains(out, "Data Analyst") {
		t.Errorf("stdout is not the reference reply:\n%s", out)
	}
}
