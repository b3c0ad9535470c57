package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/safetext"
)

func newTemplatesCmd(f *Factory, g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "templates",
		Short: "List, show, check and copy reply templates",
		Long: `Work with the template catalog: the defaults built into decline, then your
own templates in $XDG_CONFIG_HOME/decline/templates (~/.config/decline/templates),
then each --templates DIR. A template with the same id as one read before
it replaces that one.

The file format, with a complete example: 'decline help template-format'.`,
		Example: `  decline templates list
  decline templates show recommendation/no-business/warm
  decline templates init
  decline templates lint`,
		Args: needSubcommand("command"),
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(
		newTemplatesListCmd(f, g),
		newTemplatesShowCmd(f, g),
		newTemplatesLintCmd(f, g),
		newTemplatesInitCmd(f),
		newTemplatesPathCmd(f, g),
	)
	return cmd
}

// writeTable prints rows as an aligned table under a header on a
// terminal, and as tab-separated lines without a header in a pipe, so
// that cut -f and awk -F'\t' see one field per column. Cells are escaped
// so that no file name can reach the terminal as a control sequence.
func writeTable(f *Factory, header []string, rows [][]string) error {
	var b strings.Builder
	if !f.IO.IsStdoutTTY() {
		for _, r := range rows {
			for i, c := range r {
				r[i] = strings.ReplaceAll(safetext.Escape(c), "\t", " ")
			}
			fmt.Fprintln(&b, strings.Join(r, "\t"))
		}
		_, err := fmt.Fprint(f.IO.Out, b.String())
		return err
	}
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, strings.Join(header, "\t"))
	for _, r := range rows {
		for i, c := range r {
			if c == "" {
				c = "-"
			}
			r[i] = safetext.Escape(c)
		}
		fmt.Fprintln(w, strings.Join(r, "\t"))
	}
	w.Flush()
	_, err := fmt.Fprint(f.IO.Out, b.String())
	return err
}

// escapeLines escapes each line of a multi-line text for the terminal,
// keeping its line breaks.
func escapeLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = safetext.Escape(l)
	}
	return strings.Join(lines, "\n")
}
