package batch

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/oserr"
	"github.com/decline-cli/decline/internal/reply"
)

// Pass is one of a run's two passes over the input.
type Pass int

// The passes: the first checks every row and writes nothing, the second
// writes.
const (
	Checking Pass = iota
	Writing
)

func (p Pass) String() string {
	if p == Checking {
		return "Checking"
	}
	return "Writing"
}

// Reporter hears from a run as it goes. Both are called from the
// goroutine that called Check or Write.
type Reporter interface {
	// Progress says that rows of total (0 while unknown) are done.
	Progress(p Pass, rows, total int)
	// Problem reports a bad row on the checking pass: a *Error from the
	// reader, an *ExistsError, or what resolving or rendering said.
	Problem(source string, line int, err error)
	// Warning reports, on the checking pass, a good row whose reply may
	// not do what was meant: a *compose.LongError (the row is still
	// written).
	Warning(source string, line int, err error)
}

// ExistsError is a row whose reply file is already in the output
// directory, which is never replaced unless the directory says so.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string { return e.Path + " already exists" }

// Counts are what a pass found.
type Counts struct {
	Rows, Bad int
	Existing  int // bad rows whose file already exists
}

// Run drafts a reply for every row of an input, in two passes: Check
// reads every row and writes nothing; Write then writes the good ones,
// to Out in input order or one file each into Dir.
type Run struct {
	Source   *Source
	Input    Format
	Format   *deliver.OutputFormat
	Out      io.Writer // when Dir is nil
	Dir      *Dir
	Rows     reply.Rows
	EML      deliver.EMLOptions // one Date for the run
	Reporter Reporter
	// Read says how to read the input: its encoding, delimiter, the
	// lines before its heading row, and headings mapped to fields.
	Read ReadOptions
	// Keep names columns whose cells each JSON Lines record carries, by
	// heading, in a "columns" object.
	Keep []string
	// Plan, when set, takes each good row on the checking pass, in input
	// order, once the columns are checked: a dry run lists them.
	Plan func(Planned)

	counts  Counts
	checked Counts // what Check found
	dups    dupEmails
	total   int // rows, once the first pass has counted them
	namer   *Namer
	seq     *replier // for the sequential path
	out     atomic.Pointer[recordWriter]
	reader  *Reader // of the last pass
}

// Planned is a good row as the checking pass found it: the reply it
// will get.
type Planned struct {
	Line     int
	Name     string
	Template *catalog.Template
	Wording  int // 1-based, of len(Template.Variants); 0 without Plan

	email uint64 // a hash of the address, 0 for none
	line  int
	addr  string
}

// PlanHeader names the columns of Planned.Row, a dry run's table.
var PlanHeader = []string{"LINE", "NAME", "KIND", "RELATIONSHIP", "TONE", "TEMPLATE", "WORDING"}

// Row is the row as a dry run lists it.
func (p Planned) Row() []string {
	tm := p.Template
	return []string{strconv.Itoa(p.Line), p.Name, tm.Kind, tm.Relationship, tm.Tone, tm.ID, fmt.Sprintf("%d of %d", p.Wording, len(tm.Variants))}
}

// Check is the first pass: it reports every bad row, counts the good
// ones into tally, and checks that no file would be replaced. Once the
// reader has sampled the first rows, a column that looks like kinds,
// relationships or tones that nothing reads ends it with a
// *ColumnError, before any row goes to Plan.
func (r *Run) Check(tally *Tally) (Counts, error) {
	r.dups = dupEmails{}
	emit := func(p Planned) {
		tally.Add(p.Template)
		r.dups.add(p)
		if r.Plan != nil {
			r.Plan(p)
		}
	}
	var err error
	if r.Dir == nil {
		err = r.parallel(Checking, emit, nil)
	} else {
		err = r.sequential(Checking, emit)
	}
	r.total = r.counts.Rows
	r.checked = r.counts
	return r.counts, err
}

// Write is the second pass. It can fail only on writing, or on an input
// that changed since Check, which the counts show.
func (r *Run) Write() (Counts, error) {
	if r.Dir != nil {
		err := r.sequential(Writing, nil)
		return r.counts, err
	}
	out := newRecordWriter(r.Out)
	r.out.Store(out)
	err := r.parallel(Writing, nil, out)
	if ferr := out.flush(); err == nil {
		err = ferr
	}
	return r.counts, err
}

