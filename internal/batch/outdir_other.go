//go:build !linux

package batch

import "os"

// listDir is false here: file systems such as APFS and NTFS fold case
// and Unicode forms, so each name is asked of the file system.
const listDir = false

// fastDir is nothing here: files are written through os.Root.
type fastDir struct{}

func (fastDir) open(*os.Root) {}
func (fastDir) close()        {}

func (d *Dir) writeTemp(tmp, name string, data []byte) error {
	return d.writeTempRoot(tmp, name, data)
}

func (d *Dir) place(tmp, name string) error { return d.placeRoot(tmp, name) }

// writeUnnamed is not done here: every file has a temporary name first.
func (d *Dir) writeUnnamed(string, []byte) (bool, error) { return false, nil }
