package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/cmdutil"
	"github.com/decline-cli/decline/internal/helptext"
	"github.com/decline-cli/decline/internal/iostreams"
	"github.com/decline-cli/decline/templates"
)

// TestEveryCommandHasHelp holds each command a user can run, subcommands
// included, to a description, a longer explanation and examples, and each
// example to decline as it is: a command that exists, with flags it takes.
func TestEveryCommandHasHelp(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	root := NewRootCmd(NewFactory(ios, func(string) string { return "" }))
	root.InitDefaultHelpCmd() // as Execute does
	var visit func(cmd *cobra.Command)
	seen := 0
	visit = func(cmd *cobra.Command) {
		for _, c := range cmd.Commands() {
			if c.IsAvailableCommand() || c.Name() == "help" {
				visit(c)
			}
		}
		seen++
		name := "decline " + cmdutil.CommandPath(cmd)
		if cmd.Short == "" || cmd.Long == "" {
			t.Errorf("%s: no Short or Long description", name)
		}
		if cmd.Example == "" {
			t.Errorf("%s: no examples", name)
			return
		}
		if cmd == root {
			return
		}
		for _, line := range strings.Split(cmd.Example, "\n") {
			calls := declineCalls(line)
			if len(calls) == 0 {
				// A line that prepares for the next, like mkdir -p.
				continue
			}
			for _, args := range calls {
				checkExample(t, cmdutil.CommandPath(cmd), line, args)
			}
		}
	}
	visit(root)
	// draft, batch, templates and its five, completion and its four, help.
	if seen < 15 {
		t.Errorf("visited %d commands; the walk missed some", seen)
	}
}

// checkExample checks that args is a command line decline accepts: the
// command exists, under the command whose example it is, and every flag in
// it is known and takes the value given.
func checkExample(t *testing.T, owner, line string, args []string) {
	t.Helper()
	ios, _, _, _ := iostreams.Test()
	root := NewRootCmd(NewFactory(ios, func(string) string { return "" }))
	root.InitDefaultHelpCmd()
	cmd, rest, err := root.Find(args)
	if err != nil {
		t.Errorf("example %q: %v", line, err)
		return
	}
	if owner != "help" && !strings.HasPrefix(cmdutil.CommandPath(cmd), owner) {
		t.Errorf("example %q of %q runs %q", line, owner, cmdutil.CommandPath(cmd))
	}
	cmd.InitDefaultHelpFlag()
	if err := cmd.ParseFlags(rest); err != nil {
		t.Errorf("example %q: %v", line, err)
	}
}

// declineCalls finds each decline command line in an example shell line,
// such as 'xdg-open "$(decline draft -f mailto)"' or 'a | decline batch -',
// and splits it into arguments as the shell would.
func declineCalls(line string) [][]string {
	var calls [][]string
	for {
		i := strings.Index(line, "decline ")
		if i < 0 {
			return calls
		}
		if i > 0 && !strings.ContainsRune(" (|&;", rune(line[i-1])) {
			// A word that ends in decline, or a path holding it.
			line = line[i+len("decline "):]
			continue
		}
		line = line[i+len("decline "):]
		end := len(line)
		quote := byte(0)
		for j := 0; j < len(line); j++ {
			c := line[j]
			if quote != 0 {
				if c == quote {
					quote = 0
				}
				continue
			}
			if c == '"' || c == '\'' {
				quote = c
			} else if strings.ContainsRune("|)>&;<", rune(c)) {
				end = j
				break
			}
		}
		calls = append(calls, splitWords(line[:end]))
		line = line[end:]
	}
}

// splitWords splits a command line into words, honouring quotes.
func splitWords(s string) []string {
	var words []string
	var w strings.Builder
	in, quote := false, byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			w.WriteByte(c)
		case c == '"' || c == '\'':
			quote, in = c, true
		case c == ' ' || c == '\t':
			if in {
				words = append(words, w.String())
				w.Reset()
				in = false
			}
		default:
			w.WriteByte(c)
			in = true
		}
	}
	if in {
		words = append(words, w.String())
	}
	return words
}

