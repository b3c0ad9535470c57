package cli_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"github.com/decline-cli/decline/internal/mailtest"
)

// mailSetup writes a config.yaml with extra (smtp or imap settings) and
// a CSV of n requesters, one of them at bad when bad > 0 with an
// address at example.net; it returns a command maker whose runs share
// the config, the CSV and one send log.
func mailSetup(t *testing.T, extra string, n, bad int) (csv string, run func(args ...string) *exec.Cmd) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("address: \"Pat Morgan <pat@example.com>\"\n"+extra), 0o644); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("name,email,relationship\n")
	for i := 1; i <= n; i++ {
		domain := "example.org"
		if i == bad {
			domain = "example.net"
		}
		fmt.Fprintf(&b, "Person %d,p%d@%s,stranger\n", i, i, domain)
	}
	csv = filepath.Join(dir, "rows.csv")
	if err := os.WriteFile(csv, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(dir, "state")
	return csv, func(args ...string) *exec.Cmd {
		cmd := declineCmd(t, args...)
		cmd.Env = append(cmd.Env, "DECLINE_CONFIG="+cfg, "XDG_STATE_HOME="+state, "SMTP_PW=s3cret")
		return cmd
	}
}

func smtpSettings(port int) string {
	return fmt.Sprintf("smtp: {host: 127.0.0.1, port: %d, tls: none, username: pat, password_env: SMTP_PW}\n", port)
}

func output(t *testing.T, cmd *exec.Cmd) (stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	return o.String(), e.String(), cmd.ProcessState.ExitCode()
}

func TestBatchSendsFiftyOnceEach(t *testing.T) {
	mp := mailtest.StartMailpit(t, mailtest.MailpitOptions{Username: "pat", Password: "s3cret"})
	csv, run := mailSetup(t, smtpSettings(mp.SMTPPort), 50, 0)
	// No terminal: sending needs --yes.
	if _, stderr, code := output(t, run("batch", csv, "--send")); code != 2 || !strings.Contains(stderr, "sending 50 replies needs --yes") {
		t.Fatalf("without --yes: exit %d, %q", code, stderr)
	}
	if _, stderr, code := output(t, run("batch", csv, "--send", "--yes")); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	msgs := mp.Messages(t)
	if len(msgs) != 50 {
		t.Fatalf("the server holds %d messages, want 50", len(msgs))
	}
	var to []string
	for _, m := range msgs {
		to = append(to, m.To[0].Address)
	}
	slices.Sort(to)
	if to = slices.Compact(to); len(to) != 50 {
		t.Errorf("%d different recipients, want 50", len(to))
	}
	// The rerun finds every one in the send log: five lines, then a count.
	if _, stderr, code := output(t, run("batch", csv, "--send", "--yes")); code != 0 || strings.Count(stderr, "(skipped; --resend to send again)\n") != 6 ||
		!strings.Contains(stderr, "\nand 45 more were already sent (skipped; --resend to send again)\nSent 0, skipped 50 already sent.") {
		t.Fatalf("rerun: exit %d: %s", code, stderr)
	}
	if n := len(mp.Messages(t)); n != 50 {
		t.Errorf("after a rerun the server holds %d messages, want 50", n)
	}
	// --limit with --resend sends that many again.
	if _, stderr, code := output(t, run("batch", csv, "--send", "--yes", "--resend", "--limit", "3")); code != 0 {
		t.Fatalf("resend: exit %d: %s", code, stderr)
	}
	if n := len(mp.Messages(t)); n != 53 {
		t.Errorf("after --resend --limit 3 the server holds %d messages, want 53", n)
	}
}

func TestBatchKilledHalfWaySendsTheRestOnRerun(t *testing.T) {
	mp := mailtest.StartMailpit(t, mailtest.MailpitOptions{Username: "pat", Password: "s3cret"})
	csv, run := mailSetup(t, smtpSettings(mp.SMTPPort), 50, 0)
	cmd := run("batch", csv, "--send", "--yes", "--rate", "600/min")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	deadline := time.Now().Add(60 * time.Second)
	for len(mp.Messages(t)) < 20 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	cmd.Wait()
	first := len(mp.Messages(t))
	if code := cmd.ProcessState.ExitCode(); code != 143 || first >= 50 {
		t.Fatalf("killed run: exit %d after %d messages; stderr %q", code, first, stderr.String())
	}
	if _, stderr, code := output(t, run("batch", csv, "--send", "--yes")); code != 0 {
		t.Fatalf("rerun: exit %d: %s", code, stderr)
	}
	if n := len(mp.Messages(t)); n != 50 {
		t.Errorf("the server holds %d messages after the rerun, want exactly 50 (%d before it)", n, first)
	}
}

