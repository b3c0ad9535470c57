//go:build unix

package catalog_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/decline-cli/decline/internal/catalog"
)

// TestReadDirRefusesFilesItCannotFinish: a named pipe called t.yaml in a
// template directory would block decline forever (opening it waits for a
// writer); /dev/zero would never end. Both are refused as not regular
// files, at once.
func TestReadDirRefusesFilesItCannotFinish(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.yaml"), 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.yaml")); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := catalog.ReadDir(dir, false)
		done <- err
	}()
	select {
	case err := <-done:
		msg := err.Error()
		if !strings.Contains(msg, "pipe.yaml: not a regular file") || !strings.Contains(msg, "and 1 more problem") {
			t.Errorf("err = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ReadDir hung on a named pipe")
	}
}

// TestReadFileRefusesHostileNames: a template file's name is printed
// (in 'templates list' and in every message about it), so a name holding
// an escape sequence is refused, quoted.
func TestReadFileRefusesHostileNames(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "x\x1b]52;c;ZXZpbA==\a.yaml")
	if err := os.WriteFile(name, []byte("templates: [{id: a/b, body: hi}]\n"), 0o644); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	_, err := catalog.ReadDir(dir, false)
	if err == nil || !strings.HasPrefix(err.Error(), `template file "`) || !strings.HasSuffix(err.Error(), `/x\x1b]52;c;ZXZpbA==\a.yaml": its name contains an escape character (U+001B); rename it`) {
		t.Errorf("err = %v", err)
	}
	if _, err := catalog.ReadDir(filepath.Join(dir, "sub\u202e"), true); err == nil || !strings.Contains(err.Error(), `sub\u202e" contains a text-direction control`) {
		t.Errorf("directory: err = %v", err)
	}
}
