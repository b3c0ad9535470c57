//go:build !unix

package oserr

// openFlags: only Unix has named pipes in the file system to wait on.
const openFlags = 0
