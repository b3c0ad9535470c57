package config

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// DefaultSendmailTimeout is how long the sendmail command may take for
// one message when sendmail_timeout is not set: generous, since msmtp
// and sendmail talk to a server before they exit, but a hung command
// must not hang decline.
const DefaultSendmailTimeout = 60 * time.Second

// MaxSendmailTimeout caps sendmail_timeout.
const MaxSendmailTimeout = time.Hour

// ParseTimeout reads a timeout as the file gives it: a duration with
// its unit ("90s", "2m", "1m30s") or a whole number of seconds ("90"),
// from one second to an hour. Empty is the default, returned as 0.
func ParseTimeout(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if n, nerr := strconv.ParseInt(s, 10, 64); nerr == nil {
		// Seconds; clamped first so that the product cannot overflow.
		d, err = time.Duration(min(max(n, -1), int64(MaxSendmailTimeout/time.Second)+1))*time.Second, nil
	}
	switch {
	case err != nil:
		return 0, errors.New("is not a time: write it like 90s, 2m or 1m30s (or a number of seconds)")
	case d < time.Second || d > MaxSendmailTimeout:
		return 0, errors.New("is out of range: give from 1s to 1h")
	}
	return d, nil
}

// SendmailWait is how long the sendmail command may take for one
// message: sendmail_timeout, or DefaultSendmailTimeout when it is not
// set. Parse has checked the value already.
func (c *Config) SendmailWait() time.Duration {
	if d, err := ParseTimeout(c.SendmailTimeout); err == nil && d > 0 {
		return d
	}
	return DefaultSendmailTimeout
}
