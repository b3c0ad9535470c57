package cli

import (
	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/cmdutil"
	"github.com/decline-cli/decline/internal/helptext"
)

type templatesListOptions struct {
	*globalOptions
	json   bool
	filter catalog.Filter
}

func newTemplatesListCmd(f *Factory, g *globalOptions) *cobra.Command {
	o := &templatesListOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:     "list",
		Short:   "List the templates: id, language, kind, relationship, tone, wordings and source",
		Long:    helptext.TemplatesList.Long,
		Example: helptext.TemplatesList.Example,
		Args:    cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTemplatesList(f, o)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&o.filter.Kind, "kind", "k", "", "only templates of this `KIND`")
	fl.StringVarP(&o.filter.Relationship, "relationship", "r", "", "only templates for this `RELATIONSHIP`")
	fl.StringVarP(&o.filter.Tone, "tone", "t", "", "only templates in this `TONE`")
	fl.StringVar(&o.filter.Lang, "lang", "", "only templates in this language (`TAG`, such as en)")
	registerCompletions(cmd, f, g, nil)
	fl.BoolVar(&o.json, "json", false, "print one JSON array of objects with the keys id, lang, kind, relationship, tone, variants and source")
	return cmd
}

func runTemplatesList(f *Factory, o *templatesListOptions) error {
	cat, err := f.LoadCatalog(o.templateDirs)
	if err != nil {
		return err
	}
	if o.filter.Lang != "" {
		// A tag or locale setting names the catalog's nearest language.
		if o.filter.Lang, err = langFlag(cat, o.filter.Lang); err != nil {
			return err
		}
	}
	all := cat.Select(o.filter)
	if o.json {
		data, err := catalog.ListJSON(all)
		if err != nil {
			return err
		}
		_, err = f.IO.Out.Write(data)
		return err
	}
	return f.IO.WriteTable(catalog.ListHeader, catalog.ListRows(all))
}
