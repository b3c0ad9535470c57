package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/decline-cli/decline/internal/cmdutil"
	"github.com/decline-cli/decline/internal/helptext"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/dialog"
	"github.com/decline-cli/decline/internal/iostreams"
	"github.com/decline-cli/decline/internal/plural"
	"github.com/decline-cli/decline/internal/prompt"
	"github.com/decline-cli/decline/internal/reply"
	"github.com/decline-cli/decline/internal/safetext"
)

type draftOptions struct {
	*globalOptions
	replyFlags

	name, firstName     string
	note                string
	variant             int
	to, subject, format string
	copy                cmdutil.CopyFlag
	edit, noInput       bool
	accessible          bool
	variantSet          bool // --variant was given, even as 0
	mail                mailFlags
}

// draftFormats are the output formats of one reply, in the order help
// shows them.
var draftFormats = deliver.Names(deliver.ForOne, deliver.DefaultOne)

func newDraftCmd(f *Factory, g *globalOptions, runF func(*draftOptions) error) *cobra.Command {
	o := &draftOptions{globalOptions: g}
	if runF == nil {
		runF = func(o *draftOptions) error { return runDraft(f, o) }
	}
	cmd := &cobra.Command{
		Use:     "draft [NAME]",
		Short:   "Draft one reply (asks on a terminal)",
		Long:    strings.NewReplacer("{relationships}", helptext.ChoiceList(reply.Relationships()), "{tones}", helptext.ChoiceList(reply.Tones())).Replace(helptext.Draft.Long),
		Example: helptext.Draft.Example,
		Args:    nameArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.variantSet = cmd.Flags().Changed("variant")
			if len(args) == 1 {
				if o.name != "" && strings.TrimSpace(o.name) != strings.TrimSpace(args[0]) {
					return usageErrorf("the name is given twice, as %s and as --name %s: give one", safetext.Quote(args[0]), safetext.Quote(o.name))
				}
				o.name = args[0]
			}
			return runF(o)
		},
	}
	fl := cmd.Flags()
	cmdutil.RegisterPersonFlags(fl, &o.name, &o.firstName, &o.note, "")
	o.replyFlags.register(fl)
	fl.IntVar(&o.variant, "variant", 0, "use wording `N` of the template (default: chosen from the name)")
	fl.StringVar(&o.to, "to", "", "the requester's email `ADDRESS` (for eml, mailto and json output)")
	fl.StringVar(&o.subject, "subject", "", "the email's subject (default: the template's)")
	fl.StringVarP(&o.format, "format", "f", "", "output format: "+strings.Join(draftFormats, ", ")+" (default text)")
	cmdutil.RegisterCopyFlag(fl, &o.copy)
	fl.BoolVar(&o.edit, "edit", false, "open the draft in $VISUAL or $EDITOR before it is used")
	cmdutil.RegisterAskFlags(fl, &o.noInput, &o.accessible)
	o.mail.register(fl, false)
	registerCompletions(cmd, f, g, draftFormats)
	return cmd
}

// nameArg takes the requester's name as draft's one argument, as
// --name does.
func nameArg(cmd *cobra.Command, args []string) error {
	if len(args) <= 1 {
		return cmdutil.CopyModeArg(cmd, args)
	}
	return usageErrorf("draft takes one argument, the requester's name, got %d: put quotes around a name with spaces, as in decline draft \"Scott Lee\"", len(args))
}

