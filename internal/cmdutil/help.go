package cmdutil

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/helptext"
	"github.com/decline-cli/decline/internal/safetext"
)

// NewHelpCmd replaces cobra's help command, which prints "Unknown help
// topic" and the usage with exit status 0 for a topic it does not know.
// Here that is a usage error that suggests the closest command or topic.
func NewHelpCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "help [COMMAND|TOPIC]...",
		Short:   "Help about any command or topic",
		Long:    helptext.Help.Long,
		Example: helptext.Help.Example,
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			cmd, _, err := c.Root().Find(args)
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []string
			for _, sub := range Helpable(cmd) {
				if strings.HasPrefix(sub.Name(), toComplete) {
					out = append(out, sub.Name()+"\t"+sub.Short)
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			cmd := c.Root()
			for _, arg := range args {
				next := FindHelpable(cmd, arg)
				if next == nil {
					return unknownHelpTopic(cmd, arg)
				}
				cmd = next
			}
			cmd.InitDefaultHelpFlag()
			cmd.InitDefaultVersionFlag()
			return cmd.Help()
		},
	}
}

func unknownHelpTopic(parent *cobra.Command, arg string) error {
	where := ""
	if parent.HasParent() {
		where = fmt.Sprintf(" for %q", "decline "+CommandPath(parent))
	}
	if s := Closest(parent, arg); s != "" {
		return UsageErrorf("unknown help topic %s%s (did you mean %q?)", safetext.Quote(arg), where, s)
	}
	return UsageErrorf("unknown help topic %s%s (see %s for the list)", safetext.Quote(arg), where, strings.TrimSpace("'decline help "+CommandPath(parent))+"'")
}

// HelpTopics are the topics 'decline help' knows besides the commands:
// commands with only a Long text, which cobra lists as topics.
func HelpTopics() []*cobra.Command {
	var out []*cobra.Command
	for _, t := range helptext.Topics {
		out = append(out, &cobra.Command{Use: t.Name, Short: t.Short, Long: t.Long, Aliases: t.Aliases})
	}
	return out
}

// Group is a command that only holds others (templates, config): given
// no subcommand it shows its help; an unknown one is a usage error.
func Group(use, short string, help helptext.Command, subs ...*cobra.Command) *cobra.Command {
	cmd := &cobra.Command{
		Use:     use,
		Short:   short,
		Long:    help.Long,
		Example: help.Example,
		Args:    NeedSubcommand("command"),
		RunE:    func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(subs...)
	return cmd
}

// AddCompletionCmd adds cobra's completion command, with decline's help
// and decline's usage errors: no shell, an unknown shell or an extra
// argument exits 2 with a one-line message.
func AddCompletionCmd(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		c.Long, c.Example = helptext.Completion["completion"].Long, helptext.Completion["completion"].Example
		c.Use = "completion SHELL"
		c.Short = "Print a shell completion script: bash, zsh, fish or powershell"
		c.Args = NeedSubcommand("shell")
		c.RunE = func(cmd *cobra.Command, args []string) error {
			return UsageErrorf("completion needs a shell: bash, zsh, fish or powershell (see 'decline completion --help')")
		}
		for _, sh := range c.Commands() {
			h := helptext.Completion[sh.Name()]
			sh.Short = "Print the completion script for " + h.Name
			sh.Long, sh.Example = h.Long, h.Example
			sh.Args = NoArgs
		}
	}
}
