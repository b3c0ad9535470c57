package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
