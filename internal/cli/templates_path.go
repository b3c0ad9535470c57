package cli

import (
	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/cmdutil"
	"github.com/decline-cli/decline/internal/helptext"

	"github.com/decline-cli/decline/internal/catalog"
)

type templatesPathOptions struct {
	*globalOptions
}

func newTemplatesPathCmd(f *Factory, g *globalOptions) *cobra.Command {
	o := &templatesPathOptions{globalOptions: g}
	return &cobra.Command{
		Use:     "path",
		Short:   "List the directories templates are read from, in order",
		Long:    helptext.TemplatesPath.Long,
		Example: helptext.TemplatesPath.Example,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTemplatesPath(f, o)
		},
	}
}

func runTemplatesPath(f *Factory, o *templatesPathOptions) error {
	dirs, err := f.TemplateDirs(o.templateDirs)
	if err != nil {
		return err
	}
	rows := [][]string{{"default", "(built into decline)", "exists"}}
	for i, dir := range dirs {
		source := "--templates"
		if i == 0 {
			source = "user"
		}
		rows = append(rows, []string{source, dir, catalog.DirState(dir)})
	}
	return f.IO.WriteTable([]string{"SOURCE", "DIRECTORY", "STATE"}, rows)
}
