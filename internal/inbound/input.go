package inbound

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"

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
	// stamp is what the file or Maildir at path looked like when Open
	// read it; Changed compares it with what it looks like now.
	stamp *stamp
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
	} else {
		st, err := stampOf(path)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", path, oserr.Cause(err))
		}
		in.stamp = st
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
// input, naming it in.Name. A file is read as far as its size when Open
// saw it, so that every pass reads the same messages even while mail is
// appended to it (Changed says so).
func (in *Input) read() iter.Seq2[*Message, error] {
	if in.spool != nil {
		return ReadStream(io.NewSectionReader(in.spool, 0, in.size), in.Name)
	}
	if in.stamp == nil || in.stamp.dir {
		return Read(in.path)
	}
	return func(yield func(*Message, error) bool) {
		f, err := os.Open(in.path)
		if err != nil {
			yield(nil, err)
			return
		}
		defer f.Close()
		ReadStream(io.LimitReader(f, in.stamp.size), in.path)(yield)
	}
}

// Changed reports, with a ChangedError, that the mailbox file or Maildir
// Open read is not as it was then: mail was added to it, removed from it
// or rewritten, or it was replaced, so that a later pass would read
// other messages than the first. Standard input, of which decline keeps
// its own copy, never changes.
func (in *Input) Changed() error {
	if in.stamp == nil {
		return nil
	}
	now, err := stampOf(in.path)
	if err == nil && now.same(in.stamp) {
		return nil
	}
	return &ChangedError{Path: in.path, Dir: in.stamp.dir}
}

// ChangedError is a mailbox that changed while decline read it.
type ChangedError struct {
	Path string
	Dir  bool
}

func (e *ChangedError) Error() string {
	what := "mailbox"
	if e.Dir {
		what = "Maildir"
	}
	return fmt.Sprintf("the %s %s changed while it was being read (mail was added, removed or rewritten), so the messages checked are not the ones that would be answered; nothing was written: answer it again when nothing else writes to it, or a copy of it", what, e.Path)
}

// stamp is what a file or a Maildir looked like: the file itself, its
// size and time of change; a Maildir's cur and new directories, whose
// times change when a message comes, goes or is renamed.
type stamp struct {
	dir   bool
	size  int64
	infos []os.FileInfo
}

func stampOf(path string) (*stamp, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return &stamp{size: fi.Size(), infos: []os.FileInfo{fi}}, nil
	}
	st := &stamp{dir: true}
	for _, sub := range []string{"cur", "new"} {
		if fi, err := os.Stat(filepath.Join(path, sub)); err == nil {
			st.infos = append(st.infos, fi)
		}
	}
	return st, nil
}

func (s *stamp) same(o *stamp) bool {
	if s.dir != o.dir || s.size != o.size || len(s.infos) != len(o.infos) {
		return false
	}
	for i, a := range s.infos {
		b := o.infos[i]
		if !os.SameFile(a, b) || a.Size() != b.Size() || !a.ModTime().Equal(b.ModTime()) {
			return false
		}
	}
	return true
}