func TestDeclineCalls(t *testing.T) {
	tests := []struct {
		line string
		want string
	}{
		{`  decline draft -n "Scott Lee" -r stranger`, `draft|-n|Scott Lee|-r|stranger`},
		{`  xdg-open "$(decline draft -n Scott -f mailto)"`, `draft|-n|Scott|-f|mailto`},
		{`  some-export | decline batch - --input-format jsonl`, `batch|-|--input-format|jsonl`},
		{`  decline batch r.csv --format mbox > replies.mbox && mutt -f replies.mbox`, `batch|r.csv|--format|mbox`},
		{`  mkdir -p ~/.zfunc && decline completion zsh > ~/.zfunc/_decline`, `completion|zsh`},
		{`  source <(decline completion bash)`, `completion|bash`},
		{`  mkdir -p ~/.local/share/bash-completion/completions`, ``},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range declineCalls(tt.line) {
			got = append(got, strings.Join(c, "|"))
		}
		if strings.Join(got, " ; ") != tt.want {
			t.Errorf("declineCalls(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

// TestTemplateFormatExampleWorks takes the example file out of 'decline
// help template-format' and uses it as a user would: it lints clean, its
// override replaces the built-in reply, and its own template drafts.
func TestTemplateFormatExampleWorks(t *testing.T) {
	const start = "A complete file, ~/.config/decline/templates/mine.yaml:\n\n"
	i := strings.Index(helptext.TemplateFormat, start)
	if i < 0 {
		t.Fatal("the template format help has no example file")
	}
	var yaml strings.Builder
	for _, line := range strings.Split(helptext.TemplateFormat[i+len(start):], "\n") {
		if line != "" && !strings.HasPrefix(line, "  ") {
			break
		}
		yaml.WriteString(strings.TrimPrefix(line, "  ") + "\n")
	}
	home := t.TempDir()
	dir := filepath.Join(home, "config", "decline", "templates")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "mine.yaml"), []byte(yaml.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	env := func(k string) string {
		switch k {
		case "HOME":
			return home
		case "XDG_CONFIG_HOME":
			return filepath.Join(home, "config")
		}
		return ""
	}
	run := func(args ...string) (code int, stdout, stderr string) {
		ios, _, out, errOut := iostreams.Test()
		code = Run(context.Background(), NewFactory(ios, env), args)
		return code, out.String(), errOut.String()
	}

	if code, out, errOut := run("templates", "lint"); code != 0 {
		t.Fatalf("lint of the example: exit %d\n%s%s\nthe file:\n%s", code, out, errOut, yaml.String())
	}
	code, out, errOut := run("draft", "-n", "Scott Lee", "-r", "stranger", "-t", "brief")
	if code != 0 || !strings.HasPrefix(out, "Hi Scott, thanks for thinking of me! We haven't worked together") {
		t.Errorf("the example's override did not answer -r stranger -t brief: exit %d\n%s%s", code, out, errOut)
	}
	for v := 1; v <= 2; v++ {
		code, out, errOut = run("draft", "-n", "Scott Lee", "--template", "mine/conference", "--set", "event=KubeCon", "--variant", string(rune('0'+v)))
		if code != 0 || !strings.Contains(out, "KubeCon") {
			t.Errorf("the example's own template, wording %d: exit %d\n%s%s", v, code, out, errOut)
		}
	}
	code, _, errOut = run("draft", "-n", "Scott Lee", "--template", "mine/conference")
	if code != ExitUsage || !strings.Contains(errOut, "event") {
		t.Errorf("a missing required value: exit %d, %q; want 2 and a message naming event", code, errOut)
	}
}

// TestDraftHelpNamesEachKindsValues holds draft's hand-written table of
// the values each kind needs to the default catalog.
func TestDraftHelpNamesEachKindsValues(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	long := newDraftCmd(NewFactory(ios, func(string) string { return "" }), &globalOptions{}, nil).Long
	cat, err := catalog.New(templates.Layer())
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range templates.English.Kinds {
		var line string
		for _, l := range strings.Split(long, "\n") {
			if f := strings.Fields(l); len(f) > 0 && f[0] == k.ID {
				line = l
			}
		}
		if line == "" {
			t.Errorf("draft --help does not list kind %s", k.ID)
			continue
		}
		values := map[string]string{}
		for _, tmpl := range cat.All() {
			if tmpl.Kind != k.ID {
				continue
			}
			for _, v := range tmpl.Requires {
				values[v] = "--set " + v + "="
			}
			for _, v := range tmpl.Optional {
				values[v] = v + "="
			}
		}
		for v, want := range values {
			if !strings.Contains(line, want) {
				t.Errorf("draft --help says %q for %s; the catalog's templates take %s", strings.TrimSpace(line), k.ID, v)
			}
		}
		if len(values) == 0 && strings.Contains(line, "=") {
			t.Errorf("draft --help gives values for %s, whose templates take none", k.ID)
		}
	}
}
