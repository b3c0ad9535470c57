package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/helptext"
	"github.com/decline-cli/decline/internal/plural"
	"github.com/decline-cli/decline/internal/reply"
)

// registerCompletions completes the selector flags of a command from the
// loaded catalog, the user's own templates and any --templates given on
// the command line included.
func registerCompletions(cmd *cobra.Command, f *Factory, g *globalOptions, formats []string) {
	complete := func(flag string, fn func(cmd *cobra.Command) []string) {
		if cmd.Flags().Lookup(flag) == nil {
			return
		}
		_ = cmd.RegisterFlagCompletionFunc(flag, func(cmd *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			var out []string
			for _, c := range fn(cmd) {
				if strings.HasPrefix(c, toComplete) {
					out = append(out, c)
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		})
	}
	loaded := func() *catalog.Catalog {
		cat, err := f.LoadCatalog(g.templateDirs)
		if err != nil {
			return nil
		}
		return cat
	}
	complete("kind", func(*cobra.Command) []string {
		cat := loaded()
		if cat == nil {
			return nil
		}
		return described(cat.Locale(reply.Lang).Kinds, cat.KindsPresent(reply.Lang))
	})
	complete("relationship", func(cmd *cobra.Command) []string {
		cat := loaded()
		if cat == nil {
			return nil
		}
		kind, _ := cmd.Flags().GetString("kind")
		if kind == "" {
			if cfg, err := f.LoadConfig(g.configPath); err == nil {
				kind = cfg.Kind
			}
		}
		if kind == "" {
			kind = reply.DefaultKind()
		}
		return described(cat.Locale(reply.Lang).Relationships, cat.RelationshipsFor(reply.Lang, kind))
	})
	complete("tone", func(*cobra.Command) []string {
		return described(reply.Tones(), catalog.IDs(reply.Tones()))
	})
	complete("format", func(*cobra.Command) []string {
		out := make([]string, len(formats))
		for i, f := range formats {
			ff, _ := deliver.Lookup(f)
			out[i] = f + "\t" + ff.Help
		}
		return out
	})
	complete("template", func(*cobra.Command) []string {
		return templateIDs(loaded())
	})
	complete("set", func(cmd *cobra.Command) []string {
		// Offer the values the chosen template takes.
		cat := loaded()
		if cat == nil {
			return nil
		}
		var names []string
		seen := map[string]bool{}
		add := func(list []string, what string) {
			for _, n := range list {
				if !seen[n] {
					seen[n] = true
					names = append(names, n+"=\t"+what)
				}
			}
		}
		for _, t := range matchingTemplates(cmd, cat) {
			add(t.Requires, "required")
			add(t.Optional, "optional")
		}
		return names
	})
}

// templateIDs lists a catalog's ids for completion, each described by
// its number of wordings and, for a user's template, its file.
func templateIDs(cat *catalog.Catalog) []string {
	if cat == nil {
		return nil
	}
	var out []string
	for _, t := range cat.All() {
		desc := plural.N(len(t.Variants), "wording", "wordings")
		if t.Source != catalog.DefaultSource {
			desc += ", from " + t.Source
		}
		out = append(out, t.ID+"\t"+desc)
	}
	return out
}

// matchingTemplates are the templates the flags given so far point at:
// the --template, or every template of the --kind.
func matchingTemplates(cmd *cobra.Command, cat *catalog.Catalog) []*catalog.Template {
	if id, _ := cmd.Flags().GetString("template"); id != "" {
		if t, ok := cat.Get(id); ok {
			return []*catalog.Template{t}
		}
		return nil
	}
	kind, _ := cmd.Flags().GetString("kind")
	if kind == "" {
		kind = reply.DefaultKind()
	}
	var out []*catalog.Template
	for _, t := range cat.All() {
		if t.Kind == kind {
			out = append(out, t)
		}
	}
	return out
}

// described pairs each id with its label, for shells that show
// descriptions beside completions.
func described(choices []catalog.Choice, ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if c, ok := catalog.Lookup(choices, id); ok {
			out = append(out, id+"\t"+strings.TrimSpace(c.Label))
		}
	}
	return out
}

// addCompletionCmd adds cobra's completion command, with decline's help
// and decline's usage errors: no shell, an unknown shell or an extra
// argument exits 2 with a one-line message.
func addCompletionCmd(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		c.Long, c.Example = helptext.Completion["completion"].Long, helptext.Completion["completion"].Example
		c.Use = "completion SHELL"
		c.Short = "Print a shell completion script: bash, zsh, fish or powershell"
		c.Args = needSubcommand("shell")
		c.RunE = func(cmd *cobra.Command, args []string) error {
			return usageErrorf("completion needs a shell: bash, zsh, fish or powershell (see 'decline completion --help')")
		}
		for _, sh := range c.Commands() {
			h := helptext.Completion[sh.Name()]
			sh.Short = "Print the completion script for " + h.Name
			sh.Long, sh.Example = h.Long, h.Example
			sh.Args = noArgs
		}
	}
}
