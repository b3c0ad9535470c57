package cli

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/oserr"
)

type templatesPathOptions struct {
	*globalOptions
}

func newTemplatesPathCmd(f *Factory, g *globalOptions) *cobra.Command {
	o := &templatesPathOptions{globalOptions: g}
	return &cobra.Command{
		Use:   "path",
		Short: "List the directories templates are read from, in order",
		Long: `List where templates are read from, in order: the default catalog built
into decline, your template directory, then each --templates DIR. A
template replaces any with the same id read before it.

Each line gives the source (default, user or --templates), the directory,
and whether it exists. On a terminal this is an aligned table; in a pipe
the fields are tab-separated, without the header.`,
		Example: `  decline templates path
  decline templates path --templates ./team-templates`,
		Args: noArgs,
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
		rows = append(rows, []string{source, dir, dirState(dir)})
	}
	return f.IO.WriteTable([]string{"SOURCE", "DIRECTORY", "STATE"}, rows)
}

// dirState says whether a template directory exists.
func dirState(dir string) string {
	info, err := os.Stat(dir)
	switch {
	case os.IsNotExist(err):
		return "missing"
	case err != nil:
		return "unreadable: " + oserr.Cause(err).Error()
	case !info.IsDir():
		return "not a directory"
	}
	return "exists"
}
