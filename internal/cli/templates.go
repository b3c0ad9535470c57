package cli

import (
	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/cmdutil"
	"github.com/decline-cli/decline/internal/helptext"
)

func newTemplatesCmd(f *Factory, g *globalOptions) *cobra.Command {
	return cmdutil.Group("templates", "List, show, check and copy reply templates", helptext.Templates,
		newTemplatesListCmd(f, g),
		newTemplatesShowCmd(f, g),
		newTemplatesLintCmd(f, g),
		newTemplatesNewCmd(f, g),
		newTemplatesEditCmd(f, g),
		newTemplatesInitCmd(f),
		newTemplatesPathCmd(f, g),
	)
}
