//go:build unix

package iostreams

import (
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// closedAtStart reports whether f (standard output) was closed when
// decline started (`decline draft >&-`). The Go runtime then opens
// /dev/null for reading and writing in its place, so writes would vanish
// without an error; a shell's `>/dev/null` opens it for writing only,
// and is left alone. A parent that hands over /dev/null opened for
// reading and writing (Python's subprocess.DEVNULL) looks the same.
func closedAtStart(f *os.File) bool {
	var st, null syscall.Stat_t
	fd := int(f.Fd())
	if syscall.Fstat(fd, &st) != nil || st.Mode&syscall.S_IFMT != syscall.S_IFCHR {
		return false
	}
	if syscall.Stat(os.DevNull, &null) != nil || st.Rdev != null.Rdev {
		return false
	}
	fl, err := unix.FcntlInt(uintptr(fd), unix.F_GETFL, 0)
	return err == nil && fl&unix.O_ACCMODE == unix.O_RDWR
}
