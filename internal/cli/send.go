package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/drafts"
	"github.com/decline-cli/decline/internal/plural"
	"github.com/decline-cli/decline/internal/send"
)

// mailFlags are the flags that hand replies to the user's own mail
// server: --send and --save-draft, and for batch the guards of a send.
type mailFlags struct {
	send, saveDraft bool
	resend          bool
	// batch only
	yes   bool
	limit int
	rate  string
	// limitSet tells --limit 0 from no --limit.
	limitSet bool
}

// setInt is an int flag that notes it was given.
type setInt struct {
	n   *int
	set *bool
}

func (s setInt) String() string {
	if s.n == nil {
		return "0"
	}
	return strconv.Itoa(*s.n)
}
func (s setInt) Type() string { return "int" }
func (s setInt) Set(v string) error {
	n, err := strconv.Atoi(v)
	if err != nil {
		return errors.New("not a whole number")
	}
	*s.n, *s.set = n, true
	return nil
}

func (m *mailFlags) register(fl *pflag.FlagSet, many bool) {
	fl.BoolVar(&m.send, "send", false, "send the reply through your mail server (sendmail or smtp in config.yaml)")
	fl.BoolVar(&m.saveDraft, "save-draft", false, "save the reply in the Drafts folder of your mailbox (imap in config.yaml)")
	fl.BoolVar(&m.resend, "resend", false, "with --send, send even what the send log says was sent before")
	if many {
		fl.BoolVar(&m.yes, "yes", false, "with --send, send without asking (needed when there is no terminal)")
		fl.Var(setInt{&m.limit, &m.limitSet}, "limit", "with --send, send at most `N` replies this run")
		fl.StringVar(&m.rate, "rate", "", "with --send, send at most `N` replies a minute, written N/min")
	}
}

func (m *mailFlags) on() bool { return m.send || m.saveDraft }

// flags refuses flags that do not go together, and a --rate that is
// not a rate, with or without --send (a --dry-run checks them too).
func (m *mailFlags) flags() (interval time.Duration, err error) {
	switch {
	case m.send && m.saveDraft:
		return 0, usageErrorf("--send and --save-draft both say where the reply goes: give one")
	case !m.send && (m.resend || m.yes || m.limitSet || m.rate != ""):
		return 0, usageErrorf("--resend, --yes, --limit and --rate apply to --send")
	case m.limitSet && m.limit < 1:
		return 0, usageErrorf("--limit must be 1 or more, got %d", m.limit)
	}
	if m.rate != "" {
		var ok bool
		if interval, ok = send.ParseRate(m.rate); !ok {
			return 0, usageErrorf("--rate %q is not a rate: write it as N/min, such as 20/min", m.rate)
		}
	}
	return interval, nil
}

// check refuses flags that do not go together, before anything is read.
func (m *mailFlags) check(cfg *config.Config) (interval time.Duration, err error) {
	if interval, err = m.flags(); err != nil {
		return 0, err
	}
	switch {
	case m.send && cfg.Sendmail == "" && cfg.SMTP == nil:
		return 0, usageErrorf("--send needs a mail server: add smtp (or sendmail) to %s (see 'decline help' or the README's email section)", configName(cfg))
	case m.saveDraft && cfg.IMAP == nil:
		return 0, usageErrorf("--save-draft needs your mailbox: add imap to %s (see the README's email section)", configName(cfg))
	}
	return interval, nil
}

func configName(cfg *config.Config) string {
	if cfg.Path != "" {
		return cfg.Path
	}
	return "config.yaml"
}

