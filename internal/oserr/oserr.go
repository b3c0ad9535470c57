// Package oserr words operating-system errors for messages that name
// the file themselves.
package oserr

import (
	"errors"
	"io/fs"
	"os"
)

// Cause drops the "op path:" prefix of an os error (a path or link
// error), for messages that already name the file: "cannot read x.csv:
// permission denied", not "...: open x.csv: permission denied".
func Cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// OpenNoWait opens a file for reading without waiting on it: a named pipe
// put where a file was expected opens at once, so that the caller can
// fstat the open file and refuse anything but a regular file, with no
// window between the check and the open.
func OpenNoWait(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|openFlags, 0)
}
