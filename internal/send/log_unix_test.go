//go:build unix

package send

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The log must be a regular file: a FIFO would hang the run, a device
// would be read for ever.
func TestLogMustBeARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.jsonl")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	link := filepath.Join(dir, "dev.jsonl")
	os.Symlink("/dev/zero", link)
	for _, path := range []string{fifo, link, dir} {
		done := make(chan error, 1)
		go func() {
			log, err := OpenLog(path)
			if err == nil {
				log.Close()
			}
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "is not a regular file") {
				t.Errorf("%s: %v", path, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: OpenLog hangs", path)
		}
	}
}
