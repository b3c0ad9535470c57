package send

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/mailtest"
)

func env(m map[string]string) config.Env { return func(k string) string { return m[k] } }

func message(to, body string) []byte {
	return []byte("Date: Wed, 02 Dec 2026 03:00:12 +0000\nFrom: Pat Morgan <pat@example.com>\nTo: " + to +
		"\nSubject: Your request\nMessage-ID: <" + fmt.Sprint(time.Now().UnixNano()) + "@example.com>\nMIME-Version: 1.0\n" +
		"Content-Type: text/plain;\n charset=utf-8\nContent-Transfer-Encoding: 7bit\n\n" + body)
}

func loopback(port int) *config.Server {
	return &config.Server{Host: "127.0.0.1", Port: port, TLS: config.TLSNone}
}

func TestSMTPSendsWhatItIsGiven(t *testing.T) {
	mp := mailtest.StartMailpit(t, mailtest.MailpitOptions{Username: "pat", Password: "s3cret"})
	s := loopback(mp.SMTPPort)
	s.Username, s.PasswordEnv = "pat", "SMTP_PW"
	tr, err := DialSMTP(context.Background(), s, env(map[string]string{"SMTP_PW": "s3cret"}), "Pat Morgan <pat@example.com>", nil)
	if err != nil {
		t.Fatal(err)
	}
	// A line that starts with a dot must arrive as it was written.
	eml := message("scott@example.org", "Hi Scott,\n.\n..and a dot.\n")
	if err := tr.Send(context.Background(), "Scott <scott@example.org>", eml); err != nil {
		t.Fatal(err)
	}
	tr.Close()
	msgs := mp.Messages(t)
	if len(msgs) != 1 {
		t.Fatalf("mailpit holds %d messages", len(msgs))
	}
	raw := mp.Raw(t, msgs[0].ID)
	got := strings.ReplaceAll(string(raw), "\r\n", "\n")
	if got = mailtest.StripTransport(got); got != string(eml) {
		t.Errorf("received\n%q\nsent\n%q", got, eml)
	}
}

func TestSMTPWrongPassword(t *testing.T) {
	mp := mailtest.StartMailpit(t, mailtest.MailpitOptions{Username: "pat", Password: "s3cret"})
	s := loopback(mp.SMTPPort)
	s.Username, s.PasswordCommand = "pat", "echo wrong"
	_, err := DialSMTP(context.Background(), s, env(nil), "pat@example.com", nil)
	if err == nil || !strings.Contains(err.Error(), "refused the username and password") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("err = %v", err)
	}
	if n := len(mp.Messages(t)); n != 0 {
		t.Errorf("%d messages at the server", n)
	}
}

func TestSMTPCertificateThatDoesNotVerify(t *testing.T) {
	cert := mailtest.SelfSigned(t, t.TempDir())
	mp := mailtest.StartMailpit(t, mailtest.MailpitOptions{Cert: cert})
	s := &config.Server{Host: "127.0.0.1", Port: mp.SMTPPort, TLS: config.TLSImplicit}
	_, err := DialSMTP(context.Background(), s, env(nil), "pat@example.com", nil)
	if err == nil || !strings.Contains(err.Error(), "does not verify") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("err = %v", err)
	}
	// The same server, its certificate trusted, takes the message: the
	// refusal was the certificate's.
	tr, err := DialSMTP(context.Background(), s, env(nil), "pat@example.com", cert.Pool)
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Close()
	if err := tr.Send(context.Background(), "a@example.org", message("a@example.org", "Hi.\n")); err != nil {
		t.Fatal(err)
	}
	if n := len(mp.Messages(t)); n != 1 {
		t.Errorf("%d messages at the server, want 1", n)
	}
}

