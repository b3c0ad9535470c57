package cli

import (
	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/cmdutil"
	"github.com/decline-cli/decline/internal/helptext"

	"github.com/decline-cli/decline/internal/version"
)

// globalOptions are the flags every command shares.
type globalOptions struct {
	templateDirs []string
	configPath   string
}

func init() {
	// Commands are listed in the order they are added, the main job
	// first, not alphabetically. (A package-level setting of cobra's, set
	// once here rather than by each NewRootCmd, which tests call at once.)
	cobra.EnableCommandSorting = false
}

// NewRootCmd builds the command tree.
func NewRootCmd(f *Factory) *cobra.Command {
	g := &globalOptions{}
	root := &cobra.Command{
		Use:           "decline",
		Short:         "Draft kind, honest replies to requests you cannot vouch for",
		Long:          helptext.Root.Long,
		Example:       helptext.Root.Example,
		Version:       Version(),
		SilenceErrors: true,
		SilenceUsage:  true,
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

	root.AddCommand(newDraftCmd(f, g, nil), NewCmdReply(f, g, nil), newBatchCmd(f, g, nil), newTemplatesCmd(f, g), newConfigCmd(f, g))
	cmdutil.AddCompletionCmd(root)
	root.SetHelpCommand(cmdutil.NewHelpCmd())
	root.AddCommand(cmdutil.HelpTopics()...)
	return root
}

// registerCompletions completes a command's selector flags from the
// catalog the global flags name (see Factory.RegisterCompletions).
func registerCompletions(cmd *cobra.Command, f *Factory, g *globalOptions, formats []string) {
	f.RegisterCompletions(cmd, &g.templateDirs, &g.configPath, formats)
}

// noArgs is cmdutil's, by its old name.
var noArgs = cmdutil.NoArgs

// Version describes this build (see version.String).
func Version() string { return version.String() }
