package config

import (
	"strings"
	"testing"
	"time"
)

func TestMailServers(t *testing.T) {
	c, err := Parse([]byte(`address: "Pat Morgan <pat@example.com>"
smtp:  {host: smtp.example.com, port: 587, username: pat, password_command: "pass show mail", tls: starttls}
imap:  {host: imap.example.com, username: pat, password_env: IMAP_PASSWORD, drafts: Drafts}
sendmail: "msmtp -t"
`))
	if err != nil {
		t.Fatal(err)
	}
	if s := c.SMTP; s.Addr() != "smtp.example.com:587" || s.TLS != TLSStart || s.PasswordCommand != "pass show mail" {
		t.Errorf("smtp = %+v", s)
	}
	// An IMAP server without a port or tls is IMAPS on 993.
	if i := c.IMAP; i.Addr() != "imap.example.com:993" || i.TLS != TLSImplicit || i.PasswordEnv != "IMAP_PASSWORD" || i.Drafts != "Drafts" {
		t.Errorf("imap = %+v", i)
	}
	if c.Sendmail != "msmtp -t" {
		t.Errorf("sendmail = %q", c.Sendmail)
	}
	for _, tc := range []struct{ yaml, port, tls string }{
		{"smtp: {host: h.example}", "587", TLSStart},
		{"smtp: {host: h.example, port: 465}", "465", TLSImplicit},
		{"smtp: {host: h.example, tls: tls}", "465", TLSImplicit},
		{"smtp: {host: localhost, port: 2525, tls: none}", "2525", TLSNone},
		{"smtp: {host: 127.0.0.1, tls: none}", "587", TLSNone},
		{"imap: {host: '::1', tls: none}", "143", TLSNone},
	} {
		c, err := Parse([]byte(tc.yaml))
		if err != nil {
			t.Errorf("%s: %v", tc.yaml, err)
			continue
		}
		s := &Server{}
		if c.SMTP != nil {
			s = c.SMTP
		} else {
			s = &c.IMAP.Server
		}
		if !strings.HasSuffix(s.Addr(), ":"+tc.port) || s.TLS != tc.tls {
			t.Errorf("%s: %s %s, want port %s and %s", tc.yaml, s.Addr(), s.TLS, tc.port, tc.tls)
		}
	}
}

func TestMailServerRefusals(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{"smtp: {host: smtp.example.com, username: pat, password: hunter2}", "never read from the config file"},
		{"smtp: {host: smtp.example.com, tls: none}", "allowed only for a server on this machine"},
		{"imap: {host: 10.0.0.1, tls: none}", "allowed only for a server on this machine"},
		{"smtp: {host: smtp.example.com, tls: ssl}", "it must be tls"},
		{"smtp: {host: smtp.example.com, username: pat}", "needs a password"},
		{"smtp: {host: smtp.example.com, password_env: PW}", "needs a username"},
		{"smtp: {host: smtp.example.com, username: pat, password_env: 'A B'}", "not the name of an environment variable"},
		{"smtp: {host: smtp.example.com, username: pat, password_env: PW, password_command: x}", "not both"},
		{"smtp: {host: smtp.example.com, username: pat, password_env: hunter2!}", "not the name of an environment variable"},
		{"smtp: {port: 25}", "not a host name"},
		{"smtp: {host: h.example, port: 70000}", "not a port number"},
		{"smtp: {host: h.example, drafts: Drafts}", `unknown setting "drafts" (known: host, port`},
		{"imap: {host: h.example, folder: Drafts}", `(known: host, port, username, password_command, password_env, tls, drafts)`},
		{"smtp: smtp.example.com", "a mail server is settings of its own"},
		{"sendmail: '  '", "sendmail is blank"},
		{"sendmail_timeout: soon", `sendmail_timeout "soon" is not a time`},
		{"sendmail_timeout: 0", "out of range"},
		{"sendmail_timeout: 500ms", "out of range"},
		{"sendmail_timeout: 2h", "out of range"},
		{"sendmail_timeout: -5", "out of range"},
		{"sendmail_timeout: 99999999999999999", "out of range"},
		{"sendmail_timeout: [1]", "must be text"},
	} {
		_, err := Parse([]byte(tc.yaml))
		if err != nil && strings.Contains(tc.yaml, "hunter2") && strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%s: %v shows what may be the password", tc.yaml, err)
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v, want one line with %q", tc.yaml, err, tc.want)
		}
	}
}

func TestSendmailWait(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"": DefaultSendmailTimeout, "sendmail_timeout: 90": 90 * time.Second, "sendmail_timeout: 2m": 2 * time.Minute,
		"sendmail_timeout: 1m30s": 90 * time.Second, "sendmail_timeout: ' 1h '": time.Hour, "sendmail_timeout: 1s": time.Second,
	} {
		c, err := Parse([]byte(in))
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if got := c.SendmailWait(); got != want {
			t.Errorf("%s: SendmailWait() = %v, want %v", in, got, want)
		}
	}
}

func TestLoopback(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost": true, "LOCALHOST.": true, "127.0.0.1": true, "127.8.9.1": true, "::1": true, "[::1]": true,
		"mail.localhost": true, "localhost.example.com": false, "10.0.0.1": false, "example.com": false, "": false,
	} {
		if got := Loopback(host); got != want {
			t.Errorf("Loopback(%q) = %v", host, got)
		}
	}
}
