package inbound

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/decline-cli/decline/internal/oserr"
	"github.com/decline-cli/decline/internal/safetext"
)

// Read gives the messages at path: every message of a Maildir directory
// (one with cur/ and new/), every message of an mbox file (one whose
// first line is a From_ line), or the one message of any other file. A
// message that cannot be parsed yields its LocatedError and the others
// still come; an error that ends the reading (a file that cannot be
// opened or read) is yielded last.
func Read(path string) iter.Seq2[*Message, error] {
	return func(yield func(*Message, error) bool) {
		fi, err := os.Stat(path)
		if err != nil {
			yield(nil, err)
			return
		}
		if fi.IsDir() {
			Maildir(path)(yield)
			return
		}
		f, err := os.Open(path)
		if err != nil {
			yield(nil, err)
			return
		}
		defer f.Close()
		ReadStream(f, path)(yield)
	}
}

// ReadStream gives the messages of r, named name in locations (a path,
// or "-" for standard input): those of an mbox when its first line is a
// From_ line, else the one message r holds.
func ReadStream(r io.Reader, name string) iter.Seq2[*Message, error] {
	return func(yield func(*Message, error) bool) {
		br := bufio.NewReaderSize(r, 64<<10)
		head, err := br.Peek(5)
		if err != nil && err != io.EOF {
			yield(nil, err)
			return
		}
		if string(head) == "From " {
			Mbox(br, name)(yield)
			return
		}
		m, err := Parse(br)
		if err != nil {
			yield(nil, &LocatedError{Where: name, Err: err})
			return
		}
		m.Where = name
		yield(m, nil)
	}
}

// IsMaildir reports whether dir looks like a Maildir: it has cur/ and
// new/ directories.
func IsMaildir(dir string) bool {
	for _, sub := range []string{"cur", "new"} {
		if fi, err := os.Stat(filepath.Join(dir, sub)); err != nil || !fi.IsDir() {
			return false
		}
	}
	return true
}

// Maildir gives the messages of the Maildir dir: the files of cur/ and
// new/ (never tmp/, where deliveries are still being written), skipping
// names that start with a dot and messages flagged as trashed (":2,"
// flags holding T), in the order of their names, which start with the
// time of delivery. Each message's Where is its path.
func Maildir(dir string) iter.Seq2[*Message, error] {
	return func(yield func(*Message, error) bool) {
		if !IsMaildir(dir) {
			yield(nil, fmt.Errorf("%s is not a Maildir: it has no cur and new directories", dir))
			return
		}
		type entry struct {
			name, path string
			link       bool
		}
		var files []entry
		for _, sub := range []string{"cur", "new"} {
			des, err := os.ReadDir(filepath.Join(dir, sub))
			if err != nil {
				yield(nil, err)
				return
			}
			for _, de := range des {
				if !strings.HasPrefix(de.Name(), ".") && !trashed(de.Name()) {
					files = append(files, entry{de.Name(), filepath.Join(dir, sub, de.Name()), de.Type()&os.ModeSymlink != 0})
				}
			}
		}
		slices.SortFunc(files, func(a, b entry) int {
			return cmpOr(strings.Compare(a.name, b.name), strings.Compare(a.path, b.path))
		})
		for _, e := range files {
			if e.link {
				// A link may lead out of the Maildir, to any file the
				// user can read: it is not followed.
				_, err := os.Stat(e.path)
				if !yield(nil, &SkippedError{Path: e.path, Mode: os.ModeSymlink, Dangling: err != nil}) {
					return
				}
				continue
			}
			m, err := parseEntry(e.path)
			if !yield(m, err) {
				return
			}
		}
	}
}

// SkippedError is a Maildir entry that is not a regular file (a
// directory, a named pipe, a device, a symbolic link): it holds no message and is skipped,
// not counted as a bad message.
type SkippedError struct {
	Path string
	Mode os.FileMode
	// Dangling is a symbolic link to nothing.
	Dangling bool
}

func (e *SkippedError) Error() string {
	what := "not a regular file"
	switch {
	case e.Dangling:
		what = "a symbolic link to nothing"
	case e.Mode&os.ModeSymlink != 0:
		what = "a symbolic link (not followed)"
	case e.Mode.IsDir():
		what = "a directory"
	case e.Mode&os.ModeNamedPipe != 0:
		what = "a named pipe"
	case e.Mode&os.ModeDevice != 0:
		what = "a device"
	case e.Mode&os.ModeSocket != 0:
		what = "a socket"
	}
	// The name is the directory's, anyone's to choose: escaped, so that
	// it cannot reach the terminal as control codes.
	return safetext.Escape(e.Path) + ": skipped: " + what + ", not a message"
}

