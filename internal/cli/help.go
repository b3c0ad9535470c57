package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/helptext"
	"github.com/decline-cli/decline/internal/safetext"
	"github.com/decline-cli/decline/internal/suggest"
)

// newHelpCmd replaces cobra's help command, which prints "Unknown help
// topic" and the usage with exit status 0 for a topic it does not know.
// Here that is a usage error that suggests the closest command or topic.
func newHelpCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "help [COMMAND|TOPIC]...",
		Short: "Help about any command or topic",
		Long: `Show the help of a command, a subcommand or a topic. With nothing after it,
the same as 'decline --help'. 'decline help COMMAND' is 'decline COMMAND --help'.`,
		Example: `  decline help draft
  decline help templates show
  decline help template-format`,
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			cmd, _, err := c.Root().Find(args)
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []string
			for _, sub := range helpable(cmd) {
				if strings.HasPrefix(sub.Name(), toComplete) {
					out = append(out, sub.Name()+"\t"+sub.Short)
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			cmd := c.Root()
			for _, arg := range args {
				next := findHelpable(cmd, arg)
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

// helpable lists the commands and topics under cmd that have help to show.
func helpable(cmd *cobra.Command) []*cobra.Command {
	var out []*cobra.Command
	for _, sub := range cmd.Commands() {
		if sub.IsAvailableCommand() || sub.IsAdditionalHelpTopicCommand() || sub.Name() == "help" && !sub.Hidden {
			out = append(out, sub)
		}
	}
	return out
}

func findHelpable(cmd *cobra.Command, name string) *cobra.Command {
	for _, sub := range helpable(cmd) {
		if sub.Name() == name || sub.HasAlias(name) {
			return sub
		}
	}
	return nil
}

func unknownHelpTopic(parent *cobra.Command, arg string) error {
	where := ""
	if parent.HasParent() {
		where = fmt.Sprintf(" for %q", "decline "+commandPath(parent))
	}
	if s := closest(parent, arg); s != "" {
		return usageErrorf("unknown help topic %s%s (did you mean %q?)", safetext.Quote(arg), where, s)
	}
	return usageErrorf("unknown help topic %s%s (see %s for the list)", safetext.Quote(arg), where, strings.TrimSpace("'decline help "+commandPath(parent))+"'")
}

// closest is the name of the command or topic under cmd that typed most
// likely meant, or "" when none is close.
func closest(cmd *cobra.Command, typed string) string {
	var names [][]string
	for _, sub := range helpable(cmd) {
		names = append(names, append([]string{sub.Name()}, sub.Aliases...))
	}
	return suggest.Closest(typed, names)
}

// needSubcommand is the Args of a command that only groups others, such
// as templates and completion: an argument that names none of them is a
// usage error suggesting the closest, and with none the command's own
// RunE decides (show help, or ask for one). what names the arguments in
// messages, like "command" or "shell".
func needSubcommand(what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return nil
		}
		q := safetext.Quote(args[0])
		if s := closest(cmd, args[0]); s != "" {
			return usageErrorf("unknown %s %s for \"decline %s\" (did you mean %q?)", what, q, commandPath(cmd), s)
		}
		var names []string
		for _, sub := range cmd.Commands() {
			if sub.IsAvailableCommand() {
				names = append(names, sub.Name())
			}
		}
		return usageErrorf("unknown %s %s for \"decline %s\" (choose one of: %s)", what, q, commandPath(cmd), strings.Join(names, ", "))
	}
}

// helpTopics are the topics 'decline help' knows besides the commands:
// commands with only a Long text, which cobra lists as topics.
func helpTopics() []*cobra.Command {
	var out []*cobra.Command
	for _, t := range helptext.Topics {
		out = append(out, &cobra.Command{Use: t.Name, Short: t.Short, Long: t.Long, Aliases: t.Aliases})
	}
	return out
}
