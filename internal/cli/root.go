package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/cmdutil"
	"github.com/decline-cli/decline/internal/helptext"

	"github.com/decline-cli/decline/internal/version"
)

// globalOptions are the flags every command shares.
type globalOptions struct {
	templateDirs []string
	configPath   string
	// lean is set when the tree holds only the command being run (see
	// leafCommand): nothing is completed, so completions are not set up.
	lean bool
}

func init() {
	// Commands are listed in the order they are added, the main job
	// first, not alphabetically. (A package-level setting of cobra's, set
	// once here rather than by each NewRootCmd, which tests call at once.)
	cobra.EnableCommandSorting = false
}

// NewRootCmd builds the whole command tree.
func NewRootCmd(f *Factory) *cobra.Command { return newRootCmd(f, "") }

// leafCommands are the commands a script runs over and over, built alone
// when a command line names one of them: a draft then pays for draft's
// flags only, not for every command's (start-up is SPEC section 11's
// first target).
var leafCommands = map[string]func(*Factory, *globalOptions) *cobra.Command{
	"draft": func(f *Factory, g *globalOptions) *cobra.Command { return newDraftCmd(f, g, nil) },
	"reply": func(f *Factory, g *globalOptions) *cobra.Command { return NewCmdReply(f, g, nil) },
	"batch": func(f *Factory, g *globalOptions) *cobra.Command { return newBatchCmd(f, g, nil) },
}

// leafCommand is the command args run when it is one of leafCommands
// and the line is certain to run it, or "": the root's own flags may
// come first, but anything else (help, completion, a typo, --version)
// needs the whole tree.
func leafCommand(args []string) string {
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--templates" || a == "--config":
			i++ // its value
		case strings.HasPrefix(a, "--templates=") || strings.HasPrefix(a, "--config="):
		case leafCommands[a] != nil:
			return a
		default:
			return ""
		}
	}
	return ""
}

// newRootCmd builds the tree, or when only names a leaf command, the
// root with that command alone.
func newRootCmd(f *Factory, only string) *cobra.Command {
	g := &globalOptions{lean: only != ""}
	root := &cobra.Command{
		Use:           "decline",
		Short:         "Draft kind, honest replies to requests you cannot vouch for",
		Long:          helptext.Root.Long,
		Example:       helptext.Root.Example,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	if only == "" {
		// Reading the build's stamp costs more than a draft's flags: a
		// line that runs a leaf command never shows it.
		root.Version = Version()
	}
	root.SetVersionTemplate("decline {{.Version}}\n")
	root.SetUsageTemplate(helptext.UsageTemplate)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return usageErrorf("%s (see 'decline %s --help')", cmdutil.FlagErrorText(err), cmdutil.CommandPath(cmd))
	})
	pf := root.PersistentFlags()
	pf.StringArrayVar(&g.templateDirs, "templates", nil, "also read templates from `DIR` (repeatable; later directories win)")
	pf.StringVar(&g.configPath, "config", "", "read settings from `FILE` (default $XDG_CONFIG_HOME/decline/config.yaml)")

	if only != "" {
		root.AddCommand(leafCommands[only](f, g))
		root.CompletionOptions.DisableDefaultCmd = true
		return root
	}
	root.AddCommand(newDraftCmd(f, g, nil), NewCmdReply(f, g, nil), newBatchCmd(f, g, nil), newTemplatesCmd(f, g), newConfigCmd(f, g))
	cmdutil.AddCompletionCmd(root)
	root.SetHelpCommand(cmdutil.NewHelpCmd())
	root.AddCommand(cmdutil.HelpTopics()...)
	return root
}

// registerCompletions completes a command's selector flags from the
// catalog the global flags name (see Factory.RegisterCompletions).
func registerCompletions(cmd *cobra.Command, f *Factory, g *globalOptions, formats []string) {
	if g.lean {
		return
	}
	f.RegisterCompletions(cmd, &g.templateDirs, &g.configPath, formats)
}

// noArgs is cmdutil's, by its old name.
var noArgs = cmdutil.NoArgs

// Version describes this build (see version.String).
func Version() string { return version.String() }
