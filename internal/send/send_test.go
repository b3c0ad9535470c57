package send

import (
	"context"
	"errors"
	"fmt"
	"net/textproto"
	"os"
	"path/filepath"
	"runtime"
	"slices"
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
	if err == nil || !strings.Contains(err.Error(), "refused the username and password: check username in the smtp settings and the password that password_command prints") || strings.Contains(err.Error(), "\n") {
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
	if err == nil || !strings.Contains(err.Error(), "does not verify, so nothing was sent to it: check that host") || !strings.Contains(err.Error(), "SSL_CERT_FILE") || strings.Contains(err.Error(), "\n") {
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
		rep := &reporter{}
		r := &Run{Transport: tr, Log: log, KeepGoing: keepGoing, Report: rep}
		for _, it := range items {
			if err := r.Send(context.Background(), it); err != nil {
				return r, rep.problems, err
			}
		}
		return r, rep.problems, nil
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
	if err != nil || strings.Count(string(data), "\n") != 2 || !strings.Contains(string(data), `"to":"c@example.org","address":"c@example.org","kind":"template:t","template":"t"`) {
		t.Errorf("log: %v\n%s", err, data)
	}
}

// A line of the log that cannot be read stops the run, naming the file
// and line: skipping it would send that person a second message. A last
// line cut short by a crash does too, and says how to go on.
func TestLogRefusesADamagedLine(t *testing.T) {
	good := `{"message_id":"<a@x>","to":"a@example.org","kind":"k","time":"2026-01-02T03:04:05Z"}` + "\n"
	for name, c := range map[string]struct{ data, want string }{
		"edited":   {good + `{"message_id":"<b@x>","to":"b@example.org",,}` + "\n" + good, "sent.jsonl:2: the send log has a line it cannot read"},
		"junk":     {good + "hello\n", "sent.jsonl:2: the send log has a line it cannot read"},
		"no to":    {`{"kind":"k"}` + "\n", "sent.jsonl:1: the send log has a line it cannot read"},
		"cut":      {good + `{"message_id":"<b@x>","to":"b@ex`, "sent.jsonl:2: the send log's last line is cut short"},
		"too long": {good + strings.Repeat("x", 100<<10) + "\n", "sent.jsonl:2: the send log's line is too long"},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "sent.jsonl")
			os.WriteFile(path, []byte(c.data), 0o600)
			log, err := OpenLog(path)
			if err == nil {
				log.Close()
				t.Fatal("no error")
			}
			if msg := err.Error(); !strings.HasPrefix(msg, path+":") || !strings.Contains(msg, c.want) || strings.Contains(msg, "\n") {
				t.Errorf("error %q, want %q", msg, c.want)
			}
			if data, _ := os.ReadFile(path); string(data) != c.data {
				t.Error("the log was changed")
			}
		})
	}
	// Blank lines are no damage; the entries around them are kept.
	path := filepath.Join(t.TempDir(), "sent.jsonl")
	os.WriteFile(path, []byte(good+"\n"+strings.Replace(good, "a@example", "c@example", 1)), 0o600)
	log, err := OpenLog(path)
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	for _, a := range []string{"a@example.org", "c@example.org"} {
		if e, ok := log.Sent(Key(a, "k", "")); !ok || e.Time.Year() != 2026 {
			t.Errorf("%s: %v %v", a, e, ok)
		}
	}
}

// The log is read line by line and keeps little of each: 100,000
// entries cost well under 100 bytes each once read.
func TestLogKeepsLittleInMemory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sent.jsonl")
	var b strings.Builder
	const n = 100_000
	for i := range n {
		fmt.Fprintf(&b, `{"message_id":"<%d.1767322800@decline.example.com>","to":"Person Number %d <person%d@example.org>","address":"person%d@example.org","kind":"recommendation","lang":"en","template":"recommendation/colleague/warm","time":"2026-01-02T03:04:05Z"}`+"\n", i, i, i, i)
	}
	os.WriteFile(path, []byte(b.String()), 0o600)
	b = strings.Builder{}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	log, err := OpenLog(path)
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	runtime.GC()
	runtime.ReadMemStats(&after)
	if per := (int64(after.HeapAlloc) - int64(before.HeapAlloc)) / n; per > 100 {
		t.Errorf("%d bytes an entry", per)
	}
	if _, ok := log.Sent(Key("PERSON77@example.org", "recommendation", "en")); !ok {
		t.Error("an entry was forgotten")
	}
}

