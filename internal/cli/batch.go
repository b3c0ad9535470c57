package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/helptext"

	"github.com/decline-cli/decline/internal/batch"
	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/iostreams"
	"github.com/decline-cli/decline/internal/reply"
	"github.com/decline-cli/decline/internal/safetext"
	"github.com/decline-cli/decline/internal/send"
)

// batchFormats are the output formats of batch, in the order help shows
// them.
var batchFormats = deliver.Names(deliver.ForBatch, deliver.DefaultBatch)

type batchOptions struct {
	*globalOptions
	replyFlags
	sheetFlags

	input       string // a path, "-", or "" for standard input
	inputFormat string
	format      string
	outDir      string
	output      string
	force       bool
	keepGoing   bool
	dryRun      bool
	spoolLimit  string
	mail        mailFlags
	cfg         *config.Config
}

func newBatchCmd(f *Factory, g *globalOptions, runF func(*batchOptions) error) *cobra.Command {
	o := &batchOptions{globalOptions: g}
	if runF == nil {
		runF = func(o *batchOptions) error { return runBatch(f, o) }
	}
	cmd := &cobra.Command{
		Use:     "batch [FILE|-]",
		Short:   "Draft replies for many requesters, from a spreadsheet",
		Long:    helptext.Batch.Long,
		Example: helptext.Batch.Example,
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
			o.skipSet = cmd.Flags().Changed("skip")
			return runF(o)
		},
	}
	fl := cmd.Flags()
	o.replyFlags.register(fl)
	o.sheetFlags.register(fl)
	fl.StringVar(&o.inputFormat, "input-format", "", "read the input as "+strings.Join(batch.Formats, ", ")+" (default: from the file's extension; csv for standard input)")
	fl.StringVarP(&o.format, "format", "f", "", "output format: "+strings.Join(batchFormats, ", ")+" (default jsonl, or text with --out-dir)")
	fl.StringVar(&o.outDir, "out-dir", "", "write one file per reply into `DIR` (created if needed)")
	fl.StringVarP(&o.output, "output", "o", "", "write the replies to `FILE` instead of standard output; it is replaced only once all are written")
	registerRunFlags(fl, &o.force, &o.keepGoing, &o.dryRun, "rows")
	fl.StringVar(&o.spoolLimit, "spool-limit", "1GiB", "save at most `SIZE` of standard input or a pipe for the second pass (such as 500MiB or 4GiB; 0 for no limit)")
	o.mail.register(fl, true)
	registerCompletions(cmd, f, g, batchFormats)
	_ = cmd.RegisterFlagCompletionFunc("input-format", cobra.FixedCompletions(batch.Formats, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.MarkFlagDirname("out-dir")
	return cmd
}

func runBatch(f *Factory, o *batchOptions) error {
	// A batch writes temporary and output files: handle signals from the
	// start, so that none comes before a clean-up is registered.
	f.NeedSignals()
	run := &batch.Run{Out: f.IO.Out, EML: deliver.EMLOptions{Date: time.Now()}}
	if err := setUpBatch(f, o, run); err != nil {
		return err
	}
	if o.outDir == "" && o.output == "" && !o.mail.on() && f.IO.OutClosed() {
		return iostreams.ErrStdoutClosed
	}
	if o.input == "" && f.IO.IsStdinTTY() {
		return usageErrorf("batch needs requests to read: give a file (decline batch requests.csv), or - and pipe them in")
	}
	limit, err := batch.ParseSize(o.spoolLimit)
	if err != nil {
		return usageErrorf("--spool-limit %s: %v", safetext.Quote(o.spoolLimit), err)
	}
	closeAll, err := run.Open(o.input, f.IO.In, batch.SourceOptions{OnePass: o.dryRun, SpoolLimit: limit, OnInterrupt: f.OnInterrupt}, o.output, o.outDir, o.force)
	if errors.As(err, new(*batch.SameFileError)) {
		return usageErrorf("--output %v", err)
	} else if err != nil {
		return err
	}
	defer closeAll()
	src := run.Source
	rep := &batchReporter{w: f.IO.ErrOut, progress: iostreams.NewProgress(f.IO.ErrOut, showProgress(f, o)), said: f.SaidStop}
	run.Reporter = rep
	defer f.OnInterrupt(rep.progress.Clear)()
	defer rep.progress.Clear()

	var table *iostreams.Table
	if o.dryRun {
		table = dryRunTable(f, run)
	}
	tally := batch.Tally{Catalog: run.Rows.Catalog}
	checked, err := run.Check(&tally)
	err = sheetError(err)
	if ce := (*batch.ColumnError)(nil); errors.As(err, &ce) {
		return unreadColumn(ce)
	}
	var input *batch.InputError
	if errors.As(err, &input) && input.Err.Looks != "" {
		e := input.Err
		return fmt.Errorf("%s:%d: %s (%s: add --input-format %s)", input.Source, e.Line, e.Msg, e.LooksLike(), e.Looks)
	}
	if limit := (*batch.SpoolLimitError)(nil); errors.As(err, &limit) {
		return fmt.Errorf("%v; nothing was written (give a file, or raise --spool-limit)", limit)
	}
	if err != nil {
		return err
	}
	rep.progress.Clear()
	batchNotes(f, o, run)
	if o.dryRun {
		return endDryRun(f, run, o, table, &tally, checked)
	}
	if err := reportColumns(f.IO.ErrOut, run, o.keep); err != nil {
		return err
	}
	if checked.Rows == 0 {
		return fmt.Errorf("%s has a header but no rows; nothing was written", src.Name)
	}
	if checked.Bad > 0 && !o.keepGoing {
		return refusal(o.outDir, checked)
	}
	if checked.Bad == checked.Rows {
		// --keep-going with no good row: nothing to write, so -o's file,
		// the directory and the mail are left as they are.
		return batchResult(f, o.outDir, checked)
	}
	if o.mail.on() {
		return mailBatch(f, o.cfg, &o.mail, o.keepGoing, run.EML.From, src.Name, func(out *send.FrameWriter) error {
			run.Out = out
			_, err := run.WriteAll("", nil)
			if we := (*batch.WriteError)(nil); errors.As(err, &we) {
				return we.Err
			}
			if err != nil {
				return err
			}
			return batchResult(f, "", checked)
		})
	}
	if _, err := run.WriteAll(o.output, f.OnInterrupt); errors.As(err, new(*batch.OutputDirError)) {
		return fmt.Errorf("%v (use --out-dir for one file per reply)", err)
	} else if err != nil {
		return err
	}
	return batchResult(f, o.outDir, checked)
}

// batchNotes says once what may not be what was meant: rows that repeat
// an address, and, on a terminal, replies signed with no name.
func batchNotes(f *Factory, o *batchOptions, run *batch.Run) {
	if w := run.Duplicates(); w != nil {
		fmt.Fprintf(f.IO.ErrOut, "decline: warning: %v\n", w)
	}
	// A tip for the person at the terminal, as draft gives one; a
	// script's standard error is left to what went wrong.
	if run.Rows.Defaults.Sender == "" && !o.fromSet && !o.mail.on() && f.IO.IsStderrTTY() {
		path, _, _ := config.Path(o.configPath, f.Env)
		fmt.Fprintf(f.IO.ErrOut, "decline: note: the replies are signed with no name: use --from NAME, or add 'sender: Your Name' to %s\n", path)
	}
}

// setUpBatch checks the flags, and loads the settings and the catalog
// into the run.
func setUpBatch(f *Factory, o *batchOptions, run *batch.Run) error {
	cfg, err := f.LoadConfig(o.configPath)
	if err != nil {
		return err
	}
	d, err := o.replyFlags.layer(cfg, f.Env)
	if err != nil {
		return err
	}
	run.EML.From = d.Address
	o.cfg = cfg
	def := deliver.DefaultBatch
	if o.outDir != "" {
		def = "text"
	}
	if o.format == "" {
		def = configuredFormat(f, cfg, o.outDir, def)
	}
	name, err := reply.Setting("format", o.format, "", "", def, batchFormats)
	if err != nil {
		return flagError(err)
	}
	run.Format, _ = deliver.Lookup(name)
	switch {
	case !run.Format.Stream && o.outDir == "":
		return usageErrorf("--format %s makes one message per reply: add --out-dir DIR, or use --format mbox for one mailbox", name)
	case run.Format.Ext == "" && o.outDir != "":
		return usageErrorf("--format %s makes one mailbox, not one file per reply: drop --out-dir and redirect standard output, or use --format eml", name)
	case o.force && o.outDir == "":
		return usageErrorf("--force only applies to --out-dir")
	case o.mail.on() && (o.outDir != "" || o.format != ""):
		return usageErrorf("--send and --save-draft make email of every reply: drop --out-dir and --format")
	case o.output != "" && o.outDir != "":
		return usageErrorf("--output writes one file and --out-dir one file per reply: give one of them")
	case len(o.keep) > 0 && name != "jsonl":
		return usageErrorf("--keep carries columns into JSON Lines records: drop it, or use --format jsonl")
	}
	if _, err := o.mail.flags(); err != nil {
		return err
	}
	if o.mail.on() {
		run.Format = send.Frames()
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
	if run.Input, err = inputFormat(o); err != nil {
		return err
	}
	if run.Read, err = o.sheetFlags.options(run.Input); err != nil {
		return err
	}
	if err := batch.CheckKeep(o.keep); err != nil {
		return usageErrorf("--keep: %v", err)
	}
	run.Keep = o.keep
	if err := safetext.CheckPath("output file", o.output); err != nil {
		return err
	}
	cat, err := f.LoadCatalog(o.templateDirs)
	if err != nil {
		return err
	}
	if err := setLang(d, cat); err != nil {
		return err
	}
	if _, err := d.Named(cat, false); err != nil {
		return flagError(err)
	}
	if err := d.CheckRelationship(cat, false); err != nil {
		return flagError(err)
	}
	run.Rows = reply.Rows{Catalog: cat, Defaults: d}
	return nil
}

// configuredFormat is config.yaml's format when batch can write it
// where it writes (eml needs --out-dir, one file per reply), else def;
// a format it cannot use is said once on standard error, not dropped
// silently.
func configuredFormat(f *Factory, cfg *config.Config, outDir, def string) string {
	name := cfg.Format
	if name == "" {
		return def
	}
	why := "batch has no such format"
	if ft, ok := deliver.Lookup(name); ok && slices.Contains(batchFormats, name) {
		switch {
		case outDir != "" && ft.Ext != "", outDir == "" && ft.Stream:
			return name
		case outDir == "":
			why = "it makes one file per reply, which batch writes only with --out-dir"
		default:
			why = "it is one stream, not one file per reply"
		}
	}
	fmt.Fprintf(f.IO.ErrOut, "decline: note: %s sets format %s, which batch does not use here (%s); writing %s\n", cfg.Path, name, why, def)
	return def
}

// inputFormat is --input-format, or the format the file's name tells.
func inputFormat(o *batchOptions) (batch.Format, error) {
	f, err := batch.ChooseFormat(o.inputFormat, o.input)
	if fe := (*batch.FormatError)(nil); errors.As(err, &fe) && fe.Given == "" {
		return "", usageErrorf("%v: add --input-format csv, tsv, jsonl or xlsx", err)
	}
	if err != nil {
		return "", usageErrorf("%v", err)
	}
	return f, nil
}
