package batch

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// listDir: names in a directory are compared byte for byte here (a
// file system that folds case, as ext4 can per directory, is found out
// when the reply is linked in, which refuses to replace a file).
const listDir = true

// fastDir writes a reply file with four system calls (open, write,
// close, and renameat2, which refuses to replace a file in the same step
// as the move) where os.Root takes nine (it also sets the file up for
// the poller, then links and removes the temporary name). A run of
// thousands of files spends most of its time there.
type fastDir struct {
	dir      *os.File // the root directory itself, for its descriptor
	fd       int
	noRename bool // the file system refuses RENAME_NOREPLACE: link, as os.Root does
	// noTmpfile: the file system (or the kernel) has no O_TMPFILE, or
	// an unnamed file cannot be linked in: a temporary name is used.
	noTmpfile bool
	// procLink: linkat with AT_EMPTY_PATH is refused (it wants a
	// capability on older kernels): link through /proc/self/fd.
	procLink bool
}

func (f *fastDir) open(root *os.Root) {
	dir, err := root.Open(".")
	if err != nil {
		return // os.Root does it all
	}
	f.dir, f.fd = dir, int(dir.Fd())
}

func (f *fastDir) close() {
	if f.dir != nil {
		f.dir.Close()
		f.dir = nil
	}
}

// usable reports whether a name can go to the system calls directly: one
// that is not a plain name in the directory goes through os.Root, which
// keeps it inside.
func (f *fastDir) usable(name string) bool {
	return f.dir != nil && name != "" && name != "." && name != ".." && !strings.ContainsRune(name, '/')
}

func (d *Dir) writeTemp(tmp, name string, data []byte) error {
	if !d.fast.usable(tmp) {
		return d.writeTempRoot(tmp, name, data)
	}
	fd, err := retry(func() (int, error) {
		return unix.Openat(d.fast.fd, tmp, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC|unix.O_NOFOLLOW, 0o666)
	})
	if err != nil {
		return fmt.Errorf("cannot write in %s: %v", d.Path, err)
	}
	var werr error
	for rest := data; len(rest) > 0 && werr == nil; {
		var n int
		n, werr = retry(func() (int, error) { return unix.Write(fd, rest) })
		if werr == nil && n == 0 {
			werr = io.ErrShortWrite
		}
		rest = rest[max(n, 0):]
	}
	if cerr := unix.Close(fd); werr == nil {
		werr = cerr
	}
	if werr != nil {
		unix.Unlinkat(d.fast.fd, tmp, 0)
		return fmt.Errorf("cannot write %s: %v", name, werr)
	}
	return nil
}

func (d *Dir) place(tmp, name string) error {
	if d.Replace || d.fast.noRename || !d.fast.usable(name) {
		return d.placeRoot(tmp, name)
	}
	_, err := retry(func() (int, error) {
		return 0, unix.Renameat2(d.fast.fd, tmp, d.fast.fd, name, unix.RENAME_NOREPLACE)
	})
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EOPNOTSUPP):
		d.fast.noRename = true
		return d.placeRoot(tmp, name)
	}
	unix.Unlinkat(d.fast.fd, tmp, 0)
	if errors.Is(err, unix.EEXIST) {
		return fmt.Errorf("%s %w", name, ErrExists)
	}
	return fmt.Errorf("cannot write %s: %v", name, err)
}

// retry makes a system call again while a signal interrupts it.
func retry(call func() (int, error)) (int, error) {
	for {
		n, err := call()
		if err != unix.EINTR {
			return n, err
		}
	}
}

// writeUnnamed writes a new reply file with no name at all until it is
// whole (O_TMPFILE), then gives it its name in one step that refuses to
// replace a file (linkat): four system calls, as writeTemp and place
// take, but one change to the directory instead of three (a temporary
// name made, then moved), and an interruption at any point, even
// SIGKILL or a crash, leaves no file behind. handled is false where it
// cannot be used (--force replaces files; a file system without
// O_TMPFILE), and the temporary name is used instead.
func (d *Dir) writeUnnamed(name string, data []byte) (handled bool, err error) {
	if d.Replace || d.fast.noTmpfile || !d.fast.usable(name) {
		return false, nil
	}
	fd, err := retry(func() (int, error) {
		return unix.Openat(d.fast.fd, ".", unix.O_WRONLY|unix.O_TMPFILE|unix.O_CLOEXEC, 0o666)
	})
	if err != nil {
		if errors.Is(err, unix.EOPNOTSUPP) || errors.Is(err, unix.EISDIR) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOENT) {
			d.fast.noTmpfile = true
			return false, nil
		}
		return true, fmt.Errorf("cannot write in %s: %v", d.Path, err)
	}
	for rest := data; len(rest) > 0; {
		n, err := retry(func() (int, error) { return unix.Write(fd, rest) })
		if err == nil && n == 0 {
			err = io.ErrShortWrite
		}
		if err != nil {
			unix.Close(fd) // the unnamed file goes with its descriptor
			return true, fmt.Errorf("cannot write %s: %v", name, err)
		}
		rest = rest[n:]
	}
	err = d.fast.link(fd, name)
	if cerr := unix.Close(fd); err == nil && cerr != nil {
		// A file system that reports a failed write only now: the
		// name it was just given goes, rather than half a reply.
		unix.Unlinkat(d.fast.fd, name, 0)
		return true, fmt.Errorf("cannot write %s: %v", name, cerr)
	}
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, unix.EEXIST):
		return true, fmt.Errorf("%s %w", name, ErrExists)
	case errors.Is(err, unix.ENOENT) || errors.Is(err, unix.EPERM) || errors.Is(err, unix.EOPNOTSUPP):
		// No /proc to link through, or no linking here: the file
		// is written again under a temporary name.
		d.fast.noTmpfile = true
		return false, nil
	}
	return true, fmt.Errorf("cannot write %s: %v", name, err)
}

// link gives the unnamed file open as fd the name in the directory,
// unless a file has it.
func (f *fastDir) link(fd int, name string) error {
	if !f.procLink {
		_, err := retry(func() (int, error) { return 0, unix.Linkat(fd, "", f.fd, name, unix.AT_EMPTY_PATH) })
		if !errors.Is(err, unix.ENOENT) && !errors.Is(err, unix.EPERM) {
			return err
		}
		f.procLink = true
	}
	proc := "/proc/self/fd/" + strconv.Itoa(fd)
	_, err := retry(func() (int, error) { return 0, unix.Linkat(unix.AT_FDCWD, proc, f.fd, name, unix.AT_SYMLINK_FOLLOW) })
	return err
}
