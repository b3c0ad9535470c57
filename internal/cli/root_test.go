package cli

import (
	"context"
	"testing"

	"github.com/decline-cli/decline/internal/iostreams"
)

// TestLeafCommand holds the lean tree to the lines that surely run a
// leaf command: anything else must get the whole tree.
func TestLeafCommand(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"draft", "-n", "Scott"}, "draft"},
		{[]string{"reply", "msg.eml"}, "reply"},
		{[]string{"batch", "people.csv"}, "batch"},
		{[]string{"--config", "c.yaml", "draft"}, "draft"},
		{[]string{"--templates=dir", "--config", "c.yaml", "batch"}, "batch"},
		{[]string{"--config", "draft"}, ""}, // draft is the flag's value
		{[]string{"templates", "list"}, ""},
		{[]string{"help", "draft"}, ""},
		{[]string{"__complete", "draft", ""}, ""},
		{[]string{"completion", "bash"}, ""},
		{[]string{"--version"}, ""},
		{[]string{"-h", "draft"}, ""},
		{[]string{"dratf"}, ""},
		{nil, ""},
	} {
		if got := leafCommand(c.args); got != c.want {
			t.Errorf("leafCommand(%q) = %q, want %q", c.args, got, c.want)
		}
	}
}

// TestLeanTreeHelp holds a leaf command built alone to the help the
// whole tree gives it, and to its flags.
func TestLeanTreeHelp(t *testing.T) {
	for name := range leafCommands {
		help := func(only string) string {
			ios, _, out, _ := iostreams.Test()
			f := NewFactory(ios, func(string) string { return "" })
			root := newRootCmd(f, only)
			root.SetArgs([]string{name, "--help"})
			if err := root.ExecuteContext(context.Background()); err != nil {
				t.Fatalf("%s --help: %v", name, err)
			}
			return out.String()
		}
		full, lean := help(""), help(name)
		if full == "" || lean != full {
			t.Errorf("%s --help differs when %s is built alone:\n--- whole tree\n%s\n--- alone\n%s", name, name, full, lean)
		}
	}
}
