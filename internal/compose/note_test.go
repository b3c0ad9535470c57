package compose_test

import (
	"testing"

	"github.com/decline-cli/decline/internal/compose"
)

func TestNoteText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"say hello to the team", "Say hello to the team."},
		{"Coffee next week?", "Coffee next week?"},
		{"Cheers :)", "Cheers :)"},
		{"See you soon :D", "See you soon :D"},
		{"Good luck 🚀", "Good luck 🚀"},
		{`As you said, "onwards"`, `As you said, "onwards"`},
		{"(see you at the meetup)", "(see you at the meetup)"},
		{"See you in 2027", "See you in 2027."},
		{"Say hi to Ted", "Say hi to Ted."},
		{"  ", ""},
	} {
		if got := compose.NoteText(c.in); got != c.want {
			t.Errorf("NoteText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestCheckNoteNeedsALetter(t *testing.T) {
	for _, bad := range []string{".", "!!!", " . ", "100%", "🚀"} {
		if compose.CheckNote(bad) == nil {
			t.Errorf("CheckNote(%q) = nil, want an error", bad)
		}
	}
	for _, good := range []string{"", "Cheers :)", "Good luck", "Élan!"} {
		if err := compose.CheckNote(good); err != nil {
			t.Errorf("CheckNote(%q) = %v", good, err)
		}
	}
}
