package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/cmdutil"
	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/helptext"
	"github.com/decline-cli/decline/internal/reply"
	"github.com/decline-cli/decline/internal/safetext"
)

func newConfigCmd(f *Factory, g *globalOptions) *cobra.Command {
	help := helptext.Config
	help.Long = strings.Replace(help.Long, "{keys}", helptext.IndentList(config.Keys), 1)
	help.Long = strings.Replace(help.Long, "{nested}", helptext.IndentList(config.NestedKeys), 1)
	path := func() (string, error) {
		p, _, err := config.Path(g.configPath, f.Env)
		return p, err
	}
	// check knows the user's own kinds and tones when the catalog loads.
	check := func() config.Check {
		cat, _ := f.LoadCatalog(g.templateDirs)
		return func(c *config.Config) error {
			err := reply.CheckSettings(cat)(c)
			if ce := (*reply.ChoiceError)(nil); errors.As(err, &ce) && ce.BatchOnly {
				ce.Why = fmt.Sprintf("is for batch only, and draft reads this setting too: give batch --format %s instead", ce.Value)
			}
			return err
		}
	}
	return cmdutil.Group("config", "Show and change your settings in config.yaml", help, &cobra.Command{
		Use:       "get [KEY]",
		Short:     "Print a setting, or every setting that is set",
		Long:      helptext.ConfigGet.Long,
		Example:   helptext.ConfigGet.Example,
		Args:      cobra.MaximumNArgs(1),
		ValidArgs: slices.Concat(config.Keys, config.Sections, config.NestedKeys),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := f.LoadConfig(g.configPath)
			if err != nil {
				return err
			}
			lines, err := cfg.Show(args...)
			if err != nil {
				return keyError(err)
			}
			for _, l := range lines {
				fmt.Fprintln(f.IO.Out, l)
			}
			return nil
		},
	}, &cobra.Command{
		Use:               "set KEY VALUE",
		Short:             "Change a setting (an empty VALUE removes it)",
		Long:              helptext.ConfigSet.Long,
		Example:           helptext.ConfigSet.Example,
		Args:              cobra.ExactArgs(2),
		ValidArgsFunction: f.CompleteConfigSet(&g.templateDirs),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := path()
			if err != nil {
				return err
			}
			err = config.Set(p, args[0], args[1], check())
			if errors.As(err, new(*config.ValueError)) {
				return keyError(err)
			}
			return err
		},
	}, &cobra.Command{
		Use:     "path",
		Short:   "Print where your settings are read from",
		Long:    helptext.ConfigPath.Long,
		Example: helptext.ConfigPath.Example,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := path()
			if err == nil {
				fmt.Fprintln(f.IO.Out, safetext.Escape(p))
			}
			return err
		},
	}, &cobra.Command{
		Use:     "edit",
		Short:   "Open config.yaml in your editor; kept only when it is good",
		Long:    helptext.ConfigEdit.Long,
		Example: helptext.ConfigEdit.Example,
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
}

// keyError words a setting that config set does not take, naming the
// command that changes it; any other mistake in what was given is said
// as it is. Both are usage errors.
func keyError(err error) error {
	var ke *config.KeyError
	switch {
	case errors.As(err, &ke) && ke.Nested:
		return usageErrorf("%s is in the %s section, which config set does not change: use decline config edit", safetext.Quote(ke.Key), ke.Section())
	case errors.As(err, &ke):
		return usageErrorf("unknown setting %s (known: %s; the smtp and imap sections' settings, such as smtp.host, change with decline config edit)", safetext.Quote(ke.Key), config.JoinKeys(config.Keys))
	}
	return usageErrorf("%v", err)
}