func runDraft(f *Factory, o *draftOptions) error {
	cfg, err := f.LoadConfig(o.configPath)
	if err != nil {
		return err
	}
	d, err := o.replyFlags.layer(cfg, f.Env)
	if err != nil {
		return err
	}
	format, err := reply.Setting("format", o.format, cfg.Format, cfg.Path, deliver.DefaultOne, draftFormats)
	if err != nil {
		return flagError(err)
	}
	clipboard, err := reply.Setting("clipboard", "", cfg.Clipboard, cfg.Path, deliver.ClipboardAuto, deliver.ClipboardModes)
	if err != nil {
		return err
	}
	// Before any question: a --send that cannot go is said first.
	if _, err := o.mail.check(cfg); err != nil {
		return err
	}
	if err := o.mail.needsTo(o.to); err != nil {
		return err
	}
	if o.mail.on() && (o.format != "" || o.copy.Given) {
		return usageErrorf("--send and --save-draft make an email of the reply: drop --format and --copy")
	}
	copyMode, err := o.copy.Mode(clipboard)
	if err != nil {
		return err
	}
	if copyMode == "" && f.IO.OutClosed() {
		return iostreams.ErrStdoutClosed
	}
	// Checked before anything uses them: the name is part of the
	// questions asked on a terminal.
	if err := checkNames(o.name, o.firstName); err != nil {
		return err
	}
	if err := reply.CheckText(reply.FieldSubject, "", o.subject); err != nil {
		return flagError(err)
	}
	if err := noteError(o.note); err != nil {
		return err
	}
	if o.to != "" {
		if _, err := deliver.ParseAddress(o.to); err != nil {
			return usageErrorf("--to %s %v", safetext.Quote(o.to), err)
		}
	}
	if o.variant < 0 || o.variantSet && o.variant == 0 {
		return usageErrorf("--variant must be 1 or more, got %d", o.variant)
	}
	cat, err := f.LoadCatalog(o.templateDirs)
	if err != nil {
		return err
	}
	if err := setLang(d, cat); err != nil {
		return err
	}
	named, err := d.Named(cat, true)
	if err != nil {
		return flagError(err)
	}
	one := &reply.One{Name: o.name, FirstName: o.firstName, Values: d.Values, Variant: o.variant, Note: o.note}
	var p prompt.Prompter
	ask := &dialog.Asker{Catalog: cat, Prompter: func() prompt.Prompter {
		if p == nil {
			p = f.NewPrompter(f.Accessible(o.accessible))
		}
		return p
	}}
	draft := &dialog.Draft{Catalog: cat, Defaults: d, One: one, Named: named, Ask: ask,
		CanPrompt: f.IO.CanPrompt() && !o.noInput, ShownHere: f.IO.IsStdoutTTY()}
	t, req, err := draft.Choose()
	if given := (*dialog.GivenError)(nil); errors.As(err, &given) {
		switch given.Step {
		case dialog.StepSelect:
			return usageErrorf("%w", given.Err)
		case dialog.StepMissing:
			return missingFlags(given.Err, o.noInput)
		}
		return flagError(given.Err)
	} else if err != nil {
		return err
	}
	rendered, err := compose.Render(t, req)
	if err != nil {
		return composeError(err)
	}
	if o.subject != "" {
		rendered.Subject = o.subject
	}
	msg := &deliver.Message{Reply: rendered, To: o.to, Headers: deliver.EMLOptions{From: d.Address}}
	if format == "text" && !o.mail.on() && (o.to != "" || o.subject != "") {
		fmt.Fprintln(f.IO.ErrOut, "decline: note: --to and --subject are used by --format json, eml and mailto; plain text has neither")
	}
	if note := briefNote(rendered, strings.TrimSpace(req.Note) != ""); note != "" {
		fmt.Fprintln(f.IO.ErrOut, "decline: note: "+note)
	}

	if o.mail.on() {
		// The edited text is what goes out; an emptied file sends
		// nothing.
		if o.edit {
			if err := f.EditReply(msg); err != nil {
				return err
			}
		}
		return mailOne(f, cfg, &o.mail, msg, nil)
	}
	// With --copy or --edit the user said what to do with the draft:
	// the menu would ask again.
	if p != nil && f.IO.IsStdoutTTY() && !o.copy.Given && !o.edit {
		return review(f, p, t, req, msg, format, clipboard, o.configPath, func(r *dialog.Review) {
			r.Subject = o.subject
			if named == nil {
				// The catalog chose the template: the tone and the
				// relationship may change in the menu.
				r.Catalog, r.Asker, r.Rebuild = cat, ask, func(rel, tone string) (*catalog.Template, *compose.Request, error) {
					return d.Rechoose(cat, t.Kind, one, rel, tone)
				}
			}
		})
	}
	if o.edit {
		if err := f.EditReply(msg); err != nil {
			return err
		}
	}
	return f.Emit(msg, format, copyMode)
}

// noteError words a bad --note as a usage error naming the flag.
func noteError(note string) error {
	var fe *compose.FieldError
	if err := compose.CheckNote(note); errors.As(err, &fe) {
		fe.Field = "--note"
		return &UsageError{Msg: fe.Error(), Err: err}
	}
	return nil
}

func composeError(err error) error {
	var fe *compose.FieldError
	var ve *compose.VariantError
	var me *compose.MissingError
	if errors.As(err, &fe) || errors.As(err, &ve) || errors.As(err, &me) {
		return &UsageError{Msg: err.Error(), Err: err}
	}
	return err
}

// missingFlags names every flag that must be given when nothing can be
// asked.
func missingFlags(err error, noInput bool) error {
	var m *reply.MissingError
	if !errors.As(err, &m) {
		return err
	}
	msg := "missing " + flagsOf(m.Fields)
	if m.Needs(reply.FieldRelationship) {
		msg += fmt.Sprintf(" (relationship for %s is one of: %s)", m.Kind, strings.Join(m.Relationships, ", "))
	}
	why := "there is no terminal to ask on"
	if noInput {
		why = "--no-input says not to ask"
	}
	return usageErrorf("%s; %s, so give %s as %s", msg, why, plural.Pick(len(m.Fields), "it", "them"), plural.Pick(len(m.Fields), "a flag", "flags"))
}

// briefNote warns when a brief reply will not fit a LinkedIn note, as
// long names and values, or a personal line (withNote), can make it.
func briefNote(r *compose.Reply, withNote bool) string {
	if r.Template.Tone != "brief" {
		return ""
	}
	if err := compose.CheckBrief(r.Body); err != nil {
		what := "a name or value"
		if withNote {
			what = "--note, a name or a value"
		}
		return fmt.Sprintf("%v; shorten %s, or use --tone warm", err, what)
	}
	return ""
}
