package send

import (
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/decline-cli/decline/internal/config"
)

// NewRun opens the log for a run, sent.jsonl for sending, or
// drafts.jsonl for saving drafts; Close closes it and the transport.
func NewRun(env config.Env, drafts bool) (*Run, error) {
	name := "sent.jsonl"
	if drafts {
		name = "drafts.jsonl"
	}
	path, err := LogPath(env, name)
	if err != nil {
		return nil, err
	}
	log, err := OpenLog(path)
	if err != nil {
		return nil, err
	}
	return &Run{Log: log}, nil
}

// Close closes the run's transport, when it was opened, and its log.
func (r *Run) Close() {
	if r.Transport != nil {
		r.Transport.Close()
	}
	r.Log.Close()
}

// Via names where the configuration sends: the SMTP server's host and
// port, or the sendmail command.
func Via(c *config.Config) string {
	if c.Sendmail != "" {
		return c.Sendmail
	}
	if c.SMTP != nil {
		return c.SMTP.Addr()
	}
	return ""
}

// rate is compiled on first use: start-up pays for nothing it does not
// need.
var rate = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([1-9][0-9]{0,5})/min$`) })

// ParseRate reads a rate written as N/min as the least time between two
// sends; ok is false for anything else.
func ParseRate(s string) (interval time.Duration, ok bool) {
	r := rate().FindStringSubmatch(s)
	if r == nil {
		return 0, false
	}
	n, _ := strconv.Atoi(r[1])
	return time.Minute / time.Duration(n), true
}
