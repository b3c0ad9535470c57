package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/helptext"
	"github.com/decline-cli/decline/internal/lint"
	"github.com/decline-cli/decline/internal/plural"
	"github.com/decline-cli/decline/internal/safetext"
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

// target loads the catalog and finds where a copy of a template of
// o.lang goes in the user's directory.
func (o *templatesCopyOptions) target(f *Factory) (cat *catalog.Catalog, lang, dir, file string, err error) {
	if !catalog.ValidID(o.id) {
		return nil, "", "", "", usageErrorf("invalid template id %s (use lowercase letters, digits, '-' and '/', like mine/thanks)", safetext.Quote(o.id))
	}
	if dir, err = config.TemplateDir(f.Env); err != nil {
		return nil, "", "", "", err
	}
	if cat, err = f.LoadCatalog(o.templateDirs); err != nil {
		return nil, "", "", "", err
	}
	lang = catalog.DefaultLang
	if o.lang != "" {
		if lang, err = langFlag(cat, o.lang); err != nil {
			return nil, "", "", "", err
		}
	}
	return cat, lang, dir, catalog.UserFile(dir, lang, o.id), nil
}

func runTemplatesNew(f *Factory, o *templatesCopyOptions) error {
	cat, lang, dir, file, err := o.target(f)
	if err != nil {
		return err
	}
	if t, ok := cat.GetIn(lang, o.id); ok && t.Source != catalog.DefaultSource {
		return fmt.Errorf("template %s already exists at %s:%d; edit it with 'decline templates edit %s', or choose another id", o.id, safetext.Escape(t.File), t.Line, o.id)
	}
	var src *catalog.Template
	fallback := false
	if o.from != "" {
		t, ok := cat.GetIn(lang, o.from)
		if !ok {
			return unknownTemplate(cat, o.from)
		}
		src = t
	} else if src, fallback = cat.Nearest(lang, o.id); src == nil {
		return fmt.Errorf("there is no template of language %s to copy", lang)
	}
	if err := writeCopy(f, cat, src, o.id, file); err != nil {
		return err
	}
	if fallback {
		fmt.Fprintf(f.IO.ErrOut, "No template's id is near %s, so this is a copy of %s, a plain warm reply; --from ID copies another ('decline templates list' lists them).\n", o.id, src.ID)
	}
	fmt.Fprintln(f.IO.Out, safetext.Escape(file))
	return lintUserFile(f, file, dir, o.id)
}

func runTemplatesEdit(f *Factory, o *templatesCopyOptions) error {
	cat, lang, dir, file, err := o.target(f)
	if err != nil {
		return err
	}
	t, found := cat.GetIn(lang, o.id)
	switch _, statErr := os.Lstat(file); {
	case statErr == nil:
		// The user's copy, in the file 'templates new' and 'edit' write.
	case found && inDir(t.File, dir):
		file = t.File // the user's template, in a file of their own naming
	case found:
		if err := writeCopy(f, cat, t, o.id, file); err != nil {
			return err
		}
	default:
		return unknownTemplate(cat, o.id)
	}
	before, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	if err := f.EditFile(file); err != nil {
		return err
	}
	if err := restoreBroken(file, before); err != nil {
		return err
	}
	return lintUserFile(f, file, dir, o.id)
}

// restoreBroken puts back what file held before an edit when the edit
// leaves it unreadable (a YAML mistake, a template calling printf): the
// template would stop working. The edit is kept beside it, in a dotfile
// that the catalog does not read, and the error says where.
func restoreBroken(file string, before []byte) error {
	r := lint.ReadPath(file, false)
	if len(r.Problems) == 0 {
		return nil
	}
	edited, err := os.ReadFile(file)
	if err != nil {
		return nil // nothing to keep; the lint says what is wrong
	}
	keep, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".edit-*")
	if err != nil {
		return nil
	}
	_, werr := keep.Write(edited)
	if cerr := keep.Close(); werr != nil || cerr != nil {
		os.Remove(keep.Name())
		return nil
	}
	if err := config.WriteFile(file, before); err != nil {
		return fmt.Errorf("%v; your edit is kept in %s", err, safetext.Escape(keep.Name()))
	}
	return fmt.Errorf("%s; the file is as it was before the edit, and your edit is kept in %s", safetext.Escape(r.Problems[0].Error()), safetext.Escape(keep.Name()))
}

// writeCopy writes src into file as a template of its own under id,
// never over a file that exists, nor a copy that would not load.
func writeCopy(f *Factory, cat *catalog.Catalog, src *catalog.Template, id, file string) error {
	data, err := catalog.CopyAs(src, id)
	if err != nil {
		return err
	}
	if err := cat.CheckCopy(data, file, src.Lang); err != nil {
		var e *catalog.Error
		if errors.As(err, &e) {
			return usageErrorf("cannot copy %s as %s: %s", src.ID, id, e.Msg)
		}
		return err
	}
	var exists *catalog.ExistsError
	if err := catalog.WriteNew(file, data); errors.As(err, &exists) {
		return fmt.Errorf("%s already exists: edit it with 'decline templates edit %s', or choose another id", safetext.Escape(file), id)
	} else if err != nil {
		return err
	}
	fmt.Fprintf(f.IO.ErrOut, "Copied %s to %s as %s.\n", src.ID, safetext.Escape(file), id)
	return nil
}

// lintUserFile checks a file of the user's template directory; on a
// problem it lists them and fails, leaving the file as it is.
func lintUserFile(f *Factory, file, dir, id string) error {
	r := lint.Check(lint.ReadPath(file, false))
	if len(r.Problems) == 0 {
		return nil
	}
	for _, p := range r.Problems {
		fmt.Fprintln(f.IO.ErrOut, "decline: "+safetext.Escape(p.Error()))
	}
	rel, err := filepath.Rel(dir, file)
	if err != nil || strings.HasPrefix(rel, "..") {
		rel = file
	}
	return fmt.Errorf("%s has %d %s; it is kept as it is: fix it with 'decline templates edit %s'", safetext.Escape(rel), len(r.Problems), plural.Pick(len(r.Problems), "problem", "problems"), id)
}

// inDir reports whether file is inside dir.
func inDir(file, dir string) bool {
	rel, err := filepath.Rel(dir, file)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
