package batch

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/decline-cli/decline/internal/plural"
	"github.com/decline-cli/decline/internal/safetext"
)

// StopReporter is a Reporter that also hears what a signal left written
// on the writing pass to a stream. WriteAll calls Stopped from the
// signal handler.
type StopReporter interface {
	Reporter
	Stopped(s Stopped)
}

// Stopped is what a signal left written: whole replies only, unless the
// output took nothing for StopWait and part of the next one may be out.
type Stopped struct {
	Written, Total int
	Cut            bool
	Dir            string // the files went into this directory
	Output         string // the replies went to this file, which is not written
	// Stream names the device or pipe the replies went to, written in
	// place, when it is not standard output.
	Stream string
}

// StopWait is how long a signal waits for a write under way to end.
const StopWait = 5 * time.Second

func (s Stopped) String() string {
	switch {
	case s.Output != "":
		return fmt.Sprintf("stopped; nothing was written to %s, which appears only once every reply is in it", s.Output)
	case s.Dir != "":
		return fmt.Sprintf("stopped after writing %d of %d replies into %s, each file whole", s.Written, s.Total, s.Dir)
	case s.Cut && s.Stream != "":
		return fmt.Sprintf("stopped after writing %d of %d replies whole to %s; the next one may be cut, as it took nothing for %d seconds", s.Written, s.Total, s.Stream, int(StopWait/time.Second))
	case s.Cut:
		return fmt.Sprintf("stopped after writing %d of %d replies whole; the next one may be cut, as standard output took nothing for %d seconds", s.Written, s.Total, int(StopWait/time.Second))
	case s.Stream != "":
		return fmt.Sprintf("stopped after writing %d of %d replies to %s, each whole", s.Written, s.Total, s.Stream)
	}
	return fmt.Sprintf("stopped after writing %d of %d replies, each whole", s.Written, s.Total)
}

// Good is the number of rows the checking pass found good.
func (r *Run) Good() int { return r.checked.Rows - r.checked.Bad }

// WriteAll is the writing pass with its output: the file at output when
// it is set, which replaces what is there only once every reply is
// written; else Out or Dir. A signal while writing to a stream stops it
// at the end of a reply and tells the Reporter, when it is a
// StopReporter; a signal while writing the file removes the unfinished
// file. A *WriteError says how many replies went out, of Good.
//
// Its error is also a *ChangedError when the input changed since Check,
// or an *AppearedError when files appeared in Dir.
func (r *Run) WriteAll(output string, onInterrupt OnInterrupt) (Counts, error) {
	if onInterrupt == nil {
		onInterrupt = func(func()) func() { return func() {} }
	}
	var out *OutputFile
	if output != "" {
		var err error
		if out, err = CreateOutput(output, r.Source); err != nil {
			return Counts{}, err
		}
	}
	// Registered before the removal of the unfinished file, so that it
	// runs first: the writing stops, then the file goes.
	defer onInterrupt(func() {
		s := Stopped{Total: r.Good(), Output: output}
		if out != nil && out.direct {
			// A pipe or a device: what went out is out.
			s.Output, s.Stream = "", output
		}
		if r.Dir != nil {
			r.Dir.Close() // waits for a file being written
			s.Written, s.Dir = r.Dir.Written(), r.Dir.Path
		} else {
			s.Written, s.Cut = r.StopWriting(StopWait)
		}
		if sr, ok := r.Reporter.(StopReporter); ok {
			sr.Stopped(s)
		}
	})()
	if out != nil {
		defer onInterrupt(out.Discard)()
		defer out.Discard()
		r.Out = out
	}
	written, err := r.Write()
	if err == nil && out != nil {
		err = out.Commit()
	}
	if we := (*WriteError)(nil); errors.As(err, &we) {
		we.Total = r.Good()
	}
	if err != nil {
		return written, err
	}
	return written, r.compare(written)
}

// ChangedError is an input that gave other rows on the writing pass
// than on the checking pass.
type ChangedError struct{ Source string }

func (e *ChangedError) Error() string {
	return e.Source + " changed while it was read; check the output and run again"
}

// AppearedError is files that appeared in the output directory between
// the passes, which were left alone.
type AppearedError struct {
	N   int
	Dir string
}

func (e *AppearedError) Error() string {
	return fmt.Sprintf("%s appeared in %s while decline was writing, and %s left alone; check them and run again",
		plural.N(e.N, "file", "files"), e.Dir, plural.Pick(e.N, "was", "were"))
}

// compare checks the writing pass against the checking pass.
func (r *Run) compare(written Counts) error {
	if n := written.Existing - r.checked.Existing; n > 0 && r.Dir != nil {
		return &AppearedError{N: n, Dir: r.Dir.Path}
	}
	if written.Rows != r.checked.Rows || written.Bad != r.checked.Bad {
		return &ChangedError{r.Source.Name}
	}
	return nil
}

// FormatError is an input whose format its name does not tell.
type FormatError struct {
	Path  string
	Given string // a format asked for that is not one of Formats
}

func (e *FormatError) Error() string {
	if e.Given != "" {
		return fmt.Sprintf("unknown input format %s (choose one of: %s)", safetext.Quote(e.Given), strings.Join(Formats, ", "))
	}
	return fmt.Sprintf("cannot tell the format of %s from its name", safetext.Quote(e.Path))
}

// ChooseFormat is the input format: given, when it is set; else the one
// the file's extension names; CSV for standard input ("" or "-") and for
// a pipe, such as <(command). Else a *FormatError.
func ChooseFormat(given, path string) (Format, error) {
	if given != "" {
		if !slices.Contains(Formats, given) {
			return "", &FormatError{Path: path, Given: given}
		}
		return Format(given), nil
	}
	if path == "" || path == "-" {
		return CSV, nil
	}
	if f, ok := FormatOf(path); ok {
		return f, nil
	}
	if info, err := os.Stat(path); err == nil && info.Mode()&(os.ModeNamedPipe|os.ModeCharDevice) != 0 {
		return CSV, nil
	}
	if strings.EqualFold(filepath.Ext(path), ".txt") && unicodeText(path) {
		return TSV, nil
	}
	return "", &FormatError{Path: path}
}

// unicodeText reports whether the file starts with a UTF-16 byte order
// mark, as Excel's "Unicode Text" (.txt, tab-separated) does.
func unicodeText(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var bom [2]byte
	_, err = io.ReadFull(f, bom[:])
	return err == nil && (bom == [2]byte{0xff, 0xfe} || bom == [2]byte{0xfe, 0xff})
}
