package helptext

import "testing"

// TestTextsAreComplete checks that every topic and shell has each of its
// texts, and that no two topics share a name someone could ask for.
func TestTextsAreComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, topic := range Topics {
		if topic.Name == "" || topic.Short == "" || topic.Long == "" {
			t.Errorf("topic %q lacks a name, summary or text", topic.Name)
		}
		for _, n := range append([]string{topic.Name}, topic.Aliases...) {
			if seen[n] {
				t.Errorf("two topics are called %q", n)
			}
			seen[n] = true
		}
	}
	for _, sh := range []string{"completion", "bash", "zsh", "fish", "powershell"} {
		h, ok := Completion[sh]
		if !ok || h.Long == "" || h.Example == "" || sh != "completion" && h.Name == "" {
			t.Errorf("completion help for %q is missing or incomplete: %+v", sh, h)
		}
	}
}
