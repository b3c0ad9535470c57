package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/decline-cli/decline/internal/batch"
	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/safetext"
	"github.com/spf13/cobra"
)

// batchFormats are the output formats of batch, in the order help shows
// them.
var batchFormats = []string{"jsonl", "text", "eml", "mbox"}

// extensions are the file extensions of --out-dir files, by format.
var extensions = map[string]string{"jsonl": ".json", "text": ".txt", "eml": ".eml"}

type batchOptions struct {
	*globalOptions
	replyFlags

	input       string // a path, "-", or "" for standard input
	inputFormat string
	format      string
	outDir      string
	force       bool
	keepGoing   bool
	dryRun      bool
}

func newBatchCmd(f *Factory, g *globalOptions) *cobra.Command {
	o := &batchOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "batch [FILE|-]",
		Short: "Draft replies for many requesters, from a spreadsheet",
		Long: `Draft a reply for every row of a CSV, TSV or JSON Lines file. The first row of
a CSV or TSV file names the columns: name is required; email, relationship,
kind, tone, template, first_name and variant are optional; any other column
is a value for the templates (such as skill or role). The flags give the
defaults for empty cells and missing columns; --template applies to the
rows that have no template, kind, relationship or tone of their own. With
- or no file, the rows are read from standard input.

Every row is checked before anything is written. A bad row stops the run
with FILE:LINE and what is wrong, and nothing at all is written, unless
--keep-going is given: then the good rows are written, each bad one is
reported, and the exit status is 1. --dry-run only checks, and counts the
replies by kind, relationship and tone.

The replies go to standard output as JSON Lines (one object per reply,
with its input line), as text (replies separated by a form-feed line), or
as one mbox mailbox; or, with --out-dir, one file each, named after the
requester (scott-lee.txt, scott-lee-2.txt). Existing files are never
replaced without --force.`,
		Example: `  decline batch requests.csv
  decline batch requests.csv --dry-run
  decline batch requests.csv --format mbox > replies.mbox && mutt -f replies.mbox
  decline batch requests.csv --out-dir replies
  decline batch requests.tsv --keep-going --from "Jordan Avery" -t formal
  some-export | decline batch - --input-format jsonl`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageErrorf("batch reads one file, got %d (see 'decline batch --help')", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.input = args[0]
			}
			return runBatch(f, o)
		},
	}
	fl := cmd.Flags()
	o.replyFlags.register(fl)
	fl.StringVar(&o.inputFormat, "input-format", "", "read the input as "+strings.Join(batch.Formats, ", ")+" (default: from the file's extension; csv for standard input)")
	fl.StringVarP(&o.format, "format", "f", "", "output format: "+strings.Join(batchFormats, ", ")+" (default jsonl, or text with --out-dir)")
	fl.StringVarP(&o.outDir, "out-dir", "o", "", "write one file per reply into `DIR` (created if needed)")
	fl.BoolVar(&o.force, "force", false, "with --out-dir, replace files that already exist")
	fl.BoolVar(&o.keepGoing, "keep-going", false, "write the good rows even if some rows are bad (the exit status is still 1)")
	fl.BoolVar(&o.dryRun, "dry-run", false, "check every row and print a summary; write nothing")
	registerCompletions(cmd, f, g, batchFormats)
	_ = cmd.RegisterFlagCompletionFunc("input-format", cobra.FixedCompletions(batch.Formats, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.MarkFlagDirname("out-dir")
	return cmd
}

// batchRun is one run of batch, shared by its two passes.
type batchRun struct {
	f        *Factory
	o        *batchOptions
	src      *batchSource
	inFormat batch.Format
	format   string
	resolver batch.Resolver
	replier  *replier // for the sequential path
	dir      *batch.Dir
	namer    *batch.Namer
	progress *progress
	eml      deliver.EMLOptions // one Date for the run; a new Message-ID each

	// per pass
	rows, bad int
	existing  int // bad rows whose file already exists
	total     int // rows, once the first pass has counted them
}

func runBatch(f *Factory, o *batchOptions) error {
	// A batch writes temporary and output files: handle signals from the
	// start, so that none comes before a clean-up is registered.
	f.needSignals()
	b := &batchRun{f: f, o: o, eml: deliver.EMLOptions{Date: time.Now()}}
	if err := b.setUp(); err != nil {
		return err
	}
	src, err := openBatchSource(f, o.input)
	if err != nil {
		return err
	}
	defer src.close()
	b.src = src
	if o.outDir != "" {
		if b.dir, err = batch.OpenDir(o.outDir, o.force); err != nil {
			return err
		}
		defer f.OnInterrupt(func() { b.dir.Close() })()
		defer b.dir.Close()
		b.namer = batch.NewNamer(extensions[b.format])
	}
	b.progress = newProgress(f.IO.ErrOut, f.IO.IsStderrTTY())
	defer f.OnInterrupt(b.progress.clear)()
	defer b.progress.clear()

	// The first pass checks every row and writes nothing.
	var tally batch.Tally
	if b.dir == nil {
		err = b.readRowsParallel(true, tally.Add, nil)
	} else {
		err = b.readRows(true, func(_ *batch.Row, t *catalog.Template, _ []byte) error {
			tally.Add(t)
			return nil
		})
	}
	if err != nil {
		return err
	}
	checked, bad, existing := b.rows, b.bad, b.existing
	b.total = checked
	b.progress.clear()
	if o.dryRun {
		b.summary(&tally)
		if bad > 0 {
			return errors.New(problemCount(bad, checked))
		}
		return nil
	}
	if bad > 0 && !o.keepGoing {
		return b.refusal(checked, bad)
	}

	// The second pass writes.
	if err := b.write(); err != nil {
		return err
	}
	if n := b.existing - existing; n > 0 {
		return fmt.Errorf("%s appeared in %s while decline was writing, and %s left alone; check them and run again",
			plural(n, "file", "files"), o.outDir, pick(n, "was", "were"))
	}
	if b.rows != checked || b.bad != bad {
		return fmt.Errorf("%s changed while it was read; check the output and run again", b.src.name)
	}
	if b.dir != nil && f.IO.IsStderrTTY() {
		fmt.Fprintf(f.IO.ErrOut, "Wrote %s in %s.\n", plural(checked-bad, "reply", "replies"), o.outDir)
	}
	switch {
	case bad == checked && bad > 0:
		return fmt.Errorf("%s, so nothing was written", problemCount(bad, checked))
	case bad > 0:
		return fmt.Errorf("%s, which %s skipped; the other %d were written", problemCount(bad, checked), pick(bad, "was", "were"), checked-bad)
	}
	return nil
}

// setUp checks the flags and loads the settings and the catalog.
func (b *batchRun) setUp() error {
	f, o := b.f, b.o
	cfg, err := f.LoadConfig(o.configPath)
	if err != nil {
		return err
	}
	s, err := o.replyFlags.resolve(cfg)
	if err != nil {
		return err
	}
	def := "jsonl"
	if o.outDir != "" {
		def = "text"
	}
	// The configuration's format is draft's; batch has its own default.
	if b.format, err = resolveSetting(cfg, "format", o.format, "", def, batchFormats); err != nil {
		return err
	}
	switch {
	case b.format == "eml" && o.outDir == "":
		return usageErrorf("--format eml makes one message per reply: add --out-dir DIR, or use --format mbox for one mailbox")
	case b.format == "mbox" && o.outDir != "":
		return usageErrorf("--format mbox makes one mailbox, not one file per reply: drop --out-dir and redirect standard output, or use --format eml")
	case o.force && o.outDir == "":
		return usageErrorf("--force only applies to --out-dir")
	}
	// The paths are printed in every report; like any outside text, they
	// must be safe to print.
	if o.input != "" && o.input != "-" {
		if err := safetext.CheckPath("input file", o.input); err != nil {
			return err
		}
	}
	if err := safetext.CheckPath("output directory", o.outDir); err != nil {
		return err
	}
	if b.inFormat, err = inputFormat(o); err != nil {
		return err
	}
	cat, err := f.LoadCatalog(o.templateDirs)
	if err != nil {
		return err
	}
	if o.templateID != "" {
		if _, ok := cat.Get(o.templateID); !ok {
			return unknownTemplate(cat, o.templateID)
		}
	}
	if o.relationship != "" {
		if err := cat.CheckRelationship(s.kind, o.relationship); err != nil {
			return usageErrorf("%v", err)
		}
	}
	b.resolver = batch.Resolver{Catalog: cat, Defaults: batch.Defaults{
		Kind:         s.kind,
		Tone:         s.tone,
		Relationship: o.relationship,
		Template:     o.templateID,
		Sender:       s.sender,
		Signoff:      s.signoff,
		Values:       s.values,
	}}
	b.replier = b.newReplier()
	return nil
}

// inputFormat is --input-format, or the format the file's extension
// names, or CSV for standard input.
func inputFormat(o *batchOptions) (batch.Format, error) {
	if o.inputFormat != "" {
		if !slices.Contains(batch.Formats, o.inputFormat) {
			return "", usageErrorf("unknown input format %s (choose one of: %s)", safetext.Quote(o.inputFormat), strings.Join(batch.Formats, ", "))
		}
		return batch.Format(o.inputFormat), nil
	}
	if o.input == "" || o.input == "-" {
		return batch.CSV, nil
	}
	if f, ok := batch.FormatOf(o.input); ok {
		return f, nil
	}
	if info, err := os.Stat(o.input); err == nil && info.Mode()&(os.ModeNamedPipe|os.ModeCharDevice) != 0 {
		return batch.CSV, nil // a pipe, such as <(command), like standard input
	}
	return "", usageErrorf("cannot tell the format of %s from its name: add --input-format csv, tsv or jsonl", safetext.Quote(o.input))
}

// emitFunc receives each good row with its template and its encoded reply.
type emitFunc func(row *batch.Row, t *catalog.Template, data []byte) error

// readRows is the sequential pass, used with --out-dir, whose file names
// depend on row order (readRowsParallel serves the other runs). It reads
// every row once, resolving and naming each: the checking pass reports
// the bad rows, checks that no file would be replaced and hands each good
// row's template to emit; the writing pass writes each reply into the
// output directory. Checking makes every check writing makes, so the
// second pass can fail only on writing, and keeps no rendered text.
func (b *batchRun) readRows(checking bool, emit emitFunc) error {
	in, r, err := b.openRows()
	if err != nil {
		return err
	}
	defer in.Close()
	if b.namer != nil {
		b.namer.Reset()
	}
	verb := "Checking"
	if !checking {
		verb = "Writing"
	}
	for {
		row, err := r.Next()
		if err == io.EOF {
			return nil
		}
		b.rows++
		b.progress.tick(verb, b.rows, b.total)
		var e *batch.Error
		if errors.As(err, &e) && !e.Fatal {
			b.problem(checking, e.Line, err)
			continue
		}
		if err != nil {
			return b.inputError(err)
		}
		t, data, err := b.replier.reply(row, checking)
		if err != nil {
			b.problem(checking, row.Line, err)
			continue
		}
		if b.namer != nil {
			name := b.namer.Name(row.Name)
			if checking && !b.o.force {
				if ok, err := b.dir.Exists(name); err != nil {
					return err
				} else if ok {
					b.existing++
					b.problem(checking, row.Line, fmt.Errorf("%s already exists (use --force to replace it)", filepath.Join(b.o.outDir, name)))
					continue
				}
			}
			if !checking {
				err := b.dir.Write(name, data)
				if errors.Is(err, batch.ErrExists) {
					// Reported by the first pass, or new since: left alone.
					b.existing++
					b.problem(checking, row.Line, err)
					continue
				}
				if err != nil {
					return err
				}
				continue
			}
		}
		if err := emit(row, t, data); err != nil {
			return err
		}
	}
}

// openRows opens the input for a pass and resets the pass's counts.
func (b *batchRun) openRows() (io.Closer, *batch.Reader, error) {
	in, err := b.src.open()
	if err != nil {
		return nil, nil, err
	}
	r, err := batch.NewReader(in, b.inFormat)
	if err != nil {
		in.Close()
		return nil, nil, b.inputError(err)
	}
	b.rows, b.bad, b.existing = 0, 0, 0
	return in, r, nil
}

// problem counts a bad row and, on the first pass, reports it.
func (b *batchRun) problem(checking bool, line int, err error) {
	b.bad++
	if !checking {
		return
	}
	msg := err.Error()
	var e *batch.Error
	if errors.As(err, &e) {
		msg = e.Msg
	}
	b.progress.clear()
	fmt.Fprintf(b.f.IO.ErrOut, "%s:%d: %s\n", b.src.name, line, oneLine(msg))
}

// inputError places a fatal input error in the file.
func (b *batchRun) inputError(err error) error {
	var e *batch.Error
	if errors.As(err, &e) {
		return fmt.Errorf("%s:%d: %s", b.src.name, e.Line, e.Msg)
	}
	return fmt.Errorf("cannot read %s: %v", b.src.name, err)
}

// replier resolves, renders and encodes rows. Each goroutine that
// renders has its own.
type replier struct {
	resolver batch.Resolver
	records  deliver.RecordEncoder
	format   string
	eml      deliver.EMLOptions
	buf      []byte
}

func (b *batchRun) newReplier() *replier {
	return &replier{resolver: b.resolver.Clone(), format: b.format, eml: b.eml}
}

// reply resolves, renders and encodes one row. The first pass only
// validates rows for jsonl and text output, whose encoding cannot fail:
// validation makes every check that rendering makes. The bytes are valid
// until the next call.
func (rp *replier) reply(row *batch.Row, checking bool) (*catalog.Template, []byte, error) {
	if checking && (rp.format == "jsonl" || rp.format == "text") {
		t, err := rp.resolver.Validate(row)
		return t, nil, err
	}
	p, err := rp.resolver.Prepare(row)
	if err != nil {
		return nil, nil, err
	}
	rp.buf = rp.buf[:0]
	switch rp.format {
	case "jsonl":
		rp.buf = rp.records.Append(rp.buf, row.Line, row.Email, p)
	case "text":
		rp.buf = p.AppendBody(rp.buf)
	case "eml", "mbox":
		var eml []byte
		msg := &deliver.Message{Reply: p.Reply(), To: row.Email}
		if eml, err = deliver.EML(msg, rp.eml); err != nil {
			break
		}
		if rp.format == "mbox" {
			rp.buf = deliver.AppendMbox(rp.buf, eml)
		} else {
			rp.buf = append(rp.buf, eml...)
		}
	}
	return p.Template, rp.buf, err
}

// write is the second pass: every good row, to the output.
func (b *batchRun) write() error {
	if b.dir != nil {
		return b.readRows(false, nil)
	}
	out := bufio.NewWriterSize(b.f.IO.Out, 64<<10)
	err := b.readRowsParallel(false, nil, out)
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	return err
}

// refusal explains why nothing was written.
func (b *batchRun) refusal(checked, bad int) error {
	switch {
	case b.existing == bad && bad == checked:
		return fmt.Errorf("%s already in %s; nothing was written (use --force to replace %s, or choose another --out-dir)",
			plural(bad, "file is", "files are"), b.o.outDir, pick(bad, "it", "them"))
	case b.existing == bad:
		return fmt.Errorf("%s already in %s; nothing was written (use --force to replace %s, --keep-going to write only the other %d, or choose another --out-dir)",
			plural(bad, "file is", "files are"), b.o.outDir, pick(bad, "it", "them"), checked-bad)
	case bad == checked:
		return fmt.Errorf("%s; nothing was written", pick(bad, "the only row has a problem", fmt.Sprintf("all %d rows have problems", bad)))
	}
	return fmt.Errorf("%s; nothing was written (fix %s, or use --keep-going to write the other %d)",
		problemCount(bad, checked), pick(bad, "it", "them"), checked-bad)
}

// summary prints what a dry run found.
func (b *batchRun) summary(t *batch.Tally) {
	w := b.f.IO.Out
	fmt.Fprintf(w, "%s: %s, %s ready", b.src.name, plural(b.rows, "row", "rows"), plural(t.Replies, "reply", "replies"))
	if b.dir != nil {
		fmt.Fprintf(w, " for %s", b.o.outDir)
	}
	if b.bad > 0 {
		fmt.Fprintf(w, ", %s", plural(b.bad, "row with a problem", "rows with problems"))
	}
	fmt.Fprintln(w, "; nothing was written (dry run)")
	for _, line := range []struct {
		what   string
		counts []batch.Count
	}{{"kind", t.Kinds()}, {"relationship", t.Relationships()}, {"tone", t.Tones()}} {
		if len(line.counts) == 0 {
			continue
		}
		parts := make([]string, len(line.counts))
		for i, c := range line.counts {
			parts[i] = fmt.Sprintf("%s %d", c.ID, c.N)
		}
		fmt.Fprintf(w, "  %-13s %s\n", line.what, strings.Join(parts, ", "))
	}
}

func problemCount(bad, rows int) string {
	return fmt.Sprintf("%d of %d rows %s", bad, rows, pick(bad, "has a problem", "have problems"))
}

func pick[T any](n int, one, many T) T {
	if n == 1 {
		return one
	}
	return many
}

func plural(n int, one, many string) string {
	return fmt.Sprintf("%d %s", n, pick(n, one, many))
}

// batchSource is the input of a run, which can be read twice: a file, or
// standard input saved to a temporary file.
type batchSource struct {
	name    string // for messages
	path    string
	info    os.FileInfo // at the first open, to notice a change
	cleanup func()
}

func openBatchSource(f *Factory, input string) (*batchSource, error) {
	if input == "" || input == "-" {
		if input == "" && f.IO.IsStdinTTY() {
			return nil, usageErrorf("batch needs requests to read: give a file (decline batch requests.csv), or - and pipe them in")
		}
		return spool(f, f.IO.In, "stdin")
	}
	info, err := os.Stat(input)
	switch {
	case err != nil:
		return nil, fmt.Errorf("cannot read %s: %v", input, unwrapPath(err))
	case info.IsDir():
		return nil, fmt.Errorf("cannot read %s: it is a directory", input)
	case !info.Mode().IsRegular():
		// A pipe, such as <(command), can be read only once.
		in, err := os.Open(input)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %v", input, unwrapPath(err))
		}
		defer in.Close()
		return spool(f, in, input)
	}
	return &batchSource{name: input, path: input}, nil
}

