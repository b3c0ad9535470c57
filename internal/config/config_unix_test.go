//go:build unix

package config

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/decline-cli/decline/internal/testenv"
)

// TestLoadRefusesFilesItCannotFinish: a named pipe as config.yaml made
// every command wait forever for a writer; /dev/zero would never end. Both,
// and a directory, are refused at once as not regular files, whether the
// file is the default one or named with --config.
func TestLoadRefusesFilesItCannotFinish(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "config.yaml")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		testenv.Missing(t, "cannot make a named pipe here: "+err.Error())
	}
	zero := filepath.Join(dir, "zero.yaml")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "dir.yaml")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{pipe, zero, sub} {
		for _, explicit := range []bool{false, true} {
			done := make(chan error, 1)
			go func() {
				_, err := Load(name, explicit)
				done <- err
			}()
			select {
			case err := <-done:
				want := "config file " + name + " is not a regular file"
				if err == nil || !strings.HasPrefix(err.Error(), want) {
					t.Errorf("%s: err = %v, want %s...", name, err, want)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("Load hung on %s", name)
			}
		}
	}
}
