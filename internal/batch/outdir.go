package batch

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/decline-cli/decline/internal/oserr"
	"github.com/decline-cli/decline/internal/safetext"
)

// ErrExists reports a reply file that is already there.
var ErrExists = errors.New("already exists")

// Dir writes reply files into a directory. Each file is written whole
// before it gets its name: on Linux as an unnamed file (O_TMPFILE) that
// is then linked in, else under a temporary name in the same directory
// that is then moved into place; so a reader never sees half a file and
// an interruption leaves neither a partial file nor a temporary one (see
// Close). An existing file is never replaced unless Replace is set; the
// check and the naming are one step (a link, or a rename that refuses to
// replace), so a file that appears meanwhile is not lost either.
//
// Files are not synced to disk one by one: a crash of the machine may
// lose recent files, but a crash or interruption of decline cannot leave
// a broken one.
type Dir struct {
	Path    string
	Replace bool

	mu      sync.Mutex // held while a file is written, and by Close
	root    *os.Root
	fast    fastDir // the directory for system calls of its own, where there are (Linux)
	closed  bool
	written int // files written whole

	// listed holds the names the directory held when a name was first
	// checked, so that checking each reply's name costs no system call
	// (see Exists); nil where there were more than maxListed, or where
	// names are not compared byte for byte (listDir).
	listed     map[string]struct{}
	listedDone bool

	recipients map[string]recipient // see Recipient
}

// maxListed caps the names of an existing directory held in memory;
// a larger directory is asked name by name.
const maxListed = 1 << 16

// Written is the number of files written whole so far; after Close, all.
func (d *Dir) Written() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.written
}

// OpenDir opens a directory for writing. It need not exist: it is
// created (with its parents) by the first Write. Anything else at the
// path is an error.
func OpenDir(path string, replace bool) (*Dir, error) {
	d := &Dir{Path: path, Replace: replace}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if to, lerr := os.Readlink(path); lerr == nil {
			return nil, fmt.Errorf("the output directory %s is a symbolic link to %s, which does not exist; create it, or choose another directory", path, safetext.Quote(to))
		}
		return d, nil
	case err != nil:
		return nil, fmt.Errorf("cannot use the output directory %s: %v", path, oserr.Cause(err))
	case !info.IsDir():
		return nil, fmt.Errorf("the output directory %s is not a directory", path)
	}
	return d, d.open()
}

func (d *Dir) open() error {
	if err := os.MkdirAll(d.Path, 0o777); err != nil {
		return fmt.Errorf("cannot create the output directory %s: %v", d.Path, oserr.Cause(err))
	}
	root, err := os.OpenRoot(d.Path)
	if err != nil {
		return fmt.Errorf("cannot open the output directory %s: %v", d.Path, oserr.Cause(err))
	}
	d.root = root
	d.fast.open(root)
	return nil
}

// Exists reports whether the directory holds name (as a file, a
// directory or a link, even a broken one).
func (d *Dir) Exists(name string) (bool, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.root == nil {
		return false, nil
	}
	if !d.listedDone {
		d.listedDone = true
		if listDir {
			d.listed = listNames(d.root)
		}
	}
	if d.listed != nil {
		// A file made since by someone else is found when the reply
		// is written: the link or rename refuses to replace it.
		_, ok := d.listed[name]
		return ok, nil
	}
	return exists(d.root, name)
}

// listNames reads the names in the directory, or nil when it cannot or
// there are more than maxListed.
func listNames(root *os.Root) map[string]struct{} {
	f, err := root.Open(".")
	if err != nil {
		return nil
	}
	defer f.Close()
	names := map[string]struct{}{}
	for {
		batch, err := f.Readdirnames(1024)
		for _, n := range batch {
			names[n] = struct{}{}
		}
		switch {
		case len(names) > maxListed:
			return nil
		case err == io.EOF:
			return names
		case err != nil:
			return nil
		}
	}
}