// mailOne sends one reply, or saves it as a draft: the bytes of the eml
// format, as -f eml prints them.
func mailOne(f *Factory, cfg *config.Config, m *mailFlags, msg *deliver.Message) error {
	if _, err := m.check(cfg); err != nil {
		return err
	}
	if m.send && msg.To == "" {
		return usageErrorf("--send needs the requester's address: give --to ADDRESS")
	}
	data, err := deliver.EML(msg, msg.Headers)
	if err != nil {
		return err
	}
	ctx := context.Background()
	if m.saveDraft {
		box, err := drafts.Open(cfg.IMAP, f.Env, nil)
		if err != nil {
			return err
		}
		defer box.Close()
		if err := box.Append(data, time.Now()); err != nil {
			return err
		}
		fmt.Fprintf(f.IO.ErrOut, "Saved the reply to %s in %s on %s.\n", recipient(msg.To), box.Folder, cfg.IMAP.Host)
		return nil
	}
	it := &send.Item{Source: "the reply", To: msg.To, Template: msg.Reply.Template.ID, EML: data}
	err = send.SendOne(ctx, cfg, f.Env, msg.Headers.From, it, m.resend)
	if before := (*send.SentBeforeError)(nil); errors.As(err, &before) {
		fmt.Fprintf(f.IO.ErrOut, "decline: note: this reply was sent to %s on %s (the send log, %s, says so); it was not sent again: --resend sends it anyway\n", msg.To, before.Entry.Time.Local().Format("2 Jan 2006 15:04"), before.Log)
		return nil
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(f.IO.ErrOut, "Sent the reply to %s.\n", msg.To)
	return nil
}

func recipient(to string) string {
	if to == "" {
		return "nobody yet"
	}
	return to
}

// mailSummary says what a batch send did.
func mailSummary(c send.Counts, saved bool) string {
	if saved {
		return fmt.Sprintf("Saved %s as drafts.", plural.N(c.Sent, "reply", "replies"))
	}
	s := fmt.Sprintf("Sent %d", c.Sent)
	if c.Skipped > 0 {
		s += fmt.Sprintf(", skipped %d already sent", c.Skipped)
	}
	if c.Failed > 0 {
		s += fmt.Sprintf(", %d failed", c.Failed)
	}
	if c.Limited > 0 {
		s += fmt.Sprintf(", %d left for a later run (--limit)", c.Limited)
	}
	return s + "."
}

// mailBatch is the writing pass of a batch that sends its replies or
// saves them as drafts, one at a time, as the pass renders them.
func mailBatch(f *Factory, cfg *config.Config, m *mailFlags, keepGoing bool, from, source string, good int, write func(out *send.FrameWriter) error) error {
	interval, err := m.check(cfg)
	if err != nil {
		return err
	}
	what := plural.N(good, "reply", "replies")
	if m.send && !m.yes {
		if !f.IO.CanPrompt() {
			return usageErrorf("sending %s needs --yes when there is no terminal to ask on", what)
		}
		choice, err := f.NewPrompter(f.Accessible(false)).Select(fmt.Sprintf("Send %s now?", what), []string{"No, send nothing", "Yes, send " + what}, 0)
		if err != nil {
			return err
		}
		if choice != 1 {
			return errors.New("nothing was sent")
		}
	}
	ctx := context.Background()
	tty := f.IO.IsStderrTTY()
	var done func(it *send.Item) error
	var counts func() send.Counts
	if m.saveDraft {
		box, err := drafts.Open(cfg.IMAP, f.Env, nil)
		if err != nil {
			return err
		}
		defer box.Close()
		sv := &send.Saver{Box: box}
		if tty {
			sv.Progress = func(n int) { fmt.Fprintf(f.IO.ErrOut, "\rSaved %d of %d", n, good) }
		}
		counts = func() send.Counts { return sv.Counts }
		done = sv.Save
	} else {
		r := &send.Run{Resend: m.resend, Limit: m.limit, Interval: interval, KeepGoing: keepGoing}
		closeRun, err := r.Start(ctx, cfg, f.Env, from)
		if err != nil {
			return err
		}
		defer closeRun()
		r.Problem = func(it *send.Item, err error) {
			if tty {
				fmt.Fprint(f.IO.ErrOut, "\r\x1b[K")
			}
			fmt.Fprintf(f.IO.ErrOut, "%s: %v\n", it.Place(), err)
		}
		if tty {
			r.Progress = func(c send.Counts) {
				fmt.Fprintf(f.IO.ErrOut, "\rSending: %d sent, %d skipped, %d failed, of %d", c.Sent, c.Skipped, c.Failed, good)
			}
		}
		// A signal stops the run after the message under way is
		// accepted and logged, so that a rerun sends the rest once.
		defer f.OnInterrupt(func() {
			r.Stop(2 * send.Timeout)
			fmt.Fprintf(f.IO.ErrOut, "\ndecline: stopped; %s\n", mailSummary(r.Counts, false))
		})()
		counts = func() send.Counts { return r.Counts }
		done = func(it *send.Item) error { return r.Send(ctx, it) }
	}
	err = write(&send.FrameWriter{Source: source, Each: done})
	if tty {
		fmt.Fprint(f.IO.ErrOut, "\r\x1b[K")
	}
	c := counts()
	var failed *send.FailedError
	if errors.As(err, &failed) {
		return fmt.Errorf("stopped at %s, the first that failed; %s (--keep-going sends the others)", failed.Item.Place(), strings.TrimSuffix(mailSummary(c, false), "."))
	}
	if err != nil {
		return fmt.Errorf("%v; %s", err, mailSummary(c, m.saveDraft))
	}
	if c.Failed > 0 {
		return fmt.Errorf("%s %s above", strings.TrimSuffix(mailSummary(c, false), "."), plural.Pick(c.Failed, "is the line", "are the lines"))
	}
	// Said without a terminal too: a cron job's log keeps the record.
	fmt.Fprintln(f.IO.ErrOut, mailSummary(c, m.saveDraft))
	return nil
}
