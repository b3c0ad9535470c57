package cli_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/decline-cli/decline/internal/mailtest"
)

// TestInteractiveReplyAsksWhenUnsure: a message whose kind decline cannot
// tell for sure is asked about on a terminal, with the best guess
// highlighted; so is the relationship, never guessed, and a value the
// message does not state. A message piped in (as a mail program's
// pipe-message does) takes standard input, so the questions go to the
// controlling terminal, /dev/tty, as git and gh ask theirs.
func TestInteractiveReplyAsksWhenUnsure(t *testing.T) {
	path := filepath.Join("..", "inbound", "testdata", "mail", "ambiguous.eml")
	for _, piped := range []bool{false, true} {
		t.Run(map[bool]string{false: "file", true: "stdin"}[piped], func(t *testing.T) {
			var s *session
			if piped {
				msg, err := os.Open(path)
				if err != nil {
					t.Fatal(err)
				}
				defer msg.Close()
				s = startSessionIn(t, msg, true, nil, "reply", "-f", "text")
			} else {
				abs, err := filepath.Abs(path)
				if err != nil {
					t.Fatal(err)
				}
				s = startSession(t, true, nil, "reply", abs, "-f", "text")
			}
			s.expect("What did Alex ask you for?")
			s.send(keyEnter) // the highlighted guess: a reference
			s.expect("How do you know Alex?")
			s.send(keyDown + keyEnter) // no-business
			s.expect("role")
			s.send("Data Analyst" + keyEnter)
			if code := s.exitCode(); code != 0 {
				t.Fatalf("exit %d; terminal:\n%s", code, s.text())
			}
			if out := s.stdout.String(); !strings.HasPrefix(out, "Hi Alex,") || !strings.Contains(out, "Data Analyst") {
				t.Errorf("stdout is not the reference reply:\n%s", out)
			}
		})
	}
}

// TestReplyFromStdinWithoutTerminal: with the message on standard input
// and no controlling terminal (a mail filter, cron), nothing can be
// asked: exit 2, naming the flag that decides.
func TestReplyFromStdinWithoutTerminal(t *testing.T) {
	msg, err := os.Open(filepath.Join("..", "inbound", "testdata", "mail", "ambiguous.eml"))
	if err != nil {
		t.Fatal(err)
	}
	defer msg.Close()
	home := t.TempDir()
	cmd := exec.Command(os.Args[0], "reply", "-r", "no-business")
	cmd.Env = append(os.Environ(), ptyMainEnv+"=1", "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "DECLINE_CONFIG=")
	cmd.Stdin = msg
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// A new session has no controlling terminal: /dev/tty cannot open.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	err = cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Fatalf("exit %v, want 2; stderr:\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "give it with -k/--kind") || stdout.String() != "" {
		t.Errorf("stdout %q, stderr %q", stdout.String(), stderr.String())
	}
}

// TestReplyReviewOnTerminal: on a terminal, reply shows the draft and
// the review menu, as draft does; another wording keeps the reply in
// the thread: its Re: subject and the quoted original stay.
func TestReplyReviewOnTerminal(t *testing.T) {
	msg, err := filepath.Abs(filepath.Join("..", "inbound", "testdata", "mail", "gmail-alternative.eml"))
	if err != nil {
		t.Fatal(err)
	}
	s := startSession(t, false, nil, "reply", msg, "-r", "no-business", "--quote", "-f", "text")
	first := s.expect("What would you like to do with it?")
	for _, want := range []string{"Draft: recommendation/no-business/", "Subject: Re: Recommendation on LinkedIn?", "Hi Scott,", "> "} {
		if !strings.Contains(first, want) {
			t.Fatalf("the draft shown lacks %q:\n%s", want, first)
		}
	}
	// Try another wording (the fourth action), then print.
	s.send(keyDown + keyDown + keyDown + keyEnter)
	// The menu redraws its question at every key press; wait for the
	// next draft's header, then its menu.
	again := s.expect("Draft: ", "What would you like to do with it?")
	wording := regexp.MustCompile(`wording \d+ of`)
	if w1, w2 := wording.FindString(first), wording.FindString(again); w1 == "" || w1 == w2 {
		t.Fatalf("another wording shows %q after %q", w2, w1)
	}
	for _, want := range []string{"Subject: Re: Recommendation on LinkedIn?", "> "} {
		if !strings.Contains(again, want) {
			t.Fatalf("another wording lacks %q:\n%s", want, again)
		}
	}
	s.send(keyEnter)
	if code := s.exitCode(); code != 0 {
		t.Fatalf("exit %d; terminal:\n%s", code, s.text())
	}
	if out := s.text(); !strings.Contains(out, "Hi Scott,") {
		t.Errorf("the reply was not printed:\n%s", out)
	}
	// The tip under the draft says how to sign it, once: no note
	// before it saying the same.
	s.mu.Lock()
	out := s.screen.String()
	s.mu.Unlock()
	if strings.Count(out, "'sender: Your Name'") != 1 || strings.Contains(out, "signed with no name") {
		t.Errorf("how to sign the reply is not said once, in the tip:\n%s", out)
	}
}

// TestReplySendFromStdinAsksOnTerminal: a message piped in (mutt's
// pipe-message) with --send shows the reply, wrapped to the terminal as
// draft's review wraps it, and asks on /dev/tty before anything goes;
// no sends nothing, yes sends it once.
func TestReplySendFromStdinAsksOnTerminal(t *testing.T) {
	mp := mailtest.StartMailpit(t, mailtest.MailpitOptions{Username: "pat", Password: "s3cret"})
	_, run := mailSetup(t, smtpSettings(mp.SMTPPort), 0, 0)
	env := mailEnv(run)
	path := filepath.Join("..", "inbound", "testdata", "mail", "gmail-alternative.eml")
	note := strings.Repeat("I would rather say it plainly and at length, so that the line is longer than any terminal is wide. ", 3)
	for _, c := range []struct {
		answer string
		want   int
	}{{"n", 0}, {"y", 1}} {
		msg, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer msg.Close()
		s := startSessionIn(t, msg, true, env, "reply", "-r", "no-business", "--note", strings.TrimSpace(note), "--send")
		shown := s.expect("To: scott.lee@gmail.com", "Hi Scott,", "[y/N]")
		for _, line := range strings.Split(shown, "\n") {
			if len([]rune(line)) >= 140 && !strings.HasPrefix(line, "decline: note:") {
				t.Fatalf("a line of the preview is not wrapped to the terminal's 140 columns:\n%s", line)
			}
		}
		s.send(c.answer + "\r")
		s.exitCode()
		if n := len(mp.Messages(t)); n != c.want {
			t.Fatalf("answered %s: the server holds %d, want %d:\n%s", c.answer, n, c.want, s.text())
		}
	}
}
