package batch

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"

	"github.com/decline-cli/decline/internal/oserr"
)

// Source is the input of a run, which can be read twice: a file, or an
// input that can be read only once (standard input, a pipe). The first
// pass over such a stream reads it directly, checking rows as they come
// (so a bad header is reported at once), and saves what it reads to a
// temporary file for the second pass. That file is removed as soon as it
// is created and read through its open descriptor, so no copy of the
// input is left behind however decline ends (Ctrl-C, SIGPIPE from
// `| head`, SIGKILL).
type Source struct {
	Name string // for messages
	path string
	info os.FileInfo // at the first open, to notice a change

	stream    io.Reader // an input read once, or nil
	closer    io.Closer // of a stream decline opened
	spool     *os.File  // the saved stream, already removed
	limit     int64     // at most this many bytes are saved (0: no limit)
	onePass   bool      // the input is read once: nothing is saved
	passes    int
	stdinInfo os.FileInfo // standard input redirected from a file
	complete  bool        // the first pass saved the whole stream
}

// OnInterrupt registers a clean-up to run if the program is interrupted
// while it is registered; the returned function unregisters it.
type OnInterrupt func(func()) (remove func())

// SourceOptions say how a stream is read.
type SourceOptions struct {
	// OnePass: the input is read once (a dry run), so a stream is not
	// saved.
	OnePass bool
	// SpoolLimit caps the bytes of a stream saved for the second pass;
	// 0 is no limit.
	SpoolLimit int64
	// OnInterrupt is told of the temporary file for the moment between
	// its creation and its removal. It may be nil.
	OnInterrupt OnInterrupt
}

// SpoolLimitError is a stream longer than the limit on what is saved of
// it.
type SpoolLimitError struct {
	Name  string
	Limit int64
}

func (e *SpoolLimitError) Error() string {
	return fmt.Sprintf("%s is longer than %s, the most decline saves of a stream for its second pass", e.Name, FormatSize(e.Limit))
}

// spoolError is a failure to save a stream, such as a full disk.
type spoolError struct {
	name string
	err  error
}

func (e *spoolError) Error() string {
	return fmt.Sprintf("cannot save %s for the second pass in the temporary directory: %v", e.name, oserr.Cause(e.err))
}

// OpenSource opens the input at path; "" or "-" is stdin.
func OpenSource(path string, stdin io.Reader, opt SourceOptions) (*Source, error) {
	if path == "" || path == "-" {
		if f, ok := stdin.(*os.File); ok {
			if info, err := f.Stat(); err == nil && info.IsDir() {
				return nil, errors.New("cannot read stdin: it is a directory")
			}
		}
		s, err := newStream(stdin, nil, "stdin", opt)
		if f, ok := stdin.(*os.File); ok && err == nil {
			if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
				s.stdinInfo = info
			}
		}
		return s, err
	}
	info, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, fmt.Errorf("cannot read %s: %v", path, oserr.Cause(err))
	case info.IsDir():
		return nil, fmt.Errorf("cannot read %s: it is a directory", path)
	case !info.Mode().IsRegular():
		// A pipe, such as <(command), or a device can be read only once.
		in, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %v", path, oserr.Cause(err))
		}
		return newStream(in, in, path, opt)
	}
	return &Source{Name: path, path: path}, nil
}

// newStream makes the source of an input that can be read only once, with
// a removed temporary file to save it in unless it is read once.
func newStream(in io.Reader, closer io.Closer, name string, opt SourceOptions) (*Source, error) {
	s := &Source{Name: name, stream: in, closer: closer, limit: opt.SpoolLimit, onePass: opt.OnePass}
	if opt.OnePass {
		return s, nil
	}
	// The clean-up is registered before the file exists, so that no
	// Ctrl-C can come between its creation and its removal.
	var spooled atomic.Pointer[string]
	unregister := func() {}
	if opt.OnInterrupt != nil {
		unregister = opt.OnInterrupt(func() {
			if p := spooled.Load(); p != nil {
				os.Remove(*p)
			}
		})
	}
	defer unregister()
	tmp, err := os.CreateTemp("", "decline-batch-*.in")
	if err != nil {
		s.Close()
		return nil, &spoolError{name, err}
	}
	p := tmp.Name()
	spooled.Store(&p)
	if err := os.Remove(p); err != nil {
		tmp.Close()
		s.Close()
		return nil, &spoolError{name, err}
	}
	s.spool = tmp
	return s, nil
}

