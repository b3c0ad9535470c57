//go:build unix

package cli_test

import (
	"regexp"
	"testing"
)

// sgr matches a colour or style escape sequence (Select Graphic
// Rendition); survey's cursor movements are other sequences.
var sgr = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// TestColourFollowsTheEnvironment checks every question survey draws, and
// the draft shown before the menu, for colour: none when NO_COLOR is set
// (even with CLICOLOR_FORCE, which survey on its own obeys over NO_COLOR)
// or TERM is dumb, and some on an ordinary terminal, which shows that the
// check can see colour at all.
func TestColourFollowsTheEnvironment(t *testing.T) {
	tests := []struct {
		name   string
		env    []string
		colour bool
	}{
		{"NO_COLOR", []string{"NO_COLOR=1"}, false},
		{"NO_COLOR with CLICOLOR_FORCE", []string{"NO_COLOR=1", "CLICOLOR_FORCE=1"}, false},
		{"TERM=dumb", []string{"NO_COLOR=", "TERM=dumb"}, false},
		{"colour terminal", []string{"NO_COLOR=", "TERM=xterm-256color"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := startSession(t, false, tt.env, "draft")
			s.expect("What is the requester's name?")
			s.send("Scott Lee" + keyEnter)
			s.expect("What did Scott ask you for?")
			s.send(keyEnter)
			s.expect("How do you know Scott?")
			s.send(keyEnter)
			s.expect("Draft: recommendation/stranger/warm", "What would you like to do with it?")
			s.send(keyCtrlC)
			if code := s.exitCode(); code != 130 {
				t.Fatalf("exit %d, want 130; terminal:\n%s", code, s.text())
			}
			s.mu.Lock()
			raw := s.screen.String()
			s.mu.Unlock()
			if got := sgr.FindString(raw); (got != "") != tt.colour {
				t.Errorf("colour on the terminal: %q (first sequence %q), want %v", sgr.FindAllString(raw, 5), got, tt.colour)
			}
		})
	}
}
