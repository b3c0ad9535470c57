//go:build unix

package catalog

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadSurvivesASwapToAPipe: a template file swapped for a named pipe
// after it was checked and before it was opened hung decline (the open
// waits for a writer). The swap is made at that moment here; the file
// is opened without waiting and checked once open.
func TestReadSurvivesASwapToAPipe(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "t.yaml")
	if err := os.WriteFile(name, []byte("templates: [{id: a/b, body: hi}]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	beforeOpen = func(n string) {
		os.Remove(n)
		if err := syscall.Mkfifo(n, 0o644); err != nil {
			t.Errorf("cannot make a named pipe here: %v", err)
		}
	}
	defer func() { beforeOpen = func(string) {} }()
	done := make(chan error, 1)
	go func() {
		_, err := ReadDir(dir, false)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "t.yaml: not a regular file") {
			t.Errorf("err = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("reading hung on a file swapped for a named pipe")
	}
}
