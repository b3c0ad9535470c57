//go:build linux

package templates

import (
	"os"
	"os/exec"
	"testing"
)

// TestCopyToAFullDiskLeavesNothing: templates init on a disk that fills
// up half way used to leave some of the files (2 of 6). Either every file
// is copied or none is, and no temporary file is left.
func TestCopyToAFullDiskLeavesNothing(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small tmpfs as a full disk")
	}
	dir := t.TempDir()
	// Room for about one template file, not all of them.
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=40k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v: %s", err, out)
	}
	defer exec.Command("umount", dir).Run()
	if _, err := CopyTo(dir, false); err == nil {
		t.Fatal("copying the catalog onto a 40 KiB disk succeeded")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("left behind on a full disk: %s", e.Name())
	}
}
