package config

import (
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/safetext"
)

// FuzzParse feeds arbitrary bytes to the config decoder: it never panics
// (Parse's recover is a last guard, and reaching it is a bug), its errors
// are one line, and every value it accepts meets the outside-text policy.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"sender: Jordan Avery\nsignoff: Best wishes\ntone: formal\n",
		"sender: \"Jo\\e]52;c;eA==\\a\"\n",
		"a: &a [x, x]\nb: [*a, *a]\n",
		"sender: [a, b]\n",
		"\"\\e\": 1\nsendr: x\n",
		"sender: !!binary aGk=\n",
		"---\nsender: a\n---\nsender: b\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data)
		if err != nil {
			msg := err.Error()
			if strings.Contains(msg, "cannot read this file as YAML") {
				t.Fatalf("the decoder panicked: %v", err)
			}
			if strings.Contains(msg, "\n") {
				t.Fatalf("error is not one line: %q", msg)
			}
			return
		}
		for _, v := range []string{c.Sender, c.Signoff, c.Kind, c.Tone, c.Format, c.Clipboard} {
			if p := safetext.Check(v, false); p != nil {
				t.Fatalf("accepted %q, which %s", v, p.Reason)
			}
		}
	})
}
