package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/decline-cli/decline/internal/batch"
	"github.com/decline-cli/decline/internal/iostreams"
	"github.com/decline-cli/decline/internal/plural"
)

// This file says how a batch went: its reporter, and its outcome, with
// the flags that change it.

// batchReporter prints a run's progress and problems on standard error.
type batchReporter struct {
	w        io.Writer
	progress *iostreams.Progress
	said     func() // tells the exit that Stopped said how the run ended
}

func (r *batchReporter) Progress(p batch.Pass, n, total int) { r.progress.Tick(p.String(), n, total) }

func (r *batchReporter) Problem(source string, line int, err error) {
	// A file already in the output directory is counted once, at the
	// end, not named row by row.
	if errors.As(err, new(*batch.ExistsError)) {
		return
	}
	r.progress.Clear()
	fmt.Fprintf(r.w, "%s:%d: %s\n", source, line, oneLine(columnError(err)))
}

// Stopped says what a signal left written.
func (r *batchReporter) Stopped(s batch.Stopped) {
	r.progress.Clear()
	if r.said != nil {
		r.said() // the one line about the stop: no "cancelled" after it
	}
	switch {
	case s.Dir != "":
		fmt.Fprintf(r.w, "decline: %s; to write the rest, run the same command with --keep-going: the files already there are left alone\n", s)
	case s.Output != "":
		fmt.Fprintf(r.w, "decline: %s; run the same command again to write them all\n", s)
	default:
		fmt.Fprintf(r.w, "decline: %s\n", s)
	}
}

// Warning prints a warning about a good row, which is still written.
func (r *batchReporter) Warning(source string, line int, err error) {
	r.progress.Clear()
	fmt.Fprintf(r.w, "%s:%d: warning: %s; shorten a name, a value or the note, or use the warm tone\n", source, line, oneLine(err.Error()))
}

// batchResult says how the writing pass went. Files already in the
// output directory, under the names this run gives its replies, are what
// an earlier run of it wrote: a --keep-going run that wrote the rest (or
// found nothing left to write) is a finished resume, and exits 0 with a
// note.
func batchResult(f *Factory, outDir string, checked batch.Counts) error {
	bad := checked.Bad
	good := checked.Rows - bad
	if outDir != "" && good > 0 {
		fmt.Fprintf(f.IO.ErrOut, "Wrote %s in %s.\n", plural.N(good, "reply", "replies"), outDir)
	}
	switch {
	case bad > 0 && checked.Existing == bad:
		were := plural.N(bad, "file was", "files were")
		if good == 0 {
			were = plural.Pick(bad, "the only file was", fmt.Sprintf("all %d files were", bad))
		}
		fmt.Fprintf(f.IO.ErrOut, "decline: note: %s already in %s, left alone (use --force to replace %s)\n", were, outDir, plural.Pick(bad, "it", "them"))
		return nil
	case bad == checked.Rows && bad > 0:
		return fmt.Errorf("%s, so nothing was written", problemCount(bad, checked.Rows))
	case bad > 0:
		return fmt.Errorf("%s, which %s skipped; the other %d %s written", problemCount(bad, checked.Rows), plural.Pick(bad, "was", "were"), good, plural.Pick(good, "was", "were"))
	}
	return nil
}

// refusal explains why nothing was written.
func refusal(outDir string, c batch.Counts) error {
	bad, checked := c.Bad, c.Rows
	switch {
	case c.Existing == bad && bad == checked:
		return fmt.Errorf("%s already in %s; nothing was written (use --force to replace %s, or choose another --out-dir)",
			plural.N(bad, "file is", "files are"), outDir, plural.Pick(bad, "it", "them"))
	case c.Existing == bad:
		return fmt.Errorf("%s already in %s; nothing was written (use --force to replace %s, --keep-going to write only the other %d, or choose another --out-dir)",
			plural.N(bad, "file is", "files are"), outDir, plural.Pick(bad, "it", "them"), checked-bad)
	case bad == checked:
		return fmt.Errorf("%s; nothing was written", plural.Pick(bad, "the only row has a problem", fmt.Sprintf("all %d rows have problems", bad)))
	}
	return fmt.Errorf("%s; nothing was written (fix %s, or use --keep-going to write the other %d)",
		problemCount(bad, checked), plural.Pick(bad, "it", "them"), checked-bad)
}

func problemCount(bad, rows int) string {
	return fmt.Sprintf("%d of %d rows %s", bad, rows, plural.Pick(bad, "has a problem", "have problems"))
}

// showProgress says whether to draw the progress line: on a terminal, and
// not when the replies, or a dry run's rows, go to that terminal too,
// where the line would be drawn between them.
func showProgress(f *Factory, o *batchOptions) bool {
	return f.IO.IsStderrTTY() && (o.outDir != "" && !o.dryRun || !f.IO.IsStdoutTTY())
}
