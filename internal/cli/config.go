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
	help.Long = strings.Replace(help.Long, "{keys}", indentList(config.Keys), 1)
	help.Long = strings.Replace(help.Long, "{nested}", indentList(config.NestedKeys), 1)
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
			for _, k := range slices.Concat(config.Keys, config.NestedKeys) {
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

// indentList lists settings for help: indented, separated by commas,
// and wrapped before 76 columns (never inside a name).
func indentList(keys []string) string {
	var b strings.Builder
	col := 0
	for i, k := range keys {
		w := k
		if i < len(keys)-1 {
			w += ","
		}
		switch {
		case col == 0:
			b.WriteString("  ")
			col = 2
		case col+1+len(w) > 76:
			b.WriteString("\n  ")
			col = 2
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += len(w)
	}
	return b.String()
}