func TestBatchRefusedRecipient(t *testing.T) {
	mp := mailtest.StartMailpit(t, mailtest.MailpitOptions{Username: "pat", Password: "s3cret", AllowedRecipients: `@example\.org$`})
	csv, run := mailSetup(t, smtpSettings(mp.SMTPPort), 5, 3)
	_, stderr, code := output(t, run("batch", csv, "--send", "--yes"))
	if code != 1 || !strings.Contains(stderr, csv+":4: the server refused the message to p3@example.net: 5") || !strings.Contains(stderr, "stopped at "+csv+":4") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := len(mp.Messages(t)); n != 2 {
		t.Errorf("the server holds %d, want the 2 before the refusal", n)
	}
	_, stderr, code = output(t, run("batch", csv, "--send", "--yes", "--keep-going"))
	if code != 1 || !strings.Contains(stderr, csv+":4: the server refused") || !strings.Contains(stderr, "Sent 2, skipped 2 already sent, 1 failed (the line above)\n") {
		t.Fatalf("keep going: exit %d: %s", code, stderr)
	}
	if n := len(mp.Messages(t)); n != 4 {
		t.Errorf("the server holds %d, want 4", n)
	}
}

func TestSendWrongPassword(t *testing.T) {
	mp := mailtest.StartMailpit(t, mailtest.MailpitOptions{Username: "pat", Password: "other"})
	csv, run := mailSetup(t, smtpSettings(mp.SMTPPort), 2, 0)
	_, stderr, code := output(t, run("batch", csv, "--send", "--yes"))
	if code != 1 || !strings.Contains(stderr, "refused the username and password") || strings.Count(stderr, "\n") != 1 {
		t.Fatalf("exit %d: %q", code, stderr)
	}
	if n := len(mp.Messages(t)); n != 0 {
		t.Errorf("the server holds %d", n)
	}
}

// The message sent is the eml -f eml prints, but for the Date and
// Message-ID of each run and the headers the server adds.
func TestDraftSendIsTheEml(t *testing.T) {
	mp := mailtest.StartMailpit(t, mailtest.MailpitOptions{Username: "pat", Password: "s3cret"})
	_, run := mailSetup(t, smtpSettings(mp.SMTPPort), 0, 0)
	args := []string{"draft", "-n", "Zoë Brontë", "-r", "stranger", "--to", "zoe@example.org", "--note", "From here on, I keep my word."}
	want, stderr, code := output(t, run(append(args, "-f", "eml")...))
	if code != 0 {
		t.Fatal(stderr)
	}
	if _, stderr, code := output(t, run(append(args, "--send")...)); code != 0 || !strings.Contains(stderr, "Sent the reply to zoe@example.org") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// A second --send finds it in the log, and sends nothing.
	if _, stderr, code := output(t, run(append(args, "--send")...)); code != 0 || !regexp.MustCompile(`decline: note: already sent to zoe@example.org on \d+ \w+ \d{4} \d\d:\d\d \(skipped; --resend to send again\)\n$`).MatchString(stderr) {
		t.Fatalf("again: exit %d: %s", code, stderr)
	}
	msgs := mp.Messages(t)
	if len(msgs) != 1 {
		t.Fatalf("the server holds %d messages", len(msgs))
	}
	got := mailtest.StripTransport(strings.ReplaceAll(string(mp.Raw(t, msgs[0].ID)), "\r\n", "\n"))
	perRun := regexp.MustCompile(`(?m)^(Date|Message-ID): .*$`)
	if a, b := perRun.ReplaceAllString(got, "$1: x"), perRun.ReplaceAllString(want, "$1: x"); a != b {
		t.Errorf("sent\n%s\n-f eml\n%s", a, b)
	}
}

