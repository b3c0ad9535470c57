package send

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-runewidth"

	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/plural"
	"github.com/decline-cli/decline/internal/prompt"
)

// Host is what a Mailer needs of the process it runs in.
type Host interface {
	// OnInterrupt runs fn on an interrupt until remove is called.
	OnInterrupt(fn func()) (remove func())
	// SaidStop tells the host that fn said why the run ended.
	SaidStop()
}

// Mailer sends replies through the user's mail server, or saves them as
// drafts in their mailbox, talking on standard error: it is a run's
// Console. The command line fills it from its flags and settings.
type Mailer struct {
	Config *config.Config
	Env    config.Env
	Host   Host
	Err    io.Writer
	// Connect opens the server (or the mailbox) when the first message
	// is to go.
	Connect func() (Transport, error)
	// Drafts saves drafts instead of sending; Resend sends what the
	// log says went before; Yes sends without asking.
	Drafts, Resend, Yes bool
	Limit               int
	Interval            time.Duration
	// From is the sender's address; Again is how the user sends a
	// skipped message anyway, for the skip lines.
	From, Again string
	// TTY shows the progress line, cut to Width columns when that is
	// known: a line the terminal wraps is not erased by the next.
	TTY   bool
	Width int
	// Prompter is where questions go, or nil when there is no terminal.
	Prompter func() prompt.Prompter
}

// NoTerminalError is a question that has no terminal to be asked on.
type NoTerminalError struct{ N int }

func (e *NoTerminalError) Error() string {
	return fmt.Sprintf("sending %s needs a yes, and there is no terminal to ask on", plural.N(e.N, "reply", "replies"))
}

// StoppedError ends a batch at the first message that failed.
type StoppedError struct {
	Item    *Item
	Summary string
}

func (e *StoppedError) Error() string {
	return fmt.Sprintf("stopped at %s, the first that failed; %s", e.Item.Place(), e.Summary)
}

// ItemOf is msg as an item to send, placed at source.
func ItemOf(source string, msg *deliver.Message) (*Item, error) {
	data, err := deliver.EML(msg, msg.Headers)
	if err != nil {
		return nil, err
	}
	it := &Item{Source: source, To: msg.To, EML: data}
	if t := msg.Reply.Template; t != nil {
		it.Template, it.Kind, it.Lang = t.ID, t.Kind, t.Lang
	}
	return it, nil
}

// run sends items, or saves them as drafts, talking through t.
func (p *Mailer) run(items []*Item, t *Talker, keepGoing bool) (*Run, error) {
	r, err := NewRun(p.Env, p.Drafts)
	if err != nil {
		return nil, err
	}
	t.Console, t.Drafts, t.From, t.Via, t.Again = p, p.Drafts, p.From, Via(p.Config), p.Again
	r.Resend, r.Limit, r.Interval, r.KeepGoing, r.Report = p.Resend, p.Limit, p.Interval, keepGoing, t
	// A signal stops the run after the message under way is accepted
	// and logged, so that a rerun sends the rest once.
	// A transport that can be aborted (an IMAP mailbox) waits only
	// abortWait, then is closed: a draft that may be saved twice costs
	// less than a Ctrl-C that does nothing while a server says nothing.
	var (
		mu   sync.Mutex
		open Transport
	)
	connect := func() (Transport, error) {
		tr, err := p.Connect()
		mu.Lock()
		open = tr
		mu.Unlock()
		return tr, err
	}
	defer p.Host.OnInterrupt(func() {
		mu.Lock()
		ab, abortable := open.(Aborter)
		mu.Unlock()
		wait := 2 * Timeout
		if abortable {
			wait = abortWait
		}
		finished := r.Stop(wait)
		p.Status("")
		said := p.stopped(r.Counts, t.One)
		if !finished && abortable {
			ab.Abort()
			said = p.aborted(r.Counts, t.One)
		}
		// One line says it all; the exit adds no "cancelled".
		fmt.Fprintf(p.Err, "decline: cancelled; %s\n", said)
		p.Host.SaidStop()
	})()
	err = r.All(context.Background(), items, connect)
	t.Done()
	return r, err
}

// stopped says what a run stopped by a signal did, and for a batch
// how to go on.
func (p *Mailer) stopped(c Counts, one bool) string {
	if !one {
		return fmt.Sprintf("%s The same command %s the rest.", c.Summary(p.Drafts), map[bool]string{false: "sends", true: "saves"}[p.Drafts])
	}
	switch {
	case c.Sent > 0 && p.Drafts:
		return "the reply was saved as a draft."
	case c.Sent > 0:
		return "the reply was sent."
	case p.Drafts:
		return "the reply was not saved."
	}
	return "the reply was not sent."
}

