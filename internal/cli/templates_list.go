package cli

import (
	"bytes"
	"encoding/json"
	"strconv"

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

// templateInfo is one template in 'templates list --json'.
type templateInfo struct {
	ID           string `json:"id"`
	Lang         string `json:"lang"`
	Kind         string `json:"kind"`
	Relationship string `json:"relationship"`
	Tone         string `json:"tone"`
	Variants     int    `json:"variants"`
	Source       string `json:"source"`
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
	var all []*catalog.Template
	for _, t := range cat.All() {
		if o.filter.Match(t) {
			all = append(all, t)
		}
	}
	if o.json {
		infos := make([]templateInfo, len(all))
		for i, t := range all {
			infos[i] = templateInfo{t.ID, t.Lang, t.Kind, t.Relationship, t.Tone, len(t.Variants), t.Source}
		}
		// Encode whole before writing, so an error never leaves half an array.
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(infos); err != nil {
			return err
		}
		_, err = f.IO.Out.Write(b.Bytes())
		return err
	}
	rows := make([][]string, len(all))
	for i, t := range all {
		rows[i] = []string{t.ID, t.Lang, t.Kind, t.Relationship, t.Tone, strconv.Itoa(len(t.Variants)), t.Source}
	}
	return f.IO.WriteTable([]string{"ID", "LANG", "KIND", "RELATIONSHIP", "TONE", "VARIANTS", "SOURCE"}, rows)
}
