package cli

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"time"

	"github.com/decline-cli/decline/internal/answer"
	"github.com/decline-cli/decline/internal/batch"
	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/dialog"
	"github.com/decline-cli/decline/internal/inbound"
	"github.com/decline-cli/decline/internal/plural"
	"github.com/decline-cli/decline/internal/prompt"
	"github.com/decline-cli/decline/internal/reply"
	"github.com/decline-cli/decline/internal/send"
)

// replyOne answers one message, asking for what it lacks on a terminal:
// standard input's, or when the message came on standard input, the
// controlling terminal's.
func replyOne(f *Factory, o *replyOptions, res *answer.Resolver, m *inbound.Message, stdin bool, clipboard, copyMode string) error {
	var p prompt.Prompter
	if !o.noInput && (f.IO.CanPrompt() || stdin) {
		accessible := f.Accessible(o.accessible)
		if f.IO.CanPrompt() {
			p = f.NewPrompter(accessible)
		} else {
			p = f.TerminalPrompter(accessible)
		}
		if p != nil {
			res.Ask = &dialog.Asker{Catalog: res.Catalog, Prompter: func() prompt.Prompter { return p }}
		}
	}
	r, err := res.Resolve(m)
	format := reply.FirstNonEmpty(o.format, "eml")
	if err != nil && format == "json" {
		// What was read, and how sure, goes to standard output.
		if data := res.DetectionJSON(m); data != nil {
			_, _ = f.IO.Out.Write(data)
		}
	}
	if err != nil {
		return answerError(err)
	}
	why, pasted := r.Pasted()
	for _, note := range []string{r.Answer.Message.RequesterNote, r.Answer.Message.ThreadNote} {
		if note != "" && !pasted {
			fmt.Fprintf(f.IO.ErrOut, "decline: note: %s\n", note)
		}
	}
	if pasted {
		saved := ""
		switch {
		case o.maildir != "":
			saved = ", and nothing was saved to " + o.maildir
			o.maildir = ""
		case o.mail.send:
			saved = ", and nothing was sent"
		case o.mail.saveDraft:
			saved = ", and nothing was saved to Drafts"
		}
		o.mail.send, o.mail.saveDraft = false, false
		fmt.Fprintf(f.IO.ErrOut, "decline: note: this is a notification from a no-reply address (%s): paste the reply into the site; no email was written%s\n", why, saved)
		if format != "json" {
			format = "text"
		}
	}
	// The review on a terminal shows the draft, and the tip to sign it
	// under it: the note would say so twice.
	reviews := !o.mail.on() && o.maildir == "" && format != "json" && format != "mbox" && p != nil && f.IO.IsStdoutTTY() && !o.copy.Given
	if !reviews {
		unsigned(f, o, r.Request.Sender, format)
	}
	switch {
	case o.mail.on():
		// A message piped in (mutt's pipe-message) leaves the terminal
		// at /dev/tty: --send shows the reply and asks there, as it
		// asks on standard input's terminal.
		ask := p
		if ask == nil && stdin && !f.IO.CanPrompt() && o.mail.send && !o.mail.yes {
			ask = f.TerminalPrompter(f.Accessible(o.accessible))
		}
		return mailOne(f, o.cfg, &o.mail, r.Message, ask)
	case o.maildir != "":
		return r.SaveDraft(o.maildir, m, f.IO.ErrOut)
	case format == "json" || format == "mbox":
		data, _, err := r.Encode(format)
		if err == nil {
			_, err = f.IO.Out.Write(data)
		}
		return err
	case reviews:
		return review(f, p, r.Template, r.Request, r.Message, format, clipboard, o.configPath, func(rv *dialog.Review) {
			rv.Render = func(t *catalog.Template, req *compose.Request) (*compose.Reply, error) {
				m, err := res.Render(r.Answer, t, req)
				if err != nil {
					return nil, composeError(err)
				}
				return m.Reply, nil
			}
			if res.Named == nil {
				// The catalog chose the template: the tone and the
				// relationship may change in the menu, as in draft's.
				rv.Catalog, rv.Rebuild = res.Catalog, func(rel, tone string) (*catalog.Template, *compose.Request, error) {
					return res.Rechoose(rv.Template, rv.Request, rel, tone)
				}
			}
		})
	}
	return f.Emit(r.Message, format, copyMode)
}

