package cli

import (
	"errors"
	"fmt"
	"iter"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/answer"
	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/dialog"
	"github.com/decline-cli/decline/internal/inbound"
	"github.com/decline-cli/decline/internal/prompt"
	"github.com/decline-cli/decline/internal/reply"
)

type replyOptions struct {
	*globalOptions
	replyFlags

	input                 string
	name, firstName, note string
	format                string
	copy                  copyFlag
	quote                 bool
	maildir, outDir       string
	force, keepGoing      bool
	dryRun                bool
	noInput, accessible   bool
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
		Use:   "reply [FILE|-]",
		Short: "Answer a request email in its own thread",
		Long: `Answer a request that arrived by email. decline reads the message (standard
input, a file, an mbox or a Maildir folder), finds who asked and what for,
and writes the reply as an email in the request's thread: To the requester,
From your address (address in config.yaml, or --from-address), with a
Re: subject, In-Reply-To and References.

What the message asks for, and the values it states (a skill, a role), are
read from its subject and text; -k, --set, -r and -t decide instead. When
decline is unsure it asks on a terminal; without one it stops (exit 2) and
says which flag decides. --format json shows what was read and why.

How you know them (-r, --relationship) is never guessed: it is asked, or
given with -r.

A notification from a network (LinkedIn and other no-reply senders) takes
no email: the reply is printed as text to paste into the site, or copied
with --copy.

Given an mbox or a Maildir folder, every message is answered, as batch
answers rows: all are checked before anything is written; write them with
--format mbox, --out-dir DIR or --maildir DIR.`,
		Example: `  decline reply -r former-colleague < request.eml
  decline reply request.eml -r no-business --quote --maildir ~/Mail/Drafts
  decline reply request.eml -r stranger --format json
  decline reply requests.mbox -r no-business --format mbox > replies.mbox`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.input = args[0]
			}
			return runF(o)
		},
	}
	fl := cmd.Flags()
	registerPersonFlags(fl, &o.name, &o.firstName, &o.note, " (default: read from the message)")
	o.replyFlags.register(fl)
	fl.StringVarP(&o.format, "format", "f", "", "output format: "+strings.Join(replyFormats, ", ")+" (default eml)")
	registerCopyFlag(fl, &o.copy)
	fl.BoolVar(&o.quote, "quote", false, "quote the original below the reply, after an attribution line")
	fl.StringVar(&o.maildir, "maildir", "", "save the reply as a draft in the Maildir `DIR` (such as ~/Mail/Drafts)")
	fl.StringVar(&o.outDir, "out-dir", "", "for many messages, write one file per reply into `DIR`")
	registerRunFlags(fl, &o.force, &o.keepGoing, &o.dryRun, "messages")
	registerAskFlags(fl, &o.noInput, &o.accessible)
	registerCompletions(cmd, f, g, replyFormats)
	_ = cmd.MarkFlagDirname("maildir")
	_ = cmd.MarkFlagDirname("out-dir")
	return cmd
}

// replyRun is what every message of a run shares.
type replyRun struct {
	f         *Factory
	o         *replyOptions
	d         *reply.Defaults
	cat       *catalog.Catalog
	named     *catalog.Template
	rules     *inbound.Rules
	canPrompt bool
	copyMode  string
	p         prompt.Prompter
}

func runReply(f *Factory, o *replyOptions) error {
	cfg, err := f.LoadConfig(o.configPath)
	if err != nil {
		return err
	}
	d, err := o.replyFlags.layer(cfg)
	if err != nil {
		return err
	}
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
	copyMode, err := o.copy.mode(clipboard)
	if err != nil {
		return err
	}
	if o.maildir != "" && o.outDir != "" {
		return usageErrorf("--maildir and --out-dir both say where replies go: give one")
	}
	if (o.input == "" || o.input == "-") && f.IO.IsStdinTTY() {
		return usageErrorf("reply needs the request email: pipe it in (decline reply < request.eml), or give its file")
	}
	var msgs []*inbound.Message
	var bad []error
	for m, err := range readMessages(f, o.input) {
		if err != nil {
			bad = append(bad, err)
			continue
		}
		msgs = append(msgs, m)
	}
	rules, err := inbound.English()
	if err != nil {
		return err
	}
	cat, err := f.LoadCatalog(o.templateDirs)
	if err != nil {
		return err
	}
	r := &replyRun{f: f, o: o, d: d, cat: cat, rules: rules, copyMode: copyMode}
	if r.named, err = d.Named(cat, len(msgs)+len(bad) == 1); err != nil {
		return flagError(err)
	}
	if r.named == nil {
		if err := d.CheckRelationship(cat, true); err != nil {
			return usageErrorf("%w", err)
		}
	}
	if len(msgs)+len(bad) == 1 {
		if len(bad) == 1 {
			return messageError(bad[0])
		}
		r.canPrompt = f.IO.CanPrompt() && !o.noInput
		return r.one(msgs[0])
	}
	return r.many(msgs, bad)
}

