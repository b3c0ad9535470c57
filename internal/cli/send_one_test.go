package cli_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/decline-cli/decline/internal/mailtest"
)

// The one reply of draft --send has no input line to name: an error is
// one line with one "decline: ", and Ctrl-C while it goes says whether
// it went, not a count and "the rest".
func TestSendOneReplyWording(t *testing.T) {
	_, run := mailSetup(t, "sendmail: \"true\"\n", 0, 0)
	args := []string{"draft", "-n", "Fred Ng", "-r", "stranger", "--to", "fred@example.org", "--send"}
	_, stderr, code := output(t, run(args...))
	if code != 1 || !strings.HasPrefix(stderr, "decline: the sendmail command ") || strings.Contains(stderr, "decline: decline:") || strings.Contains(stderr, "note") {
		t.Errorf("exit %d: %q", code, stderr)
	}

	started := filepath.Join(t.TempDir(), "started")
	_, run = mailSetup(t, "sendmail: \"cat >/dev/null; touch "+started+"; sleep 2\"\n", 0, 0)
	s := startSession(t, true, mailEnv(run), append(args, "--yes")...)
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(started); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the sendmail command did not start:\n%s", s.text())
		}
	}
	s.send("\x03")
	if code := s.exitCode(); code != 130 {
		t.Fatalf("exit %d:\n%s", code, s.text())
	}
	if text := s.text(); !strings.Contains(text, "decline: cancelled; the reply was sent.") || strings.Contains(text, "the rest") {
		t.Errorf("Ctrl-C said:\n%s", text)
	}
}

// A draft saved with no --to leaves a drafts log that later runs read:
// the same command saves another, and a draft with an address is
// saved and then known (issue 16).
func TestSaveDraftWithNoAddress(t *testing.T) {
	d := mailtest.StartDovecot(t, nil)
	_, run := mailSetup(t, fmt.Sprintf("imap: {host: 127.0.0.1, port: %d, tls: none, username: %s, password_command: \"echo '%s'\"}\n", d.Port, d.Username, d.Password), 0, 0)
	args := []string{"draft", "-n", "Una One", "-r", "stranger", "--save-draft"}
	for i, a := range [][]string{args, args, append(args, "--to", "una@example.org"), append(args, "--to", "una@example.org")} {
		_, stderr, code := output(t, run(a...))
		want := "Saved the reply to "
		if i == 3 {
			want = "already saved as a draft to una@example.org"
		}
		if code != 0 || !strings.Contains(stderr, want) || strings.Contains(stderr, "send log") {
			t.Fatalf("run %d: exit %d: %q", i+1, code, stderr)
		}
	}
}
