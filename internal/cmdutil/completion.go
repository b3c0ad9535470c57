package cmdutil

import (
	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/completion"
	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/reply"
)

// RegisterCompletions completes the selector flags of a command from the
// loaded catalog, the user's own templates and any --templates given on
// the command line included. templateDirs and configPath point at the
// global flags, read when a completion is asked for.
func (f *Factory) RegisterCompletions(cmd *cobra.Command, templateDirs *[]string, configPath *string, formats []string) {
	complete := func(flag string, fn func(cmd *cobra.Command, cat *catalog.Catalog) []string) {
		if cmd.Flags().Lookup(flag) == nil {
			return
		}
		_ = cmd.RegisterFlagCompletionFunc(flag, func(cmd *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			cat, _ := f.LoadCatalog(*templateDirs)
			if cat == nil && flag != "tone" && flag != "format" && flag != "lang" {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return completion.Prefixed(fn(cmd, cat), toComplete), cobra.ShellCompDirectiveNoFileComp
		})
	}
	kind := func(cmd *cobra.Command, configured bool) string {
		k, _ := cmd.Flags().GetString("kind")
		if k == "" && configured {
			if cfg, err := f.LoadConfig(*configPath); err == nil {
				k = cfg.Kind
			}
		}
		return reply.FirstNonEmpty(k, reply.DefaultKind())
	}
	complete("kind", func(_ *cobra.Command, cat *catalog.Catalog) []string { return completion.Kinds(cat) })
	complete("relationship", func(cmd *cobra.Command, cat *catalog.Catalog) []string {
		return completion.Relationships(cat, kind(cmd, true))
	})
	complete("tone", func(_ *cobra.Command, cat *catalog.Catalog) []string { return completion.Tones(cat) })
	complete("format", func(*cobra.Command, *catalog.Catalog) []string { return completion.Formats(formats) })
	complete("lang", func(_ *cobra.Command, cat *catalog.Catalog) []string { return completion.Langs(cat) })
	complete("template", func(_ *cobra.Command, cat *catalog.Catalog) []string { return completion.TemplateIDs(cat) })
	complete("set", func(cmd *cobra.Command, cat *catalog.Catalog) []string {
		id, _ := cmd.Flags().GetString("template")
		return completion.Values(cat, id, kind(cmd, false))
	})
}

// CompleteConfigSet completes config set's KEY with the settings it
// changes, and its VALUE with what that setting takes when its values
// are known (a kind, a tone ...), from the catalog, the user's own
// templates and any --templates included. A setting that takes free text
// completes nothing, but sendmail, a command, completes file names.
func (f *Factory) CompleteConfigSet(templateDirs *[]string) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		switch {
		case len(args) == 0:
			return completion.Prefixed(config.Keys, toComplete), cobra.ShellCompDirectiveNoFileComp
		case len(args) > 1:
			return nil, cobra.ShellCompDirectiveNoFileComp
		case args[0] == "sendmail":
			return nil, cobra.ShellCompDirectiveDefault
		}
		var cat *catalog.Catalog
		if args[0] == "kind" || args[0] == "tone" || args[0] == "lang" {
			cat, _ = f.LoadCatalog(*templateDirs)
		}
		values, _ := completion.Setting(cat, args[0])
		return completion.Prefixed(values, toComplete), cobra.ShellCompDirectiveNoFileComp
	}
}
