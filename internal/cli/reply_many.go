package cli

import (
	"errors"
	"fmt"
	"time"

	"github.com/decline-cli/decline/internal/answer"
	"github.com/decline-cli/decline/internal/batch"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/inbound"
	"github.com/decline-cli/decline/internal/plural"
	"github.com/decline-cli/decline/internal/reply"
)

// many answers every message of an mbox or a Maildir, as batch answers
// rows: nothing is asked, every message is checked before anything is
// written, and a bad one stops the run unless --keep-going.
func (r *replyRun) many(msgs []*inbound.Message, bad []error) error {
	f, o := r.f, r.o
	format := reply.FirstNonEmpty(o.format, "eml")
	if o.outDir == "" && o.maildir == "" && !o.dryRun && format != "mbox" {
		return usageErrorf("the input holds %d messages: write the replies with --format mbox, --out-dir DIR or --maildir DIR", len(msgs)+len(bad))
	}
	out, ok := deliver.Lookup(format)
	if o.outDir != "" && (!ok || out.Ext == "" || out.One == nil) {
		return usageErrorf("--out-dir writes one file per reply: use --format eml or text")
	}
	for _, err := range bad {
		fmt.Fprintln(f.IO.ErrOut, "decline: "+err.Error())
	}
	type done struct {
		a   *answer.Answer
		msg *deliver.Message
	}
	var good []done
	total := len(msgs) + len(bad)
	for _, m := range msgs {
		a := answer.Read(r.rules, m)
		msg, err := r.resolve(a)
		if err == nil && a.Request.Notification {
			err = errors.New("a notification from a no-reply address takes no email: answer it on the site (decline reply on that message alone prints the text)")
		}
		if err != nil {
			where := m.Where
			var ue *UsageError
			if errors.As(err, &ue) {
				err = errors.New(ue.Msg)
			}
			fmt.Fprintf(f.IO.ErrOut, "decline: %s: %v\n", where, err)
			bad = append(bad, err)
			continue
		}
		good = append(good, done{a, msg})
	}
	summary := fmt.Sprintf("%d can be answered, %d cannot", len(good), len(bad))
	if o.dryRun {
		fmt.Fprintf(f.IO.ErrOut, "Checked %d %s: %s; nothing was written (--dry-run).\n", total, plural.Pick(total, "message", "messages"), summary)
		return exitIfBad(len(bad), total)
	}
	if len(bad) > 0 && !o.keepGoing {
		return fmt.Errorf("%d of %d messages cannot be answered; nothing was written (--keep-going writes the others)", len(bad), total)
	}
	var dir *batch.Dir
	var namer *batch.Namer
	if o.outDir != "" {
		var err error
		if dir, err = batch.OpenDir(o.outDir, o.force); err != nil {
			return err
		}
		defer dir.Close()
		namer = batch.NewNamer(out.Ext)
	}
	var stream []byte
	now := time.Now()
	for _, g := range good {
		g.msg.Headers.Date = now
		switch {
		case o.maildir != "":
			data, err := deliver.EML(g.msg, g.msg.Headers)
			if err != nil {
				return err
			}
			if _, err := deliver.SaveDraft(o.maildir, data); err != nil {
				return err
			}
		case dir != nil:
			data, err := out.One(g.msg)
			if err != nil {
				return err
			}
			if err := dir.Write(namer.Name(g.msg.Reply.Name), data); err != nil {
				return err
			}
		default:
			data, err := deliver.EML(g.msg, g.msg.Headers)
			if err != nil {
				return err
			}
			stream = deliver.AppendMbox(stream, deliver.MboxFrom(g.msg.Headers.From, now), data)
		}
	}
	if _, err := f.IO.Out.Write(stream); err != nil {
		return err
	}
	where := "to standard output"
	switch {
	case o.maildir != "":
		where = "as drafts to " + o.maildir
	case o.outDir != "":
		where = "to " + o.outDir
	}
	fmt.Fprintf(f.IO.ErrOut, "Wrote %d %s %s.\n", len(good), plural.Pick(len(good), "reply", "replies"), where)
	return exitIfBad(len(bad), total)
}

// exitIfBad fails the run when some messages were bad.
func exitIfBad(n, total int) error {
	if n > 0 {
		return fmt.Errorf("%d of %d messages cannot be answered", n, total)
	}
	return nil
}
