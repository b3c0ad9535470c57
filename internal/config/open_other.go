//go:build !unix

package config

// openFlags: only Unix has named pipes in the file system to wait on.
const openFlags = 0
