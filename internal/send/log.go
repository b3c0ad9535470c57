package send

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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

// ShownAddress is an address as messages show it: NormalAddress, its
// local part quoted when it must be ("a b"@example.com), as the
// message carries it.
func ShownAddress(to string) string {
	if a, err := deliver.ParseAddress(to); err == nil {
		return strings.ToLower(deliver.AddrSpec(a.Address))
	}
	return NormalAddress(to)
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
// appended after the server accepts each message. Of each line it keeps
// in memory only a hash of its Key and its time, so that a log of
// hundreds of thousands of lines costs a few megabytes.
type Log struct {
	Path string
	// drafts is a log of drafts saved (drafts.jsonl): its messages
	// speak of drafts saved, not of messages sent.
	drafts bool
	mu     sync.Mutex
	f      *os.File
	sent   map[keyHash]int64 // Unix nanoseconds
}

// keyHash is what the log keeps of a Key: 128 bits of its SHA-256.
type keyHash [16]byte

func hashKey(key string) keyHash {
	sum := sha256.Sum256([]byte(key))
	return keyHash(sum[:16])
}

// maxLine is the longest line the log reads: its own lines are a few
// hundred bytes, so a longer one is damage.
const maxLine = 64 << 10

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

// OpenLog opens the send log at path, creating it when it is missing,
// takes its lock and reads it line by line. The log must be a regular
// file. A line it cannot read stops the run: skipping it would send that
// message again. So does a last line cut short by a crash, which most
// likely records a message the server accepted.
func OpenLog(path string) (*Log, error) {
	l := &Log{Path: path, drafts: filepath.Base(path) == "drafts.jsonl", sent: map[keyHash]int64{}}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the %s's folder: %v", l.noun(), cause(err))
	}
	// A FIFO would hang the open and a device the read: look first.
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		return nil, l.notRegular()
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot open the %s %s: %v", l.noun(), path, cause(err))
	}
	l.f = f
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, l.notRegular()
	}
	// One sending run at a time: two would both send what the log does
	// not hold yet. The lock goes with the file when the process ends.
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("another decline is sending or saving drafts (it holds the log %s): wait for it to end, then run again", path)
	}
	if err := l.read(); err != nil {
		f.Close()
		return nil, err
	}
	return l, nil
}

func (l *Log) notRegular() error {
	return fmt.Errorf("the %s %s is not a regular file: move it away (decline creates a new one), or set XDG_STATE_HOME to another folder", l.noun(), l.Path)
}

// noun names the log in its messages: the send log, or the drafts log.
func (l *Log) noun() string {
	if l.drafts {
		return "drafts log"
	}
	return "send log"
}

// done is what happened to a message the log holds: sent, or saved as
// a draft; folder is where the user checks for it.
func (l *Log) done() (done, folder string) {
	if l.drafts {
		return "saved as a draft", "Drafts"
	}
	return "sent", "Sent"
}

// read streams the log into l.sent.
func (l *Log) read() error {
	r := bufio.NewReaderSize(l.f, 32<<10)
	for n := 1; ; n++ {
		line, err := readLine(r)
		if err == io.EOF && line == nil {
			return nil
		}
		place := fmt.Sprintf("%s:%d", l.Path, n)
		done, folder := l.done()
		switch {
		case err == errLong:
			return fmt.Errorf("%s: the %s's line is too long to be one of its entries: delete that line if it is junk, or fix it, then run again", place, l.noun())
		case err == io.EOF:
			// No line end: decline stopped while writing this line.
			return fmt.Errorf("%s: the %s's last line is cut short (decline stopped while writing it?): the message it records was most likely %s; finish the line or delete it (check your %s folder first), then run again", place, l.noun(), done, folder)
		case err != nil:
			return fmt.Errorf("cannot read the %s %s: %v", l.noun(), l.Path, cause(err))
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var e Entry
		jerr := json.Unmarshal(line, &e)
		if jerr == nil && e.To == "" && e.Address == "" && e.MessageID != "" {
			// A draft saved with no recipient yet, as an earlier
			// version logged it: nothing to know it by, so nothing a
			// later run could skip.
			continue
		}
		if jerr != nil || (e.To == "" && e.Address == "") {
			return fmt.Errorf("%s: the %s has a line it cannot read, so it cannot tell whether that message was %s: fix or delete that line, then run again", place, l.noun(), done)
		}
		l.sent[hashKey(e.key())] = e.Time.UnixNano()
	}
}

var errLong = errors.New("line too long")

// readLine returns the next line with its line end, or what is left of
// it at the end of the file with io.EOF; the line is valid until the
// next read.
func readLine(r *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if line == nil && err != bufio.ErrBufferFull && len(chunk) > 0 {
			return chunk, err // the usual line, valid until the next read
		}
		if len(line)+len(chunk) > maxLine {
			return nil, errLong
		}
		line = append(line, chunk...)
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && len(line) == 0:
			return nil, io.EOF
		}
		return line, err
	}
}

// Sent returns the entry of a message sent before, by its Key: only
// its Time is known.
func (l *Log) Sent(key string) (Entry, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	t, ok := l.sent[hashKey(key)]
	if !ok {
		return Entry{}, false
	}
	return Entry{Time: time.Unix(0, t)}, true
}

// Record appends an entry and syncs it to disk before returning. An
// entry with no recipient (a draft whose address is to be filled in)
// is not kept: nothing could know it again.
func (l *Log) Record(e Entry) error {
	if e.To == "" && e.Address == "" {
		return nil
	}
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, err := l.f.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("cannot write the %s %s: %v", l.noun(), l.Path, cause(err))
	}
	if err := l.f.Sync(); err != nil {
		return fmt.Errorf("cannot write the %s %s: %v", l.noun(), l.Path, cause(err))
	}
	l.sent[hashKey(e.key())] = e.Time.UnixNano()
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
