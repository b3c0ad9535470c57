package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/helptext"
	"github.com/decline-cli/decline/internal/safetext"
	"github.com/decline-cli/decline/internal/usertmpl"
)

// templatesCopyOptions are the options of 'templates new' and
// 'templates edit': both write a copy of a template into the user's
// template directory.
type templatesCopyOptions struct {
	*globalOptions
	id, from, lang string
}

func newTemplatesNewCmd(f *Factory, g *globalOptions) *cobra.Command {
	cmd, o := newTemplatesCopyCmd(f, g, "new [--from ID] NEW-ID", "Copy a template into your template directory under a new id",
		helptext.TemplatesNew, "a new template id, like mine/thanks", "copy", runTemplatesNew)
	cmd.Flags().StringVar(&o.from, "from", "", "copy template `ID` (default: the template whose id is nearest NEW-ID)")
	return cmd
}

func newTemplatesEditCmd(f *Factory, g *globalOptions) *cobra.Command {
	cmd, _ := newTemplatesCopyCmd(f, g, "edit ID", "Open your copy of a template in your editor, then check it",
		helptext.TemplatesEdit, "a template id, like recommendation/stranger/warm", "edit", runTemplatesEdit)
	return cmd
}

// newTemplatesCopyCmd builds 'templates new' or 'templates edit': one
// template id as argument, and --lang.
func newTemplatesCopyCmd(f *Factory, g *globalOptions, use, short string, help helptext.Command, what, verb string,
	run func(*Factory, *templatesCopyOptions) error) (*cobra.Command, *templatesCopyOptions) {
	o := &templatesCopyOptions{globalOptions: g}
	name := "templates " + strings.Fields(use)[0]
	cmd := &cobra.Command{
		Use:     use,
		Short:   short,
		Long:    help.Long,
		Example: help.Example,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("%s takes one argument, %s (see 'decline %s --help')", name, what, name)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.id = args[0]
			return run(f, o)
		},
	}
	cmd.Flags().StringVar(&o.lang, "lang", "", verb+" a template of this `LANGUAGE`, such as de (default en)")
	registerCompletions(cmd, f, g, nil)
	return cmd, o
}

// userDir loads the catalog and the user's template directory, for
// templates of o.lang.
func (o *templatesCopyOptions) userDir(f *Factory) (*usertmpl.Dir, error) {
	if err := usertmpl.CheckID(o.id); err != nil {
		return nil, usageErrorf("%v", err)
	}
	d := &usertmpl.Dir{Lang: catalog.DefaultLang, Log: f.IO.ErrOut, Check: "Check it with 'decline templates lint'."}
	var err error
	if d.Path, err = config.TemplateDir(f.Env); err != nil {
		return nil, err
	}
	if d.Catalog, err = f.LoadCatalog(o.templateDirs); err != nil {
		return nil, err
	}
	if o.lang != "" {
		if d.Lang, err = langFlag(d.Catalog, o.lang); err != nil {
			return nil, err
		}
	}
	return d, nil
}

func runTemplatesNew(f *Factory, o *templatesCopyOptions) error {
	d, err := o.userDir(f)
	if err != nil {
		return err
	}
	file, src, fallback, err := d.New(o.id, o.from)
	if err != nil {
		return copyError(d, err)
	}
	if fallback {
		fmt.Fprintf(f.IO.ErrOut, "No template's id is near %s, so this is a copy of %s, a plain warm reply; --from ID copies another ('decline templates list' lists them).\n", o.id, src.ID)
	}
	fmt.Fprintln(f.IO.Out, safetext.Escape(file))
	return copyError(d, d.Lint(file, o.id))
}

func runTemplatesEdit(f *Factory, o *templatesCopyOptions) error {
	d, err := o.userDir(f)
	if err != nil {
		return err
	}
	file, err := d.Edit(o.id, f.EditFile)
	if err == nil {
		err = d.Lint(file, o.id)
	}
	return copyError(d, err)
}

// copyError words what went wrong with a user's copy, naming the
// command that mends it.
func copyError(d *usertmpl.Dir, err error) error {
	var (
		exists   *usertmpl.ExistsError
		unknown  *usertmpl.UnknownError
		copyErr  *usertmpl.CopyError
		problems *usertmpl.ProblemsError
	)
	switch {
	case errors.As(err, &exists) && exists.Line > 0:
		return fmt.Errorf("%v; edit it with 'decline templates edit %s', or choose another id", err, exists.ID)
	case errors.As(err, &exists):
		return fmt.Errorf("%v: edit it with 'decline templates edit %s', or choose another id", err, exists.ID)
	case errors.As(err, &unknown):
		return unknownTemplate(d.Catalog, unknown.ID)
	case errors.As(err, &copyErr):
		return usageErrorf("%v", err)
	case errors.As(err, &problems):
		return fmt.Errorf("%v: fix it with 'decline templates edit %s'", err, problems.ID)
	}
	return err
}
