package batch

import (
	"path/filepath"
	"testing"
)

// On Linux the files go through the directory's own descriptor, so
// TestDir checks those system calls: make sure they are the ones used.
func TestDirUsesItsDescriptor(t *testing.T) {
	d, err := OpenDir(filepath.Join(t.TempDir(), "out"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.Write("a.txt", []byte("one\n")); err != nil {
		t.Fatal(err)
	}
	if d.fast.dir == nil || !d.fast.usable("a.txt") {
		t.Error("the directory's descriptor is not in use")
	}
}
