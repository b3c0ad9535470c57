package cli

import (
	"errors"
	"fmt"

	"github.com/decline-cli/decline/internal/batch"
	"github.com/decline-cli/decline/internal/iostreams"
)

// dryRunTable lists the rows of a dry run as the check finds them: an
// aligned table on a terminal, tab-separated lines in a pipe.
func dryRunTable(f *Factory, run *batch.Run) *iostreams.Table {
	t := f.IO.NewTable(batch.PlanHeader)
	run.Plan = func(p batch.Planned) { t.Row(p.Row()...) }
	return t
}

// endDryRun prints the rest of the table, the columns nothing reads and
// the summary.
func endDryRun(f *Factory, run *batch.Run, o *batchOptions, table *iostreams.Table, tally *batch.Tally, checked batch.Counts) error {
	if table.Rows() > 0 {
		if err := table.Flush(); err != nil {
			return err
		}
	}
	if err := reportColumns(f.IO.ErrOut, run, o.keep); err != nil {
		return err
	}
	if checked.Rows == 0 {
		return fmt.Errorf("%s has a header but no rows; nothing was written", run.Source.Name)
	}
	tally.Summary(f.IO.Out, run.Source.Name, o.outDir, checked)
	if checked.Bad > 0 {
		return errors.New(problemCount(checked.Bad, checked.Rows))
	}
	return nil
}
