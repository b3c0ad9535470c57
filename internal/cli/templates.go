package cli

import (
	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/cmdutil"
	"github.com/decline-cli/decline/internal/helptext"
)

func newTemplatesCmd(f *Factory, g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "templates",
		Short:   "List, show, check and copy reply templates",
		Long:    helptext.Templates.Long,
		Example: helptext.Templates.Example,
		Args:    cmdutil.NeedSubcommand("command"),
		RunE:    func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(
		newTemplatesListCmd(f, g),
		newTemplatesShowCmd(f, g),
		newTemplatesLintCmd(f, g),
		newTemplatesInitCmd(f),
		newTemplatesPathCmd(f, g),
	)
	return cmd
}