func TestBatchSaveDrafts(t *testing.T) {
	d := mailtest.StartDovecot(t, nil)
	csv, run := mailSetup(t, fmt.Sprintf("imap: {host: 127.0.0.1, port: %d, tls: none, username: %s, password_command: \"echo '%s'\"}\n", d.Port, d.Username, d.Password), 20, 0)
	want, stderr, code := output(t, run("batch", csv, "--format", "mbox"))
	if code != 0 {
		t.Fatal(stderr)
	}
	if _, stderr, code := output(t, run("batch", csv, "--save-draft")); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	c, _ := d.Drafts(t)
	var all imap.SeqSet
	all.AddRange(1, 0)
	body := &imap.FetchItemBodySection{Peek: true}
	msgs, err := c.Fetch(all, &imap.FetchOptions{Flags: true, BodySection: []*imap.FetchItemBodySection{body}}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 20 {
		t.Fatalf("Drafts holds %d, want 20", len(msgs))
	}
	// A rerun finds all twenty in the drafts log, and saves none again.
	if _, stderr, code := output(t, run("batch", csv, "--save-draft")); code != 0 || !strings.Contains(stderr, "Saved 0 as drafts, skipped 20 saved before.") || !strings.Contains(stderr, "already saved as a draft to p1@example.org on ") {
		t.Fatalf("rerun: exit %d: %s", code, stderr)
	}
	if st, err := c.Status("Drafts", &imap.StatusOptions{NumMessages: true}).Wait(); err != nil || *st.NumMessages != 20 {
		t.Fatalf("after a rerun Drafts holds %v (%v), want 20", st, err)
	}
	perRun := regexp.MustCompile(`(?m)^(Date|Message-ID): .*$`)
	for i, m := range msgs {
		if !slices.Contains(m.Flags, imap.FlagDraft) {
			t.Errorf("draft %d has flags %v", i+1, m.Flags)
		}
		eml := strings.ReplaceAll(string(m.FindBodySection(body)), "\r\n", "\n")
		// Each draft is one message of the mbox batch writes, but for
		// the Date and Message-ID of each run.
		if !strings.Contains(perRun.ReplaceAllString(want, "$1: x"), "\n"+perRun.ReplaceAllString(eml, "$1: x")) {
			t.Errorf("draft %d is not a message of the mbox:\n%s", i+1, eml)
		}
	}
}

// --edit with --send sends the edited text, and an emptied file sends
// nothing; the note about --to and plain text is not shown.
func TestDraftEditSend(t *testing.T) {
	mp := mailtest.StartMailpit(t, mailtest.MailpitOptions{Username: "pat", Password: "s3cret"})
	_, run := mailSetup(t, smtpSettings(mp.SMTPPort), 0, 0)
	args := []string{"draft", "-n", "Fred Ng", "-r", "stranger", "-k", "recommendation", "--to", "fred@example.org", "--edit", "--send"}
	empty, _ := editorScript(t, `: > "$1"`)
	cmd := run(args...)
	cmd.Env = append(cmd.Env, "VISUAL="+empty)
	if _, stderr, code := output(t, cmd); code == 0 || strings.Contains(stderr, "Sent") {
		t.Fatalf("an emptied file: exit %d: %s", code, stderr)
	}
	if n := len(mp.Messages(t)); n != 0 {
		t.Fatalf("an emptied file sent %d", n)
	}
	editor, _ := editorScript(t, `printf 'Edited by hand.\n' > "$1"`)
	cmd = run(args...)
	cmd.Env = append(cmd.Env, "VISUAL="+editor)
	_, stderr, code := output(t, cmd)
	if code != 0 || strings.Contains(stderr, "plain text has neither") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	msgs := mp.Messages(t)
	if len(msgs) != 1 {
		t.Fatalf("the server holds %d", len(msgs))
	}
	if raw := string(mp.Raw(t, msgs[0].ID)); !strings.Contains(raw, "Edited by hand.") {
		t.Errorf("the edit was not sent:\n%s", raw)
	}
}

// Flags that do not fit --send are refused in one line, before anything
// reaches the server.
func TestSendFlagsRefused(t *testing.T) {
	mp := mailtest.StartMailpit(t, mailtest.MailpitOptions{Username: "pat", Password: "s3cret"})
	csv, run := mailSetup(t, smtpSettings(mp.SMTPPort), 2, 0)
	for _, args := range [][]string{
		{"batch", csv, "--send", "--yes", "--limit=0"},
		{"batch", csv, "--send", "--yes", "--limit=-1"},
		{"batch", csv, "--resend"},
		{"batch", csv, "--dry-run", "--rate", "10"},
		{"batch", csv, "--dry-run", "--send", "--yes", "--rate", "0/min"},
		{"draft", "-n", "Fred Ng", "-r", "stranger", "--to", "fred@example.org", "-f", "json", "--send"},
		{"draft", "-n", "Fred Ng", "-r", "stranger", "--to", "fred@example.org", "--copy", "--send"},
	} {
		_, stderr, code := output(t, run(args...))
		if code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%q: exit %d: %q", args, code, stderr)
		}
	}
	if n := len(mp.Messages(t)); n != 0 {
		t.Errorf("the server holds %d", n)
	}
}

