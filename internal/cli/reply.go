package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/helptext"

	"github.com/decline-cli/decline/internal/answer"
	"github.com/decline-cli/decline/internal/cmdutil"
	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/inbound"
	"github.com/decline-cli/decline/internal/reply"
	"github.com/decline-cli/decline/internal/safetext"
)

type replyOptions struct {
	*globalOptions
	replyFlags

	input                 string
	name, firstName, note string
	format                string
	copy                  cmdutil.CopyFlag
	quote                 bool
	maildir, outDir       string
	to                    string
	force, keepGoing      bool
	dryRun                bool
	noInput, accessible   bool
	mail                  mailFlags
	cfg                   *config.Config
}

// replyFormats are draft's formats, eml first, and mbox for many
// messages.
var replyFormats = deliver.Names(func(f *deliver.OutputFormat) bool { return f.One != nil || f.Name == "mbox" }, "eml")

// NewCmdReply builds 'decline reply'; runF replaces what it runs, for
// tests.
func NewCmdReply(f *Factory, g *globalOptions, runF func(*replyOptions) error) *cobra.Command {
	o := &replyOptions{globalOptions: g}
	if runF == nil {
		runF = func(o *replyOptions) error { return runReply(f, o) }
	}
	cmd := &cobra.Command{
		Use:     "reply [FILE|-]",
		Short:   "Answer a request email in its own thread",
		Long:    helptext.Reply.Long,
		Example: helptext.Reply.Example,
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.input = args[0]
			}
			return runF(o)
		},
	}
	fl := cmd.Flags()
	cmdutil.RegisterPersonFlags(fl, &o.name, &o.firstName, &o.note, " (default: read from the message)")
	o.replyFlags.register(fl)
	fl.StringVarP(&o.format, "format", "f", "", "output format: "+strings.Join(replyFormats, ", ")+" (default eml)")
	cmdutil.RegisterCopyFlag(fl, &o.copy)
	fl.BoolVar(&o.quote, "quote", false, "quote the original below the reply, after an attribution line")
	fl.StringVar(&o.maildir, "maildir", "", "save the reply as a draft in the Maildir `DIR` (such as ~/Mail/Drafts)")
	fl.StringVar(&o.to, "to", "", "reply to this `ADDRESS`, not the one read from the message (a list's, or one of several senders)")
	fl.StringVar(&o.outDir, "out-dir", "", "for many messages, write one file per reply into `DIR`")
	cmdutil.RegisterRunFlags(fl, &o.force, &o.keepGoing, &o.dryRun, "messages")
	cmdutil.RegisterAskFlags(fl, &o.noInput, &o.accessible)
	o.mail.register(fl, true)
	registerCompletions(cmd, f, g, replyFormats)
	_ = cmd.MarkFlagDirname("maildir")
	_ = cmd.MarkFlagDirname("out-dir")
	return cmd
}

func runReply(f *Factory, o *replyOptions) error {
	cfg, err := f.LoadConfig(o.configPath)
	if err != nil {
		return err
	}
	d, err := o.replyFlags.layer(cfg, f.Env)
	if err != nil {
		return err
	}
	o.cfg = cfg
	if _, err := reply.Setting("format", o.format, "", "", "eml", replyFormats); err != nil {
		return flagError(err)
	}
	if err := checkNames(o.name, o.firstName); err != nil {
		return err
	}
	if err := noteError(o.note); err != nil {
		return err
	}
	clipboard, err := reply.Setting("clipboard", "", cfg.Clipboard, cfg.Path, deliver.ClipboardAuto, deliver.ClipboardModes)
	if err != nil {
		return err
	}
	copyMode, err := o.copy.Mode(clipboard)
	if err != nil {
		return err
	}
	if err := o.checkOutputs(); err != nil {
		return err
	}
	stdin := o.input == "" || o.input == "-"
	if stdin && f.IO.IsStdinTTY() {
		return usageErrorf("reply needs the request email: pipe it in (decline reply < request.eml), or give its file")
	}
	in, err := inbound.Open(o.input, f.IO.In, func(err error) { fmt.Fprintln(f.IO.ErrOut, "decline: warning: "+err.Error()) })
	if err != nil {
		return err
	}
	defer in.Close()
	cat, err := f.LoadCatalog(o.templateDirs)
	if err != nil {
		return err
	}
	if err := setLang(d, cat); err != nil {
		return err
	}
	if o.to != "" {
		if err := deliver.CheckAddress(o.to); err != nil {
			return usageErrorf("--to %s: %v", safetext.Quote(o.to), err)
		}
	}
	res, err := answer.New(cat, d, !in.Many())
	if err != nil {
		return answerError(err)
	}
	res.Name, res.FirstName, res.Note, res.Quote, res.To = o.name, o.firstName, o.note, o.quote, o.to
	if in.Many() && o.to != "" {
		return usageErrorf("--to gives the address of one reply; the input holds more than one message")
	}
	if in.Many() || o.dryRun {
		// --dry-run checks one message as it checks many: a summary,
		// and nothing sent, saved, written or asked.
		return replyMany(f, o, res, in)
	}
	m, err := in.One()
	if err != nil {
		return messageError(err)
	}
	return replyOne(f, o, res, m, stdin, clipboard, copyMode)
}

// checkOutputs refuses two flags that each say where the reply goes:
// only one of them would happen.
func (o *replyOptions) checkOutputs() error {
	var given []string
	for _, g := range []struct {
		on   bool
		flag string
	}{
		{o.mail.send, "--send"}, {o.mail.saveDraft, "--save-draft"},
		{o.maildir != "", "--maildir"}, {o.outDir != "", "--out-dir"},
		{o.copy.Given, "--copy"},
	} {
		if g.on {
			given = append(given, g.flag)
		}
	}
	if len(given) > 1 {
		return usageErrorf("%s and %s both say where the reply goes: give one", strings.Join(given[:len(given)-1], ", "), given[len(given)-1])
	}
	if o.format == "json" && len(given) == 1 && given[0] != "--copy" && given[0] != "--out-dir" {
		return usageErrorf("--format json shows what was read and writes no email: leave out %s, or the format", given[0])
	}
	return nil
}

// messageError words an error about a message: one whose headers a reply
// cannot use is bad input (exit 2).
func messageError(err error) error {
	var he *inbound.HeaderError
	if errors.As(err, &he) {
		return &UsageError{Msg: err.Error(), Err: err}
	}
	return err
}

// decidedBy are the flags that settle the resolver's errors.
var decidedBy = map[reply.Field]string{
	reply.FieldName: "--name", reply.FieldKind: "-k/--kind", reply.FieldRelationship: "-r/--relationship", reply.FieldTo: "--to",
}

// answerError words what a message's reply lacks as the flag that gives
// it.
func answerError(err error) error {
	var (
		decider answer.Decider
		noRel   *answer.NoRelationshipError
		given   *answer.GivenError
		third   *answer.ThirdPartyError
		note    *answer.NotificationError
	)
	switch {
	case errors.As(err, &third):
		return usageErrorf("%v: say who the reply is for with --name (and --template or -k when it is not the usual reply)", err)
	case errors.As(err, &noRel):
		return usageErrorf("%v: give it with -r/--relationship (one of: %s)", err, strings.Join(noRel.Relationships, ", "))
	case errors.As(err, &decider):
		return usageErrorf("%v: give it with %s", err, decidedBy[decider.Decides()])
	case errors.As(err, &given):
		return flagError(given.Err)
	case errors.As(err, &note):
		return errors.New("a notification from a no-reply address takes no email: answer it on the site (decline reply on that message alone prints the text)")
	}
	return composeError(err)
}
