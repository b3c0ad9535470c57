package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/cmdutil"
	"github.com/decline-cli/decline/internal/helptext"

	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/templates"
)

type templatesInitOptions struct {
	force bool
}

func newTemplatesInitCmd(f *Factory) *cobra.Command {
	o := &templatesInitOptions{}
	cmd := &cobra.Command{
		Use:     "init",
		Short:   "Copy the default catalog into your template directory, to edit",
		Long:    helptext.TemplatesInit.Long,
		Example: helptext.TemplatesInit.Example,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTemplatesInit(f, o)
		},
	}
	cmd.Flags().BoolVar(&o.force, "force", false, "overwrite template files that already exist")
	return cmd
}

func runTemplatesInit(f *Factory, o *templatesInitOptions) error {
	dir, err := config.TemplateDir(f.Env)
	if err != nil {
		return err
	}
	copied, err := templates.CopyTo(dir, o.force)
	var exists *templates.ExistsError
	if errors.As(err, &exists) {
		return fmt.Errorf("%w (use --force to overwrite them)", err)
	}
	if err != nil {
		return err
	}
	msg := fmt.Sprintf("Copied %d template files to %s", copied.Files, dir)
	if copied.Replaced > 0 {
		msg += fmt.Sprintf(" (replacing %d)", copied.Replaced)
	}
	fmt.Fprintf(f.IO.ErrOut, "%s.\nEdit them there; a template with a default's id replaces it. Check your changes with 'decline templates lint'.\n", msg)
	return nil
}
