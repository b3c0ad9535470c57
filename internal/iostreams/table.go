package iostreams

import (
	"bufio"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/decline-cli/decline/internal/safetext"
)

// WriteTable prints rows as an aligned table under a header on a
// terminal, and as tab-separated lines without a header in a pipe, so
// that cut -f and awk -F'\t' see one field per column. Cells are escaped
// so that no file name can reach the terminal as a control sequence.
func (s *IOStreams) WriteTable(header []string, rows [][]string) error {
	t := s.NewTable(header)
	for _, r := range rows {
		t.Row(r...)
	}
	return t.Flush()
}

// tableBlock is how many rows a table on a terminal aligns at a time, so
// that a long one shows as it goes without being held in memory.
const tableBlock = 1000

// Table prints rows one at a time, laid out as WriteTable lays them out;
// on a terminal each block of rows is aligned on its own.
type Table struct {
	w    *bufio.Writer
	tw   *tabwriter.Writer // nil in a pipe
	out  io.Writer         // tw, or w in a pipe
	rows int
	// header is printed on a terminal before the first row, or by
	// Flush: a table without rows still has one.
	header []string
}

// NewTable starts a table on standard output. Flush ends it.
func (s *IOStreams) NewTable(header []string) *Table {
	t := &Table{w: bufio.NewWriter(s.Out), header: header}
	t.out = t.w
	if s.IsStdoutTTY() {
		t.tw = tabwriter.NewWriter(t.w, 0, 0, 2, ' ', 0)
		t.out = t.tw
	}
	return t
}

// Rows is how many rows the table has.
func (t *Table) Rows() int { return t.rows }

// Row prints one row. The cells are changed.
func (t *Table) Row(cells ...string) {
	t.start()
	for i, c := range cells {
		switch {
		case t.tw == nil:
			cells[i] = strings.ReplaceAll(safetext.Escape(c), "\t", " ")
		case c == "":
			cells[i] = "-"
		default:
			cells[i] = safetext.Escape(c)
		}
	}
	t.line(cells)
	if t.rows++; t.tw != nil && t.rows%tableBlock == 0 {
		t.tw.Flush()
		t.w.Flush()
	}
}

// start prints the header on a terminal, once.
func (t *Table) start() {
	if t.tw != nil && t.header != nil {
		t.line(t.header)
	}
	t.header = nil
}

func (t *Table) line(cells []string) {
	for i, c := range cells {
		if i > 0 {
			io.WriteString(t.out, "\t")
		}
		io.WriteString(t.out, c)
	}
	io.WriteString(t.out, "\n")
}

// Flush prints what is held and reports the first error writing met.
func (t *Table) Flush() error {
	t.start()
	if t.tw != nil {
		t.tw.Flush()
	}
	return t.w.Flush()
}
