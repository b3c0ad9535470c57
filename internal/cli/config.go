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
		return reply.CheckSettings(cat)
	}
	return cmdutil.Group("config", "Show and change your settings in config.yaml", help, &cobra.Command{
		Use:       "get [KEY]",
		Short:     "Print a setting, or every setting that is set",
		Long:      helptext.ConfigGet.Long,
		Example:   helptext.ConfigGet.Example,
		Args:      cobra.MaximumNArgs(1),
		ValidArgs: slices.Concat(config.Keys, config.NestedKeys),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := f.LoadConfig(g.configPath)
			if err != nil {
				return err
			}
			lines, err := cfg.Lines(args...)
			if err != nil {
				return usageErrorf("%v", err)
			}
			for _, l := range lines {
				fmt.Fprintln(f.IO.Out, l)
			}
			return nil
		},
	}, &cobra.Command{
		Use:       "set KEY VALUE",
		Short:     "Change a setting (an empty VALUE removes it)",
		Long:      helptext.ConfigSet.Long,
		Example:   helptext.ConfigSet.Example,
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
