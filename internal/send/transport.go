package send

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/wneessen/go-mail/smtp"

	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/safetext"
)

// Transport takes messages to the user's mail server, one at a time.
type Transport interface {
	// Send sends one message, as deliver.EML prints it, to the address
	// to. A *RefusedError means the server refused this message and the
	// next may still go; any other error ends the run.
	Send(ctx context.Context, to string, eml []byte) error
	Close() error
}

// RefusedError is a message the server would not take, such as an
// unknown recipient: the others can still be sent.
type RefusedError struct {
	To  string
	Msg string
	// Command and Status are the sendmail command and its exit status,
	// when it was the command that refused.
	Command string
	Status  int
	// Why, when set, is why the message was not offered to the server
	// at all.
	Why string
}

func (e *RefusedError) Error() string {
	if e.Why != "" {
		return fmt.Sprintf("the message to %s was not sent: %s", e.To, e.Why)
	}
	if e.Command != "" {
		return fmt.Sprintf("the sendmail command %s exited with status %d, so the message to %s was not sent: check the command and its own settings: %s", safetext.Quote(e.Command), e.Status, e.To, e.Msg)
	}
	return fmt.Sprintf("the server refused the message to %s: %s", e.To, e.Msg)
}

// Timeout bounds one exchange with a server.
const Timeout = 30 * time.Second

// Open connects to the transport the configuration names: the sendmail
// command when it is set, else the SMTP server, logging in with the
// password from its command or variable. from is the user's address,
// the envelope sender.
func Open(ctx context.Context, c *config.Config, env config.Env, from string) (Transport, error) {
	if c.Sendmail != "" {
		return &Sendmail{Command: c.Sendmail, Timeout: c.SendmailWait()}, nil
	}
	if c.SMTP == nil {
		return nil, errors.New("there is no mail server to send through: add smtp (or sendmail) to config.yaml")
	}
	return DialSMTP(ctx, c.SMTP, env, from, nil)
}

// SMTP sends through an SMTP server, over one connection, which it
// opens again once when the server dropped it (a server closes a
// connection left idle between paced messages).
type SMTP struct {
	server *config.Server
	conn   *smtp.Client
	from   string
	// password and tlsConfig open the connection again.
	password  string
	tlsConfig *tls.Config
	// utf8 is true when the server takes addresses with characters
	// other than ASCII (SMTPUTF8).
	utf8 bool
}

// DialSMTP connects and logs in. roots, when not nil, replaces the
// system's certificate authorities (for tests).
func DialSMTP(ctx context.Context, s *config.Server, env config.Env, from string, roots *x509.CertPool) (*SMTP, error) {
	if from == "" {
		return nil, errors.New("sending needs your own address for the envelope: set address in config.yaml")
	}
	a, err := deliver.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("your address %s %v", safetext.Quote(from), err)
	}
	var pw string
	if s.Username != "" {
		if pw, err = Password("smtp", s, env); err != nil {
			return nil, err
		}
	}
	tc := &tls.Config{ServerName: strings.Trim(s.Host, "[]"), RootCAs: roots, MinVersion: tls.VersionTLS12}
	conn, err := dial(ctx, s, pw, tc)
	if err != nil {
		return nil, ServerError("smtp", s, err)
	}
	t := &SMTP{server: s, conn: conn, from: deliver.AddrSpec(a.Address), password: pw, tlsConfig: tc}
	// go-mail asks for SMTPUTF8 on every message when the server offers
	// it; without it, an address that needs it cannot be sent.
	t.utf8, _ = conn.Extension("SMTPUTF8")
	if deliver.NeedsUTF8(t.from) && !t.utf8 {
		t.Close()
		return nil, fmt.Errorf("your address %s has characters other than ASCII before the @, which the smtp server %s does not take (it does not offer SMTPUTF8), so nothing was sent: give an ASCII address in address in config.yaml, or send through a server that offers SMTPUTF8", safetext.Quote(t.from), s.Addr())
	}
	return t, nil
}

