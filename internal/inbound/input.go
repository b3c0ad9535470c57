package inbound

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"

	"github.com/decline-cli/decline/internal/oserr"
)

// Input is what a reply run reads: one message, or the messages of an
// mbox or a Maildir. Many messages are not kept: each call of Messages
// reads them again from the file (standard input's mailbox is first
// copied to a temporary file), so that a run can check all of them and
// then write, holding one at a time.
type Input struct {
	// Name is the input's name in locations: its path, or "-".
	Name string
	// Warn is told of each Maildir entry skipped as no message (a
	// *SkippedError), once however often the messages are read.
	Warn func(error)

	one    *Message
	oneErr error
	many   bool
	path   string   // the file or directory that Messages reads
	spool  *os.File // or the copy of standard input's mailbox
	size   int64    // of spool
	warned bool
}

// Open reads the input at path, or stdin when path is "" or "-", far
// enough to tell one message from many.
func Open(path string, stdin io.Reader, warn func(error)) (*Input, error) {
	in := &Input{Name: path, path: path, Warn: warn}
	if path == "" || path == "-" {
		in.Name, in.path = "-", ""
		br := bufio.NewReaderSize(stdin, 64<<10)
		if head, _ := br.Peek(5); string(head) != "From " {
			ReadStream(br, "-")(func(m *Message, err error) bool {
				in.one, in.oneErr = m, err
				return false
			})
			return in, nil
		}
		if err := in.keep(br); err != nil {
			return nil, err
		}
	} else if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, oserr.Cause(err))
	}
	// One pass as far as the second message tells one from many.
	var skipped []error
	n := 0
	for m, err := range in.read() {
		if s := (*SkippedError)(nil); errors.As(err, &s) {
			skipped = append(skipped, err)
			continue
		}
		if n++; n > 1 {
			in.many, in.one, in.oneErr = true, nil, nil
			return in, nil
		}
		in.one, in.oneErr = m, err
	}
	if n == 0 {
		in.many = true // nothing to answer, as a run over many
		return in, nil
	}
	in.warned = true
	for _, err := range skipped {
		in.warn(err)
	}
	return in, nil
}

// keep copies standard input's mailbox to a temporary file, to read
// it more than once. The file is removed at once where the system allows
// (it stays readable while open), so that an interrupted run leaves
// nothing behind; elsewhere Close removes it.
func (in *Input) keep(r io.Reader) error {
	f, err := os.CreateTemp("", "decline-mbox-*")
	if err == nil {
		in.spool = f
		if os.Remove(f.Name()) == nil {
			in.path = ""
		} else {
			in.path = f.Name()
		}
		in.size, err = io.Copy(f, r)
	}
	if err != nil {
		in.Close()
		return fmt.Errorf("cannot keep a copy of standard input's mailbox: %w", err)
	}
	return nil
}

// Close closes the copy of standard input, if one was made, and removes
// it if it is still there.
func (in *Input) Close() error {
	if in.spool == nil {
		return nil
	}
	err := in.spool.Close()
	if in.path != "" {
		err = errors.Join(err, os.Remove(in.path))
	}
	in.spool = nil
	return err
}

// Many reports whether the input holds more than one message (or none).
func (in *Input) Many() bool { return in.many }

// One returns the input's one message, or why it cannot be read.
func (in *Input) One() (*Message, error) { return in.one, in.oneErr }

// Messages gives the input's messages, reading them again on each call,
// as Read does (and with the same errors); skipped Maildir entries go to
// Warn on the first call only.
func (in *Input) Messages() iter.Seq2[*Message, error] {
	if !in.many {
		return func(yield func(*Message, error) bool) { yield(in.one, in.oneErr) }
	}
	first := !in.warned
	in.warned = true
	return func(yield func(*Message, error) bool) {
		for m, err := range in.read() {
			if s := (*SkippedError)(nil); errors.As(err, &s) {
				if first {
					in.warn(err)
				}
				continue
			}
			if !yield(m, err) {
				return
			}
		}
	}
}

func (in *Input) warn(err error) {
	if in.Warn != nil {
		in.Warn(err)
	}
}

// read reads the file or directory at in.path, or the copy of standard
// input, naming it in.Name.
func (in *Input) read() iter.Seq2[*Message, error] {
	if in.spool == nil {
		return Read(in.path)
	}
	return ReadStream(io.NewSectionReader(in.spool, 0, in.size), in.Name)
}
