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
	fl.BoolVar(&m.resend, "resend", false, "send (or save) even what the log says was sent (or saved) before")
	fl.BoolVar(&m.yes, "yes", false, "with --send, send without asking on a terminal")
	if many {
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

func configName(cfg *config.Config) string {
	if cfg.Path != "" {
		return cfg.Path
	}
	return "config.yaml"
}

// mailer wires a run that sends replies or saves them as drafts to the
// configuration and the terminal: it is the run's send.Console.
type mailer struct {
	f    *Factory
	cfg  *config.Config
	m    *mailFlags
	from string
	tty  bool // a progress line is shown
	box  *drafts.Box
	// ask is where questions go: nil for standard input's terminal.
	ask prompt.Prompter
}

// run sends items, or saves them as drafts, talking through t.
func (p *mailer) run(items []*send.Item, t *send.Talker, keepGoing bool, interval time.Duration) (*send.Run, error) {
	r, err := send.NewRun(p.f.Env, p.m.saveDraft)
	if err != nil {
		return nil, err
	}
	t.Console, t.Drafts, t.From, t.Via, t.Again = p, p.m.saveDraft, p.from, send.Via(p.cfg), "--resend"
	r.Resend, r.Limit, r.Interval, r.KeepGoing, r.Report = p.m.resend, p.m.limit, interval, keepGoing, t
	// A signal stops the run after the message under way is accepted
	// and logged, so that a rerun sends the rest once.
	defer p.f.OnInterrupt(func() {
		r.Stop(2 * send.Timeout)
		p.Status("")
		// One line says it all; the exit adds no "cancelled".
		fmt.Fprintf(p.f.IO.ErrOut, "decline: cancelled; %s The same command %s the rest.\n", r.Counts.Summary(p.m.saveDraft), map[bool]string{false: "sends", true: "saves"}[p.m.saveDraft])
		p.f.SaidStop()
	})()
	err = r.All(context.Background(), items, func() (send.Transport, error) {
		if p.m.saveDraft {
			box, err := drafts.Open(p.cfg.IMAP, p.f.Env, nil)
			p.box = box
			return box, err
		}
		return send.Open(context.Background(), p.cfg, p.f.Env, p.from)
	})
	t.Done()
	return r, err
}

// Ask asks on the terminal; without one a batch needs --yes.
func (p *mailer) Ask(question string, n int) (bool, error) {
	ask := p.ask
	if ask == nil && p.f.IO.CanPrompt() {
		ask = p.f.NewPrompter(p.f.Accessible(false))
	}
	if ask == nil {
		return false, usageErrorf("sending %s needs --yes when there is no terminal to ask on", plural.N(n, "reply", "replies"))
	}
	answer, err := ask.Input(question+" [y/N]", "", func(s string) error {
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "", "y", "yes", "n", "no":
			return nil
		}
		return errors.New("answer y or n")
	})
	a := strings.ToLower(strings.TrimSpace(answer))
	return a == "y" || a == "yes", err
}

func (p *mailer) Line(s string) {
	p.Status("")
	fmt.Fprintln(p.f.IO.ErrOut, s)
}

func (p *mailer) Status(s string) {
	if p.tty {
		fmt.Fprint(p.f.IO.ErrOut, "\r\x1b[K"+s)
	}
}

// mailOne sends one reply, or saves it as a draft: the bytes of the eml
// format, as -f eml prints them. A --send is shown and asked about on
// ask, or when ask is nil on standard input's terminal; with neither,
// one reply goes without asking, as documented.
func mailOne(f *Factory, cfg *config.Config, m *mailFlags, msg *deliver.Message, ask prompt.Prompter) error {
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
	it := &send.Item{Source: "decline: note", To: msg.To, EML: data}
	if t := msg.Reply.Template; t != nil {
		it.Template, it.Kind, it.Lang = t.ID, t.Kind, t.Lang
	}
	p := &mailer{f: f, cfg: cfg, m: m, from: msg.Headers.From, ask: ask}
	// Wrapped as draft's review wraps it, a column short of the edge.
	width := f.IO.TerminalWidth() - 1
	shown := fmt.Sprintf("To: %s\nFrom: %s\nSubject: %s\n\n%s", msg.To, msg.Headers.From, msg.Reply.Subject, msg.Reply.Body)
	t := &send.Talker{One: true, To: msg.To, Total: 1, Ask: m.send && !m.yes && (ask != nil || f.IO.CanPrompt()),
		Shown: preview.Wrap(shown, width)}
	r, err := p.run([]*send.Item{it}, t, false, 0)
	if r != nil {
		defer r.Close()
	}
	if err != nil {
		var failed *send.FailedError
		if errors.As(err, &failed) {
			return failed.Err
		}
		return err
	}
	switch {
	case r.Counts.Sent == 0:
	case m.saveDraft:
		fmt.Fprintf(f.IO.ErrOut, "Saved the reply to %s in %s on %s.\n", recipient(msg.To), p.box.Folder, cfg.IMAP.Host)
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
// saves them as drafts. The pass renders them all first, so that the
// question before sending counts what the log and --limit leave.
func mailBatch(f *Factory, cfg *config.Config, m *mailFlags, keepGoing bool, from, source string, write func(out *send.FrameWriter) error) error {
	interval, err := m.check(cfg)
	if err != nil {
		return err
	}
	var items []*send.Item
	werr := write(&send.FrameWriter{Source: source, Each: func(it *send.Item) error {
		items = append(items, it)
		return nil
	}})
	// Rows skipped with --keep-going are said after the good ones
	// went; any other failure of the pass sends nothing.
	if werr != nil && (!keepGoing || len(items) == 0) {
		return werr
	}
	p := &mailer{f: f, cfg: cfg, m: m, from: from, tty: f.IO.IsStderrTTY()}
	r, err := p.run(items, &send.Talker{Total: len(items), Ask: m.send && !m.yes}, keepGoing, interval)
	if r != nil {
		defer r.Close()
	}
	if err == nil {
		err = werr
	}
	var (
		failed  *send.FailedError
		usage   *UsageError
		summary string
	)
	if r != nil {
		summary = r.Counts.Summary(m.saveDraft)
	}
	switch {
	case errors.As(err, &usage), errors.Is(err, send.ErrNotConfirmed), r == nil:
		return err
	case errors.As(err, &failed):
		return fmt.Errorf("stopped at %s, the first that failed; %s (--keep-going sends the others)", failed.Item.Place(), strings.TrimSuffix(summary, "."))
	case err != nil:
		return fmt.Errorf("%v; %s", err, lowerFirst(strings.TrimSuffix(summary, ".")))
	case r.Counts.Failed > 0:
		return fmt.Errorf("%s (%s above)", strings.TrimSuffix(summary, "."), plural.Pick(r.Counts.Failed, "the line", "the lines"))
	}
	// Said without a terminal too: a cron job's log keeps the record.
	fmt.Fprintln(f.IO.ErrOut, summary)
	return nil
}

// lowerFirst puts a sentence after a semicolon: "Sent 1" reads "sent 1".
func lowerFirst(s string) string {
	if s != "" && s[0] >= 'A' && s[0] <= 'Z' {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}