// Send sends one message over the connection.
func (t *SMTP) Send(ctx context.Context, to string, eml []byte) error {
	a, err := deliver.ParseAddress(to)
	if err != nil {
		return &RefusedError{To: to, Msg: "not an email address"}
	}
	if deliver.NeedsUTF8(a.Address) && !t.utf8 {
		return &RefusedError{To: deliver.AddrSpec(a.Address), Why: fmt.Sprintf("the address has characters other than ASCII before the @, which the smtp server %s does not take (it does not offer SMTPUTF8): give an ASCII address for this person, or send through a server that offers SMTPUTF8", t.server.Addr())}
	}
	rcpt := deliver.AddrSpec(a.Address)
	err = t.envelope(rcpt)
	if errors.Is(err, errDropped) {
		// Nothing of the message went: open the connection again and
		// try once more.
		t.conn.Close()
		conn, derr := dial(ctx, t.server, t.password, t.tlsConfig)
		if derr != nil {
			return &UnsentError{Err: ServerError("smtp", t.server, derr)}
		}
		t.conn = conn
		err = t.envelope(rcpt)
	}
	var refused *RefusedError
	switch {
	case errors.Is(err, errDropped):
		return &UnsentError{Err: ServerError("smtp", t.server, errors.Unwrap(err))}
	case errors.As(err, &refused):
		return err
	case err != nil:
		return &UnsentError{Err: err}
	}
	w, err := t.conn.Data()
	if err != nil {
		if err = t.refused(rcpt, err); !errors.As(err, &refused) {
			err = &UnsentError{Err: err}
		}
		return err
	}
	// The data writer ends lines in CRLF and escapes a leading dot, as
	// SMTP needs; the message arrives as deliver wrote it.
	if _, err := w.Write(eml); err != nil {
		return ServerError("smtp", t.server, err)
	}
	if err := w.Close(); err != nil {
		return t.refused(deliver.AddrSpec(a.Address), err)
	}
	return nil
}

// errDropped wraps the failure of a connection the server dropped
// before the message's text went: sending again is safe.
var errDropped = errors.New("connection dropped")

type droppedError struct{ err error }

func (e *droppedError) Error() string        { return e.err.Error() }
func (e *droppedError) Unwrap() error        { return e.err }
func (e *droppedError) Is(target error) bool { return target == errDropped }

// envelope names the sender and the recipient of the next message. A
// connection that broke, or a server that says it is closing it (421),
// is a droppedError.
func (t *SMTP) envelope(rcpt string) error {
	if err := t.conn.UpdateDeadline(Timeout); err != nil {
		return &droppedError{err}
	}
	if err := t.conn.Mail("<" + t.from + ">"); err != nil {
		var te *textproto.Error
		if !errors.As(err, &te) || te.Code == 421 {
			return &droppedError{err}
		}
		return fmt.Errorf("the smtp server %s refused %s as the sender: %s", t.server.Addr(), t.from, safetext.Escape(oneLine(fmt.Sprintf("%d %s", te.Code, te.Msg))))
	}
	if err := t.conn.Rcpt("<" + rcpt + ">"); err != nil {
		var te *textproto.Error
		if !errors.As(err, &te) || te.Code == 421 {
			return &droppedError{err}
		}
		return t.refused(rcpt, err)
	}
	return nil
}

// UnsentError is a failure before the server took the message's text:
// the message did not go, and a later run sends it.
type UnsentError struct{ Err error }

func (e *UnsentError) Error() string { return e.Err.Error() }
func (e *UnsentError) Unwrap() error { return e.Err }

// refused reports a server's answer: a refusal of this message when
// the server said no (4xx, 5xx), else a broken connection.
func (t *SMTP) refused(to string, err error) error {
	var te *textproto.Error
	if errors.As(err, &te) {
		_ = t.conn.Reset()
		return &RefusedError{To: to, Msg: safetext.Escape(fmt.Sprintf("%d %s", te.Code, oneLine(te.Msg)))}
	}
	return ServerError("smtp", t.server, err)
}

