package send

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// Item is one message to send, placed in its input for reports.
type Item struct {
	Source   string
	Line     int // 0 for a message that has no line
	To       string
	Template string
	EML      []byte
}

// Place is FILE:LINE, or FILE when there is no line.
func (it *Item) Place() string {
	if it.Line > 0 {
		return fmt.Sprintf("%s:%d", it.Source, it.Line)
	}
	return it.Source
}

// Counts are what a run did.
type Counts struct {
	Sent, Skipped, Failed, Limited int
}

// Run sends messages one by one, logging each the server accepted, and
// skipping those the log says were sent before unless Resend is set.
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
	// Progress hears of every message done; Problem of every refusal.
	Progress func(c Counts)
	Problem  func(it *Item, err error)
	// Now is the clock, for tests; nil means time.Now.
	Now func() time.Time

	Counts  Counts
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

func (e *FailedError) Error() string { return e.Item.Place() + ": " + e.Err.Error() }
func (e *FailedError) Unwrap() error { return e.Err }

// Send sends one message, unless it was sent before or the limit is
// reached. An error ends the run: a *FailedError, ErrStopped, or a
// broken connection or log.
func (r *Run) Send(ctx context.Context, it *Item) error {
	r.busy.Lock()
	defer r.busy.Unlock()
	if r.stopped.Load() {
		return ErrStopped
	}
	digest := Digest(it.To, it.EML)
	if _, ok := r.Log.Sent(digest); ok && !r.Resend {
		r.Counts.Skipped++
		r.progress()
		return nil
	}
	if r.Limit > 0 && r.Counts.Sent >= r.Limit {
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
	var refused *RefusedError
	switch {
	case errors.As(err, &refused):
		r.Counts.Failed++
		r.progress()
		if r.Problem != nil {
			r.Problem(it, err)
		}
		if !r.KeepGoing {
			return &FailedError{Item: it, Err: err}
		}
		return nil
	case err != nil:
		return err
	}
	r.Counts.Sent++
	if err := r.Log.Record(Entry{MessageID: MessageID(it.EML), To: it.To, Template: it.Template, Time: r.now().UTC(), Digest: digest}); err != nil {
		return fmt.Errorf("the message to %s was sent, but %v", it.To, err)
	}
	r.progress()
	return nil
}

func (r *Run) progress() {
	if r.Progress != nil {
		r.Progress(r.Counts)
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