func exists(root *os.Root, name string) (bool, error) {
	_, err := root.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("cannot check %s: %v", name, oserr.Cause(err))
	}
	return true, nil
}

// CheckReplace reports why the file name, if the directory holds it,
// cannot be replaced by a reply: it is a directory, or it is the input
// (input may be nil).
func (d *Dir) CheckReplace(name string, input os.FileInfo) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.root == nil {
		return nil
	}
	info, err := d.root.Lstat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("cannot check %s: %v", name, oserr.Cause(err))
	case info.IsDir():
		return &ReplaceError{filepath.Join(d.Path, name), "is a directory, which a reply cannot replace"}
	case input != nil && os.SameFile(info, input):
		return &ReplaceError{filepath.Join(d.Path, name), "is the input file, which a reply must not replace"}
	}
	return nil
}

// ReplaceError is a file in the output directory that a reply would
// replace, and must not.
type ReplaceError struct{ Path, Why string }

func (e *ReplaceError) Error() string { return e.Path + " " + e.Why }

// Write stores data as the file name in the directory. It fails with
// ErrExists when the file is there and Replace is not set.
func (d *Dir) Write(name string, data []byte) (err error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return errors.New("the output directory is closed")
	}
	if d.root == nil {
		if err := d.open(); err != nil {
			return err
		}
	}
	if handled, err := d.writeUnnamed(name, data); handled {
		if err == nil {
			d.wrote(name)
		}
		return err
	}
	tmp := "." + name + "." + strconv.FormatUint(rand.Uint64(), 36) + ".tmp"
	if err := d.writeTemp(tmp, name, data); err != nil {
		return err
	}
	if err := d.place(tmp, name); err != nil {
		return err
	}
	d.wrote(name)
	return nil
}

// wrote counts a file written whole, and lists its name.
func (d *Dir) wrote(name string) {
	d.written++
	if d.listed != nil {
		d.listed[name] = struct{}{}
	}
}

// writeTempRoot writes data as the new file tmp, or leaves no file; name
// is the reply's, for the message.
func (d *Dir) writeTempRoot(tmp, name string, data []byte) error {
	f, err := d.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return fmt.Errorf("cannot write in %s: %v", d.Path, oserr.Cause(err))
	}
	_, werr := f.Write(data)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		d.root.Remove(tmp)
		return fmt.Errorf("cannot write %s: %v", name, oserr.Cause(werr))
	}
	return nil
}

// placeRoot moves the written file tmp to name, which it replaces only
// when Replace is set; tmp is gone afterwards, whatever happens.
func (d *Dir) placeRoot(tmp, name string) (err error) {
	defer func() {
		if err != nil {
			d.root.Remove(tmp)
		}
	}()
	if d.Replace {
		if err := d.root.Rename(tmp, name); err != nil {
			return fmt.Errorf("cannot write %s: %v", name, oserr.Cause(err))
		}
		return nil
	}
	err = d.root.Link(tmp, name)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s %w", name, ErrExists)
	}
	if err != nil {
		// No hard links here (some file systems): check, then rename.
		ok, err := exists(d.root, name)
		if err != nil {
			return fmt.Errorf("cannot check %s: %v", name, oserr.Cause(err))
		}
		if ok {
			return fmt.Errorf("%s %w", name, ErrExists)
		}
		if err := d.root.Rename(tmp, name); err != nil {
			return fmt.Errorf("cannot write %s: %v", name, oserr.Cause(err))
		}
		return nil
	}
	// The reply is in place; a temporary name that will not go would be
	// litter, and is said.
	if err := d.root.Remove(tmp); err != nil {
		return fmt.Errorf("wrote %s, but cannot remove its temporary file %s: %v", name, tmp, oserr.Cause(err))
	}
	return nil
}

// Close waits for a file being written to be finished or removed, then
// refuses further writes. It is safe to call from a signal handler's
// goroutine, and more than once.
func (d *Dir) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return nil
	}
	d.closed = true
	if d.root == nil {
		return nil
	}
	d.fast.close()
	return d.root.Close()
}