// The log knows a message by its address, in any case and with any
// display name, and the kind and language of the reply; a line written
// before it held them is read by its recipient and template id.
func TestKey(t *testing.T) {
	same := [][2]string{
		{"Scott <Scott.Lee@Example.ORG>", "scott.lee@example.org"},
		{"SCOTT.LEE@example.org", "  scott.lee@EXAMPLE.org "},
	}
	for _, p := range same {
		if Key(p[0], "recommendation", "en") != Key(p[1], "recommendation", "") {
			t.Errorf("%q and %q differ", p[0], p[1])
		}
	}
	a := Key("a@example.org", "recommendation", "en")
	for _, other := range []string{Key("b@example.org", "recommendation", "en"), Key("a@example.org", "introduction", "en"), Key("a@example.org", "recommendation", "fr")} {
		if a == other {
			t.Errorf("%q matches %q", a, other)
		}
	}
	old := Entry{To: "Ann <A@Example.org>", Template: "recommendation/stranger/warm"}
	if old.key() != a {
		t.Errorf("an old line's key %q, want %q", old.key(), a)
	}
}

func to(e *Entry) string {
	if e == nil {
		return "?"
	}
	return e.To
}

type reporter struct {
	problems, skips []string
	confirm         *Counts
	no              bool
}

func (r *reporter) Confirm(c Counts) (bool, error) { r.confirm = &c; return !r.no, nil }
func (r *reporter) Progress(Counts)                {}
func (r *reporter) Failed(it *Item, err error) {
	r.problems = append(r.problems, it.Place()+": "+err.Error())
}
func (r *reporter) Skipped(it *Item, s Skip) {
	why := "sent before to " + to(s.Before)
	if s.Earlier != nil {
		why = "repeats line " + fmt.Sprint(s.Earlier.Line)
	}
	r.skips = append(r.skips, it.Place()+": "+why)
}