// replyMany answers every message of an mbox or a Maildir on batch's
// engine: nothing is asked, every message is checked before anything is
// written, and a bad one stops the run unless --keep-going.
func replyMany(f *Factory, o *replyOptions, res *answer.Resolver, in *inbound.Input) error {
	format := reply.FirstNonEmpty(o.format, "eml")
	if o.mail.on() {
		// Checked before anything is read, as batch checks them.
		if _, err := o.mail.check(o.cfg); err != nil {
			return err
		}
	}
	if o.outDir == "" && o.maildir == "" && !o.dryRun && format != "mbox" && !o.mail.on() {
		return usageErrorf("the input holds more than one message: write the replies with --format mbox, --out-dir DIR or --maildir DIR")
	}
	out, ok := deliver.Lookup(format)
	if o.outDir != "" && (!ok || out.Ext == "" || out.One == nil) {
		return usageErrorf("--out-dir writes one file per reply: use --format eml or text")
	}
	unsigned(f, o, res.Defaults.Sender, format)
	run := &batch.Messages{Answer: res.Email, Format: out, Out: f.IO.Out, Maildir: o.maildir, Date: time.Now(), Reporter: messageReporter{f.IO.ErrOut}}
	if o.outDir != "" {
		dir, err := batch.OpenDir(o.outDir, o.force)
		if err != nil {
			return err
		}
		defer dir.Close()
		run.Dir = dir
	}
	messages := in.Messages
	if o.maildir != "" {
		messages = inbound.SkipDrafted(o.maildir, in.Messages, f.IO.ErrOut)
	}
	c := run.Check(messages())
	if err := in.Changed(); err != nil {
		return err
	}
	total := c.Rows
	if o.dryRun {
		fmt.Fprintf(f.IO.ErrOut, "Checked %d %s: %d can be answered, %d cannot; nothing was written (--dry-run).\n", total, plural.Pick(total, "message", "messages"), total-c.Bad, c.Bad)
		return batch.Unanswered(c.Bad, total)
	}
	if c.Bad > 0 && !o.keepGoing {
		return fmt.Errorf("%d of %d messages cannot be answered; nothing was written (--keep-going writes the others)", c.Bad, total)
	}
	if o.mail.on() {
		return mailMessages(f, o, res, messages)
	}
	n, err := run.Write(messages())
	if err != nil {
		return err
	}
	fmt.Fprintln(f.IO.ErrOut, run.Wrote(n))
	return batch.Unanswered(c.Bad, total)
}

// unsigned notes once, on standard error, that the reply is signed with
// no name, unless --from "" asked for that or the output is JSON.
func unsigned(f *Factory, o *replyOptions, sender, format string) {
	if sender != "" || o.fromSet || format == "json" {
		return
	}
	path, _, _ := config.Path(o.configPath, f.Env)
	fmt.Fprintf(f.IO.ErrOut, "decline: note: the reply is signed with no name: use --from NAME, or add 'sender: Your Name' to %s\n", path)
}

// messageReporter prints, on standard error, each message that cannot
// be answered and each note on one that can, at its place.
type messageReporter struct{ w io.Writer }

func (r messageReporter) Problem(where string, err error) {
	msg := answerError(err).Error()
	if errors.As(err, new(*batch.ExistsError)) {
		msg = columnError(err)
	}
	if where != "" {
		msg = where + ": " + msg
	}
	fmt.Fprintln(r.w, "decline: "+oneLine(msg))
}

func (r messageReporter) Note(where, note string) {
	fmt.Fprintf(r.w, "decline: %s: note: %s\n", where, oneLine(note))
}

// mailMessages sends the replies to many messages, or saves them as
// drafts, with batch's safety: every reply rendered first, the count
// and a question (--yes without a terminal), --limit and --rate, and
// the send log, so that a rerun sends each once. Messages that cannot
// be answered were said on the checking pass; --keep-going leaves them.
func mailMessages(f *Factory, o *replyOptions, res *answer.Resolver, messages func() iter.Seq2[*inbound.Message, error]) error {
	return mailBatch(f, o.cfg, &o.mail, o.keepGoing, res.Defaults.Address, "", func(out *send.FrameWriter) error {
		return res.Items(messages(), out.Each)
	})
}
