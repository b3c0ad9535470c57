package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/deliver"
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
		return described(reply.Kinds(), cat.KindsPresent(reply.Lang))
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
		return described(reply.Relationships(), cat.RelationshipsFor(reply.Lang, kind))
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

// completionHelp is the help of 'decline completion' and of each shell's
// subcommand, replacing cobra's: examples, and what each shell needs.
var completionHelp = map[string]struct{ shell, long, example string }{
	"completion": {
		long: `Print a script that makes your shell complete decline's commands, flags and
values: the kinds, relationships, tones and template ids of the loaded
catalog (your own templates included), with a description beside each where
the shell shows one. See 'decline completion SHELL --help' for how to load
it.`,
		example: `  source <(decline completion bash)
  decline completion zsh > ~/.zfunc/_decline
  decline completion fish > ~/.config/fish/completions/decline.fish`,
	},
	"bash": {
		shell: "bash",
		long: `Print the completion script for bash. It needs the bash-completion package
(apt install bash-completion, dnf install bash-completion, or brew install
bash-completion@2), which most systems load from ~/.bashrc.

Load it into the current shell with source, or save it where
bash-completion finds it, for every new shell: your own directory, or
/etc/bash_completion.d for everyone.`,
		example: `  source <(decline completion bash)
  mkdir -p ~/.local/share/bash-completion/completions
  decline completion bash > ~/.local/share/bash-completion/completions/decline`,
	},
	"zsh": {
		shell: "zsh",
		long: `Print the completion script for zsh. Completion must be on in zsh: most
setups have it, or add "autoload -U compinit; compinit" to ~/.zshrc.

Load it into the current shell with source, or save it as _decline in a
directory of your $fpath, for every new shell. For a directory of your own,
add "fpath=(~/.zfunc $fpath)" to ~/.zshrc, before compinit.`,
		example: `  source <(decline completion zsh)
  mkdir -p ~/.zfunc && decline completion zsh > ~/.zfunc/_decline`,
	},
	"fish": {
		shell: "fish",
		long: `Print the completion script for fish. Load it into the current shell with
source, or save it in fish's completions directory, for every new shell.`,
		example: `  decline completion fish | source
  decline completion fish > ~/.config/fish/completions/decline.fish`,
	},
	"powershell": {
		shell: "PowerShell",
		long: `Print the completion script for PowerShell. Load it into the current
session with Invoke-Expression; for every new session, add that line to
your PowerShell profile ($PROFILE).`,
		example: `  decline completion powershell | Out-String | Invoke-Expression`,
	},
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
		c.Long, c.Example = completionHelp["completion"].long, completionHelp["completion"].example
		c.Use = "completion SHELL"
		c.Short = "Print a shell completion script: bash, zsh, fish or powershell"
		c.Args = needSubcommand("shell")
		c.RunE = func(cmd *cobra.Command, args []string) error {
			return usageErrorf("completion needs a shell: bash, zsh, fish or powershell (see 'decline completion --help')")
		}
		for _, sh := range c.Commands() {
			h := completionHelp[sh.Name()]
			sh.Short = "Print the completion script for " + h.shell
			sh.Long, sh.Example = h.long, h.example
			sh.Args = noArgs
		}
	}
}
