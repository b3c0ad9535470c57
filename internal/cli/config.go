package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/reply"
	"github.com/decline-cli/decline/internal/safetext"
)

func newConfigCmd(f *Factory, g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Show and change your settings in config.yaml",
		Long: `Read and change the settings in your config.yaml ($XDG_CONFIG_HOME/decline/
config.yaml, or --config FILE, or DECLINE_CONFIG). The settings: ` + fmt.Sprint(config.Keys) + `.

set checks the new value before anything is written, then replaces the file
at once, keeping its comments; an empty value removes the setting. edit
opens the file in $VISUAL or $EDITOR and keeps what you saved only when
decline can read it.`,
		Example: `  decline config get sender
  decline config set signoff "Best wishes"
  decline config set tone ""
  decline config edit`,
		Args: needSubcommand("command"),
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	path := func() (string, error) {
		p, _, err := config.Path(g.configPath, f.Env)
		return p, err
	}
	// check knows the user's own kinds and tones when the catalog loads.
	check := func() config.Check {
		cat, _ := f.LoadCatalog(g.templateDirs)
		return reply.CheckSettings(cat)
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "get [KEY]",
		Short: "Print a setting, or every setting that is set",
		Long: `Print the value of one setting (an empty line when it is not set), or
with no KEY every setting that is set, one "key: value" a line.`,
		Example:   "  decline config get signoff\n  decline config get",
		Args:      cobra.MaximumNArgs(1),
		ValidArgs: config.Keys,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := f.LoadConfig(g.configPath)
			if err != nil {
				return err
			}
			for _, k := range config.Keys {
				if len(args) == 1 && args[0] != k {
					continue
				}
				v, _ := cfg.Get(k)
				switch {
				case len(args) == 1:
					fmt.Fprintln(f.IO.Out, safetext.Escape(v))
					return nil
				case v != "":
					fmt.Fprintf(f.IO.Out, "%s: %s\n", k, safetext.Escape(v))
				}
			}
			if len(args) == 1 {
				return usageErrorf("%v", &config.KeyError{Key: args[0]})
			}
			return nil
		},
	}, &cobra.Command{
		Use:   "set KEY VALUE",
		Short: "Change a setting (an empty VALUE removes it)",
		Long: `Set one setting in config.yaml. The value is checked first (a kind or tone
must exist, your own locale.yaml's included); then the file is replaced at
once, keeping its comments. An empty VALUE removes the setting.`,
		Example:   "  decline config set sender \"Jordan Avery\"\n  decline config set tone \"\"",
		Args:      cobra.ExactArgs(2),
		ValidArgs: config.Keys,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := path()
			if err != nil {
				return err
			}
			err = config.Set(p, args[0], args[1], check())
			var bad *config.ValueError
			if errors.As(err, &bad) {
				return usageErrorf("%v", err)
			}
			return err
		},
	}, &cobra.Command{
		Use:     "path",
		Short:   "Print where your settings are read from",
		Long:    "Print the configuration file's path: --config, else DECLINE_CONFIG, else\nconfig.yaml in $XDG_CONFIG_HOME/decline. It may not exist yet.",
		Example: "  decline config path",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := path()
			if err == nil {
				fmt.Fprintln(f.IO.Out, safetext.Escape(p))
			}
			return err
		},
	}, &cobra.Command{
		Use:   "edit",
		Short: "Open config.yaml in your editor; kept only when it is good",
		Long: `Open a copy of config.yaml in $VISUAL or $EDITOR (a list of every setting,
commented out, when there is no file yet). What you save replaces the file
only when decline can read it; otherwise the file stays as it was and the
error names the copy that holds your edit.`,
		Example: "  decline config edit\n  EDITOR=nano decline config edit",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := path()
			if err != nil {
				return err
			}
			changed, err := config.Edit(p, f.EditFile, check())
			if err == nil && !changed {
				fmt.Fprintf(f.IO.ErrOut, "%s was not changed.\n", p)
			}
			return err
		},
	})
	return cmd
}
