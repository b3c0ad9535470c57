package send

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/decline-cli/decline/internal/config"
)

// Entry is one line of the send log: a message the server accepted.
type Entry struct {
	MessageID string    `json:"message_id"`
	To        string    `json:"to"`
	Template  string    `json:"template,omitempty"`
	Time      time.Time `json:"time"`
	// Digest identifies the message apart from its Date and Message-ID,
	// which change from run to run: a rerun of the same batch makes the
	// same digests, and skips them.
	Digest string `json:"digest"`
}

// Log is the send log, $XDG_STATE_HOME/decline/sent.jsonl: one JSON
// object a line, appended after the server accepts each message.
type Log struct {
	Path string
	mu   sync.Mutex
	f    *os.File
	sent map[string]Entry
}

// LogPath is where the send log lives: $XDG_STATE_HOME/decline, or
// ~/.local/state/decline.
func LogPath(env config.Env) (string, error) {
	dir := env("XDG_STATE_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home := env("HOME")
		if home == "" {
			var err error
			if home, err = os.UserHomeDir(); err != nil {
				return "", errors.New("cannot find where to keep the send log: set HOME or XDG_STATE_HOME")
			}
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "decline", "sent.jsonl"), nil
}

// OpenLog reads the send log at path, creating it when it is missing,
// and opens it for appending. A line cut short by a crash is ignored:
// its message was accepted, but whether the line says so is unknowable,
// so it is the one message a rerun may send again.
func OpenLog(path string) (*Log, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the send log's folder: %v", cause(err))
	}
	l := &Log{Path: path, sent: map[string]Entry{}}
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("cannot read the send log %s: %v", path, cause(err))
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var e Entry
		if json.Unmarshal(sc.Bytes(), &e) == nil && e.Digest != "" {
			l.sent[e.Digest] = e
		}
	}
	if l.f, err = os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600); err != nil {
		return nil, fmt.Errorf("cannot write the send log %s: %v", path, cause(err))
	}
	// One sending run at a time: two would both send what the log does
	// not hold yet. The lock goes with the file when the process ends.
	if err := lockFile(l.f); err != nil {
		l.f.Close()
		return nil, fmt.Errorf("another decline is sending (it holds the send log %s): wait for it to end, then run again", path)
	}
	if n := len(data); n > 0 && data[n-1] != '\n' {
		// End the cut line, so the next entry starts a line of its own.
		if _, err := l.f.Write([]byte("\n")); err != nil {
			l.f.Close()
			return nil, fmt.Errorf("cannot write the send log %s: %v", path, cause(err))
		}
	}
	return l, nil
}

// Sent returns the entry of a message sent before, by its digest.
func (l *Log) Sent(digest string) (Entry, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	e, ok := l.sent[digest]
	return e, ok
}

// Record appends an entry and syncs it to disk before returning.
func (l *Log) Record(e Entry) error {
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, err := l.f.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("cannot write the send log %s: %v", l.Path, cause(err))
	}
	if err := l.f.Sync(); err != nil {
		return fmt.Errorf("cannot write the send log %s: %v", l.Path, cause(err))
	}
	l.sent[e.Digest] = e
	return nil
}

// Close closes the log.
func (l *Log) Close() error { return l.f.Close() }

// Digest identifies a message by its recipient and its text without the
// Date and Message-ID headers.
func Digest(to string, eml []byte) string {
	h := sha256.New()
	h.Write([]byte(to))
	h.Write([]byte{0})
	head, body, _ := bytes.Cut(eml, []byte("\n\n"))
	for line := range bytes.Lines(head) {
		if bytes.HasPrefix(line, []byte("Date: ")) || bytes.HasPrefix(line, []byte("Message-ID: ")) {
			continue
		}
		h.Write(line)
	}
	h.Write([]byte("\n"))
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// MessageID returns the Message-ID of a message, with its brackets.
func MessageID(eml []byte) string {
	head, _, _ := bytes.Cut(eml, []byte("\n\n"))
	for line := range bytes.Lines(head) {
		if v, ok := bytes.CutPrefix(line, []byte("Message-ID: ")); ok {
			return string(bytes.TrimSpace(v))
		}
	}
	return ""
}

func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
