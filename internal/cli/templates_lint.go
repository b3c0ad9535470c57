package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/lint"
	"github.com/decline-cli/decline/internal/safetext"
	"github.com/decline-cli/decline/templates"
)

type templatesLintOptions struct {
	*globalOptions
	paths []string
}

func newTemplatesLintCmd(f *Factory, g *globalOptions) *cobra.Command {
	o := &templatesLintOptions{globalOptions: g}
	return &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check template files; exit 1 on any problem",
		Long: `Check templates: everything loading checks (YAML, unknown fields, kinds,
relationships and tones, template syntax, undeclared and duplicate ids and
values), then render every wording for sample requesters (a normal name, a
long one, a non-ASCII one, one with an apostrophe) and report leftover
placeholders, doubled spaces, trailing whitespace, a missing greeting or
sign-off, a brief reply over 300 characters, contractions or exclamation
marks in a formal one, and declared values never used. It also reports a
word of five letters or more said three times in a reply, a third party
named in full more than once, a role without its article, a warm reply to
a stranger over 90 words, two wordings of a template that open alike, and
phrases of four words that more than one in twenty wordings share.

With no PATH, the whole catalog is checked: the defaults, your template
directory and each --templates DIR. With PATHs, only those files and
directories.

Each problem is one line on standard output, FILE:LINE: problem, so editors
and grep can use it. The summary goes to standard error; the exit status
is 1 when there is any problem.`,
		Example: `  decline templates lint
  decline templates lint ~/.config/decline/templates/mine.yaml`,
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
		layers = append(layers, lint.ReadFS(templates.FS, "templates", catalog.DefaultSource))
		for i, dir := range dirs {
			// The user's own directory may not exist yet.
			layers = append(layers, lint.ReadPath(dir, i == 0))
		}
	}
	for _, p := range o.paths {
		layers = append(layers, lint.ReadPath(p, false))
	}
	r := lint.Check(layers...)
	var b strings.Builder
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
