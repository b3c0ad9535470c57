package cli

import (
	"github.com/spf13/cobra"
)

func newTemplatesCmd(f *Factory, g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "templates",
		Short: "List, show, check and copy reply templates",
		Long: `Work with the template catalog: the defaults built into decline, then your
own templates in $XDG_CONFIG_HOME/decline/templates (~/.config/decline/templates),
then each --templates DIR. A template with the same id as one read before
it replaces that one.

The file format, with a complete example: 'decline help template-format'.`,
		Example: `  decline templates list
  decline templates show recommendation/no-business/warm
  decline templates init
  decline templates lint`,
		Args: needSubcommand("command"),
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
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