// StopWriting lets no more replies out, after a write under way ends (it
// waits at most wait), for a signal handler: standard output then holds
// whole replies only. It returns how many were written, and whether a
// reply may have been cut because a write did not end in time.
func (r *Run) StopWriting(wait time.Duration) (written int, cut bool) {
	if out := r.out.Load(); out != nil {
		return out.Stop(wait)
	}
	return 0, false
}

// sequential is the pass with an output directory, whose file names
// depend on row order. Checking makes every check writing makes, so the
// second pass can fail only on writing, and keeps no rendered text.
func (r *Run) sequential(pass Pass, emit func(Planned)) error {
	in, rows, err := r.open()
	if err != nil {
		return err
	}
	defer in.Close()
	if r.namer == nil {
		r.namer = NewNamer(r.Format.Ext)
		r.seq = r.newReplier()
	}
	r.namer.Reset()
	// The good rows wait here until the columns are checked.
	var waiting []Planned
	checked := pass != Checking
	for {
		row, err := rows.Next()
		if !checked && (err == io.EOF || rows.sampleDone()) {
			if err := r.checkColumns(); err != nil {
				return err
			}
			checked = true
			for _, p := range waiting {
				emit(p)
			}
			waiting = nil
		}
		if err == io.EOF {
			return nil
		}
		r.counts.Rows++
		r.Reporter.Progress(pass, r.counts.Rows, r.total)
		if err != nil {
			if isFatal(err) {
				return r.inputError(err)
			}
			var e *Error
			errors.As(err, &e)
			r.problem(pass, e.Line, err)
			continue
		}
		// Every row that has a name takes its file name, bad or good, so
		// that a row's file does not change when a row above it is
		// fixed; and a name whose file is there for another address is
		// left to that person's row: a rerun never gives one person a
		// second draft, nor another person's file.
		name, err := r.namer.NameFits(row.Name, r.Dir.fitsFor(row.Email, r.Format.Ext))
		if err != nil {
			return err
		}
		t, data, err := r.seq.reply(row, pass == Checking)
		if err != nil {
			r.problem(pass, row.Line, err)
			continue
		}
		if pass == Checking {
			if r.Dir.Replace {
				if err := r.Dir.CheckReplace(name, r.Source.Info()); err != nil {
					var re *ReplaceError
					if !errors.As(err, &re) {
						return err
					}
					r.problem(pass, row.Line, err)
					continue
				}
			} else {
				if ok, err := r.Dir.Exists(name); err != nil {
					return err
				} else if ok {
					r.counts.Existing++
					r.problem(pass, row.Line, &ExistsError{filepath.Join(r.Dir.Path, name)})
					continue
				}
			}
			if r.seq.long > 0 {
				r.Reporter.Warning(r.Source.Name, row.Line, &compose.LongError{Chars: r.seq.long})
			}
			if p := r.seq.planned(row, t); checked {
				emit(p)
			} else {
				waiting = append(waiting, p)
			}
			continue
		}
		if r.Dir.Replace {
			// Checked on the first pass too; --keep-going writes the
			// other rows.
			if err := r.Dir.CheckReplace(name, r.Source.Info()); err != nil {
				r.problem(pass, row.Line, err)
				continue
			}
		}
		err = r.Dir.Write(name, data)
		if errors.Is(err, ErrExists) {
			// Reported by the first pass, or new since: left alone.
			r.counts.Existing++
			r.problem(pass, row.Line, err)
			continue
		}
		if err != nil {
			return err
		}
	}
}

// open opens the input for a pass and resets the pass's counts.
func (r *Run) open() (io.Closer, *Reader, error) {
	in, err := r.Source.open()
	if err != nil {
		return nil, nil, err
	}
	rows, err := NewReaderWith(in, r.Input, r.Read)
	if err == nil {
		if err = rows.checkKeep(r.Keep); err != nil {
			rows.Close()
		}
	}
	if err != nil {
		in.Close()
		return nil, nil, r.inputError(err)
	}
	r.reader = rows
	r.counts = Counts{}
	return closers{rows.Close, func() { in.Close() }}, rows, nil
}

// closers closes a pass's reader and then its input.
type closers []func()

func (c closers) Close() error {
	for _, f := range c {
		f()
	}
	return nil
}

// problem counts a bad row and, on the first pass, reports it.
func (r *Run) problem(pass Pass, line int, err error) {
	r.counts.Bad++
	if pass == Checking {
		r.Reporter.Problem(r.Source.Name, line, err)
	}
}

