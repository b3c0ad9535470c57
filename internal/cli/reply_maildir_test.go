package cli_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/decline-cli/decline/internal/testenv"
)

// TestReplyMaildirMutt saves a reply as a draft with --maildir, then
// has mutt, on a terminal that tmux provides, open the Maildir as its
// postponed folder and recall the draft (mutt -p): the compose screen
// must show the requester, the Re: subject and the user's From.
func TestReplyMaildirMutt(t *testing.T) {
	mutt := testenv.LookPath(t, "mutt", "skipping the Maildir draft check")
	tmux := testenv.LookPath(t, "tmux", "skipping the Maildir draft check")
	dir := t.TempDir()
	drafts := filepath.Join(dir, "Drafts")
	for _, sub := range []string{"cur", "new", "tmp"} {
		if err := os.MkdirAll(filepath.Join(drafts, sub), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	cmd := declineCmd(t, "reply", filepath.Join("..", "inbound", "testdata", "mail", "gmail-alternative.eml"),
		"-r", "no-business", "--from-address", "Pat Morgan <pat@example.com>", "--maildir", drafts)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("decline reply --maildir: %v\n%s", err, stderr.String())
	}
	saved, _ := filepath.Glob(filepath.Join(drafts, "cur", "*:2,D"))
	if len(saved) != 1 {
		t.Fatalf("want one draft in cur/ with the D flag, got %v (%s)", saved, stderr.String())
	}

	muttrc := filepath.Join(dir, "muttrc")
	rc := "set folder=" + dir + "\nset postponed=" + drafts + "\nset mbox_type=Maildir\nset from=pat@example.com\nset editor=true\nset edit_headers=no\n"
	if err := os.WriteFile(muttrc, []byte(rc), 0o666); err != nil {
		t.Fatal(err)
	}
	env := []string{"TERM=xterm", "HOME=" + dir, "MAIL=", "LANG=C.UTF-8", "LC_ALL=C.UTF-8"}
	screen := tmuxScreen(t, tmux, dir, mutt+" -n -F "+muttrc+" -p", env, "Subject:", "skipping the Maildir draft check")
	t.Logf("mutt recalled the draft:\n%s", screen)
	for _, want := range []string{"scott.lee@gmail.com", "Re: Recommendation on LinkedIn?", "pat@example.com"} {
		if !strings.Contains(screen, want) {
			t.Errorf("mutt's compose screen lacks %q; its screen:\n%s", want, screen)
		}
	}
}

// tmuxScreen runs command in a detached tmux session (150x40, with env
// added to the environment, its socket in dir) and returns the screen
// once it shows until, or after 20 seconds. A tmux that cannot start a
// session skips the test (see testenv.Missing), saying why.
func tmuxScreen(t *testing.T, tmux, dir, command string, env []string, until, skip string) string {
	t.Helper()
	session := fmt.Sprintf("decline-%d", os.Getpid())
	socket := filepath.Join(dir, "tmux.sock")
	run := func(args ...string) string {
		out, _ := exec.Command(tmux, append([]string{"-S", socket}, args...)...).CombinedOutput()
		return string(out)
	}
	start := exec.Command(tmux, "-S", socket, "new-session", "-d", "-s", session, "-x", "150", "-y", "40", command)
	start.Env = append(os.Environ(), env...)
	if out, err := start.CombinedOutput(); err != nil {
		testenv.Missing(t, fmt.Sprintf("tmux cannot start a session here (%v: %s); %s", err, out, skip))
	}
	defer run("kill-server")
	var screen string
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		screen = run("capture-pane", "-p", "-t", session)
		if strings.Contains(screen, until) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	return screen
}
