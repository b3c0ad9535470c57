package oserr

import (
	"io/fs"
	"os"
	"path/filepath"
)

// WriteTemp writes data to a new temporary file beside path, with mode,
// synced and closed, and returns its name, for the caller to rename or
// link into place; on an error no temporary file is left.
func WriteTemp(path string, data []byte, mode fs.FileMode) (name string, err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*")
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			os.Remove(f.Name())
		}
	}()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(mode)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return f.Name(), err
}