// InputError is a fatal problem with the input, placed in its source.
type InputError struct {
	Source string
	Err    *Error
}

func (e *InputError) Error() string {
	msg := fmt.Sprintf("%s:%d: %s", e.Source, e.Err.Line, e.Err.Msg)
	if looks := e.Err.LooksLike(); looks != "" {
		msg += " (" + looks + ")"
	}
	return msg
}

// inputError places a fatal input error in the file.
func (r *Run) inputError(err error) error {
	var e *Error
	var limit *SpoolLimitError
	var spool *spoolError
	switch {
	case errors.As(err, &e):
		return &InputError{Source: r.Source.Name, Err: e}
	case errors.As(err, &limit):
		return limit
	case errors.As(err, &spool):
		return spool
	}
	return fmt.Errorf("cannot read %s: %v", r.Source.Name, oserr.Cause(err))
}

// isFatal reports whether a reader error ends the pass.
func isFatal(err error) bool {
	var e *Error
	return err != nil && !(errors.As(err, &e) && !e.Fatal)
}

// checkColumns refuses a column that looks like kinds, relationships
// or tones when nothing reads it: every reply would be wrong. It needs
// the reader's sample of the first rows.
func (r *Run) checkColumns() error {
	_, err := r.Unused(r.Keep)
	return err
}

// planned is a good row on the checking pass, with its wording when a
// run lists its rows.
func (rp *replier) planned(row *Row, t *catalog.Template) Planned {
	p := Planned{Template: t, email: emailHash(row.Email), line: row.Line, addr: row.Email}
	if rp.plan {
		p.Line, p.Name, p.Wording = row.Line, row.Name, rp.rows.Wording(t)
	}
	return p
}

// replier resolves, renders and encodes rows. Each goroutine that
// renders has its own.
type replier struct {
	rows   reply.Rows
	format *deliver.OutputFormat
	enc    deliver.Encoder
	buf    []byte
	keep   []kept
	plan   bool // fill in Planned rows
	// long is, after reply on the checking pass, the length in
	// characters of a brief reply too long for a LinkedIn note; 0 for
	// one that fits and for every other tone.
	long int
}

func (r *Run) newReplier() *replier {
	return &replier{rows: r.Rows.Clone(), format: r.Format, enc: deliver.Encoder{EML: r.EML}, keep: keptColumns(r.Keep), plan: r.Plan != nil}
}

// reply resolves, renders and encodes one row. The first pass only
// validates rows for formats whose encoding cannot fail: validation
// makes every check that rendering makes. The bytes are valid until the
// next call.
//
// On the checking pass a brief reply is rendered and measured as well
// (long), so that a row too long for a LinkedIn note can be warned of.
func (rp *replier) reply(row *Row, checking bool) (*catalog.Template, []byte, error) {
	t, out, err := rp.appendReply(rp.buf[:0], row, checking)
	if out != nil {
		rp.buf = out[:0]
	}
	return t, out, err
}

// appendReply is reply appending the encoded reply to dst, so that the
// parallel path encodes straight into a chunk's buffer. After an error
// the bytes past len(dst) are to be dropped.
func (rp *replier) appendReply(dst []byte, row *Row, checking bool) (*catalog.Template, []byte, error) {
	rp.long = 0
	if checking && rp.format.Checked {
		t, err := rp.rows.Validate(row)
		if err != nil || t.Tone != compose.BriefTone {
			return t, nil, err
		}
	}
	p, err := rp.rows.Prepare(row)
	if err != nil {
		return nil, nil, err
	}
	if checking && p.Template.Tone == compose.BriefTone {
		rp.measure(p)
		if rp.format.Checked {
			return p.Template, nil, nil
		}
	}
	out, err := rp.format.Append(&rp.enc, dst, row.Line, row.Email, p)
	if err == nil && len(rp.keep) > 0 && rp.format.Name == "jsonl" {
		out = appendKept(out, rp.keep, row)
	}
	return p.Template, out, err
}

// measure sets long for a brief reply over the LinkedIn limit, counted
// as the single draft counts it: in characters, without the last line
// break.
func (rp *replier) measure(p *compose.Prepared) {
	rp.buf = p.AppendBody(rp.buf[:0])
	if n := utf8.RuneCount(bytes.TrimSuffix(rp.buf, []byte("\n"))); n > compose.BriefLimit {
		rp.long = n
	}
}