// readMessages gives the messages of the input: standard input, a file,
// an mbox or a Maildir.
func readMessages(f *Factory, input string) iter.Seq2[*inbound.Message, error] {
	if input == "" || input == "-" {
		return inbound.ReadStream(f.IO.In, "-")
	}
	return inbound.Read(input)
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

// one answers one message, asking on a terminal for what it lacks.
func (r *replyRun) one(m *inbound.Message) error {
	a := answer.Read(r.rules, m)
	msg, err := r.resolve(a)
	if err != nil {
		return err
	}
	f, o := r.f, r.o
	format := reply.FirstNonEmpty(o.format, "eml")
	if a.Request.Notification {
		fmt.Fprintf(f.IO.ErrOut, "decline: note: this is a notification from a no-reply address (%s): paste the reply into the site; no email was written\n", a.Request.NotificationWhy)
		if format != "json" {
			format = "text"
		}
		if o.maildir != "" {
			o.maildir = ""
		}
	}
	if format == "json" {
		data, err := a.JSON(msg)
		if err != nil {
			return err
		}
		_, err = f.IO.Out.Write(data)
		return err
	}
	if o.maildir != "" {
		data, err := deliver.EML(msg, msg.Headers)
		if err != nil {
			return err
		}
		path, err := deliver.SaveDraft(o.maildir, data)
		if err != nil {
			return err
		}
		fmt.Fprintf(f.IO.ErrOut, "Saved the reply to %s as a draft: %s\n", msg.To, path)
		return nil
	}
	if format == "mbox" {
		// One reply as a mailbox of one, to append to a drafts mbox.
		data, err := deliver.EML(msg, msg.Headers)
		if err != nil {
			return err
		}
		_, err = f.IO.Out.Write(deliver.AppendMbox(nil, deliver.MboxFrom(msg.Headers.From, time.Time{}), data))
		return err
	}
	return f.Emit(msg, format, r.copyMode)
}

func (r *replyRun) ask() prompt.Prompter {
	if r.p == nil {
		r.p = r.f.NewPrompter(r.o.accessible || truthy(r.f.Env("DECLINE_ACCESSIBLE")))
	}
	return r.p
}

// resolve decides the name, kind, relationship and values of the reply
// to a, asking for what it lacks when it can, and renders it.
func (r *replyRun) resolve(a *answer.Answer) (*deliver.Message, error) {
	o, d := r.o, r.d
	one := &reply.One{Name: reply.FirstNonEmpty(o.name, a.Name()), FirstName: o.firstName, Note: o.note}
	var err error
	if strings.TrimSpace(one.Name) == "" {
		if !r.canPrompt {
			return nil, usageErrorf("the message gives no name for the requester: give it with --name")
		}
		if one.Name, err = r.ask().Input(reply.NameQuestion, "", dialog.ValidName); err != nil {
			return nil, err
		}
	}
	first := reply.FirstName(one.Name, one.FirstName)
	t := r.named
	if t == nil && !d.KindGiven() {
		kind, err := a.SureKind()
		if err != nil {
			if !r.canPrompt {
				return nil, usageErrorf("%v: give it with -k/--kind", err)
			}
			if kind, err = dialog.Choice(r.ask(), reply.KindQuestion(first), dialog.KindChoices(r.cat, d.Relationship), reply.FirstNonEmpty(a.Request.Kind, d.Kind)); err != nil {
				return nil, err
			}
		}
		one.Kind = kind
	}
	if t == nil && d.Relationship == "" {
		if !r.canPrompt {
			return nil, usageErrorf("how you know %s is never guessed: give it with -r/--relationship (one of: %s)", first, strings.Join(r.cat.RelationshipsFor(reply.Lang, reply.FirstNonEmpty(one.Kind, d.Kind)), ", "))
		}
		rels := dialog.RelationshipChoices(r.cat, reply.FirstNonEmpty(one.Kind, d.Kind))
		if one.Relationship, err = dialog.Choice(r.ask(), reply.RelationshipQuestion(first), rels, ""); err != nil {
			return nil, err
		}
	}
	if t, err = d.Choose(r.cat, t, one); err != nil {
		return nil, usageErrorf("%w", err)
	}
	values, guesses := a.Values(t, d.Values)
	one.Values = values
	for _, v := range t.Requires {
		if strings.TrimSpace(values[v]) != "" {
			continue
		}
		if !r.canPrompt {
			return nil, flagError(&compose.MissingError{Template: t.ID, Names: []string{v}})
		}
		if values[v], err = r.ask().Input(reply.ValueQuestion(r.cat.Locale(t.Lang), v, first), guesses[v], dialog.ValidValue); err != nil {
			return nil, err
		}
	}
	req, err := d.Request(r.cat, t, one)
	if err != nil {
		return nil, flagError(err)
	}
	rendered, err := compose.Render(t, req)
	if err != nil {
		return nil, composeError(err)
	}
	return a.Reply(rendered, d.Address, o.quote)
}
