package batch

import (
	"fmt"
	"io"
	"os"
	"sync/atomic"

	"github.com/decline-cli/decline/internal/oserr"
)

// Source is the input of a run, which can be read twice: a file, or an
// input that can be read only once (standard input, a pipe) saved to a
// temporary file.
type Source struct {
	Name    string // for messages
	path    string
	info    os.FileInfo // at the first open, to notice a change
	cleanup func()
}

// OnInterrupt registers a clean-up to run if the program is interrupted
// while it is registered; the returned function unregisters it.
type OnInterrupt func(func()) (remove func())

// OpenSource opens the input at path; "" or "-" is stdin. A pipe or
// standard input is saved to a temporary file, removed by Close or, when
// the program is interrupted, by the clean-up given to onInterrupt.
func OpenSource(path string, stdin io.Reader, onInterrupt OnInterrupt) (*Source, error) {
	if path == "" || path == "-" {
		return spool(stdin, "stdin", onInterrupt)
	}
	info, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, fmt.Errorf("cannot read %s: %v", path, oserr.Cause(err))
	case info.IsDir():
		return nil, fmt.Errorf("cannot read %s: it is a directory", path)
	case !info.Mode().IsRegular():
		// A pipe, such as <(command), can be read only once.
		in, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %v", path, oserr.Cause(err))
		}
		defer in.Close()
		return spool(in, path, onInterrupt)
	}
	return &Source{Name: path, path: path}, nil
}

// spool saves an input that can be read only once to a temporary file.
func spool(in io.Reader, name string, onInterrupt OnInterrupt) (*Source, error) {
	// The clean-up is registered before the file exists, so that no
	// Ctrl-C can come between the two and leave the file behind.
	var spooled atomic.Pointer[string]
	remove := func() {
		if p := spooled.Load(); p != nil {
			os.Remove(*p)
		}
	}
	unregister := onInterrupt(remove)
	tmp, err := os.CreateTemp("", "decline-batch-*.in")
	if err != nil {
		unregister()
		return nil, fmt.Errorf("cannot save %s for reading twice: %v", name, err)
	}
	path := tmp.Name()
	spooled.Store(&path)
	s := &Source{Name: name, path: path, cleanup: func() { unregister(); remove() }}
	_, err = io.Copy(tmp, in)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("cannot save %s for reading twice: %v", name, err)
	}
	return s, nil
}

// open opens the input for a pass. A file that changed since the first
// pass is an error, before anything is written.
func (s *Source) open() (*os.File, error) {
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

// Close removes a saved input.
func (s *Source) Close() {
	if s.cleanup != nil {
		s.cleanup()
	}
}
