package batch

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/decline-cli/decline/internal/oserr"
)

// OutputFile is one file the replies go to: they are written to a
// temporary file beside it, renamed over it only when the run wrote them
// all, so that a failed run leaves neither an empty nor a partial file.
type OutputFile struct {
	path string
	Tmp  *os.File
	done bool
}

// CreateOutput starts writing path; onInterrupt registers a clean-up for
// Ctrl-C. discard removes the temporary file unless Commit moved it into
// place.
func CreateOutput(path string, onInterrupt func(func()) func()) (out *OutputFile, discard func(), err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, nil, fmt.Errorf("cannot write %s: %v", path, oserr.Cause(err))
	}
	out = &OutputFile{path: path, Tmp: tmp}
	unregister := onInterrupt(out.discard)
	return out, func() { unregister(); out.discard() }, nil
}

// Commit moves the finished file into place.
func (o *OutputFile) Commit() error {
	err := o.Tmp.Sync()
	if cerr := o.Tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(o.Tmp.Name(), o.path)
	}
	if err != nil {
		os.Remove(o.Tmp.Name())
		return fmt.Errorf("cannot write %s: %v; nothing was written", o.path, oserr.Cause(err))
	}
	o.done = true
	return nil
}

// discard removes the temporary file unless it was committed.
func (o *OutputFile) discard() {
	if !o.done {
		o.Tmp.Close()
		os.Remove(o.Tmp.Name())
	}
}
