package drafts

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/mailtest"
	"github.com/decline-cli/decline/internal/send"
)

func env(m map[string]string) config.Env { return func(k string) string { return m[k] } }

func draft(i int) []byte {
	return []byte(fmt.Sprintf("Date: Wed, 02 Dec 2026 03:00:12 +0000\nFrom: Pat Morgan <pat@example.com>\nTo: R%d <r%d@example.org>\n"+
		"Subject: Your request\nMessage-ID: <d%d@example.com>\nMIME-Version: 1.0\nContent-Type: text/plain;\n charset=utf-8\n"+
		"Content-Transfer-Encoding: 7bit\n\nHi R%d,\n\nThank you for asking.\n", i, i, i, i))
}

// readDrafts reads every message of the Drafts folder back with a
// client of our own, as a mail program would, with its flags and its
// text (the body section returned).
func readDrafts(t *testing.T, d *mailtest.Dovecot) ([]*imapclient.FetchMessageBuffer, *imap.FetchItemBodySection) {
	t.Helper()
	c, _ := d.Drafts(t)
	body := &imap.FetchItemBodySection{Peek: true}
	var all imap.SeqSet
	all.AddRange(1, 0) // 1:*
	msgs, err := c.Fetch(all, &imap.FetchOptions{Flags: true, BodySection: []*imap.FetchItemBodySection{body}}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	return msgs, body
}

func TestTwentyDraftsListedBackWithTheirFlags(t *testing.T) {
	d := mailtest.StartDovecot(t, nil)
	s := &config.IMAP{Server: config.Server{Host: "127.0.0.1", Port: d.Port, TLS: config.TLSNone, Username: d.Username, PasswordCommand: "echo '" + d.Password + "'"}}
	box, err := Open(s, env(nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	if box.Folder != "Drafts" {
		t.Errorf("folder %q, want the one marked \\Drafts", box.Folder)
	}
	for i := range 20 {
		if err := box.Append(draft(i), time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	box.Close()

	msgs, body := readDrafts(t, d)
	if len(msgs) != 20 {
		t.Fatalf("Drafts holds %d messages, want 20", len(msgs))
	}
	for i, m := range msgs {
		if !slices.Contains(m.Flags, imap.FlagDraft) {
			t.Errorf("message %d has flags %v, no \\Draft", i+1, m.Flags)
		}
		got := strings.ReplaceAll(string(m.FindBodySection(body)), "\r\n", "\n")
		if got != string(draft(i)) {
			t.Errorf("message %d reads back as\n%q\nwant\n%q", i+1, got, draft(i))
		}
	}
}

func TestWrongPasswordAndUnverifiedCertificate(t *testing.T) {
	d := mailtest.StartDovecot(t, nil)
	s := &config.IMAP{Server: config.Server{Host: "127.0.0.1", Port: d.Port, TLS: config.TLSNone, Username: d.Username, PasswordEnv: "PW"}}
	_, err := Open(s, env(map[string]string{"PW": "not it"}), nil)
	if err == nil || !strings.Contains(err.Error(), "refused the username and password: check username in the imap settings and the password in $PW") || strings.Contains(err.Error(), "\n") {
		t.Errorf("wrong password: %v", err)
	}

	cert := mailtest.SelfSigned(t, t.TempDir())
	tlsd := mailtest.StartDovecot(t, cert)
	s = &config.IMAP{Server: config.Server{Host: "127.0.0.1", Port: tlsd.Port, TLS: config.TLSImplicit, Username: d.Username, PasswordEnv: "PW"}}
	pw := env(map[string]string{"PW": d.Password})
	_, err = Open(s, pw, nil)
	if err == nil || !strings.Contains(err.Error(), "does not verify") || strings.Contains(err.Error(), "\n") {
		t.Errorf("self-signed: %v", err)
	}
	// Trusted, the same server takes the login: the refusal was the
	// certificate's.
	box, err := Open(s, pw, cert.Pool)
	if err != nil {
		t.Fatal(err)
	}
	box.Close()
}

func TestConfiguredFolderMustExist(t *testing.T) {
	d := mailtest.StartDovecot(t, nil)
	s := &config.IMAP{Server: config.Server{Host: "127.0.0.1", Port: d.Port, TLS: config.TLSNone, Username: d.Username, PasswordEnv: "PW"}, Drafts: "Entwürfe"}
	_, err := Open(s, env(map[string]string{"PW": d.Password}), nil)
	if err == nil || !strings.Contains(err.Error(), `no folder "Entwürfe"`) {
		t.Errorf("err = %v", err)
	}
}

// A draft to an address with other characters than ASCII before the @
// (RFC 6532 headers, which --save-draft writes as eml prints them) is
// taken by the IMAP server and reads back byte for byte.
func TestDraftToAnInternationalAddress(t *testing.T) {
	d := mailtest.StartDovecot(t, nil)
	s := &config.IMAP{Server: config.Server{Host: "127.0.0.1", Port: d.Port, TLS: config.TLSNone, Username: d.Username, PasswordCommand: "echo '" + d.Password + "'"}}
	box, err := Open(s, env(nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	eml := strings.Replace(string(draft(1)), "R1 <r1@example.org>", "José <josé@xn--bcher-kva.example>", 1)
	if err := box.Append([]byte(eml), time.Now()); err != nil {
		t.Fatal(err)
	}
	box.Close()
	msgs, body := readDrafts(t, d)
	if len(msgs) != 1 {
		t.Fatalf("Drafts holds %d messages, want 1", len(msgs))
	}
	if got := strings.ReplaceAll(string(msgs[0].FindBodySection(body)), "\r\n", "\n"); got != eml {
		t.Errorf("the draft reads back as\n%q\nwant\n%q", got, eml)
	}
}

// A draft with no recipient yet is saved each time and leaves the
// drafts log one that the next run reads: the log keeps what it can
// know again, and a line an earlier version wrote for such a draft
// does not stop later runs.
func TestDraftWithNoRecipientLeavesAReadableLog(t *testing.T) {
	d := mailtest.StartDovecot(t, nil)
	s := &config.IMAP{Server: config.Server{Host: "127.0.0.1", Port: d.Port, TLS: config.TLSNone, Username: d.Username, PasswordCommand: "echo '" + d.Password + "'"}}
	path := filepath.Join(t.TempDir(), "decline", "drafts.jsonl")
	// The line an earlier version wrote.
	os.MkdirAll(filepath.Dir(path), 0o700)
	os.WriteFile(path, []byte(`{"message_id":"<old@example.com>","to":"","kind":"decline","lang":"en","time":"2026-12-01T03:00:00Z"}`+"\n"), 0o600)
	eml := []byte(strings.Replace(string(draft(1)), "To: R1 <r1@example.org>\n", "", 1))
	for range 2 {
		log, err := send.OpenLog(path)
		if err != nil {
			t.Fatal(err)
		}
		box, err := Open(s, env(nil), nil)
		if err != nil {
			t.Fatal(err)
		}
		r := &send.Run{Transport: box, Log: log}
		err = r.Send(context.Background(), &send.Item{Source: "note", To: "", Kind: "decline", Lang: "en", EML: eml})
		box.Close()
		log.Close()
		if err != nil || r.Counts != (send.Counts{Sent: 1}) {
			t.Fatalf("%v %+v", err, r.Counts)
		}
	}
	if msgs, _ := readDrafts(t, d); len(msgs) != 2 {
		t.Errorf("Drafts holds %d messages, want 2", len(msgs))
	}
	data, _ := os.ReadFile(path)
	if strings.Count(string(data), "\n") != 1 {
		t.Errorf("the log holds\n%s", data)
	}
}

// The drafts log speaks of drafts saved, never of messages sent.
func TestDraftsLogSpeaksOfDrafts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "drafts.jsonl")
	os.WriteFile(path, []byte("hello\n"), 0o600)
	_, err := send.OpenLog(path)
	if err == nil || !strings.Contains(err.Error(), "drafts.jsonl:1: the drafts log has a line it cannot read, so it cannot tell whether that message was saved as a draft") || strings.Contains(err.Error(), "send log") {
		t.Errorf("error %v", err)
	}
}
