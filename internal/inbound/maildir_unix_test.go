//go:build unix

package inbound

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"
)

// A Maildir holding a named pipe, a link to a device and a directory
// among its messages: each is skipped (a SkippedError, once), the read
// never blocks, and the real message still comes.
func TestMaildirSkipsWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	for _, sub := range []string{"cur", "new", "tmp", "cur/sub"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	msg := "From: Eve <eve@example.com>\nSubject: hi\n\nCould you recommend me?\n"
	if err := os.WriteFile(filepath.Join(dir, "cur", "1"), []byte(msg), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "new", "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "new", "zero")); err != nil {
		t.Fatal(err)
	}
	// A link out of the Maildir, to a file that reads as a message, is
	// not followed; a link to nothing is one line too.
	outside := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(outside, []byte("From: Mallory <m@example.com>\nSubject: hi\n\nsecret\n"), 0o600)
	os.Symlink(outside, filepath.Join(dir, "cur", "out"))
	os.Symlink(filepath.Join(dir, "gone"), filepath.Join(dir, "cur", "dangling"))
	var lines []string
	done := make(chan struct{})
	var good int
	skipped := map[string]int{}
	go func() {
		defer close(done)
		for m, err := range Maildir(dir) {
			var se *SkippedError
			switch {
			case errors.As(err, &se):
				skipped[filepath.Base(se.Path)]++
				lines = append(lines, err.Error())
			case err != nil:
				t.Errorf("unexpected error: %v", err)
			case m.From.Address == "eve@example.com":
				good++
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("reading the Maildir blocked")
	}
	if good != 1 {
		t.Errorf("got %d messages, want 1", good)
	}
	for _, name := range []string{"sub", "fifo", "zero", "out", "dangling"} {
		if skipped[name] != 1 {
			t.Errorf("%s skipped %d times, want once", name, skipped[name])
		}
	}
	for _, want := range []string{filepath.Join(dir, "cur", "out") + ": skipped: a symbolic link (not followed), not a message", filepath.Join(dir, "cur", "dangling") + ": skipped: a symbolic link to nothing, not a message"} {
		if !slices.Contains(lines, want) {
			t.Errorf("no line %q in %q", want, lines)
		}
	}
}

// Drafted finds the message a Maildir's drafts reply to, in cur/ and
// new/, and nothing in a folder that does not exist yet.
func TestDrafted(t *testing.T) {
	dir := t.TempDir()
	if got, err := Drafted(filepath.Join(dir, "none")); err != nil || len(got) != 0 {
		t.Fatalf("a missing folder: %v, %v", got, err)
	}
	for _, sub := range []string{"cur", "new", "tmp"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	draft := filepath.Join(dir, "cur", "1.draft:2,D")
	if err := os.WriteFile(draft, []byte("To: a@example.org\nIn-Reply-To: <req-1@example.org>\n\nHi\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "new", "2.other"), []byte("To: b@example.org\n\nNo thread\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := Drafted(dir)
	if err != nil || len(got) != 1 || got["<req-1@example.org>"] != draft {
		t.Fatalf("Drafted = %v, %v", got, err)
	}
}
