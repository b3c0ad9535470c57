package cli

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/safetext"
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
		Use:   "decline",
		Short: "Draft kind, honest replies to requests you cannot vouch for",
		Long: `decline drafts a polite, honest reply when someone asks you for a LinkedIn
recommendation, an endorsement, a reference, a referral, an introduction or
a testimonial, and you are not in a position to give it.

Run 'decline draft': it asks who is asking, what for and how you know them,
picks a reply from its template catalog, fills in the names and prints it
(or copies it, or hands it to your mail client). With flags, it asks
nothing and works in pipes and scripts.`,
		Example: `  decline draft
  decline draft --name "Scott Lee" --relationship no-business
  decline draft -n Scott -r stranger -t brief --copy
  decline batch requests.csv --out-dir replies
  decline templates list`,
		Version:       Version(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetVersionTemplate("decline {{.Version}}\n")
	root.SetUsageTemplate(usageTemplate)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return usageErrorf("%s (see 'decline %s --help')", flagErrorText(err), commandPath(cmd))
	})
	pf := root.PersistentFlags()
	pf.StringArrayVar(&g.templateDirs, "templates", nil, "also read templates from `DIR` (repeatable; later directories win)")
	pf.StringVar(&g.configPath, "config", "", "read settings from `FILE` (default $XDG_CONFIG_HOME/decline/config.yaml)")

	root.AddCommand(newDraftCmd(f, g, nil), NewCmdReply(f, g, nil), newBatchCmd(f, g, nil), newTemplatesCmd(f, g), newConfigCmd(f, g))
	addCompletionCmd(root)
	root.SetHelpCommand(newHelpCmd())
	root.AddCommand(helpTopics()...)
	return root
}

// usageTemplate is cobra's, except that help topics are listed by name
// under how to read them, since they are not commands to run.
const usageTemplate = `Usage:{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [command]{{end}}{{if gt (len .Aliases) 0}}

Aliases:
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

Examples:
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

Available Commands:{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }}  {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

Flags:
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

Global Flags:
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasHelpSubCommands}}

Help topics (decline help TOPIC):{{range .Commands}}{{if .IsAdditionalHelpTopicCommand}}
  {{rpad .Name .NamePadding }}  {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableSubCommands}}

Use "{{.CommandPath}} [command] --help" for more information about a command.{{end}}
`

// commandPath is a command's path without the program name, for hints.
func commandPath(cmd *cobra.Command) string {
	return strings.TrimSpace(strings.TrimPrefix(cmd.CommandPath(), "decline"))
}

// Version describes this build (see version.String).
func Version() string { return version.String() }

// flagErrorText says in words what pflag says in Go about a value that
// does not parse: invalid argument "x" for "--variant" flag:
// strconv.ParseInt: ... (Compiled here, on the error path only, so that
// start-up pays nothing for it.)
func flagErrorText(err error) string {
	badFlagValue := regexp.MustCompile(`^invalid argument (".*") for "(?:-\w, )?(--[\w-]+)" flag: strconv\.Parse(Int|Bool|Uint|Float)`)
	m := badFlagValue.FindStringSubmatch(err.Error())
	if m == nil {
		return err.Error()
	}
	want := map[string]string{"Int": "a whole number", "Uint": "a whole number", "Float": "a number", "Bool": "true or false"}[m[3]]
	return fmt.Sprintf("%s takes %s, got %s", m[2], want, m[1])
}

// noArgs rejects positional arguments as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	// "--copy native" reads native as an argument: --copy's mode must be
	// joined to it.
	if f := cmd.Flags().Lookup("copy"); f != nil && f.Changed && slices.Contains(deliver.ClipboardModes, args[0]) {
		return usageErrorf("to choose how to copy, join the mode to the flag: --copy=%s", args[0])
	}
	return usageErrorf("%s takes no arguments, got %s (see 'decline %s --help')", commandPath(cmd), safetext.Quote(args[0]), commandPath(cmd))
}
