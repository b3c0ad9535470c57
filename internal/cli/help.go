package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/cmdutil"
	"github.com/decline-cli/decline/internal/helptext"
	"github.com/decline-cli/decline/internal/safetext"
)

// newHelpCmd replaces cobra's help command, which prints "Unknown help
// topic" and the usage with exit status 0 for a topic it does not know.
// Here that is a usage error that suggests the closest command or topic.
func newHelpCmd() *cobra.Command {
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
			for _, sub := range cmdutil.Helpable(cmd) {
				if strings.HasPrefix(sub.Name(), toComplete) {
					out = append(out, sub.Name()+"\t"+sub.Short)
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			cmd := c.Root()
			for _, arg := range args {
				next := cmdutil.FindHelpable(cmd, arg)
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
		where = fmt.Sprintf(" for %q", "decline "+cmdutil.CommandPath(parent))
	}
	if s := cmdutil.Closest(parent, arg); s != "" {
		return usageErrorf("unknown help topic %s%s (did you mean %q?)", safetext.Quote(arg), where, s)
	}
	return usageErrorf("unknown help topic %s%s (see %s for the list)", safetext.Quote(arg), where, strings.TrimSpace("'decline help "+cmdutil.CommandPath(parent))+"'")
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

// noArgs and needSubcommand are cmdutil's, by their old names.
var (
	noArgs         = cmdutil.NoArgs
	needSubcommand = cmdutil.NeedSubcommand
)
