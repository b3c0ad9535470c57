package batch

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"github.com/decline-cli/decline/internal/oserr"
	"github.com/decline-cli/decline/internal/safetext"
)

// SameFileError is an output file that is the input itself (by its path
// or through a link): writing it would lose the requests.
type SameFileError struct{ Path string }

func (e *SameFileError) Error() string {
	return e.Path + " is the input file, which the replies must not replace"
}

// OutputFile is one file of replies, written beside its final place and
// moved there only when the run wrote them all, so that a failed run
// leaves neither an empty nor a partial file. A symbolic link is
// followed: its target is replaced, not the link. An existing file keeps
// its permissions; a new one gets 0666 less the umask, like any file.
type OutputFile struct {
	Path string // as given, for messages
	*os.File

	target string
	done   bool
	direct bool // a device or a pipe, written in place
}

// CheckOutput fails when path is the input file: the source's.
func CheckOutput(path string, src *Source) error {
	input := src.Info()
	if input == nil && src.path != "" {
		input, _ = os.Stat(src.path)
	}
	if input == nil || path == "" {
		return nil
	}
	if info, err := os.Stat(path); err == nil && os.SameFile(info, input) {
		return &SameFileError{path}
	}
	return nil
}

// OutputDirError is an output file that is a directory.
type OutputDirError struct{ Path string }

func (e *OutputDirError) Error() string {
	return e.Path + " is a directory, which the replies cannot replace"
}

// CreateOutput starts the file at path, which must not be the input.
func CreateOutput(path string, src *Source) (*OutputFile, error) {
	if err := CheckOutput(path, src); err != nil {
		return nil, err
	}
	// A device or a pipe (/dev/null, a FIFO, >(gzip > f), whose
	// /dev/fd link cannot be resolved to a path) is written as it is:
	// there is nothing to replace atomically.
	if info, err := os.Stat(path); err == nil && info.Mode()&(fs.ModeDevice|fs.ModeCharDevice|fs.ModeNamedPipe|fs.ModeSocket) != 0 {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return nil, fmt.Errorf("cannot write %s: %v", path, oserr.Cause(err))
		}
		return &OutputFile{Path: path, File: f, target: path, direct: true}, nil
	}
	target := path
	if info, err := os.Lstat(path); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		if target, err = filepath.EvalSymlinks(path); err != nil {
			to, _ := os.Readlink(path)
			return nil, fmt.Errorf("%s is a symbolic link to %s, which cannot be followed: %v", path, safetext.Quote(to), oserr.Cause(err))
		}
	}
	mode := fs.FileMode(0)
	if info, err := os.Stat(target); err == nil {
		switch {
		case info.IsDir():
			return nil, &OutputDirError{Path: path}
		case !info.Mode().IsRegular():
			return nil, fmt.Errorf("%s is not a regular file, which the replies could replace", path)
		}
		mode = info.Mode().Perm()
	}
	name := filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+"."+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %v", path, oserr.Cause(err))
	}
	if mode != 0 {
		if err := f.Chmod(mode); err != nil {
			f.Close()
			os.Remove(name)
			return nil, fmt.Errorf("cannot write %s: %v", path, oserr.Cause(err))
		}
	}
	return &OutputFile{Path: path, File: f, target: target}, nil
}

// Commit moves the finished file into place.
func (o *OutputFile) Commit() error {
	if o.direct {
		o.done = true
		if err := o.Close(); err != nil {
			return fmt.Errorf("cannot write %s: %v", o.Path, oserr.Cause(err))
		}
		return nil
	}
	err := o.Sync()
	if cerr := o.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(o.Name(), o.target)
	}
	if err != nil {
		os.Remove(o.Name())
		return fmt.Errorf("cannot write %s: %v; nothing was written", o.Path, oserr.Cause(err))
	}
	o.done = true
	return nil
}

// Discard removes the temporary file unless it was committed.
func (o *OutputFile) Discard() {
	if !o.done {
		o.Close()
		if !o.direct {
			os.Remove(o.Name())
		}
	}
}

// Committed reports whether the file is in place.
func (o *OutputFile) Committed() bool { return o.done }
