package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/helptext"

	"github.com/decline-cli/decline/internal/lint"
	"github.com/decline-cli/decline/internal/safetext"
)

type templatesLintOptions struct {
	*globalOptions
	paths []string
}

func newTemplatesLintCmd(f *Factory, g *globalOptions) *cobra.Command {
	o := &templatesLintOptions{globalOptions: g}
	return &cobra.Command{
		Use:     "lint [PATH...]",
		Short:   "Check template files; exit 1 on any problem",
		Long:    helptext.TemplatesLint.Long,
		Example: helptext.TemplatesLint.Example,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.paths = args
			return runTemplatesLint(f, o)
		},
	}
}

func runTemplatesLint(f *Factory, o *templatesLintOptions) error {
	var layers []lint.Layer
	if len(o.paths) == 0 {
		dirs, err := f.TemplateDirs(o.templateDirs)
		if err != nil {
			return err
		}
		layers = lint.ReadCatalog(dirs)
	}
	for _, p := range o.paths {
		layers = append(layers, lint.ReadPath(p, false))
	}
	r := lint.Check(layers...)
	var b strings.Builder
	// Said without failing, as a backup folder is a fine thing to keep
	// there.
	for _, w := range lint.SkippedFolders(layers) {
		fmt.Fprintln(f.IO.ErrOut, "decline: warning: "+w)
	}
	for _, p := range r.Problems {
		fmt.Fprintln(&b, safetext.Escape(p.Error()))
	}
	if _, err := fmt.Fprint(f.IO.Out, b.String()); err != nil {
		return err
	}
	if len(r.Problems) > 0 {
		return errors.New(r.Summary())
	}
	fmt.Fprintln(f.IO.ErrOut, r.Summary())
	return nil
}
