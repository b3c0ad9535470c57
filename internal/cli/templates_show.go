package cli

import (
	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/helptext"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/completion"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/preview"
	"github.com/decline-cli/decline/internal/reply"
)

type templatesShowOptions struct {
	*globalOptions
	id      string
	variant int
	lang    string
}

func newTemplatesShowCmd(f *Factory, g *globalOptions) *cobra.Command {
	o := &templatesShowOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:     "show ID",
		Short:   "Show a template's source and a sample reply",
		Long:    helptext.TemplatesShow.Long,
		Example: helptext.TemplatesShow.Example,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("templates show takes one template ID, like recommendation/stranger/warm (see 'decline templates list')")
			}
			return nil
		},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			cat, _ := f.LoadCatalog(o.templateDirs)
			return completion.Prefixed(completion.TemplateIDs(cat), toComplete), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.id = args[0]
			return runTemplatesShow(f, o)
		},
	}
	cmd.Flags().IntVar(&o.variant, "variant", 1, "render wording `N` of the template")
	cmd.Flags().StringVar(&o.lang, "lang", "", "show the template of this `LANGUAGE`, such as de (default en)")
	registerCompletions(cmd, f, g, nil)
	return cmd
}

func runTemplatesShow(f *Factory, o *templatesShowOptions) error {
	cfg, err := f.LoadConfig(o.configPath)
	if err != nil {
		return err
	}
	cat, err := f.LoadCatalog(o.templateDirs)
	if err != nil {
		return err
	}
	lang := catalog.DefaultLang
	if o.lang != "" {
		l, err := langFlag(cat, o.lang)
		if err != nil {
			return err
		}
		lang = l
	}
	t, ok := cat.GetIn(lang, o.id)
	if !ok {
		return unknownTemplate(cat, o.id)
	}
	if o.variant < 1 || o.variant > len(t.Variants) {
		return composeError(&compose.VariantError{Template: t.ID, Variant: o.variant, Count: len(t.Variants)})
	}
	p, err := preview.Of(cat, t, o.variant, preview.Signer{Sender: cfg.Sender, Signoff: cfg.Signoff, SignBrief: cfg.SignBrief})
	if err != nil {
		return err
	}
	return p.Write(f.IO.Out, t, " (built into decline; 'decline templates init' copies it for editing)")
}

func unknownTemplate(cat *catalog.Catalog, id string) error {
	return flagError(reply.UnknownTemplate(cat, id))
}
