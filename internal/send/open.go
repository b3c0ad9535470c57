package send

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/decline-cli/decline/internal/config"
)

// SentBeforeError is a message the send log says was sent already.
type SentBeforeError struct {
	Entry Entry
	Log   string // the send log's path
}

func (e *SentBeforeError) Error() string {
	return fmt.Sprintf("this message was sent to %s before (the send log, %s, says so)", e.Entry.To, e.Log)
}

// SendOne sends one message through the configured server and logs it.
// A message the log holds is not sent again unless resend: that is a
// *SentBeforeError. A refusal is the server's own error.
func SendOne(ctx context.Context, cfg *config.Config, env config.Env, from string, it *Item, resend bool) error {
	log, err := openLog(env)
	if err != nil {
		return err
	}
	defer log.Close()
	if e, ok := log.Sent(Digest(it.To, it.EML)); ok && !resend {
		return &SentBeforeError{Entry: e, Log: log.Path}
	}
	tr, err := Open(ctx, cfg, env, from)
	if err != nil {
		return err
	}
	defer tr.Close()
	r := &Run{Transport: tr, Log: log, Resend: resend}
	err = r.Send(ctx, it)
	var failed *FailedError
	if errors.As(err, &failed) {
		return failed.Err
	}
	return err
}

// Start opens the send log and the configured server for r, sending as
// from; done closes them.
func (r *Run) Start(ctx context.Context, cfg *config.Config, env config.Env, from string) (done func(), err error) {
	log, err := openLog(env)
	if err != nil {
		return nil, err
	}
	tr, err := Open(ctx, cfg, env, from)
	if err != nil {
		log.Close()
		return nil, err
	}
	r.Log, r.Transport = log, tr
	return func() {
		tr.Close()
		log.Close()
	}, nil
}

func openLog(env config.Env) (*Log, error) {
	path, err := LogPath(env)
	if err != nil {
		return nil, err
	}
	return OpenLog(path)
}

// Appender saves a message as a draft; a drafts.Box is one.
type Appender interface {
	Append(eml []byte, date time.Time) error
}

// Saver saves every message of a writing pass as a draft, counting them
// as sent; Progress, when set, hears the count after each.
type Saver struct {
	Box      Appender
	Progress func(saved int)
	Counts   Counts
}

// Save is a FrameWriter's Each.
func (s *Saver) Save(it *Item) error {
	if err := s.Box.Append(it.EML, time.Now()); err != nil {
		return fmt.Errorf("%s: %v", it.Place(), err)
	}
	s.Counts.Sent++
	if s.Progress != nil {
		s.Progress(s.Counts.Sent)
	}
	return nil
}

var rate = regexp.MustCompile(`^([1-9][0-9]{0,5})/min$`)

// ParseRate reads a rate written as N/min as the least time between two
// sends; ok is false for anything else.
func ParseRate(s string) (interval time.Duration, ok bool) {
	r := rate.FindStringSubmatch(s)
	if r == nil {
		return 0, false
	}
	n, _ := strconv.Atoi(r[1])
	return time.Minute / time.Duration(n), true
}