func TestRunRefusedRecipientAndNeverTwice(t *testing.T) {
	mp := mailtest.StartMailpit(t, mailtest.MailpitOptions{AllowedRecipients: `@example\.org$`})
	tr, err := DialSMTP(context.Background(), loopback(mp.SMTPPort), env(nil), "pat@example.com", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Close()
	logPath := filepath.Join(t.TempDir(), "decline", "sent.jsonl")
	items := []*Item{}
	for i, to := range []string{"a@example.org", "b@example.net", "c@example.org"} {
		items = append(items, &Item{Source: "in.csv", Line: i + 2, To: to, Template: "t", EML: message(to, "Hi "+to+"\n")})
	}
	run := func(keepGoing bool) (*Run, []string, error) {
		log, err := OpenLog(logPath)
		if err != nil {
			t.Fatal(err)
		}
		defer log.Close()
		var problems []string
		r := &Run{Transport: tr, Log: log, KeepGoing: keepGoing, Problem: func(it *Item, err error) {
			problems = append(problems, it.Place()+": "+err.Error())
		}}
		for _, it := range items {
			if err := r.Send(context.Background(), it); err != nil {
				return r, problems, err
			}
		}
		return r, problems, nil
	}
	r, problems, err := run(false)
	var failed *FailedError
	if !errors.As(err, &failed) || failed.Item.Line != 3 || r.Counts.Sent != 1 || len(problems) != 1 || !strings.HasPrefix(problems[0], "in.csv:3: the server refused the message to b@example.net: 5") {
		t.Fatalf("without keep-going: %v %+v %q", err, r.Counts, problems)
	}
	r, problems, err = run(true)
	if err != nil || r.Counts != (Counts{Sent: 1, Skipped: 1, Failed: 1}) || len(problems) != 1 {
		t.Fatalf("keep going: %v %+v %q", err, r.Counts, problems)
	}
	r, _, err = run(true)
	if err != nil || r.Counts != (Counts{Skipped: 2, Failed: 1}) {
		t.Fatalf("rerun: %v %+v", err, r.Counts)
	}
	if n := len(mp.Messages(t)); n != 2 {
		t.Errorf("%d messages at the server, want 2", n)
	}
	data, err := os.ReadFile(logPath)
	if err != nil || strings.Count(string(data), "\n") != 2 || !strings.Contains(string(data), `"to":"c@example.org","template":"t"`) {
		t.Errorf("log: %v\n%s", err, data)
	}
}

func TestLogSurvivesACutLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sent.jsonl")
	log, err := OpenLog(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := log.Record(Entry{MessageID: "<a@x>", To: "a@example.org", Digest: "d1", Time: time.Now()}); err != nil {
		t.Fatal(err)
	}
	log.Close()
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"message_id":"<b@x>","to":"b@ex`)
	f.Close()
	log, err = OpenLog(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := log.Sent("d1"); !ok {
		t.Error("d1 forgotten")
	}
	if err := log.Record(Entry{To: "c@example.org", Digest: "d3"}); err != nil {
		t.Fatal(err)
	}
	log.Close()
	log, _ = OpenLog(path)
	defer log.Close()
	if _, ok := log.Sent("d3"); !ok {
		t.Error("the entry after a cut line was lost")
	}
}

func TestDigestIgnoresDateAndMessageID(t *testing.T) {
	a := message("a@example.org", "Hi.\n")
	time.Sleep(time.Millisecond)
	b := message("a@example.org", "Hi.\n")
	if string(a) == string(b) || Digest("a@example.org", a) != Digest("a@example.org", b) {
		t.Error("the same reply has two digests")
	}
	if Digest("a@example.org", a) == Digest("b@example.org", a) || Digest("a@example.org", a) == Digest("a@example.org", message("a@example.org", "Hello.\n")) {
		t.Error("different replies share a digest")
	}
}

func TestSendmailCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.eml")
	s := &Sendmail{Command: "cat > " + out}
	eml := message("a@example.org", "Hi.\n")
	if err := s.Send(context.Background(), "a@example.org", eml); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(out); string(got) != string(eml) {
		t.Errorf("sendmail got %q", got)
	}
	err := (&Sendmail{Command: "echo 'no such user' >&2; exit 67"}).Send(context.Background(), "a@example.org", eml)
	var refused *RefusedError
	if !errors.As(err, &refused) || !strings.Contains(err.Error(), "no such user") {
		t.Errorf("err = %v", err)
	}
}

func TestPassword(t *testing.T) {
	s := &config.Server{Username: "pat", PasswordCommand: "printf 'hunter2\\nsecond line'"}
	if pw, err := Password("smtp", s, env(nil)); err != nil || pw != "hunter2" {
		t.Errorf("command: %q %v", pw, err)
	}
	s = &config.Server{Username: "pat", PasswordCommand: "echo locked >&2; exit 1"}
	if _, err := Password("smtp", s, env(nil)); err == nil || !strings.Contains(err.Error(), "locked") {
		t.Errorf("failing command: %v", err)
	}
	s = &config.Server{Username: "pat", PasswordCommand: "hunter2"}
	if _, err := Password("smtp", s, env(nil)); err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("a secret typed as the command is shown back: %v", err)
	}
	s = &config.Server{Username: "pat", PasswordEnv: "PW"}
	if pw, err := Password("imap", s, env(map[string]string{"PW": "x"})); err != nil || pw != "x" {
		t.Errorf("env: %q %v", pw, err)
	}
	if _, err := Password("imap", s, env(nil)); err == nil || !strings.Contains(err.Error(), "PW is empty or not set") {
		t.Errorf("unset env: %v", err)
	}
}

// A password command whose child outlives the shell (sleep, gpg waiting
// on pinentry) is stopped at the timeout, the whole group of it.
func TestPasswordTimeoutKillsTheGroup(t *testing.T) {
	old := passwordTimeout
	passwordTimeout = 300 * time.Millisecond
	defer func() { passwordTimeout = old }()
	s := &config.Server{Username: "pat", PasswordCommand: "sleep 300; echo pw"}
	start := time.Now()
	_, err := Password("smtp", s, env(nil))
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("Password returned after %v, want about the timeout", took)
	}
	if err == nil || !strings.Contains(err.Error(), "did not finish") {
		t.Errorf("err = %v, want a timeout", err)
	}
}

// TestSMTPQuotedLocalParts keeps the quotes of "a b"@example.com in the
// envelope: unquoted, the space would end the address.
func TestSMTPQuotedLocalParts(t *testing.T) {
	mp := mailtest.StartMailpit(t, mailtest.MailpitOptions{})
	tr, err := DialSMTP(context.Background(), loopback(mp.SMTPPort), env(nil), `Pat <"pat m"@example.com>`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := tr.Send(context.Background(), `Scott <"scott o"@example.org>`, message(`"scott o"@example.org`, "Hi\n")); err != nil {
		t.Fatal(err)
	}
	tr.Close()
	msgs := mp.Messages(t)
	if len(msgs) != 1 {
		t.Fatalf("mailpit holds %d messages", len(msgs))
	}
	if raw := string(mp.Raw(t, msgs[0].ID)); !strings.Contains(raw, `Return-Path: <"pat m"@example.com>`) {
		t.Errorf("the envelope sender lost its quotes:\n%s", raw)
	}
}
