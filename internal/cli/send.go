package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/pflag"

	"github.com/decline-cli/decline/internal/cmdutil"
	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/drafts"
	"github.com/decline-cli/decline/internal/plural"
	"github.com/decline-cli/decline/internal/preview"
	"github.com/decline-cli/decline/internal/prompt"
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

func (m *mailFlags) register(fl *pflag.FlagSet, many bool) {
	fl.BoolVar(&m.send, "send", false, "send the reply through your mail server (sendmail or smtp in config.yaml)")
	fl.BoolVar(&m.saveDraft, "save-draft", false, "save the reply in the Drafts folder of your mailbox (imap in config.yaml)")
	fl.BoolVar(&m.resend, "resend", false, "send (or save) even what the log says was sent (or saved) before")
	fl.BoolVar(&m.yes, "yes", false, "with --send, send without asking on a terminal")
	if many {
		fl.Var(cmdutil.SetInt{N: &m.limit, Given: &m.limitSet}, "limit", "with --send, send at most `N` replies this run")
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
	case !m.on() && m.resend:
		return 0, usageErrorf("--resend applies to --send and --save-draft")
	case !m.send && (m.yes || m.limitSet || m.rate != ""):
		return 0, usageErrorf("--yes, --limit and --rate apply to --send")
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

// needsTo refuses a --send with no address to send to.
func (m *mailFlags) needsTo(to string) error {
	if m.send && to == "" {
		return usageErrorf("--send needs the requester's address: give --to ADDRESS")
	}
	return nil
}

func configName(cfg *config.Config) string {
	if cfg.Path != "" {
		return cfg.Path
	}
	return "config.yaml"
}

// mailer wires a run that sends replies or saves them as drafts to the
// configuration, the flags and the terminal. ask is where questions go:
// nil for standard input's terminal. box is the mailbox a --save-draft
// opened.
func mailer(f *Factory, cfg *config.Config, m *mailFlags, from string, ask prompt.Prompter) (p *send.Mailer, box **drafts.Box) {
	box = new(*drafts.Box)
	p = &send.Mailer{Config: cfg, Env: f.Env, Host: f, Err: f.IO.ErrOut, Drafts: m.saveDraft, Resend: m.resend, Yes: m.yes,
		Limit: m.limit, From: from, Again: "--resend",
		Prompter: func() prompt.Prompter {
			if ask == nil && f.IO.CanPrompt() {
				ask = f.NewPrompter(f.Accessible(false))
			}
			return ask
		},
		Connect: func() (send.Transport, error) {
			if m.saveDraft {
				b, err := drafts.Open(cfg.IMAP, f.Env, nil)
				*box = b
				return b, err
			}
			return send.Open(context.Background(), cfg, f.Env, from)
		},
	}
	return p, box
}

// mailOne sends one reply, or saves it as a draft: the bytes of the eml
// format, as -f eml prints them. A --send is shown and asked about on
// ask, or when ask is nil on standard input's terminal; with neither,
// one reply goes without asking, as documented.
func mailOne(f *Factory, cfg *config.Config, m *mailFlags, msg *deliver.Message, ask prompt.Prompter) error {
	if _, err := m.check(cfg); err != nil {
		return err
	}
	if err := m.needsTo(msg.To); err != nil {
		return err
	}
	p, box := mailer(f, cfg, m, msg.Headers.From, ask)
	// Wrapped as draft's review wraps it, a column short of the edge.
	width := f.IO.TerminalWidth() - 1
	shown := fmt.Sprintf("To: %s\nFrom: %s\nSubject: %s\n\n%s", msg.To, msg.Headers.From, msg.Reply.Subject, msg.Reply.Body)
	done, err := p.One(msg, preview.Wrap(shown, width), ask != nil || f.IO.CanPrompt())
	switch {
	case err != nil:
		return err
	case !done:
	case m.saveDraft:
		fmt.Fprintf(f.IO.ErrOut, "Saved the reply to %s in %s on %s.\n", recipient(msg.To), (*box).Folder, cfg.IMAP.Host)
	default:
		fmt.Fprintf(f.IO.ErrOut, "Sent the reply to %s.\n", msg.To)
	}
	return nil
}

func recipient(to string) string {
	if to == "" {
		return "nobody yet"
	}
	return to
}

// mailBatch is the writing pass of a batch that sends its replies or
// saves them as drafts (see send.Mailer.Batch).
func mailBatch(f *Factory, cfg *config.Config, m *mailFlags, keepGoing bool, from, source string, write func(out *send.FrameWriter) error) error {
	interval, err := m.check(cfg)
	if err != nil {
		return err
	}
	p, _ := mailer(f, cfg, m, from, nil)
	p.Interval, p.TTY, p.Width = interval, f.IO.IsStderrTTY(), f.IO.TerminalWidth()
	err = p.Batch(keepGoing, source, write)
	var (
		noTerm  *send.NoTerminalError
		stopped *send.StoppedError
	)
	switch {
	case errors.As(err, &noTerm):
		return usageErrorf("sending %s needs --yes when there is no terminal to ask on", plural.N(noTerm.N, "reply", "replies"))
	case errors.As(err, &stopped):
		return fmt.Errorf("%v (--keep-going sends the others)", err)
	}
	return err
}