// A batch send without a terminal says what it did in one line.
func TestBatchSendSummaryWithoutTerminal(t *testing.T) {
	mp := mailtest.StartMailpit(t, mailtest.MailpitOptions{Username: "pat", Password: "s3cret"})
	csv, run := mailSetup(t, smtpSettings(mp.SMTPPort), 3, 0)
	_, stderr, code := output(t, run("batch", csv, "--send", "--yes", "--limit", "1"))
	if code != 0 || strings.TrimSpace(stderr) != "Sent 1, 2 left for a later run by the limit." {
		t.Fatalf("exit %d: %q", code, stderr)
	}
}

// A second sending run while one holds the send log is refused in one
// line, and sends nothing.
func TestSendRefusedWhileAnotherSends(t *testing.T) {
	mp := mailtest.StartMailpit(t, mailtest.MailpitOptions{Username: "pat", Password: "s3cret"})
	csv, run := mailSetup(t, smtpSettings(mp.SMTPPort), 2, 0)
	cmd := run("batch", csv, "--send", "--yes")
	var state string
	for _, e := range cmd.Env {
		if v, ok := strings.CutPrefix(e, "XDG_STATE_HOME="); ok {
			state = v
		}
	}
	path := filepath.Join(state, "decline", "sent.jsonl")
	os.MkdirAll(filepath.Dir(path), 0o700)
	held, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	if err := syscall.Flock(int(held.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := output(t, cmd)
	if code != 1 || !strings.Contains(stderr, "another decline is sending") || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
		t.Fatalf("exit %d: %q", code, stderr)
	}
	if n := len(mp.Messages(t)); n != 0 {
		t.Errorf("the server holds %d", n)
	}
}

// mailEnv is what a command of mailSetup's run adds to the environment:
// the config, the state directory and the password, for a terminal.
func mailEnv(run func(args ...string) *exec.Cmd) []string {
	env := run().Env
	return env[len(env)-3:]
}

// The log knows a reply by the address without regard to case and by
// the kind: a rerun says so once a row, and a second row for the same
// person and kind in one batch is skipped with a warning.
func TestBatchSendNeverTwiceByAddress(t *testing.T) {
	mp := mailtest.StartMailpit(t, mailtest.MailpitOptions{Username: "pat", Password: "s3cret"})
	csv, run := mailSetup(t, smtpSettings(mp.SMTPPort), 0, 0)
	rows := "name,email,relationship,kind\nAnn Lee,ann@example.org,stranger,recommendation\nBo Ng,bo@example.org,stranger,recommendation\n" +
		"Ann Lee,ANN@Example.ORG,stranger,recommendation\nAnn Lee,ann@example.org,stranger,introduction\n"
	if err := os.WriteFile(csv, []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := output(t, run("batch", csv, "--send", "--yes", "--set", "contact=Dana"))
	if code != 0 || !strings.Contains(stderr, csv+":4: warning: ann@example.org has a reply of this kind at line 2 already; skipped (--resend sends both)") ||
		!strings.Contains(stderr, "Sent 3, skipped 1 repeated.") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := len(mp.Messages(t)); n != 3 {
		t.Fatalf("the server holds %d, want 3", n)
	}
	// Another wording, another case of the address: still sent before.
	rows = strings.Replace(rows, "Bo Ng,bo@example.org", "Bo Ng,\"Bo N. <BO@example.org>\"", 1)
	if err := os.WriteFile(csv, []byte(rows+"Cy Oh,cy@example.org,stranger,recommendation\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = output(t, run("batch", csv, "--send", "--yes", "--set", "contact=Dana"))
	skip := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(csv) + `:(\d): already sent to (\S+) on \d+ \w+ \d{4} \d\d:\d\d \(skipped; --resend to send again\)$`)
	lines := skip.FindAllStringSubmatch(stderr, -1)
	if code != 0 || len(lines) != 4 || lines[1][1] != "3" || lines[1][2] != "bo@example.org" || !strings.Contains(stderr, "Sent 1, skipped 4 already sent.") {
		t.Fatalf("rerun: exit %d: %s", code, stderr)
	}
	if n := len(mp.Messages(t)); n != 4 {
		t.Fatalf("the server holds %d, want 4", n)
	}
}

// A sendmail command that exits 0 without reading the message does not
// count as sent: exit 1, one line, nothing in the log.
func TestSendmailThatReadsNothing(t *testing.T) {
	csv, run := mailSetup(t, "sendmail: \"true\"\n", 2, 0)
	for range 2 {
		_, stderr, code := output(t, run("batch", csv, "--send", "--yes"))
		if code != 1 || !strings.Contains(stderr, "was not counted as sent: check that it reads the whole message") || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Fatalf("exit %d: %q", code, stderr)
		}
	}
}

// On a terminal a batch send asks, counting what the log and --limit
// leave, with From and the server; one --send shows the reply first.
// Both default to no; --yes does not ask.
func TestSendAsksOnATerminal(t *testing.T) {
	mp := mailtest.StartMailpit(t, mailtest.MailpitOptions{Username: "pat", Password: "s3cret"})
	csv, run := mailSetup(t, smtpSettings(mp.SMTPPort), 5, 0)
	env := mailEnv(run)
	server := fmt.Sprintf("127.0.0.1:%d", mp.SMTPPort)
	if _, stderr, code := output(t, run("batch", csv, "--send", "--yes", "--limit", "1")); code != 0 {
		t.Fatal(stderr)
	}
	s := startSession(t, true, env, "batch", csv, "--send", "--limit", "3")
	s.expect("Of the 5 replies, skipping 1 already sent, 1 over the limit.", "Send 3 replies from pat@example.com through "+server+"? [y/N]")
	s.send("\r")
	if code := s.exitCode(); code != 130 || len(mp.Messages(t)) != 1 || !strings.Contains(s.text(), "decline: cancelled: nothing was sent") {
		t.Fatalf("said no: exit %d, %d at the server:\n%s", code, len(mp.Messages(t)), s.text())
	}
	s = startSession(t, true, env, "batch", csv, "--send", "--limit", "3")
	s.expect("Send 3 replies")
	s.send("y\r")
	if code := s.exitCode(); code != 0 || len(mp.Messages(t)) != 4 {
		t.Fatalf("said yes: exit %d, %d at the server:\n%s", code, len(mp.Messages(t)), s.text())
	}
	args := []string{"draft", "-n", "Fred Ng", "-r", "stranger", "--to", "Fred Ng <fred@example.org>", "--send"}
	s = startSession(t, true, env, args...)
	s.expect("To: Fred Ng <fred@example.org>", "From: Pat Morgan <pat@example.com>", "Subject: ", "Hi Fred,", "Send this reply to fred@example.org from pat@example.com through "+server+"? [y/N]")
	s.send("n\r")
	if code := s.exitCode(); code != 130 || len(mp.Messages(t)) != 4 {
		t.Fatalf("one reply, said no: exit %d:\n%s", code, s.text())
	}
	s = startSession(t, true, env, args...)
	s.expect("Send this reply to fred@example.org")
	s.send("\x04")
	if code := s.exitCode(); code != 130 || len(mp.Messages(t)) != 4 {
		t.Fatalf("one reply, Ctrl-D: exit %d:\n%s", code, s.text())
	}
	// Without --to, --send is refused before any question is asked.
	s = startSession(t, true, env, "draft", "--send")
	if code := s.exitCode(); code != 2 || !strings.Contains(s.text(), "--send needs the requester's address") || strings.Contains(s.text(), "?") {
		t.Fatalf("no --to: exit %d:\n%s", code, s.text())
	}
	s = startSession(t, true, env, append(args, "--yes")...)
	if code := s.exitCode(); code != 0 || len(mp.Messages(t)) != 5 || strings.Contains(s.text(), "[y/N]") || !strings.Contains(s.text(), "Sent the reply to Fred Ng <fred@example.org>.") {
		t.Fatalf("--yes: exit %d:\n%s", code, s.text())
	}
}

// A certificate that does not verify and a server that is not there
// each stop --send in one line that says what to check, exit 1.
func TestSendServerErrorsInOneLine(t *testing.T) {
	cert := mailtest.SelfSigned(t, t.TempDir())
	mp := mailtest.StartMailpit(t, mailtest.MailpitOptions{Cert: cert})
	args := []string{"draft", "-n", "Fred Ng", "-r", "stranger", "--to", "fred@example.org", "--send"}
	for _, c := range []struct{ settings, want string }{
		{fmt.Sprintf("smtp: {host: 127.0.0.1, port: %d, tls: tls}\n", mp.SMTPPort), "does not verify, so nothing was sent to it: check that host in the smtp settings is the name on the certificate, or trust the CA that signed it with SSL_CERT_FILE"},
		{fmt.Sprintf("smtp: {host: 127.0.0.1, port: %d, tls: none}\n", mailtest.FreePort(t)), "check host and port in the smtp settings, and that the server runs: "},
	} {
		_, run := mailSetup(t, c.settings, 0, 0)
		_, stderr, code := output(t, run(args...))
		if code != 1 || !strings.Contains(stderr, c.want) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("exit %d: %q, want %q", code, stderr, c.want)
		}
	}
	if n := len(mp.Messages(t)); n != 0 {
		t.Errorf("the server holds %d", n)
	}
}

// Ctrl-C during a batch send says in one line that it was cancelled,
// what was sent and how to go on, and the progress line counts what is
// skipped as the question did.
func TestBatchSendCtrlCSaysItOnce(t *testing.T) {
	mp := mailtest.StartMailpit(t, mailtest.MailpitOptions{Username: "pat", Password: "s3cret"})
	csv, run := mailSetup(t, smtpSettings(mp.SMTPPort), 6, 0)
	if _, stderr, code := output(t, run("batch", csv, "--send", "--yes", "--limit", "1")); code != 0 {
		t.Fatal(stderr)
	}
	s := startSession(t, true, mailEnv(run), "batch", csv, "--send", "--yes", "--rate", "30/min")
	s.expect("Sending: 1 of 5 sent, 1 skipped, 0 failed")
	s.send("\x03")
	if code := s.exitCode(); code != 130 {
		t.Fatalf("exit %d:\n%s", code, s.text())
	}
	text := s.text()
	if !regexp.MustCompile(`decline: cancelled; Sent \d+, skipped 1 already sent\. The same command sends the rest\.`).MatchString(text) || strings.Count(text, "cancelled") != 1 {
		t.Errorf("Ctrl-C said:\n%s", text)
	}
}

// reply on an mbox sends every reply with batch's safety: --yes
// without a terminal, the log (a rerun sends none again), --limit.
func TestReplyManySend(t *testing.T) {
	mp := mailtest.StartMailpit(t, mailtest.MailpitOptions{Username: "pat", Password: "s3cret"})
	csv, run := mailSetup(t, smtpSettings(mp.SMTPPort), 0, 0)
	var b strings.Builder
	for i, name := range []string{"Ann Lee", "Bo Ng", "Cy Oh"} {
		fmt.Fprintf(&b, "From r%d@example.org Tue Dec  1 09:14:03 2026\nFrom: %s <r%d@example.org>\nTo: pat@example.com\nSubject: Recommendation?\nMessage-ID: <req%d@example.org>\n\nWould you write me a recommendation on LinkedIn?\n\n", i, name, i, i)
	}
	mbox := filepath.Join(filepath.Dir(csv), "requests.mbox")
	if err := os.WriteFile(mbox, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := output(t, run("reply", mbox, "-r", "no-business", "--send")); code != 2 || !strings.Contains(stderr, "sending 3 replies needs --yes") {
		t.Fatalf("without --yes: exit %d: %s", code, stderr)
	}
	if _, stderr, code := output(t, run("reply", mbox, "-r", "no-business", "--send", "--yes", "--limit", "2")); code != 0 || !strings.Contains(stderr, "Sent 2, 1 left for a later run by the limit.") {
		t.Fatalf("--limit 2: exit %d: %s", code, stderr)
	}
	if _, stderr, code := output(t, run("reply", mbox, "-r", "no-business", "--send", "--yes")); code != 0 || !strings.Contains(stderr, "Sent 1, skipped 2 already sent.") {
		t.Fatalf("rerun: exit %d: %s", code, stderr)
	}
	msgs := mp.Messages(t)
	if len(msgs) != 3 {
		t.Fatalf("the server holds %d, want 3", len(msgs))
	}
	for _, m := range msgs {
		if raw := string(mp.Raw(t, m.ID)); !strings.Contains(raw, "In-Reply-To: <req") {
			t.Errorf("a reply is not in its request's thread:\n%s", raw)
		}
	}
}

// --dry-run on one message checks it as on many: a summary, and nothing
// sent, saved or written, whatever says where the reply goes.
func TestReplyOneDryRunSendsNothing(t *testing.T) {
	mp := mailtest.StartMailpit(t, mailtest.MailpitOptions{Username: "pat", Password: "s3cret"})
	csv, run := mailSetup(t, smtpSettings(mp.SMTPPort), 0, 0)
	dir := filepath.Dir(csv)
	req := "From: Scott Hall <scott@example.org>\nTo: pat@example.com\nSubject: Recommendation?\nMessage-ID: <req@example.org>\n\nWould you write me a recommendation on LinkedIn?\n"
	eml, mbox := filepath.Join(dir, "req.eml"), filepath.Join(dir, "one.mbox")
	if err := os.WriteFile(eml, []byte(req), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(mbox, []byte("From scott@example.org Tue Dec  1 09:14:03 2026\n"+req), 0o644); err != nil {
		t.Fatal(err)
	}
	const summary = "Checked 1 message: 1 can be answered, 0 cannot; nothing was written (--dry-run).\n"
	for _, in := range []string{eml, mbox} {
		cmd := run("reply", in, "-r", "stranger", "--send", "--dry-run")
		cmd.Stdin = nil
		if stdout, stderr, code := output(t, cmd); code != 0 || stdout != "" || !strings.HasSuffix(stderr, summary) || strings.Contains(stderr, "Sent") {
			t.Fatalf("%s: exit %d, stdout %q, stderr %q", filepath.Base(in), code, stdout, stderr)
		}
	}
	if msgs := mp.Messages(t); len(msgs) != 0 {
		t.Fatalf("--dry-run sent %d messages", len(msgs))
	}
	md := filepath.Join(dir, "drafts")
	if _, stderr, code := output(t, run("reply", eml, "-r", "stranger", "--maildir", md, "--dry-run")); code != 0 || !strings.HasSuffix(stderr, summary) {
		t.Fatalf("--maildir: exit %d, stderr %q", code, stderr)
	}
	if entries, _ := os.ReadDir(filepath.Join(md, "cur")); len(entries) != 0 {
		t.Fatalf("--dry-run wrote %d drafts in the Maildir", len(entries))
	}
	// Nor is a draft saved over IMAP.
	d := mailtest.StartDovecot(t, nil)
	_, runIMAP := mailSetup(t, fmt.Sprintf("imap: {host: 127.0.0.1, port: %d, tls: none, username: %s, password_command: \"echo '%s'\"}\n", d.Port, d.Username, d.Password), 0, 0)
	if _, stderr, code := output(t, runIMAP("reply", eml, "-r", "stranger", "--save-draft", "--dry-run")); code != 0 || !strings.HasSuffix(stderr, summary) {
		t.Fatalf("--save-draft: exit %d, stderr %q", code, stderr)
	}
	if _, sel := d.Drafts(t); sel.NumMessages != 0 {
		t.Fatalf("--dry-run saved %d drafts", sel.NumMessages)
	}
}

// SIGTERM while an IMAP server sits on an APPEND ends the run at once,
// saying the draft may be there; it hung until kill -9.
func TestSaveDraftSignalledOnASilentServer(t *testing.T) {
	port := mailtest.SilentIMAP(t, "APPEND")
	csv, run := mailSetup(t, fmt.Sprintf("imap: {host: 127.0.0.1, port: %d, tls: none, username: jordan, password_env: SMTP_PW}\n", port), 0, 0)
	eml := filepath.Join(filepath.Dir(csv), "req.eml")
	if err := os.WriteFile(eml, []byte("From: Scott Hall <scott@example.org>\nTo: pat@example.com\nSubject: Recommendation?\nMessage-ID: <req@example.org>\n\nWould you write me a recommendation on LinkedIn?\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := run("reply", eml, "-r", "stranger", "--save-draft")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	time.Sleep(time.Second) // connected, logged in, the APPEND under way
	start := time.Now()
	cmd.Process.Signal(syscall.SIGTERM)
	cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != 143 || time.Since(start) > 10*time.Second || !strings.Contains(stderr.String(), "may or may not be in Drafts") {
		t.Fatalf("exit %d after %s: %s", code, time.Since(start), stderr.String())
	}
}