// spool saves an input that can be read only once to a temporary file,
// removed when the run ends or is interrupted.
func spool(f *Factory, in io.Reader, name string) (*batchSource, error) {
	// The clean-up is registered before the file exists, so that no
	// Ctrl-C can come between the two and leave the file behind.
	var spooled atomic.Pointer[string]
	remove := func() {
		if p := spooled.Load(); p != nil {
			os.Remove(*p)
		}
	}
	unregister := f.OnInterrupt(remove)
	tmp, err := os.CreateTemp("", "decline-batch-*.in")
	if err != nil {
		unregister()
		return nil, fmt.Errorf("cannot save %s for reading twice: %v", name, err)
	}
	path := tmp.Name()
	spooled.Store(&path)
	s := &batchSource{name: name, path: path, cleanup: func() { unregister(); remove() }}
	_, err = io.Copy(tmp, in)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		s.close()
		return nil, fmt.Errorf("cannot save %s for reading twice: %v", name, err)
	}
	return s, nil
}

// open opens the input for a pass. A file that changed since the first
// pass is an error, before anything is written.
func (s *batchSource) open() (*os.File, error) {
	in, err := os.Open(s.path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", s.name, unwrapPath(err))
	}
	info, err := in.Stat()
	if err != nil {
		in.Close()
		return nil, fmt.Errorf("cannot read %s: %v", s.name, unwrapPath(err))
	}
	if s.info == nil {
		s.info = info
	} else if info.Size() != s.info.Size() || !info.ModTime().Equal(s.info.ModTime()) {
		in.Close()
		return nil, fmt.Errorf("%s changed while it was being checked; nothing was written, run again", s.name)
	}
	return in, nil
}

func (s *batchSource) close() {
	if s.cleanup != nil {
		s.cleanup()
	}
}
