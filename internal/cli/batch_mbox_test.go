package cli_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/decline-cli/decline/internal/testenv"
)

// writeMbox runs decline batch --format mbox on n generated rows and
// returns the mailbox's path. Names are ASCII and not, a sign-off starts
// a body line with "From ", and every tenth row has no email.
func writeMbox(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	var in bytes.Buffer
	in.WriteString("name,email,relationship,kind,skill\n")
	rels := []string{"stranger", "no-business", "social", "worked-briefly", "policy"}
	for i := range n {
		name := fmt.Sprintf("Person %d Lee", i)
		if i%3 == 0 {
			name = fmt.Sprintf("José Núñez %d", i)
		}
		email := fmt.Sprintf("p%d@example.com", i)
		if i%10 == 9 {
			email = ""
		}
		kind, skill := "", ""
		if i%4 == 0 {
			kind, skill = "endorsement", "Go"
		}
		fmt.Fprintf(&in, "%s,%s,%s,%s,%s\n", name, email, rels[i%len(rels)], kind, skill)
	}
	input := filepath.Join(dir, "requests.csv")
	if err := os.WriteFile(input, in.Bytes(), 0o666); err != nil {
		t.Fatal(err)
	}
	mbox := filepath.Join(dir, "replies.mbox")
	out, err := os.Create(mbox)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	cmd := declineCmd(t, "batch", input, "--format", "mbox", "--signoff", "From all of us at Acme")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("decline batch --format mbox: %v\n%s", err, stderr.String())
	}
	return mbox
}

// TestMboxPython reads a mailbox of 1,000 replies back with Python's
// mailbox module, a real mbox parser: every message is there, in order,
// with its recipient, its decoded subject and its body.
func TestMboxPython(t *testing.T) {
	python := testenv.LookPath(t, "python3", "skipping the mailbox read-back")
	mbox := writeMbox(t, 1000)
	const script = `
import email.header, mailbox, sys
box = mailbox.mbox(sys.argv[1], create=False)
msgs = list(box)
print(len(msgs))
for i, m in enumerate(msgs):
    name = ("José Núñez %d" if i % 3 == 0 else "Person %d Lee") % i
    want_to = "" if i % 10 == 9 else "%s <p%d@example.com>" % (name, i)
    to = str(email.header.make_header(email.header.decode_header(m.get("To", ""))))
    if to != want_to:
        print("message %d: To is %r, want %r" % (i, to, want_to)); continue
    subject = str(email.header.make_header(email.header.decode_header(m["Subject"])))
    if not subject or "=?" in subject:
        print("message %d: subject %r" % (i, subject))
    body = m.get_payload(decode=True).decode("utf-8")
    first = ("José" if i % 3 == 0 else "Person")
    if first not in body.splitlines()[0]:
        print("message %d: greeting %r" % (i, body.splitlines()[0]))
    if "\nFrom all of us at Acme,\n" not in body:
        print("message %d: sign-off lost: %r" % (i, body[-80:]))
`
	out, err := exec.Command(python, "-c", script, mbox).CombinedOutput()
	if err != nil {
		t.Fatalf("python3 could not read the mailbox: %v\n%s", err, out)
	}
	if got := string(out); got != "1000\n" {
		t.Errorf("python3 read:\n%s", got)
	}
}

// TestMboxMutt opens a mailbox of 1,000 replies in mutt, on a terminal
// that tmux provides, and reads mutt's count of messages from its status
// line.
func TestMboxMutt(t *testing.T) {
	mutt := testenv.LookPath(t, "mutt", "skipping the mutt read-back")
	tmux := testenv.LookPath(t, "tmux", "skipping the mutt read-back")
	mbox := writeMbox(t, 1000)
	dir := t.TempDir()
	muttrc := filepath.Join(dir, "muttrc")
	rc := "set folder=" + dir + "\n" + `set status_format="MESSAGES=%m DELETED=%d"
set mbox_type=mbox
set read_only
set sort=mailbox-order
set index_format="%4C %-30.30t %s"
`
	if err := os.WriteFile(muttrc, []byte(rc), 0o666); err != nil {
		t.Fatal(err)
	}
	screen := tmuxScreen(t, tmux, dir, mutt+" -n -F "+muttrc+" -f "+mbox, []string{"TERM=xterm", "HOME=" + dir, "MAIL="}, "MESSAGES=", "skipping the mutt read-back")
	if !strings.Contains(screen, "MESSAGES=1000 ") {
		t.Fatalf("mutt did not count 1000 messages; its screen:\n%s", screen)
	}
	if !strings.Contains(screen, "Person 1 Lee") || !strings.Contains(screen, "José Núñez 0") {
		t.Errorf("mutt's index does not show the recipients; its screen:\n%s", screen)
	}
}