// parseEntry parses the Maildir file at path, opened without waiting
// and checked on the open file: anything but a regular file (a named
// pipe would block the read, a link to a device would feed it forever)
// is a SkippedError.
func parseEntry(path string) (*Message, error) {
	f, err := oserr.OpenNoWait(path)
	if err != nil {
		return nil, &LocatedError{Where: path, Err: err}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, &LocatedError{Where: path, Err: err}
	}
	if !fi.Mode().IsRegular() {
		return nil, &SkippedError{Path: path, Mode: fi.Mode()}
	}
	if fi.Size() > MaxSize {
		return nil, &LocatedError{Where: path, Err: TooLargeError{}}
	}
	m, err := parse(f, int(fi.Size()))
	if err != nil {
		return nil, &LocatedError{Where: path, Err: err}
	}
	m.Where = path
	return m, nil
}

// trashed reports a Maildir file name whose flags mark it trashed: a
// client has deleted it and will remove it when the folder is expunged.
func trashed(name string) bool {
	_, flags, ok := strings.Cut(name, ":2,")
	return ok && strings.Contains(flags, "T")
}

func cmpOr(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

// maxLine caps one line of an mbox: no line of a message may be longer
// than the message.
const maxLine = MaxSize

// Mbox gives the messages of an mbox read from r, named name in
// locations: each starts at a From_ line ("From " at the start of a
// line, the first line of the file included), and its lines that were
// escaped as ">From ", ">>From " and so on lose one '>' (mboxrd; for
// mboxo this is also right, but for lines that began with ">From " in
// the original). Each message's Where is NAME:LINE, LINE being the line
// of its From_ line.
func Mbox(r io.Reader, name string) iter.Seq2[*Message, error] {
	return func(yield func(*Message, error) bool) {
		br, ok := r.(*bufio.Reader)
		if !ok {
			br = bufio.NewReaderSize(r, 64<<10)
		}
		var (
			buf       []byte
			lineNo    int
			start     int  // line number of the current message's From_ line
			tooLarge  bool // the current message is over MaxSize
			havePrior bool // the previous line was blank (a From_ line may follow)
		)
		flush := func() bool {
			if start == 0 {
				return true
			}
			where := name + ":" + strconv.Itoa(start)
			if tooLarge {
				return yield(nil, &LocatedError{Where: where, Err: TooLargeError{}})
			}
			m, err := parseBytes(trimFinalBlank(buf))
			if err != nil {
				return yield(nil, &LocatedError{Where: where, Err: err})
			}
			m.Where = where
			return yield(m, nil)
		}
		for {
			line, err := readLine(br)
			if len(line) > 0 {
				lineNo++
				switch {
				case bytes.HasPrefix(line, []byte("From ")) && (lineNo == 1 || havePrior):
					if !flush() {
						return
					}
					buf, start, tooLarge = buf[:0], lineNo, false
				case lineNo == 1:
					yield(nil, &LocatedError{Where: name + ":1", Err: errors.New("this is not an mbox: the first line is not a From_ line")})
					return
				default:
					if isEscapedFrom(line) {
						line = line[1:]
					}
					if !tooLarge && len(buf)+len(line) > MaxSize {
						tooLarge, buf = true, buf[:0]
					}
					if !tooLarge {
						buf = append(buf, line...)
					}
				}
				havePrior = len(bytes.TrimRight(line, "\r\n")) == 0
			}
			if err == io.EOF {
				flush()
				return
			}
			if err != nil {
				yield(nil, &LocatedError{Where: name + ":" + strconv.Itoa(lineNo+1), Err: err})
				return
			}
		}
	}
}

// readLine returns the next line of br with its line ending, reading no
// more than maxLine bytes of it: the rest of a longer line is dropped
// (and the message it is in is then over MaxSize anyway).
func readLine(br *bufio.Reader) ([]byte, error) {
	line, err := br.ReadSlice('\n')
	if err != bufio.ErrBufferFull {
		return line, err // valid until the next read, by when it is copied
	}
	out := append([]byte(nil), line...)
	for err == bufio.ErrBufferFull {
		line, err = br.ReadSlice('\n')
		if len(out) <= maxLine {
			out = append(out, line...)
		}
	}
	return out, err
}

// isEscapedFrom reports a line of the form ">From ", ">>From " and so on.
func isEscapedFrom(line []byte) bool {
	i := 0
	for i < len(line) && line[i] == '>' {
		i++
	}
	return i > 0 && bytes.HasPrefix(line[i:], []byte("From "))
}

// trimFinalBlank drops the blank line an mbox writer puts between
// messages, which is not part of the message before it.
func trimFinalBlank(b []byte) []byte {
	switch {
	case bytes.HasSuffix(b, []byte("\r\n\r\n")):
		return b[:len(b)-2]
	case bytes.HasSuffix(b, []byte("\n\n")):
		return b[:len(b)-1]
	}
	return b
}
