package iostreams

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/decline-cli/decline/internal/safetext"
)

// WriteTable prints rows as an aligned table under a header on a
// terminal, and as tab-separated lines without a header in a pipe, so
// that cut -f and awk -F'\t' see one field per column. Cells are escaped
// so that no file name can reach the terminal as a control sequence.
func (s *IOStreams) WriteTable(header []string, rows [][]string) error {
	var b strings.Builder
	if !s.IsStdoutTTY() {
		for _, r := range rows {
			for i, c := range r {
				r[i] = strings.ReplaceAll(safetext.Escape(c), "\t", " ")
			}
			fmt.Fprintln(&b, strings.Join(r, "\t"))
		}
		_, err := fmt.Fprint(s.Out, b.String())
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
	_, err := fmt.Fprint(s.Out, b.String())
	return err
}
