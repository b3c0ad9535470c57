//go:build !linux

package batch

import "os"

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