// Info describes the input file, or the file standard input was
// redirected from; nil for a pipe.
func (s *Source) Info() os.FileInfo {
	if s.info == nil && s.stream != nil && s.stdinInfo != nil {
		return s.stdinInfo
	}
	return s.info
}

// open opens the input for a pass. A file that changed since the first
// pass is an error, before anything is written.
func (s *Source) open() (io.ReadCloser, error) {
	s.passes++
	if s.stream != nil {
		return s.openStream()
	}
	in, err := os.Open(s.path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", s.Name, oserr.Cause(err))
	}
	info, err := in.Stat()
	if err != nil {
		in.Close()
		return nil, fmt.Errorf("cannot read %s: %v", s.Name, oserr.Cause(err))
	}
	if s.info == nil {
		s.info = info
	} else if info.Size() != s.info.Size() || !info.ModTime().Equal(s.info.ModTime()) {
		in.Close()
		return nil, fmt.Errorf("%s changed while it was being checked; nothing was written, run again", s.Name)
	}
	return in, nil
}

func (s *Source) openStream() (io.ReadCloser, error) {
	switch {
	case s.passes == 1 && s.onePass:
		return io.NopCloser(s.stream), nil
	case s.passes == 1:
		return io.NopCloser(&teeReader{s: s}), nil
	case s.onePass || !s.complete:
		return nil, fmt.Errorf("cannot read %s twice: it was not read to its end", s.Name)
	}
	size, err := s.spool.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, &spoolError{s.Name, err}
	}
	return io.NopCloser(io.NewSectionReader(s.spool, 0, size)), nil
}

// teeReader reads the stream and saves what it reads, within the limit.
type teeReader struct {
	s       *Source
	written int64
}

func (t *teeReader) Read(p []byte) (int, error) {
	n, err := t.s.stream.Read(p)
	if n > 0 {
		t.written += int64(n)
		if t.s.limit > 0 && t.written > t.s.limit {
			return 0, &SpoolLimitError{t.s.Name, t.s.limit}
		}
		if _, werr := t.s.spool.Write(p[:n]); werr != nil {
			return 0, &spoolError{t.s.Name, werr}
		}
	}
	if err == io.EOF {
		t.s.complete = true
	}
	return n, err
}

// Close releases a saved input.
func (s *Source) Close() {
	if s.spool != nil {
		s.spool.Close()
		s.spool = nil
	}
	if s.closer != nil {
		s.closer.Close()
		s.closer = nil
	}
}

// FormatSize writes a byte count as people read it: 1 GiB, 512 MiB,
// 100 KiB, 10 bytes.
func FormatSize(n int64) string {
	for _, u := range []struct {
		shift int
		name  string
	}{{30, "GiB"}, {20, "MiB"}, {10, "KiB"}} {
		if n >= 1<<u.shift && n%(1<<u.shift) == 0 {
			return fmt.Sprintf("%d %s", n>>u.shift, u.name)
		}
	}
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}

// Open opens what a run reads and writes: the input at path (see
// OpenSource) as Source, and, when dir is not "", the output directory
// (see OpenDir) as Dir, closed on an interrupt too. output, the file
// the replies will replace, must not be the input: a *SameFileError.
// close closes what was opened, the directory first.
func (r *Run) Open(path string, stdin io.Reader, opt SourceOptions, output, dir string, replace bool) (close func(), err error) {
	src, err := OpenSource(path, stdin, opt)
	if err != nil {
		return nil, err
	}
	r.Source = src
	c := closers{func() { src.Close() }}
	if err := CheckOutput(output, src); err != nil {
		c.Close()
		return nil, err
	}
	if dir != "" {
		if r.Dir, err = OpenDir(dir, replace); err != nil {
			c.Close()
			return nil, err
		}
		remove := func() {}
		if opt.OnInterrupt != nil {
			remove = opt.OnInterrupt(func() { r.Dir.Close() })
		}
		c = append(closers{func() { r.Dir.Close() }, remove}, c...)
	}
	return func() { c.Close() }, nil
}
