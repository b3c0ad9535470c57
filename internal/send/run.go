package send

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/decline-cli/decline/internal/prompt"
)

// Item is one message to send, placed in its input for reports.
type Item struct {
	Source   string
	Line     int // 0 for a message that has no line
	To       string
	Template string
	// Kind and Lang are the kind and the language of the reply: with
	// the address, what the log knows it by.
	Kind, Lang string
	EML        []byte
}

// Place is FILE:LINE, or FILE when there is no line, or "" for the
// one reply of a run that has no input to place it in.
func (it *Item) Place() string {
	if it.Line > 0 {
		return fmt.Sprintf("%s:%d", it.Source, it.Line)
	}
	return it.Source
}

// placed puts the item's place, when it has one, before an error.
func (it *Item) placed(err error) error {
	if p := it.Place(); p != "" {
		return fmt.Errorf("%s: %w", p, err)
	}
	return err
}

func (it *Item) key() string { return Key(it.To, it.kind(), it.Lang) }

// kind is the reply's kind, or for a template that names none its id.
func (it *Item) kind() string {
	if it.Kind != "" {
		return it.Kind
	}
	return "template:" + it.Template
}

// Counts are what a run did, or, in a Plan, will do.
type Counts struct {
	Sent int
	// Skipped were sent before, says the log; Repeated have the address
	// and kind of an earlier message of the same run.
	Skipped, Repeated int
	Failed            int
	// Limited are left for a later run by the limit.
	Limited int
}

// Summary says what a run did in one sentence. drafts words it for
// drafts saved, not messages sent.
func (c Counts) Summary(drafts bool) string {
	verb, before := "Sent", "already sent"
	if drafts {
		verb, before = "Saved", "saved before"
	}
	s := fmt.Sprintf("%s %d", verb, c.Sent)
	if drafts {
		s += " as drafts"
	}
	if c.Skipped > 0 {
		s += fmt.Sprintf(", skipped %d %s", c.Skipped, before)
	}
	if c.Repeated > 0 {
		s += fmt.Sprintf(", skipped %d repeated", c.Repeated)
	}
	if c.Failed > 0 {
		s += fmt.Sprintf(", %d failed", c.Failed)
	}
	if c.Limited > 0 {
		s += fmt.Sprintf(", %d left for a later run by the limit", c.Limited)
	}
	return s + "."
}

// Skip says why a message was not sent: the log's entry of the one
// sent before, or the earlier message of this run it repeats.
type Skip struct {
	Before  *Entry
	Earlier *Item
}

// Reporter is the user's side of a run: it is asked once whether to go
// on, and hears of every message. It prints; the run decides.
type Reporter interface {
	// Confirm is asked before the first message goes, with what the
	// run will do; false ends the run with ErrNotConfirmed. It is not
	// asked when there is nothing to send.
	Confirm(plan Counts) (bool, error)
	Progress(c Counts)
	Skipped(it *Item, s Skip)
	Failed(it *Item, err error)
}

// ErrNotConfirmed ends a run whose Reporter said no: the user
// cancelled it.
var ErrNotConfirmed = fmt.Errorf("%w: nothing was sent", prompt.ErrCancelled)

// Run sends messages one by one, logging each the server accepted. It
// skips those the log says were sent before, and a second message of
// the same kind to the same address, unless Resend is set.
type Run struct {
	Transport Transport
	Log       *Log
	Resend    bool
	// Limit stops the run after that many messages are sent (0: none).
	Limit int
	// Interval is the least time between two sends (0: none).
	Interval time.Duration
	// KeepGoing sends the rest after a refused message.
	KeepGoing bool
	Report    Reporter
	// Now is the clock, for tests; nil means time.Now.
	Now func() time.Time

	Counts  Counts
	seen    map[string]*Item
	last    time.Time
	stopped atomic.Bool
	busy    sync.Mutex // held while a message is on its way and logged
}

// ErrStopped ends a run that Stop stopped.
var ErrStopped = errors.New("stopped")

// FailedError ends a run at a refused message, without KeepGoing.
type FailedError struct {
	Item *Item
	Err  error
}

func (e *FailedError) Error() string { return e.Item.placed(e.Err).Error() }
func (e *FailedError) Unwrap() error { return e.Err }

// decide returns what becomes of it, given the items seen before it and
// the count of those to be sent: nil to send it, a Skip, or limited.
func (r *Run) decide(it *Item, seen map[string]*Item, sent int) (skip *Skip, limited bool) {
	key := it.key()
	// A draft with no recipient yet is known by nothing: each is saved.
	if !r.Resend && NormalAddress(it.To) != "" {
		// This run's own first: its entry in the log is this run's.
		if earlier, ok := seen[key]; ok {
			return &Skip{Earlier: earlier}, false
		}
		if e, ok := r.Log.Sent(key); ok {
			return &Skip{Before: &e}, false
		}
	}
	seen[key] = it
	return nil, r.Limit > 0 && sent >= r.Limit
}