// Aborter is a transport that a signal's clean-up may close at once,
// even with a message under way.
type Aborter interface{ Abort() }

// abortWait is how long a signal waits for the message under way
// before it aborts an Aborter.
const abortWait = 2 * time.Second

// aborted says what an aborted run did: the draft under way may have
// been saved.
func (p *Mailer) aborted(c Counts, one bool) string {
	if one {
		return "the connection was closed while the draft was being saved, so it may or may not be in Drafts: look there before you run again."
	}
	return fmt.Sprintf("%s The connection was closed while a draft was being saved: look in Drafts for it before the same command saves the rest.", c.Summary(p.Drafts))
}

// Ask asks on the terminal; without one, a NoTerminalError.
func (p *Mailer) Ask(question string, n int) (bool, error) {
	var ask prompt.Prompter
	if p.Prompter != nil {
		ask = p.Prompter()
	}
	if ask == nil {
		return false, &NoTerminalError{N: n}
	}
	answer, err := ask.Input(question+" [y/N]", "", func(s string) error {
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "", "y", "yes", "n", "no":
			return nil
		}
		return errors.New("answer y or n")
	})
	if errors.Is(err, io.EOF) {
		// The input closed: the same as giving up.
		err = prompt.ErrCancelled
	}
	a := strings.ToLower(strings.TrimSpace(answer))
	return a == "y" || a == "yes", err
}

// Line prints a line, clearing the progress line first.
func (p *Mailer) Line(s string) {
	p.Status("")
	fmt.Fprintln(p.Err, s)
}

// Status draws the progress line, on a terminal.
func (p *Mailer) Status(s string) {
	if p.TTY {
		if p.Width > 1 {
			s = runewidth.Truncate(s, p.Width-1, "…")
		}
		fmt.Fprint(p.Err, "\r\x1b[K"+s)
	}
}

// One sends one reply, or saves it as a draft: the bytes of the eml
// format. shown is the reply as it is shown before the question, which
// is asked when ask is set and Yes is not. done is whether it went (a
// reply the log has is skipped); a refusal is the server's own error.
func (p *Mailer) One(msg *deliver.Message, shown string, ask bool) (done bool, err error) {
	it, err := ItemOf("", msg)
	if err != nil {
		return false, err
	}
	t := &Talker{One: true, To: msg.To, Total: 1, Ask: !p.Drafts && !p.Yes && ask, Shown: shown}
	r, err := p.run([]*Item{it}, t, false)
	if r != nil {
		defer r.Close()
	}
	if err != nil {
		var failed *FailedError
		if errors.As(err, &failed) {
			return false, failed.Err
		}
		return false, err
	}
	return r.Counts.Sent > 0, nil
}

// Batch is the writing pass of a batch that sends its replies or saves
// them as drafts. write renders them all into a FrameWriter first, so
// that the question before sending counts what the log and the limit
// leave. Rows skipped with keepGoing (write's error) are said after the
// good ones went; any other failure of the pass sends nothing.
func (p *Mailer) Batch(keepGoing bool, source string, write func(out *FrameWriter) error) error {
	var items []*Item
	werr := write(&FrameWriter{Source: source, Each: func(it *Item) error {
		items = append(items, it)
		return nil
	}})
	if werr != nil && (!keepGoing || len(items) == 0) {
		return werr
	}
	r, err := p.run(items, &Talker{Total: len(items), Ask: !p.Drafts && !p.Yes}, keepGoing)
	if r != nil {
		defer r.Close()
	}
	if err == nil {
		err = werr
	}
	var (
		failed  *FailedError
		noTerm  *NoTerminalError
		summary string
	)
	if r != nil {
		summary = r.Counts.Summary(p.Drafts)
	}
	switch {
	case errors.As(err, &noTerm), errors.Is(err, ErrNotConfirmed), r == nil:
		return err
	case errors.As(err, &failed):
		return &StoppedError{Item: failed.Item, Summary: strings.TrimSuffix(summary, ".")}
	case err != nil:
		return fmt.Errorf("%v; %s", err, lowerFirst(strings.TrimSuffix(summary, ".")))
	case r.Counts.Failed > 0:
		return fmt.Errorf("%s (%s above)", strings.TrimSuffix(summary, "."), plural.Pick(r.Counts.Failed, "the line", "the lines"))
	}
	// Said without a terminal too: a cron job's log keeps the record.
	fmt.Fprintln(p.Err, summary)
	return nil
}

// lowerFirst puts a sentence after a semicolon: "Sent 1" reads "sent 1".
func lowerFirst(s string) string {
	if s != "" && s[0] >= 'A' && s[0] <= 'Z' {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}