// A batch that names one person twice, in another case, sends the
// first; the plan counts what the log and the limit leave, and the
// transport opens only when there is something to send.
func TestRunRepeatsAndPlan(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	logPath := filepath.Join(dir, "sent.jsonl")
	var items []*Item
	for i, to := range []string{"a@example.org", "b@example.org", "Ann <A@EXAMPLE.org>", "c@example.org", "d@example.org"} {
		items = append(items, &Item{Source: "in.csv", Line: i + 2, To: to, Kind: "recommendation", Lang: "en", EML: message(to, "Hi.\n")})
	}
	run := func(limit int, resend bool) (*Run, *reporter, int, error) {
		log, err := OpenLog(logPath)
		if err != nil {
			t.Fatal(err)
		}
		defer log.Close()
		rep := &reporter{}
		r := &Run{Log: log, Limit: limit, Resend: resend, Report: rep}
		opened := 0
		err = r.All(context.Background(), items, func() (Transport, error) {
			opened++
			return &Sendmail{Command: "cat >> " + out}, nil
		})
		return r, rep, opened, err
	}
	r, rep, opened, err := run(2, false)
	want := Counts{Sent: 2, Repeated: 1, Limited: 2}
	if err != nil || opened != 1 || *rep.confirm != want || r.Counts != want {
		t.Fatalf("first run: %v, opened %d, plan %+v, did %+v", err, opened, rep.confirm, r.Counts)
	}
	if len(rep.skips) != 1 || rep.skips[0] != "in.csv:4: repeats line 2" {
		t.Errorf("skips %q", rep.skips)
	}
	r, rep, _, err = run(0, false)
	want = Counts{Sent: 2, Skipped: 3}
	if err != nil || *rep.confirm != want || r.Counts != want {
		t.Fatalf("second run: %v, plan %+v, did %+v", err, rep.confirm, r.Counts)
	}
	r, rep, opened, err = run(0, false)
	if err != nil || opened != 0 || rep.confirm != nil || r.Counts != (Counts{Skipped: 5}) {
		t.Fatalf("third run: %v, opened %d, asked %v, did %+v", err, opened, rep.confirm, r.Counts)
	}
	data, _ := os.ReadFile(out)
	if n := strings.Count(string(data), "Subject: "); n != 4 {
		t.Errorf("sent %d messages, want 4", n)
	}
	// Said no to: nothing goes.
	log, _ := OpenLog(logPath)
	r = &Run{Log: log, Resend: true, Report: &reporter{no: true}}
	if err := r.All(context.Background(), items, func() (Transport, error) { t.Fatal("connected"); return nil, nil }); !errors.Is(err, ErrNotConfirmed) {
		t.Errorf("declined run: %v", err)
	}
	log.Close()
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
	// Its error output is never part of the error: a password store
	// may print what it holds.
	s = &config.Server{Username: "pat", PasswordCommand: "echo 'wrong passphrase for hunter2' >&2; exit 3"}
	if _, err := Password("smtp", s, env(nil)); err == nil || strings.Contains(err.Error(), "hunter2") || !strings.Contains(err.Error(), "exited with status 3") {
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
	old, oldNo := passwordTimeout, passwordTimeoutNoTerminal
	passwordTimeout, passwordTimeoutNoTerminal = 300*time.Millisecond, 300*time.Millisecond
	defer func() { passwordTimeout, passwordTimeoutNoTerminal = old, oldNo }()
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

// A sendmail command that hangs, or leaves a child behind, is stopped at
// the timeout, the whole group of it, and the error says the message
// may have gone.
func TestSendmailTimeoutKillsTheGroup(t *testing.T) {
	start := time.Now()
	err := (&Sendmail{Command: "cat >/dev/null; sleep 300", Timeout: 300 * time.Millisecond}).Send(context.Background(), "a@example.org", message("a@example.org", "Hi.\n"))
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("Send returned after %v, want about the timeout", took)
	}
	var refused *RefusedError
	if err == nil || errors.As(err, &refused) || !strings.Contains(err.Error(), "did not finish in 300ms") {
		t.Errorf("err = %v, want a timeout that ends the run", err)
	}
}

// sendmail_timeout in the configuration is the time the command gets.
func TestSendmailTimeoutFromConfig(t *testing.T) {
	c, err := config.Parse([]byte("sendmail: 'cat >/dev/null; sleep 300'\nsendmail_timeout: 1s\n"))
	if err != nil {
		t.Fatal(err)
	}
	tr, err := Open(context.Background(), c, env(nil), "")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	err = tr.Send(context.Background(), "a@example.org", message("a@example.org", "Hi.\n"))
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("Send returned after %v, want about 1s", took)
	}
	if err == nil || !strings.Contains(err.Error(), "did not finish in 1s") || !strings.Contains(err.Error(), "sendmail_timeout") {
		t.Errorf("err = %v, want a timeout after 1s that names sendmail_timeout", err)
	}
}

