package send

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/deliver"
)

// Entry is one line of the send log: a message the server accepted,
// or a draft the mailbox took.
type Entry struct {
	MessageID string `json:"message_id"`
	To        string `json:"to"`
	// Address is To without its display name, in lower case; Kind and
	// Lang are the kind and language of the reply. The three are what
	// a later run knows the message by (see Key).
	Address  string    `json:"address,omitempty"`
	Kind     string    `json:"kind,omitempty"`
	Lang     string    `json:"lang,omitempty"`
	Template string    `json:"template,omitempty"`
	Time     time.Time `json:"time"`
}

// key is the entry's Key. A line written before the log held the
// address, kind and language takes them from its recipient and its
// template's id (KIND/RELATIONSHIP/TONE), and English.
func (e *Entry) key() string {
	addr, kind := e.Address, e.Kind
	if addr == "" {
		addr = NormalAddress(e.To)
	}
	if kind == "" {
		kind, _, _ = strings.Cut(e.Template, "/")
	}
	return Key(addr, kind, e.Lang)
}

// Key is what the log knows a message by: the recipient's address,
// compared without regard to case, and the kind and the language of the
// reply. The same kind of reply to the same person is sent once, even
// when its wording or the way the address is written changed.
func Key(to, kind, lang string) string {
	if lang == "" {
		lang = "en"
	}
	return NormalAddress(to) + "\x00" + kind + "\x00" + lang
}

// NormalAddress is an address as the log compares it: without its
// display name, in lower case. Most servers treat the local part
// without regard to case too, and a reply to PAT@ and pat@ is one reply.
func NormalAddress(to string) string {
	if a, err := deliver.ParseAddress(to); err == nil {
		to = a.Address
	}
	return strings.ToLower(strings.TrimSpace(to))
}

// Log is the send log, $XDG_STATE_HOME/decline/sent.jsonl, or the log
// of drafts saved, drafts.jsonl beside it: one JSON object a line,
// appended after the server accepts each message.
type Log struct {
	Path string
	mu   sync.Mutex
	f    *os.File
	sent map[string]Entry
}

// LogPath is where the log lives: $XDG_STATE_HOME/decline, or
// ~/.local/state/decline; name is sent.jsonl or drafts.jsonl.
func LogPath(env config.Env, name string) (string, error) {
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
	return filepath.Join(dir, "decline", name), nil
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
		if json.Unmarshal(sc.Bytes(), &e) == nil && (e.To != "" || e.Address != "") {
			l.sent[e.key()] = e
		}
	}
	if l.f, err = os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600); err != nil {
		return nil, fmt.Errorf("cannot write the send log %s: %v", path, cause(err))
	}
	// One sending run at a time: two would both send what the log does
	// not hold yet. The lock goes with the file when the process ends.
	if err := lockFile(l.f); err != nil {
		l.f.Close()
		return nil, fmt.Errorf("another decline is sending or saving drafts (it holds the log %s): wait for it to end, then run again", path)
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

// Sent returns the entry of a message sent before, by its Key.
func (l *Log) Sent(key string) (Entry, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	e, ok := l.sent[key]
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
	l.sent[e.key()] = e
	return nil
}

// Close closes the log.
func (l *Log) Close() error { return l.f.Close() }

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
