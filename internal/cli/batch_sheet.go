package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/decline-cli/decline/internal/batch"
	"github.com/decline-cli/decline/internal/safetext"
	"github.com/decline-cli/decline/internal/sheet"
)

// sheetFlags say how batch reads a spreadsheet's export.
type sheetFlags struct {
	maps      []string
	delimiter string
	encoding  string
	skip      int
	skipSet   bool
	keep      []string
	sheet     string
}

func (s *sheetFlags) register(fl *pflag.FlagSet) {
	fl.StringArrayVar(&s.maps, "map", nil, "read a field from the column with this heading: `FIELD=HEADING` (repeatable), e.g. --map kind=\"What did they ask for?\"")
	fl.StringVar(&s.delimiter, "delimiter", "", "the cell separator of a CSV file: , ; tab | or another mark such as : (default: told from the heading row among , ; tab |)")
	fl.StringVar(&s.encoding, "encoding", "", "read a file saved in a code page, such as windows-1252, or in UTF-16 without a byte order mark: utf-16le or utf-16be (default: UTF-8, or UTF-16 with a byte order mark)")
	fl.IntVar(&s.skip, "skip", 0, "skip `N` lines before the heading row (default: skip the lines before the first that names the requester)")
	fl.StringVar(&s.sheet, "sheet", "", "read the sheet with this `NAME` of an .xlsx workbook (default: the first)")
	fl.StringArrayVar(&s.keep, "keep", nil, "carry the column with this `HEADING` into JSON Lines output (repeatable), such as an id")
}

// options turns the flags into the reader's options.
func (s *sheetFlags) options(in batch.Format) (batch.ReadOptions, error) {
	o := batch.ReadOptions{Sheet: sheet.Options{Encoding: s.encoding, Skip: s.skip, SkipSet: s.skipSet, Sheet: s.sheet}}
	switch {
	case s.sheet != "" && in != batch.XLSX:
		return o, usageErrorf("--sheet picks a sheet of an .xlsx workbook, and the input is %s", in)
	case in == batch.XLSX && (s.encoding != "" || s.delimiter != ""):
		return o, usageErrorf("--encoding and --delimiter are for text files; an .xlsx workbook says its own")
	}
	if s.encoding != "" {
		if err := sheet.CheckEncoding(s.encoding); err != nil {
			return o, usageErrorf("--encoding: %v", err)
		}
	}
	if s.skip < 0 {
		return o, usageErrorf("--skip takes a number of lines, 0 or more")
	}
	d, ok := sheet.Delimiter(s.delimiter)
	if !ok {
		return o, usageErrorf("--delimiter %s: use , ; tab | or another punctuation mark, such as :", safetext.Quote(s.delimiter))
	}
	o.Sheet.Delimiter = d
	var err error
	if o.Map, err = sheet.ParseMap(s.maps); err != nil {
		me := err.(*sheet.MapError)
		switch {
		case me.Twice:
			return o, usageErrorf("--map gives %s twice", me.Field)
		case me.Also != "":
			_, heading, _ := strings.Cut(me.Arg, "=")
			return o, usageErrorf("--map gives the column %s to both %s and %s: a column gives one field, so map one of them to another heading", safetext.Quote(heading), me.Also, me.Field)
		}
		return o, usageErrorf("--map takes FIELD=HEADING, such as --map kind=\"Request type\", got %s", safetext.Quote(me.Arg))
	}
	return o, nil
}

// sheetError words what reading a file found, naming the flag that
// helps.
func sheetError(err error) error {
	var input *batch.InputError
	if errors.As(err, &input) && input.Err.NotUTF8 {
		other := ""
		if sheet.IsCodePage(input.Err.Encoding) {
			other = " (or the file's code page)"
		}
		return fmt.Errorf("%s:%d: %s: add --encoding %s%s, or save it as CSV UTF-8", input.Source, input.Err.Line, input.Err.Msg, input.Err.Encoding, other)
	}
	if errors.As(err, &input) && input.Err.Instead && input.Err.Encoding != "" {
		return fmt.Errorf("%s:%d: %s: use --encoding %s", input.Source, input.Err.Line, input.Err.Msg, input.Err.Encoding)
	}
	if errors.As(err, &input) && input.Err.Instead {
		return fmt.Errorf("%s:%d: %s: drop --encoding, or give the file's own", input.Source, input.Err.Line, input.Err.Msg)
	}
	if errors.As(err, &input) && input.Err.UTF8 {
		return fmt.Errorf("%s:%d: %s: drop --encoding", input.Source, input.Err.Line, input.Err.Msg)
	}
	if errors.As(err, &input) && input.Err.Seen == ' ' {
		// Not a delimiter: a name holds spaces too.
		return fmt.Errorf("%s:%d: %s; a name holds spaces too, so save the file with commas or tabs between the cells", input.Source, input.Err.Line, input.Err.Msg)
	}
	if errors.As(err, &input) && input.Err.Seen != 0 {
		add := "--delimiter " + safetext.ShellQuote(string(input.Err.Seen))
		if input.Err.Looks == batch.CSV {
			add = "--input-format csv " + add
		}
		return fmt.Errorf("%s:%d: %s: add %s", input.Source, input.Err.Line, input.Err.Msg, add)
	}
	if errors.As(err, &input) && input.Err.Looks == "" && strings.HasPrefix(input.Err.Msg, "the header row has no name column") {
		other := ""
		if e := input.Err; len(e.Sheets) > 1 {
			other = fmt.Sprintf("; this is sheet %s of the workbook's %s: --sheet NAME reads another", safetext.Quote(e.Sheet), quoteAll(e.Sheets))
		}
		return fmt.Errorf("%s:%d: %s (or name its column with --map name=HEADING, or the columns of a first and a last name with --map first_name=HEADING --map last_name=HEADING)%s", input.Source, input.Err.Line, input.Err.Msg, other)
	}
	return err
}

// reportColumns names, once, the columns nothing reads, and refuses a
// column whose cells look like kinds, relationships or tones that nothing
// reads.
func reportColumns(w io.Writer, run *batch.Run, keep []string) error {
	unused, err := run.Unused(keep)
	var ce *batch.ColumnError
	if errors.As(err, &ce) {
		return unreadColumn(ce)
	}
	if err != nil {
		return err
	}
	if len(unused) > 0 {
		q := make([]string, len(unused))
		for i, h := range unused {
			q[i] = safetext.Quote(h)
		}
		fmt.Fprintf(w, "decline: not used: %s %s (no field or template takes %s; --map FIELD=HEADING reads one)\n",
			map[bool]string{true: "column", false: "columns"}[len(q) == 1], strings.Join(q, ", "), map[bool]string{true: "it", false: "them"}[len(q) == 1])
		if h := run.Employer(); h != "" {
			fmt.Fprintf(w, "decline: column %s is not read as the company a request is about: in a list of contacts it is each person's own employer (--map company=%s reads it)\n",
				safetext.Quote(h), safetext.ShellQuote(h))
		}
	}
	return nil
}

// unreadColumn says how to read a column that looks like values.
func unreadColumn(ce *batch.ColumnError) error {
	return usageErrorf("%v: add --map %s=%s to read it, or delete the column", ce, ce.Field, safetext.ShellQuote(ce.Heading))
}

// quoteAll quotes names for a message.
func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = safetext.Quote(n)
	}
	return strings.Join(q, ", ")
}