// Plan counts what sending items would do, sending nothing.
func (r *Run) Plan(items []*Item) Counts {
	var c Counts
	seen := map[string]*Item{}
	for _, it := range items {
		switch skip, limited := r.decide(it, seen, c.Sent); {
		case skip != nil && skip.Before != nil:
			c.Skipped++
		case skip != nil:
			c.Repeated++
		case limited:
			c.Limited++
		default:
			c.Sent++
		}
	}
	return c
}

// All sends items in order, after the Reporter confirms the plan; the
// transport is opened by connect then, not before, so that a question
// left open does not hold a connection. It returns the first error
// that ends the run (see Send).
func (r *Run) All(ctx context.Context, items []*Item, connect func() (Transport, error)) error {
	plan := r.Plan(items)
	if plan.Sent > 0 && r.Report != nil {
		ok, err := r.Report.Confirm(plan)
		if err != nil {
			return err
		}
		if !ok {
			return ErrNotConfirmed
		}
	}
	if plan.Sent > 0 && r.Transport == nil {
		tr, err := connect()
		if err != nil {
			return err
		}
		r.Transport = tr
	}
	for _, it := range items {
		if err := r.Send(ctx, it); err != nil {
			return err
		}
	}
	return nil
}

// Send sends one message, unless it was sent before or the limit is
// reached. An error ends the run: a *FailedError, ErrStopped, or a
// broken connection or log.
func (r *Run) Send(ctx context.Context, it *Item) error {
	r.busy.Lock()
	defer r.busy.Unlock()
	if r.stopped.Load() {
		return ErrStopped
	}
	if r.seen == nil {
		r.seen = map[string]*Item{}
	}
	skip, limited := r.decide(it, r.seen, r.Counts.Sent)
	switch {
	case skip != nil:
		if skip.Before != nil {
			r.Counts.Skipped++
		} else {
			r.Counts.Repeated++
		}
		if r.Report != nil {
			r.Report.Skipped(it, *skip)
		}
		r.progress()
		return nil
	case limited:
		r.Counts.Limited++
		return nil
	}
	now := r.now()
	if r.Interval > 0 && !r.last.IsZero() {
		if wait := r.last.Add(r.Interval).Sub(now); wait > 0 {
			// Waiting is not sending: a signal may stop the run here.
			r.busy.Unlock()
			select {
			case <-time.After(wait):
			case <-ctx.Done():
			}
			r.busy.Lock()
			if r.stopped.Load() {
				return ErrStopped
			}
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	r.last = r.now()
	err := r.Transport.Send(ctx, it.To, it.EML)
	var (
		refused *RefusedError
		unsent  *UnsentError
	)
	switch {
	case errors.As(err, &refused):
		r.Counts.Failed++
		r.progress()
		if r.Report != nil {
			r.Report.Failed(it, err)
		}
		if !r.KeepGoing {
			return &FailedError{Item: it, Err: err}
		}
		return nil
	case errors.As(err, &unsent) && ctx.Err() == nil:
		done, _ := r.Log.done()
		return it.placed(fmt.Errorf("%w; the message to %s was not %s: run again to send it and the rest", err, ShownAddress(it.To), done))
	case err != nil && ctx.Err() == nil:
		// A connection that broke (or a command that hung) after the
		// message went may have delivered it: say where, and what to
		// check, for the log cannot know.
		return it.placed(fmt.Errorf("%w; the message to %s may have reached the server, and it is not in the log: check your Sent folder (or Drafts) before you run again", err, ShownAddress(it.To)))
	case err != nil:
		return err
	}
	r.Counts.Sent++
	e := Entry{MessageID: MessageID(it.EML), To: it.To, Address: NormalAddress(it.To), Kind: it.kind(), Lang: it.Lang, Template: it.Template, Time: r.now().UTC()}
	if err := r.Log.Record(e); err != nil {
		done, _ := r.Log.done()
		return fmt.Errorf("the message to %s was %s, but %v", it.To, done, err)
	}
	r.progress()
	return nil
}

func (r *Run) progress() {
	if r.Report != nil {
		r.Report.Progress(r.Counts)
	}
}

func (r *Run) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

// Stop lets no more messages start, after waiting at most wait for the
// one under way to be accepted and logged, for a signal handler. It
// reports whether that one finished.
func (r *Run) Stop(wait time.Duration) bool {
	r.stopped.Store(true)
	done := make(chan struct{})
	go func() {
		r.busy.Lock()
		close(done)
		r.busy.Unlock()
	}()
	select {
	case <-done:
		return true
	case <-time.After(wait):
		return false
	}
}