// Close says goodbye to the server.
func (t *SMTP) Close() error {
	if !t.conn.HasConnection() {
		return nil
	}
	return t.conn.Quit()
}

// ServerError words a failure to reach or use a server in one line
// that says what to check, with the library's words after a colon: a
// certificate that does not verify, a refused login, a refused
// connection, a name that does not resolve, no answer.
func ServerError(key string, s *config.Server, err error) error {
	where := fmt.Sprintf("%s server %s", key, s.Addr())
	detail := safetext.Escape(oneLine(err.Error()))
	var (
		unknownCA *x509.UnknownAuthorityError
		hostname  x509.HostnameError
		invalid   x509.CertificateInvalidError
		verify    *tls.CertificateVerificationError
		te        *textproto.Error
		ne        net.Error
		dns       *net.DNSError
		op        *net.OpError
	)
	var record tls.RecordHeaderError
	switch {
	case errors.As(err, &record):
		return fmt.Errorf("the %s does not speak TLS from the first byte, as tls: %s in the %s settings expects (usually port 465 or 993): give tls: starttls, or the port that speaks TLS; tls: none is for a server on this machine (localhost) only", where, s.TLS, key)
	case strings.Contains(err.Error(), "does not support STARTTLS"):
		return fmt.Errorf("the %s does not offer STARTTLS, which tls: %s in the %s settings needs, so nothing was sent unencrypted: give the port that speaks TLS with tls: tls; tls: none is for a server on this machine (localhost) only", where, s.TLS, key)
	case errors.As(err, &unknownCA), errors.As(err, &hostname), errors.As(err, &invalid), errors.As(err, &verify):
		return fmt.Errorf("the certificate of the %s does not verify, so nothing was sent to it: check that host in the %s settings is the name on the certificate, or trust the CA that signed it with SSL_CERT_FILE=ca.pem: %s", where, key, detail)
	case IsAuth(err) || errors.As(err, &te) && (te.Code == 535 || te.Code == 534 || te.Code == 530):
		return AuthError(key, s, detail)
	case errors.As(err, &dns):
		return fmt.Errorf("cannot find the %s: check host in the %s settings: %s", where, key, safetext.Escape(oneLine(dns.Err)))
	case errors.As(err, &ne) && ne.Timeout():
		return fmt.Errorf("the %s did not answer in %s: check host and port in the %s settings, and the network", where, Timeout, key)
	case errors.As(err, &op):
		return fmt.Errorf("cannot reach the %s: check host and port in the %s settings, and that the server runs: %s", where, key, safetext.Escape(oneLine(op.Err.Error())))
	}
	return fmt.Errorf("the %s failed: %s", where, detail)
}

// IsAuth reports an SMTP login the server refused.
func IsAuth(err error) bool { return strings.Contains(err.Error(), "AUTH failed") }

// AuthError is a login the server refused, with its own words.
func AuthError(key string, s *config.Server, detail string) error {
	what := "the password that password_command prints"
	if s.PasswordEnv != "" {
		what = "the password in $" + s.PasswordEnv
	}
	return fmt.Errorf("the %s server %s refused the username and password: check username in the %s settings and %s (an app password, where the provider gives them): %s", key, s.Addr(), key, what, oneLine(detail))
}

// oneLine is Redact.
func oneLine(s string) string { return Redact(s) }

// isBase64Run reports whether w looks like encoded credentials: 12 or
// more characters of the base64 alphabet, not starting with '/' (a
// path), with a letter and a digit, '+', '/' or '=', or with three
// capitals and three small letters or more (so that a long word, or
// "AuthenticationFailed", is not taken).
func isBase64Run(w string) bool {
	if len(w) < 12 || w[0] == '/' {
		return false
	}
	var lower, upper, other int
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= 'a' && c <= 'z':
			lower++
		case c >= 'A' && c <= 'Z':
			upper++
		case c >= '0' && c <= '9', c == '+', c == '/', c == '=':
			other++
		default:
			return false
		}
	}
	return lower+upper > 0 && other > 0 || lower >= 3 && upper >= 3
}

