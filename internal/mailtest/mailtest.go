// Package mailtest is for tests only: it starts real mail servers on
// loopback, mailpit for SMTP and Dovecot for IMAP, each with a
// throwaway configuration that the test's end removes. A missing server
// ends the test through testenv: a skip locally, a failure in CI.
package mailtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/decline-cli/decline/internal/testenv"
)

// FreePort returns a loopback port nobody listens on now.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// waitListening waits until something accepts connections on port.
func waitListening(t testing.TB, port int, what string, logs func() string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		c, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(port), time.Second)
		if err == nil {
			c.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s did not start listening on port %d: %s", what, port, logs())
}

// Cert is a self-signed certificate for 127.0.0.1 and localhost, which
// no system trusts: Pool holds it for a test that wants it verified.
type Cert struct {
	CertFile, KeyFile string
	Pool              *x509.CertPool
}

// SelfSigned makes a certificate in dir.
func SelfSigned(t testing.TB, dir string) *Cert {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "localhost"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA: true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	c := &Cert{CertFile: filepath.Join(dir, "cert.pem"), KeyFile: filepath.Join(dir, "key.pem"), Pool: x509.NewCertPool()}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	if err := os.WriteFile(c.CertFile, certPEM, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(c.KeyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o644); err != nil {
		t.Fatal(err)
	}
	c.Pool.AppendCertsFromPEM(certPEM)
	return c
}

// Mailpit is a running mailpit: an SMTP server that keeps every
// message it accepts, read back through its HTTP API.
type Mailpit struct {
	SMTPPort int
	api      string
}

// MailpitOptions change how mailpit runs.
type MailpitOptions struct {
	// Username and Password require SMTP login.
	Username, Password string
	// Cert serves SMTP over TLS from the first byte.
	Cert *Cert
	// AllowedRecipients is a regular expression; mailpit refuses any
	// other recipient.
	AllowedRecipients string
}

// mailpitPath finds mailpit on PATH or in $(go env GOPATH)/bin, where
// .ci/run's go install puts it.
func mailpitPath(t testing.TB) string {
	t.Helper()
	if p, err := exec.LookPath("mailpit"); err == nil {
		return p
	}
	gopath, err := exec.Command("go", "env", "GOPATH").Output()
	if err == nil {
		for _, dir := range filepath.SplitList(strings.TrimSpace(string(gopath))) {
			p := filepath.Join(dir, "bin", "mailpit")
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	testenv.Missing(t, "mailpit is not installed (.ci/run installs it with go install); skipping the real SMTP server test")
	return ""
}

// StartMailpit starts mailpit on two free loopback ports; the test's end
// stops it.
func StartMailpit(t testing.TB, o MailpitOptions) *Mailpit {
	t.Helper()
	bin := mailpitPath(t)
	dir := t.TempDir()
	m := &Mailpit{SMTPPort: FreePort(t)}
	httpPort := FreePort(t)
	m.api = fmt.Sprintf("http://127.0.0.1:%d/api/v1", httpPort)
	args := []string{
		"--smtp", fmt.Sprintf("127.0.0.1:%d", m.SMTPPort), "--listen", fmt.Sprintf("127.0.0.1:%d", httpPort),
		"--database", filepath.Join(dir, "mailpit.db"), "--disable-version-check", "--quiet",
		"--max", "0", "--smtp-disable-rdns",
	}
	if o.Username != "" {
		if err := os.WriteFile(filepath.Join(dir, "auth"), []byte(o.Username+":"+o.Password+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, "--smtp-auth-file", filepath.Join(dir, "auth"))
		if o.Cert == nil {
			args = append(args, "--smtp-auth-allow-insecure")
		}
	}
	if o.Cert != nil {
		args = append(args, "--smtp-tls-cert", o.Cert.CertFile, "--smtp-tls-key", o.Cert.KeyFile, "--smtp-require-tls")
	}
	if o.AllowedRecipients != "" {
		args = append(args, "--smtp-allowed-recipients", o.AllowedRecipients)
	}
	logs := startServer(t, bin, args...)
	waitListening(t, m.SMTPPort, "mailpit", logs)
	waitListening(t, httpPort, "mailpit's API", logs)
	return m
}

// startServer runs a server until the test's end, and returns what it
// has printed so far, for the message of a server that does not start.
func startServer(t testing.TB, bin string, args ...string) (logs func() string) {
	t.Helper()
	var out strings.Builder
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	return out.String
}

func (m *Mailpit) get(t testing.TB, path string) []byte {
	t.Helper()
	resp, err := http.Get(m.api + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("mailpit %s: %d %v %s", path, resp.StatusCode, err, data)
	}
	return data
}

// Summary is one message as mailpit lists it.
type Summary struct {
	ID        string
	MessageID string
	To        []struct{ Address string }
	// Bcc are the envelope's recipients that no header names.
	Bcc []struct{ Address string }
}

// Messages lists every message mailpit holds, newest first.
func (m *Mailpit) Messages(t testing.TB) []Summary {
	t.Helper()
	// While messages arrive, the total and the list can disagree: ask
	// again until they agree.
	for try := 0; ; try++ {
		var list struct {
			Total    int
			Messages []Summary
		}
		if err := json.Unmarshal(m.get(t, "/messages?limit=1000"), &list); err != nil {
			t.Fatal(err)
		}
		if list.Total == len(list.Messages) {
			return list.Messages
		}
		if try == 50 {
			t.Fatalf("mailpit holds %d messages, listed %d", list.Total, len(list.Messages))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Raw returns a message as mailpit received it.
func (m *Mailpit) Raw(t testing.TB, id string) []byte {
	t.Helper()
	return m.get(t, "/message/"+id+"/raw")
}

// StripTransport removes the headers a server adds on the way in
// (Return-Path, Received) from the top of a message with LF line ends.
func StripTransport(raw string) string {
	for strings.HasPrefix(raw, "Received: ") || strings.HasPrefix(raw, "Return-Path: ") {
		_, raw, _ = strings.Cut(raw, "\n")
		for strings.HasPrefix(raw, " ") || strings.HasPrefix(raw, "\t") {
			_, raw, _ = strings.Cut(raw, "\n")
		}
	}
	return raw
}

// Plain is a running aiosmtpd (Debian's python3-aiosmtpd): an SMTP
// server that, unlike mailpit, does not offer SMTPUTF8, and keeps what
// it accepts in the Maildir Dir.
type Plain struct {
	SMTPPort int
	Dir      string
}

// StartPlain starts aiosmtpd on a free loopback port, with Debian's own
// python3, which has the package; the test's end stops it.
func StartPlain(t testing.TB) *Plain {
	t.Helper()
	const python = "/usr/bin/python3"
	if exec.Command(python, "-c", "import aiosmtpd").Run() != nil {
		testenv.Missing(t, "aiosmtpd is not installed (.ci/run installs python3-aiosmtpd); skipping the SMTP server without SMTPUTF8")
	}
	p := &Plain{SMTPPort: FreePort(t), Dir: filepath.Join(t.TempDir(), "Maildir")}
	logs := startServer(t, python, "-m", "aiosmtpd", "-n", "-l", fmt.Sprintf("127.0.0.1:%d", p.SMTPPort), "-c", "aiosmtpd.handlers.Mailbox", p.Dir)
	waitListening(t, p.SMTPPort, "aiosmtpd", logs)
	return p
}

// Messages returns the messages the server kept, as they arrived.
func (p *Plain) Messages(t testing.TB) []string {
	t.Helper()
	var out []string
	for _, sub := range []string{"new", "cur"} {
		des, err := os.ReadDir(filepath.Join(p.Dir, sub))
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		for _, de := range des {
			data, err := os.ReadFile(filepath.Join(p.Dir, sub, de.Name()))
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, string(data))
		}
	}
	return out
}