// A transport that breaks while a message is on its way (not a refusal)
// ends the run with the message's place, and says it may have gone.
func TestRunBrokenTransportNamesTheRow(t *testing.T) {
	log, err := OpenLog(filepath.Join(t.TempDir(), "sent.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	r := &Run{Transport: &Sendmail{Command: "cat >/dev/null; kill -9 $$"}, Log: log, KeepGoing: true}
	err = r.Send(context.Background(), &Item{Source: "in.csv", Line: 7, To: `"a b"@example.org`, Kind: "k", EML: message("a@example.org", "Hi.\n")})
	if err == nil || !strings.HasPrefix(err.Error(), "in.csv:7: ") || !strings.Contains(err.Error(), `the message to "a b"@example.org may have reached the server`) {
		t.Errorf("err = %v", err)
	}
}

// A server's reply that echoes base64 (AUTH PLAIN's credentials) is
// not shown.
func TestServerTextRedactsBase64(t *testing.T) {
	creds := "AHBhdABodW50ZXIyaHVudGVyMg==" // \0pat\0hunter2hunter2
	s := loopback(25)
	for _, err := range []error{
		ServerError("smtp", s, &textproto.Error{Code: 535, Msg: "5.7.8 Authentication failed: " + creds}),
		ServerError("smtp", s, &textproto.Error{Code: 501, Msg: "5.5.2 Cannot decode " + creds}),
		AuthError("imap", s, "[AUTHENTICATIONFAILED] bad credentials ("+strings.TrimRight(creds, "=")+")"),
	} {
		if msg := err.Error(); strings.Contains(msg, creds[:12]) || !strings.Contains(msg, "[redacted]") {
			t.Errorf("%s", msg)
		}
	}
	for _, keep := range []string{"5.7.8 Username and Password not accepted. https://support.google.com/mail/?p=BadCredentials", "AuthenticationFailed", "/usr/sbin/sendmail", "Authentication"} {
		if got := oneLine(keep); got != keep {
			t.Errorf("oneLine(%q) = %q", keep, got)
		}
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

// A sendmail command that exits 0 before reading the whole message has
// not sent it: that is an error, not a message counted as sent. One that
// exits with a status says which, and what to check.
func TestSendmailPartialReadAndStatus(t *testing.T) {
	eml := message("a@example.org", strings.Repeat("A long line of the reply.\n", 400))
	for _, command := range []string{"true", "head -c 10 >/dev/null", "read line"} {
		err := (&Sendmail{Command: command}).Send(context.Background(), "a@example.org", eml)
		var refused *RefusedError
		if err == nil || errors.As(err, &refused) || !strings.Contains(err.Error(), "was not counted as sent") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: err = %v", command, err)
		}
	}
	t.Setenv("MSG", "msmtp: account default not found")
	err := (&Sendmail{Command: `cat >/dev/null; echo $MSG >&2; exit 78`}).Send(context.Background(), "a@example.org", eml)
	if err == nil || err.Error() != `the sendmail command "cat >/dev/null; echo $MSG >&2; exit 78" exited with status 78, so the message to a@example.org was not sent: check the command and its own settings: msmtp: account default not found` {
		t.Errorf("exit status: %v", err)
	}
}

// Nothing listening: one line that says what to check.
func TestSMTPConnectionRefused(t *testing.T) {
	port := mailtest.FreePort(t)
	_, err := DialSMTP(context.Background(), loopback(port), env(nil), "pat@example.com", nil)
	want := fmt.Sprintf("cannot reach the smtp server 127.0.0.1:%d: check host and port in the smtp settings, and that the server runs: ", port)
	if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "connection refused") || strings.Contains(err.Error(), "\n") {
		t.Errorf("err = %v", err)
	}
}

// A server that speaks no TLS, reached with tls: starttls or tls, is
// named in one line that says which setting to change, in decline's
// words: tls: none is for a server on this machine only.
func TestSMTPPlaintextServerNamesTheTLSSetting(t *testing.T) {
	mp := mailtest.StartMailpit(t, mailtest.MailpitOptions{})
	for _, mode := range []string{config.TLSStart, config.TLSImplicit} {
		s := &config.Server{Host: "127.0.0.1", Port: mp.SMTPPort, TLS: mode}
		_, err := DialSMTP(context.Background(), s, env(nil), "pat@example.com", nil)
		if err == nil {
			t.Fatalf("tls: %s: no error", mode)
		}
		if msg := err.Error(); !strings.Contains(msg, "tls: "+mode+" in the smtp settings") || !strings.Contains(msg, "tls: none") || strings.Contains(msg, "\n") {
			t.Errorf("tls: %s: %v", mode, err)
		}
	}
}

// An international domain is sent in its ASCII form; a local part with
// other characters goes to a server that offers SMTPUTF8 (mailpit), and
// to one that does not (aiosmtpd) it is refused in one line, that
// message only: the next still goes.
func TestSMTPInternationalAddresses(t *testing.T) {
	mp := mailtest.StartMailpit(t, mailtest.MailpitOptions{})
	tr, err := DialSMTP(context.Background(), loopback(mp.SMTPPort), env(nil), "Pat <pät@bücher.example>", nil)
	if err != nil {
		t.Fatal(err)
	}
	// The headers as deliver.EML writes them; the envelope from the
	// address as given.
	for to, header := range map[string]string{"josé@bücher.example": "josé@xn--bcher-kva.example", "scott@Bücher.example": "scott@xn--bcher-kva.example"} {
		if err := tr.Send(context.Background(), to, message(header, "Hi\n")); err != nil {
			t.Fatalf("to %s: %v", to, err)
		}
	}
	tr.Close()
	var got []string
	for _, m := range mp.Messages(t) {
		got = append(got, m.To[0].Address)
		if len(m.Bcc) > 0 {
			t.Errorf("the envelope went to %v, not to the address of To", m.Bcc)
		}
		if raw := string(mp.Raw(t, m.ID)); !strings.Contains(raw, "Return-Path: <pät@xn--bcher-kva.example>") {
			t.Errorf("the envelope sender is not in its ASCII and SMTPUTF8 form:\n%s", raw)
		}
	}
	slices.Sort(got)
	if strings.Join(got, " ") != "josé@xn--bcher-kva.example scott@xn--bcher-kva.example" {
		t.Errorf("mailpit received mail to %q", got)
	}

	plain := mailtest.StartPlain(t)
	_, err = DialSMTP(context.Background(), loopback(plain.SMTPPort), env(nil), "pät@example.com", nil)
	if err == nil || !strings.Contains(err.Error(), "does not offer SMTPUTF8), so nothing was sent") || strings.Contains(err.Error(), "\n") {
		t.Errorf("a sender the server cannot take: %v", err)
	}
	tr, err = DialSMTP(context.Background(), loopback(plain.SMTPPort), env(nil), "pat@bücher.example", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Close()
	err = tr.Send(context.Background(), "josé@bücher.example", message("josé@bücher.example", "Hi\n"))
	var refused *RefusedError
	if !errors.As(err, &refused) || err.Error() != fmt.Sprintf("the message to josé@xn--bcher-kva.example was not sent: the address has characters other than ASCII before the @, which the smtp server 127.0.0.1:%d does not take (it does not offer SMTPUTF8): give an ASCII address for this person, or send through a server that offers SMTPUTF8", plain.SMTPPort) {
		t.Errorf("a recipient the server cannot take: %v", err)
	}
	if err := tr.Send(context.Background(), "scott@bücher.example", message("scott@xn--bcher-kva.example", "Hi\n")); err != nil {
		t.Fatalf("the next message: %v", err)
	}
	msgs := plain.Messages(t)
	if len(msgs) != 1 || !strings.Contains(msgs[0], "X-RcptTo: scott@xn--bcher-kva.example") && !strings.Contains(msgs[0], "To: scott@xn--bcher-kva.example") {
		t.Errorf("aiosmtpd kept %d messages: %q", len(msgs), msgs)
	}
}

// A sendmail that reads the message, starts a background delivery that
// keeps its output open, and exits 0 has sent it: not "did not run",
// which would have a rerun send it twice (red team 16).
func TestSendmailBackgroundChildCounts(t *testing.T) {
	eml := message("a@example.org", "Hello.\n")
	start := time.Now()
	err := (&Sendmail{Command: `cat >/dev/null; (sleep 3; echo delivered) & exit 0`}).Send(context.Background(), "a@example.org", eml)
	if err != nil {
		t.Errorf("err = %v, want sent", err)
	}
	if d := time.Since(start); d > 2500*time.Millisecond {
		t.Errorf("waited %v for the background child", d)
	}
}