// Sendmail sends each message through a command that reads it, with its
// headers, on standard input, such as "msmtp -t" or "sendmail -t".
type Sendmail struct {
	Command string
	// Timeout bounds one run of the command (sendmail_timeout);
	// config.DefaultSendmailTimeout when it is 0.
	Timeout time.Duration
}

// Send runs the command once for the message. The command decides the
// recipients from the headers; an exit status other than 0 is a refusal
// of this message.
//
// The message is on standard input as an unlinked temporary file, not
// a pipe: the file's offset, shared with the command, tells how much it
// read. A command that exits 0 before it read the whole message (a
// wrong option, a wrapper that reads a line) has not sent it whole, and
// that ends the run. A command that reads everything and then drops it
// cannot be told from one that sends it.
func (s *Sendmail) Send(ctx context.Context, to string, eml []byte) error {
	in, err := tempInput(eml)
	if err != nil {
		return err
	}
	defer in.Close()
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = config.DefaultSendmailTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := shell(ctx, s.Command)
	// At the timeout the whole process group goes, as for a password
	// command: a child left behind would hold the output pipe open.
	killGroup(cmd)
	cmd.WaitDelay = time.Second
	cmd.Stdin = in.File // a file, not a Reader, for the command to share its offset
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	quoted := safetext.Quote(s.Command)
	// A command that exits 0 while a child it started in the background
	// (a queue runner delivering the message) still holds its output
	// open has run: Go says so with ErrWaitDelay once the second is up.
	// It is judged, as any that exits 0, by how much it read.
	if err := cmd.Run(); err != nil && !errors.Is(err, exec.ErrWaitDelay) {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return fmt.Errorf("the sendmail command %s did not finish in %s and was stopped (sendmail_timeout in the configuration sets how long it may take)", quoted, timeout)
		}
		var ee interface{ ExitCode() int }
		msg := firstLine(out.String())
		if msg == "" {
			msg = err.Error()
		}
		if errors.As(err, &ee) && ee.ExitCode() > 0 {
			return &RefusedError{To: to, Msg: safetext.Escape(Redact(msg)), Command: s.Command, Status: ee.ExitCode()}
		}
		return fmt.Errorf("the sendmail command %s did not run: check sendmail in the configuration: %s", quoted, safetext.Escape(Redact(msg)))
	}
	if read, err := in.Seek(0, io.SeekCurrent); err == nil && read < int64(len(eml)) {
		return fmt.Errorf("the sendmail command %s exited with status 0 after reading %d of the %d bytes of the message to %s, so it was not counted as sent: check that it reads the whole message on standard input, as msmtp -t and sendmail -t do", quoted, read, len(eml), to)
	}
	return nil
}

// tempInput is a file holding data, read from its start, whose name is
// gone already where the system allows it.
func tempInput(data []byte) (*tempFile, error) {
	f, err := os.CreateTemp("", "decline-send-*.eml")
	if err != nil {
		return nil, fmt.Errorf("cannot write the message for the sendmail command: %v", cause(err))
	}
	t := &tempFile{File: f}
	if os.Remove(f.Name()) != nil {
		t.remove = true // Windows: removed after it is closed
	}
	_, err = f.Write(data)
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		t.Close()
		return nil, fmt.Errorf("cannot write the message for the sendmail command: %v", cause(err))
	}
	return t, nil
}

type tempFile struct {
	*os.File
	remove bool
}

func (t *tempFile) Close() error {
	err := t.File.Close()
	if t.remove {
		os.Remove(t.Name())
	}
	return err
}

// Close does nothing: each message had its own command.
func (s *Sendmail) Close() error { return nil }
