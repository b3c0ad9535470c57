//go:build unix

package oserr

import "syscall"

// openFlags makes opening a named pipe return at once instead of waiting
// for a writer; the caller then refuses it as not a regular file.
const openFlags = syscall.O_NONBLOCK
