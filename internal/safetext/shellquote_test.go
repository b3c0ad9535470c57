package safetext

import "testing"

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{"Kind": "Kind", "a_b-1": "a_b-1", "": "''", "Request type": "'Request type'", "it's": `'it'\''s'`} {
		if got := ShellQuote(in); got != want {
			t.Errorf("ShellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}
